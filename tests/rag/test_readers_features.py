"""What the Word and PDF readers read beyond the seeds' shape: Word's heading styles, automatic
numbering, footnotes and tables (data and layout); a PDF's raised footnote markers, footnotes at
the foot of the page without a rule, page numbers, ruled tables; tables in Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import OxmlElement

from rag.chunk import Chunker, chunk_record
from rag.readers import load_source, parse_source, source_text
from rag.tables import format_table, read_table
from tests.documents import FONTS, add_footnote_reference, add_footnotes

TABLE_ROW = (
    "Chỉ tiêu: Tổng thu ngân sách (tỷ đồng) | Năm 2023 - Kế hoạch: 1.000 | "
    "Năm 2023 - Thực hiện: 1.050,5 | Năm 2024: 1.100"
)


def records(path: Path) -> list[dict[str, Any]]:
    return [chunk_record(n) for n in Chunker().chunk(parse_source(load_source(path)))]


def _mark_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def word_report(path: Path) -> Path:
    """A report as the province writes it in Word: the header and the signature in layout
    tables, styled and auto-numbered headings, a real footnote, an annex table whose header
    has two rows and merged cells."""
    document = Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    header.cell(0, 0).add_paragraph("TỈNH LẠNG SƠN")
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    header.cell(1, 0).text = "Số: 15/BC-UBND"
    header.cell(1, 1).text = "Lạng Sơn, ngày 05 tháng 02 năm 2024"
    document.add_paragraph().add_run("BÁO CÁO").bold = True
    document.add_paragraph().add_run("Tình hình kinh tế - xã hội tháng 01 năm 2024").bold = True
    document.add_heading("Kết quả thực hiện", level=1)
    document.add_paragraph("Sản xuất nông nghiệp", style="List Number")
    body = document.add_paragraph("Tổng thu ngân sách trên địa bàn tháng 01 đạt 512,3 tỷ đồng")
    add_footnote_reference(body, 7)
    body.add_run(", bằng 11,2% dự toán. Xuất khẩu đạt 61")
    body.add_run("2").font.superscript = True  # a marker typed as a superscript digit by hand
    body.add_run(" triệu USD.")
    document.add_paragraph("Gieo trồng rau vụ Đông", style="List Bullet")
    document.add_paragraph("Phụ lục số liệu", style="List Number")
    document.add_paragraph("² Gồm xuất khẩu hàng địa phương 12 triệu USD.")
    table = document.add_table(rows=4, cols=4)
    for column, text in enumerate(["Chỉ tiêu", "Năm 2023", "", "Năm 2024"]):
        table.cell(0, column).text = text
    for column, text in enumerate(["", "Kế hoạch", "Thực hiện", ""]):
        table.cell(1, column).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 3).merge(table.cell(1, 3))
    _mark_header(table.rows[0])
    _mark_header(table.rows[1])
    for column, text in enumerate(["Tổng thu ngân sách (tỷ đồng)", "1.000", "1.050,5", "1.100"]):
        table.cell(2, column).text = text
    for column, text in enumerate(["Xuất khẩu (triệu USD)", "300", "", "320"]):
        table.cell(3, column).text = text
    closing = document.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "Nơi nhận:"
    closing.cell(0, 0).add_paragraph("- Như trên;")
    closing.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN"
    closing.cell(0, 1).add_paragraph("CHỦ TỊCH")
    add_footnotes(document, {7: "Trong đó thu nội địa 300,1 tỷ đồng."})
    document.save(str(path))
    return path


def test_word_report_header_styles_numbering_footnotes_and_tables(tmp_path: Path) -> None:
    path = word_report(tmp_path / "bao_cao_thang_01_2024.docx")
    report = parse_source(load_source(path))
    assert (report.doc_type, report.number) == ("báo cáo", "15/BC-UBND")
    assert report.date is not None and report.date.iso() == "2024-02-05"
    assert report.period is not None and (report.period.year, report.period.month) == (2024, 1)
    assert {n: f.text for n, f in report.footnotes.items()} == {
        1: "Trong đó thu nội địa 300,1 tỷ đồng.",
        2: "Gồm xuất khẩu hàng địa phương 12 triệu USD.",
    }
    assert (report.footnotes[1].cited_by or "").startswith("Tổng thu ngân sách trên địa bàn")
    assert (report.footnotes[2].cited_by or "").startswith("Xuất khẩu đạt 61²")
    # An unnumbered heading style is a bold title; Word's automatic numbers are written out.
    assert "\n\n**Kết quả thực hiện**\n\n1. Sản xuất nông nghiệp\n\n" in source_text(
        load_source(path)
    )
    chunks = records(path)
    assert "1. Sản xuất nông nghiệp" in {c["section"] for c in chunks}
    table = [c for c in chunks if c.get("table")]
    assert len(table) == 1 and table[0]["kind"] == "body"
    assert table[0]["section"] == "2. Phụ lục số liệu"
    assert table[0]["text"].split("\n") == [
        TABLE_ROW,
        "Chỉ tiêu: Xuất khẩu (triệu USD) | Năm 2023 - Kế hoạch: 300 | Năm 2024: 320",
    ]
    text = "\n".join(c["text"] for c in chunks)
    assert "- Gieo trồng rau vụ Đông" in text
    assert "Nơi nhận" not in text and "CHỦ TỊCH" not in text


def _pdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(False)
    return pdf


def _write(pdf: Any, pieces: list[tuple[str, bool]], size: float = 11) -> None:
    """Flowing text; (text, True) is a raised footnote marker as Word prints it."""
    for text, raised in pieces:
        pdf.char_vpos = "SUP" if raised else "LINE"
        pdf.set_font("DejaVu", "", size)
        pdf.write(size * 0.3528 * 1.35, text)
    pdf.char_vpos = "LINE"
    pdf.ln(size * 0.3528 * 1.35 + 3)


def printed_report(path: Path) -> Path:
    """A two-page PDF printed from Word: raised markers, a ruled table, page numbers, the first
    page's footnote at its foot in a smaller size (no rule), the second's under a rule with a
    plain number, and a paragraph cut by the page break."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, "BÁO CÁO", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "Tình hình kinh tế - xã hội tháng 01 năm 2024", align="C", new_x="LMARGIN")
    pdf.ln(12)
    _write(pdf, [("I. KẾT QUẢ THỰC HIỆN", False)])
    _write(
        pdf,
        [
            ("Tổng thu ngân sách trên địa bàn tháng 01 đạt 512,3 tỷ đồng", False),
            ("1", True),
            (", bằng 11,2% dự toán; xuất khẩu hàng hóa qua các cửa khẩu trên địa bàn tỉnh", False),
            (" đạt 610 triệu USD, tăng 12% so với cùng kỳ.", False),
        ],
    )
    _write(pdf, [("Một số chỉ tiêu chủ yếu:", False)])
    pdf.set_font("DejaVu", "", 10)
    with pdf.table(col_widths=(80, 40, 40)) as table:
        for row in (
            ("Chỉ tiêu", "Năm 2019", "Năm 2020"),
            ("Tổng thu ngân sách (tỷ đồng)", "12,5", "13,1"),
            ("Xuất khẩu (triệu USD)", "4,2", "4,8"),
        ):
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(4)
    _write(
        pdf,
        [
            (
                "Công tác bảo đảm an sinh xã hội được quan tâm thực hiện, đã hỗ trợ kịp thời "
                "các hộ nghèo, hộ cận nghèo và đối tượng bảo trợ xã hội trên địa bàn các huyện",
                False,
            )
        ],
    )
    pdf.set_xy(20, 262)
    _write(pdf, [("1", True), (" Trong đó thu nội địa 300,1 tỷ đồng.", False)], size=9)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_xy(0, 283)
    pdf.cell(pdf.w, 5, "1", align="C")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    pdf.set_xy(0, 8)
    pdf.cell(pdf.w, 5, "2", align="C")
    pdf.set_xy(20, 20)
    _write(
        pdf,
        [
            ("và thành phố với tổng kinh phí 45,6 tỷ đồng", False),
            ("2", True),
            (".", False),
        ],
    )
    pdf.line(20, 258, 70, 258)
    pdf.set_xy(20, 260)
    _write(pdf, [("2 Gồm kinh phí của tỉnh 30 tỷ đồng.", False)], size=9)
    pdf.output(str(path))
    return path


