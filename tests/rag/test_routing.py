"""Routing a question to the periods it names."""

from __future__ import annotations

import pytest

from rag.periods import Period, QueryPeriod, parse_query_periods
from rag.question import bare
from rag.routing import routed_periods

REPORTS = {
    "2023.txt": Period(2023, 11, 11),
    "2022.txt": Period(2022, 1),
    "2020.txt": Period(2020, 6),
}


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        # Joined, two periods are compared.
        ("TNGT tháng 11/2023 và tháng 01/2022", [QueryPeriod(2023, 11), QueryPeriod(2022, 1)]),
        # ", còn …" asks the same of another period: both are answered.
        (
            "Dân tham gia BHYT năm 2020 bao nhiêu %, còn năm 2022?",
            [QueryPeriod(2020), QueryPeriod(2022)],
        ),
        # Otherwise the report's period: the most precise one named, not a year in passing.
        ("Số đơn 11 tháng năm 2023 tồn từ năm 2022 chuyển sang?", [QueryPeriod(2023, None, 11)]),
        ("Vốn kế hoạch năm 2021 giải ngân đến tháng 1/2022?", [QueryPeriod(2022, 1)]),
        # No report of either: the most precise.
        ("thu ngân sách năm 2019 của tháng 6/2019", [QueryPeriod(2019, 6)]),
    ],
)
def test_a_question_is_routed_to_the_periods_it_asks_about(
    question: str, routed: list[QueryPeriod]
) -> None:
    named = parse_query_periods(bare(question))
    assert routed_periods(named, bare(question), REPORTS) == routed
