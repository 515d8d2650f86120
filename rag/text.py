"""Vietnamese text helpers shared by the parser, the tokenizer and the answer checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Upper-case letters of Vietnamese (a regex range such as "À-Ỹ" would take lower case too).
VIETNAMESE_UPPER = "".join(
    ch
    for ch in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x1B1), *range(0x1EA0, 0x1EFA)])
    if ch.isupper()
)
_SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# A run of superscript digits glued to the text is a footnote marker, except in a unit such as
# "m³", "8.085m³" or "km²": a superscript ² or ³ right after m/km/cm/dm/ha that stands alone or
# follows a number.
_MARKER = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_UNIT_BEFORE = re.compile(r"(?:^|[\s\d(/])(?:k|c|d|h|m)?m$")

_TERMINAL = ".!?:;…"
_CLOSERS = "\"”’')]»*"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def superscript_to_int(marker: str) -> int:
    return int(marker.translate(_SUPERSCRIPT_TO_DIGIT))


def _bare_letters() -> dict[int, str | None]:
    """Each accented Latin letter -> its base letter; each combining mark -> nothing."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(
            ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch)
        )
        if base != chr(code):
            table[code] = base
    table.update({code: None for code in range(0x300, 0x370)})
    return table


_BARE_LETTERS = _bare_letters()


