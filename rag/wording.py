"""Everyday words for what reports write in their own register ("người thiệt mạng" for "chết",
"nợ khó đòi" for "nợ xấu"): a question using them also searches the report's words.

The pairs are general Vietnamese usage for socio-economic indicators, not taken from any one
report, across the domains the reports cover (farming to public order); the report's side is
always words the reports use. Like abbreviations, the report's words are appended and the
question kept whole. A phrase the indexed reports use often themselves ("gia cầm", "phạm
pháp") is their wording, not an everyday one: it is left alone, or the appended words would
outweigh what was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.abbreviations import COMMON_PHRASE_PASSAGES
from rag.text import strip_diacritics

# everyday wording (any of) -> the words reports use
_PAIRS: list[tuple[tuple[str, ...], str]] = [
    (("thiệt mạng", "tử vong", "mất mạng", "thiệt hại về người"), "chết"),
    (("va chạm xe", "va chạm giao thông", "đâm xe", "tai nạn xe"), "tai nạn giao thông"),
    (("nợ khó đòi", "khoản vay khó đòi", "vay khó đòi", "nợ quá hạn"), "nợ xấu"),
    (("khoản vay", "tiền cho vay", "cho vay ra"), "dư nợ tín dụng"),
    (("tiền gửi", "huy động tiền"), "nguồn vốn huy động"),
    (("chủng ngừa", "tiêm vắc xin", "tiêm vaccine", "tiêm chủng"), "tiêm phòng"),
    (("hàng nhái", "hàng giả mạo", "hàng kém chất lượng"), "hàng giả"),
    (("hàng lậu", "nhập lậu", "vận chuyển trái phép"), "buôn lậu"),
    (("lãi cắt cổ", "cho vay nặng lãi", "vay nặng lãi"), "tín dụng đen"),
    (("mới ra trường", "mới tốt nghiệp"), "tốt nghiệp"),
    (("bị lửa thiêu", "rừng bị cháy", "lửa rừng"), "cháy rừng"),
    (("du khách", "khách tham quan", "người đến tham quan"), "khách du lịch"),
    (("tiền thu", "nguồn thu"), "thu ngân sách"),
    (("tiền chi", "chi tiêu ngân sách"), "chi ngân sách"),
    (("bán ra nước ngoài", "hàng bán ra nước ngoài", "hàng xuất đi"), "xuất khẩu"),
    (("mua từ nước ngoài", "hàng mua vào từ nước ngoài"), "nhập khẩu"),
    (("công ty mới", "doanh nghiệp mới", "lập mới", "mở mới công ty"), "thành lập mới"),
    (("đóng cửa", "ngừng kinh doanh", "dừng hoạt động"), "tạm ngừng hoạt động giải thể"),
    (("công ty",), "doanh nghiệp"),
    (("tìm được việc", "có việc làm mới", "việc làm mới", "tạo việc làm"), "giải quyết việc làm"),
    (("xuất khẩu lao động", "đi làm ở nước ngoài"), "lao động đi làm việc ở nước ngoài"),
    (("giá cả", "lạm phát", "mức giá"), "chỉ số giá tiêu dùng"),
    (("doanh số bán lẻ", "bán lẻ hàng hóa", "doanh thu bán lẻ"), "tổng mức bán lẻ"),
    (("cấy lúa", "trồng lúa", "gieo trồng lúa"), "gieo cấy lúa"),
    (("mùa màng", "thu hoạch được"), "sản lượng"),
    (("vật nuôi", "gia súc", "gia cầm", "đàn gia súc"), "chăn nuôi"),
    (("trồng cây gây rừng", "trồng thêm rừng", "trồng rừng mới"), "trồng rừng"),
    (("khám bệnh", "chữa bệnh", "bệnh nhân"), "khám chữa bệnh"),
    (("ăn uống", "ngộ độc do ăn"), "ngộ độc thực phẩm"),
    (("phạm pháp", "vụ án", "phạm tội"), "tội phạm"),
    (("bắt giữ", "bắt được"), "bắt giữ phát hiện xử lý"),
    (("đơn thư", "khiếu kiện", "tố giác"), "khiếu nại tố cáo"),
    (("ký điện tử", "ký số", "chữ ký điện tử"), "chữ ký số"),
    (
        ("nộp hồ sơ trực tuyến", "làm thủ tục qua mạng", "thủ tục qua mạng"),
        "dịch vụ công trực tuyến",
    ),
    (("tiền đầu tư nhà nước", "vốn nhà nước", "vốn ngân sách đầu tư"), "vốn đầu tư công"),
    (("tăng trưởng kinh tế", "tổng sản phẩm", "gdp"), "tốc độ tăng trưởng GRDP"),
    (("thu nhập đầu người", "thu nhập mỗi người"), "thu nhập bình quân đầu người"),
    (("xe chở hàng", "xe hàng", "chuyến xe hàng"), "phương tiện xe hàng hóa"),
    (
        ("hàng qua biên giới", "buôn bán qua biên giới", "giao thương biên giới"),
        "xuất nhập khẩu qua cửa khẩu",
    ),
    (("làm đường", "mở đường", "đường sá"), "giao thông đường bộ"),
    (("nhà ở cho người nghèo", "làm nhà cho hộ nghèo"), "hỗ trợ nhà ở hộ nghèo"),
    (("người nghèo", "nhà nghèo"), "hộ nghèo"),
    (("ra quân", "nhập ngũ", "đi bộ đội"), "tuyển quân giao quân"),  # nông nghiệp, lâm nghiệp
    (("trồng trọt", "xuống giống", "gieo hạt"), "diện tích gieo trồng"),
    (("đàn heo", "nuôi heo", "con heo"), "đàn lợn"),
    (("dịch heo", "dịch tả heo", "heo bị dịch"), "dịch tả lợn châu phi"),
    (("đàn gà", "gà vịt", "nuôi gà"), "đàn gia cầm"),
    (("giữ rừng", "phá rừng", "chặt phá rừng", "lâm tặc"), "bảo vệ rừng"),
    (("độ phủ rừng", "độ che phủ", "phủ xanh đồi núi"), "tỷ lệ che phủ rừng"),
    (("lúa ngô", "thóc gạo", "lúa gạo"), "tổng sản lượng lương thực"),
    # công nghiệp
    (
        ("tăng trưởng công nghiệp", "sản lượng công nghiệp", "công nghiệp tăng trưởng"),
        "chỉ số sản xuất công nghiệp",
    ),
    (("điện năng", "phát điện", "lượng điện phát ra"), "điện sản xuất"),
    (("điện bán ra", "điện tiêu thụ", "điện bán cho dân"), "điện thương phẩm"),
    (("khai thác mỏ", "ngành mỏ", "công nghiệp mỏ"), "công nghiệp khai khoáng"),
    (("mỏ than", "khai thác than", "than nguyên khai"), "than sạch"),
    # thương mại, cửa khẩu
    (
        ("giá trị xuất nhập khẩu", "trị giá xuất nhập khẩu", "giá trị hàng xuất nhập khẩu"),
        "tổng kim ngạch xuất nhập khẩu",
    ),
    (("qua hải quan", "thông hàng", "làm thủ tục hải quan"), "thông quan"),
    (("xe nằm chờ", "ứ đọng xe", "kẹt xe ở cửa khẩu", "hàng bị ứ"), "ùn tắc hàng hóa"),
    (("lối mở", "lối mở biên giới", "đường mòn biên giới"), "lối thông quan"),
    (("dời chợ", "di chuyển chợ", "chuyển địa điểm chợ"), "di dời chợ"),
    (("người buôn bán", "dân buôn bán", "người bán hàng ở chợ"), "hộ tiểu thương"),
    # du lịch
    (("khách tây", "khách ngoại quốc", "du khách nước ngoài", "khách nước ngoài"), "khách quốc tế"),
    (("du khách trong nước", "khách du lịch trong nước", "khách người việt"), "khách nội địa"),
    (("tiền thu từ du lịch", "thu từ khách du lịch", "doanh số du lịch"), "doanh thu du lịch"),
    (("homestay", "du lịch bản làng", "du lịch làng bản"), "du lịch cộng đồng"),
    # ngân sách
    (("thuế trong tỉnh", "thuế nội địa", "thu thuế phí"), "thu nội địa"),
    (("thuế hải quan", "thuế xuất nhập khẩu", "thuế nhập khẩu"), "thu từ hoạt động xuất nhập khẩu"),
    (("tiền đất", "tiền bán đất", "thu từ bán đất"), "tiền sử dụng đất"),
    (("chi hành chính", "chi hoạt động bộ máy", "chi trả lương"), "chi thường xuyên"),
    (("chi xây dựng cơ bản", "chi cho xây dựng", "chi cho công trình"), "chi đầu tư phát triển"),
    # đầu tư
    (("tiêu vốn", "rót vốn", "chi tiền dự án"), "giải ngân"),
    (("cấp phép dự án", "cho phép đầu tư", "giấy phép đầu tư", "xin đầu tư"), "chủ trương đầu tư"),
    (("đền bù", "đền bù giải tỏa", "giải tỏa mặt bằng"), "giải phóng mặt bằng"),
    (("dự án treo", "dự án đắp chiếu", "dự án ì ạch"), "chậm tiến độ"),
    (("vốn tư nhân", "vốn ngoài nhà nước", "đầu tư tư nhân"), "nguồn vốn ngoài ngân sách"),
    # doanh nghiệp, hợp tác xã
    (("mở cửa lại", "kinh doanh lại", "làm ăn trở lại"), "hoạt động trở lại"),
    (("vốn điều lệ", "vốn góp", "vốn thành lập"), "vốn đăng ký"),
    (("doanh nghiệp vừa và nhỏ", "công ty nhỏ", "doanh nghiệp nhỏ lẻ"), "doanh nghiệp nhỏ và vừa"),
    (("khởi sự kinh doanh", "startup", "lập nghiệp"), "khởi nghiệp"),
    # ngân hàng
    (("lãi vay", "lãi ngân hàng", "tiền lãi"), "lãi suất cho vay"),
    (("chuyển khoản", "trả qua tài khoản", "thanh toán qua thẻ"), "không dùng tiền mặt"),
    (("ví điện tử", "quét mã", "thanh toán qua điện thoại"), "thanh toán điện tử"),
    # đất đai
    (("sổ đỏ", "sổ hồng", "bìa đỏ", "làm sổ đất"), "giấy chứng nhận quyền sử dụng đất"),
    (("quy hoạch đất", "kế hoạch đất đai", "chỉ tiêu đất"), "kế hoạch sử dụng đất"),
    (("cát tặc", "hút cát trái phép", "khai thác lậu", "đào đất trái phép"), "khai thác trái phép"),
    (("đấu giá đất", "bán đất công", "đấu giá lô đất"), "đấu giá các khu đất"),
    # môi trường
    (("thu gom rác", "rác sinh hoạt", "bãi rác"), "chất thải rắn"),
    (("xả thải", "khói bụi", "nước thải bẩn"), "ô nhiễm môi trường"),
    (("nước giếng", "nước dùng sinh hoạt", "nước ăn uống"), "nước hợp vệ sinh"),
    (("thời tiết thất thường", "khí hậu thay đổi", "nóng lên toàn cầu"), "biến đổi khí hậu"),
    # y tế
    (("bác sĩ", "thầy thuốc", "y bác sĩ"), "bác sỹ"),
    (("thẻ bảo hiểm", "thẻ khám bệnh", "bảo hiểm sức khỏe"), "bảo hiểm y tế"),
    (("nằm viện", "nhập viện", "điều trị tại viện"), "điều trị nội trú"),
    (("thực phẩm bẩn", "đồ ăn bẩn", "thực phẩm không rõ nguồn gốc"), "vệ sinh an toàn thực phẩm"),
    (("bệnh viện tư nhân", "phòng khám tư nhân", "y tế tư nhân"), "ngoài công lập"),
    # giáo dục
    (("thi vào lớp 10", "thi chuyển cấp", "thi vào cấp 3"), "tuyển sinh"),
    (("thi tốt nghiệp cấp 3", "thi hết cấp 3", "thi đại học"), "kỳ thi tốt nghiệp THPT"),
    (
        ("trường chuẩn", "trường chuẩn quốc gia", "trường được công nhận chuẩn"),
        "trường học đạt chuẩn quốc gia",
    ),
    (("thầy cô giáo", "thầy giáo", "người dạy học"), "giáo viên"),
    (("mẫu giáo", "nhà trẻ"), "mầm non"),
    # lao động, việc làm
    (("mất việc", "mất việc làm", "không có việc"), "bảo hiểm thất nghiệp"),
    (("dạy nghề", "đào tạo tay nghề", "học nghề miễn phí"), "đào tạo nghề"),
    (("hội chợ việc làm", "ngày hội việc làm", "sàn việc làm"), "phiên giao dịch việc làm"),
    (
        ("lao động có tay nghề", "lao động có bằng cấp", "lao động có chuyên môn"),
        "lao động qua đào tạo",
    ),
    # an sinh xã hội
    (("thương binh liệt sĩ", "gia đình liệt sĩ", "con liệt sĩ"), "người có công"),
    (("gần nghèo", "sắp nghèo", "sát chuẩn nghèo"), "hộ cận nghèo"),
    (("cứu đói", "thiếu lương thực", "phát gạo", "hỗ trợ gạo"), "thiếu đói"),
    (("trẻ mồ côi", "người khuyết tật", "người tàn tật", "người neo đơn"), "bảo trợ xã hội"),
    (("lương hưu", "đóng bảo hiểm", "bảo hiểm hưu trí"), "bảo hiểm xã hội"),
    # văn hóa, thể thao
    (("đền miếu", "chùa chiền", "miếu mạo"), "di tích"),
    (("đá bóng", "giải bóng đá", "thi đấu thể thao"), "thể dục thể thao"),
    (("trẩy hội", "đi hội", "hội xuân"), "lễ hội"),
    # viễn thông, chuyển đổi số
    (("nhà mạng", "sóng điện thoại", "mạng di động", "internet"), "viễn thông"),
    (("bưu điện", "chuyển phát", "gửi bưu phẩm"), "bưu chính"),
    (("chính quyền số", "công nghệ số", "số hóa toàn diện"), "chuyển đổi số"),
    (("tấn công mạng", "an ninh mạng", "bảo mật thông tin", "hack"), "an toàn thông tin"),
    # an ninh trật tự
    (("cờ bạc", "đánh bài ăn tiền", "chơi bài ăn tiền", "cá độ bóng đá"), "đánh bạc"),
    (("chất cấm", "hàng trắng", "thuốc phiện", "thuốc lắc"), "ma túy"),
    (("trộm cắp", "cướp giật", "án hình sự", "đâm chém"), "phạm pháp hình sự"),
    (("uống rượu lái xe", "say xỉn lái xe", "rượu bia lái xe", "thổi cồn"), "nồng độ cồn"),
    (("vượt biên", "nhập cảnh chui", "xuất cảnh chui"), "xuất nhập cảnh trái phép"),
    (("mại dâm", "bán dâm", "nghiện hút"), "tệ nạn xã hội"),
    (("hỏa hoạn", "cháy nhà", "chập điện"), "cháy nổ"),
    (("lừa đảo qua mạng", "lừa đảo online", "lừa qua điện thoại"), "lừa đảo chiếm đoạt tài sản"),
    # thanh tra
    (("nộp phạt", "bị phạt tiền", "phạt hành chính", "mức phạt"), "xử phạt vi phạm hành chính"),
    (("sai phạm tài chính", "chi sai quy định", "tiêu sai quy định"), "phát hiện sai phạm"),
    (("nộp kho bạc", "sung công quỹ", "nộp vào ngân sách"), "nộp ngân sách nhà nước"),
    (("tham ô", "nhận hối lộ", "ăn hối lộ", "đút lót"), "tham nhũng"),
    # tiếp dân, khiếu nại
    (("tiếp dân", "đón tiếp người dân", "dân đến phản ánh"), "tiếp công dân"),
    (("đơn kiện", "gửi đơn", "đơn phản ánh"), "đơn khiếu nại"),
    (("kiện lên trên", "kiện lên tỉnh", "kéo đoàn đi kiện"), "khiếu kiện vượt cấp"),
    # cải cách hành chính
    (("làm giấy tờ", "thủ tục giấy tờ", "giấy tờ hành chính"), "thủ tục hành chính"),
    (("trễ hẹn", "hồ sơ trễ hẹn", "chậm trả hồ sơ"), "trễ hạn"),
    (("dân chấm điểm", "người dân đánh giá", "chấm điểm cơ quan"), "mức độ hài lòng"),
    (("giảm biên chế", "cắt giảm biên chế", "tinh gọn bộ máy"), "tinh giản biên chế"),
    # COVID-19
    (("mắc covid", "bị covid", "f0", "người nhiễm covid"), "ca nhiễm"),
    (("khu cách ly", "bị cách ly", "đưa đi cách ly"), "cách ly tập trung"),
    (("mũi nhắc lại", "mũi 3", "tiêm mũi 3", "tiêm nhắc"), "liều nhắc lại"),
    (("phong tỏa", "cách ly xã hội", "lockdown"), "giãn cách xã hội"),
    # thiên tai
    (("ngập lụt", "lũ quét", "nước lũ", "lụt lội"), "lũ lụt"),
    (("lở đất", "sạt núi", "sụt lún"), "sạt lở đất"),
    (("trời rét", "giá rét", "rét buốt"), "rét đậm"),
    (("bão lũ", "thảm họa thiên nhiên", "thiệt hại do bão"), "thiên tai"),
]
# Longest phrases first, so that a phrase inside a longer one matched is not read again. Each
# phrase is matched as spelled, or without diacritics where the question was typed so: "số đó"
# is not "sổ đỏ".
_INDEX = sorted(
    (
        (
            p,
            re.compile(rf"\b{re.escape(p.lower())}\b"),
            re.compile(rf"\b{re.escape(strip_diacritics(p).lower())}\b"),
            words,
        )
        for phrases, words in _PAIRS
        for p in phrases
    ),
    key=lambda entry: -len(entry[0]),
)


def expand_wording(question: str, frequency: Callable[[str], int] | None = None) -> str:
    """The question with the report's words for its everyday wording appended; `frequency`
    (how many indexed passages hold a phrase) spares the phrases the reports use often."""
    found = list(dict.fromkeys(words for *_, words in _everyday(question, frequency)))
    return f"{question} ({'; '.join(found)})" if found else question


def reword(question: str, frequency: Callable[[str], int]) -> str:
    """The question as its sentences are scored: everyday wording no report uses replaced by
    the reports' words (left in, it weighs on every sentence and matches none), the
    wording some report does use kept, with the reports' words appended."""
    kept: list[str] = []
    text = question
    # From the end, so that the spans still ahead keep their places.
    for start, end, phrase, words in sorted(_everyday(question, frequency), reverse=True):
        if frequency(phrase) == 0:
            text = f"{text[:start]}{words}{text[end:]}"
        elif words not in kept:
            kept.append(words)
    return f"{text} ({'; '.join(reversed(kept))})" if kept else text


def _everyday(
    question: str, frequency: Callable[[str], int] | None
) -> list[tuple[int, int, str, str]]:
    """(start, end, phrase, the reports' words) for each everyday phrase of the question."""
    folded = strip_diacritics(question).lower()  # as long as the question (NFC)
    lowered = question.lower()
    found: list[tuple[int, int, str, str]] = []
    for phrase, spelled, bare, words in _INDEX:
        match = spelled.search(lowered) or next(
            (m for m in bare.finditer(folded) if lowered[m.start() : m.end()].isascii()), None
        )
        if words in lowered or match is None:
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e, _, _ in found):
            continue  # "khoản vay" inside "khoản vay khó đòi" is not a loan of its own
        if frequency is not None and frequency(phrase) >= COMMON_PHRASE_PASSAGES:
            continue
        found.append((start, end, phrase, words))
    return sorted(found)
