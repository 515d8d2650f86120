"""What a question asks: its weighted words, the unit of the figure it wants, its intent."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from llama_index.core.schema import TextNode

from rag.abbreviations import ABBREVIATIONS
from rag.diacritics import DiacriticRestorer
from rag.figures import ABBREVIATED_UNIT, REFERENCE_KINDS, counted_words
from rag.periods import months_in_digits
from rag.text import VIETNAMESE_UPPER, has_diacritics, strip_diacritics, typed_with_diacritics
from rag.tokenize import syllables

# Words that frame a question, not what it asks about. Matched as spelled when the question
# has diacritics: "thì" frames, "kỳ thi" is asked about; so are "tội phạm", "chợ", "tai nạn".
QUESTION_WORDS = frozenset(
    "bao nhiêu mấy gì nào sao thế như là được có của không à vậy hỏi cho biết tôi xin hãy bạn "
    "thì còn những các và với về theo trong ở đã đến tại rồi chưa ra ai hay hoặc nêu phải "
    # as chat says them: "tính tới", "cỡ mấy", "… nhỉ", "… ạ", "… nhé"
    "tới cỡ nhỉ ạ nhé".split()
)
_BARE_QUESTION_WORDS = frozenset(strip_diacritics(w) for w in QUESTION_WORDS)
_PERIOD_WORDS = frozenset("tháng năm quý đầu nửa nay này ngoái trước".split())
_BARE_PERIOD_WORDS = frozenset(strip_diacritics(w) for w in _PERIOD_WORDS)
# "so với cùng kỳ" asks how a figure changed, which nearly every sentence with a figure says.
# "báo cáo tháng 11/2023", "kết luận hội nghị giữa năm 2020" name the document, as a period
# does, not what is asked about ("kết luận thanh tra" is asked about).
_COMPARED_WITH = re.compile(
    r"\b(?:so với|so voi)(?: (?:cùng kỳ|cung ky))?|\b(?:cùng kỳ|cung ky)\b|\bbáo cáo\b"
    r"|\b(?:(?:thông báo|thong bao) )?(?:kết luận|ket luan)"
    r"(?: (?:của |cua )?(?:hội nghị|hoi nghi))?"
    r"(?= (?:giữa|giua|6|sáu|sau|nửa|nua|tháng|thang|năm|nam)\b)",
    re.I,
)
# "Vì sao", "tại sao", "do đâu" ask why: "vì" is no more a word of the subject than "sao" is
# ("vi" bare would match "vi phạm").
_WHY = re.compile(r"\b(?:vì|vi|tại|tai|do) (?:sao|đâu|dau)\b", re.I)
# "… tên là gì", "có tên gì" ask for a name: the reports name things, they do not say "tên".
_NAME_ASKED = re.compile(r"\b(?:có |co )?(?:tên|ten)(?: (?:là|la))? (?:gì|gi)\b", re.I)
# "… lần lượt là bao nhiêu" asks for figures in turn: "lượt" is not the unit "lượt khách".
_RESPECTIVELY = re.compile(r"\b(?:lần lượt|lan luot)\b", re.I)
# One figure for each of several things: "… mỗi loại đạt bao nhiêu", "… lần lượt là bao nhiêu",
# or things joined by "và" before the "bao nhiêu" ("điều trị nội trú và ngoại trú"); not two
# periods ("tháng 11 và 11 tháng", "giai đoạn … và giai đoạn …"), nor "so với".
_EACH = re.compile(
    r"\b(?:lan luot|(?:moi|tung) (?:loai|ben|nguon|nganh|linh vuc|khu vuc|cap|nhom|mat hang"
    r"|doi tuong|noi|dia phuong|muc do|hinh thuc))\b"
)
_JOINED_THINGS = re.compile(
    r"\bva\s+(?!so voi\b|\d|thang\b|nam\b|quy\b|giai doan\b|(?:6|sau) thang\b|ca nam\b"
    r"|cung ky\b)"
)
# Words around the things' names that name none of them ("số", "đạt", "mỗi loại").
_NOT_NAMING = frozenset(
    "so dat la co duoc moi tung loai ben lan luot tang giam chiem khoang uoc tong".split()
)
# "Tỉnh yêu cầu làm tốt những công tác nào": who requires a task frames the question, since
# every task is required; "đáp ứng yêu cầu", "những yêu cầu gì" ask about requirements.
_REQUIRES = re.compile(
    r"(?<!những )(?<!nhung )(?<!các )(?<!cac )(?<!ứng )(?<!ung )(?<!theo )(?<!đặt )(?<!dat )"
    r"\b(?:yêu cầu|yeu cau)\b(?! (?:gì|gi|nào|nao|của|cua)\b)",
    re.I,
)
# "Ngoài lúa, những cây trồng nào khác …", "Bên cạnh giảm nghèo, …": what is set aside is
# not what is asked for.
_ASIDE = r"\b(?:ngoài|ngoai|bên cạnh|ben canh)\b"
# "Ngoài rau, khoai tây và ớt thì …" sets aside all it lists, up to "thì".
_SET_ASIDE = re.compile(
    rf"(?:^|[,;:.(]\s*){_ASIDE}\s+"
    r"(?:((?:[^,;:?()]+,\s*)*[^,;:?()]+?\s(?:và|va)\s[^,;:?()]+?)\s+(?:thì|thi)\b|([^,;:?()]+),)",
    re.I,
)
# "Diện tích trồng rừng tập trung (không tính cây phân tán)": what is left out.
# So too a clause opening the question: "Nếu tách riêng phần cây phân tán ra, …".
_LEFT_OUT = re.compile(
    r"\((?:không tính|khong tinh|không kể|khong ke|trừ|tru)\s+([^()]+)\)"
    r"|(?:^|(?<=[,;:.]))\s*(?:nếu\s+|neu\s+)?(?:không tính|khong tinh|không kể|khong ke|trừ|tru"
    r"|tách riêng|tach rieng|loại trừ|loai tru)\s+(?:phần\s+|phan\s+)?([^,;:?()]+?)"
    r"(?:\s+ra)?\s*(?=,)",
    re.I,
)
# "Xuất nhập khẩu" (trade) is one word to score: "nhập khẩu" asked is not found in it.
_ONE_WORD = re.compile(r"\b(xuất|xuat)\s+(nhập|nhap)\s+(khẩu|khau)\b", re.I)
# A unit spelled out ("1,1 nghìn héc ta", "mấy tạ một héc-ta") is its symbol: "héc" and "ta"
# alone would match "tạ" and nothing of "64 tạ/ha".
_SPELLED_UNITS = [
    (re.compile(rf"\b{pattern}\b", re.I), symbol)
    for pattern, symbol in (
        (r"h[ée]c[\s-]?ta", "ha"),
        (r"ki[\s-]?l[ôo][\s-]?m[ée]t", "km"),
        (r"ki[\s-]?l[ôo][\s-]?gam", "kg"),
        (r"m[êe][\s-]?ga[\s-]?o[áa]t", "MW"),
        (r"ki[\s-]?l[ôo][\s-]?o[áa]t[\s-]?giờ", "kWh"),
    )
]
# Activities reported side by side that answer each other's questions wrongly: sown or
# harvested ("diện tích gieo trồng" against "diện tích thu hoạch"), exported or imported,
# businesses founded or dissolved, budget collected or spent, people entering or leaving.
WordPairs = frozenset[tuple[str, str]]


def _word_pairs(*phrases: str) -> WordPairs:
    return frozenset((a, b) for a, b in (phrase.split() for phrase in phrases))


# Stages of one activity, which a sentence often gives together ("gieo trồng …, sản lượng
# thu hoạch …"): a sentence speaking of the other stage ranks lower, and may still answer.
_STAGES: tuple[tuple[WordPairs, WordPairs], ...] = (
    (_word_pairs("gieo trong", "gieo cay", "xuong giong"), _word_pairs("thu hoach")),
    (_word_pairs("giai ngan"), _word_pairs("khoi luong")),
)
# Indicators of their own: a sentence speaking of the other alone is no answer.
_APART: tuple[tuple[WordPairs, WordPairs], ...] = (
    (_word_pairs("xuat khau"), _word_pairs("nhap khau")),
    (_word_pairs("thanh lap", "ky moi"), _word_pairs("giai the", "tam ngung")),
    (_word_pairs("thu ngan", "tong thu"), _word_pairs("chi ngan", "tong chi")),
    (_word_pairs("xuat canh"), _word_pairs("nhap canh")),
    (_word_pairs("san luong"), _word_pairs("nang suat")),
    (_word_pairs("can ngheo"), _word_pairs("ho ngheo")),
    (_word_pairs("no xau"), _word_pairs("du no")),
    (_word_pairs("dien san"), _word_pairs("thuong pham")),  # electricity made, or sold
)
_OPPOSITES = _STAGES + _APART
_APART_SIDES = frozenset(side for pair in _APART for side in pair)
_RELATIVE = frozenset({"nay", "ngoai", "truoc"})  # "năm nay", "năm ngoái", "tháng trước"

# "Gồm cả …" includes something in what is asked, it asks no list.
_LIST_QUESTION = re.compile(
    r"\b(nhung|cac)\b.*\b(nao|gi)\b|\bnhung ai\b"  # "những xã nào", "những ai", "những gì"
    # "gồm những gì", not "(chưa gồm vốn chương trình MTQG)", which sets a part aside.
    r"|(?<!chua )(?<!khong )(?<!chua bao )(?<!khong bao )\bgom\b(?!\s+ca\b)"
    r"|\bke ten\b|\bliet ke\b|\bdanh sach\b|\bo dau\b"
    r"|^(?:hai|ba|bon)\s+(?!thang\b|nam\b|quy\b)\w+"  # "Hai dự án … phải đẩy nhanh?"
    r"|\b(?:hai|ba|bon)\s+(?!thang\b|nam\b|quy\b)\w+\s+(?:gi|nao)\b"  # "giao hai việc gì"
)
# "Văn bản nào …", "báo cáo kỳ nào", "kỳ báo cáo nào", "báo cáo tháng nào".
# "Các giải pháp nâng cao năng lực thông quan 6 tháng cuối năm?": things named in the plural,
# no figure asked, are listed.
_PLURAL_OPENING = re.compile(r"^\W*(?:cac|nhung)\s+\w+")
_WHICH_DOC = re.compile(
    r"\b(?:ky )?(?:van ban|vb|bao cao|thong bao|cong van|tai lieu)(?: (?:ky|thang|nam|quy))? nao\b"
)
_RATE = re.compile(r"\bty\s+le\b")
# "Ít hơn cùng kỳ bao nhiêu ha", "cao hơn bao nhiêu" ask a change as "giảm", "tăng" do.
_FEWER = r"\b(?:it|thap)\s+hon\b(?:\s+\w+){0,3}?\s+(?:bao nhieu|may)\b"
_MORE = r"\b(?:nhieu|cao)\s+hon\b(?:\s+\w+){0,3}?\s+(?:bao nhieu|may)\b"
_CHANGE = re.compile(rf"\b(?:tang|giam)\s+(?:bao nhieu|may|hay)\b|{_FEWER}|{_MORE}")
_ONE_WAY = re.compile(
    r"(?<!\btang )(?<!\btang, )(?<!\btang/)\b(tang|giam)\s+(?:bao nhieu|may)\b"
    rf"|(?P<giam>{_FEWER})|(?P<tang>{_MORE})"
)
# "Mấy năm thực hiện", "trong mấy tháng cuối năm": how long; not "năm nào", "năm 2023".
_DURATION = re.compile(r"\b(?:bao nhieu|may)\s+(?:nam|thang)\b(?!\s*(?:\d+|nao)\b)")
# "kỳ họp thứ mấy", "lần thứ bao nhiêu", "khóa mấy": an ordinal, often in words ("thứ hai
# mươi", "lần thứ IX", "khóa XVII").
_ORDINAL_QUESTION = re.compile(r"\b(?:thu|khoa)\s+(?:may|bao nhieu)\b")
_SAME_PERIOD = re.compile(r"\bcung ky\b")
_PLAN_BASE = re.compile(r"\b(?:ke hoach|du toan)\b")
# Asked how something moved ("chỉ số sản xuất", "tốc độ tăng trưởng", "so sánh"): an index
# or a growth is stated as a change.
_MOVEMENT = re.compile(r"\b(?:chi so|toc do|tang truong|tang giam|bien dong|so sanh|so voi)\b")
_YEAR_QUESTION = re.compile(r"\bnam\s+(?:nao|may|bao nhieu)\b")
_WHO = re.compile(r"\bai\b")
_SUM_ASKED = re.compile(r"\b(?:bao nhieu|may|so)\s+tien\b(?!\s+(?:phat|thue|su dung|von))")
_TARGET_YEAR = re.compile(r"\b(?:den|toi)\s+(?:nam\s+)?((?:19|20)\d{2})\b")
_QUANTITY = re.compile(r"\bbao nhieu\b|\bmay\b|\bty le\b|%|\bso luong\b|\btong so\b")
_NOT_QUANTITY = re.compile(
    r"\bla gi\b|\bgi\b|\bnao\b|\bai\b|\bvi sao\b|\btai sao\b|\bthe nao\b|\bra sao\b"
    r"|\bdau la\b|\bo dau\b|\bkhi nao\b|\bchua\b|\bkhong\b\s*\??$"
)
# A target or task: named so, required of someone, or of a half-year still to come (the
# reports speak of "6 tháng cuối năm" only as what must be done).
_PLAN_QUESTION = re.compile(
    r"\b(chi tieu|muc tieu|ke hoach|phan dau|du kien|du bao|nhiem vu|giai phap|de ra|yeu cau"
    r"|(?:6|sau) thang cuoi nam|nua cuoi nam)\b"
)
# "đạt bao nhiêu % kế hoạch", "giải ngân vốn kế hoạch năm 2021": a result measured against the
# plan, or the plan's money spent; not the target itself.
_MEASURED_AGAINST_PLAN = re.compile(
    r"%\s*(?:so voi\s+)?ke hoach|\bvon\b[^,?]*?\bke hoach\b|\bke hoach von\b"
    # "Tổ chức thực hiện kế hoạch về …", "Kế hoạch số 67": a plan done, or a document named.
    r"|\bthuc hien ke hoach\b|\bke hoach (?:ve|so)\b"
)
# Not "trợ lý đó", "quản lý đó" typed bare.
_REASON_QUESTION = re.compile(
    r"\b(?:vi sao|tai sao|vi dau|do dau|nguyen nhan|(?<!tro )(?<!quan )ly do)\b"
)
# "Nghị quyết HĐND số mấy?", "theo quyết định số nào": a document's number, not a figure.
_REFERENCE_QUESTION = re.compile(
    rf"\b({'|'.join(REFERENCE_KINDS)})\b.*?\bso (?:may|bao nhieu|nao|gi|hieu)\b"
)
# "NQ HĐND về liên kết sản xuất nông nghiệp": keywords opening with a document's kind ask which
# document it is, as "nghị quyết số mấy" does (not "kế hoạch …", which names a plan's figures).
_DOCUMENT_KEYWORDS = re.compile(
    r"^\s*(nghi quyet|quyet dinh|chi thi|cong van|thong tu|nghi dinh|nq|qd)\b"
)
_SHORT_KINDS = {"nq": "nghi quyet", "qd": "quyet dinh"}
_ASKS_SOMETHING = re.compile(r"\b(?:bao nhieu|may|gi|nao|sao|ai|the nao|ra sao)\b|\?")


def _named_document(bare_question: str) -> str | None:
    """The kind of document a keyword question opens with, if it asks nothing else."""
    match = _DOCUMENT_KEYWORDS.match(bare_question)
    if match is None or _ASKS_SOMETHING.search(bare_question):
        return None
    return _SHORT_KINDS.get(match.group(1), match.group(1))


# "Công văn … được ký ngày nào?", "… được ban hành vào tháng nào?": when a report was issued.
_ISSUE_DATE_QUESTION = re.compile(
    r"\b(?:ky|ban hanh|de|phat hanh)\b(?:\s+(?:vao|ngay|thang|nam))*?"
    r"\s+(?:ngay|thang|nam)\s+(?:thang\s+)?nao\b"
)
_DATE_QUESTION = re.compile(
    r"\bkhi nao\b|\bbao gio\b|\bngay nao\b|\bthoi han\b|\bcham nhat\b|\bthoi gian nao\b"
)
# A date ("31/10/2017", "22/11"), not a month ("11/2017", which is the period asked).
# "Trong 81 đơn …, bao nhiêu đơn …": the total a question states, however small.
_STATED_TOTAL = re.compile(
    r"\b(?:trong|trong số|trong so|trên tổng số|tren tong so)\s+(\d+(?:[.,]\d+)*)\s+"
    r"(?!(?:tháng|thang|năm|nam|quý|quy|ngày|ngay)\b)[^\W\d_]",
    re.I,
)
_QUESTION_FIGURE = re.compile(
    r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\d+(?:[.,]\d+)+|\b(?!(?:19|20)\d{2}\b)\d{3,}\b"
)
# Overlapping ("mức độ 3, 4": "độ 3", "3, 4"); whole numbers only, no dates ("11/2017").
# Not periods: "tháng 11", "11 tháng", "năm 2023".
_LABELLED_NUMBER = re.compile(
    r"(?=\b(?!(?:thang|nam|quy|ngay)\b)([^\W\d_]+|\d+,)\s+(?!(?:19|20)\d{2}\b)(\d+)"
    r"(?!\d)(?![.,/]\d)(?!\s+(?:thang|nam|quy|ngay)\b))"
)
# People named by a word whose first syllable the reports count other things in ("con" of a
# herd, "công" of "công trình", "thí" read as "thì"): the reports count them as "người",
# "đối tượng", "công dân" alike.
_PEOPLE = frozenset({"con bac", "con nghien", "cong nhan", "cong dan", "thi sinh", "thanh nien"})
# "… đạt bao nhiêu và thu nội địa …": a conjunction after "bao nhiêu" ends the ask, no unit.
_ASKED_UNIT = re.compile(
    r"\bbao\s+nhieu\s+(?!(?:va|hoac)\b)(?:(?:nghin|trieu|ty|ngan|tram)\s+)?"
    r"([^\W\d_]+)(?:\s+([^\W\d_]+))?"
)
# "Số vụ …", "có mấy lần": "số" opening the question or after "có"/"tổng"/"là" (not "hồ sơ").
_COUNTED_UNIT = re.compile(r"(?:^|[,;:(]\s*|\b(?:co|tong|la)\s+)(?:so|may)\s+([^\W\d_]+)")
# Words after "bao nhiêu"/"số" that are not what a figure counts ("so sánh", "diện tích", ...).
_NOT_UNITS = frozenset(
    "luong lieu lan nay do duoc la thi co cua trong tien bo cai chiec tong da bao nhieu "
    "sanh voi dien sai so nua cuoi roi vay nhi a nhe den tinh het ke khi".split()
)
# A grade named by a number before its word: "OCOP 4 sao". Counts ("45 đề tài", "3 dự án")
# are not grades: a question quoting one is not answered only by a sentence repeating it.
GRADE = re.compile(r"(?<![\d.,/])(\d)\s+(sao)\b")
# Words the reports qualify by kind, each kind an indicator of its own: "tai nạn giao thông"
# and "tai nạn lao động", "bảo hiểm y tế" and "bảo hiểm thất nghiệp", "vận tải hành khách" and
# "vận tải hàng hóa", "chỉ số giá tiêu dùng" and "chỉ số sản xuất công nghiệp".
KIND_HEADS = frozenset({"tai nan", "bao hiem", "van tai", "chi so", "doanh thu"})
# What follows such a word without naming its kind: "tai nạn xảy ra", "chỉ số tăng".
_NOT_KINDS = frozenset("xay ra lam tang giam dat bao nhieu nganh cua tren dia ban tinh".split())
_SHARE = re.compile(r"\bchiem\s+(?:khoang\s+)?$")  # right before "bao nhiêu"
_DOLLARS = frozenset({"đô", "đôla", "đô-la"})  # as typed: bare "do" is also "độ", "do"
_MONEY = frozenset({"dong", "usd"})  # what a sum is counted in: "tỷ đồng", "triệu USD"
# Units of measure: never another word for what is counted, as "hộ" may be for "gia đình".
MEASURES = frozenset({"km", "ha", "tan", "mw", "kwh", *_MONEY})
_VALUE_ASKED = re.compile(r"\bgia tri\b[^,;?]*?\b(?:bao nhieu|may)\b")  # "giá trị … bao nhiêu"
# "Tổng vốn đăng ký … là bao nhiêu", "kinh phí … là bao nhiêu": a sum ("vốn … đạt bao
# nhiêu" is as often a share of the plan).
_SUM_SUBJECT = re.compile(r"\b(?:von|kinh phi)\b[^,;?]*?\bla\s+(?:bao nhieu|may)\b")
_SUMS = frozenset({"tien", "von", "thu", "chi"})  # "bao nhiêu tiền", "số vốn", "số thu"
# Words opening with a sum's syllable that are not sums: "chi cục", "chi nhánh", "thủ tục".
_NOT_SUMS = frozenset({"chi cuc", "chi nhanh", "chi bo", "chi hoi", "chi tiet", "thu tuc"})
# A road by its number: quốc lộ, đường tỉnh, tỉnh lộ, đường huyện ("QL279", "ĐT.226").
_ROAD = re.compile(r"\b(QL|ĐT|DT|TL|ĐH|DH)\.?\s?(\d{1,4})[A-Z]?\b")
_ROAD_SPELLED = {"ql": "lo", "dt": "tinh", "tl": "lo", "dh": "huyen"}  # "quốc lộ 279" …
_CAPITALISED = rf"[{VIETNAMESE_UPPER}][^\W\d_{VIETNAMESE_UPPER}]+"
# Two or more capitalised syllables not opening the question: a place, a project, a person.
_NAME = re.compile(rf"(?<=[\w,;:(\-–] )(?:{_CAPITALISED})(?:\s+{_CAPITALISED})+")
# A name in fewer passages than this is what a question asks about, and an answer must name
# it ("Công dân số Xứ Lạng", in four); one in more ("Chi Lăng", "Lạng Sơn") places the
# question, and passages about it need not repeat it.
RARE_NAME_PASSAGES = 6
# A district, commune, town or border gate asked by name ("huyện Đình Lập", "cửa khẩu quốc tế
# Hữu Nghị"): the province's figure is not its figure.
_PLACE = re.compile(
    r"\b(?i:huyện|huyen|xã|thị trấn|thi tran|thành phố|thanh pho|tp\.?|phường|phuong"
    r"|cửa khẩu(?: quốc tế| chính| phụ| song phương)?)\s+"
    rf"((?:{_CAPITALISED})(?:\s+{_CAPITALISED})*)"
)


@dataclass
class Terms:
    """What a question asks about, ready for scoring."""

    weights: dict[str, float]  # syllable without diacritics -> IDF weight
    exact: dict[str, float]  # the syllables typed with diacritics, by their spelling
    bigrams: frozenset[tuple[str, str]]
    quantitative: bool  # a figure is wanted
    wants_list: bool  # "những xã nào", "gồm"
    units: frozenset[str] = frozenset()  # what the figure counts: "nguoi", "vu", "%"
    # The units are things the reports count ("hộ", "người", "vụ"), not measures ("tấn").
    counts_things: bool = False
    wants_plan: bool = False  # asks for a target or task ("chỉ tiêu", "kế hoạch", "phấn đấu")
    wants_date: bool = False  # asks when ("khi nào", "thời hạn")
    wants_issue_date: bool = False  # asks when a report was issued ("được ký ngày nào")
    # Asks which document, by its number ("quyết định số mấy"): the kind, without diacritics.
    wants_reference: str | None = None
    wants_reason: bool = False  # asks why ("vì sao", "nguyên nhân")
    wants_year: bool = False  # asks which year ("tuyển quân cho năm nào"): a year is the answer
    # Asks a rate ("tỷ lệ giải quyết"), not a change ("tăng bao nhiêu %"): "tăng 14,1%" is no
    # answer to it.
    wants_rate: bool = False
    wants_change: bool = False  # "tăng bao nhiêu %": the change, not the share of plan
    wants_duration: bool = False  # "mấy năm thực hiện", "trong mấy tháng": a span of time
    wants_ordinal: bool = False  # "kỳ họp thứ mấy": which in a series ("thứ hai mươi")
    direction: str | None = None  # "giam" of "giảm bao nhiêu %": the way the change is asked
    # What a share is asked against: "cung ky" ("bằng bao nhiêu % so với cùng kỳ") or
    # "ke hoach" ("đạt bao nhiêu % kế hoạch", "dự toán").
    against: str | None = None
    wants_part: bool = False  # "riêng khu vực dịch vụ": one item of a total
    # Asks an amount ("diện tích cây thạch đen"): a change alone ("tăng 34,97%") is not one.
    wants_level: bool = False
    figures: frozenset[str] = frozenset()  # dates and figures quoted in the question
    # Numbers the question names things by, with the word before ("do 3" of "mức độ 3"):
    # the same number in a passage is that name, not an answer.
    labels: frozenset[str] = frozenset()
    # Grades the question names by a number before a word ("4 sao" of "OCOP hạng 4 sao"): a
    # passage counting another grade ("3 sao") speaks of something else.
    grades: frozenset[tuple[str, str]] = frozenset()
    # The kind of an indicator the question names after a word reports qualify ("lao động"
    # of "tai nạn lao động"): a passage on another kind ("tai nạn giao thông") does not answer.
    kinds: frozenset[tuple[str, str]] = frozenset()
    # Each abbreviation asked ("nsdp") -> its words, which a text spelling it out holds ("Tổng
    # chi ngân sách địa phương" answers "chi NSĐP"), and what that is worth: no more than the
    # rarest of its words ("kế hoạch" is common though "KH" is rare).
    abbreviated: dict[str, tuple[frozenset[str], float]] = field(default_factory=dict)
    target_years: frozenset[str] = frozenset()  # "đến năm 2020": the horizon of a target
    wants_doc: bool = False  # asks which report says something
    asks: int = 1  # how many figures are asked for ("bao nhiêu …, bao nhiêu …")
    # One figure for each of several things, as "mỗi loại", "lần lượt" say ("A và B mỗi loại
    # bao nhiêu"), or as things joined by "và" may: the syllables either side of each "và".
    each: bool = False
    joints: frozenset[tuple[str, str]] = frozenset()
    # The words naming each of those things ("buu chinh", "vien thong" of "Doanh thu bưu
    # chính và doanh thu viễn thông …").
    things: tuple[frozenset[str], ...] = ()
    counts: bool = False  # asks "bao nhiêu"/"mấy" in so many words (not a keyword question)
    # Proper names the reports mention in few passages ("Hoàng Đồng"), and places asked by
    # name ("huyện Đình Lập"), as typed: the question is about that place or project, and an
    # answer must name it.
    names: tuple[str, ...] = ()
    # Neighbouring syllables of the question as typed, its framing words included ("trong
    # nước"): a syllable found beside one of its neighbours is the question's word, not a
    # syllable of another ("thành" of "hoàn thành" for "thành lập").
    neighbours: frozenset[tuple[str, str]] = frozenset()
    # For each activity asked whose opposite is not ("gieo trồng" without "thu hoạch"): the
    # word pairs naming it, and those naming its opposite.
    opposed: tuple[tuple[WordPairs, WordPairs], ...] = ()
    per: str | None = None  # "ngay" of "mỗi ngày … bao nhiêu xe": a rate per day ("xe/ngày")

    def asks_each(self, text: str) -> bool:
        """Does the question ask a figure of each of several things, as `text` names them?
        Things joined by "và" that `text` joins too ("sản xuất và phân phối điện") are one."""
        if self.each:
            return True
        if not self.joints:
            return False
        words = self.words(text)
        joined = {(a, c) for a, b, c in zip(words, words[1:], words[2:], strict=False) if b == "va"}
        return not self.joints & joined

    def speaks_of_opposite(self, words: list[str]) -> bool:
        """Do `words` speak of the opposite of an activity asked, and not of that activity
        ("diện tích thu hoạch" for "diện tích gieo trồng")?"""
        pairs = set(pairwise(words))
        return any(pairs & other and not pairs & asked for asked, other in self.opposed)

    def opposite_in(self, sentence: str) -> str | None:
        """The indicator of its own beside the one asked, as the sentence writes it, when the
        sentence speaks of that one alone ("hộ nghèo" where "hộ cận nghèo" is asked)."""
        written = words_of(sentence)
        pairs = list(pairwise(strip_diacritics(w) for w in written))
        for asked, other in self.opposed:
            if other not in _APART_SIDES or set(pairs) & asked:
                continue
            for i, pair in enumerate(pairs):
                if pair in other:
                    return " ".join(written[i : i + 2])
        return None

    @functools.cached_property
    def bare_to_exact(self) -> dict[str, set[str]]:
        """Each syllable without diacritics -> the question's spellings of it."""
        mapping: dict[str, set[str]] = {}
        for token in self.exact:
            mapping.setdefault(strip_diacritics(token), set()).add(token)
        return mapping

    def as_worded(self, token: str, words: list[str]) -> bool:
        """Do `words` hold `token` beside a neighbour it has in the question?"""
        return any(
            pair in self.neighbours
            for pair in pairwise(words)
            if token in pair and pair[0] != pair[1]
        )

    @staticmethod
    def words(text: str) -> list[str]:
        """The syllables of a text as they are matched: lower case, without diacritics; an
        abbreviation ("427 DVCTT một phần") followed by its words, as a question spells it."""
        words = words_of(text, bare=True)
        if _SPELLED.keys().isdisjoint(words):
            return words
        return [w for word in words for w in (word, *_SPELLED.get(word, ()))]

    @staticmethod
    def accented(text: str) -> set[str]:
        """The syllables of a text as spelled, an abbreviation's words with them: "BHXH" is
        "bảo hiểm xã hội", diacritics and all."""
        words = set(words_of(text))
        return words.union(*(_SPELLED_ACCENTED.get(strip_diacritics(w), ()) for w in words))

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0


