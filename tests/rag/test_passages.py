"""Passages as shown: neighbouring chunks of one section, ranked one after the other, join."""

from __future__ import annotations

from typing import cast

from llama_index.core.schema import TextNode

from rag.answer import Answer, Citation
from rag.passages import join_neighbours, shown_as_passages
from rag.view import IndexView

DOC = "2020.txt"
TASKS = "III. Nhiệm vụ 6 tháng cuối năm"
LIMITS = "II. Khó khăn, hạn chế"


class FakeLexical:
    def __init__(self, nodes: list[TextNode]) -> None:
        self.nodes = {n.node_id: n for n in nodes}

    def node(self, node_id: str) -> TextNode:
        return self.nodes[node_id]


class FakeView:
    """What joining reads of an index view: the chunks, and the real walk beside one."""

    def __init__(self, nodes: list[TextNode]) -> None:
        self.lexical = FakeLexical(nodes)

    beside = IndexView.beside


def chunk(local: str, text: str, section: str = TASKS) -> TextNode:
    metadata = {"doc": DOC, "title": "Thông báo 6 tháng 2020", "period": "6 tháng đầu năm 2020"}
    metadata |= {"section": section, "kind": "footnote" if local.startswith("fn") else "body"}
    return TextNode(id_=f"{DOC}#{local}", text=text, metadata=metadata)


CHUNKS = [
    chunk("b1", "Tốc độ tăng trưởng kinh tế đạt thấp.", LIMITS),
    chunk("b2", "Tỉnh xác định không điều chỉnh các chỉ tiêu kế hoạch năm 2020."),
    chunk("b3", "Do đó, nhiệm vụ 6 tháng cuối năm hết sức nặng nề."),
    chunk("b4", "Tập trung giải ngân vốn đầu tư công."),
    chunk("fn1", "Gồm 12 dự án."),
]
VIEW = cast(IndexView, FakeView(CHUNKS))


def ids(*locals_: str) -> list[str]:
    return [f"{DOC}#{local}" for local in locals_]


def passages(*groups: str) -> list[tuple[str, ...]]:
    return [tuple(ids(*group.split("+"))) for group in groups]


def test_neighbours_ranked_one_after_the_other_are_one_passage_in_report_order() -> None:
    assert join_neighbours(VIEW, ids("b2", "b3", "fn1")) == passages("b2+b3", "fn1")
    assert join_neighbours(VIEW, ids("b3", "b2")) == passages("b2+b3")


def test_a_passage_joins_one_neighbour_at_most() -> None:
    assert join_neighbours(VIEW, ids("b2", "b3", "b4")) == passages("b2+b3", "b4")


def test_chunks_apart_in_the_ranking_or_the_report_stay_alone() -> None:
    assert join_neighbours(VIEW, ids("b2", "fn1", "b3")) == passages("b2", "fn1", "b3")
    assert join_neighbours(VIEW, ids("b2", "b4")) == passages("b2", "b4")


def test_neighbours_under_different_headings_stay_alone() -> None:
    assert join_neighbours(VIEW, ids("b1", "b2")) == passages("b1", "b2")


def test_an_unknown_chunk_stays_alone() -> None:
    assert join_neighbours(VIEW, ["gone.txt#b7", *ids("b2")]) == [("gone.txt#b7",), *passages("b2")]


def cite(n: int, local: str) -> Citation:
    node = VIEW.lexical.node(f"{DOC}#{local}")
    return Citation.from_node(n, node)


def test_two_sources_of_one_passage_become_one_and_markers_follow() -> None:
    answer = Answer(
        "Vì sao nhiệm vụ 6 tháng cuối năm nặng nề?",
        "“Do đó, …” [1] “… không điều chỉnh …” [2][3] Chi tiết: “Gồm 12 dự án.” [3] [2]",
        False,
        citations=[cite(1, "b3"), cite(2, "b2"), cite(3, "fn1")],
    )
    shown = shown_as_passages(VIEW, answer, passages("b2+b3", "fn1"))
    assert (
        shown.answer
        == "“Do đó, …” [1] “… không điều chỉnh …” [1][2] Chi tiết: “Gồm 12 dự án.” [2] [1]"
    )
    first, second = shown.citations
    assert (first.n, second.n) == (1, 2)
    assert first.chunk_ids == tuple(ids("b2", "b3")) and first.chunk_id == f"{DOC}#b2"
    assert first.text == f"{CHUNKS[1].text}\n{CHUNKS[2].text}"
    assert second.chunk_ids == tuple(ids("fn1")) and second.text == "Gồm 12 dự án."


def test_a_source_shows_the_neighbour_ranked_after_it() -> None:
    answer = Answer("q", "“…” [1]", False, citations=[cite(1, "b2")])
    shown = shown_as_passages(VIEW, answer, passages("b2+b3", "b4"))
    assert shown.answer == "“…” [1]"
    assert [c.chunk_ids for c in shown.citations] == passages("b2+b3")
    assert "Do đó" in shown.citations[0].text


def test_a_refusals_related_passages_are_joined_alike() -> None:
    answer = Answer(
        "q", "Không tìm thấy.", True, related=[cite(1, "b3"), cite(2, "b2"), cite(3, "b4")]
    )
    shown = shown_as_passages(VIEW, answer, passages("b2+b3", "b4"))
    assert [(c.n, c.chunk_ids) for c in shown.related] == list(
        zip([1, 2], passages("b2+b3", "b4"), strict=True)
    )
    assert shown.answer == "Không tìm thấy."


def test_a_citation_stored_without_its_chunk_ids_shows_its_own_chunk() -> None:
    stored = {**cite(1, "b4").__dict__}
    del stored["chunk_ids"]
    assert Citation(**stored).chunk_ids == (f"{DOC}#b4",)
