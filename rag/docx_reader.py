"""Read a Word (.docx) report into the plain-text shape the parser reads.

The parser was written for the seeds' text: paragraphs separated by blank lines, headings as
paragraphs of their own, footnote markers as superscript digits glued to a word ("đạt 126,3%
kế hoạch²") and each footnote as a line of its own ("² Trong đó: ..."). This module writes a
.docx in that shape:

- paragraphs in document order, with Word's automatic numbering written out ("II.", "1.2.",
  "a)", "-" for bullets), line breaks kept; a paragraph that is bold throughout, or a heading
  style with no number, is written `**…**` (a bold title, as in the seeds);
- a footnote reference becomes its number in superscript, and the footnote (from the footnotes
  part) a line "¹² text" placed after the first paragraph, from the citing one on, that ends a
  sentence (placed after a paragraph cut short, the parser would take what follows for the rest
  of a paragraph cut by a page break); those still waiting go before the closing matter;
- a digit formatted as superscript by hand becomes a superscript digit;
- a data table becomes a Markdown pipe table (rag/tables.py), its header rows (those Word
  repeats on each page, else the first) merged into one; a layout table (the header with the
  agency and the national motto, the closing with the signature, any table of one row or one
  column) is read as text, one paragraph per cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from rag.docx_numbering import Numbering
from rag.errors import UnreadableFileError
from rag.tables import format_table
from rag.text import SUPERSCRIPT_DIGITS, ends_sentence, nfc

_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# The closing matter (as the parser finds it): footnotes must come before it to be read.
_CLOSING = re.compile(r"^\**\s*(?:Nơi nhận\s*:|(?:TM|KT|TL|TUQ|Q)\.\s+[A-ZÀ-ỸĐ ]{4,})")
# Cells that make a table a page layout rather than data.
_LAYOUT = re.compile(
    r"CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-|Nơi nhận|^Số\s*:|^(?:TM|KT|TL|TUQ)\.|, ngày", re.M
)
_HEADING_STYLES = re.compile(r"^(?:Heading|Title|Subtitle|Tiêu đề)", re.I)
_RUN_CONTAINERS = {qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:sdt")}
_SKIPPED = {qn(t) for t in ("w:del", "w:moveFrom", "w:pPr", "w:rPr")}


def docx_text(data: bytes, path: Path | str) -> str:
    """The report's text in the seeds' shape; UnreadableFileError if it is no Word file."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError(path, f"not a readable Word (.docx) file ({exc})") from exc
    return nfc(_Writer(document).write())