def test_printed_report_markers_footnotes_page_numbers_and_table(tmp_path: Path) -> None:
    path = printed_report(tmp_path / "bao_cao.pdf")
    text = source_text(load_source(path))
    assert "512,3 tỷ đồng¹, bằng" in text
    report = parse_source(load_source(path))
    assert report.period is not None and (report.period.year, report.period.month) == (2024, 1)
    assert {n: f.text for n, f in report.footnotes.items()} == {
        1: "Trong đó thu nội địa 300,1 tỷ đồng.",
        2: "Gồm kinh phí của tỉnh 30 tỷ đồng.",
    }
    cut = next(p.text for p in report.paragraphs if p.text.startswith("Công tác bảo đảm"))
    assert cut.endswith("trên địa bàn các huyện và thành phố với tổng kinh phí 45,6 tỷ đồng².")
    assert report.footnotes[2].cited_by == cut
    chunks = records(path)
    table = [c for c in chunks if c.get("table")]
    assert [c["text"] for c in table] == [
        "Chỉ tiêu: Tổng thu ngân sách (tỷ đồng) | Năm 2019: 12,5 | Năm 2020: 13,1\n"
        "Chỉ tiêu: Xuất khẩu (triệu USD) | Năm 2019: 4,2 | Năm 2020: 4,8"
    ]
    body = "\n".join(c["text"] for c in chunks if c["kind"] == "body")
    assert "\n2\n" not in f"\n{body}\n" and "\n1\n" not in f"\n{body}\n"  # page numbers gone


