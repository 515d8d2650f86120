"""Figures as the reports write them: "5.775 tỷ đồng", "77,8%", "80-100 xe/ngày"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rag.abbreviations import ABBREVIATIONS
from rag.numbers import normalize_number
from rag.text import strip_diacritics, strip_markers

# The measures whose symbol may be written against the figure ("164,8ha"): no word is.
_SYMBOLS = "ha|km|kg|MW|kWh"
_NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w/])(?<![^\W\d_]-)"  # not inside a word or a code ("COVID-19", "Km18")
    # a share of a whole ("252/278 cuộc", before a word), a number or a range
    r"(\d+(?:[.,]\d+)*/\d+(?:[.,]\d+)*(?=\s+[^\W\d_])|\d+(?:[.,]\d+)*(?:\s*[-–]\s*\d+(?:[.,]\d+)*)?)"
    # its unit: up to three words, or a measure's symbol written against it ("164,8ha")
    rf"(\s*%|(?:{_SYMBOLS})\b(?!-)|\s+(?:[^\s\d,;.()]+)(?:\s+(?:[^\s\d,;.()]+)){{0,2}})?"
)
_UNIT_STOP = re.compile(
    r"\s+(?:so|đạt|tăng|giảm|bằng|trong|với|của|và|là|tại|từ|đến|ở|theo|được|chiếm|cho|"
    r"lượt\s+(?=người))\b.*$"
)
_ITEM_LABEL = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s+")
_YEAR = re.compile(r"(19|20)\d{2}")
_RANGE = re.compile(r"\s*[-–]\s*")
_MAGNITUDE = r"(?:\s+(?:nghìn|ngàn|triệu|tỷ|trăm|nghin|ngan|trieu|ty|tram)){0,2}"  # "nghìn tỷ"
# A figure, then the word it counts in: "155 nghìn con", "130 nghìn lượt người".
_COUNTED = rf"\d{_MAGNITUDE}\s+(?:lượt\s+|luot\s+)?"
_GLUED = rf"(?<=\d)(?=(?:{_SYMBOLS.lower()})\b)"  # in lower-case text, as counted
_COUNTING_PREFIX = frozenset("nghin ngan trieu ty tram luot".split())
# People are also counted as who they are: "120 đối tượng", "3.773 học viên", "500 lao động",
# "1.150 công dân", "9.768 thí sinh", "200 thanh niên" (the first syllable, or both where the
# first alone names other things: "công trình", "thị trấn").
PEOPLE = frozenset({"nguoi", "doi", "hoc", "lao", "cong dan", "thi sinh", "thanh nien"})
# A figure counted in an abbreviation ("04 HTX") counts what it stands for: the first word of
# its spelling ("hop", of "hợp tác xã"), as units asked are read ("số HTX" -> "hop").
ABBREVIATED_UNIT = {
    key: strip_diacritics(full.split()[0]).lower()
    for key, full in ABBREVIATIONS.items()
    if key.isalpha()
}
_ABBREVIATIONS_COUNTING: dict[str, frozenset[str]] = {
    unit: frozenset(k for k, u in ABBREVIATED_UNIT.items() if u == unit)
    for unit in set(ABBREVIATED_UNIT.values())
}
_MEASURE_OF_PREVIOUS = re.compile(
    r"^[\s,;]*(?:ước\s+)?(?:đạt|tăng|giảm|bằng|chiếm|vượt|là)?\s*$", re.I
)
# "41 hồ sơ (chiếm 0,54%)": the share is of what the figure before counts.
_SHARE_OF_PREVIOUS = re.compile(r"^\s*\(\s*(?:chiếm|bằng)\s*$", re.I)
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\bngày \d{1,2}\b")


_SPAN_OF_TIME = re.compile(r"\s*(?:năm|tháng|ngày)\b", re.I)


@dataclass(frozen=True)
class Figure:
    """A figure of a sentence with its unit, and the words around it: those since the figure
    before it (and that figure's, for a measure of it), and those after it to the next comma
    or bracket ("…, thu từ hoạt động xuất nhập khẩu 4.607,68 tỷ đồng", "kỷ niệm 108 Ngày sinh
    đồng chí Hoàng Văn Thụ (…)")."""

    text: str
    unit: str
    around: str
    word_before: str  # the word just before, lower case, without diacritics ("do" of "độ 3")
    # A measure of the figure before, whose subject (and words) it shares ("tổng sản lượng
    # lương thực 160,2 nghìn tấn, đạt 101,3% kế hoạch"): only a comparing word between them.
    of_previous: bool = False
    # A share in brackets ("41 hồ sơ (chiếm 0,54%)"): the words of the figure it is a share of.
    share_of: str = ""

    @property
    def is_span_of_time(self) -> bool:
        """Does the figure count years, months or days ("03 năm", "92 năm", "15 ngày")?"""
        return bool(_SPAN_OF_TIME.match(self.unit))

    @property
    def base(self) -> str:
        """What a share is of, as the words right after it say ("kế hoạch sau điều chỉnh" of
        "đạt 75,9% kế hoạch sau điều chỉnh"); empty for a figure that is no share."""
        if self.unit.strip() != "%":
            return ""
        number = self.text.split()[0].rstrip("%")
        after = self.around[self.around.rfind(number) + len(number) :].lstrip(" %")
        return re.split(r"[,;.:()\d]", strip_markers(after), maxsplit=1)[0].strip()

    @property
    def against(self) -> str | None:
        """What a share is of, told apart: "cung ky" ("bằng 99,4% cùng kỳ", "tăng 5% so với
        cùng kỳ"), "ke hoach" ("đạt 96% kế hoạch", "dự toán"), or None."""
        base = strip_diacritics(self.base.lower())
        if re.match(r"(?:so voi\s+)?cung ky\b", base):
            return "cung ky"
        if re.match(r"(?:so voi\s+)?(?:ke hoach|du toan|kh)\b", base):
            return "ke hoach"
        return None


def figures_of(sentence: str, durations: bool = False) -> list[Figure]:
    """The figures of a sentence, in order, as `lead_figure` reads them."""
    plain = _plain(sentence)
    found = list(_figures(plain, durations))
    figures = []
    subject = ""  # the words around the last figure naming what it counts
    for index, (number, unit, start, _) in enumerate(found):
        since = found[index - 1][3] if index else 0
        until = found[index + 1][2] if index + 1 < len(found) else len(plain)
        # The words after the number, not its own decimal comma ("1,4 triệu lượt khách …").
        after = number + re.split(r"[,;(]", plain[start + len(number) : until], maxsplit=1)[0]
        text = f"{number}{unit}".strip()
        preceding = plain[:start].split()[-1:]
        word_before = strip_diacritics(preceding[0].lower().lstrip("([")) if preceding else ""
        around = f"{plain[since:start]} {after}"
        # "…, đạt 101,3% kế hoạch", "…, 81,9% kế hoạch": a measure; "427 DVCTT một phần,
        # 1.076 DVCTT toàn trình": a count of its own.
        between = plain[since:start]
        of_previous = (
            index > 0
            and bool(_MEASURE_OF_PREVIOUS.match(between))
            and (bool(between.strip(" ,;")) or unit.strip() == "%")
        )
        share_of = subject if index > 0 and _SHARE_OF_PREVIOUS.match(between) else ""
        if of_previous:
            around = f"{subject} {around}"
        else:
            subject = around
        figures.append(Figure(text, unit, around, word_before, of_previous, share_of))
    return figures


def lead_figure(
    sentence: str, units: frozenset[str] = frozenset(), durations: bool = False
) -> str | None:
    """The first figure with its unit in a sentence ("5.775 tỷ đồng"), skipping item labels
    ("(10)", "4."), years, dates and period words ("tháng 11", "11 tháng", "31/10/2017"); with
    `units` asked ("nguoi"), the first figure counted in one of them, if any is."""
    first: str | None = None
    for number, unit, _, _ in _figures(_plain(sentence), durations):
        if not units or counted_in(unit, units):
            return f"{number}{unit}".strip()
        first = first or f"{number}{unit}".strip()
    return first


def counted_in(unit: str, units: frozenset[str]) -> bool:
    """Is a figure's unit ("nghìn lượt người") one of `units` ("nguoi")?"""
    words = strip_diacritics(unit.lower()).split()
    if unit.strip().startswith("%"):
        return "%" in units
    while words and words[0] in _COUNTING_PREFIX:
        words = words[1:]  # "nghìn lượt người": people
    units = with_people(units)
    return bool(words) and (
        words[0] in units or " ".join(words[:2]) in units or ABBREVIATED_UNIT.get(words[0]) in units
    )


def with_people(units: frozenset[str]) -> frozenset[str]:
    """People asked ("nguoi") are also counted as who they are ("1.150 công dân")."""
    return units | PEOPLE if "nguoi" in units else units


def _plain(sentence: str) -> str:
    # "*" marks bold in the text reports ("(*chiếm 0,54%*)"): not part of what is said.
    text = strip_markers(sentence).replace("*", " ")
    return _ITEM_LABEL.sub(lambda m: " " * len(m.group()), text)


def _figures(plain: str, durations: bool = False) -> Iterator[tuple[str, str, int, int]]:
    """Number, unit, and where they start and end in `plain` (a sentence as `_plain` gives
    it). With `durations`, a few months or years ("03 năm", "02 tháng cuối năm") are figures
    too, as asked "mấy năm", not the period they otherwise name."""
    for match in _NUMBER_WITH_UNIT.finditer(plain):
        number, unit = match.group(1), (match.group(2) or "")
        value = _RANGE.split(number)[0].replace(".", "").replace(",", "")
        before = plain[max(0, match.start() - 8) : match.start()].lower()
        if re.match(r"\s*(tháng|năm)\b", unit) and int(value[:3] or 0) <= 12 and not durations:
            continue  # "11 tháng", "5 năm"
        if re.search(r"(tháng|quý)\s*$", before) and len(value) <= 2:
            continue  # "tháng 11"
        if re.search(r"năm\s*$", before) and _YEAR.fullmatch(value):
            continue  # "năm 2023"
        if re.search(r"ngày\s*$", before) and len(value) <= 2:
            continue  # "ngày 13"
        if re.search(r"(số|khóa|khoá|lần thứ|lần)\s*$", before):
            continue  # "Nghị quyết số 01", "khóa XVII", "phân bổ lần 1"
        if len(value) == 1 and (
            re.search(r"(độ|hạng|loại)\s*$", before)
            or (re.search(r"cấp\s*$", before) and not unit.strip(" ,;.").lstrip('“"')[:1].islower())
        ):
            continue  # a grade: "mức độ 4", "cấp 2 “Vùng vàng”", not "cấp 8 giấy"
        if plain[match.end() : match.end() + 1] in ("/", "-") or all(
            _YEAR.fullmatch(n) for n in _RANGE.split(number)
        ):
            continue  # dates, codes, years
        unit = _UNIT_STOP.sub("", unit).rstrip(" ,:")
        if "/" in number and not _is_share(number, unit, before):
            continue  # "13/7", "01/01 đến …", "tháng 11/2017": dates
        yield number, unit, match.start(), match.start(1) + len(number) + len(unit)


def _is_share(number: str, unit: str, before: str) -> bool:
    """Is "a/b" a part of a whole counted in `unit` ("08/162 phòng"), not a date?"""
    part, whole = number.split("/")
    dated = re.search(r"(?:ngày|tháng|từ|đến)\s*$", before)
    return (
        bool(unit.strip())
        and not dated
        and float(normalize_number(part)) <= float(normalize_number(whole))
        and not _YEAR.fullmatch(whole)
    )


def counts_in(sentence: str, units: frozenset[str]) -> bool:
    """Does the sentence hold a figure counted in one of `units` ("04 người", "130 nghìn
    lượt", "%")? Units are written without diacritics."""
    bare_sentence = strip_diacritics(strip_markers(sentence).lower())
    units = with_people(units)
    abbreviated = (_ABBREVIATIONS_COUNTING.get(unit, frozenset()) for unit in units)
    for unit in units.union(*abbreviated):
        if unit == "%":
            if "%" in bare_sentence:
                return True
        elif re.search(rf"(?:{_COUNTED}|{_GLUED}){re.escape(unit)}\b", bare_sentence):
            return True
    return False


def counted_words(text: str) -> set[str]:
    """The words figures in `text` count in ("155 nghìn con" -> "con"), lower case."""
    lower = strip_markers(text).lower()
    return set(re.findall(rf"(?:{_COUNTED}|{_GLUED})([^\W\d_]+)", lower))


# Documents cited by number ("Nghị quyết số 17/2020/NQ-HĐND ngày 14/12/2020").
_REFERENCE_KINDS = (
    "Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Công văn|Thông tư|Nghị định|Thông báo|Đề án"
    "|Văn bản|Luật"
)
REFERENCE_KINDS = tuple(strip_diacritics(k).lower() for k in _REFERENCE_KINDS.split("|"))
_REFERENCE = re.compile(
    rf"\b({_REFERENCE_KINDS})\s+số\s+\d[\w/.\-–]*\w(?:\s+ngày\s+\d{{1,2}}/\d{{1,2}}/\d{{4}})?",
    re.IGNORECASE,
)


def references_in(sentence: str, kind: str) -> list[str]:
    """The documents of a kind ("nghi quyet") a sentence cites by number, as written."""
    return [
        m.group()
        for m in _REFERENCE.finditer(sentence)
        if strip_diacritics(m.group(1)).lower() == kind
    ]


def has_date(sentence: str) -> bool:
    return bool(_DATE.search(sentence))


_NUMBER_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi)"
# "thứ hai mươi mốt", "lần thứ IX", "khóa XVII", "thứ 6 và 7": which in a series.
_ORDINAL = re.compile(
    r"\b(?:(?:lần|kỳ họp)\s+)?thứ\s+"
    rf"(?:(?:[IVXLC]+|\d+)(?:\s*(?:,|và)\s*(?:[IVXLC]+|\d+))*\b|{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})*\b)"
    r"|\bkh(?:óa|oá)\s+[IVXLC]+\b"
)


def ordinals_in(text: str) -> list[str]:
    """The ordinals of a text ("kỳ họp thứ hai mươi", "lần thứ IX", "khóa XVII"), in order."""
    return [m.group() for m in _ORDINAL.finditer(text)]
