"""The parser on the five real reports: footnotes, periods, sections, page breaks, closing."""

from __future__ import annotations

import pytest

from rag.parse import Report, parse_report, path_display, path_ref
from rag.periods import Period
from rag.text import footnote_markers
from tests.conftest import SEEDS, seed_report, seed_text


def paragraph_with(report: Report, phrase: str) -> str:
    matches = [p for p in report.paragraphs if phrase in p.text]
    assert len(matches) == 1, f"{phrase!r} found in {len(matches)} paragraphs"
    return path_display(matches[0].path)


@pytest.mark.parametrize(
    ("year", "count"), [("2017", 13), ("2018", 0), ("2023", 33), ("2022", 14), ("2020", 0)]
)
def test_footnotes_per_report(year: str, count: int) -> None:
    report = seed_report(year)
    assert sorted(report.footnotes) == list(range(1, count + 1))


@pytest.mark.parametrize("year", list(SEEDS))
def test_every_marker_resolves_and_every_footnote_is_cited(year: str) -> None:
    report = seed_report(year)
    assert report.warnings == []
    markers = {n for p in report.paragraphs for n, _, _ in footnote_markers(p.text)}
    assert markers == set(report.footnotes)
    for footnote in report.footnotes.values():
        assert footnote.cited_by and footnote.path


def test_plain_number_footnotes_of_2017_are_read() -> None:
    footnotes = seed_report("2017").footnotes
    assert footnotes[7].text.startswith("Trong đó: Xuất khẩu: 2.590 triệu USD")
    assert footnotes[9].text.endswith("vốn ODA 294,92 tỷ đồng, đạt 95,11% kế hoạch.")
    assert "1.701,68 tỷ đồng, bằng 84,96% kế hoạch" in (footnotes[9].cited_by or "")
    assert path_ref(footnotes[9].path).startswith("I.2.d Đầu tư xây dựng")


def test_units_are_not_footnote_markers() -> None:
    assert list(footnote_markers("nước máy 8.085m³, tăng 7,3%; gỗ 77 ngàn m³, 12 km²")) == []
    assert [n for n, _, _ in footnote_markers("đạt 126,3% kế hoạch², tăng³")] == [2, 3]
    footnote_6 = seed_report("2017").footnotes[6].text
    assert "nước máy 8.085m³" in footnote_6


def test_footnote_is_linked_to_its_citing_sentence_and_section() -> None:
    footnote = seed_report("2023").footnotes[16]
    assert footnote.text.startswith("Trong đó: Chi đầu tư phát triển là 807,1 tỷ đồng")
    assert path_ref(footnote.path) == "II.1.6 Công tác quản lý, điều hành ngân sách nhà nước"
    assert footnote.cited_by is not None and footnote.cited_by.endswith("tăng 58,2%.")


@pytest.mark.parametrize(
    ("year", "doc_type", "title_start", "period", "label"),
    [
        (
            "2017",
            "báo cáo",
            "Tình hình kinh tế - xã hội tháng 11 và 11 tháng",
            Period(2017, 11, 11),
            "tháng 11/2017 (11 tháng)",
        ),
        (
            "2023",
            "báo cáo",
            "Tình hình kinh tế - xã hội tháng 11 và 11 tháng đầu năm",
            Period(2023, 11, 11),
            "tháng 11/2023 (11 tháng)",
        ),
        (
            "2022",
            "báo cáo",
            "Tình hình thực hiện Nghị quyết số 01/NQ-CP",
            Period(2022, 1),
            "tháng 01/2022",
        ),
        (
            "2020",
            "thông báo",
            "Kết luận của đồng chí Hồ Tiến Thiệu",
            Period(2020, 6, 6),
            "6 tháng đầu năm 2020",
        ),
        (
            "2018",
            "công văn",
            "Khung hướng dẫn đánh giá giữa kỳ giai đoạn 2016 - 2020",
            Period(2018, 6, None, 29),
            "ngày 29/6/2018",
        ),
    ],
)
def test_type_title_and_period(
    year: str, doc_type: str, title_start: str, period: Period, label: str
) -> None:
    report = seed_report(year)
    assert report.doc_type == doc_type
    assert report.title.startswith(title_start)
    assert report.period == period
    assert report.period is not None and report.period.label == label


def test_letter_number_and_dates() -> None:
    letter = seed_report("2018")
    assert letter.number == "742/SKHĐT-THQH"
    assert letter.date is not None and letter.date.iso() == "2018-06-29"
    assert letter.short_title == "Công văn 742/SKHĐT-THQH ngày 29/6/2018"
    assert seed_report("2023").short_title == "Báo cáo KT-XH tháng 11/2023 (11 tháng)"
    notice = seed_report("2020")
    assert notice.date is not None and notice.date.iso() == "2020-07"


