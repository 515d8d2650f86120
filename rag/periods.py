"""Reporting periods: read from a document's heading, shown as a label, filtered as fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = re.compile(r"(?<![\d/])tháng\s+(\d{1,2})(?!\s*tháng)(?:\s*(?:/|năm)\s*(\d{4}))?", re.I)
_MONTHS_COVERED = re.compile(r"(?<![\d/])(\d{1,2})\s+tháng(\s+đầu\s+năm)?", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DATE = re.compile(
    r"ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I
)


@dataclass(frozen=True)
class Period:
    """The time a document reports on.

    `month` is the month reported (11 in "tháng 11 và 11 tháng"), `months` the months covered
    since January when the document is cumulative (11 there, 6 for "6 tháng đầu năm"), `day` the
    day for a dated letter.
    """

    year: int
    month: int | None = None
    months: int | None = None
    day: int | None = None

    @property
    def label(self) -> str:
        if self.day and self.month:
            return f"ngày {self.day}/{self.month}/{self.year}"
        if self.month and self.months and self.months > 1 and self.months == self.month:
            if self.months in (6, 12) and self.month == self.months:
                return f"{self.months} tháng đầu năm {self.year}"
            return f"tháng {self.month}/{self.year} ({self.months} tháng)"
        if self.month:
            return f"tháng {self.month:02d}/{self.year}"
        return f"năm {self.year}"


@dataclass(frozen=True)
class DocumentDate:
    year: int
    month: int
    day: int | None = None

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def parse_date(text: str) -> DocumentDate | None:
    """ "Lạng Sơn, ngày 29 tháng 6 năm 2018" -> 2018-06-29; a blank day gives 2020-07."""
    match = _DATE.search(text)
    if not match:
        return None
    day = int(match.group(1)) if match.group(1) else None
    return DocumentDate(int(match.group(3)), int(match.group(2)), day)


def parse_title_period(title: str, date: DocumentDate | None = None) -> Period | None:
    """Read the period a document's title names; fall back to its date.

    "tháng 11 và 11 tháng ... năm 2023" -> month 11, 11 months covered; "6 tháng đầu năm 2020"
    -> 6 months; "tháng 01 năm 2022" -> month 1. Later months ("nhiệm vụ trọng tâm tháng 12")
    are plans, not the period reported, so the first month named wins.
    """
    years = [int(y) for y in _YEAR.findall(title)]
    year = years[-1] if years else (date.year if date else None)
    months_covered = None
    covered = _MONTHS_COVERED.search(title)
    if covered and (covered.group(2) or int(covered.group(1)) > 1):
        months_covered = int(covered.group(1))
    month_match = _MONTH.search(title)
    month = int(month_match.group(1)) if month_match else None
    if month is not None and not 1 <= month <= 12:
        month = None
    if month is None and months_covered is None:
        # A letter's title names what it plans ("kế hoạch năm 2019"); its date is its period.
        if date:
            return Period(year=date.year, month=date.month, day=date.day)
        return Period(year=year) if year else None
    if year is None:
        return None
    if month is None:
        month = months_covered
    return Period(year=year, month=month, months=months_covered)
