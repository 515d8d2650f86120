from __future__ import annotations

import pytest

from rag.text import lists_things, part_holding_marker, statements, typed_with_diacritics


@pytest.mark.parametrize(
    ("footnote", "lists"),
    [
        ("Gồm: Cửa khẩu quốc tế Hữu Nghị, Ga đường sắt Đồng Đăng.", True),
        ("Là các xã Thiện Long, huyện Bình Gia; Điềm He, huyện Văn Quan.", True),
        ("Tiêm phòng trâu, bò: 36 nghìn lượt; lợn: 10 nghìn lượt; gia cầm: 83 nghìn lượt.", True),
        # One more action, whose bracket holds the only separator.
        (
            "Làm việc với Đoàn khảo sát liên Bộ về các lối thông quan (khu vực mốc 1090-1091; "
            "1104-1105) thuộc cửa khẩu quốc tế Hữu Nghị.",
            False,
        ),
        ("Trung bình chỉ xuất khẩu được 80-100 xe/ngày.", False),
    ],
)
def test_a_footnote_that_lists_things_is_told(footnote: str, lists: bool) -> None:
    assert lists_things(footnote) is lists


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Chi NSĐP tháng 11 tăng bao nhiêu?", True),  # capitals are abbreviations, not counted
        ("Doanh thu du lịch 11 tháng 2023", True),  # half
        ("Tổng thu ngan sach 2023?", False),
        ("chi so gia tieu dung CPI", False),
        ("GRDP 2023", False),
    ],
)
def test_a_text_typed_with_diacritics(text: str, typed: bool) -> None:
    assert typed_with_diacritics(text) is typed


def test_a_marker_details_the_part_of_the_sentence_it_sits_in() -> None:
    sentence = "Trong tháng trồng được 412,5 ha rừng²; lũy kế 9 tháng trồng được 9.336,4 ha³."
    assert part_holding_marker(sentence, 3) == "lũy kế 9 tháng trồng được 9.336,4 ha³."
    assert part_holding_marker(sentence, 2) == "Trong tháng trồng được 412,5 ha rừng²"
    assert part_holding_marker(sentence, 4) is None


def test_a_part_opening_with_a_figure_goes_on_with_the_statement_before_it() -> None:
    sentence = (
        "Vốn NSDP đạt 99,31%¹²; Vốn NSTW là 989,9 tỷ đồng, đạt 66,27% kế hoạch trung ương "
        "giao; 76,52% địa phương giao chi tiết¹³."
    )
    assert statements(sentence) == [
        "Vốn NSDP đạt 99,31%¹²",
        "Vốn NSTW là 989,9 tỷ đồng, đạt 66,27% kế hoạch trung ương giao; "
        "76,52% địa phương giao chi tiết¹³.",
    ]
    assert part_holding_marker(sentence, 13) == statements(sentence)[1]