def words_of(text: str, bare: bool = False) -> list[str]:
    """The syllables of a text as scored, lower case: "xuất nhập khẩu" is one of them."""
    return syllables(_unit_symbols(_ONE_WORD.sub(r"\1\2\3", text)), bare=bare)


def _unit_symbols(text: str) -> str:
    """ "bao nhiêu hecta" -> "bao nhiêu ha": units spelled out, as the reports write them."""
    for spelled, symbol in _SPELLED_UNITS:
        text = spelled.sub(symbol, text)
    return text


_SPELLED = {key: tuple(words_of(full, bare=True)) for key, full in ABBREVIATIONS.items()}
_SPELLED_ACCENTED = {key: tuple(words_of(full)) for key, full in ABBREVIATIONS.items()}


class Vocabulary:
    """What the indexed reports say: how rare each syllable is, and which word pairs occur."""

    def __init__(self, nodes: Iterable[TextNode]) -> None:
        frequency: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()  # word pair -> passages holding it
        self.spelling = DiacriticRestorer()
        counting: Counter[str] = Counter()  # word figures count in -> passages doing so
        count = 0
        for node in nodes:
            count += 1
            meta = node.metadata
            text = f"{meta.get('section', '')} {meta.get('context', '')} {node.text}"
            words = words_of(text, bare=True)
            frequency.update(set(words) | set(words_of(text)))
            pairs.update(set(pairwise(words)))
            self.spelling.add(node.text)
            counting.update(counted_words(node.text))
        self.spelling.add_units(counting)
        self._frequency = frequency
        self._pairs = pairs
        self._count = max(count, 1)
        self._counted = frozenset(counting)
        self._counted_bare = frozenset(strip_diacritics(w) for w in counting)

    def idf(self, token: str) -> float:
        df = self._frequency.get(token, 0)
        return math.log(1 + (self._count - df + 0.5) / (df + 0.5))

    def phrase_frequency(self, phrase: str) -> int:
        """About how many passages hold the phrase (no diacritics): the fewest of any of its
        word pairs, or of its one syllable."""
        words = syllables(phrase, bare=True)
        if len(words) == 1:
            return self._frequency.get(words[0], 0)
        return min((self._pairs.get(p, 0) for p in pairwise(words)), default=0)

    def unknown_names(self, question: str) -> list[str]:
        """Proper names in a question ("Đồng Bành", "Trà Lĩnh") and road numbers ("QL279")
        that no report mentions."""
        unknown = []
        for match in _NAME.finditer(question):
            words = syllables(match.group(), bare=True)
            if len(words) >= 2 and not any(p in self._pairs for p in pairwise(words)):
                unknown.append(match.group())
        for match in _ROAD.finditer(question):
            kind, number = strip_diacritics(match.group(1)).lower(), match.group(2).lower()
            spelled = _ROAD_SPELLED[kind]
            # "QL279" or "Quốc lộ 279", "ĐT226" or "đường tỉnh 226".
            if (kind, number) not in self._pairs and (spelled, number) not in self._pairs:
                unknown.append(match.group())
        return unknown

    def terms(self, question: str, typed: str | None = None) -> Terms:
        """Read a question: its content words weighted by rarity, and what it wants. With
        `question` reworded for scoring, `typed` is the question as asked, whose words say
        what it wants ("bao nhiêu xe hàng" counts vehicles, whatever the reports call them)."""
        as_typed = (typed or question).lower()
        bare_question = _bare(as_typed)
        asked = _NAME_ASKED.sub(
            " ", _WHY.sub(" ", _COMPARED_WITH.sub(" ", months_in_digits(question)))
        )
        asked = _REQUIRES.sub(" ", _RESPECTIVELY.sub(" ", asked))
        aside = [*_SET_ASIDE.finditer(asked), *_LEFT_OUT.finditer(asked)]
        set_aside = {t for m in aside for t in words_of(m.group(1) or m.group(2), bare=True)}
        if set_aside:
            rest = _LEFT_OUT.sub(" ", _SET_ASIDE.sub(" ", asked))
            set_aside -= set(words_of(rest, bare=True))
            asked = re.sub(_ASIDE, " ", asked, count=1, flags=re.I)
            asked = _LEFT_OUT.sub(lambda m: f" {m.group(1) or m.group(2)} ", asked)
        tokens = words_of(asked)
        framing = QUESTION_WORDS if has_diacritics(question) else _BARE_QUESTION_WORDS
        content = [
            t
            for previous, t, following in zip(
                ["", *tokens], tokens, [*tokens[1:], ""], strict=False
            )
            if t not in framing and not _is_period_token(t, previous, following)
        ]
        # Syllables typed with diacritics must agree with the text's; bare ones match any,
        # unless the rest was typed with diacritics: then "chi" is not "chỉ".
        accented = typed_with_diacritics(as_typed)
        exact = {
            t: self.idf(t)
            for t in content
            if strip_diacritics(t) != t or (accented and t.isalpha())
        }
        bare = [strip_diacritics(t) for t in content]
        wants_list = bool(_LIST_QUESTION.search(bare_question)) or bool(
            _PLURAL_OPENING.match(bare_question) and not _QUANTITY.search(bare_question)
        )
        # "bao nhiêu tiền" asks a sum, in "triệu đồng": the word names no subject.
        unit_only = {"tien"} if _SUM_ASKED.search(bare_question) else set()
        reference = _REFERENCE_QUESTION.search(bare_question)
        kind = reference.group(1) if reference else _named_document(bare_question)
        wants_doc = bool(_WHICH_DOC.search(bare_question))
        # "mấy loại" asks how many; "lớp mấy" ends the question asking which one.
        how_many = len(re.findall(r"\bbao nhieu\b|\bmay\b(?!\s*(?:\?|$))", bare_question))
        # Things set aside ("ngoài rau, khoai tây và ớt") are not asked, each or at all.
        one_ask = how_many <= 1 and not set_aside
        asked_before = re.split(r"\bbao nhieu\b|\bmay\b", bare_question)[0]
        joints = list(_JOINED_THINGS.finditer(asked_before)) if one_ask else []
        # A figure is wanted when asked for, or when nothing else is (keyword questions).
        quantitative = (
            not wants_list
            and not kind
            and not wants_doc
            and not _WHO.search(bare_question)
            and (bool(_QUANTITY.search(bare_question)) or not _NOT_QUANTITY.search(bare_question))
        )
        units = _asked_units(
            _unit_symbols(as_typed),
            self._counted if has_diacritics(as_typed) else self._counted_bare,
        )
        weights = {t: self.idf(t) / (4 if t in set_aside | unit_only else 1) for t in bare}
        return Terms(
            weights=weights,
            exact=exact,
            bigrams=frozenset(pairwise(bare)),
            quantitative=quantitative,
            wants_list=wants_list,
            units=units,
            counts_things=bool(units)
            and units <= self._counted_bare
            and not units & (MEASURES | {"%"}),
            wants_plan=bool(_PLAN_QUESTION.search(_MEASURED_AGAINST_PLAN.sub(" ", bare_question))),
            wants_date=bool(_DATE_QUESTION.search(bare_question)),
            wants_issue_date=bool(_ISSUE_DATE_QUESTION.search(bare_question)),
            wants_reference=kind,
            wants_year=bool(_YEAR_QUESTION.search(bare_question)),
            wants_rate=bool(_RATE.search(bare_question) and not _CHANGE.search(bare_question)),
            wants_change=bool(_CHANGE.search(bare_question)),
            direction=_direction(bare_question),
            wants_duration=bool(_DURATION.search(bare_question)),
            wants_ordinal=bool(_ORDINAL_QUESTION.search(bare_question)),
            against=_against(bare_question),
            wants_part=bool(re.search(r"\brieng\b", bare_question)),
            wants_level=not _CHANGE.search(bare_question)
            and not _RATE.search(bare_question)
            and not _MOVEMENT.search(bare_question),
            wants_reason=bool(_REASON_QUESTION.search(bare_question)),
            figures=frozenset(_QUESTION_FIGURE.findall(question) + _STATED_TOTAL.findall(question)),
            labels=frozenset(f"{w} {n}" for w, n in _LABELLED_NUMBER.findall(bare_question)),
            grades=grades_in(bare_question),
            kinds=self._kinds_asked(tokens, set(bare)),
            abbreviated={
                t: (frozenset(_SPELLED[t]), min(w, max(map(self.idf, _SPELLED[t]))))
                for t, w in weights.items()
                if t in _SPELLED
            },
            target_years=frozenset(_TARGET_YEAR.findall(bare_question)),
            wants_doc=wants_doc,
            asks=max(1, how_many),
            each=one_ask and bool(_EACH.search(bare_question)),
            joints=frozenset(_joint(asked_before, j) for j in joints),
            things=_things(asked_before, joints, set(bare)),
            counts=how_many > 0,
            names=self._names_asked(typed or question),
            neighbours=frozenset(pairwise(strip_diacritics(t) for t in tokens)),
            opposed=_opposed(frozenset(pairwise(bare))),
            per=_per(bare_question),
        )

    def _kinds_asked(self, tokens: list[str], content: set[str]) -> frozenset[tuple[str, str]]:
        """ "tai nạn lao động" -> {("tai nan", "lao dong")}: each head of `KIND_HEADS` with the
        two content words after it, when the reports use those two words together."""
        words = [strip_diacritics(t) for t in tokens]
        kinds = set()
        for i in range(len(words) - 3):
            head, qualifier = " ".join(words[i : i + 2]), words[i + 2 : i + 4]
            if (
                head in KIND_HEADS
                and all(w.isalpha() and w in content and w not in _NOT_KINDS for w in qualifier)
                and self.phrase_frequency(" ".join(qualifier)) > 0
            ):
                kinds.add((head, " ".join(qualifier)))
        return frozenset(kinds)

    def _names_asked(self, question: str) -> tuple[str, ...]:
        """Proper names few passages hold, and places named with their kind ("huyện X")."""
        rare = [
            match.group()
            for match in _NAME.finditer(question)
            if 0 < self.phrase_frequency(match.group()) < RARE_NAME_PASSAGES
        ]
        places = [
            match.group(1)
            for match in _PLACE.finditer(question)
            # "các cửa khẩu Lạng Sơn" are the province's, no one place
            if not question[: match.start()].rstrip().lower().endswith(("các", "cac"))
        ]
        return tuple(dict.fromkeys([*rare, *places]))


