"""Routing a question to the periods it names."""

from __future__ import annotations

import pytest
from llama_index.core.schema import TextNode

from rag.periods import Period, QueryPeriod, parse_query_periods
from rag.question import bare
from rag.routing import doc_issued, issued_periods, routed_periods

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


def test_a_meeting_asked_by_the_month_it_was_held_is_the_report_issued_then() -> None:
    """The mid-year notice, dated July, reports on the first six months: "kết luận hội nghị
    tháng 7/2020" is that notice; "tháng 7/2020" alone asks for July's figures."""
    reports = {"2020.txt": Period(2020, 6, 6), "2022.txt": Period(2022, 1)}
    nodes = [
        TextNode(text="…", metadata={"doc": "2020.txt", "date": "2020-07"}),
        TextNode(text="…", metadata={"doc": "2022.txt", "date": "2022-01"}),
        TextNode(text="…", metadata={"doc": "2017.txt", "date": ""}),
    ]
    issued = doc_issued(nodes)
    assert issued == {"2020.txt": (2020, 7), "2022.txt": (2022, 1)}

    def routed(question: str) -> list[QueryPeriod]:
        text = bare(question)
        return issued_periods(parse_query_periods(text), text, reports, issued)

    assert routed("Kết luận hội nghị tháng 7/2020 nêu dự án nào?") == [
        QueryPeriod(2020, None, 6, text="6 tháng đầu năm 2020")
    ]
    assert routed("Số ca mắc COVID-19 tháng 7/2020?") == [QueryPeriod(2020, 7)]
    # A state asked as of that month is what the report issued then says.
    assert routed("Bao nhiêu người được cách ly (tính đến tháng 7/2020)?") == [
        QueryPeriod(2020, None, 6, text="6 tháng đầu năm 2020")
    ]
    # A month a report is of stays as named.
    assert routed("Báo cáo tháng 01/2022 nêu gì?") == [QueryPeriod(2022, 1)]
