from __future__ import annotations

import pytest

from rag.periods import Period, QueryPeriod, parse_query_periods
from rag.question import bare
from rag.routing import mentions_period

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
        ("lao dong giai doan 2016 2020", []),  # the dash not typed
        ("đến năm 2020 toàn tỉnh có bao nhiêu doanh nghiệp", []),
        ("điều chỉnh Nghị quyết số 02/2020/NQ-HĐND về chức danh", []),  # a number, no month
        ("Nghị quyết 02/2020/NQ-HĐND, thu ngân sách tháng 02/2020", [QueryPeriod(2020, 2)]),
        # Months spelled out, as people say them, and the second half of a year.
        ("Sáu tháng đầu năm 2018 có bao nhiêu khách", [QueryPeriod(2018, None, 6)]),
        ("muoi mot thang nam 2023 thu ngan sach", [QueryPeriod(2023, None, 11)]),
        ("nửa cuối năm 2020 cần làm gì", [QueryPeriod(2020, None, 6, last=True)]),
        ("6 tháng cuối năm 2018 GRDP tăng", [QueryPeriod(2018, None, 6, last=True)]),
        ("sau tháng 11/2017 thì sao", [QueryPeriod(2017, 11)]),  # "after", not "six"
        # "So với năm trước" is the base of a change, not a second period asked about.
        ("Nửa đầu năm 2020 thu ngân sách so với năm trước thế nào", [QueryPeriod(2020, None, 6)]),
        # Nor is the year of "so với cùng kỳ năm 2019": the base of the report's comparison.
        (
            "GRDP 6 tháng đầu năm 2020 tăng 0,47% so với cùng kỳ năm 2019, báo cáo nào?",
            [QueryPeriod(2020, None, 6)],
        ),
        ("Mức tăng 0,47% so với cùng kỳ 2019 nêu ở đâu?", []),
        # With a year named, "năm trước" is the year before it (a comparison's base) and
        # "năm nay" that year: not the newest report's.
        ("Vì sao lúa năm 2017 kém hơn năm trước?", [QueryPeriod(2017)]),
        # "Năm trước" alone is the year before the newest report; "các năm trước" is no year.
        ("Năm trước thu ngân sách bao nhiêu?", [QueryPeriod(2022)]),
        ("số nợ khối lượng của các năm trước còn bao nhiêu", []),
        ("nhung nam truoc no dong bao nhieu", []),
        ("tháng 11/2023 xuất khẩu tăng so với cùng kỳ năm ngoái", [QueryPeriod(2023, 11)]),
        ("năm nay (2019) trồng rừng bao nhiêu", [QueryPeriod(2019)]),
        # A reporting window is one period, cumulative to its end, not two years.
        (
            "tai nạn giao thông từ 16/12/2017 đến 15/6/2018",
            [QueryPeriod(2018, 6, 6, text="từ 16/12/2017 đến 15/6/2018")],
        ),
        (
            "từ 01/01 đến 20/01/2022 tiếp nhận",
            [QueryPeriod(2022, 1, 1, text="từ 01/01 đến 20/01/2022")],
        ),
        (
            "Từ giữa tháng 12/2022 đến giữa tháng 11/2023, bao nhiêu người chết",
            [QueryPeriod(2023, 11, 11, text="từ tháng 12/2022 đến tháng 11/2023")],
        ),
        # From New Year to a month: the months to it, as one period, a window counted to its
        # end (the months', not the month's figure).
        (
            "từ đầu năm 2023 đến hết tháng 11/2023 thu",
            [QueryPeriod(2023, 11, 11, text="từ đầu năm đến tháng 11/2023")],
        ),
        (
            "Từ đầu năm 2023 tới tháng 11, bắt bao nhiêu vụ",
            [QueryPeriod(2023, 11, 11, text="từ đầu năm đến tháng 11/2023")],
        ),
        (
            "tu dau nam den thang 10 kham bao nhieu luot",
            [QueryPeriod(None, 10, 10, text="từ đầu năm đến tháng 10")],
        ),
        # The whole year, which a January report or a half-year one does not cover.
        ("tổng mức bán lẻ cả năm 2022", [QueryPeriod(2022, None, 12)]),
        # A period without a year takes the year named before it when none follows.
        (
            "cả năm 2018 có thêm bao nhiêu trường, riêng nửa cuối năm bao nhiêu",
            [QueryPeriod(2018, None, 12), QueryPeriod(2018, None, 6, last=True)],
        ),
        # Capital of a plan year carried over is spent in the period asked, not of that year.
        ("vốn kế hoạch năm 2022 kéo dài giải ngân đến hết tháng 11/2023", [QueryPeriod(2023, 11)]),
        ("khối lượng tháng 11/2023, gồm cả dự án năm 2022 kéo dài", [QueryPeriod(2023, 11)]),
        # As chat types them: "T11" is the month, "11T" the months to it.
        ("giai ngan den het T11/2023", [QueryPeriod(2023, 11)]),
        ("cap so do luy ke 11T/2023", [QueryPeriod(2023, None, 11)]),
        # "… tháng 11/2017 và tháng 11/2023, lũy kế 11 tháng": the months to each.
        (
            "thu ngân sách báo cáo tháng 11/2017 và tháng 11/2023, lũy kế 11 tháng mỗi năm",
            [QueryPeriod(2017, 11, 11), QueryPeriod(2023, 11, 11)],
        ),
        # A date in words is a date, as in digits: not its month.
        ("Tính tới ngày 31 tháng 10 năm 2017, dư nợ bao nhiêu?", [QueryPeriod(2017)]),
        ("du no den 31/10/2017", [QueryPeriod(2017)]),
        ("dư nợ tháng 10 năm 2017", [QueryPeriod(2017, 10)]),
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
        (QueryPeriod(2022, quarter=1), Period(2022, 3, 3), True),
        (QueryPeriod(2022, quarter=1), Period(2022, None, 3), True),
        (QueryPeriod(2022, quarter=1), Period(2022, 1), False),  # January is not the quarter
        (QueryPeriod(2022, quarter=2), Period(2022, 1), False),
        (QueryPeriod(2018, None, 6), Period(2018, 6, None, 29), True),  # a dated letter
        (QueryPeriod(None, None, 11), Period(2018, 6, None, 29), False),
        (QueryPeriod(2018, 11), Period(2018, 6, None, 29), False),
        # a letter of June reports six months of its year: not three, nine, or the third quarter
        (QueryPeriod(2018, None, 9), Period(2018, 6, None, 29), False),
        (QueryPeriod(2018, quarter=3), Period(2018, 6, None, 29), False),
        (QueryPeriod(2018, None, 3), Period(2018, 6, None, 29), False),
        (QueryPeriod(2018, quarter=2), Period(2018, 6, None, 29), True),
        (QueryPeriod(2018), Period(2018, 6, None, 29), True),
        (QueryPeriod(2018, None, 12), Period(2018, 6, None, 29), True),  # its forecast
    ],
)
def test_period_matching(query: QueryPeriod, period: Period, matches: bool) -> None:
    assert query.matches(period) is matches


