"""Reporting periods: read from a document's heading, shown as a label, filtered as fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag.text import has_diacritics, strip_diacritics

_MONTH = re.compile(r"(?<![\d/])tháng\s+(\d{1,2})(?!\s*tháng)(?:\s*(?:/|năm)\s*(\d{4}))?", re.I)
_MONTHS_COVERED = re.compile(r"(?<![\d/])(\d{1,2})\s+tháng(\s+đầu\s+năm)?", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# "Từ đầu năm 2023 đến hết tháng 11/2023": the months since January, as a report counts them.
_Q_SINCE_NEW_YEAR = re.compile(
    r"\btu dau nam(?: ((?:19|20)\d{2}))? (?:den|toi) (?:het )?thang (\d{1,2})"
    r"(?:(?:\s*/\s*|\s+nam\s+)((?:19|20)\d{2}))?\b"
)
_DATE = re.compile(r"ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)


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


# ---------------------------------------------------------------------------- periods in questions

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Questions are matched without diacritics: "thang 11 nam 2023" and "tháng 11 năm 2023" alike.
_Q_MONTH_YEAR = re.compile(r"\bthang\s*(\d{1,2})\s*(?:/|-|nam|,)?\s*((?:19|20)\d{2})\b")
_Q_SLASH = re.compile(r"(?<![\d/.,])(\d{1,2})\s*/\s*((?:19|20)\d{2})\b")
_Q_MONTHS = re.compile(r"\b(\d{1,2})\s*thang(?:\s*dau)?(?:\s*nam)?\s*((?:19|20)\d{2})?\b")
_Q_LAST = re.compile(r"\s*cuoi\b")  # "6 tháng cuối năm": after the months, the last ones
_Q_ALONE = re.compile(r"\b(?:trong|rieng)(?:\s+trong)?\s+$")  # before "tháng 9/2019"
_Q_HALF = re.compile(r"\b(?:nua\s+(?:dau|cuoi)\s+nam|6\s+thang\s+dau\s+nam)\s*((?:19|20)\d{2})?\b")
# "Sáu tháng đầu năm", "mười một tháng năm 2023": months spelled out, typed with diacritics or
# without. Only before "đầu", "cuối" or "năm", since "sau tháng 11" (after November) is bare
# "sáu tháng" too.
_SPELLED_MONTHS = {
    "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
    "mười một": 11, "mười hai": 12,
}  # fmt: skip
_NUMBER_WORDS = {strip_diacritics(w): n for w, n in _SPELLED_MONTHS.items()} | _SPELLED_MONTHS
_Q_SPELLED_MONTHS = re.compile(
    rf"\b({'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})\s+(tháng|thang)"
    r"(?=\s+(?:đầu|cuối|năm|dau|cuoi|nam)\b)",
    re.IGNORECASE,
)
# "Vốn kế hoạch năm 2022 kéo dài", "dự án năm 2022 kéo dài": capital or works of a plan
# year, carried into the period asked.
_Q_CARRIED_OVER = re.compile(r"\bnam\s+(?:19|20)\d{2}\s+(?:duoc\s+)?keo\s+dai\b")
# "So với năm trước", "so với cùng kỳ năm 2019": the base a figure is compared with, not a
# period asked (a year after "cùng kỳ" is the base of the report's own comparison).
_Q_COMPARED_YEAR = re.compile(
    r"\bso\s+voi\s+(?:cung\s+ky\s+)?nam\s+(?:ngoai|truoc)\b"
    r"|\bso\s+voi\s+cung\s+ky\s+(?:nam\s+)?(?:19|20)\d{2}\b"
)
# "Cả năm 2022": the whole year, which a report of January or of half a year does not cover.
_Q_WHOLE_YEAR = re.compile(r"\bca\s+nam\s*((?:19|20)\d{2})\b")
_Q_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b\s*(?:/|nam)?\s*((?:19|20)\d{2})?")
_Q_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?![\d/.,]\d)")
_Q_MONTH_ONLY = re.compile(r"\bthang\s+(\d{1,2})\b(?!\s*thang)")
_Q_DATE = re.compile(r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d{2})\b")
# "Từ 16/12/2017 đến 15/6/2018": a reporting window, of the report dated at its end.
_Q_DATE_RANGE = re.compile(
    r"(?<![\d/])(?P<start>\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:19|20)\d{2})?)"
    r"\s*(?:den|-|–)\s*(?:ngay\s+)?"
    r"(?P<end>\d{1,2}\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<year>(?:19|20)\d{2}))\b"
)
# "từ giữa tháng 12/2022 đến giữa tháng 11/2023": a window of months, counted to its end.
_Q_MONTH_RANGE = re.compile(
    r"\btu\s+(?:(?:giua|dau|cuoi)\s+)?thang\s+(?P<start>\d{1,2}\s*/\s*(?:19|20)\d{2})"
    r"\s*(?:den|-|–)\s*(?:(?:giua|dau|cuoi)\s+)?thang\s+"
    r"(?P<end>(?P<month>\d{1,2})\s*/\s*(?P<year>(?:19|20)\d{2}))\b"
)
_Q_DOCUMENT_NUMBER = re.compile(r"\b\d{1,4}\s*/\s*(?:19|20)\d{2}\s*/\s*[a-z]")  # 02/2020/NQ-HĐND
# "2016 - 2020", "2016-2020", "giai đoạn 2016 2020" (a dash not typed): a span of years.
_Q_RANGE = re.compile(
    r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}|\bgiai\s+doan\s+(?:19|20)\d{2}\s+(?:19|20)\d{2}"
)
_Q_TARGET_YEAR = re.compile(r"\b(?:den|toi)\s+(?:nam\s+)?(?:19|20)\d{2}\b")
_Q_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # "năm 2017", "11/2023"
_Q_THIS_YEAR = re.compile(r"\bnam\s+nay\b")
# "các năm trước", "những năm trước" are the years before, not last year.
_Q_LAST_YEAR = re.compile(
    r"(?<!\bcac )(?<!\bnhung )\bnam\s+(?:ngoai|truoc)\b|\bcung\s+ky\s+nam\s+(?:ngoai|truoc)\b"
)


@dataclass(frozen=True)
class QueryPeriod:
    """A period named in a question: any of year, month, months covered, quarter."""

    year: int | None = None
    month: int | None = None
    months: int | None = None
    quarter: int | None = None
    text: str = ""
    # "6 tháng cuối năm": the months left of the year, which the mid-year report plans for.
    last: bool = False
    # "trong tháng 9/2019", "riêng tháng 11": the month's own figure, not the months to date.
    alone: bool = False

    @property
    def bare_year(self) -> bool:
        """A year named alone ("năm 2023"), no part of it."""
        return not (
            self.month or self.months or self.quarter or self.last or self.text.startswith("từ")
        )

    def matches(self, period: Period) -> bool:
        """Does a document of `period` report on this period?"""
        if self.year is not None and period.year != self.year:
            return False
        if period.day:  # a dated letter: matched on the year named (and the month, if named)
            if self.year is None or (self.month is not None and period.month != self.month):
                return False
            # It reports on the months to its date, and forecasts the whole year: of June,
            # "6 tháng đầu năm" and "cả năm", not "3 tháng", "9 tháng" or "quý III".
            ending = self.months or (3 * self.quarter if self.quarter else None)
            return ending in (None, 12, period.month)
        if self.month is not None and period.month != self.month:
            return False
        if self.months is not None and (period.months or period.month) != self.months:
            return False
        # A report of January holds January's figures, not the quarter's.
        return self.quarter is None or 3 * self.quarter in (period.month, period.months)

    @property
    def label(self) -> str:
        if self.text:
            return self.text
        year = self.year or ""
        if self.quarter:
            return f"quý {self.quarter}/{year}"
        if self.month and self.months:
            return f"tháng {self.month}/{year} ({self.months} tháng)"
        if self.month:
            return f"tháng {self.month}/{year}"
        if self.months:
            return f"{self.months} tháng {'cuối ' if self.last else ''}năm {year}"
        return f"năm {year}"


# "T11/2023", "đến T11" are "tháng 11"; "11T/2023" is "11 tháng năm 2023", as chat types them.
_Q_MONTH_SHORT = re.compile(r"\bt(\d{1,2})\b", re.I)
_Q_MONTHS_SHORT = re.compile(r"\b(\d{1,2})t\b(?:\s*/\s*(?=(?:19|20)\d{2}\b))?", re.I)


def months_in_digits(text: str) -> str:
    """ "sáu tháng đầu năm" -> "6 tháng đầu năm", "T11" -> "tháng 11", "11T/2023" -> "11 tháng
    năm 2023", so that one pattern reads them all (in the text's own spelling)."""
    text = _Q_SPELLED_MONTHS.sub(
        lambda m: f"{_NUMBER_WORDS[' '.join(m.group(1).lower().split())]} {m.group(2)}", text
    )
    month, year = ("tháng", "năm") if has_diacritics(text) else ("thang", "nam")
    text = _Q_MONTHS_SHORT.sub(rf"\1 {month} {year} ", text)
    return _Q_MONTH_SHORT.sub(rf"{month} \1", text)


