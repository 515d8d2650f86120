from __future__ import annotations

import pytest
from llama_index.core.schema import TextNode

from rag.abbreviations import expand_abbreviations
from rag.terms import Vocabulary, _asked_units

_COUNTED = frozenset("vu nguoi ho".split())


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("so vu tai nan giao thong 6 thang dau nam 2020", {"vu"}),
        ("bao nhieu nguoi thiet mang", {"nguoi"}),
        ("ty le ho ngheo con bao nhieu %", {"%"}),
        ("bao nhieu bo ho so thu tuc", {"ho"}),
        ("tang bao nhieu so voi cung ky", set()),
        ("tang bao nhieu trong nua dau nam 2018", set()),  # a period is no unit
        ("so sanh chi so san xuat cong nghiep", set()),
        ("dien tich gieo trong dat bao nhieu", set()),
        ("rung bi chay mat bao nhieu dien tich", {"ha"}),
        # A sum, whatever word follows, and whatever "số" names first.
        ("buu dien thu duoc bao nhieu tien tu gui thu", {"dong", "usd"}),
        ("so hang lau bi bat giu co gia tri bao nhieu tien", {"dong", "usd"}),
        ("so vu vi pham, so nguoi bi phat bao nhieu %", {"%", "vu", "nguoi"}),
        ("phat bao nhieu don vi, ca nhan", set()),  # any body: "175 tổ chức, cá nhân"
        ("so von giai ngan 6 thang dau nam 2018", {"dong", "usd"}),
        ("bao nhieu phan tram co quan da ky so", {"%"}),
        ("tong thu dat bao nhieu va thu noi dia", set()),  # "và" ends the ask: no unit
        ("dich vu chiem bao nhieu trong GRDP", {"%"}),  # a share
        ("ty trong lao dong nong nghiep la bao nhieu", {"%"}),
        ("lua chiem bao nhieu ha dien tich", {"ha"}),
        # "chi cục", "thủ tục" open with a sum's syllable, and are counted, not sums.
        ("giam bao nhieu don vi va bao nhieu chi cuc", {"chi"}),
        ("so thu tuc hanh chinh la bao nhieu", {"thu"}),
        ("so chi ngan sach dat bao nhieu", {"dong", "usd"}),
        # "Cơ sở", "cơ quan" are any body, counted in its own word ("181 trường", "193 tổ
        # chức"), as "đơn vị" is; typed bare, "co" may be "có".
        ("bao nhiêu cơ sở giáo dục đạt chuẩn", set()),
        ("bao nhiêu cơ quan, đơn vị được cấp", set()),
        # A value asked is a sum, whatever "số" names first.
        ("số hàng lậu bị phát hiện có tổng giá trị bao nhiêu", {"dong", "usd"}),
        ("giá trị sản xuất công nghiệp tăng bao nhiêu %", {"%"}),
        # An abbreviation counted is counted in the reports' words ("57 doanh nghiệp").
        ("so dn thanh lap moi thang 11/2017", {"doanh"}),
        ("bao nhieu HTX thanh lap moi", {"hop"}),
        ("bao nhiêu SP OCOP 3 sao", {"san"}),
        # a chat particle ends the question, it counts nothing; "ha" is hectares
        ("tien thu tu xuat nhap khau duoc bao nhieu roi", set()),
        ("trong duoc bao nhieu ha vay", {"ha"}),
        # "đô" typed so is dollars; typed bare, "do" may as well be "độ" or "do"
        ("GRDP đầu người khoảng bao nhiêu đô vậy", {"usd"}),
        # "cơ sở hạ tầng" typed with diacritics is not "có số ha"; typed bare it may be
        ("vốn xây dựng cơ sở hạ tầng giải ngân bao nhiêu", set()),
        # people whose word opens with a syllable the reports count other things in
        ("công an bắt được bao nhiêu con bạc", {"nguoi"}),
        ("bao nhiêu công nhân được hỗ trợ", {"nguoi"}),
        ("bao nhiêu công dân nhập ngũ", {"nguoi"}),
        ("có bao nhiêu thí sinh đăng ký dự thi", {"nguoi"}),  # "thí", not "thì"
        # a sum is what "vốn … là bao nhiêu" asks; "vốn … đạt bao nhiêu" may be a share
        ("tổng vốn đăng ký của doanh nghiệp mới là bao nhiêu", {"dong", "usd"}),
        ("giải ngân vốn đầu tư công đạt bao nhiêu", set()),
        # "bao nhiêu tính đến ngày …", "bao nhiêu đến hết tháng …": a time, not a unit
        ("giai ngan duoc bao nhieu tinh den 31/01/2022", set()),
        ("von nuoc ngoai giai ngan bao nhieu den het thang 01/2022", set()),
    ],
)
def test_the_unit_a_question_counts_in(question: str, units: set[str]) -> None:
    assert _asked_units(question, _COUNTED) == units


def test_the_unit_is_the_first_word_the_reports_count_in() -> None:
    vocabulary = Vocabulary(
        [TextNode(text="Đón 194,2 nghìn khách quốc tế; 12 dự án; tổng đàn 155 nghìn con trâu.")]
    )
    assert vocabulary.terms("bao nhiêu du khách nước ngoài").units == {"khach"}  # not "dự"
    assert vocabulary.terms("bao nhiêu con trâu").units == {"con"}
    assert vocabulary.terms("bao nhiêu người chết").units == {"nguoi"}  # none counted: first


