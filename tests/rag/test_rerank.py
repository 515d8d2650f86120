from __future__ import annotations

import pytest
from llama_index.core.schema import TextNode

from rag.extract import SentenceRanker
from rag.rerank import SentenceReranker, marker_anchors
from rag.retrieve import Hit
from rag.terms import Vocabulary

BORDER = (
    "Tăng cường thông tin, tuyên truyền đối với cư dân biên giới để hạn chế xuất cảnh trái phép."
)
HYGIENE = "Tuyên truyền, vận động nhân dân tham gia giữ gìn vệ sinh môi trường."
QUESTION = "Tuyên truyền vận động bà con làm gì?"


class FakeView:
    """What re-ranking reads of an index view: the sentence ranker, and the footnotes given."""

    def __init__(self, ranker: SentenceRanker, notes: dict[int, TextNode] | None = None) -> None:
        self.ranker = ranker
        self.notes = notes or {}

    def footnote(self, doc: str, number: int) -> TextNode | None:
        return self.notes.get(number)


def _reranked(reranker: SentenceReranker) -> list[str]:
    """The order of two passages the fused search ranks border first, hygiene a little lower,
    whose best sentences share little of the question (the hygiene one the more)."""
    texts = [BORDER, HYGIENE, "Diện tích lúa đạt 100 ha.", "Khách du lịch đạt 2.351 nghìn lượt."]
    ranker = SentenceRanker(Vocabulary([TextNode(text=t) for t in texts]))
    hits = [
        Hit(TextNode(id_="border", text=BORDER, metadata={}), score=1.0),
        Hit(TextNode(id_="hygiene", text=HYGIENE, metadata={}), score=0.8),
    ]
    ranked, _ = reranker.rerank(FakeView(ranker), hits, ranker.terms(QUESTION), None)  # type: ignore[arg-type]
    return [hit.node_id for hit in ranked]


def test_the_sentence_that_answers_more_of_the_question_lifts_its_passage() -> None:
    assert _reranked(SentenceReranker(weight=0.45)) == ["hygiene", "border"]


def test_a_question_worded_apart_from_every_passage_trusts_the_fused_ranking_more() -> None:
    """No sentence covers half the question: the sentence scores weigh half as much."""
    apart = SentenceReranker(weight=0.45, worded_apart=0.5, worded_apart_weight=0.225)
    assert _reranked(apart) == ["border", "hygiene"]
    # A sentence covering more than the floor: the question is worded as the reports word it.
    close = SentenceReranker(weight=0.45, worded_apart=0.3, worded_apart_weight=0.225)
    assert _reranked(close) == ["hygiene", "border"]


CHANGE = "Ngành công nghiệp sản xuất, phân phối điện giảm 1,7%."
AMOUNT = "Sản lượng điện sản xuất đạt 680 triệu kWh, tăng 1,33%."


def _change_or_amount(question: str) -> list[str]:
    """The order of a passage giving only a change, ranked first by the fused search, and one
    giving an amount a little lower."""
    texts = [CHANGE, AMOUNT, "Diện tích lúa đạt 100 ha.", "Khách du lịch đạt 2.351 nghìn lượt."]
    ranker = SentenceRanker(Vocabulary([TextNode(text=t) for t in texts]))
    hits = [
        Hit(TextNode(id_="change", text=CHANGE, metadata={}), score=1.0),
        Hit(TextNode(id_="amount", text=AMOUNT, metadata={}), score=0.7),
    ]
    terms = ranker.terms(question)
    ranked, _ = SentenceReranker(weight=0.45).rerank(FakeView(ranker), hits, terms, None)  # type: ignore[arg-type]
    return [hit.node_id for hit in ranked]


def test_asked_an_amount_a_change_gives_way_to_an_amount_nearly_as_good() -> None:
    assert _change_or_amount("Sản xuất điện đạt bao nhiêu?") == ["amount", "change"]
    # The change is what is asked, or the amount is far behind: the order stays.
    assert _change_or_amount("Sản xuất điện giảm bao nhiêu?")[0] == "change"
    assert _change_or_amount("Ngành sản xuất, phân phối điện đạt bao nhiêu?")[0] == "change"


COMMUNES = (
    "Đối với 10 xã phấn đấu đạt chuẩn nông thôn mới và 05 xã đạt chuẩn nông thôn mới nâng cao "
    "năm 2021, đến nay đã có 08 xã được công nhận đạt chuẩn nông thôn mới⁴ và 03 xã được công "
    "nhận đạt chuẩn nông thôn mới nâng cao⁵."
)


def test_each_marker_closes_its_own_clause() -> None:
    assert marker_anchors(COMMUNES) == {
        4: "đến nay đã có 08 xã được công nhận đạt chuẩn nông thôn mới",
        5: " và 03 xã được công nhận đạt chuẩn nông thôn mới nâng cao",
    }
    assert marker_anchors("Gồm: vốn trong nước¹; vốn nước ngoài².") == {
        1: "vốn trong nước",
        2: "vốn nước ngoài",
    }
    assert marker_anchors("Không có chú thích.") == {}


def test_of_two_notes_the_one_on_the_clause_asked_comes_first() -> None:
    """The sentence's opening names both kinds of commune; each note lists one kind."""
    notes = {
        4: "Là các xã Thiện Long, huyện Bình Gia; Điềm He, huyện Văn Quan; Quan Sơn, huyện Chi Lăng.",
        5: "Là các xã Bằng Mạc, huyện Chi Lăng; Hữu Khánh, huyện Lộc Bình; Đình Lập, huyện Đình Lập.",
    }
    nodes = {
        n: TextNode(id_=f"fn{n}", text=t, metadata={"doc": "d", "kind": "footnote", "footnote": n})
        for n, t in notes.items()
    }
    texts = [
        COMMUNES,
        *notes.values(),
        "Diện tích lúa đạt 100 ha.",
        "Khách du lịch đạt 2.351 nghìn lượt.",
    ]
    ranker = SentenceRanker(Vocabulary([TextNode(text=t) for t in texts]))
    hits = [Hit(TextNode(id_="body", text=COMMUNES, metadata={"doc": "d"}), score=1.0)]
    terms = ranker.terms("Ba xã đạt chuẩn nông thôn mới nâng cao là những xã nào?")
    ranked, _ = SentenceReranker().rerank(FakeView(ranker, nodes), hits, terms, None)  # type: ignore[arg-type]
    order = [hit.node_id for hit in ranked]
    assert order.index("fn5") < order.index("fn4")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"candidates": 0}, "candidates must be positive"),
        ({"weight": 1.5}, "weight must be between 0 and 1"),
        ({"worded_apart_weight": -0.1}, "worded_apart_weight must be between 0 and 1"),
    ],
)
def test_arguments_are_checked(arguments: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SentenceReranker(**arguments)  # type: ignore[arg-type]
