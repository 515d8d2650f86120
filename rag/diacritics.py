"""Putting back the diacritics of a question typed without them, as the reports spell it.

"chi so san xuat cong nghiep" means nothing to a meaning model trained on written Vietnamese;
"chỉ số sản xuất công nghiệp" does. Each bare syllable may be spelled several ways ("chi": chỉ,
chi, chí, Chi Lăng); the spelling chosen is the likeliest sequence under the reports' own syllable
pairs (a Viterbi search over a bigram model), so that only the reports' words come back.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import pairwise

from rag.text import nfc, strip_diacritics

_WORD = re.compile(r"[^\W\d_]+")
_SPELLINGS = 6  # the commonest spellings of a bare syllable worth trying
_SMOOTHING = 0.2  # a count given to a spelling never seen
_PAIR_WEIGHT = 0.8  # how much the syllable before decides, against the spelling's frequency


# How questions are asked, which reports seldom write ("bao nhiêu", "những … nào", "ở đâu").
_QUESTION_WORDING = (
    "là bao nhiêu, được bao nhiêu, có bao nhiêu, những gì, là gì, những xã nào, những dự án nào, "
    "ở đâu, từ đâu, vì sao, tại sao, như thế nào, ra sao, mấy, ai, khi nào, bao giờ, có không, "
    "tăng hay giảm, nêu tên, kể tên, gồm những, "
    # How people name periods, amounts and needs, which the reports word otherwise.
    "nửa đầu năm, nửa cuối năm, tính đến, tính tới, tới nay, bao nhiêu tiền, số tiền, "
    "cần làm gì, cần phải, còn bao nhiêu, mỗi ngày, mỗi năm"
)
_QUESTION_WEIGHT = 20  # counted as often as a common phrase of the reports


class DiacriticRestorer:
    """Learns the reports' spellings and syllable pairs; restores bare syllables to them."""

    def __init__(self) -> None:
        self._unigrams: Counter[str] = Counter()
        self._bigrams: Counter[tuple[str, str]] = Counter()
        self._spellings: dict[str, list[str]] | None = None
        for phrase in _QUESTION_WORDING.split(", "):
            for _ in range(_QUESTION_WEIGHT):
                self.add(phrase)

    def add(self, text: str) -> None:
        """Count the spellings and syllable pairs of a passage."""
        words = _WORD.findall(nfc(text).lower())
        self._unigrams.update(words)
        self._bigrams.update(pairwise(words))
        self._spellings = None

    def add_units(self, units: Mapping[str, int]) -> None:
        """Count "bao nhiêu con", "mấy hộ" as often as the reports count in each word (in how
        many passages): asked how many, a question names a unit ("con", not "còn")."""
        for unit, passages in units.items():
            for _ in range(min(passages, _QUESTION_WEIGHT)):
                self.add(f"bao nhiêu {unit}")
                self.add(f"mấy {unit}")

    def restore(self, text: str) -> str:
        """`text` with each syllable typed without diacritics spelled as the reports likeliest
        spell it there; syllables typed with diacritics, numbers and unknown words are kept."""
        matches = list(_WORD.finditer(text))
        if not matches or not any(m.group().isascii() for m in matches):
            return text
        spellings = self._spelling_table()
        options = []
        for match in matches:
            word = match.group().lower()
            known = spellings.get(word) if word.isascii() else None
            options.append(known or [word])
        chosen = self._viterbi(options)
        pieces, last = [], 0
        for match, tried, spelled in zip(matches, options, chosen, strict=True):
            original = match.group()
            pieces.append(text[last : match.start()])
            kept = len(tried) == 1 and tried[0] == original.lower()  # typed so, or unknown
            pieces.append(original if kept else _in_case_of(original, spelled))
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def _spelling_table(self) -> dict[str, list[str]]:
        if self._spellings is None:
            by_bare: dict[str, Counter[str]] = defaultdict(Counter)
            for word, count in self._unigrams.items():
                by_bare[strip_diacritics(word)][word] += count
            self._spellings = {
                bare: [w for w, _ in counts.most_common(_SPELLINGS)]
                for bare, counts in by_bare.items()
            }
        return self._spellings

    def _viterbi(self, options: list[list[str]]) -> list[str]:
        """The likeliest spelling of every syllable together, under the pair model."""
        total = sum(self._unigrams.values()) or 1
        best = {w: (self._log_unigram(w, total), [w]) for w in options[0]}
        for candidates in options[1:]:
            step = {}
            for word in candidates:
                score, path = max(
                    (s + self._log_next(prev, word, total), p) for prev, (s, p) in best.items()
                )
                step[word] = (score, [*path, word])
            best = step
        return max(best.values())[1]

    def _log_unigram(self, word: str, total: int) -> float:
        return math.log((self._unigrams[word] + _SMOOTHING) / total)

    def _log_next(self, previous: str, word: str, total: int) -> float:
        """log P(word | previous): the pair's share of the previous syllable's uses,
        interpolated with the word's own frequency (for pairs the reports never wrote)."""
        seen = self._unigrams[previous]
        pair = self._bigrams[(previous, word)] / seen if seen else 0.0
        alone = (self._unigrams[word] + _SMOOTHING) / total
        return math.log(_PAIR_WEIGHT * pair + (1 - _PAIR_WEIGHT) * alone)


def _in_case_of(original: str, spelled: str) -> str:
    """`spelled` in the letter case `original` was typed in: "Lang" -> "Lạng", "THU" -> "THU"."""
    if original.isupper() and len(original) > 1:
        return spelled.upper()
    if original[:1].isupper():
        return spelled[:1].upper() + spelled[1:]
    return spelled