def test_a_bare_syllable_among_accented_ones_is_as_typed() -> None:
    """ "Chi" of "Chi NSĐP tăng bao nhiêu" spends: "chỉ số" matches it by half only."""
    read = Vocabulary([TextNode(text="Chỉ số giá tăng; tổng chi ngân sách địa phương tăng.")])
    assert "chi" in read.terms("Chi NSĐP tháng 11 tăng bao nhiêu?").exact
    assert "chi" not in read.terms("chi nsdp thang 11 tang bao nhieu").exact


def test_an_abbreviation_asked_is_held_by_its_words_at_their_worth() -> None:
    """ "NSĐP" asked: "chi ngân sách địa phương" holds it, worth its rarest word; "KH" (kế
    hoạch) is worth as little as "kế hoạch" is, however rare the abbreviation."""
    read = Vocabulary(
        [
            TextNode(text="Tổng chi ngân sách địa phương 10.400 tỷ đồng theo kế hoạch."),
            TextNode(text="Chi NSĐP tăng; kế hoạch vốn; kế hoạch năm."),
            TextNode(text="Kế hoạch giao; phương án."),
        ]
    )
    terms = read.terms("Chi NSĐP theo KH là bao nhiêu?")
    spelled, worth = terms.abbreviated["nsdp"]
    assert spelled == {"ngan", "sach", "dia", "phuong"}
    assert worth == max(read.idf(w) for w in spelled)
    assert terms.abbreviated["kh"][1] == max(read.idf("ke"), read.idf("hoach"))
    assert terms.abbreviated["kh"][1] < terms.weights["kh"]


def test_the_kind_of_an_indicator_asked() -> None:
    """ "tai nạn lao động": the two words after a word the reports qualify by kind, when the
    reports use them together; not what follows without naming a kind ("tai nạn xảy ra")."""
    read = Vocabulary([TextNode(text="Người lao động được hỗ trợ; bảo hiểm xã hội; y tế.")])
    assert read.terms("Bao nhiêu vụ tai nạn lao động?").kinds == {("tai nan", "lao dong")}
    assert read.terms("so vu tai nan lao dong 2023").kinds == {("tai nan", "lao dong")}
    assert read.terms("Tỷ lệ tham gia bảo hiểm xã hội?").kinds == {("bao hiem", "xa hoi")}
    assert not read.terms("Tai nạn xảy ra bao nhiêu vụ?").kinds
    assert not read.terms("Số vụ tai nạn tháng 11/2023?").kinds
    # Words the reports never put together name no kind of theirs.
    assert not read.terms("Bao nhiêu vụ tai nạn hàng hải?").kinds
    assert not read.terms("Lao động được hỗ trợ bao nhiêu?").kinds


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        # Framing words are told from content words spelled like them without diacritics.
        ("Những kỳ thi nào được tổ chức?", {"thi"}, {"nhung", "nao"}),
        ("Bao nhiêu vụ tội phạm, tai nạn ở chợ?", {"toi", "tai", "cho"}, {"bao", "nhieu"}),
        ("Theo báo cáo tháng 11/2017, thu hay chi tăng?", {"thu", "chi"}, {"bao", "cao", "hay"}),
        # "Đầu" names a period beside one, not in "đầu tư".
        ("nua dau nam 2018 thu hut bao nhieu du an", {"hut"}, {"dau", "nua"}),
        # "Giữa năm" names a period; "giữa kỳ" names the mid-term review asked about.
        ("Đến giữa năm 2018 toàn tỉnh có bao nhiêu hợp tác xã?", {"hop"}, {"giua"}),
        ("danh gia giua ky bao nhieu chi tieu", {"giua", "ky"}, {"bao"}),
        ("Vốn đầu tư công giải ngân bao nhiêu?", {"dau", "tu", "von"}, {"bao"}),
        # So does the document a question names by its kind, but not an inspection's findings.
        ("Theo kết luận hội nghị giữa năm 2020, nuôi lợn chậm vì sao?", {"lon"}, {"ket", "luan"}),
        ("ket luan 6 thang dau nam 2020 noi gi ve du lich", {"lich"}, {"ket", "luan"}),
        ("Kết luận thanh tra năm 2023 thu hồi bao nhiêu?", {"ket", "luan", "thanh"}, {"bao"}),
        # What is set aside ("ngoài lúa") weighs little; "ngoài" itself frames.
        ("Ngoài lúa, những cây trồng nào khác giảm?", {"cay", "giam"}, {"ngoai"}),
        # "tên là gì" asks for a name, which the reports give without saying "tên".
        ("Ứng dụng của tỉnh tên là gì?", {"ung", "dung"}, {"ten"}),
        ("ung dung cua tinh co ten gi", {"ung", "dung"}, {"ten"}),
        # Who requires a task frames the question; requirements asked about do not.
        ("Tỉnh yêu cầu làm tốt những công tác nào về rừng?", {"rung", "tot"}, {"yeu", "cau"}),
        ("tinh yeu cau thuc hien tot nhung viec gi", {"thuc", "tot"}, {"yeu", "cau"}),
        ("Các sở được yêu cầu tạo quỹ đất cho những lĩnh vực nào?", {"dat"}, {"yeu", "cau"}),
        ("Những công trình nào chưa đáp ứng yêu cầu?", {"yeu", "cau", "ung"}, {"nao"}),
        ("Thông quan phải bảo đảm những yêu cầu gì?", {"yeu", "cau"}, {"gi", "phai"}),
        # "Phải" says a task is required, as "yêu cầu" does; "5 năm" is a span, no period.
        ("Kế hoạch 5 năm nào phải hoàn thành trong năm 2020?", {"5", "nam", "hoan"}, {"phai"}),
        ("6 tháng đầu năm 2020 thu bao nhiêu?", {"thu"}, {"6", "nam", "thang"}),
    ],
)
def test_words_that_frame_a_question(question: str, kept: set[str], dropped: set[str]) -> None:
    weights = Vocabulary([TextNode(text="Lúa, ngô, tội phạm.")]).terms(question).weights
    assert kept <= set(weights) and not dropped & set(weights)