_PER = re.compile(r"\b(?:moi|mot|binh quan|trung binh)\s+(ngay|thang|nguoi|ha)\b")


def _per(question: str) -> str | None:
    """The unit a rate is asked per: "mỗi ngày", "một ngày", "bình quân ngày"."""
    match = _PER.search(question)
    return match.group(1) if match else None


def _opposed(bigrams: WordPairs) -> tuple[tuple[WordPairs, WordPairs], ...]:
    """The activities the question asks without their opposite, each with that opposite."""
    found = []
    for one, other in _OPPOSITES:
        for asked, opposite in ((one, other), (other, one)):
            if bigrams & asked and not bigrams & opposite:
                found.append((asked, opposite))
    return tuple(found)


def _direction(question: str) -> str | None:
    """ "giam" of "giảm bao nhiêu %"; none of "tăng giảm bao nhiêu", "tăng hay giảm"."""
    found = {m.group(1) or m.lastgroup for m in _ONE_WAY.finditer(question)}
    return found.pop() if len(found) == 1 else None


def _against(question: str) -> str | None:
    """What a share is asked against, when the question asks a share of one base only."""
    if not re.search(r"%|\bphan tram\b", question):
        return None
    same, plan = bool(_SAME_PERIOD.search(question)), bool(_PLAN_BASE.search(question))
    if same == plan:
        return None
    return "cung ky" if same else "ke hoach"


