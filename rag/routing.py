"""Period routing: which reports (or which passages) a question's period sends it to."""

from __future__ import annotations

import re

from llama_index.core.schema import TextNode

from rag.lexical import LexicalIndex
from rag.periods import Period, QueryPeriod
from rag.retrieve import Scope


def doc_periods(nodes: list[TextNode]) -> dict[str, Period]:
    periods: dict[str, Period] = {}
    for node in nodes:
        meta = node.metadata
        doc = meta["doc"]
        if doc in periods or not meta.get("period_year"):
            continue
        day = None
        date = meta.get("date") or ""
        if meta.get("period", "").startswith("ngày") and len(date) == 10:
            day = int(date[-2:])
        periods[doc] = Period(
            year=meta["period_year"],
            month=meta.get("period_month") or None,
            months=meta.get("period_months") or None,
            day=day,
        )
    return periods


def doc_issued(nodes: list[TextNode]) -> dict[str, tuple[int, int]]:
    """Report -> the (year, month) it is dated ("Lạng Sơn, ngày … tháng 7 năm 2020"), if any."""
    issued: dict[str, tuple[int, int]] = {}
    for node in nodes:
        date = node.metadata.get("date") or ""
        if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", date):
            issued.setdefault(node.metadata["doc"], (int(date[:4]), int(date[5:7])))
    return issued


def period_key(period: Period | None) -> tuple[int, int, int]:
    if period is None:
        return (0, 0, 0)
    return (period.year, period.month or period.months or 0, period.day or 0)


def scope_for(
    lexical: LexicalIndex,
    periods: dict[str, Period],
    period: QueryPeriod | None,
    docs: frozenset[str] | None,
) -> Scope | None:
    """Reports of the period asked; failing that, passages that speak of it; None if none."""
    if period is None:
        return Scope(docs=docs)
    exact = frozenset(d for d, p in periods.items() if period.matches(p))
    if docs is not None:
        exact &= docs
    if exact:
        return Scope(docs=exact)
    mentions = frozenset(
        node.node_id
        for node in lexical.nodes()
        if (docs is None or node.metadata["doc"] in docs) and _mentions(node, period)
    )
    return Scope(chunk_ids=mentions) if mentions else None


def _mentions(node: TextNode, period: QueryPeriod) -> bool:
    text = f"{node.metadata.get('section', '')} {node.text}"
    return mentions_period(text, period, node.metadata.get("period_year"))


_REFERENCE_YEAR = re.compile(r"(?:cùng kỳ|so với)(?: năm)? (?:19|20)\d{2}")
_DAY = r"\d{1,2}/\d{1,2}/(?:19|20)\d{2}"
# "so với 31/12/2021" is the base of a change; "từ 16/12/2017 đến 15/6/2018" a span of months:
# neither reports on the one month its dates fall in.
_REFERENCE_DAY = re.compile(
    rf"(?:cùng kỳ|so với)(?: ngày)? {_DAY}"
    rf"|(?:từ )?(?:ngày )?{_DAY}\s*(?:đến|tới|-|–)\s*(?:ngày )?{_DAY}"
)
_NEAR = r"(?:\s+[^\s\d>]+){0,4}?\s+"  # up to four words, not across a heading's " > "


