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
# (or ", còn"), asking its own figure.
_HOW_MANY = re.compile(r"\b(?:bao nhiêu|bao nhieu|mấy|may)\b", re.IGNORECASE)
_JOINED = re.compile(
    r",\s*(?:và|va|còn|con)\s+|\s+(?:và|va)\s+(?=(?:có\s+|co\s+)?(?:bao nhiêu|bao nhieu|mấy)\b)",
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
    join = joins[-1]
    first, second = question[: join.start()].strip(), question[join.end() :].strip()
    return [first, second] if first and second else [question]