def _bare(question: str) -> str:
    """The question without diacritics, for the patterns of what it asks. Typed with them, its
    "máy" (bộ máy, nhà máy) and "may" (dệt may) are not "mấy" (how many), which they would
    become without: they are left out."""
    if not has_diacritics(question):
        return strip_diacritics(question)
    return strip_diacritics(
        re.sub(r"\w+", lambda m: "" if _not_how_many(m.group()) else m.group(), question)
    )


def _not_how_many(word: str) -> bool:
    return word != "mấy" and strip_diacritics(word) == "may"


def grades_in(bare_text: str) -> frozenset[tuple[str, str]]:
    """ "san pham 4 sao" -> {("4", "sao")}: the grades a text names (without diacritics)."""
    return frozenset((str(int(n)), w) for n, w in GRADE.findall(bare_text))


def _asked_units(question: str, counted: frozenset[str]) -> frozenset[str]:
    """ "bao nhiêu người", "số vụ", "tỷ lệ", "bao nhiêu %" -> what the answer's figure counts
    (without diacritics). Of the two words after "bao nhiêu", the first the reports count in
    (`counted`, as spelled): "du khách" counts "khách" ("du" is not "dự"), "con trâu" counts
    "con" ("155 nghìn con"), "lao động" counts "lao động"."""
    bare_question = strip_diacritics(question)  # same length: spans carry over
    units: set[str] = set()
    # "bao nhiêu %", not a percentage the question quotes ("… đã đạt 100% khối lượng").
    if re.search(r"\bty\s+(?:le|trong)\b|(?<!\d)(?<!\d )%|phan\s+tram", bare_question):
        units.add("%")
    for match in _ASKED_UNIT.finditer(bare_question):
        words = [
            (w, question[match.start(i) : match.end(i)])
            for i, w in enumerate(match.groups(), 1)
            if w
        ]
        first_two = [w for w, _ in words[:2]]
        if first_two == ["dien", "tich"]:
            units.add("ha")  # "bao nhiêu diện tích": an area, in hectares
            continue
        if first_two[:1] and _is_sum(*first_two):
            units.update(_MONEY)  # "bao nhiêu tiền": any sum, not the word after it
            continue
        if words[0][1] in _DOLLARS:
            units.add("usd")  # "bao nhiêu đô": dollars, as "triệu USD" counts them
            continue
        if [typed.lower() for _, typed in words[:1]] == ["cơ"]:
            continue  # "bao nhiêu cơ quan, cơ sở": any body, in its own word ("181 trường")
        if first_two in (["don", "vi"], ["phan", "tram"]):
            continue  # "bao nhiêu đơn vị": any body, in its own word; "phần trăm" is "%"
        candidates = [(w, typed) for w, typed in words if w not in _NOT_UNITS]  # not "bộ hồ sơ"
        if _SHARE.search(bare_question, 0, match.start()) and first_two[0] not in MEASURES:
            units.add("%")  # "chiếm bao nhiêu trong GRDP": a share, not "chiếm bao nhiêu ha"
            continue
        if " ".join(first_two) in _PEOPLE:
            units.add("nguoi")  # "con bạc" are people, not "con" of a herd; "công nhân" too
            continue
        if candidates:
            units.add(next((w for w, typed in candidates if typed in counted), candidates[0][0]))
    if "%" not in units and _VALUE_ASKED.search(bare_question):
        return _MONEY  # "số hàng lậu có tổng giá trị bao nhiêu": a value is a sum
    if not units and _SUM_SUBJECT.search(bare_question):
        return _MONEY
    if units - {"%"}:
        return _spelled_out(units)  # "số hàng lậu … bao nhiêu tiền": "số" names the subject
    for match in _COUNTED_UNIT.finditer(bare_question):
        if re.search(r"\b(?:cơ|sở)\b", question[match.start() : match.end()].lower()):
            continue  # "cơ sở hạ tầng" typed with its diacritics is not "có số …"
        if _is_sum(match.group(1), *bare_question[match.end() :].split()[:1]):
            units.update(_MONEY)  # "số tiền", "số thu", "số vốn": a sum
        elif match.group(1) not in _NOT_UNITS:
            units.add(match.group(1))
    return _spelled_out(units)


