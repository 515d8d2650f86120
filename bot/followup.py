"""Short follow-ups ("còn tháng 11/2023?", "năm 2017 thì sao?") read with the previous question.

A follow-up is a short message that names a period and says nothing else of substance. It is
answered as the previous question of the same chat with its period replaced:
"Tổng thu ngân sách 11 tháng năm 2017?" + "còn tháng 11/2023?" ->
"Tổng thu ngân sách tháng 11/2023?".
"""

from __future__ import annotations

import re

from rag.question import bare
from rag.text import nfc

MAX_FOLLOWUP_WORDS = 8

# Periods as questions write them, matched lower-case without diacritics (the forms
# rag.periods reads). Longer forms come first so "11 tháng năm 2023" is taken whole.
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = re.compile(
    rf"""
    (?:nua\s+dau\s+nam|6\s+thang\s+dau\s+nam)(?:\s+{_YEAR})?
    | \d{{1,2}}\s*thang(?:\s*dau)?(?:\s*nam)?(?:\s*{_YEAR})?
    | quy\s+(?:iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)?\s*{_YEAR})?
    | thang\s*\d{{1,2}}(?:\s*(?:/|-|nam|,)?\s*{_YEAR})?
    | \d{{1,2}}\s*/\s*{_YEAR}
    | (?:nam\s+)?{_YEAR}
    | nam\s+(?:nay|ngoai|truoc)
    """,
    re.VERBOSE,
)
# Words a follow-up may hold besides its period: "còn … thì sao?", "thế … thì thế nào nhỉ".
_FILLER = frozenset(
    [
        *("con", "the", "thi", "sao", "nao", "vay", "nhi", "a", "ah", "nhe", "va", "ky"),
        *("bao", "cao", "trong", "cua", "cho", "voi", "o", "tai", "den", "het", "so"),
        *("lieu", "nhieu", "duoc", "hoi", "luc", "khi", "do", "day", "ra"),
    ]
)
_WORD = re.compile(r"\w+")


def is_followup(text: str) -> bool:
    """Does `text` only name a period, as a follow-up to the previous question?"""
    folded = bare(nfc(text))
    if len(_WORD.findall(folded)) > MAX_FOLLOWUP_WORDS or not _PERIOD.search(folded):
        return False
    rest = _PERIOD.sub(" ", folded)
    return all(word in _FILLER for word in _WORD.findall(rest))


def combine(previous: str, followup: str) -> str:
    """The previous question with its periods replaced by the follow-up's."""
    # "và" keeps two periods a comparison, as rag reads "tháng 11/2023 và năm 2017".
    periods = " và ".join(_periods_in(nfc(followup)))
    stem = _without_periods(nfc(previous)).rstrip(" ?.!")
    ending = "?" if previous.rstrip().endswith("?") or followup.rstrip().endswith("?") else ""
    return f"{stem} {periods}{ending}".strip()


def _periods_in(text: str) -> list[str]:
    """The period phrases of `text`, as written (with their diacritics)."""
    folded = bare(text)
    source = text if len(folded) == len(text) else folded  # positions align in NFC text
    return [source[m.start() : m.end()] for m in _PERIOD.finditer(folded)]


def _without_periods(text: str) -> str:
    folded = bare(text)
    source = text if len(folded) == len(text) else folded
    kept, last = [], 0
    for match in _PERIOD.finditer(folded):
        kept.append(source[last : match.start()])
        last = match.end()
    kept.append(source[last:])
    return " ".join("".join(kept).split())