# "ngày 31 tháng 10 năm 2017" is a date, as "31/10/2017" is: not the month of October.
_Q_DATE_IN_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d{2})\b")


def parse_query_periods(bare_question: str, newest: Period | None = None) -> list[QueryPeriod]:
    """The periods a question names, in order; `bare_question` is lower-case, no diacritics.

    "tháng 11/2017", "11 tháng năm 2023", "6 tháng đầu năm 2020", "quý I/2022", "năm 2019";
    "năm nay" / "năm ngoái" are read relative to the newest report.
    """
    text = _Q_DATE_IN_WORDS.sub(r"ngay \1/\2/\3", months_in_digits(bare_question))
    text = _Q_COMPARED_YEAR.sub(lambda m: " " * len(m.group()), text)
    if _Q_ANY_YEAR.search(text):
        # "Vì sao lúa năm 2017 kém hơn năm trước?": with a year named, "năm trước" is the year
        # before that one, the base of a comparison, and "năm nay" that year itself.
        text = _Q_LAST_YEAR.sub(lambda m: " " * len(m.group()), text)
        text = _Q_THIS_YEAR.sub(lambda m: " " * len(m.group()), text)
    elif newest is not None:
        text = _Q_LAST_YEAR.sub(f"nam {newest.year - 1}", text)
        text = _Q_THIS_YEAR.sub(f"nam {newest.year}", text)
    found: list[tuple[int, QueryPeriod]] = []
    taken: list[tuple[int, int]] = []

    def claim(match: re.Match[str]) -> bool:
        span = match.span()
        if any(s < span[1] and span[0] < e for s, e in taken):
            return False
        taken.append(span)
        return True

    for match in _Q_RANGE.finditer(text):
        claim(match)  # "giai đoạn 2016 - 2020" names a span, not a period to route to
    for match in _Q_DOCUMENT_NUMBER.finditer(text):
        claim(match)  # "Nghị quyết số 02/2020/NQ-HĐND" is a document's number, not a month
    for match in _Q_CARRIED_OVER.finditer(text):
        claim(match)  # "vốn kế hoạch năm 2022 kéo dài": capital of a plan, spent in the period
    for match in _Q_SINCE_NEW_YEAR.finditer(text):
        month, year = int(match.group(2)), match.group(3) or match.group(1)
        if 1 <= month <= 12 and claim(match):
            # A window counted to its end, as "từ tháng 12/2022 đến tháng 11/2023" is.
            label = f"từ đầu năm đến tháng {month}" + (f"/{year}" if year else "")
            period = QueryPeriod(int(year) if year else None, month, month, text=label)
            found.append((match.start(), period))
    for pattern, unit in ((_Q_DATE_RANGE, ""), (_Q_MONTH_RANGE, "tháng ")):
        for match in pattern.finditer(text):
            month = int(match["month"])
            if 1 <= month <= 12 and claim(match):
                start, end = ("".join(match[d].split()) for d in ("start", "end"))
                # Cumulative to its end, as the reports count ("lũy kế từ 15/12/2022 đến …").
                label = f"từ {unit}{start} đến {unit}{end}"
                found.append(
                    (match.start(), QueryPeriod(int(match["year"]), month, month, text=label))
                )
    for match in _Q_DATE.finditer(text):
        if claim(match):
            found.append((match.start(), QueryPeriod(year=int(match.group(1)))))
    for match in _Q_HALF.finditer(text):
        if claim(match):
            year = int(match.group(1)) if match.group(1) else _next_year(text, match.end())
            last = "cuoi" in match.group()
            found.append((match.start(), QueryPeriod(year=year, months=6, last=last)))
    for match in _Q_WHOLE_YEAR.finditer(text):
        if claim(match):
            found.append((match.start(), QueryPeriod(year=int(match.group(1)), months=12)))
    for match in _Q_QUARTER.finditer(text):
        if claim(match):
            year = int(match.group(2)) if match.group(2) else _next_year(text, match.end())
            found.append(
                (match.start(), QueryPeriod(year=year, quarter=_ROMAN_QUARTER[match.group(1)]))
            )
    for pattern in (_Q_MONTH_YEAR, _Q_SLASH):
        for match in pattern.finditer(text):
            month = int(match.group(1))
            if 1 <= month <= 12 and claim(match):
                alone = bool(_Q_ALONE.search(text[: match.start()]))
                period = QueryPeriod(year=int(match.group(2)), month=month, alone=alone)
                found.append((match.start(), period))
    for match in _Q_MONTHS.finditer(text):
        months = int(match.group(1))
        if 2 <= months <= 12 and claim(match):
            year = int(match.group(2)) if match.group(2) else _next_year(text, match.end())
            last = bool(_Q_LAST.match(text, match.end()))
            found.append((match.start(), QueryPeriod(year=year, months=months, last=last)))
    for match in _Q_MONTH_ONLY.finditer(text):
        month = int(match.group(1))
        if 1 <= month <= 12 and claim(match):
            year = _next_year(text, match.end())
            alone = bool(_Q_ALONE.search(text[: match.start()]))
            found.append((match.start(), QueryPeriod(year=year, month=month, alone=alone)))
    for match in _Q_TARGET_YEAR.finditer(text):
        claim(match)  # "đến năm 2020": a target's horizon, not a period reported on
    for match in _Q_YEAR.finditer(text):
        if claim(match):
            found.append((match.start(), QueryPeriod(year=int(match.group(1)))))
    merged = _merge_cumulative(sorted(found, key=lambda item: item[0]))
    if any(p.alone for p in merged):
        # "riêng tháng 11/2017 và tháng 11/2023": each month named, alone.
        merged = [replace(p, alone=True) if p.month and not p.months else p for p in merged]
    return merged