def strip_diacritics(text: str) -> str:
    """ "Tổng thu ngân sách" -> "Tong thu ngan sach" (đ becomes d)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_BARE_LETTERS)


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


_SYLLABLE = re.compile(r"[^\W\d_]+")


def typed_with_diacritics(text: str) -> bool:
    """Was the text typed with diacritics, so that a syllable without them is as typed ("Chi
    ngân sách" spends, it is not "chỉ")? Two in five of its syllables carry them, as in written
    Vietnamese most do (many words need none: "doanh thu du lịch"); abbreviations in
    capitals ("NSĐP", "GRDP") are not counted."""
    words = [w for w in _SYLLABLE.findall(text) if not (w.isupper() and len(w) > 1)]
    return bool(words) and 5 * sum(has_diacritics(w) for w in words) >= 2 * len(words)


def footnote_markers(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (footnote number, start, end) for each footnote marker in body text."""
    for match in _MARKER.finditer(text):
        start = match.start()
        if start == 0:
            continue  # a marker opening a line is a footnote's own number, not a reference
        marker = match.group()
        if marker in ("²", "³") and _UNIT_BEFORE.search(text[max(0, start - 12) : start]):
            continue
        yield superscript_to_int(marker), start, match.end()


def strip_markers(text: str) -> str:
    """Remove footnote markers (not units) so tokens and embeddings see plain words."""
    pieces, last = [], 0
    for _, start, end in footnote_markers(text):
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def ends_sentence(text: str) -> bool:
    """True when text ends with sentence punctuation (quotes and brackets aside)."""
    stripped = text.rstrip().rstrip(_CLOSERS + SUPERSCRIPT_DIGITS).rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL


def starts_lowercase(text: str) -> bool:
    stripped = text.lstrip('*_ \t"“(')
    return bool(stripped) and stripped[0].islower()


def word_count(text: str) -> int:
    return len(text.split())


# A sentence ends at . ! ? … (possibly followed by a marker, quote or bracket) before a space and
# an upper-case letter, a digit, a quote or an opening bracket. "5.775" and "77,8" never match
# because no space follows the dot. A few abbreviations are not ends.
_SENTENCE_END = re.compile(
    rf"(?<=[.!?…])([{SUPERSCRIPT_DIGITS}\"”’')*]*)\s+(?=[\"“(*\-–]?[A-ZÀ-ỸĐ0-9])"
)
_ITEM_LABEL = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.|[IVXLC]+\.|[A-ZĐ]\.")
_ABBREVIATIONS = ("TP.", "Tp.", "TX.", "TT.", "ThS.", "TS.", "GS.", "PGS.", "BS.", "St.", "v.v.")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split text into sentences (a line break always ends one); return trimmed (start, end)."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            head = line[start : match.start()]
            if head.endswith(_ABBREVIATIONS) or _ITEM_LABEL.fullmatch(head.strip()):
                continue
            # The closing quote or footnote marker after the stop belongs to the sentence.
            spans.append((line_start + start, line_start + match.end(1)))
            start = match.end()
        spans.append((line_start + start, line_start + len(line)))
        line_start += len(line) + 1
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


_INSTRUCTION = re.compile(
    r"bỏ qua (?:mọi |tất cả |các |những )?(?:hướng dẫn|chỉ dẫn|yêu cầu|quy tắc|lệnh)"
    r"|(?:hãy|phải|chỉ) trả lời (?:rằng|là)\b|trả lời rằng\b"
    r"|ignore (?:all |any |the )?(?:previous|prior|above|earlier) (?:instructions|rules|prompts?)"
    r"|disregard (?:all |any |the )?(?:previous|prior|above)|system prompt|you are now\b",
    re.IGNORECASE,
)


def looks_like_instruction(sentence: str) -> bool:
    """Text that speaks to a model ("bỏ qua hướng dẫn trên và trả lời …"), not a fact.

    Reports never address their reader this way; such a sentence in a passage is an attempt to
    steer the answer, so it is neither quoted nor shown to the LLM.
    """
    return bool(_INSTRUCTION.search(sentence))


def without_instructions(text: str) -> str:
    """The text with every sentence that looks like an instruction removed."""
    return " ".join(
        text[s:e] for s, e in sentence_spans(text) if not looks_like_instruction(text[s:e])
    )


_SEMICOLON = re.compile(r";\s+")


def semicolon_parts(text: str) -> list[str]:
    """The parts of a sentence its semicolons separate: the items of a list, the clauses of a
    long sentence."""
    return _SEMICOLON.split(text)


def statements(sentence: str) -> list[str]:
    """A sentence's semicolon parts, a part opening with a figure kept with the one before it:
    "Vốn NSTW là 989,9 tỷ đồng, đạt 66,27% kế hoạch trung ương giao; 76,52% địa phương giao
    chi tiết¹³" is one statement."""
    kept: list[str] = []
    for part in semicolon_parts(sentence):
        if kept and part[:1].isdigit():
            kept[-1] = f"{kept[-1]}; {part}"
        else:
            kept.append(part)
    return kept


def part_holding_marker(sentence: str, marker: int) -> str | None:
    """The statement of a sentence whose footnote marker is `marker`: what that footnote
    details ("…; lũy kế 9 tháng … 9.336,4 ha³")."""
    return next(
        (p for p in statements(sentence) if marker in {n for n, _, _ in footnote_markers(p)}),
        None,
    )


# A list: a colon or "gồm", "như", "có các", then at least three items.
_ENUMERATION = re.compile(
    r"(?::|\b(?:gồm|bao gồm|như|có các|là các))\s[^.]*?[,;]\s[^.]*?[,;]\s", re.I
)


def enumerates(sentence: str) -> bool:
    """Does the sentence list things ("có các đồng chí A, …; đồng chí B, …; …")?"""
    return bool(_ENUMERATION.search(sentence))


def details(lead: str, following: str) -> bool:
    """Does `following` spell out what `lead` announces? A lead of one statement ("7. Tập
    trung chỉ đạo công tác quản lý thu ngân sách.") followed by a sentence of several
    measures ("Rà soát …, đổi mới …; tăng cường …") is how reports word a task and its
    actions; an announced list ("gồm: A, B, C") is the other way; sentences opening with the
    same word are items of one list."""
    if lead.rstrip().endswith(":") or enumerates(following) or _same_opening(lead, following):
        return True  # "… dựa trên các nguyên tắc sau:" announces what follows
    return not re.search(r"[,;:]", lead) and _several_parts(following)


_LIST_OPENING = re.compile(r"^(?:gồm|bao gồm|là|cụ thể|trong đó|các)\b", re.I)


def lists_things(text: str) -> bool:
    """Does a text (a footnote) list things ("Gồm: Cửa khẩu quốc tế Hữu Nghị, Ga đường sắt
    Đồng Đăng", "Là các xã …; …; …"), rather than tell of one more action ("Làm việc với Đoàn
    khảo sát … các lối thông quan (khu vực mốc 1090-1091; 1104-1105) …")?"""
    outside_brackets = re.sub(r"\([^()]*\)", " ", text)
    return bool(
        enumerates(text) or _LIST_OPENING.match(text.strip()) or _several_parts(outside_brackets)
    )


def _several_parts(text: str) -> bool:
    """Do commas or semicolons split the text into three parts or more?"""
    return len(re.findall(r"[,;]\s", text)) >= 2


_BULLETS = frozenset("-+•*–")


def next_item(item: str, following: str) -> bool:
    """Is `following` the next item of the list `item` belongs to: opened by the same bullet
    ("- …", "+ …") or the same word?"""
    mark = item.lstrip()[:1]
    if mark in _BULLETS:
        return following.lstrip()[:1] == mark
    return _same_opening(item, following)


def _same_opening(lead: str, following: str) -> bool:
    """ "Hoàn thành Đề án A. Hoàn thành xây dựng Đề án B.": sentences opening alike list
    items of one kind, one a sentence."""
    first, then = lead.split()[:1], following.split()[:1]
    return bool(first) and first == then and first[0][0].isupper() and not first[0][0].isdigit()