def test_what_a_question_sets_aside_weighs_little() -> None:
    vocabulary = Vocabulary([TextNode(text="Cây lúa và cây ngô.")])
    weights = vocabulary.terms("Ngoài lúa, những cây trồng nào khác giảm?").weights
    assert weights["lua"] < weights["cay"] / 2
    # Named again after the comma, it is asked about after all.
    again = vocabulary.terms("Ngoài cửa khẩu Chi Ma, những cửa khẩu nào?").weights
    assert again["khau"] > 1 and again["ma"] < again["khau"]
    # Set aside as it is scored: "xuất nhập khẩu" is one word.
    trade = vocabulary.terms("Ngoài xuất nhập khẩu, những ngành nào khác tăng?").weights
    assert trade["xuatnhapkhau"] < trade["nganh"]
    # "Bên cạnh …" sets aside as "ngoài" does, typed with diacritics or without.
    for question in (
        "Bên cạnh giảm nghèo, tỉnh làm tốt những công tác nào?",
        "ben canh giam ngheo, tinh lam tot nhung cong tac nao",
    ):
        beside = vocabulary.terms(question).weights
        assert beside["ngheo"] < beside["cong"] and "canh" not in beside
    # A list set aside runs to "thì": all of it, not its first item only.
    listed = (
        Vocabulary([TextNode(text="Rau, ngô, lạc và thuốc lá; cây trồng khác.")])
        .terms("Ngoài rau, ngô, lạc và thuốc lá thì cây trồng khác được bao nhiêu ha?")
        .weights
    )
    assert all(listed[w] < listed["khac"] / 2 for w in ("rau", "ngo", "lac", "thuoc", "la"))


def test_what_a_question_leaves_out_weighs_little() -> None:
    """ "(không tính cây phân tán)" is not what is asked: the trees planted apart would
    otherwise lead over the forest planted."""
    vocabulary = Vocabulary([TextNode(text="Trồng rừng tập trung; trồng cây phân tán.")])
    for question in (
        "Diện tích trồng rừng tập trung (không tính cây phân tán) là bao nhiêu?",
        "dien tich trong rung tap trung (khong tinh cay phan tan) la bao nhieu",
        # or in a clause of its own
        "Nếu tách riêng phần cây phân tán ra, thì trồng được bao nhiêu ha rừng tập trung?",
        "rung tap trung, khong tinh cay phan tan, trong duoc bao nhieu ha",
    ):
        weights = vocabulary.terms(question).weights
        assert weights["tan"] < weights["rung"] / 2 and "khong" not in weights
    # Said with the rest, not set apart, it is part of the question.
    both = vocabulary.terms("Diện tích rừng tập trung và cây phân tán là bao nhiêu?").weights
    assert both["tan"] > both["rung"] / 2


def test_a_place_asked_by_name_must_be_named_by_the_answer() -> None:
    """ "huyện Đình Lập" asked, however often the reports name it: the province's figure is
    not the district's."""
    vocabulary = Vocabulary(
        [TextNode(text=f"Huyện Đình Lập, huyện Cao Lộc {i}.") for i in range(30)]
    )
    assert vocabulary.terms("Huyện Đình Lập trồng bao nhiêu ha rừng?").names == ("Đình Lập",)
    assert vocabulary.terms("huyen Cao Loc co bao nhieu xa?").names == ("Cao Loc",)
    assert vocabulary.terms("Cả tỉnh trồng bao nhiêu ha rừng?").names == ()
    # A border gate is one place too; "các cửa khẩu Lạng Sơn" are the province's.
    gate = "Kim ngạch qua cửa khẩu quốc tế Hữu Nghị bao nhiêu?"
    assert vocabulary.terms(gate).names == ("Hữu Nghị",)
    assert vocabulary.terms("Vì sao hàng qua các cửa khẩu Lạng Sơn chậm?").names == ()