def _spelled_out(units: set[str]) -> frozenset[str]:
    """An abbreviation counted ("số DN") is counted in the reports' words ("57 doanh nghiệp")."""
    return frozenset(ABBREVIATED_UNIT.get(u.lower(), u) for u in units)


def _is_sum(word: str, following: str = "") -> bool:
    """Does a word after "bao nhiêu" or "số" ask a sum ("tiền", "vốn", "thu"), not a thing
    whose name opens alike ("chi cục", "thủ tục")?"""
    return word in _SUMS and f"{word} {following}" not in _NOT_SUMS


def _is_period_token(token: str, previous: str = "", following: str = "") -> bool:
    """Words and numbers that name a period (handled by routing), not what is asked about.
    "ngoài công lập" and "quỹ" typed with diacritics are not "năm ngoái" and "quý"; "ngoai
    cong lap" typed without them is not either: "ngoái" follows "năm". "Đầu" names a period
    only beside one ("đầu năm", "6 tháng đầu"), not in "đầu tư"."""
    spelled = token in _PERIOD_WORDS or (token.isascii() and token in _BARE_PERIOD_WORDS)
    if strip_diacritics(token) in _RELATIVE:
        return spelled and strip_diacritics(previous) in {"nam", "thang", "ky"}
    if strip_diacritics(token) == "giua":  # "giữa năm 2018": mid-year, not "giữa kỳ"
        return strip_diacritics(following) == "nam"
    if spelled and strip_diacritics(token) == "dau":
        return bool(
            strip_diacritics(previous) in {"thang", "nua", "quy"}
            or strip_diacritics(following) in {"nam", "thang", "quy", "ky", "vu"}
        )
    if _counts_years(token, previous, following):
        return False  # "kế hoạch 5 năm", "trong 3 năm": a span of years names no period
    if token in {"cả", "ca"}:  # "cả năm 2018": the whole year
        return strip_diacritics(following) == "nam"
    if spelled:
        return True
    if token.isascii() and token.isdigit():  # "²" is a digit to isdigit, not to int
        return int(token) <= 12 or bool(re.fullmatch(r"(19|20)\d{2}", token))
    return False