class _Writer:
    def __init__(self, document: Any) -> None:
        self.document = document
        part = document.part
        self.numbering = Numbering(_numbering_element(part))
        self.footnotes = _footnotes(part)
        self.numbers: dict[str, int] = {}  # footnote id -> the number shown
        self.waiting: list[str] = []  # footnote lines not yet placed
        self.blocks: list[str] = []
        self.closing = False

    def write(self) -> str:
        for item in self.document.iter_inner_content():
            if isinstance(item, DocxParagraph):
                self._paragraph(item)
            elif isinstance(item, DocxTable):
                self._table(item)
        self._flush()
        return "\n\n".join(self.blocks) + "\n"

    # ------------------------------------------------------------------ blocks

    def _add(self, block: str, ends: bool) -> None:
        if not block.strip():
            return
        if not self.closing and _CLOSING.match(block):
            self.closing = True
            self._flush()
        self.blocks.append(block)
        if ends:
            self._flush()

    def _flush(self) -> None:
        self.blocks.extend(self.waiting)
        self.waiting = []

    def _paragraph(self, paragraph: DocxParagraph) -> None:
        text = self._paragraph_text(paragraph)
        if text.strip():
            plain = text.replace("**", "")
            self._add(text, ends_sentence(plain) or self.closing)

    def _paragraph_text(self, paragraph: DocxParagraph) -> str:
        pieces: list[tuple[str, bool]] = []
        for run in _runs(paragraph._p):
            pieces.extend(self._run_pieces(run))
        text = "".join(p for p, _ in pieces).strip()
        if not text:
            return ""
        label = self._label(paragraph)
        text = "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
        visible = [bold for piece, bold in pieces if piece.strip()]
        heading = bool(_HEADING_STYLES.match(_style_name(paragraph)))
        if label and label != "-":
            return f"{label} {text}"
        if label == "-":
            return f"- {text}"
        if (visible and all(visible)) or (heading and not _starts_numbered(text)):
            return f"**{text}**"
        return text

    def _run_pieces(self, run: Any) -> Iterator[tuple[str, bool]]:
        properties = run.find(qn("w:rPr"))
        bold = _on(properties, "w:b")
        superscript = _val(properties, "w:vertAlign") == "superscript"
        for child in run:
            tag = child.tag
            if tag == qn("w:t"):
                text = child.text or ""
                if superscript and text.strip().isdigit():
                    text = text.strip().translate(_SUPERSCRIPT)
                yield text, bold
            elif tag in (qn("w:tab"), qn("w:ptab")):
                yield " ", bold
            elif tag in (qn("w:br"), qn("w:cr")):
                yield "\n", bold
            elif tag == qn("w:noBreakHyphen"):
                yield "-", bold
            elif tag == qn("w:footnoteReference"):
                yield self._marker(child.get(qn("w:id"), "")), bold

    def _marker(self, footnote_id: str) -> str:
        text = self.footnotes.get(footnote_id)
        if text is None:
            return ""
        if footnote_id not in self.numbers:
            number = len(self.numbers) + 1
            self.numbers[footnote_id] = number
            self.waiting.append(f"{str(number).translate(_SUPERSCRIPT)} {text}")
        return str(self.numbers[footnote_id]).translate(_SUPERSCRIPT)

    def _label(self, paragraph: DocxParagraph) -> str:
        num_id, ilvl = _numbering_of(paragraph)
        return self.numbering.label(num_id, ilvl) if num_id else ""

    # ------------------------------------------------------------------ tables

    def _table(self, table: DocxTable) -> None:
        grid = [list(row.cells) for row in table.rows]  # a merged cell repeats across its span
        grid = [row for row in grid if row]
        if not grid:
            return
        texts: dict[int, str] = {}

        def text(cell: Any) -> str:
            key = id(cell._tc)
            if key not in texts:
                texts[key] = self._cell_text(cell)
            return texts[key]

        distinct = [_distinct(row) for row in grid]
        layout = (
            len(grid) < 2
            or max(len(row) for row in distinct) < 2
            or any(_LAYOUT.search(cell.text) for row in distinct for cell in row)
        )
        if layout:
            for row in distinct:
                for cell in row:
                    self._layout_cell(cell)
            return
        head = _header_rows(table)
        header = _merge_header([[text(cell) for cell in row] for row in grid[:head]])
        body = []
        for row in grid[head:]:
            # A cell merged across columns is read once, in its first column.
            values = [
                "" if i and cell._tc is row[i - 1]._tc else text(cell) for i, cell in enumerate(row)
            ]
            if any(values):
                body.append(values)
        self._add(format_table(header, body), ends=True)

    def _cell_text(self, cell: Any) -> str:
        parts = []
        for item in cell.iter_inner_content():
            if isinstance(item, DocxParagraph):
                parts.append(self._paragraph_text(item).replace("**", ""))
            elif isinstance(item, DocxTable):
                parts.extend(self._cell_text(c) for row in item.rows for c in _distinct(row.cells))
        return " ".join(" ".join(parts).split())

    def _layout_cell(self, cell: Any) -> None:
        """A layout cell's paragraphs as one block (the agency's name and number together)."""
        lines: list[str] = []
        for item in cell.iter_inner_content():
            if isinstance(item, DocxParagraph):
                text = self._paragraph_text(item)
                if text.strip():
                    lines.append(text)
            elif isinstance(item, DocxTable):
                if lines:
                    self._add("\n".join(lines), ends=False)
                    lines = []
                self._table(item)
        if lines:
            bold = all(line.startswith("**") and line.endswith("**") for line in lines)
            if bold:
                lines = [line[2:-2] for line in lines]
            block = "\n".join(lines)
            self._add(f"**{block}**" if bold else block, ends=False)