def test_a_name_few_passages_hold_is_what_is_asked_one_many_hold_is_not() -> None:
    """ "Công dân số Xứ Lạng", in four passages: an answer must name it; "Chi Lăng", in
    many, only places the question."""
    passages = [TextNode(text="Ứng dụng Công dân số Xứ Lạng được triển khai.")] * 4
    passages += [TextNode(text=f"Huyện Chi Lăng đạt {i} tiêu chí.") for i in range(8)]
    vocabulary = Vocabulary(passages)
    assert vocabulary.terms("ung dung Cong dan so Xu Lang co bao nhieu luot").names == ("Xu Lang",)
    assert vocabulary.terms("Lúa ở Chi Lăng Lạng Sơn đạt bao nhiêu?").names == ()


def test_a_percentage_the_question_quotes_is_not_what_it_counts() -> None:
    vocabulary = Vocabulary([TextNode(text="56 công trình khối lượng đạt 100%.")])
    quoted = vocabulary.terms("Bao nhiêu công trình đã đạt 100% khối lượng?")
    assert "%" not in quoted.units and "100" in quoted.figures
    assert "%" in vocabulary.terms("Công trình đạt bao nhiêu % khối lượng?").units


def test_respectively_is_how_a_question_asks_not_what_it_asks_about() -> None:
    """ "… lần lượt bao nhiêu con": "lượt" would match "36 nghìn lượt con" vaccinated."""
    vocabulary = Vocabulary([TextNode(text="Tiêm phòng trâu, bò 36 nghìn lượt con.")])
    for question in (
        "Đàn bò năm 2017 và 2023 lần lượt bao nhiêu con?",
        "dan bo lan luot bao nhieu",
    ):
        weights = vocabulary.terms(question).weights
        assert "luot" not in weights and "lan" not in weights and "bo" in weights


@pytest.mark.parametrize(
    ("question", "each", "things"),
    [
        (
            "Doanh thu bưu chính và doanh thu viễn thông đạt bao nhiêu?",
            True,
            [{"buu", "chinh"}, {"vien", "thong"}],
        ),
        ("Kim ngạch xuất khẩu và nhập khẩu mỗi loại bao nhiêu?", True, [{"xuat"}, {"nhap"}]),
        (
            "Trong 1,6 triệu lượt khách, khách trong nước và khách quốc tế là bao nhiêu?",
            True,
            [{"nuoc"}, {"quoc"}],
        ),
        ("Đàn bò năm 2017 và 2023 lần lượt bao nhiêu con?", True, []),  # two periods
        ("Số vụ tháng 11 và 11 tháng là bao nhiêu?", False, []),
        ("Xảy ra bao nhiêu vụ, làm chết và bị thương bao nhiêu người?", False, []),  # two asks
        ("Ngoài rau, khoai tây và ớt thì cây khác được bao nhiêu ha?", False, []),  # set aside
    ],
)
def test_a_figure_asked_of_each_thing_joined(
    question: str, each: bool, things: list[set[str]]
) -> None:
    terms = Vocabulary([TextNode(text="Doanh thu bưu chính, viễn thông tăng.")]).terms(question)
    assert terms.asks_each("một câu khác") is each
    assert [set(t) for t in terms.things] == things


def test_things_a_passage_joins_too_are_one_thing() -> None:
    """ "Sản xuất và phân phối điện" is one industry where the report names it so."""
    terms = Vocabulary([TextNode(text="Điện tăng.")]).terms(
        "Sản xuất và phân phối điện tăng bao nhiêu?"
    )
    assert terms.asks_each("khai khoáng tăng 9%; sản xuất 5%, phân phối điện 2%")
    assert not terms.asks_each("sản xuất và phân phối điện tăng 2,37%")


