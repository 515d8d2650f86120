"""Abbreviations officials type for the words reports spell out ("XNK", "TNGT", "QSDĐ")."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.text import strip_diacritics

COMMON_PHRASE_PASSAGES = 3  # a word in this many passages is the reports' own wording

# Common abbreviations of Vietnamese administration and statistics, keyed without diacritics.
ABBREVIATIONS = {
    "xnk": "xuất nhập khẩu",
    "ktxh": "kinh tế - xã hội",
    "kt-xh": "kinh tế - xã hội",
    "nsnn": "ngân sách nhà nước",
    "nsdp": "ngân sách địa phương",
    "nstw": "ngân sách trung ương",
    "qsdd": "quyền sử dụng đất",
    "gcn": "giấy chứng nhận",
    "tngt": "tai nạn giao thông",
    "atgt": "an toàn giao thông",
    "dn": "doanh nghiệp",
    "htx": "hợp tác xã",
    "ccn": "cụm công nghiệp",
    "kcn": "khu công nghiệp",
    "kkt": "khu kinh tế",
    "ntm": "nông thôn mới",
    "mtqg": "mục tiêu quốc gia",
    "tthc": "thủ tục hành chính",
    "cchc": "cải cách hành chính",
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
    "cccd": "căn cước công dân",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "bhtn": "bảo hiểm thất nghiệp",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "sxcn": "sản xuất công nghiệp",
    "iip": "chỉ số sản xuất công nghiệp",
    "xdcb": "xây dựng cơ bản",
    "dtpt": "đầu tư phát triển",
    "gpmb": "giải phóng mặt bằng",
    "gtnt": "giao thông nông thôn",
    "ptsx": "phát triển sản xuất",
    "pvhcc": "phục vụ hành chính công",
    "qppl": "quy phạm pháp luật",
    "dtc": "đầu tư công",
    "attp": "an toàn thực phẩm",
    "vsattp": "vệ sinh an toàn thực phẩm",
    "pccc": "phòng cháy chữa cháy",
    "pctn": "phòng, chống tham nhũng",
    "kntc": "khiếu nại, tố cáo",
    "khcn": "khoa học và công nghệ",
    "cntt": "công nghệ thông tin",
    "tdtt": "thể dục thể thao",
    "gddt": "giáo dục và đào tạo",
    "tnmt": "tài nguyên và môi trường",
    "cds": "chuyển đổi số",
    "thpt": "trung học phổ thông",
    "thcs": "trung học cơ sở",
    "dtts": "dân tộc thiểu số",
    "kdc": "khu dân cư",
    "grdp": "tổng sản phẩm",  # "… trên địa bàn", "… nội tỉnh", "… của tỉnh"
    "cpi": "chỉ số giá tiêu dùng",
    "fdi": "đầu tư trực tiếp nước ngoài",
    # as typed in chat: "bao nhiêu SP OCOP", "VB nào", "NQ HĐND", "KH năm 2023", "phạt VPHC"
    "sp": "sản phẩm",
    "vb": "văn bản",
    "nq": "nghị quyết",
    "qd": "quyết định",
    "kh": "kế hoạch",
    "sx": "sản xuất",
    "vphc": "vi phạm hành chính",
    "gltm": "gian lận thương mại",
}
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)?")


def expand_abbreviations(
    question: str, frequency: Callable[[str], int] | None = None, replace: bool = False
) -> str:
    """The question with the spelled-out words of its abbreviations appended (the question
    itself unchanged, so exact matches of the abbreviation still count). With `frequency`
    (how many indexed passages hold a word), an abbreviation the reports use often
    themselves ("GRDP") is left as it is: the added words would outweigh it when scoring.
    With `replace`, one no report uses ("ĐTC") is replaced by its words: left in, it would
    weigh on every sentence and match none."""
    expansions = []
    for token in _TOKEN.findall(question):
        key = strip_diacritics(token.lower())
        full = ABBREVIATIONS.get(key)
        used = frequency(key) if full and frequency is not None else None
        if not full or (used is not None and used >= COMMON_PHRASE_PASSAGES):
            continue
        if replace and used == 0:
            question = re.sub(rf"(?<![\w-]){re.escape(token)}(?![\w-])", full, question, count=1)
        elif full not in expansions and full not in question.lower():
            expansions.append(full)
    return f"{question} ({'; '.join(expansions)})" if expansions else question
