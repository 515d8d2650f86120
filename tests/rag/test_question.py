from __future__ import annotations

import pytest

from rag.question import InvalidQuestionError, compound_parts, normalize_question


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Tổng vốn đăng ký là bao nhiêu, và bao nhiêu doanh nghiệp đã giải thể?",
            ["Tổng vốn đăng ký là bao nhiêu", "bao nhiêu doanh nghiệp đã giải thể?"],
        ),
        (
            "thong quan o may cua khau, va con bao nhieu xe ton cho?",
            ["thong quan o may cua khau", "con bao nhieu xe ton cho?"],
        ),
        (
            "Có bao nhiêu doanh nghiệp và bao nhiêu dự án PPP?",
            ["Có bao nhiêu doanh nghiệp", "bao nhiêu dự án PPP?"],
        ),
        # A second subject before its verb, without a comma.
        (
            "Tổng thu 11 tháng đạt bao nhiêu và thu nội địa đạt bao nhiêu?",
            ["Tổng thu 11 tháng đạt bao nhiêu", "thu nội địa đạt bao nhiêu?"],
        ),
        # A part of the first figure is asked with the first figure's subject.
        (
            "GRDP 6 tháng đầu năm 2018 tăng bao nhiêu, trong đó dịch vụ tăng bao nhiêu?",
            [
                "GRDP 6 tháng đầu năm 2018 tăng bao nhiêu",
                "GRDP 6 tháng đầu năm 2018 dịch vụ tăng bao nhiêu?",
            ],
        ),
        (
            "tong thu ngan sach bao nhieu, rieng thu noi dia bao nhieu",
            ["tong thu ngan sach bao nhieu", "tong thu ngan sach thu noi dia bao nhieu"],
        ),
        # One thing asked two ways, or two things asked one figure: not split.
        ("Kim ngạch đạt bao nhiêu, bằng bao nhiêu % kế hoạch?", None),
        ("TNGT: bao nhiêu vụ, bao nhiêu người chết?", None),
        ("Xảy ra bao nhiêu vụ và làm chết bao nhiêu người?", None),
        ("Kim ngạch đạt bao nhiêu và so với cùng kỳ tăng bao nhiêu?", None),
        ("Tổng thu và tổng chi là bao nhiêu?", None),
    ],
)
def test_a_question_asking_two_figures_of_two_things_is_split(
    question: str, parts: list[str] | None
) -> None:
    assert compound_parts(question) == (parts or [question])


def test_questions_are_checked_and_normalised() -> None:
    assert normalize_question("  thu   ngân sách ") == "thu ngân sách"
    with pytest.raises(InvalidQuestionError, match="trống"):
        normalize_question("   ")
    with pytest.raises(InvalidQuestionError, match="quá dài"):
        normalize_question("a" * 1001)