def test_question_intent() -> None:
    vocabulary = Vocabulary([TextNode(text="Tổng thu ngân sách 5.775 tỷ đồng.")])
    assert vocabulary.terms("Tổng thu ngân sách bao nhiêu?").quantitative
    assert vocabulary.terms("tong thu ngan sach 11 thang 2023").quantitative  # keywords
    assert not vocabulary.terms("Vì sao nuôi lợn chậm?").quantitative
    assert vocabulary.terms("Những xã nào đạt chuẩn?").wants_list
    assert vocabulary.terms("Hai dự án phải đẩy nhanh giải phóng mặt bằng?").wants_list
    assert vocabulary.terms("Điểm cầu cấp huyện có những ai tham dự?").wants_list
    assert vocabulary.terms("tinh tam dung nhung hoat dong gi").wants_list
    assert not vocabulary.terms("Ai chủ trì hội nghị?").wants_list
    # Things named in the plural, no figure asked: a list.
    assert vocabulary.terms(
        "Các giải pháp nâng cao năng lực thông quan 6 tháng cuối năm?"
    ).wants_list
    assert not vocabulary.terms("Các khoản thu ngân sách đạt bao nhiêu?").wants_list
    assert vocabulary.terms("Vốn giải ngân gồm những nguồn nào?").wants_list
    # "Gồm cả …" includes something in the figure asked.
    assert not vocabulary.terms("Vốn giải ngân, gồm cả vốn kéo dài, bao nhiêu?").wants_list
    # "Chưa (bao) gồm …", "không gồm …" set a part aside.
    assert not vocabulary.terms("Tổng vốn (chưa bao gồm vốn ODA) là bao nhiêu?").wants_list
    assert not vocabulary.terms("tong von khong gom von oda la bao nhieu").wants_list
    assert vocabulary.terms("Công văn 742 được ký ngày nào?").wants_issue_date
    assert vocabulary.terms("bao cao duoc de ngay thang nao").wants_issue_date
    assert vocabulary.terms("Thông báo được ban hành vào tháng nào?").wants_issue_date
    assert not vocabulary.terms("Kỳ thi nào được tổ chức?").wants_issue_date
    assert not vocabulary.terms("Dự án khởi công ngày nào?").wants_issue_date
    assert vocabulary.terms("Vì sao thu ngân sách giảm?").wants_reason
    assert vocabulary.terms("nguyen nhan lua giam").wants_reason
    assert not vocabulary.terms("tro ly do ten la gi").wants_reason  # "trợ lý đó", typed bare
    assert "vi" not in vocabulary.terms("vi sao thu ngan sach giam").weights
    assert "vi" in vocabulary.terms("xu phat vi pham bao nhieu").weights
    # Numbers naming things, not dates or periods: "Đề án 06", not "tháng 11/2017".
    assert vocabulary.terms("Đề án 06, tháng 11/2017 được bao nhiêu hồ sơ").labels == {"an 06"}
    assert not vocabulary.terms("tổng thu ngân sách 11 tháng năm 2023").labels
    assert not vocabulary.terms("Thu ngân sách giảm bao nhiêu?").wants_reason
    assert not vocabulary.terms("hai thang dau nam thu ngan sach").wants_list
    assert vocabulary.terms("Báo cáo nào nói về thu ngân sách?").wants_doc
    assert vocabulary.terms("Thu ngân sách nằm ở báo cáo kỳ nào?").wants_doc
    assert vocabulary.terms("Tài liệu nào cho biết thu ngân sách?").wants_doc
    assert vocabulary.terms("VB nào nói về thu ngân sách?").wants_doc
    assert vocabulary.terms("Tuyển quân cho năm nào?").wants_year
    assert vocabulary.terms("Tỷ lệ giải quyết đơn là bao nhiêu?").wants_rate
    assert not vocabulary.terms("Tỷ lệ hộ nghèo giảm bao nhiêu?").wants_rate  # a change
    assert not vocabulary.terms("Tuyển quân năm 2024 bao nhiêu người?").wants_year
    assert not vocabulary.terms("Thu ngân sách năm nào cao nhất?").wants_doc
    # A grade named by a number ("4 sao"), not a period ("11 tháng") nor a count ("45 đề tài").
    assert vocabulary.terms("Bao nhiêu sản phẩm OCOP hạng 4 sao?").grades == {("4", "sao")}
    assert not vocabulary.terms("thu ngân sách 11 tháng năm 2023 là 120 tỷ đồng?").grades
    assert not vocabulary.terms("Trong 45 đề tài có mấy dự án nông thôn?").grades
    assert vocabulary.terms("Chỉ tiêu năm 2019 là bao nhiêu?").wants_plan
    assert vocabulary.terms("Theo kế hoạch năm 2019, mỗi vạn dân có bao nhiêu bác sĩ?").wants_plan
    # A result measured against the plan, or the plan's money spent, is not a target.
    assert not vocabulary.terms("xuat khau 6 thang dat bao nhieu % ke hoach").wants_plan
    assert not vocabulary.terms("Giải ngân vốn kế hoạch năm 2021 đến 31/01/2022").wants_plan
    assert not vocabulary.terms("Kết quả giải ngân kế hoạch vốn năm 2021").wants_plan
    # A plan carried out, or named as a document, asks what was done.
    assert not vocabulary.terms(
        "Tỉnh tổ chức thực hiện kế hoạch về những hoạt động nào?"
    ).wants_plan
    assert not vocabulary.terms("Kế hoạch số 67/KH-UBND ban hành để làm gì?").wants_plan
    # Required of someone, or of a half-year still to come: tasks, not results.
    assert vocabulary.terms("Các sở được yêu cầu làm gì?").wants_plan
    assert vocabulary.terms("nua cuoi nam 2020 tinh phai lam gi").wants_plan
    # A document asked by its number: which kind, and no figure wanted.
    by_number = vocabulary.terms("Chính sách du lịch quy định ở nghị quyết HĐND số mấy?")
    assert by_number.wants_reference == "nghi quyet" and not by_number.quantitative
    assert vocabulary.terms("theo quyet dinh so nao").wants_reference == "quyet dinh"
    assert vocabulary.terms("Quyết định giao bao nhiêu tỷ đồng?").wants_reference is None
    # Keywords opening with a kind of document ask which one; a plan names its figures.
    assert vocabulary.terms("NQ HDND ve lien ket SX nong nghiep").wants_reference == "nghi quyet"
    assert vocabulary.terms("Nghị quyết về du lịch cộng đồng").wants_reference == "nghi quyet"
    assert vocabulary.terms("ke hoach von dau tu cong 2023").wants_reference is None
    assert vocabulary.terms("Nghị quyết giao bao nhiêu vốn?").wants_reference is None
    # A forecast ("dự báo cả năm"), like an estimate for the year ("dự kiến"), is not a result.
    assert vocabulary.terms("Dự báo cả năm 2018 dịch vụ tăng bao nhiêu?").wants_plan
    assert vocabulary.terms("Nộp báo cáo chậm nhất khi nào?").wants_date
    assert vocabulary.terms("Xảy ra bao nhiêu vụ, làm chết bao nhiêu người?").asks == 2
    # "Mấy" before a noun counts; ending the question it asks which one ("lớp mấy?").
    assert vocabulary.terms("Có mấy loại nông sản được xây dựng nhãn hiệu?").counts
    assert not vocabulary.terms("Ít học sinh đăng ký thi vào lớp mấy?").counts
    # Typed with diacritics, "bộ máy", "nhà máy" and "dệt may" are not "mấy" (how many).
    assert not vocabulary.terms("Tinh giản bộ máy được giao việc gì?").quantitative
    assert not vocabulary.terms("Nhà máy nào đi vào hoạt động trở lại?").counts
    assert vocabulary.terms("Ngành dệt may có mấy doanh nghiệp?").counts
    assert vocabulary.terms("nha may nao co may cong nhan").counts  # bare: may be "mấy"
    # "N things which": a list of N.
    assert vocabulary.terms("Tỉnh giao hai việc gì về tuyển công chức?").wants_list
    assert vocabulary.terms("ba du an nao cham tien do").wants_list
    assert not vocabulary.terms("Hai tháng đầu năm thu được gì?").wants_list
    # Reworded for scoring, the question still wants what was typed: vehicles, counted.
    reworded = vocabulary.terms(
        "Mỗi ngày bao nhiêu phương tiện xe hàng hóa?", "Mỗi ngày bao nhiêu xe hàng?"
    )
    assert reworded.units == {"xe"} and "phuong" in reworded.weights
    terms = vocabulary.terms("Tổng thu ngân sách tháng 11 năm 2023")
    assert "2023" not in terms.weights and "11" not in terms.weights  # periods are routed


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("Khám chữa bệnh ngoài công lập năm ngoái", {"ngoai"}, {"nam"}),
        ("kham chua benh ngoai cong lap nam ngoai", {"ngoai"}, {"nam"}),
        ("Quỹ bảo trợ trẻ em quý I", {"quy"}, set()),
        ("thu ngan sach thang truoc", set(), {"truoc", "thang"}),
        ("Dự báo cả năm 2018 dịch vụ tăng bao nhiêu?", {"dich"}, {"ca", "nam"}),
        ("ca nam 2018 nuoi ca duoc bao nhieu tan", {"nuoi", "ca"}, {"nam"}),  # cá: fish
        ("tổng thu tháng này", set(), {"nay", "thang"}),
        # A comparison asked ("so với cùng kỳ") is how nearly every figure is stated.
        ("tai nạn giao thông so với cùng kỳ ra sao", {"nan"}, {"cung", "ky", "voi"}),
        ("tai nan giao thong so voi cung ky", {"nan"}, {"cung", "ky", "voi"}),
    ],
)
def test_period_words_are_told_from_their_homographs(
    question: str, kept: set[str], dropped: set[str]
) -> None:
    """ "ngoài công lập" (outside) is asked about; "năm ngoái" (last year) is routed."""
    weights = Vocabulary([TextNode(text="Khám chữa bệnh ngoài công lập.")]).terms(question).weights
    assert kept <= set(weights) and not dropped & set(weights)


