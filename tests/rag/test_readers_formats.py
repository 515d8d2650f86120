"""Word and PDF reports read like their text: the seeds made into .docx and .pdf by the tests
(tests/documents.py) give the same sections, footnotes, period, chunks and answers."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.chunk import Chunker, chunk_record
from rag.embed import HashingEmbedding
from rag.errors import UnreadableFileError
from rag.parse import Report, path_display
from rag.readers import load_source, parse_source, source_text
from rag.settings import Settings
from tests.conftest import CORPUS, SEEDS, seed_report, seed_text
from tests.documents import scanned_pdf, seed_docx, seed_pdf

# 002 (11/2023) has 33 footnotes and pages cut mid-paragraph; 004 (6 months 2020) has none.
PDF_SEEDS = ("2023", "2020")
QUESTIONS_2023 = (
    "tong thu ngan sach 11 thang 2023",
    "Diện tích gieo trồng vụ Đông tháng 11/2023 ước đạt bao nhiêu?",
    "Tổng kim ngạch xuất nhập khẩu 11 tháng năm 2023?",
    "Lượt khách du lịch quốc tế 11 tháng 2023?",
    "Chi đầu tư phát triển 11 tháng 2023 đạt bao nhiêu?",  # a figure in footnote 16
)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(year, "docx"|"pdf") -> the file made from that seed, named like the seed."""
    folder = tmp_path_factory.mktemp("made")
    files = {}
    for year, name in SEEDS.items():
        stem = name.removesuffix(".txt")
        files[(year, "docx")] = seed_docx(seed_text(year), folder / f"{stem}.docx")
        if year in PDF_SEEDS:
            files[(year, "pdf")] = seed_pdf(seed_text(year), folder / f"{stem}.pdf")
    return files


@cache
def read(path: Path) -> Report:
    return parse_source(load_source(path))


def chunks(report: Report) -> list[tuple[str, str, int | None, str]]:
    records = map(chunk_record, Chunker().chunk(report))
    return [(r["kind"], r["section"], r["footnote"], r["text"]) for r in records]


def assert_reads_like_text(report: Report, text: Report) -> None:
    assert (report.doc_type, report.title, report.number) == (
        text.doc_type,
        text.title,
        text.number,
    )
    assert report.period == text.period and report.date == text.date
    assert {n: f.text for n, f in report.footnotes.items()} == {
        n: f.text for n, f in text.footnotes.items()
    }
    assert {n: f.cited_by for n, f in report.footnotes.items()} == {
        n: f.cited_by for n, f in text.footnotes.items()
    }
    sections = [path_display(p.path) for p in text.paragraphs]
    assert [path_display(p.path) for p in report.paragraphs] == sections
    assert chunks(report) == chunks(text)


@pytest.mark.parametrize("year", list(SEEDS))
def test_docx_made_from_a_seed_reads_like_its_text(
    made: dict[tuple[str, str], Path], year: str
) -> None:
    report = read(made[(year, "docx")])
    assert report.doc == SEEDS[year].replace(".txt", ".docx")
    assert_reads_like_text(report, seed_report(year))


@pytest.mark.parametrize("year", PDF_SEEDS)
def test_pdf_made_from_a_seed_reads_like_its_text(
    made: dict[tuple[str, str], Path], year: str
) -> None:
    report = read(made[(year, "pdf")])
    text = seed_report(year)
    assert_reads_like_text(report, text)
    # The cut paragraphs were printed across page breaks, with the page's footnotes between
    # the halves; the parser joined them again.
    assert len(report.page_joins) >= len([j for j in text.page_joins if j[1] - j[0] > 2])


def test_seed_with_33_footnotes_has_them_all_in_each_format(
    made: dict[tuple[str, str], Path],
) -> None:
    for fmt in ("docx", "pdf"):
        report = read(made[("2023", fmt)])
        assert sorted(report.footnotes) == list(range(1, 34)), fmt
        assert report.footnotes[16].text.startswith("Trong đó: Chi đầu tư phát triển là 807,1")
        assert (report.footnotes[16].cited_by or "").startswith("Tổng chi ngân sách địa phương")
        assert report.warnings == seed_report("2023").warnings, fmt


def test_five_questions_get_the_same_answers_from_each_format(
    made: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    sources = {
        "txt": CORPUS / SEEDS["2023"],
        "docx": made[("2023", "docx")],
        "pdf": made[("2023", "pdf")],
    }
    answers = {}
    for fmt, source in sources.items():
        corpus = tmp_path / fmt / "corpus"
        corpus.mkdir(parents=True)
        shutil.copy(source, corpus / source.name)
        settings = Settings(_env_file=None, data_dir=tmp_path / fmt / "data", corpus_dir=corpus)
        assistant = Assistant.open(settings, embedder=HashingEmbedding())
        answers[fmt] = []
        for question in QUESTIONS_2023:
            answer = assistant.ask(question)
            assert not answer.refused, (fmt, question, answer.answer)
            assert {c.doc for c in answer.citations} == {source.name}
            answers[fmt].append(
                (
                    answer.answer,
                    [(c.title, c.period, c.section, c.footnote, c.text) for c in answer.citations],
                )
            )
    assert answers["docx"] == answers["txt"]
    assert answers["pdf"] == answers["txt"]
    assert "807,1 tỷ đồng" in answers["pdf"][4][0]
    assert any(footnote == 16 for *_, footnote, _ in answers["pdf"][4][1])


def test_a_scanned_pdf_is_refused_because_it_has_no_text_layer(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(UnreadableFileError, match="no text layer") as refused:
        parse_source(load_source(path))
    assert refused.value.path == path and "scan" in str(refused.value)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.pdf", b"%PDF-1.4\n%%EOF", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable Word"),
        ("text.docx", "Báo cáo tháng 11".encode(), "not a readable Word"),
    ],
)
def test_a_damaged_file_is_refused_by_name(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(UnreadableFileError, match=reason):
        source_text(load_source(tmp_path / name))
