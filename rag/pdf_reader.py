"""Read a PDF report with a text layer into the plain-text shape the parser reads.

The seeds are text extracted from PDFs, and the parser undoes what extraction does; this reader
makes that extraction from the characters pdfplumber (pdfminer.six) finds on each page:

- characters are grouped into lines (a raised, smaller run such as a footnote marker belongs
  to the line it sits on) and a raised small digit becomes a superscript digit glued to its
  word ("kế hoạch²"), the marker shape of the seeds;
- lines are grouped into paragraphs by the layout: a larger gap than the line spacing, a
  first-line indent, a short line before, or a change of bold or size; a paragraph bold
  throughout is written `**…**` (a bold title);
- the footnotes at the foot of a page (the lines below a short rule, or the trailing lines in a
  smaller size that start with a number) are written after that page's text, one line
  "¹² text" each, exactly where the seeds have them; the parser then joins a paragraph cut by
  the page break. A paragraph running onto a page that has no footnotes is joined here;
- page numbers alone on a line at the top or bottom are dropped;
- a ruled table becomes a Markdown pipe table (rag/tables.py) at its place on the page.

A PDF without a text layer (a scan) is refused: reading it would need OCR.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from rag.errors import UnreadableFileError
from rag.tables import format_table
from rag.text import SUPERSCRIPT_DIGITS, nfc

_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_MARKER_START = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*(?=\S)|^(\d{{1,3}})\s+(?=\S)")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)
_MIN_TEXT_CHARS = 40  # fewer visible characters than this in the whole file: no text layer
_LIST_MARKS = "-+•–*"
SMALL = 0.85  # a run smaller than this share of the line's size is a superscript candidate


@dataclass
class _Line:
    chars: list[dict[str, Any]]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False


@dataclass
class _Page:
    blocks: list[str] = field(default_factory=list)  # body paragraphs and tables, in order
    footnotes: list[str] = field(default_factory=list)
    first: _Line | None = None  # the first and last body lines (joining across pages)
    last: _Line | None = None
    first_is_text: bool = False  # the first block is a paragraph, not a table
    last_is_text: bool = False


@dataclass
class _Layout:
    """Where the text column is: the document's usual left and right margins."""

    left: float
    right: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)


