"""Figures as the reports write them, and the words around each."""

from __future__ import annotations

import pytest

from rag.figures import counted_words, counts_in, figures_of, lead_figure, ordinals_in


def test_the_words_around_a_figure_run_past_its_decimal_comma() -> None:
    """ "1,4 triệu lượt khách trong nước": the words after "1,4" are this figure's, not cut
    at its own comma and left to the next figure."""
    domestic, foreign = figures_of("1,4 triệu lượt khách trong nước và 194,2 nghìn khách quốc tế")
    assert domestic.text == "1,4 triệu lượt khách"
    assert "trong nước" in domestic.around
    assert foreign.text.startswith("194,2 nghìn") and "quốc tế" in foreign.around
    # A comma after the figure still ends its words.
    first, _ = figures_of("Thu nội địa 2.309,0 tỷ đồng, thu từ xuất nhập khẩu 4.607,68 tỷ đồng")
    assert "xuất nhập khẩu" not in first.around


def test_the_lead_figure_skips_periods_and_dates() -> None:
    sentence = "Lũy kế 11 tháng đến 31/10/2017 đạt 5.775 tỷ đồng, tăng 1,7%."
    assert lead_figure(sentence) == "5.775 tỷ đồng"


def test_a_measure_of_a_figure_shares_its_subject() -> None:
    """ "tổng sản lượng lương thực 160,2 nghìn tấn, đạt 101,3% kế hoạch": the share of plan
    is the food output's, not the sown area's before it."""
    sentence = (
        "Tổng diện tích gieo trồng ước 49,8 nghìn ha, đạt 96% kế hoạch, tổng sản lượng lương "
        "thực 160,2 nghìn tấn, đạt 101,3% kế hoạch."
    )
    area, area_share, food, food_share = figures_of(sentence)
    assert not area.of_previous and not food.of_previous
    assert area_share.of_previous and "diện tích" in area_share.around
    assert food_share.of_previous and "lương thực" in food_share.around
    assert "diện tích" not in food_share.around


def test_a_share_in_brackets_is_of_the_figure_before() -> None:
    """ "41 hồ sơ (chiếm 0,54%)": the share is of what that figure counts, bold or not."""
    for bold in ("", "*"):
        sentence = (
            "tiếp nhận trực tiếp 2.410 hồ sơ (chiếm 31,71%), tiếp nhận qua dịch vụ bưu chính "
            f"công ích 41 hồ sơ ({bold}chiếm 0,54%{bold}); đã giải quyết 7.527 hồ sơ"
        )
        _, direct_share, _, post_share, _ = figures_of(sentence)
        assert post_share.text == "0,54%" and "bưu chính" in post_share.share_of
        assert "bưu chính" not in direct_share.share_of and "trực tiếp" in direct_share.share_of
        assert not post_share.of_previous  # a count of its own follows it, not a measure


def test_a_count_after_a_comma_is_its_own_not_a_measure() -> None:
    counts = figures_of("Trong đó, có 427 DVCTT một phần, 1.076 DVCTT toàn trình (đạt 71,6%).")
    assert [f.text for f in counts] == ["427 DVCTT một phần", "1.076 DVCTT toàn trình", "71,6%"]
    assert not counts[1].of_previous and "427" not in counts[1].around
    share = figures_of("tổng diện tích gieo trồng ước 3.685 ha, 81,9% kế hoạch")
    assert share[1].of_previous


def test_a_grade_is_a_name_not_a_figure() -> None:
    zones = "có 119 xã cấp 1 “Vùng xanh”, 36 xã cấp 2 “Vùng vàng”, 13 xã cấp 3 “Vùng cam”"
    assert [f.text for f in figures_of(zones)] == ["119 xã cấp", "36 xã cấp", "13 xã cấp"]
    assert "Vùng vàng" in figures_of(zones)[1].around
    services = "đã cung cấp 1.715 dịch vụ công mức độ 2, 8 dịch vụ công mức độ 4."
    assert [f.text for f in figures_of(services)] == ["1.715 dịch vụ công", "8 dịch vụ công"]
    # "cấp" issuing a count is no grade.
    assert [f.text for f in figures_of("đã cấp 8 giấy chứng nhận")] == ["8 giấy chứng nhận"]


def test_a_share_of_a_whole_is_a_figure_and_a_date_is_not() -> None:
    """ "252/278 cuộc", "08/162 phòng": the part of a whole done; "13/7", "01/01 đến …" and
    "tháng 11/2017" are dates."""
    sentence = "Lũy kế 11 tháng kết thúc 252/278 cuộc thanh tra, thu hồi được 6,5/6,9 tỷ đồng."
    assert [f.text for f in figures_of(sentence)] == ["252/278 cuộc thanh tra", "6,5/6,9 tỷ đồng"]
    assert lead_figure("Các cơ quan cấp tỉnh đã giảm 08/162 phòng chuyên môn.") == (
        "08/162 phòng chuyên môn"
    )
    for dated in (
        "Từ 01/01 đến 20/01/2022 tiếp nhận 7.601 hồ sơ.",
        "Ngày 13/7 tổ chức hội nghị với 120 đại biểu.",
        "Tháng 11/2017 thu 523 tỷ đồng.",
    ):
        assert "/" not in (lead_figure(dated) or ""), dated