def _counts_years(token: str, previous: str, following: str) -> bool:
    """Is the token the number or the word of a span of years ("kế hoạch 5 năm"), not of a
    date ("tháng 11 năm 2023")?"""
    if token.isascii() and token.isdigit():
        return (
            int(token) <= 12
            and strip_diacritics(following) == "nam"
            and strip_diacritics(previous) not in {"thang", "quy", "ngay"}
        )
    previous = previous if previous.isascii() else ""
    year_follows = bool(re.fullmatch(r"(19|20)\d{2}", following))
    return (
        strip_diacritics(token) == "nam"
        and previous.isdigit()
        and int(previous) <= 12
        and not year_follows
    )


def _joint(text: str, joint: re.Match[str]) -> tuple[str, str]:
    """The syllables either side of a "và" joining two things."""
    before = words_of(text[: joint.start()], bare=True)
    after = words_of(text[joint.start() :], bare=True)[1:]
    return (before[-1] if before else "", after[0] if after else "")


def _things(
    asked: str, joints: list[re.Match[str]], content: set[str]
) -> tuple[frozenset[str], ...]:
    """For each of the things `joints` join in `asked`, the words naming it beside the joint,
    as many as the shortest name has (two at most): the last the others lack of the first,
    the first of the others ("kim ngạch xuất khẩu và nhập khẩu" -> "xuat", "nhap"; "doanh thu
    bưu chính và doanh thu viễn thông" -> "buu chinh", "vien thong")."""
    if not joints:
        return ()
    # The first thing starts after the clause before it ("Trong … 6 tháng đầu năm 2018, khách
    # trong nước và khách quốc tế …").
    start = asked.rfind(",", 0, joints[0].start()) + 1
    cuts = [start, *(j.start() for j in joints), len(asked)]
    parts = [
        [t for t in words_of(asked[a:b], bare=True) if t in content and t not in _NOT_NAMING]
        for a, b in pairwise(cuts)
    ]
    seen = Counter(t for p in parts for t in set(p))
    own = [[t for t in p if seen[t] == 1] for p in parts]
    named = [len(p) for p in own if p]
    if len(named) < 2:
        return ()
    n = min(2, *named)
    return tuple(frozenset(p[-n:] if i == 0 else p[:n]) for i, p in enumerate(own))
