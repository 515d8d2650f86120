"""Tables as text: the readers write a table as a Markdown pipe table, the parser reads it back.

A table reaches the parser as one block of lines, each line a row, the second line the
separator of a Markdown table:

    | Chỉ tiêu | Năm 2019 | Năm 2020 |
    | --- | --- | --- |
    | Tổng thu ngân sách | 12,5 | 13,1 |

The parser makes each data row a passage of its own in which every cell is named by its
column ("Chỉ tiêu: Tổng thu ngân sách | Năm 2019: 12,5 | Năm 2020: 13,1"), so a row found on
its own still says what each figure is. A `.md` report's own pipe tables are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATOR_CELL = re.compile(r":?-{3,}:?")


@dataclass(frozen=True)
class Cell:
    """A cell's text and where it sits in the block (offsets into the block's text)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    header: list[Cell]
    rows: list[list[Cell]]


def clean_cell(text: str) -> str:
    """One line of text that cannot break the table: spaces collapsed, a pipe made a slash."""
    return " ".join(text.split()).replace("|", "/")


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown pipe table; rows shorter than the header are padded with empty cells."""
    width = max([len(header), *(len(r) for r in rows)])
    header = header + [""] * (width - len(header))

    def line(cells: list[str]) -> str:
        cells = cells + [""] * (width - len(cells))
        return "| " + " | ".join(clean_cell(c) for c in cells) + " |"

    return "\n".join([line(header), "| " + " | ".join(["---"] * width) + " |", *map(line, rows)])


def _split_row(line: str, offset: int) -> list[Cell]:
    """The cells of one `| a | b |` line, with offsets; escaped pipes stay inside cells."""
    body_start = line.index("|") + 1
    body_end = len(line.rstrip())
    if (
        body_end > body_start
        and line[body_end - 1] == "|"
        and line[body_end - 2 : body_end] != "\\|"
    ):
        body_end -= 1
    cells: list[Cell] = []
    start = body_start
    i = body_start
    while i <= body_end:
        if i == body_end or (line[i] == "|" and line[i - 1] != "\\"):
            raw = line[start:i]
            lead = len(raw) - len(raw.lstrip(" \t*"))
            trail = len(raw) - len(raw.rstrip(" \t*"))
            text = raw.strip(" \t*").replace("\\|", "|")
            cells.append(Cell(text, offset + start + lead, offset + i - trail))
            start = i + 1
        i += 1
    return cells


def read_table(text: str) -> Table | None:
    """The table a block holds, or None when the block is not (only) a pipe table."""
    lines = text.split("\n")
    if len(lines) < 2 or not all(line.lstrip().startswith("|") for line in lines):
        return None
    separator = [c.strip() for c in lines[1].strip().strip("|").split("|")]
    if not separator or not all(_SEPARATOR_CELL.fullmatch(c) for c in separator):
        return None
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    header = _split_row(lines[0], offsets[0])
    rows = [_split_row(line, offset) for line, offset in zip(lines[2:], offsets[2:], strict=True)]
    return Table(header, rows)


def column_name(header: list[Cell], index: int) -> Cell | None:
    """The header cell naming column `index`, or None when the column has no name."""
    if index < len(header) and header[index].text:
        return header[index]
    return None
