from __future__ import annotations

import pytest

from rag.text import lists_things


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
