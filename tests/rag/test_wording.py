from rag.abbreviations import expand_abbreviations
from rag.wording import expand_wording, reword


def test_everyday_words_also_search_the_reports_words() -> None:
    assert expand_wording("Bao nhiêu người thiệt mạng do va chạm xe cộ?") == (
        "Bao nhiêu người thiệt mạng do va chạm xe cộ? (chết; tai nạn giao thông)"
    )
    # typed without diacritics, the same
    assert expand_wording("bao nhieu nguoi thiet mang do va cham xe").endswith(
        "(chết; tai nạn giao thông)"
    )


def test_everyday_words_of_schooling_papers_and_fire() -> None:
    assert expand_wording("bao nhiêu người được nhận vào học nghề").endswith("(tuyển sinh)")
    assert expand_wording("bộ giấy tờ xin hưởng trợ cấp").endswith("(hồ sơ)")
    assert expand_wording("lửa rừng thiêu rụi bao nhiêu ha").endswith("(cháy rừng; cháy)")
    # Households as people say it, as the reports count them ("cho hộ gia đình, cá nhân").
    assert expand_wording("cấp bao nhiêu sổ đỏ cho hộ dân").endswith(
        "(giấy chứng nhận quyền sử dụng đất; hộ gia đình, cá nhân)"
    )


def test_a_question_already_in_the_reports_words_is_unchanged() -> None:
    question = "Số người chết do tai nạn giao thông tháng 11/2017?"
    assert expand_wording(question) == question
    assert expand_wording("Nợ xấu chiếm bao nhiêu?") == "Nợ xấu chiếm bao nhiêu?"


def test_words_match_whole_not_inside_other_words() -> None:
    assert expand_wording("Công tycoon") == "Công tycoon"  # "công ty" only as words
    assert "doanh nghiệp" in expand_wording("Số công ty thành lập")


def test_abbreviations_and_wording_combine() -> None:
    query = expand_wording(expand_abbreviations("TNGT làm bao nhiêu người tử vong"))
    assert "tai nạn giao thông" in query and "chết" in query
    assert query.startswith("TNGT làm bao nhiêu người tử vong")


def test_a_phrase_the_reports_use_often_is_not_expanded() -> None:
    """ "gia cầm" is the reports' own word: appending "chăn nuôi" would outweigh it."""
    counts = {"gia cầm": 16, "thiệt mạng": 0}
    frequency = lambda phrase: counts.get(phrase, 0)  # noqa: E731
    assert expand_wording("Đàn gia cầm tháng 11/2017", frequency) == "Đàn gia cầm tháng 11/2017"
    assert expand_wording("Đàn gia cầm tháng 11/2017").endswith("(chăn nuôi)")
    assert expand_wording("bao nhiêu người thiệt mạng", frequency).endswith("(chết)")


def test_scored_wording_replaces_what_no_report_says() -> None:
    """Words no report uses weigh on every sentence and match none: for scoring, the reports'
    words take their place; wording a report does use stays, the reports' words beside it."""
    frequency = {"cho vay nặng lãi": 1}.get
    assert reword("Tỷ lệ các khoản vay khó đòi?", lambda p: frequency(p, 0)) == (
        "Tỷ lệ các nợ xấu?"  # "khoản vay" inside it is not read again as "dư nợ tín dụng"
    )
    assert reword("bao nhieu nguoi thiet mang do va cham xe", lambda p: frequency(p, 0)) == (
        "bao nhieu nguoi chết do tai nạn giao thông"
    )
    assert reword("Truy tố mấy vụ cho vay nặng lãi?", lambda p: frequency(p, 0)) == (
        "Truy tố mấy vụ cho vay nặng lãi? (tín dụng đen)"
    )


def test_a_phrase_is_matched_as_spelled_or_where_typed_without_diacritics() -> None:
    assert (
        expand_wording("Cấp sổ đỏ tháng 11")
        == "Cấp sổ đỏ tháng 11 (giấy chứng nhận quyền sử dụng đất)"
    )
    assert expand_wording("cap so do thang 11").endswith("(giấy chứng nhận quyền sử dụng đất)")
    assert expand_wording("Số đó tăng bao nhiêu?") == "Số đó tăng bao nhiêu?"  # not "sổ đỏ"


def test_everyday_phrasings_across_the_reports_domains() -> None:
    assert expand_wording("Bao nhiêu người bệnh phải nằm viện?").endswith(
        "(khám chữa bệnh; điều trị nội trú)"
    )
    assert expand_wording("Có bao nhiêu công ty phá sản?").endswith("(doanh nghiệp; giải thể)")
    assert expand_wording("bao nhieu ho thoat ngheo").endswith("(tỷ lệ hộ nghèo)")
    assert expand_wording("Xuất khẩu trái cây được bao nhiêu đô la Mỹ?").endswith("(hoa quả; USD)")


def test_bare_phrasings_that_spell_report_words_are_not_everyday() -> None:
    """Typed without diacritics, "dịch vụ chiếm" reads "vụ chiêm", "phân bổ vốn" "bỏ vốn",
    "đó là" "đô la": such phrasings are not in the table."""
    for question in ("dich vu chiem bao nhieu", "phan bo von cho huyen", "do la bao nhieu"):
        assert expand_wording(question) == question