# ---------------------------------------------------------------------- XML helpers


def _on(properties: Any, tag: str) -> bool:
    if properties is None:
        return False
    element = properties.find(qn(tag))
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _val(properties: Any, tag: str) -> str:
    if properties is None:
        return ""
    element = properties.find(qn(tag))
    return element.get(qn("w:val"), "") if element is not None else ""


def _runs(element: Any) -> Iterator[Any]:
    """The runs of a paragraph in order, inside hyperlinks and insertions, not deletions."""
    for child in element:
        if child.tag == qn("w:r"):
            yield child
        elif child.tag in _RUN_CONTAINERS:
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _runs(content)


def _style_name(paragraph: DocxParagraph) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return ""
    return str(style.name or "") if style is not None else ""


def _numbering_of(paragraph: DocxParagraph) -> tuple[str, int]:
    """(numId, level) from the paragraph, else from its style and the styles it is based on."""
    properties = paragraph._p.pPr
    num_pr = properties.find(qn("w:numPr")) if properties is not None else None
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        style = None
    while num_pr is None and style is not None:
        style_properties = style.element.pPr
        if style_properties is not None:
            num_pr = style_properties.find(qn("w:numPr"))
        style = style.base_style
    if num_pr is None:
        return "", 0
    num_id = _val(num_pr, "w:numId")
    ilvl = _val(num_pr, "w:ilvl")
    return num_id, int(ilvl) if ilvl.isascii() and ilvl.isdigit() else 0


def _numbering_element(part: Any) -> Any | None:
    for rel in part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return parse_xml(rel.target_part.blob)
    return None


def _footnotes(part: Any) -> dict[str, str]:
    """Footnote id -> its text, from the footnotes part (separators left out)."""
    for rel in part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            break
    else:
        return {}
    notes = {}
    for note in root.findall(qn("w:footnote")):
        if note.get(qn("w:type"), "normal") != "normal":
            continue
        paragraphs = []
        for paragraph in note.iter(qn("w:p")):
            text = "".join(
                (t.text or "") if t.tag == qn("w:t") else " "
                for run in _runs(paragraph)
                for t in run
                if t.tag in (qn("w:t"), qn("w:tab"), qn("w:br"))
            )
            paragraphs.append(text)
        text = " ".join(" ".join(paragraphs).split())
        if text:
            notes[note.get(qn("w:id"), "")] = text
    return notes


def _starts_numbered(text: str) -> bool:
    return bool(re.match(r"(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđA-Z])[.)]\s|\(\d+\)\s|Phần thứ", text))


def _distinct(row: Any) -> list[Any]:
    """The distinct cells of a row (a merged cell once)."""
    cells: list[Any] = []
    for cell in row:
        if not cells or cell._tc is not cells[-1]._tc:
            cells.append(cell)
    return cells


def _header_rows(table: DocxTable) -> int:
    """Rows Word repeats at the top of each page (the header), at least one."""
    count = 0
    for row in table.rows:
        properties = row._tr.trPr
        if properties is None or not _on(properties, "w:tblHeader"):
            break
        count += 1
    return max(count, 1)


def _merge_header(rows: list[list[str]]) -> list[str]:
    """One name per column from several header rows ("Năm 2019 - Kế hoạch")."""
    width = max(len(r) for r in rows)
    names = []
    for column in range(width):
        parts: list[str] = []
        for row in rows:
            text = row[column] if column < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        names.append(" - ".join(parts))
    return names
