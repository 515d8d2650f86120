"""Vietnamese tokens for lexical search: syllables, and the same without diacritics."""

from __future__ import annotations

import re

from rag.text import nfc, strip_diacritics, strip_markers

# A number keeps its separators ("5.775", "77,8"); a word is a run of letters/digits.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\d+")


def syllables(text: str, bare: bool = False) -> list[str]:
    """Lower-cased syllables and numbers; `bare` drops diacritics ("ngân sách" -> "ngan sach")."""
    text = nfc(strip_markers(text)).lower()
    if bare:
        text = strip_diacritics(text)
    return _TOKEN.findall(text)


def search_tokens(text: str) -> list[str]:
    """Tokens a passage or a question is matched on: every syllable with diacritics (when it has
    any) and without, so that "tong thu ngan sach" still finds "Tổng thu ngân sách"."""
    accented = syllables(text)
    tokens = list(accented)
    for token in accented:
        bare = strip_diacritics(token)
        if bare != token:
            tokens.append(bare)
    return tokens