def test_verbs_and_status_words_of_administrative_reporting() -> None:
    assert expand_wording("Trong tháng khép lại bao nhiêu cuộc thanh tra?").endswith("(kết thúc)")
    assert expand_wording("Công an tóm được bao nhiêu đối tượng?").endswith("(phát hiện, bắt)")
    assert expand_wording("Đánh sập bao nhiêu băng nhóm?").endswith("(triệt phá; ổ, nhóm tội phạm)")
    assert expand_wording("Bao nhiêu hồ sơ còn tồn đọng?").endswith("(hồ sơ đang giải quyết)")
    assert expand_wording("Bao nhiêu doanh nghiệp làm sai luật?").endswith("(vi phạm)")
    assert expand_wording("Dự án nào động thổ năm 2020?").endswith("(khởi công)")
    assert reword("Trong tháng khép lại bao nhiêu cuộc thanh tra?", lambda p: 0) == (
        "Trong tháng kết thúc bao nhiêu cuộc thanh tra?"
    )


def test_everyday_names_for_sectors_agencies_and_goods() -> None:
    assert expand_wording("Xây dựng thương hiệu chung cho nông sản").endswith("(nhãn hiệu tập thể)")
    assert expand_wording("Bắt bao nhiêu vụ chất gây nghiện?").endswith("(ma túy)")
    assert expand_wording("Diện tích cây sương sáo vụ Đông").endswith("(cây thạch đen)")
    assert expand_wording("Doanh nghiệp quyên góp bao nhiêu?").endswith("(huy động xã hội hóa)")
    assert expand_wording("Còn bao nhiêu xe tồn ở cửa khẩu?").endswith(
        "(phương tiện chờ hàng xuất khẩu)"
    )
    assert expand_wording("Số trường cấp 2 đạt chuẩn").endswith("(trung học cơ sở)")
    assert expand_wording("Cảnh sát xử lý bao nhiêu vụ hàng lậu?").endswith(
        "(các lực lượng chức năng; buôn lậu)"
    )


def test_a_negated_phrasing_is_not_read_as_what_it_negates() -> None:
    """ "không phải nằm viện" is an outpatient: "nằm viện" inside it is no hospital stay."""
    for question in (
        "Bao nhiêu lượt không phải nằm viện?",
        "Bao nhiêu lượt không cần nằm viện?",
        "Bao nhiêu lượt không cần phải nhập viện?",
        "bao nhieu luot khong can nam vien",
    ):
        expanded = expand_wording(question)
        assert expanded.endswith("(điều trị ngoại trú)") and "nội trú" not in expanded
    assert expand_wording("Bao nhiêu người phải nằm viện?").endswith("(điều trị nội trú)")
    assert reword("Bao nhiêu lượt không phải nằm viện?", lambda p: 0) == (
        "Bao nhiêu lượt điều trị ngoại trú?"
    )


def test_a_phrase_in_the_reports_words_is_still_read_whole() -> None:
    """With "nợ xấu" asked already, "khoản vay khó đòi" adds nothing, and "khoản vay" inside
    it is still no loan of its own."""
    question = "Nợ xấu và các khoản vay khó đòi chiếm bao nhiêu?"
    assert expand_wording(question) == question


def test_bare_phrasings_of_common_words_are_not_everyday() -> None:
    """Without diacritics, "số lao động" is not "sở lao động", "thu từ" not "thư từ", "số thuế"
    not "sở thuế", "kế hoạch thu hút" no revenue plan, "trợ cấp một lần" no primary school."""
    for question in (
        "so lao dong co viec lam",
        "thu tu hoat dong xuat nhap khau",
        "so thue thu duoc",
        "ke hoach thu hut dau tu",
        "tro cap mot lan cho than nhan",
        "tao dieu kien cho hang hoa xuat khau",
    ):
        assert expand_wording(question) == question


def test_a_fall_in_everyday_words_searches_the_reports_giam() -> None:
    """ "bị sụt", "đi xuống": the reports write "giảm"."""
    assert expand_wording("Sản phẩm nào bị sụt so với cùng kỳ?").endswith("(giảm)")
    assert expand_wording("nguon thu nao di xuong").endswith("giảm)")


def test_a_herd_of_animals_searches_the_reports_livestock() -> None:
    """ "đàn vật nuôi": the reports count "đàn gia súc, gia cầm", not "chăn nuôi" alone."""
    assert expand_wording("Đàn vật nuôi nào giảm?").endswith("(đàn gia súc, gia cầm)")
    assert expand_wording("Vật nuôi được tiêm phòng bao nhiêu?").endswith("(chăn nuôi)")


def test_a_phrase_is_read_with_the_words_people_put_inside_it() -> None:
    """ "được", "các", "những", and "hóa" after "hàng", change nothing of a phrase."""
    assert expand_wording("Số tiền thu được từ du lịch tháng 01/2022").endswith(
        "(doanh thu du lịch)"
    )
    assert expand_wording("tong gia tri hang hoa xuat nhap khau").endswith(
        "(tổng kim ngạch xuất nhập khẩu)"
    )
    # Not any word: "tiền thu về từ du lịch" is another phrase.
    assert "doanh thu du lịch" not in expand_wording("tiền thu ngân sách từ du lịch")


def test_chat_words_for_spending_and_arrests() -> None:
    assert "chi" in expand_wording("đã xài hết bao nhiêu tiền")
    assert expand_wording("công an tóm bao nhiêu người").endswith("(phát hiện, bắt)")