SECTION_SAMPLES = [
    (
        "2017",
        "Tổng thu ngân sách nhà nước ước thực hiện trong tháng 523,4 tỷ đồng",
        "I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG > 2. Phát triển kinh tế > đ) Thu, chi ngân sách",
    ),
    (
        "2017",
        "Năng suất lúa vụ mùa ước đạt 38,55 tạ/ha",
        "I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG > 2. Phát triển kinh tế > a) Sản xuất nông nghiệp và xây dựng nông thôn mới",
    ),
    (
        "2017",
        "Trong tháng xảy ra 06 vụ tai nạn giao thông",
        "I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG > 4. Công tác thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng; quốc phòng, an ninh, đối ngoại và cải cách thủ tục hành chính",
    ),
    (
        "2017",
        "10. Chuẩn bị tốt các nội dung tổ chức kỳ họp HĐND tỉnh",
        "II. NHIỆM VỤ TRỌNG TÂM THÁNG 12 > 10. Chuẩn bị tốt các nội dung tổ chức…",
    ),
    (
        "2023",
        "Tổng thu ngân sách nhà nước trên địa bàn tháng 11 ước đạt 669,53 tỷ đồng",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG NĂM 2023 > 1. Lĩnh vực phát triển kinh tế > 1.6. Công tác quản lý, điều hành ngân sách nhà nước",
    ),
    (
        "2023",
        "Sản xuất công nghiệp phát triển ổn định",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG NĂM 2023 > 1. Lĩnh vực phát triển kinh tế > 1.3. Sản xuất công nghiệp, thương mại, dịch vụ và du lịch",
    ),
    (
        "2023",
        "Trong tháng tập trung thu hoạch vụ Mùa",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG NĂM 2023 > 1. Lĩnh vực phát triển kinh tế > 1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới",
    ),
    (
        "2023",
        "Công tác chuyển đổi số tiếp tục được quan tâm",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 11 VÀ 11 THÁNG NĂM 2023 > 3. Lĩnh vực chuyển đổi số",
    ),
    (
        "2023",
        "Trong tháng 11/2023, UBND tỉnh tiếp tục tập trung chỉ đạo",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    ),
    (
        "2022",
        "Chỉ số sản xuất công nghiệp tháng 01/2022 tăng 0,99% so với cùng kỳ",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2022 > 1. Về phát triển kinh tế > d) Sản xuất công nghiệp, thương mại, dịch vụ và du lịch, chuyển đổi số",
    ),
    (
        "2022",
        "Trong tháng, tình hình xuất nhập khẩu trên địa bàn tỉnh gặp nhiều khó",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2022 > 1. Về phát triển kinh tế > b) Phát triển kinh tế cửa khẩu",
    ),
    ("2022", "Thực hiện Công văn số 263/BKHĐT-TH", ""),
    (
        "2020",
        "(1) Xác định đại dịch COVID-19 có thể còn diễn ra",
        "3. Về nhiệm vụ trọng tâm trong 6 tháng cuối năm 2020 > (1) Xác định đại dịch COVID-19 có thể còn…",
    ),
    (
        "2020",
        "Tiếp tục thực hiện quyết liệt, có hiệu quả các biện pháp để khẳng định Lạng Sơn",
        "3. Về nhiệm vụ trọng tâm trong 6 tháng cuối năm 2020 > (1) Xác định đại dịch COVID-19 có thể còn…",
    ),
    (
        "2020",
        "Tổng thu ngân sách trên địa bàn đạt 3.042,3 tỷ đồng",
        "1. Về kết quả nổi bật trong 6 tháng đầu năm",
    ),
    (
        "2018",
        "Tổng sản phẩm nội tỉnh (GRDP) 6 tháng đầu năm ước tăng 7,98%",
        "C. XÂY DỰNG KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2019 > Phần thứ nhất TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM VÀ ƯỚC THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2018 > I. TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2018 > 1. Về phát triển kinh tế",
    ),
    (
        "2018",
        "Tổng thu ngân sách trên địa bàn 6 tháng đầu năm ước 2.817,4 tỷ đồng",
        "C. XÂY DỰNG KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2019 > Phần thứ nhất TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM VÀ ƯỚC THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2018 > I. TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2018 > 1. Về phát triển kinh tế > g) Công tác quản lý, điều hành ngân sách nhà nước",
    ),
    (
        "2018",
        "Thu nhập bình quân đầu người 44 - 45 triệu đồng",
        "C. XÂY DỰNG KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2019 > Phần thứ hai DỰ KIẾN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2019 > II. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU CỦA KẾ HOẠCH NĂM 2019 > 2. Các chỉ tiêu chủ yếu > a) Các chỉ tiêu kinh tế:",
    ),
    (
        "2018",
        "Tốc độ tăng trưởng kinh tế (GRDP) bình quân từ 8 - 9%",
        "B. ĐÁNH GIÁ GIỮA KỲ THỰC HIỆN KẾ HOẠCH CƠ CẤU LẠI NỀN KINH TẾ GIAI ĐOẠN 2016 - 2020 > 2. Nội dung đánh giá > 1. Các sở, ban, ngành, UBND các huyện, thành…",
    ),
]


@pytest.mark.parametrize(("year", "phrase", "path"), SECTION_SAMPLES)
def test_section_paths(year: str, phrase: str, path: str) -> None:
    assert paragraph_with(seed_report(year), phrase) == path


