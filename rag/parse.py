"""Parse a report's text into its header, section tree, body paragraphs and footnotes.

The reports were extracted from PDF, so the parser undoes what the extraction did: footnotes
printed between the two halves of a paragraph cut by a page break are taken out and the halves
joined again; footnotes are linked to the body sentence whose marker points to them; the closing
matter (distribution list, signature) is set aside. Every body character keeps its offset in the
source text, so a chunk can say where it was read.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from rag.periods import DocumentDate, Period, parse_date, parse_title_period
from rag.tables import Table, column_name, read_table
from rag.text import (
    SUPERSCRIPT_DIGITS,
    VIETNAMESE_UPPER,
    ends_sentence,
    footnote_markers,
    nfc,
    sentence_spans,
    starts_lowercase,
    superscript_to_int,
    word_count,
)

# Bump when a change to parsing or chunking changes the chunks of an unchanged file: ingestion
# then reads every file again instead of keeping chunks the current code would not make.
PARSER_VERSION = 4  # 2: Markdown pipe tables read as one passage per row; 3: empty headings
# kept; 4: the title line and number of a report in each passage's metadata

# ---------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Section:
    """One level of the section tree: a heading, or a numbered item that opens a passage."""

    label: str  # "II.", "1.6.", "a)", "(1)", "Phần thứ hai", "" for a bold or capital title
    title: str  # the heading's text; for an item, its first words
    style: str
    number: int
    is_item: bool = False

    @property
    def display(self) -> str:
        return f"{self.label} {self.title}".strip()

    @property
    def ref(self) -> str:
        """Compact label for citations: "II", "1.6", "a", "(1)"."""
        return self.label.rstrip(".)").lstrip("(") if self.style != "paren" else self.label


SectionPath = tuple[Section, ...]


def path_display(path: SectionPath) -> str:
    return " > ".join(s.display for s in path)


def path_ref(path: SectionPath) -> str:
    """ "II.1.6 Công tác quản lý ngân sách": numbering joined, then the innermost heading."""
    refs: list[str] = []
    for section in path:
        ref = section.ref
        if not ref:
            continue
        if refs and "." in ref and ref.split(".")[0] == refs[-1]:
            refs[-1] = ref
        else:
            refs.append(ref)
    numbering = ".".join(refs).replace(".(", "(")
    last = path[-1] if path else None
    title = last.title if last else ""
    return f"{numbering} {title}".strip()


@dataclass
class Paragraph:
    """Body text with the source offset of every character (joins across page breaks)."""

    path: SectionPath
    text: str = ""
    offsets: array = field(default_factory=lambda: array("l"))
    table: bool = False  # one row of a table, each cell named by its column (rag/tables.py)

    def append(self, source: str, start: int, end: int, separator: str = " ") -> None:
        if self.text and separator:
            self.text += separator
            self.offsets.extend([start] * len(separator))
        self.text += source[start:end]
        self.offsets.extend(range(start, end))

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        end = len(self.text) if end is None else end
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Footnote:
    number: int
    text: str
    start: int
    end: int
    cited_by: str | None = None  # the body sentence whose marker points here
    path: SectionPath = ()  # the section of that sentence


@dataclass
class Report:
    doc: str
    doc_type: str
    title: str
    number: str | None
    date: DocumentDate | None
    period: Period | None
    header: Paragraph | None
    paragraphs: list[Paragraph]
    footnotes: dict[int, Footnote]
    closing_start: int | None
    source: str
    page_joins: list[tuple[int, int]] = field(default_factory=list)  # (end of cut, resume)
    warnings: list[str] = field(default_factory=list)

    @property
    def short_title(self) -> str:
        """ "Báo cáo KT-XH tháng 11/2023 (11 tháng)", "Công văn 742/SKHĐT-THQH ngày 29/6/2018"."""
        kind = self.doc_type.capitalize()
        if self.doc_type == "công văn" and self.number:
            kind = f"{kind} {self.number}"
        elif "kinh tế - xã hội" in self.title.lower():
            kind = f"{kind} KT-XH"
        return f"{kind} {self.period.label}" if self.period else kind


# ---------------------------------------------------------------------------- blocks


@dataclass
class _Block:
    start: int
    end: int
    text: str  # lines joined by "\n", emphasis kept

    @property
    def plain(self) -> str:
        return _strip_emphasis(self.text).strip()


_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def _strip_emphasis(text: str) -> str:
    return _EMPHASIS.sub("", text)


def _split_blocks(source: str) -> list[_Block]:
    """Runs of non-blank lines; a line opening with a superscript starts a block of its own."""
    blocks: list[_Block] = []
    start = end = -1
    position = 0
    for line in source.splitlines(keepends=True):
        content = line.rstrip("\n")
        opens_footnote = bool(_FOOTNOTE_SUPERSCRIPT.match(content.lstrip("*")))
        if start >= 0 and (not content.strip() or opens_footnote):
            blocks.append(_Block(start, end, source[start:end]))
            start = -1
        if content.strip():
            if start < 0:
                start = position + len(content) - len(content.lstrip())
            end = position + len(content.rstrip())
        position += len(line)
    if start >= 0:
        blocks.append(_Block(start, end, source[start:end]))
    return blocks


# ---------------------------------------------------------------------------- patterns

_FOOTNOTE_SUPERSCRIPT = re.compile(rf"([{SUPERSCRIPT_DIGITS}]+)\s*(?=[\w(“\"'])")  # "¹." is no note
_FOOTNOTE_PLAIN = re.compile(r"(\d{1,3})\s+(?=[A-ZÀ-ỸĐ(“\"])")
_CLOSING = re.compile(
    r"^(?:Nơi nhận\s*:|Danh sách gửi|(?:TM|KT|TL|TUQ|Q)\.\s+[A-ZÀ-ỸĐ ]{4,})", re.MULTILINE
)
_DOC_TYPES = (
    "BÁO CÁO",
    "THÔNG BÁO",
    "CÔNG VĂN",
    "KẾ HOẠCH",
    "TỜ TRÌNH",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "KẾT LUẬN",
)
_HEADER_LINE = re.compile(
    r"^(?:Số\s*:|Số\s|V/v\b|Kính gửi|CỘNG HÒA|CỘNG HOÀ|Độc lập|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN"
    r"|SỞ\s|[^,\n]{2,30},\s*ngày\b)",
)
_UPPER = VIETNAMESE_UPPER

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(label: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(label):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


_LOWER_LETTERS = "abcdđeghiklmnopqrstuvxy"
_UPPER_LETTERS = _LOWER_LETTERS.upper()
_PART_NUMBERS = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}

# Style ranks: a heading closes every open section of equal or deeper rank.
_RANK = {"upper": 0, "part": 1, "roman": 2, "arabic": 3, "lower": 6, "paren": 7, "title": 8}
_NUMBERED = [
    ("part", re.compile(r"^(Phần\s+thứ\s+(\w+))\s*[.:]?\s*(.*)$", re.I)),
    ("roman_or_upper", re.compile(rf"^([IVXLC]+|[{_UPPER}])\.\s+([{_UPPER}0-9\"“].*)$")),
    ("dotted", re.compile(rf"^(\d{{1,2}}(?:\.\d{{1,2}})+)\.?\s+([{_UPPER}\"“].*)$")),
    ("arabic", re.compile(rf"^(\d{{1,2}})\.\s+([{_UPPER}\"“].*)$")),
    ("lower", re.compile(rf"^([a-zđ])\)\s+([{_UPPER}\"“].*)$")),
    ("paren", re.compile(rf"^\((\d{{1,2}})\)\s+([{_UPPER}\"“].*)$")),
]


@dataclass
class _Heading:
    style: str
    label: str
    number: int
    title: str
    rank: float


def _match_numbered(text: str, last_upper: int) -> _Heading | None:
    for style, pattern in _NUMBERED:
        match = pattern.match(text)
        if not match:
            continue
        if style == "part":
            number = _PART_NUMBERS.get(match.group(2).lower(), 0)
            return _Heading("part", match.group(1), number, match.group(3).strip(), _RANK["part"])
        label, title = match.group(1), match.group(2).strip()
        if style == "roman_or_upper":
            upper_number = _UPPER_LETTERS.find(label) + 1 if len(label) == 1 else 0
            roman = _roman_value(label)
            # "C." after "B." is a letter; "I." after "A." is a Roman numeral.
            if upper_number and (roman is None or (last_upper and upper_number == last_upper + 1)):
                return _Heading("upper", f"{label}.", upper_number, title, _RANK["upper"])
            if roman is None:
                continue
            return _Heading("roman", f"{label}.", roman, title, _RANK["roman"])
        if style == "dotted":
            parts = label.split(".")
            rank = _RANK["arabic"] + len(parts) - 1
            return _Heading(f"dotted{len(parts)}", f"{label}.", int(parts[-1]), title, rank)
        if style == "arabic":
            return _Heading("arabic", f"{label}.", int(label), title, _RANK["arabic"])
        if style == "lower":
            number = _LOWER_LETTERS.find(label) + 1
            return _Heading("lower", f"{label})", number, title, _RANK["lower"])
        return _Heading("paren", f"({label})", int(label), title, _RANK["paren"])
    return None


def _is_capital_title(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4
        and sum(ch.isupper() for ch in letters) / len(letters) > 0.9
        and word_count(text) <= 30
        and not ends_sentence(text)
    )


def _reads_as_heading(title: str, next_text: str | None) -> bool:
    """A short title with no sentence punctuation is a heading; a long sentence is an item."""
    title = title.strip()
    if not title:
        return True
    if next_text is not None and starts_lowercase(next_text):
        return False  # the "title" was cut by a page break mid-sentence
    if re.search(rf"[.!?]\s+[{_UPPER}]", title):
        return False  # several sentences
    last = title.rstrip("*”\"»’')] ").rstrip()[-1:]  # a quotation ends a sentence too
    if last == ":":
        return word_count(title) <= 20
    if last in ".;,!?…":
        return False
    return word_count(title) <= 40


_ITEM_TITLE_WORDS = 8


def _item_title(text: str) -> str:
    words = text.split()
    return " ".join(words[:_ITEM_TITLE_WORDS]) + ("…" if len(words) > _ITEM_TITLE_WORDS else "")


# ---------------------------------------------------------------------------- the parser


class _SectionStack:
    """Open sections; a numbered list restarting at 1 under a heading of its own style nests."""

    def __init__(self) -> None:
        self._open: list[tuple[float, Section]] = []
        self.last_number: dict[str, int] = {}

    @property
    def path(self) -> SectionPath:
        return tuple(section for _, section in self._open)

    def push(self, heading: _Heading, is_item: bool) -> None:
        rank = heading.rank
        same_style = [(r, s) for r, s in self._open if s.style == heading.style]
        if same_style:
            inner_rank, inner = same_style[-1]
            if heading.number == 1 and inner.number >= 1 and not inner.is_item:
                rank = inner_rank + 0.5  # "2. Nội dung đánh giá ... Cụ thể: 1. ..., 2. ..."
            else:
                rank = inner_rank
        while self._open and self._open[-1][0] >= rank:
            self._open.pop()
        title = _item_title(heading.title) if is_item else heading.title
        section = Section(heading.label, title, heading.style, heading.number, is_item)
        self._open.append((rank, section))
        if heading.style == "upper":
            self.last_number["upper"] = heading.number

    def retitle_last(self, title: str) -> None:
        rank, section = self._open[-1]
        self._open[-1] = (rank, Section(section.label, title, section.style, section.number))


def _find_closing(source: str, body_start: int) -> int | None:
    match = _CLOSING.search(source, body_start)
    if not match:
        return None
    # Include a bold marker opening the line ("**TM. ỦY BAN").
    line_start = source.rfind("\n", 0, match.start()) + 1
    return line_start


@dataclass
class _Header:
    doc_type: str
    title: str
    number: str | None
    date: DocumentDate | None
    blocks: list[_Block]


def _read_header(blocks: list[_Block]) -> tuple[_Header, int]:
    """Leading blocks that name the document: number, place and date, type, title, addressee."""
    doc_type, title, number, date = "", "", None, None
    subject = ""
    consumed = 0
    expect_title = False
    in_addressees = False
    for i, block in enumerate(blocks):
        plain = block.plain
        first_line = plain.split("\n", 1)[0].strip()
        upper_first = first_line.upper()
        type_word = next((t for t in _DOC_TYPES if upper_first == t), None)
        if type_word:
            doc_type = type_word.lower()
            rest = plain.split("\n", 1)[1].strip() if "\n" in plain else ""
            if rest:
                title = " ".join(rest.split())
            else:
                expect_title = True
        elif expect_title:
            title = " ".join(plain.split())
            expect_title = False
        elif _HEADER_LINE.match(plain):
            if plain.startswith("Số"):
                found = re.search(r"Số\s*:?\s*(\d+)\s*/\s*([\w-]+)", plain)
                if found:
                    number = f"{found.group(1)}/{found.group(2)}"
            if found_date := parse_date(plain):
                date = found_date
            if plain.startswith("V/v"):
                subject = " ".join(plain[3:].split())
            in_addressees = plain.startswith("Kính gửi")
        elif in_addressees and plain.startswith("-"):
            pass
        else:
            break
        consumed = i + 1
    if not doc_type:
        doc_type = "công văn" if subject else "văn bản"
    if not title:
        title = subject
    return _Header(doc_type, title, number, date, blocks[:consumed]), consumed


def parse_report(source: str, doc: str) -> Report:
    """Parse the text of one report (any of the seeds' shapes) into a Report."""
    source = nfc(source.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = _split_blocks(source)
    header, first_body = _read_header(blocks)
    body_start = blocks[first_body].start if first_body < len(blocks) else len(source)
    closing_start = _find_closing(source, body_start)
    body_blocks = [
        b for b in blocks[first_body:] if closing_start is None or b.start < closing_start
    ]

    header_paragraph = None
    if header.blocks:
        header_paragraph = Paragraph(path=())
        for block in header.blocks:
            _append_block(header_paragraph, source, block, separator="\n")
        if not header_paragraph.text.strip():
            header_paragraph = None  # only emphasis marks

    report = Report(
        doc=doc,
        doc_type=header.doc_type,
        title=header.title,
        number=header.number,
        date=header.date,
        period=parse_title_period(header.title, header.date) if header.title else None,
        header=header_paragraph,
        paragraphs=[],
        footnotes={},
        closing_start=closing_start,
        source=source,
    )
    _read_body(report, body_blocks)
    _link_footnotes(report)
    return report


def _append_block(paragraph: Paragraph, source: str, block: _Block, separator: str = " ") -> None:
    """Append a block's text, its lines joined by spaces and emphasis markers dropped."""
    first = True
    for line_match in re.finditer(r"[^\n]+", block.text):
        line_start = block.start + line_match.start()
        line = line_match.group()
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^*]+", line)]
        line_sep = separator if first else (" " if not line.lstrip().startswith("-") else "\n")
        for k, (s, e) in enumerate(pieces):
            text = line[s:e]
            if not text.strip():
                continue
            lead = len(text) - len(text.lstrip()) if k == 0 else 0
            trail = len(text) - len(text.rstrip()) if k == len(pieces) - 1 else 0
            paragraph.append(
                source, line_start + s + lead, line_start + e - trail, separator=line_sep
            )
            line_sep = ""
        first = False


def _footnote_start(plain: str, expected: int, cited: set[int]) -> tuple[int, int] | None:
    """(number, offset of its text) when the block opens a footnote."""
    match = _FOOTNOTE_SUPERSCRIPT.match(plain)
    if match:
        return superscript_to_int(match.group(1)), match.end()
    match = _FOOTNOTE_PLAIN.match(plain)
    if match and int(match.group(1)) == expected and expected in cited:
        return expected, match.end()
    return None


def _read_body(report: Report, blocks: list[_Block]) -> None:
    source = report.source
    stack = _SectionStack()
    cited: set[int] = set()
    expected_footnote = 1
    pending: Paragraph | None = None  # the last body paragraph, which a page break may have cut
    footnote_since_pending = False
    kinds: list[str] = []
    starts: list[tuple[int, int] | None] = []
    headings: list[tuple[int, SectionPath, _Block]] = []  # where each opened, for empty ones

    for block in blocks:
        opened = _footnote_start(block.text.lstrip("*"), expected_footnote, cited)
        kinds.append("footnote" if opened else "body")
        starts.append(opened)
        if opened:
            expected_footnote = opened[0] + 1
        else:
            cited.update(n for n, _, _ in footnote_markers(block.text))

    def next_body_text(index: int) -> str | None:
        """The next body block, unless it is a heading (whose "a)" is no lower-case text)."""
        for j in range(index + 1, len(blocks)):
            if kinds[j] == "body":
                text = blocks[j].plain
                return None if _match_numbered(text, 0) else text
        return None

    for i, block in enumerate(blocks):
        if kinds[i] == "footnote":
            number, offset = starts[i]  # type: ignore[misc]
            text_start = block.start + len(block.text) - len(block.text.lstrip("*")) + offset
            text = " ".join(source[text_start : block.end].replace("*", "").split())
            if number in report.footnotes:
                report.warnings.append(f"footnote {number} printed twice")
            report.footnotes[number] = Footnote(number, text, text_start, block.end)
            footnote_since_pending = True
            continue

        table = read_table(block.text)
        if table is not None:
            report.paragraphs.extend(_table_rows(source, block, table, stack.path))
            pending, footnote_since_pending = None, False
            continue

        plain = block.plain
        heading = _match_numbered(plain, stack.last_number.get("upper", 0))
        if pending is not None and _continues(pending, plain, heading, footnote_since_pending):
            glue = (
                "" if pending.text.rstrip().endswith(("-", "–")) and not plain[0].isspace() else " "
            )
            report.page_joins.append((pending.offsets[-1] + 1, block.start))
            _append_block(pending, source, block, separator=glue)
            footnote_since_pending = False
            continue
        footnote_since_pending = False

        if heading is not None:
            is_item = not _reads_as_heading(heading.title, next_body_text(i))
            stack.push(heading, is_item)
            if not is_item:
                headings.append((len(report.paragraphs), stack.path, block))
            if is_item:
                pending = Paragraph(path=stack.path)
                _append_block(pending, source, block)
                report.paragraphs.append(pending)
            else:
                pending = None
            continue

        path = stack.path
        if path and path[-1].style == "part" and not path[-1].title and _is_capital_title(plain):
            stack.retitle_last(" ".join(plain.split()))
            position, _, opened_by = headings[-1]
            headings[-1] = (position, stack.path, opened_by)
            continue
        if _is_capital_title(plain) or _is_bold_title(block):
            stack.push(_Heading("title", "", 0, " ".join(plain.split()), _RANK["title"]), False)
            headings.append((len(report.paragraphs), stack.path, block))
            pending = None
            continue

        pending = Paragraph(path=path)
        _append_block(pending, source, block)
        report.paragraphs.append(pending)
    _keep_empty_headings(report, headings)
    # A block of emphasis marks alone ("**") leaves a paragraph with no text.
    report.paragraphs = [p for p in report.paragraphs if p.text.strip()]


def _keep_empty_headings(report: Report, headings: list[tuple[int, SectionPath, _Block]]) -> None:
    """A heading with no text under it becomes a passage of its own, or its words would be in
    no chunk (a last task "3. Đẩy mạnh cải cách hành chính" before the signature)."""
    for position, path, block in reversed(headings):
        depth, section = len(path) - 1, path[-1]
        if any(len(p.path) > depth and p.path[depth] is section for p in report.paragraphs):
            continue
        paragraph = Paragraph(path=path[:-1])
        _append_block(paragraph, report.source, block)
        if paragraph.text.strip():
            report.paragraphs.insert(position, paragraph)


def _table_rows(source: str, block: _Block, table: Table, path: SectionPath) -> list[Paragraph]:
    """One paragraph per data row: "Chỉ tiêu: X | Năm 2019: 12,5", every cell with its column."""
    rows = []
    for cells in table.rows:
        row = Paragraph(path=path, table=True)
        for index, cell in enumerate(cells):
            if not cell.text:
                continue
            name = column_name(table.header, index)
            separator = " | " if row.text else ""
            if name is not None:
                row.append(source, block.start + name.start, block.start + name.end, separator)
                separator = ": "
            row.append(source, block.start + cell.start, block.start + cell.end, separator)
        if row.text:
            rows.append(row)
    return rows


def _is_bold_title(block: _Block) -> bool:
    text = block.text.strip()
    return (
        text.startswith("**")
        and text.endswith("**")
        and "**" not in text[2:-2]
        and word_count(text) <= 30
        and not ends_sentence(text.strip("*"))
    )


_CODE_START = re.compile(r"\d|[^\W\d_]{1,3}\d")


def _continues(
    pending: Paragraph, plain: str, heading: _Heading | None, footnote_between: bool
) -> bool:
    """Is this block the second half of a paragraph cut by a page break?"""
    if heading is not None or ends_sentence(pending.text):
        return False
    if pending.text.rstrip().endswith(("-", "–")) or starts_lowercase(plain):
        return True
    # A number or a code such as "Km33" does not open a paragraph; after a page's footnotes
    # anything but a heading continues the cut sentence.
    return bool(_CODE_START.match(plain)) or footnote_between


def _link_footnotes(report: Report) -> None:
    """Give each footnote the body sentence that cites it and that sentence's section."""
    cited: set[int] = set()
    for paragraph in report.paragraphs:
        spans = sentence_spans(paragraph.text)
        for number, start, _ in footnote_markers(paragraph.text):
            cited.add(number)
            footnote = report.footnotes.get(number)
            if footnote is None:
                report.warnings.append(f"marker {number} points to no footnote")
                continue
            if footnote.cited_by is not None:
                continue
            sentence = next(
                (paragraph.text[s:e] for s, e in spans if s <= start < e + 1), paragraph.text
            )
            footnote.cited_by = sentence
            footnote.path = paragraph.path
    for number in sorted(set(report.footnotes) - cited):
        report.warnings.append(f"footnote {number} is cited by no body sentence")