@pytest.mark.parametrize(
    ("sentence", "against"),
    [
        (
            "diện tích 49,8 nghìn ha, đạt 96% kế hoạch, bằng 99,4% cùng kỳ",
            [None, "ke hoach", "cung ky"],
        ),
        (
            "chi 714 tỷ đồng, đạt 7,4% dự toán, tăng 19% so với cùng kỳ",
            [None, "ke hoach", "cung ky"],
        ),
        ("tỷ lệ che phủ rừng đạt 62,5%, đạt 100% KH", [None, "ke hoach"]),
    ],
)
def test_what_a_share_is_measured_against(sentence: str, against: list[str | None]) -> None:
    assert [f.against for f in figures_of(sentence)] == against


def test_the_base_of_a_share_is_the_words_right_after_it() -> None:
    sentence = "giải ngân 2.807,1 tỷ đồng, đạt 72,1% kế hoạch đầu năm, đạt 75,9% kế hoạch sau điều chỉnh¹⁴."
    assert [f.base for f in figures_of(sentence)] == [
        "",
        "kế hoạch đầu năm",
        "kế hoạch sau điều chỉnh",
    ]
    assert figures_of("vốn đăng ký 5.662 tỷ đồng, tăng 18%.")[-1].base == ""


def test_a_few_months_or_years_are_figures_only_when_a_span_of_time_is_asked() -> None:
    sentence = "Việc đánh giá giữa kỳ 03 năm thực hiện quá trình cơ cấu lại nền kinh tế."
    assert figures_of(sentence) == [] and lead_figure(sentence) is None
    [span] = figures_of(sentence, durations=True)
    assert span.text.startswith("03 năm")
    late = lead_figure("giải ngân trong 02 tháng cuối năm 2017", durations=True)
    assert late is not None and late.startswith("02 tháng")


def test_a_number_after_lan_is_an_ordinal_not_a_figure() -> None:
    sentence = "Phân bổ lần 1 chương trình được 1.150 máy tính bảng cho học sinh."
    assert [f.text.split()[0] for f in figures_of(sentence)] == ["1.150"]
    assert lead_figure("Giá tăng 2 lần so với cùng kỳ") is not None  # a multiple stays one


@pytest.mark.parametrize(
    ("text", "ordinals"),
    [
        ("chuẩn bị nội dung trình kỳ họp chuyên đề (kỳ họp thứ hai mươi)", ["kỳ họp thứ hai mươi"]),
        ("kỳ họp thứ hai mươi mốt HĐND tỉnh khoá XVII", ["kỳ họp thứ hai mươi mốt", "khoá XVII"]),
        ("Đại hội thể dục thể thao lần thứ IX năm 2022", ["lần thứ IX"]),
        ("Nghị quyết Trung ương lần thứ 6 và 7 khóa XII", ["lần thứ 6 và 7", "khóa XII"]),
        ("thứ trưởng Bộ Công Thương; thứ tự ưu tiên", []),
    ],
)
def test_ordinals_in_words_numerals_or_roman(text: str, ordinals: list[str]) -> None:
    assert ordinals_in(text) == ordinals


def test_a_measure_written_against_its_figure() -> None:
    """ "164,8ha" is 164,8 hectares, as "164,8 ha" is; "Km18" is no figure."""
    sentence = "Gieo trồng rau vụ Đông 164,8ha và 3,2ha khoai tây, Km18 Quốc lộ 1A."
    assert [(f.text, f.unit.strip()) for f in figures_of(sentence)][:2] == [
        ("164,8ha", "ha"),
        ("3,2ha", "ha"),
    ]
    assert counts_in(sentence, frozenset({"ha"}))
    assert not counts_in("Km18 Quốc lộ 1A", frozenset({"km"}))
    assert counted_words(sentence) >= {"ha"}


def test_people_are_counted_as_who_they_are() -> None:
    """People asked ("nguoi") are "1.150 công dân", "9.768 thí sinh", "120 đối tượng"; "05
    công trình" and "03 thị trấn" are not people."""
    people = frozenset({"nguoi"})
    assert counts_in("Giao 1.150 công dân nhập ngũ.", people)
    assert counts_in("Toàn tỉnh có 9.768 thí sinh đăng ký dự thi.", people)
    assert counts_in("Bắt 47 vụ, 81 đối tượng.", people)
    assert not counts_in("Khởi công 05 công trình tại 03 thị trấn.", people)
    assert lead_figure("Bố trí 29 điểm thi cho 9.768 thí sinh.", people) == "9.768 thí sinh"


def test_a_sum_in_thousands_of_billions_is_counted_in_dong() -> None:
    assert counts_in("Tổng vốn khoảng 76 - 78 nghìn tỷ đồng.", frozenset({"dong"}))


def test_a_figure_counted_in_an_abbreviation_counts_what_it_stands_for() -> None:
    """ "04 HTX" counts cooperatives, asked as "HTX" or "hợp tác xã" (unit "hop")."""
    assert counts_in("Thành lập mới được 04 HTX, vốn đăng ký 6,3 tỷ đồng.", frozenset({"hop"}))
    assert counts_in("Có 57 DN thành lập mới.", frozenset({"doanh"}))
    assert not counts_in("Thành lập mới được 04 HTX.", frozenset({"doanh"}))
    assert lead_figure("Vốn 6,3 tỷ đồng; 04 HTX", frozenset({"hop"})) == "04 HTX"