def test_compact_section_reference() -> None:
    report = seed_report("2023")
    paragraph = next(p for p in report.paragraphs if "669,53 tỷ đồng" in p.text)
    assert path_ref(paragraph.path) == "II.1.6 Công tác quản lý, điều hành ngân sách nhà nước"
    report = seed_report("2017")
    paragraph = next(p for p in report.paragraphs if "523,4 tỷ đồng" in p.text)
    assert path_ref(paragraph.path) == "I.2.đ Thu, chi ngân sách"


@pytest.mark.parametrize(
    ("year", "joins"), [("2017", 8), ("2018", 10), ("2023", 11), ("2022", 5), ("2020", 5)]
)
def test_all_page_breaks_are_found(year: str, joins: int) -> None:
    assert len(seed_report(year).page_joins) == joins


@pytest.mark.parametrize(
    ("year", "joined", "footnote_between"),
    [
        ("2017", "không để xảy ra dịch bệnh, ngộ độc thực phẩm. Thực hiện", None),
        ("2017", "bảo vệ rừng đối với diện tích không có trong chỉ tiêu giao vốn³", 1),
        ("2017", "tại Công ty Cổ phần Kim loại màu Bắc bộ, khắc phục", 6),
        ("2017", "thành lập mới 05 chi nhánh, văn phòng đại diện", 7),
        ("2017", "Đại hội Hội Hữu nghị Việt-Trung tỉnh Lạng Sơn lần I", None),
        ("2023", "tăng 70,6% so với cùng kỳ, trong đó, xuất khẩu 2.680 triệu USD", 4),
        ("2023", "so với cùng kỳ năm 2022 tăng 86 vụ (238,9%)", 28),
        ("2023", "một số khoản thu nội địa chưa đạt tiến độ dự toán", 33),
        ("2022", "các đơn vị lực lượng vũ trang, gia đình chính sách", None),
        ("2020", "bảo đảm hài hòa với phát triển kinh tế. Tổ chức tốt kỳ thi", None),
        ("2018", "công trình đoạn Km33 - Km47 và Km58 - Km80 Quốc lộ 4B", None),
    ],
)
def test_page_break_joins(year: str, joined: str, footnote_between: int | None) -> None:
    report = seed_report(year)
    paragraph = next(p for p in report.paragraphs if joined in p.text)
    if footnote_between is not None:
        footnote = report.footnotes[footnote_between]
        assert footnote.text[:40] not in paragraph.text
        start, end = paragraph.source_span()
        assert start < footnote.start < end  # the footnote was printed between the halves


def test_source_offsets_point_at_the_text() -> None:
    report = seed_report("2023")
    source = seed_text("2023")
    for paragraph in report.paragraphs:
        for i in range(0, len(paragraph.text), 37):
            ch = paragraph.text[i]
            if ch != " ":
                assert source[paragraph.offsets[i]] == ch


@pytest.mark.parametrize("year", list(SEEDS))
def test_closing_matter_is_kept_out(year: str) -> None:
    report = seed_report(year)
    assert report.closing_start is not None
    body = " ".join(p.text for p in report.paragraphs)
    for closing in ("Nơi nhận", "Lưu: VT", "KT. CHỦ TỊCH", "Danh sách gửi", "Sở Tư pháp\n"):
        assert closing not in body
    assert all(f.start < report.closing_start for f in report.footnotes.values())


def test_long_numbered_task_is_an_item_not_a_heading() -> None:
    report = seed_report("2023")
    path = paragraph_with(report, "5. Thực hiện hỗ trợ các nhà đầu tư")
    assert path.endswith("> 5. Thực hiện hỗ trợ các nhà đầu tư,…")
    # the item's own text stays in the passage
    paragraph = next(p for p in report.paragraphs if "5. Thực hiện hỗ trợ các nhà đầu tư" in p.text)
    assert paragraph.text.startswith("5. Thực hiện hỗ trợ")


def test_heading_styles_on_a_small_report() -> None:
    text = """BÁO CÁO
Tình hình kinh tế - xã hội quý I năm 2024

A. KINH TẾ

Phần thứ nhất

KẾT QUẢ

I. NÔNG NGHIỆP

1. Trồng trọt

1.1. Lúa

Diện tích lúa đạt 100 ha.

a) Ngô

Ngô đạt 20 ha.

(1) Giống mới

Giống mới 3 loại.

B. XÃ HỘI

Dân số tăng.

Nơi nhận:
- Lưu: VT.
"""
    report = parse_report(text, "x.txt")
    paths = {p.text: path_display(p.path) for p in report.paragraphs}
    assert paths["Diện tích lúa đạt 100 ha."] == (
        "A. KINH TẾ > Phần thứ nhất KẾT QUẢ > I. NÔNG NGHIỆP > 1. Trồng trọt > 1.1. Lúa"
    )
    assert paths["Giống mới 3 loại."].endswith("1.1. Lúa > a) Ngô > (1) Giống mới")
    assert paths["Dân số tăng."] == "B. XÃ HỘI"
    assert report.period is not None and report.period.year == 2024