def test_markdown_table_rows_keep_their_header(tmp_path: Path) -> None:
    table = format_table(
        ["Chỉ tiêu", "Năm 2019", "Năm 2020"],
        [["Tổng thu | ngân sách", "12,5", "13,1"], ["Xuất khẩu", "", "4,8"]],
    )
    path = tmp_path / "phu_luc.md"
    path.write_text(
        "BÁO CÁO\n\nTình hình kinh tế - xã hội tháng 11 năm 2023\n\nI. PHỤ LỤC\n\n"
        f"Biểu 01:\n\n{table}\n\nGhi chú sau bảng.\n",
        encoding="utf-8",
    )
    chunks = records(path)
    rows = [c for c in chunks if c.get("table")]
    assert [c["text"] for c in rows] == [
        "Chỉ tiêu: Tổng thu / ngân sách | Năm 2019: 12,5 | Năm 2020: 13,1\n"
        "Chỉ tiêu: Xuất khẩu | Năm 2020: 4,8"
    ]
    assert rows[0]["section"] == "I. PHỤ LỤC"
    assert [c["text"] for c in chunks if not c.get("table")][-2:] == [
        "Biểu 01:",
        "Ghi chú sau bảng.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\nkhông phải bảng",
        "| a | b |",
        "| a | b |\n| x | y |",  # no separator row: not a Markdown table
        "Chỉ tiêu | Năm 2019\n--- | ---",
    ],
)
def test_only_whole_pipe_tables_are_tables(text: str) -> None:
    assert read_table(text) is None


def test_pipe_table_cells_and_offsets() -> None:
    text = "| Chỉ tiêu | Năm 2019 |\n|:---|---:|\n| **Thu** | 12,5 |\n| Chi \\| khác | |"
    table = read_table(text)
    assert table is not None
    assert [c.text for c in table.header] == ["Chỉ tiêu", "Năm 2019"]
    assert [[c.text for c in row] for row in table.rows] == [["Thu", "12,5"], ["Chi | khác", ""]]
    cell = table.rows[0][1]
    assert text[cell.start : cell.end] == "12,5"
