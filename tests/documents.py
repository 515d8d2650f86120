"""Word and PDF reports made by the tests from the seed texts, as the province would send them.

The seeds are text extracted from PDFs: each footnote group ends a printed page, and a paragraph
cut by that page break continues after it. From a seed this module rebuilds the document:

- `seed_docx`: the Word file the report was written in: whole paragraphs (the cut halves joined),
  bold blocks in bold, each footnote a real Word footnote (footnotes part, a reference run where
  the marker was; footnote ids unlike the numbers shown, as Word's are);
- `seed_pdf`: the PDF printed from it (fpdf2 with DejaVu Sans, the font matplotlib bundles, which
  has every Vietnamese glyph): one printed page per seed page, justified paragraphs with a
  first-line indent, the cut paragraph split at the page break, the page's footnotes at its foot
  in a smaller size under a short rule, bold blocks centred; a body overflowing its page runs
  onto a next page as a printed paragraph would;
- `scanned_pdf`: a PDF whose pages are only images, as a scanner makes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn

from rag.parse import parse_report
from rag.text import SUPERSCRIPT_DIGITS, footnote_markers

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_SUPERSCRIPT_LINE = re.compile(f"^[{SUPERSCRIPT_DIGITS}]")


@dataclass
class Block:
    text: str  # lines joined by "\n", `**` emphasis and superscript markers as in the seed
    continues: bool = False  # the second half of a paragraph cut by the page break before it


@dataclass
class SeedPage:
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)


@dataclass
class SeedDocument:
    pages: list[SeedPage]
    footnotes: dict[int, str]  # number -> text

    def paragraphs(self) -> list[str]:
        """The document's paragraphs, a paragraph cut by a page break whole again."""
        out: list[str] = []
        for page in self.pages:
            for block in page.blocks:
                if block.continues and out:
                    glue = "" if out[-1].rstrip().endswith(("-", "–")) else " "
                    out[-1] = out[-1] + glue + block.text
                else:
                    out.append(block.text)
        return out


def seed_document(text: str, doc: str = "seed.txt") -> SeedDocument:
    """Split a seed into printed pages (a footnote group ends one) of blocks and footnotes."""
    report = parse_report(text, doc)
    resumes = {resume for _, resume in report.page_joins}
    starts = {note.start: number for number, note in report.footnotes.items()}
    pages = [SeedPage()]
    for start, block in _blocks(text):
        number = next((n for s, n in starts.items() if start <= s < start + len(block)), None)
        if number is not None:
            pages[-1].footnotes.append(number)
            continue
        if pages[-1].footnotes:
            pages.append(SeedPage())
        pages[-1].blocks.append(Block(block, continues=start in resumes))
    footnotes = {n: note.text for n, note in report.footnotes.items()}
    return SeedDocument(pages, footnotes)


