"""Questions as officials type them: checked, normalised, read for the period they name."""

from __future__ import annotations

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