@pytest.mark.parametrize(
    ("text", "report_year", "mentioned"),
    [
        ("ước thực hiện 6 tháng đầu năm 2019 đạt 120 tỷ đồng", 2018, True),
        ("6 THÁNG NĂM 2019", None, True),
        # headings of a 2018 letter: "6 tháng" belongs to 2018, "năm 2019" to a plan
        ("C. KẾ HOẠCH NĂM 2019 > I. TÌNH HÌNH 6 THÁNG ĐẦU NĂM 2018 > chỉ số tăng 11%", 2018, False),
        ("6 tháng đầu năm tăng 11%, so với cùng kỳ năm 2019", 2020, False),
        # in a report of 2019 itself, the year goes without saying
        ("NĂM 2019 > NHIỆM VỤ 6 THÁNG CUỐI NĂM > trong 6 tháng đầu năm tăng 11%", 2019, True),
    ],
)
def test_a_period_is_mentioned_as_one_phrase(
    text: str, report_year: int | None, mentioned: bool
) -> None:
    assert mentions_period(text, QueryPeriod(2019, None, 6), report_year) is mentioned


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("tháng 11/2023 đạt", True),
        ("trong tháng 11 năm 2023 đạt", True),
        ("đến 30/11/2023 đạt", True),
        ("tháng 11 tăng 5% so với cùng kỳ năm 2023", False),
        ("tháng 10/2023 đạt; kế hoạch năm 2023", False),
    ],
)
def test_a_month_is_mentioned_with_its_year(text: str, mentioned: bool) -> None:
    assert mentions_period(text, QueryPeriod(2023, 11), report_year=2017) is mentioned