def _blocks(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the runs of non-blank lines; a superscript line opens a run."""
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []
    start = position = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\n")
        if lines and (not content.strip() or _SUPERSCRIPT_LINE.match(content)):
            blocks.append((start, "\n".join(lines)))
            lines = []
        if content.strip():
            if not lines:
                start = position + len(content) - len(content.lstrip())
            lines.append(content.strip())
        position += len(line)
    if lines:
        blocks.append((start, "\n".join(lines)))
    return blocks


def _segments(text: str) -> list[tuple[str, bool]]:
    """(text, bold) pieces of a block with `**` emphasis."""
    pieces = text.split("**")
    return [(piece, i % 2 == 1) for i, piece in enumerate(pieces) if piece]


# ---------------------------------------------------------------------------- Word


def seed_docx(text: str, path: Path, extra: list[str] | None = None) -> Path:
    """The seed as the Word file it was written in (see the module's docstring).

    `extra` paragraphs are added before the closing matter ("Nơi nhận:").
    """
    seed = seed_document(text, path.name)
    document = Document()
    numbers = set(seed.footnotes)
    ids = {n: n + 10 for n in numbers}  # Word's ids are not the numbers it shows
    paragraphs = seed.paragraphs()
    if extra:
        closing = next(i for i, p in enumerate(paragraphs) if p.startswith("Nơi nhận"))
        paragraphs[closing:closing] = extra
    for block in paragraphs:
        paragraph = document.add_paragraph()
        for segment, bold in _segments(block):
            last = 0
            for number, start, end in footnote_markers(segment):
                if number not in numbers:
                    continue
                _add_text(paragraph, segment[last:start], bold)
                add_footnote_reference(paragraph, ids[number])
                last = end
            _add_text(paragraph, segment[last:], bold)
    add_footnotes(document, {ids[n]: t for n, t in seed.footnotes.items()})
    document.save(str(path))
    return path


def _add_text(paragraph, text: str, bold: bool) -> None:  # type: ignore[no-untyped-def]
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.bold = bold or None


def add_footnote_reference(paragraph, note_id: int) -> None:  # type: ignore[no-untyped-def]
    """A reference to footnote `note_id`, as Word writes it (a superscript run)."""
    reference = paragraph.add_run()
    reference.font.superscript = True
    element = OxmlElement("w:footnoteReference")
    element.set(qn("w:id"), str(note_id))
    reference._r.append(element)


def add_footnotes(document, notes: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    """A footnotes part as Word writes it: two separators, then one footnote per id."""
    if not notes:
        return
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for note_id, text in sorted(notes.items()):
        body.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t>'
            "</w:r></w:p></w:footnote>"
        )
    xml = f"<w:footnotes {nsdecls('w')}>{''.join(body)}</w:footnotes>"
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)


# ---------------------------------------------------------------------------- PDF

_BODY_SIZE = 11.0
_NOTE_SIZE = 9.0
_LINE = 1.35  # line height, in font sizes
_INDENT = 10.0  # mm
_AFTER = 2.5  # mm after a paragraph
_MARGIN = 20.0  # mm


def _pdf():  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, _MARGIN)
    return pdf


def seed_pdf(text: str, path: Path) -> Path:
    """The seed as printed to PDF (see the module's docstring)."""
    seed = seed_document(text, path.name)
    pdf = _pdf()
    for page in seed.pages:
        pdf.add_page()
        notes = [f"{_sup(n)} {seed.footnotes[n]}" for n in page.footnotes]
        notes_height = sum(_note_height(pdf, note) for note in notes)
        pdf.set_auto_page_break(True, _MARGIN + notes_height + 4)
        for block in page.blocks:
            _write_block(pdf, block)
        if notes:
            _write_notes(pdf, notes, notes_height)
    pdf.output(str(path))
    return path


def _sup(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))


def _write_block(pdf, block: Block) -> None:  # type: ignore[no-untyped-def]
    bold = block.text.startswith("**")
    text = block.text.replace("**", "")
    pdf.set_font("DejaVu", "B" if bold else "", _BODY_SIZE)
    height = _BODY_SIZE * _LINE * 0.3528  # points to mm
    if bold:
        for line in text.split("\n"):
            pdf.multi_cell(0, height, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(_AFTER)
        return
    for i, line in enumerate(text.split("\n")):
        indent = 0.0 if (block.continues and i == 0) else _INDENT
        with (
            pdf.text_columns(text_align="J", line_height=_LINE) as columns,
            columns.paragraph(first_line_indent=indent) as paragraph,
        ):
            paragraph.write(line)
    pdf.ln(_AFTER)


def _note_height(pdf, note: str) -> float:  # type: ignore[no-untyped-def]
    pdf.set_font("DejaVu", "", _NOTE_SIZE)
    lines = pdf.multi_cell(0, _NOTE_SIZE * 1.2 * 0.3528, note, dry_run=True, output="LINES")
    return float(len(lines) * _NOTE_SIZE * 1.2 * 0.3528)


def _write_notes(pdf, notes: list[str], height: float) -> None:  # type: ignore[no-untyped-def]
    top = pdf.h - _MARGIN - height
    if pdf.get_y() > top - 3:  # the body ran too far: the notes go to the foot of a new page
        pdf.add_page()
    pdf.set_auto_page_break(False)
    pdf.line(_MARGIN, top - 2, _MARGIN + 50, top - 2)
    pdf.set_xy(_MARGIN, top)
    pdf.set_font("DejaVu", "", _NOTE_SIZE)
    for note in notes:
        pdf.multi_cell(0, _NOTE_SIZE * 1.2 * 0.3528, note, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.set_auto_page_break(True, _MARGIN)


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images only (no text layer), as a scanner makes."""
    from PIL import Image, ImageDraw

    pdf = _pdf()
    for number in range(pages):
        image = Image.new("L", (620, 877), 255)
        draw = ImageDraw.Draw(image)
        for row in range(40, 840, 18):
            draw.rectangle((60, row, 560 - (row * 7 + number * 13) % 120, row + 8), fill=40)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.add_page()
        pdf.image(buffer, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path
