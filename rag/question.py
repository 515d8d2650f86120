"""Questions as officials type them: checked, normalised, read for the period they name."""

from __future__ import annotations

import re

from rag.errors import BaocaoError
from rag.text import nfc, strip_diacritics

MAX_QUESTION_CHARS = 1000


class InvalidQuestionError(BaocaoError):
    """A question that cannot be asked (empty, or too long)."""


def normalize_question(question: str) -> str:
    """NFC, single spaces; refuses an empty question or one over MAX_QUESTION_CHARS."""
    if not isinstance(question, str):
        raise InvalidQuestionError("câu hỏi phải là văn bản")
    text = " ".join(nfc(question).split())
    if not text:
        raise InvalidQuestionError("câu hỏi trống: hãy nhập nội dung cần hỏi")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"câu hỏi quá dài ({len(text)} ký tự; tối đa {MAX_QUESTION_CHARS} ký tự)"
        )
    return text


def bare(question: str) -> str:
    """Lower case without diacritics: the form periods and question words are read in."""
    return strip_diacritics(question.lower())


# "… là bao nhiêu, và bao nhiêu doanh nghiệp đã giải thể?": a second question joined by "và"
# (or ", còn"), asking its own figure; ", trong đó" / ", riêng" asks a part of the first
# figure; "… đạt bao nhiêu và thu nội địa đạt bao nhiêu?" names a second subject before its
# verb ("làm chết bao nhiêu người" has none: one event counted two ways).
_HOW_MANY = re.compile(r"\b(?:bao nhiêu|bao nhieu|mấy|may)\b", re.IGNORECASE)
_ASKING_VERBS = "đạt|dat|là|la|có|co|được|duoc|tăng|tang|giảm|giam|chiếm|chiem"
_PART_OF = re.compile(r"[,;]\s*(?:trong đó|trong do|riêng|rieng)\s+", re.IGNORECASE)
_TRAILING_VERBS = re.compile(rf"(?:\s+(?:{_ASKING_VERBS}|khoảng|khoang|ước|uoc))+\s*$", re.I)
_JOINED = re.compile(
    rf",\s*(?:và|va|còn|con)\s+|{_PART_OF.pattern}"
    r"|\s+(?:và|va)\s+(?=(?:có\s+|co\s+)?(?:bao nhiêu|bao nhieu|mấy)\b)"
    r"|\s+(?:và|va)\s+(?!so\s+v[oớ]i\b)"
    rf"(?=(?:[^\s,;]+\s+){{1,6}}(?:{_ASKING_VERBS})\s+(?:bao nhiêu|bao nhieu|mấy)\b)",
    re.IGNORECASE,
)


def compound_parts(question: str) -> list[str]:
    """The two questions of one asking two figures of different things, or the question
    alone. "Đạt bao nhiêu, bằng bao nhiêu % kế hoạch" asks of one thing: not split."""
    asked = [m.start() for m in _HOW_MANY.finditer(question)]
    if len(asked) != 2:
        return [question]
    joins = [m for m in _JOINED.finditer(question) if asked[0] < m.start() < asked[1]]
    if not joins:
        return [question]
    join = joins[0]
    first, second = question[: join.start()].strip(), question[join.end() :].strip()
    if not (first and second):
        return [question]
    if _PART_OF.fullmatch(join.group()):
        # "GRDP tăng bao nhiêu, trong đó dịch vụ tăng bao nhiêu?": the part is of the same
        # whole, in the same report sentence as a rule: asked with the whole's subject.
        whole = " ".join(_HOW_MANY.sub(" ", first).split())
        second = f"{_TRAILING_VERBS.sub('', whole)} {second}"
    return [first, second]