def _next_year(text: str, position: int) -> int | None:
    match = _Q_YEAR.search(text, position)
    return int(match.group(1)) if match and match.start() - position < 25 else None


def _merge_cumulative(found: list[tuple[int, QueryPeriod]]) -> list[QueryPeriod]:
    """ "tháng 11 và 11 tháng năm 2023": one period; a bare year already used is dropped."""
    periods: list[QueryPeriod] = []
    for _, period in found:
        if periods:
            last = periods[-1]
            if period.month is None and period.months is None and period.quarter is None:
                if period.year is not None and any(p.year == period.year for p in periods):
                    continue  # the year was already part of a fuller period
                if last.year is None and period.year is not None:
                    periods[-1] = replace(last, year=period.year)
                    continue
            if period.months and not (period.month or period.year):
                # "tháng 11/2017 và tháng 11/2023, lũy kế 11 tháng của mỗi năm": the months to
                # each month named.
                ending = [i for i, p in enumerate(periods) if p.month == period.months]
                if ending and not any(periods[i].months for i in ending):
                    for i in ending:
                        periods[i] = replace(periods[i], months=period.months)
                    continue
            if last.year in (None, period.year) and (
                (last.month and period.months and last.month == period.months and not last.months)
                or (last.months and period.month and last.months == period.month and not last.month)
            ):
                periods[-1] = QueryPeriod(
                    period.year or last.year,
                    last.month or period.month,
                    last.months or period.months,
                )
                continue
        periods.append(period)
    # A period without a year borrows the year named after it ("tháng 11 và 11 tháng năm 2023"),
    # or else before it ("cả năm 2018 …, riêng nửa cuối năm").
    for i, period in enumerate(periods):
        if period.year is None:
            later = next((p.year for p in periods[i + 1 :] if p.year), None)
            earlier = next((p.year for p in reversed(periods[:i]) if p.year), None)
            periods[i] = replace(period, year=later or earlier)
    return periods
