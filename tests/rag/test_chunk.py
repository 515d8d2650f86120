from __future__ import annotations

import pytest

from rag.chunk import Chunker, chunk_record, search_text
from rag.parse import parse_report
from rag.text import sentences, word_count
from tests.conftest import SEEDS, seed_report, seed_text


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker(max_words=120)


@pytest.mark.parametrize("year", list(SEEDS))
def test_one_chunk_per_footnote_and_no_closing_matter(chunker: Chunker, year: str) -> None:
    report = seed_report(year)
    nodes = chunker.chunk(report)
    footnotes = [n for n in nodes if n.metadata["kind"] == "footnote"]
    assert sorted(n.metadata["footnote"] for n in footnotes) == sorted(report.footnotes)
    assert not any("Nơi nhận" in n.text or "Lưu: VT" in n.text for n in nodes)
    assert len({n.node_id for n in nodes}) == len(nodes)


@pytest.mark.parametrize("year", list(SEEDS))
def test_passages_are_bounded_and_never_cut_a_sentence(chunker: Chunker, year: str) -> None:
    report = seed_report(year)
    body = [n for n in chunker.chunk(report) if n.metadata["kind"] == "body"]
    every_sentence = {s for p in report.paragraphs for s in sentences(p.text)}
    for node in body:
        if node.node_id.endswith("#head"):
            continue
        if word_count(node.text) > chunker.max_words:
            assert len(sentences(node.text)) == 1, node.node_id  # one long sentence
        for line in node.text.split("\n"):
            for sentence in sentences(line):
                assert sentence in every_sentence, (node.node_id, sentence[:60])


@pytest.mark.parametrize("year", list(SEEDS))
def test_all_body_text_lands_in_a_chunk(chunker: Chunker, year: str) -> None:
    report = seed_report(year)
    text = "\n".join(n.text for n in chunker.chunk(report))
    for paragraph in report.paragraphs:
        for sentence in sentences(paragraph.text):
            assert sentence in text


def test_ids_are_deterministic(chunker: Chunker) -> None:
    first = [n.node_id for n in chunker.chunk(parse_report(seed_text("2023"), SEEDS["2023"]))]
    second = [n.node_id for n in chunker.chunk(parse_report(seed_text("2023"), SEEDS["2023"]))]
    assert first == second
    assert first[0] == "002_7fc097a99f4f5691.txt#head"
    assert "002_7fc097a99f4f5691.txt#fn16" in first


def test_footnote_chunk_carries_citing_sentence_and_section(chunker: Chunker) -> None:
    nodes = {n.node_id: n for n in chunker.chunk(seed_report("2017"))}
    node = nodes["000_f2ef7d1ad17a3d94.txt#fn9"]
    record = chunk_record(node)
    assert record["kind"] == "footnote" and record["footnote"] == 9
    assert record["period"] == "tháng 11/2017 (11 tháng)"
    assert record["section"].endswith(
        "d) Đầu tư xây dựng, phát triển doanh nghiệp, xúc tiến đầu tư"
    )
    assert "11 tháng ước đạt 1.701,68 tỷ đồng" in record["context"]
    assert record["text"].endswith("vốn ODA 294,92 tỷ đồng, đạt 95,11% kế hoạch.")
    searched = search_text(node)
    assert "Giải ngân thanh toán các nguồn vốn" in searched and "vốn ODA 294,92" in searched
    assert "⁹" not in searched  # markers are not words


def test_record_shape_and_source_span(chunker: Chunker) -> None:
    source = seed_text("2023")
    for node in chunker.chunk(seed_report("2023")):
        record = chunk_record(node)
        assert set(record) >= {"id", "doc", "kind", "section", "footnote", "period", "text"}
        assert record["kind"] in ("body", "footnote")
        start, end = record["start"], record["end"]
        assert " ".join(source[start:end].split()).startswith(" ".join(record["text"][:15].split()))


def test_bound_is_checked() -> None:
    with pytest.raises(ValueError, match="max_words"):
        Chunker(max_words=5)


_TASKS = """\
UBND TỈNH LẠNG SƠN

BÁO CÁO
Tình hình kinh tế - xã hội tháng 6 năm 2024

I. KẾT QUẢ ĐẠT ĐƯỢC

Tổng thu ngân sách trên địa bàn ước đạt 3.100 tỷ đồng, tăng 5% so với cùng kỳ.

II. NHIỆM VỤ TRỌNG TÂM THÁNG 7

1. Đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu đến ngày 30/9 đạt trên 60% kế hoạch.

2. Tăng cường các biện pháp chống thất thu, thu hồi nợ đọng thuế.

3. Chuẩn bị tốt các điều kiện cho năm học mới 2024 - 2025.

4. {long}

5. Rà soát các dự án chậm tiến độ trên địa bàn tỉnh.

- Thu hồi các dự án quá thời hạn mà chủ đầu tư không triển khai.

- Báo cáo kết quả trước ngày 15/7.
"""


def _tasks_report(long_item: str) -> list[tuple[str, str]]:
    report = parse_report(_TASKS.format(long=long_item), "009_tasks.txt")
    return [
        (n.metadata["section"], n.text)
        for n in Chunker(max_words=120).chunk(report)
        if n.metadata["kind"] == "body" and not n.node_id.endswith("#head")
    ]


def test_short_items_each_a_paragraph_are_one_passage_under_their_list() -> None:
    long_item = "Tiếp tục cải thiện môi trường đầu tư, kinh doanh. " * 8
    passages = _tasks_report(long_item.strip())
    listed = [(s, t) for s, t in passages if "1. Đẩy nhanh" in t]
    assert len(listed) == 1
    section, text = listed[0]
    assert section == "II. NHIỆM VỤ TRỌNG TÂM THÁNG 7"  # the list's heading, not item 1's
    assert "2. Tăng cường" in text and "3. Chuẩn bị" in text
    # An item long enough to be a topic of its own, and one with lines under it, stand alone.
    assert "4. Tiếp tục" not in text and "5. Rà soát" not in text
    [item_section] = [s for s, t in passages if t.startswith("4. Tiếp tục")]
    assert item_section.startswith("II. NHIỆM VỤ TRỌNG TÂM THÁNG 7 > 4. Tiếp tục")
    [(item_section, item_text)] = [(s, t) for s, t in passages if "5. Rà soát" in t]
    assert item_section.startswith("II. NHIỆM VỤ TRỌNG TÂM THÁNG 7 > 5. Rà soát")
    assert "- Thu hồi các dự án" in item_text


def test_a_short_item_joins_the_run_of_its_short_siblings() -> None:
    passages = _tasks_report("Giữ vững an ninh chính trị, trật tự an toàn xã hội.")
    [(section, text)] = [(s, t) for s, t in passages if "4. Giữ vững" in t]
    assert section == "II. NHIỆM VỤ TRỌNG TÂM THÁNG 7"
    assert text.startswith("1. Đẩy nhanh")
