"""The assistant over the real corpus with the real embedder (index built once per session)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from rag.assistant import Assistant
from rag.question import InvalidQuestionError

SAME_PASSAGE = [
    (
        "Tổng thu ngân sách nhà nước 11 tháng năm 2023",
        "tong thu ngan sach nha nuoc 11 thang nam 2023",
    ),
    (
        "Chỉ số sản xuất công nghiệp 11 tháng năm 2017",
        "chi so san xuat cong nghiep 11 thang nam 2017",
    ),
    (
        "Số doanh nghiệp thành lập mới 11 tháng năm 2017",
        "so doanh nghiep thanh lap moi 11 thang nam 2017",
    ),
    ("Diện tích gieo trồng vụ Đông tháng 11/2023", "dien tich gieo trong vu dong thang 11/2023"),
    ("Kim ngạch xuất nhập khẩu tháng 01/2022", "kim ngach xuat nhap khau thang 01/2022"),
]


@pytest.mark.parametrize(("accented", "bare"), SAME_PASSAGE)
def test_questions_without_diacritics_find_the_same_passage(
    real_assistant: Assistant, accented: str, bare: str
) -> None:
    assert real_assistant.ask(accented).retrieved[0] == real_assistant.ask(bare).retrieved[0]


PERIOD_PAIRS = [
    ("Tổng thu ngân sách nhà nước 11 tháng năm {}", "5.775 tỷ đồng", "6.932,3 tỷ đồng"),
    ("Tổng kim ngạch xuất nhập khẩu tháng 11/{}", "380 triệu USD", "440 triệu USD"),
    ("Số người chết vì tai nạn giao thông trong tháng 11/{}", "04 người", "18 người"),
    ("Doanh nghiệp thành lập mới lũy kế 11 tháng năm {}", "465 doanh nghiệp", "623 doanh nghiệp"),
    ("Lượng khách du lịch 11 tháng năm {}", "2.351 nghìn lượt", "3.764,82 nghìn lượt"),
    ("Chỉ số sản xuất công nghiệp 11 tháng năm {}", "5,05%", "7,28%"),
]


@pytest.mark.parametrize(("template", "figure_2017", "figure_2023"), PERIOD_PAIRS)
def test_each_period_is_answered_with_its_own_figure(
    real_assistant: Assistant, template: str, figure_2017: str, figure_2023: str
) -> None:
    old = real_assistant.ask(template.format(2017))
    new = real_assistant.ask(template.format(2023))
    assert figure_2017 in old.answer and figure_2023 not in old.answer
    assert figure_2023 in new.answer and figure_2017 not in new.answer
    assert {c.period for c in old.citations} == {"tháng 11/2017 (11 tháng)"}
    assert {c.period for c in new.citations} == {"tháng 11/2023 (11 tháng)"}


def test_half_year_periods_are_routed(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("Tổng thu ngân sách trên địa bàn 6 tháng đầu năm 2020")
    assert "3.042,3 tỷ đồng" in answer.answer
    assert {c.doc for c in answer.citations} == {"004_94dc517d2ac71a53.txt"}
    answer = real_assistant.ask("Tổng thu ngân sách trên địa bàn 6 tháng đầu năm 2018")
    assert "2.817,4 tỷ đồng" in answer.answer


def test_no_period_lists_each_period_newest_first(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("Tổng thu ngân sách nhà nước lũy kế 11 tháng")
    assert not answer.refused
    assert "6.932,3" in answer.answer and "5.775" in answer.answer
    assert answer.answer.index("6.932,3") < answer.answer.index("5.775")
    periods = [c.period for c in answer.citations]
    assert "tháng 11/2023 (11 tháng)" in periods and "tháng 11/2017 (11 tháng)" in periods


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The total: "thu" of its items ("thu nội địa …, thu từ hoạt động …") names them as
        # its parts.
        ("Tổng thu ngân sách nhà nước 11 tháng năm 2023 là bao nhiêu?", "6.932,3 tỷ đồng"),
        ("thu ngân sách 11 tháng 2023", "6.932,3 tỷ đồng"),
        # An item after "trong đó", of the 11 months its sentence opens with.
        ("Thu NSNN từ hoạt động XNK lũy kế 11 tháng năm 2023 được bao nhiêu?", "4.607,68 tỷ đồng"),
        # The figure whose words follow it: "1,4 triệu lượt khách trong nước".
        ("khach du lich trong nuoc 6 thang dau nam 2018 duoc bao nhieu luot", "1,4 triệu lượt"),
        # A window to a month counts the months: "lũy kế 11 tháng", not the month's.
        ("Từ đầu năm 2023 đến tháng 11, thanh tra kiến nghị thu hồi bao nhiêu tiền?", "5.746,66"),
    ],
)
def test_an_answer_leads_with_the_figure_asked(
    real_assistant: Assistant, question: str, lead: str
) -> None:
    assert real_assistant.ask(question).answer.startswith(lead)


def test_two_named_periods_are_both_answered(real_assistant: Assistant) -> None:
    answer = real_assistant.ask(
        "So sánh tổng kim ngạch xuất nhập khẩu tháng 11/2017 và tháng 11/2023"
    )
    assert "380 triệu USD" in answer.answer and "440 triệu USD" in answer.answer


def test_two_figures_of_two_things_are_each_answered(real_assistant: Assistant) -> None:
    answer = real_assistant.ask(
        "Lũy kế 11 tháng năm 2017 tổng thu ngân sách nhà nước đạt bao nhiêu, "
        "và kim ngạch xuất nhập khẩu bao nhiêu?"
    )
    lines = answer.answer.splitlines()
    assert len(lines) == 2 and "5.775 tỷ đồng" in lines[0] and "4.460 triệu USD" in lines[1]
    # Both searched in the period the whole question names, and cited from it.
    assert {c.doc for c in answer.citations} == {"000_f2ef7d1ad17a3d94.txt"}


def test_footnote_only_figure_comes_from_the_footnote(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("Vốn ODA giải ngân 11 tháng năm 2017")
    assert answer.answer.startswith("294,92 tỷ đồng")
    first = answer.citations[0]
    assert first.footnote == 9 and first.doc == "000_f2ef7d1ad17a3d94.txt"
    assert first.context is not None and "1.701,68 tỷ đồng" in first.context
    assert "1.701,68 tỷ đồng" in answer.answer  # the citing sentence is given as context
    assert "chú thích 9" in first.label


@pytest.mark.parametrize(
    ("question", "lead", "footnote"),
    [
        # The sentence gives only the change ("cây thạch đen tăng mạnh, tăng 34,97%"); its
        # footnote gives the area asked.
        ("Cây thạch đen vụ Đông tháng 1/2022 trồng được bao nhiêu diện tích?", "415,7 ha", 2),
        ("Vụ Đông tháng 1/2022 trồng bao nhiêu ha thạch đen?", "415,7 ha", 2),
        # Read on from the sentence about smuggling that cites it, the footnote's "tổng số
        # tiền phạt" is what is asked, which the sentence (cases, changes) lacks.
        (
            "Tiền phạt vi phạm hành chính về buôn lậu, gian lận thương mại 11 tháng 2023 "
            "tổng cộng bao nhiêu?",
            "71,65 tỷ đồng",
            27,
        ),
    ],
)
def test_a_footnote_saying_more_of_the_question_answers_first(
    real_assistant: Assistant, question: str, lead: str, footnote: int
) -> None:
    answer = real_assistant.ask(question)
    assert answer.answer.startswith(lead)
    assert answer.citations[0].footnote == footnote


def test_an_index_asked_is_answered_by_its_change(real_assistant: Assistant) -> None:
    # "Chỉ số …" is stated as a change: the footnote's output in kWh is not the answer.
    answer = real_assistant.ask("Chỉ số sản xuất và phân phối điện 11 tháng năm 2023")
    assert answer.answer.startswith("2,37%")
    assert answer.citations[0].footnote is None


def test_a_sentence_listing_the_things_asked_answers_before_its_footnote(
    real_assistant: Assistant,
) -> None:
    # "… gồm: Điện sản xuất, điện thương phẩm, Clinker, …" lists them; the footnote gives
    # their figures, as detail.
    answer = real_assistant.ask("Các sản phẩm công nghiệp nào tăng khá 11 tháng 2017?")
    first = answer.citations[0]
    assert first.footnote is None and "Clinker" in first.text
    assert answer.citations[1].footnote == 6


def test_which_report_is_answered_with_the_part_of_it_that_says_so(
    real_assistant: Assistant,
) -> None:
    # A task for next month is in the report of this one: its heading says which month.
    answer = real_assistant.ask(
        "Việc tổ chức tốt kỳ thi tuyển công chức năm 2017 nằm trong báo cáo nào?"
    )
    assert answer.answer.startswith(
        "Báo cáo KT-XH tháng 11/2017 (11 tháng) «Tình hình kinh tế - xã hội tháng 11 và 11 "
        "tháng, nhiệm vụ trọng tâm tháng 12 năm 2017», phần “II. NHIỆM VỤ TRỌNG TÂM THÁNG 12”: “"
    )


def test_which_report_is_searched_in_every_report_whatever_year_the_fact_is_of(
    real_assistant: Assistant,
) -> None:
    # The capital of 2022 carried over is spent in 2023: the year named is the fact's, the
    # report asked is the one of 11 months 2023.
    answer = real_assistant.ask(
        "Báo cáo nào nêu giải ngân vốn đầu tư năm 2022 kéo dài đạt 77,4% kế hoạch vốn kéo dài?"
    )
    assert answer.answer.startswith("Báo cáo KT-XH tháng 11/2023 (11 tháng)")


def test_a_footnote_detailing_another_part_of_the_sentence_follows_it(
    real_assistant: Assistant,
) -> None:
    # "Tổ chức tiêm phòng được 130 nghìn lượt⁴ …; thực hiện tốt công tác kiểm dịch …": the
    # footnote details the vaccinations, which the question sets aside.
    answer = real_assistant.ask(
        "Tháng 11/2017, bên cạnh tiêm phòng, thú y còn làm tốt những công tác nào?"
    )
    first = answer.citations[0]
    assert first.footnote is None and "kiểm dịch vận chuyển" in first.text
    assert answer.citations[1].footnote == 4


def test_asked_when_a_report_was_issued_the_answer_quotes_its_date_line(
    real_assistant: Assistant,
) -> None:
    answer = real_assistant.ask("Công văn số 742/SKHĐT-THQH ban hành ngày nào?")
    assert not answer.refused
    assert "ngày 29 tháng 6 năm 2018" in answer.answer
    assert answer.citations[0].chunk_id.endswith("#head")


def test_a_footnote_detailing_the_part_asked_comes_first_asked_a_list(
    real_assistant: Assistant,
) -> None:
    # "… trong đó: Vốn NSDP là 1.408,4 tỷ đồng, đạt 99,31%¹²; Vốn NSTW là 989,9 tỷ đồng, …;
    # 76,52% địa phương giao chi tiết¹³": footnote 13 lists the central budget's sources.
    # Its part goes on about the first ("Kết quả giải ngân kế hoạch vốn năm 2021 …").
    answer = real_assistant.ask(
        "Vốn NSTW kế hoạch năm 2021 giải ngân đến 31/01/2022 gồm những nguồn vốn nào?"
    )
    assert answer.citations[0].footnote == 13
    assert "vốn nước ngoài" in answer.citations[0].text.lower()


def test_a_footnote_telling_of_one_more_action_follows_the_sentence_asked_a_list(
    real_assistant: Assistant,
) -> None:
    # "… khôi phục lại hoạt động các cảng cửa khẩu, lối mòn³⁰": the footnote tells of a
    # survey of other crossings, no list of them.
    answer = real_assistant.ask(
        "Tháng 11/2023 tỉnh hợp tác với phía Trung Quốc để khôi phục những điểm thông quan nào?"
    )
    first = answer.citations[0]
    assert first.footnote is None and "lối mòn" in first.text
    assert answer.citations[1].footnote == 30


@pytest.mark.parametrize(
    "question",
    [
        "Diện tích cây thạch đen vụ Đông tháng 1/2022",
        "Vốn ODA giải ngân 11 tháng năm 2017",
        "Tổng thu ngân sách lũy kế 11 tháng",
    ],
)
def test_the_passages_answered_from_rank_first(real_assistant: Assistant, question: str) -> None:
    answer = real_assistant.ask(question)
    cited = [c.chunk_ids for c in answer.citations]
    assert cited and answer.retrieved[: len(cited)] == cited


def test_a_section_cut_in_two_is_shown_whole_when_both_halves_rank_together(
    real_assistant: Assistant,
) -> None:
    answer = real_assistant.ask(
        "Ai tham dự hội nghị trực tuyến ngày 13/7/2020 tại điểm cầu của tỉnh?"
    )
    first = answer.citations[0]
    assert len(first.chunk_ids) == 2 and answer.retrieved[0] == first.chunk_ids
    assert "Ngày 13/7/2020" in first.text and "Tham dự tại điểm cầu của tỉnh" in first.text


def test_markers_point_at_listed_citations(real_assistant: Assistant) -> None:
    for question in (
        "Tổng thu ngân sách nhà nước 11 tháng năm 2017",
        "Tổng thu ngân sách lũy kế 11 tháng",
    ):
        answer = real_assistant.ask(question)
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
        assert markers and markers == {c.n for c in answer.citations}


UNANSWERABLE = [
    "Tổng thu ngân sách nhà nước 11 tháng năm 2019 là bao nhiêu?",
    "Kim ngạch xuất nhập khẩu tháng 02/2022 đạt bao nhiêu?",
    "Khu công nghiệp Đồng Bành đã thu hút bao nhiêu dự án?",
    "Số ca mắc sốt xuất huyết trong tháng 11/2017 là bao nhiêu?",
]
ANSWERABLE = [
    "Năng suất lúa vụ mùa tháng 11/2017",
    "tong kim ngach xuat nhap khau thang 01/2022",
    "Trong 6 tháng đầu năm 2020 toàn tỉnh chi trả cho bao nhiêu đối tượng theo Nghị quyết 42?",
    "Có bao nhiêu xã đạt chuẩn nông thôn mới đến tháng 11/2017?",
]


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_are_refused(real_assistant: Assistant, question: str) -> None:
    answer = real_assistant.ask(question)
    assert answer.refused and answer.citations == []
    assert answer.answer.startswith("Không tìm thấy số liệu")
    assert len(answer.related) <= 3


@pytest.mark.parametrize("question", ANSWERABLE)
def test_answerable_questions_are_answered(real_assistant: Assistant, question: str) -> None:
    answer = real_assistant.ask(question)
    assert not answer.refused and answer.citations


def test_uncovered_period_says_which_periods_exist(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("Tổng thu ngân sách nhà nước 11 tháng năm 2019")
    assert answer.refused and "11 tháng năm 2019" in answer.answer
    assert "tháng 11/2023 (11 tháng)" in answer.answer


def test_an_indicator_another_period_holds_is_refused_and_pointed_to(
    real_assistant: Assistant,
) -> None:
    """The poverty rate is in the 2018 letter, not in the November 2017 report: no figure of
    another indicator from 2017, but the report that has it, shown as related."""
    answer = real_assistant.ask("Tỷ lệ hộ nghèo toàn tỉnh tháng 11/2017 là bao nhiêu?")
    assert answer.refused and answer.citations == []
    assert "tháng 11/2017 không nêu" in answer.answer
    assert "Công văn 742/SKHĐT-THQH" in answer.answer
    assert "hộ nghèo" in answer.related[0].text
    assert answer.related[0].doc.startswith("001_")
    in_its_period = real_assistant.ask("Tỷ lệ hộ nghèo toàn tỉnh 6 tháng đầu năm 2018")
    assert not in_its_period.refused and "17,57%" in in_its_period.answer


def test_a_plan_year_heading_does_not_stand_for_a_half_year(real_assistant: Assistant) -> None:
    """A 2018 letter's heading "kế hoạch năm 2019" above "6 tháng đầu năm 2018" does not make
    its 2018 figures those of the first half of 2019."""
    answer = real_assistant.ask("Chỉ số sản xuất công nghiệp 6 tháng đầu năm 2019 tăng bao nhiêu?")
    assert answer.refused and "11,24%" not in answer.answer


@pytest.mark.parametrize("question", ["", "   ", "x" * 1001])
def test_bad_questions_are_refused_with_a_reason(real_assistant: Assistant, question: str) -> None:
    with pytest.raises(InvalidQuestionError, match="câu hỏi"):
        real_assistant.ask(question)


def test_period_and_doc_options(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("Tổng thu ngân sách nhà nước lũy kế", period="11 tháng năm 2017")
    assert "5.775" in answer.answer and "6.932,3" not in answer.answer
    with pytest.raises(InvalidQuestionError, match="kỳ báo cáo"):
        real_assistant.ask("Tổng thu ngân sách", period="hôm qua")
    with pytest.raises(InvalidQuestionError, match="không có báo cáo"):
        real_assistant.ask("Tổng thu ngân sách", doc="missing.txt")


def test_safe_from_several_threads(real_assistant: Assistant) -> None:
    questions = [q for q, _ in SAME_PASSAGE] * 2
    alone = [real_assistant.ask(q).answer for q in questions]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda q: real_assistant.ask(q).answer, questions))
    assert together == alone