def pdf_text(data: bytes, path: Path | str) -> str:
    """The report's text in the seeds' shape; UnreadableFileError for a scan or a bad file."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            raw = [_page_lines(page) for page in pdf.pages]
    except UnreadableFileError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        raise UnreadableFileError(path, f"not a readable PDF file ({exc})") from exc
    visible = sum(len(line.text.replace(" ", "")) for lines, _, _ in raw for line in lines)
    if visible < _MIN_TEXT_CHARS:
        raise UnreadableFileError(
            path,
            "this PDF has no text layer (a scanned image?): its text cannot be read without "
            "OCR; send the Word file, or a PDF saved from Word",
        )
    layout = _layout(line for lines, _, _ in raw for line in lines)
    pages = [_read_page(lines, tables, rule, layout) for lines, tables, rule in raw]
    return nfc(_join_pages(pages, layout))


# ---------------------------------------------------------------------------- characters


def _page_lines(page: Any) -> tuple[list[_Line], list[tuple[float, str]], float | None]:
    """The page's lines (outside tables), its tables as (top, text), and a footnote rule."""
    tables = []
    boxes = []
    for table in page.find_tables():
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        rows = [r for r in rows if any(r)]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((table.bbox[1], format_table(rows[0], rows[1:])))
            boxes.append(table.bbox)
    chars = [
        c for c in page.chars if c.get("upright", True) and not any(_inside(c, b) for b in boxes)
    ]
    lines = _group_lines(chars)
    lines = _drop_page_numbers(lines, float(page.height))
    return lines, tables, _footnote_rule(page, boxes)


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _group_lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Cluster characters into lines by their bottoms, then fold each smaller, overlapping
    cluster (a superscript run, a footnote marker) into the line it is raised above."""
    clusters: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if clusters:
            last = clusters[-1]
            size = max(c["size"] for c in last)
            if abs(char["bottom"] - last[-1]["bottom"]) <= 0.2 * max(size, char["size"]):
                last.append(char)
                continue
        clusters.append([char])
    lines = [_Line(cluster) for cluster in clusters if any(c["text"].strip() for c in cluster)]
    merged = True
    while merged:
        merged = False
        for i, line in enumerate(lines):
            host = _host(line, lines)
            if host is not None:
                host.chars.extend(line.chars)
                del lines[i]
                merged = True
                break
    for line in lines:
        _finish(line)
    return sorted(lines, key=lambda line: line.top)


def _host(small: _Line, lines: list[_Line]) -> _Line | None:
    """The larger line a run of small characters is raised on, if any."""
    size = max(c["size"] for c in small.chars)
    top = min(c["top"] for c in small.chars)
    bottom = max(c["bottom"] for c in small.chars)
    for line in lines:
        if line is small:
            continue
        line_size = max(c["size"] for c in line.chars)
        if size >= SMALL * line_size:
            continue
        line_top = min(c["top"] for c in line.chars)
        line_bottom = max(c["bottom"] for c in line.chars)
        overlap = min(bottom, line_bottom) - max(top, line_top)
        if overlap >= 0.5 * (bottom - top):
            return line
    return None


def _finish(line: _Line) -> None:
    """Text, box, size and weight of a line; raised small digits become superscripts."""
    chars = sorted(line.chars, key=lambda c: c["x0"])
    sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
    size = sizes.most_common(1)[0][0]
    baseline = statistics.median(c["bottom"] for c in chars if abs(c["size"] - size) < 0.5)
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for char in chars:
        text = char["text"]
        raised = (
            char["size"] < SMALL * size
            and char["bottom"] < baseline - 0.15 * size
            and text.isdigit()
        )
        if raised:
            text = text.translate(_SUPERSCRIPT)
        elif previous is not None and text != " " and out and out[-1] != " ":
            gap = char["x0"] - previous["x1"]
            if gap > 0.2 * min(size, char["size"]):
                out.append(" ")
        if text == " " and (not out or out[-1] == " "):
            continue
        out.append(text)
        previous = char
    line.text = "".join(out).strip()
    visible = [c for c in chars if c["text"].strip()]
    line.x0 = min(c["x0"] for c in visible)
    line.x1 = max(c["x1"] for c in visible)
    line.top = min(c["top"] for c in visible if abs(c["size"] - size) < 0.5)
    line.bottom = baseline
    line.size = size
    line.bold = (
        sum("bold" in str(c.get("fontname", "")).lower() for c in visible) > len(visible) / 2
    )
    line.chars = chars


def _drop_page_numbers(lines: list[_Line], height: float) -> list[_Line]:
    """A number alone on the first or last line, in the top or bottom tenth, is a page number."""
    for index in (0, -1):
        if not lines:
            break
        line = lines[index]
        near_edge = line.bottom < 0.1 * height or line.top > 0.9 * height
        if near_edge and _PAGE_NUMBER.match(line.text):
            lines.pop(index)
    return lines


def _footnote_rule(page: Any, boxes: list[tuple[float, float, float, float]]) -> float | None:
    """The y of a short horizontal rule in the lower half (Word's footnote separator)."""
    width = float(page.width)
    for edge in page.edges:
        horizontal = abs(edge["top"] - edge["bottom"]) < 1.5
        short = 0.05 * width < edge["x1"] - edge["x0"] < 0.5 * width
        lower = edge["top"] > 0.5 * float(page.height)
        in_table = any(_inside(edge, box) for box in boxes)
        if horizontal and short and lower and not in_table:
            return float(edge["top"])
    return None


# ---------------------------------------------------------------------------- paragraphs


def _layout(lines: Iterable[_Line]) -> _Layout:
    lines = [line for line in lines if len(line.text) >= 20]
    if not lines:
        return _Layout(0.0, 1.0)
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    rights = sorted(line.x1 for line in lines)
    return _Layout(float(left), rights[int(0.9 * (len(rights) - 1))])


def _read_page(
    lines: list[_Line], tables: list[tuple[float, str]], rule: float | None, layout: _Layout
) -> _Page:
    body, notes = _split_footnotes(lines, rule)
    page = _Page(footnotes=_footnote_lines(notes))
    paragraphs = _paragraphs(body, layout)
    items: list[tuple[float, str, list[_Line]]] = [
        (p[0].top, _block(p, layout), p) for p in paragraphs
    ]
    items.extend((top, text, []) for top, text in tables)
    items.sort(key=lambda item: item[0])
    page.blocks = [text for _, text, _ in items]
    if items:
        page.first_is_text, page.last_is_text = bool(items[0][2]), bool(items[-1][2])
        page.first = items[0][2][0] if items[0][2] else None
        page.last = items[-1][2][-1] if items[-1][2] else None
    return page


def _split_footnotes(lines: list[_Line], rule: float | None) -> tuple[list[_Line], list[_Line]]:
    """Body lines, and the footnote lines at the foot of the page."""
    if not lines:
        return [], []
    if rule is not None:
        below = [line for line in lines if line.top >= rule]
        if below and _MARKER_START.match(below[0].text):
            return [line for line in lines if line.top < rule], below
    sizes = Counter()  # type: Counter[float]
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    start = len(lines)
    while start > 0 and lines[start - 1].size <= 0.9 * body_size:
        start -= 1
    # The zone opens at its first note: a smaller line that starts with a number.
    while start < len(lines) and not _MARKER_START.match(lines[start].text):
        start += 1
    return lines[:start], lines[start:]


def _footnote_lines(lines: list[_Line]) -> list[str]:
    """ "¹² text" per footnote; a line not opening with the next number continues a note."""
    notes: list[list[str]] = []
    expected: int | None = None
    for line in lines:
        match = _MARKER_START.match(line.text)
        number = None
        if match:
            digits = match.group(1) or match.group(2)
            number = int(digits.translate(str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")))
            plain = match.group(2) is not None
            if plain and notes and expected is not None and number != expected:
                number = None  # "2023 ..." continuing a note is not note 2023
        if number is not None and match is not None:
            notes.append([f"{str(number).translate(_SUPERSCRIPT)} {line.text[match.end() :]}"])
            expected = number + 1
        elif notes:
            notes[-1].append(line.text)
    return [" ".join(" ".join(note).split()) for note in notes]


def _paragraphs(lines: list[_Line], layout: _Layout) -> list[list[_Line]]:
    if not lines:
        return []
    gaps = sorted(b.top - a.bottom for a, b in pairwise(lines))
    usual_gap = gaps[len(gaps) // 4] if gaps else 0.0
    paragraphs = [[lines[0]]]
    for previous, line in pairwise(lines):
        if _breaks(previous, line, usual_gap, layout):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _centered(line: _Line, layout: _Layout) -> bool:
    left_gap, right_gap = line.x0 - layout.left, layout.right - line.x1
    return left_gap > line.size and abs(left_gap - right_gap) < 1.5 * line.size


def _breaks(previous: _Line, line: _Line, usual_gap: float, layout: _Layout) -> bool:
    """Does `line` open a new paragraph?"""
    size = max(previous.size, line.size)
    if line.top - previous.bottom > usual_gap + 0.3 * size:
        return True
    if previous.bold != line.bold or abs(previous.size - line.size) > 0.15 * size:
        return True
    if _centered(previous, layout) and _centered(line, layout):
        return False
    indented = line.x0 > layout.left + 0.8 * line.size and line.x0 > previous.x0 + 0.8 * size
    if indented:
        return True
    short = previous.x1 < layout.right - 0.15 * layout.width
    # Short lines one under the other, as close as the lines of a paragraph, are a narrow block
    # broken by hand (an address, the subject of a letter), not a paragraph and the next.
    narrow = abs(line.x0 - previous.x0) < 1.0 and line.x1 < layout.right - 0.15 * layout.width
    return short and not narrow


def _block(lines: list[_Line], layout: _Layout) -> str:
    """A paragraph's text: wrapped lines joined by spaces; a list item or a centred line (a
    title's) keeps its line break, as in the seeds."""
    text = lines[0].text
    for previous, line in pairwise(lines):
        keep = line.text[:1] in _LIST_MARKS or (
            _centered(previous, layout) and _centered(line, layout)
        )
        text += ("\n" if keep else " ") + line.text
    if all(line.bold for line in lines):
        return f"**{text}**"
    return text


def _join_pages(pages: list[_Page], layout: _Layout) -> str:
    """Each page's paragraphs, then its footnotes; a paragraph running onto the next page is
    joined here when no footnotes stand between (else the parser joins it)."""
    blocks: list[str] = []
    carry = False  # the last block continues on the next page
    for index, page in enumerate(pages):
        page_blocks = list(page.blocks)
        if carry and page_blocks and page.first_is_text:
            blocks[-1] = _join(blocks[-1], page_blocks.pop(0))
        blocks.extend(page_blocks)
        blocks.extend(page.footnotes)
        carry = (
            not page.footnotes
            and page.last_is_text
            and page.last is not None
            and page.last.x1 >= layout.right - 2 * page.last.size
        )
        if carry and index + 1 < len(pages):
            following = pages[index + 1].first
            carry = following is not None and not _opens_paragraph(following, page.last, layout)
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _opens_paragraph(line: _Line, previous: _Line | None, layout: _Layout) -> bool:
    bold = previous is not None and previous.bold != line.bold
    return bold or line.x0 > layout.left + 0.8 * line.size


def _join(first: str, second: str) -> str:
    if first.endswith("**") and second.startswith("**"):
        return first[:-2] + " " + second[2:]
    return first + " " + second
