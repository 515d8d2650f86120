"""Follow-ups: a short message naming only a period is read with the previous question."""

from __future__ import annotations

import pytest

from bot.followup import combine, is_followup


@pytest.mark.parametrize(
    "text",
    [
        "còn tháng 11/2023?",
        "năm 2017 thì sao?",
        "Năm 2017 thì sao",
        "thế còn 6 tháng đầu năm 2020?",
        "còn quý II/2022 thì thế nào",
        "con thang 11/2023",
        "còn năm ngoái?",
    ],
)
def test_followups(text: str) -> None:
    assert is_followup(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tổng thu ngân sách nhà nước 11 tháng năm 2017?",
        "tong thu ngan sach 11 thang 2023",
        "xuất khẩu năm 2017?",
        "còn chi ngân sách?",
        "cảm ơn",
    ],
)
def test_questions_of_their_own(text: str) -> None:
    assert not is_followup(text)


@pytest.mark.parametrize(
    ("previous", "followup", "combined"),
    [
        (
            "Tổng thu ngân sách nhà nước 11 tháng năm 2017?",
            "còn tháng 11/2023?",
            "Tổng thu ngân sách nhà nước tháng 11/2023?",
        ),
        ("tong thu ngan sach 11 thang 2023", "năm 2017 thì sao", "tong thu ngan sach năm 2017"),
        (
            "Tổng thu ngân sách?",
            "còn 6 tháng đầu năm 2020?",
            "Tổng thu ngân sách 6 tháng đầu năm 2020?",
        ),
        (
            "Vốn đầu tư tháng 11/2023",
            "còn tháng 11/2017 và tháng 11/2023?",
            "Vốn đầu tư tháng 11/2017 và tháng 11/2023?",
        ),
    ],
)
def test_combined_question_keeps_the_subject_and_takes_the_new_period(
    previous: str, followup: str, combined: str
) -> None:
    assert combine(previous, followup) == combined