def test_the_months_to_a_month_are_mentioned_as_such() -> None:
    """ "Từ đầu năm đến hết tháng 10" is what a November report calls "lũy kế 10 tháng"."""
    since_january = QueryPeriod(2023, 10, 10)
    assert mentions_period("lũy kế 10 tháng khám được 296.611 lượt", since_january, 2023)
    assert not mentions_period("trong tháng khám được 31.676 lượt", since_january, 2023)


def test_the_whole_year_is_mentioned_as_such() -> None:
    whole_year = QueryPeriod(2018, None, 12)
    assert mentions_period("ước thực hiện cả năm 2018 trồng 9.000 ha", whole_year, 2018)
    assert mentions_period("12 tháng năm 2018 đạt", whole_year)
    assert not mentions_period("6 tháng đầu năm 2018 trồng 6.753 ha", whole_year, 2018)


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Trong tháng 9/2019 tỉnh đón bao nhiêu lượt khách?", [True]),
        ("rieng trong thang 11/2023 cap may giay", [True]),
        ("Riêng tháng 11 năm 2023 thu được bao nhiêu?", [True]),
        ("Số lượt khách du lịch tháng 11/2023?", [False]),
        ("Báo cáo tháng 11 và 11 tháng năm 2023 nêu gì?", [False]),
        ("riêng tháng 11/2017 và tháng 11/2023, mỗi tháng bao nhiêu?", [True, True]),
    ],
)
def test_a_month_asked_alone_is_read_as_such(question: str, alone: list[bool]) -> None:
    """ "Trong tháng 9/2019", "riêng tháng 11" ask the month's own figure; "tháng 11/2023"
    may name the report, whose figures run to date."""
    periods = parse_query_periods(bare(question), NEWEST)
    assert [p.alone for p in periods] == alone


def test_a_month_is_mentioned_by_a_date_in_it() -> None:
    """ "cuối tháng 10/2017" in a report of 2017 that says "tính đến 31/10/2017"."""
    period = QueryPeriod(2017, 10)
    assert mentions_period("dư nợ tính đến 31/10/2017 đạt 22.743 tỷ đồng", period, 2017)
    assert not mentions_period("dư nợ tính đến 30/11/2017 đạt 22.743 tỷ đồng", period, 2017)


def test_a_date_that_is_a_base_or_a_span_mentions_no_month() -> None:
    rise = "vốn huy động ước đến 31/01/2022 đạt 33.670 tỷ đồng, tăng 0,7% so với 31/12/2021"
    assert not mentions_period(rise, QueryPeriod(2021, 12), 2022)
    assert mentions_period(rise, QueryPeriod(2022, 1), 2022)
    span = "Từ 16/12/2017 đến 15/6/2018 xảy ra 29 vụ tai nạn giao thông, làm chết 29 người"
    assert not mentions_period(span, QueryPeriod(2017, 12), 2018)
    assert not mentions_period(span, QueryPeriod(2018, 6), 2018)


def test_in_a_report_of_the_year_asked_the_year_can_go_unsaid() -> None:
    heading = "II. NHIỆM VỤ TRỌNG TÂM THÁNG 12 > 5. Chống thất thu ngân sách"
    assert mentions_period(heading, QueryPeriod(2017, 12), report_year=2017)
    assert not mentions_period(heading, QueryPeriod(2017, 12), report_year=2018)


@pytest.mark.parametrize(
    ("text", "period", "mentioned"),
    [
        # Phrasings without "tháng" that still name the period (the quick tests let them by).
        ("dư nợ đến 31/01/2022 tăng", QueryPeriod(2022, 1), True),
        ("ước cả năm 2022 đạt 9.000 ha", QueryPeriod(2022, None, 12), True),
        ("tình hình quý I/2022", QueryPeriod(2022, quarter=1), True),
        # Without the year or any month word, nothing is read further.
        ("tháng 02 đạt 5 tỷ đồng", QueryPeriod(2022, 2), False),
        ("năm 2022 đạt 5 tỷ đồng", QueryPeriod(2022, 2), False),
    ],
)
def test_a_period_is_found_however_it_is_written(
    text: str, period: QueryPeriod, mentioned: bool
) -> None:
    assert mentions_period(text, period, report_year=2017) is mentioned
