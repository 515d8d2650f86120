"""Everyday words for what reports write in their own register ("người thiệt mạng" for "chết",
"nợ khó đòi" for "nợ xấu"): a question using them also searches the report's words.

The pairs are general Vietnamese usage for socio-economic indicators, not taken from any one
report; like abbreviations, the report's words are appended and the question kept whole. A
phrase the indexed reports use often themselves ("gia cầm", "phạm pháp") is their wording,
not an everyday one: it is left alone, or the appended words would outweigh what was asked.
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
    (("ra quân", "nhập ngũ", "đi bộ đội"), "tuyển quân giao quân"),
]
# Longest phrases first, so that a phrase inside a longer one matched is not read again.
_INDEX = sorted(
    (
        (p, re.compile(rf"\b{re.escape(strip_diacritics(p).lower())}\b"), words)
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
    for phrase, pattern, words in _INDEX:
        match = pattern.search(folded)
        if words in lowered or match is None:
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e, _, _ in found):
            continue  # "khoản vay" inside "khoản vay khó đòi" is not a loan of its own
        if frequency is not None and frequency(phrase) >= COMMON_PHRASE_PASSAGES:
            continue
        found.append((start, end, phrase, words))
    return sorted(found)