def test_dates_and_figures_quoted_in_a_question() -> None:
    vocabulary = Vocabulary([TextNode(text="Tổng thu ngân sách 5.775 tỷ đồng.")])
    quoted = vocabulary.terms("Dư nợ đến 31/10/2017 và ngày 22/11, vốn 1.854,45 tỷ?").figures
    assert quoted == {"31/10/2017", "22/11", "1.854,45"}
    # A month is the period asked, routed as such: not a figure a sentence must repeat.
    assert vocabulary.terms("Số doanh nghiệp thành lập mới tháng 11/2017?").figures == set()
    assert vocabulary.terms("Nghị quyết số 02/2020/NQ-HĐND").figures == set()


def test_abbreviations_are_spelled_out() -> None:
    assert (
        expand_abbreviations("Kim ngạch XNK tháng 11") == "Kim ngạch XNK tháng 11 (xuất nhập khẩu)"
    )
    assert (
        expand_abbreviations("cap GCN QSDĐ") == "cap GCN QSDĐ (giấy chứng nhận; quyền sử dụng đất)"
    )
    assert expand_abbreviations("Tổng thu ngân sách") == "Tổng thu ngân sách"
    assert expand_abbreviations("thanh tra PCTN, CĐS") == (
        "thanh tra PCTN, CĐS (phòng, chống tham nhũng; chuyển đổi số)"
    )
    # The reports' own abbreviation is left as it is when a frequency says they use it.
    counts = {"grdp": 40, "xnk": 0}
    assert expand_abbreviations("GRDP, XNK", lambda w: counts.get(w, 0)) == (
        "GRDP, XNK (xuất nhập khẩu)"
    )
    assert expand_abbreviations("GRDP, XNK") == "GRDP, XNK (tổng sản phẩm; xuất nhập khẩu)"
    # Scored, one no report writes is its words: left in, it would match no sentence.
    counts = {"vphc": 1}
    assert expand_abbreviations("Giải ngân ĐTC, phạt VPHC", lambda w: counts.get(w, 0), True) == (
        "Giải ngân đầu tư công, phạt VPHC (vi phạm hành chính)"
    )


