"""Fakes written for the tests (never mocks of the code under test)."""

from __future__ import annotations

import unicodedata

from rag.embed import HashingEmbedding

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


class CountingEmbedding(HashingEmbedding):
    """The hashing embedder, counting the passages it embeds."""

    passages: int = 0

    def _get_text_embedding(self, text: str) -> list[float]:
        self.passages += 1
        return super()._get_text_embedding(text)


class FailingEmbedding(HashingEmbedding):
    """Fails on any passage containing `poison`, as a crashed model would."""

    poison: str = "POISON"

    def _get_text_embedding(self, text: str) -> list[float]:
        if self.poison in text:
            raise RuntimeError("model crashed")
        return super()._get_text_embedding(text)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors write it: base letters precomposed, tones combining."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        marks = decomposed[1:]
        base = unicodedata.normalize(
            "NFC", decomposed[0] + "".join(m for m in marks if m not in _TONE_MARKS)
        )
        out.append((base + "".join(m for m in marks if m in _TONE_MARKS)).encode("cp1258"))
    return b"".join(out)
