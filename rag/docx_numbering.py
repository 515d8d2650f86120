"""Word's automatic numbering: the labels ("I.", "1.2.", "a)", "-") Word draws but never stores.

A report whose headings are numbered by a list style holds "Tình hình kinh tế" in its text and
"II." only in numbering.xml; the parser needs the label to know the section. This replays the
counters of each list in document order, as Word does when it lays the document out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letter(number: int) -> str:
    if number < 1:
        return str(number)
    return _LETTERS[(number - 1) % 26] * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """A counter in one of Word's number formats (decimal when the format is unknown)."""
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperLetter":
        return _letter(number).upper()
    if fmt == "lowerLetter":
        return _letter(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


def _val(element: Any, tag: str, default: str = "") -> str:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class Numbering:
    """The list definitions of one document and the running counters of its lists."""

    def __init__(self, numbering_element: Any | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, overrides)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_element is None:
            return
        for abstract in numbering_element.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    int(_val(lvl, "w:start", "1") or 1),
                    _val(lvl, "w:numFmt", "decimal"),
                    _val(lvl, "w:lvlText", ""),
                )
            self._abstract[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering_element.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"), "")] = (_val(num, "w:abstractNumId"), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph of list `num_id` at level `ilvl` ("" if none).

        A bullet is "-", the list-item mark of the reports' text.
        """
        if num_id not in self._nums or num_id == "0":
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        if level.fmt == "bullet":
            return "-"
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:  # a list restarted with startOverride
            self._started.add(num_id)
            for override_level, start in overrides.items():
                counters[override_level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                outer = levels.get(k, _Level(1, "decimal", ""))
                value = counters.get(k, outer.start)
                text = text.replace(f"%{k + 1}", format_number(value, outer.fmt))
        return text.strip()