def test_a_month_typed_short_is_a_period_not_a_word() -> None:
    vocabulary = Vocabulary([TextNode(text="Giải ngân vốn đầu tư công 2.590,3 tỷ đồng.")])
    terms = vocabulary.terms("Giải ngân vốn đầu tư công đến hết T11/2023?")
    assert "t" not in terms.weights and "11" not in terms.weights


def test_phrase_frequency_counts_passages_holding_the_phrase() -> None:
    vocabulary = Vocabulary(
        [
            TextNode(text="Đàn gia cầm 4,5 triệu con; gia cầm tăng."),
            TextNode(text="Tiêm phòng gia cầm 30 nghìn lượt."),
            TextNode(text="Giá cả ổn định, cầm cố tài sản."),
        ]
    )
    assert vocabulary.phrase_frequency("gia cầm") == 2  # passages, not occurrences
    assert vocabulary.phrase_frequency("gia cam") == 2  # typed without diacritics
    assert vocabulary.phrase_frequency("tiêm phòng gia cầm") == 1
    assert vocabulary.phrase_frequency("sân bay") == 0
    assert vocabulary.phrase_frequency("cầm") == 3


def test_trade_is_one_word_to_score() -> None:
    """ "nhập khẩu" (imports) asked is not found inside "xuất nhập khẩu" (trade)."""
    vocabulary = Vocabulary([TextNode(text="Kim ngạch xuất nhập khẩu 2.430 triệu USD.")])
    imports = vocabulary.terms("Kim ngạch nhập khẩu bao nhiêu?")
    trade = vocabulary.terms("Kim ngạch xuất nhập khẩu bao nhiêu?")
    assert "nhap" in imports.weights and "xuatnhapkhau" in trade.weights
    assert "nhap" not in imports.words("Tổng kim ngạch xuất nhập khẩu ước 2.430 triệu USD")


def test_a_road_no_report_numbers_is_an_unknown_name() -> None:
    vocabulary = Vocabulary([TextNode(text="Nâng cấp Quốc lộ 4B và QL1A; đường tỉnh 226.")])
    assert vocabulary.unknown_names("du an nang cap QL279 nam 2023 giai ngan bao nhieu") == [
        "QL279"
    ]
    assert vocabulary.unknown_names("ĐT227 làm xong chưa?") == ["ĐT227"]
    # Written either way in the reports: by its code or spelled out.
    assert vocabulary.unknown_names("QL4B nâng cấp ra sao, ĐT.226 thế nào, QL 1A?") == []


def test_what_a_question_asks_of_a_total_or_its_movement() -> None:
    vocabulary = Vocabulary([TextNode(text="GRDP tăng 7,98%, dịch vụ tăng 5,25%.")])
    assert vocabulary.terms("Riêng khu vực dịch vụ tăng mấy %?").wants_part
    assert not vocabulary.terms("GRDP tăng mấy %?").wants_part
    # An amount is asked, unless a change, a rate, an index or a comparison is.
    assert vocabulary.terms("Diện tích cây thạch đen vụ Đông?").wants_level
    for movement in (
        "GRDP tăng bao nhiêu?",
        "Tỷ lệ hộ nghèo là bao nhiêu?",
        "chi so san xuat cong nghiep 11 thang",
        "So sánh thu ngân sách hai năm",
    ):
        assert not vocabulary.terms(movement).wants_level, movement


def test_a_syllable_is_the_question_word_beside_a_neighbour_it_has_there() -> None:
    vocabulary = Vocabulary([TextNode(text="Vốn NSTW trong nước 789 tỷ đồng.")])
    terms = vocabulary.terms("Doanh nghiệp thành lập mới, vốn NSTW trong nước bao nhiêu?")
    # "trong nước" as asked, framing word and all; "thành" of "hoàn thành" is another word.
    assert terms.as_worded("nuoc", terms.words("NSTW trong nước: 789.323 triệu đồng"))
    assert not terms.as_worded("thanh", terms.words("99 doanh nghiệp hoàn thành thủ tục"))
    assert terms.as_worded("thanh", terms.words("623 doanh nghiệp thành lập mới"))


def test_which_or_why_asked_with_a_figure_word_is_not_a_figure() -> None:
    vocabulary = Vocabulary([TextNode(text="Thu ngân sách tăng 1,7%.")])
    assert not vocabulary.terms("Sản phẩm công nghiệp nào tăng khá?").quantitative
    assert not vocabulary.terms("Vì sao thu tiền sử dụng đất giảm?").quantitative
    assert not vocabulary.terms("Đâu là dự án đầu tàu của du lịch?").quantitative
    assert vocabulary.terms("Thu ngân sách tăng bao nhiêu?").quantitative
    assert vocabulary.terms("thu ngan sach tang").quantitative  # keywords: a figure
    assert vocabulary.terms("Sản phẩm nào tăng bao nhiêu %?").quantitative


