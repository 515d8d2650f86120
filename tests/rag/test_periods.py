from __future__ import annotations

import pytest

from rag.periods import Period, QueryPeriod, parse_query_periods
from rag.question import bare

NEWEST = Period(2023, 11, 11)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("tong thu ngan sach 11 thang 2023", [QueryPeriod(2023, None, 11)]),
        ("Tổng thu ngân sách tháng 11/2017", [QueryPeriod(2017, 11)]),
        ("thu ngân sách tháng 11 năm 2017", [QueryPeriod(2017, 11)]),
        ("xuất khẩu tháng 01 năm 2022", [QueryPeriod(2022, 1)]),
        ("thu ngân sách 6 tháng đầu năm 2020", [QueryPeriod(2020, None, 6)]),
        ("nửa đầu năm 2018 trồng rừng", [QueryPeriod(2018, None, 6)]),
        ("tình hình quý I/2022", [QueryPeriod(2022, quarter=1)]),
        ("kim ngạch năm 2019", [QueryPeriod(2019)]),
        ("bán lẻ tháng 11 và 11 tháng năm 2023", [QueryPeriod(2023, 11, 11)]),
        ("thu ngân sách năm nay", [QueryPeriod(2023)]),
        ("thu ngân sách năm ngoái", [QueryPeriod(2022)]),
        ("dư nợ đến 31/10/2017", [QueryPeriod(2017)]),
        ("TNGT tháng 11/2017 và tháng 11/2023", [QueryPeriod(2017, 11), QueryPeriod(2023, 11)]),
        ("thu ngân sách", []),
        ("giai đoạn 2016 - 2020 có bao nhiêu doanh nghiệp", []),
        ("đến năm 2020 toàn tỉnh có bao nhiêu doanh nghiệp", []),
    ],
)
def test_periods_named_in_questions(question: str, expected: list[QueryPeriod]) -> None:
    assert parse_query_periods(bare(question), NEWEST) == expected


@pytest.mark.parametrize(
    ("query", "period", "matches"),
    [
        (QueryPeriod(2017, 11), Period(2017, 11, 11), True),
        (QueryPeriod(2017, None, 11), Period(2017, 11, 11), True),
        (QueryPeriod(2023, None, 11), Period(2017, 11, 11), False),
        (QueryPeriod(None, None, 11), Period(2023, 11, 11), True),
        (QueryPeriod(2020, None, 6), Period(2020, 6, 6), True),
        (QueryPeriod(2022, quarter=1), Period(2022, 1), True),
        (QueryPeriod(2022, quarter=2), Period(2022, 1), False),
        (QueryPeriod(2018, None, 6), Period(2018, 6, None, 29), True),  # a dated letter
        (QueryPeriod(None, None, 11), Period(2018, 6, None, 29), False),
        (QueryPeriod(2018, 11), Period(2018, 6, None, 29), False),
    ],
)
def test_period_matching(query: QueryPeriod, period: Period, matches: bool) -> None:
    assert query.matches(period) is matches