def mentions_period(text: str, period: QueryPeriod, report_year: int | None = None) -> bool:
    """Does the text speak of the period, named as one phrase ("6 tháng đầu năm 2019",
    "tháng 11/2023"), or without its year in a report of that year ("nhiệm vụ tháng 12")?
    A heading path holding "6 tháng" under "năm 2019" names no such period, and "so với
    cùng kỳ năm 2019" compares with 2019; it does not report on it."""
    lowered = text.lower()
    implied = period.year is None or period.year == report_year
    # Quick tests first: a question naming a period no report is of scans every passage.
    if not implied and str(period.year) not in lowered:
        return False
    if "tháng" not in lowered and not (
        (period.month and f"{period.month}/" in lowered)
        or (period.months == 12 and "cả năm" in lowered)
        or not (period.month or period.months)
    ):
        return False
    text = _REFERENCE_DAY.sub(" ", _REFERENCE_YEAR.sub(" ", lowered))
    if not implied and not re.search(rf"\b{period.year}\b", text):
        return False
    year = "" if implied else rf"{period.year}\b"
    months = "(?:12 tháng|cả năm)" if period.months == 12 else f"{period.months} tháng"
    if period.months and not re.search(rf"\b{months}\b" + (f"{_NEAR}{year}" if year else ""), text):
        return False
    dated = rf"|\b0?{period.month}/{period.year}\b" if period.year else ""  # "31/10/2017"
    # A month with the months to it ("từ đầu năm đến hết tháng 10"): "10 tháng" says it.
    if (
        period.month
        and not period.months
        and not re.search(
            rf"\btháng 0?{period.month}"
            + (rf"(?:/|{_NEAR}|\s*-\s*){year}" if year else r"\b")
            + dated,
            text,
        )
    ):
        return False
    return period.quarter is None or bool(re.search(r"quý", text))


# "… so với …", "… và …", and ", còn năm 2019?" (the same asked of another period).
_COMPARISON = re.compile(r"\b(so sanh|so voi|va|voi|chenh|khac|hay|hoac)\b|,\s*con\b")


def routed_periods(
    named: list[QueryPeriod], bare_question: str, periods: dict[str, Period]
) -> list[QueryPeriod]:
    """Several periods are compared only when the question joins them ("... và ...", "so với");
    otherwise a figure's own year ("kế hoạch năm 2021") gives way to the report it is in."""
    if len(named) < 2 or _COMPARISON.search(_between_periods(bare_question)):
        return named
    # The period a report is of, the most precise if several are ("11 tháng năm 2023" before
    # "năm 2022" in "… đơn từ năm 2022 chuyển sang"), else the last named.
    reported = [p for p in named if any(p.matches(d) for d in periods.values())] or named
    return [max(reversed(reported), key=_precision)]


# A meeting or a document asked about by the month it was held or issued in.
# So is a state asked as of a month ("tính đến tháng 7/2020"): the report issued then says it.
_ABOUT_DOCUMENT = re.compile(
    r"\b(hoi nghi|ket luan|thong bao|cong van|van ban|bao cao)\b|\btinh den (?:het )?thang\b"
)


def issued_periods(
    named: list[QueryPeriod],
    bare_question: str,
    periods: dict[str, Period],
    issued: dict[str, tuple[int, int]],
) -> list[QueryPeriod]:
    """A month no report is of, named of a meeting or a document ("kết luận hội nghị tháng
    7/2020"), is the period of the one report issued that month (of "6 tháng đầu năm 2020")."""
    if not _ABOUT_DOCUMENT.search(bare_question):
        return named
    found = []
    for period in named:
        docs = [d for d, when in issued.items() if when == (period.year, period.month)]
        if (
            period.month
            and not (period.months or period.quarter)
            and len(docs) == 1
            and not any(period.matches(p) for p in periods.values())
        ):
            own = periods[docs[0]]
            period = QueryPeriod(
                own.year,
                None if own.months else own.month,
                own.months,
                text=own.label,
            )
        found.append(period)
    return found


def _precision(period: QueryPeriod) -> int:
    return int(period.month is not None or period.months is not None or period.quarter is not None)


def _between_periods(bare_question: str) -> str:
    """The words between the first and the last period named (where a comparison is said)."""
    spans = [
        m.span()
        for m in re.finditer(r"(?:19|20)\d{2}|thang\s+\d{1,2}|\d{1,2}\s+thang", bare_question)
    ]
    if len(spans) < 2:
        return ""
    return bare_question[spans[0][1] : spans[-1][0]]