def test_a_sum_asked_by_the_word_money_does_not_name_the_subject() -> None:
    vocabulary = Vocabulary(
        [TextNode(text="Đã thu hồi 68,54 triệu đồng; số tiền nộp ngân sách 39,95 triệu đồng.")]
    )
    asked = vocabulary.terms("Thanh tra đã thu hồi được bao nhiêu tiền?")
    fined = vocabulary.terms("Tiền phạt vi phạm hành chính là bao nhiêu?")
    assert asked.weights["tien"] == fined.weights["tien"] / 4
    assert asked.units >= {"dong"}


def test_an_abbreviation_in_a_passage_is_matched_by_its_words() -> None:
    vocabulary = Vocabulary([TextNode(text="Có 427 DVCTT một phần.")])
    terms = vocabulary.terms("Bao nhiêu dịch vụ công trực tuyến một phần?")
    words = terms.words("có 427 DVCTT một phần")
    assert words[:4] == ["co", "427", "dvctt", "dich"]
    assert terms.words("Thu ngân sách") == ["thu", "ngan", "sach"]


def test_a_unit_spelled_out_is_its_symbol() -> None:
    """ "héc-ta" is "ha": its syllables alone would match "tạ" of "64 tạ/ha"."""
    vocabulary = Vocabulary([TextNode(text="Năng suất 64 tạ/ha, diện tích 1,1 nghìn héc ta.")])
    terms = vocabulary.terms("Khoai lang cho mấy tạ một héc-ta?")
    assert "ha" in terms.weights and "hec" not in terms.weights
    assert terms.words("1,1 nghìn héc ta; 12 ki-lô-mét") == ["1,1", "nghin", "ha", "12", "km"]
    assert vocabulary.terms("Cháy bao nhiêu hecta rừng?").units == {"ha"}


@pytest.mark.parametrize(
    ("question", "sentence", "opposite"),
    [
        ("Diện tích gieo trồng rau bao nhiêu ha?", "Rau có diện tích thu hoạch 676 ha", True),
        ("Diện tích gieo trồng rau bao nhiêu ha?", "Gieo trồng rau 1.205,5 ha", False),
        # A sentence speaking of both is not of the opposite only.
        ("dien tich gieo trong rau", "Gieo trồng 1.205 ha, thu hoạch 676 ha", False),
        ("Kim ngạch nhập khẩu bao nhiêu?", "Xuất khẩu 240 triệu USD", True),
        ("Kim ngạch xuất nhập khẩu bao nhiêu?", "Xuất khẩu 240 triệu USD", False),  # trade
        ("Bao nhiêu doanh nghiệp giải thể?", "Đăng ký mới 623 doanh nghiệp", True),
        # Output is not yield: "sản lượng lúa" is not "năng suất lúa 38,55 tạ/ha".
        ("Sản lượng lúa vụ mùa bao nhiêu?", "Năng suất lúa vụ mùa 38,55 tạ/ha", True),
        ("Sản lượng lúa vụ mùa bao nhiêu?", "Sản lượng lúa vụ mùa 88,4 nghìn tấn", False),
        # Asked both, or neither: no activity is opposed.
        ("Thu hoạch và gieo trồng được bao nhiêu?", "Thu hoạch 676 ha", False),
        ("Năng suất lúa bao nhiêu?", "Diện tích thu hoạch lúa 676 ha", False),
        # The near-poor are not the poor, bad debt is not all debt.
        ("Tỷ lệ hộ cận nghèo bao nhiêu?", "Tỷ lệ hộ nghèo còn 17,57%", True),
        ("Tỷ lệ nợ xấu bao nhiêu?", "Tổng dư nợ tín dụng 25.300 tỷ đồng", True),
    ],
)
def test_a_sentence_of_the_opposite_activity(question: str, sentence: str, opposite: bool) -> None:
    vocabulary = Vocabulary([TextNode(text=sentence)])
    terms = vocabulary.terms(question)
    assert terms.speaks_of_opposite(terms.words(sentence)) is opposite


@pytest.mark.parametrize(
    ("question", "sentence", "told"),
    [
        ("Tỷ lệ hộ cận nghèo bao nhiêu?", "Tỷ lệ hộ nghèo toàn tỉnh còn 17,57%", "hộ nghèo"),
        ("ty le ho can ngheo", "Hộ nghèo giảm 2.700 hộ, hộ cận nghèo giảm 900 hộ", None),
        ("Kim ngạch nhập khẩu bao nhiêu?", "Kim ngạch xuất khẩu 240 triệu USD", "xuất khẩu"),
        ("Điện thương phẩm quý I bao nhiêu?", "Quý I: điện sản xuất 236,8 triệu kWh", "điện sản"),
        ("Điện sản xuất bao nhiêu?", "Điện sản xuất 680 Triệu Kwh; điện thương phẩm 568", None),
        # Stages of one activity, often given together: a sentence of the other may answer.
        ("Diện tích gieo trồng rau bao nhiêu ha?", "Rau có diện tích thu hoạch 676 ha", None),
        ("Giải ngân bao nhiêu?", "Giá trị khối lượng thực hiện 1.644,1 tỷ đồng", None),
    ],
)
def test_an_indicator_of_its_own_is_told_when_a_sentence_speaks_of_it_alone(
    question: str, sentence: str, told: str | None
) -> None:
    """What the refusal names: the other indicator as the sentence writes it."""
    terms = Vocabulary([TextNode(text=sentence)]).terms(question)
    assert terms.opposite_in(sentence) == told
