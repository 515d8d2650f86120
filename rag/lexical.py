"""The lexical index: BM25 (bm25s) over Vietnamese tokens, persisted beside the dense store.

Each save writes a new version directory and then switches the `CURRENT` pointer to it with an
atomic rename, so a reader never sees a half-written index and a crash leaves the last good one.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from llama_index.core.schema import TextNode

from rag.chunk import search_text
from rag.tokenize import search_tokens

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import

import bm25s  # noqa: E402

_RECORDS = "records.jsonl"
_POINTER = "CURRENT"


class LexicalIndex:
    """BM25 over every chunk; also the local copy of each chunk's node for rendering hits."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._nodes: dict[str, TextNode] = {}
        self._ids: list[str] = []
        self._bm25: bm25s.BM25 | None = None
        self._doc_ids: dict[str, list[str]] | None = None  # built on first use

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        index = cls(directory)
        pointer = directory / _POINTER
        if not pointer.exists():
            return index
        version = directory / pointer.read_text().strip()
        with (version / _RECORDS).open(encoding="utf-8") as records:
            for line in records:
                node = TextNode.from_json(line)
                index._nodes[node.node_id] = node
        index._ids = sorted(index._nodes)
        if index._ids:
            index._bm25 = bm25s.BM25.load(str(version / "bm25"), show_progress=False)
        return index

    # -------------------------------------------------------------------- writing

    def replace_doc(self, doc: str, nodes: Iterable[TextNode]) -> None:
        self.remove_doc(doc)
        for node in nodes:
            self._nodes[node.node_id] = node
        self._bm25 = self._doc_ids = None

    def remove_doc(self, doc: str) -> None:
        for node_id in [i for i, n in self._nodes.items() if n.metadata.get("doc") == doc]:
            del self._nodes[node_id]
        self._bm25 = self._doc_ids = None

    def save(self) -> None:
        """Rebuild BM25 over all chunks and switch readers to it atomically."""
        self._build()
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"v-{uuid.uuid4().hex[:12]}"
        version = self.directory / name
        version.mkdir()
        with (version / _RECORDS).open("w", encoding="utf-8") as records:
            for node_id in self._ids:
                # Vectors live in the dense store; the records keep text and metadata only.
                node = self._nodes[node_id].model_copy(update={"embedding": None})
                records.write(node.to_json() + "\n")
        if self._bm25 is not None:
            self._bm25.save(str(version / "bm25"), show_progress=False)
        temporary = self.directory / f"{_POINTER}.{name}"
        temporary.write_text(name)
        os.replace(temporary, self.directory / _POINTER)
        for old in self.directory.glob("v-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)

    def _build(self) -> None:
        self._ids = sorted(self._nodes)
        if not self._ids:
            self._bm25 = None
            return
        corpus = [search_tokens(search_text(self._nodes[i])) for i in self._ids]
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)

    # -------------------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self._nodes)

    def ids(self) -> list[str]:
        return list(self._ids) if self._bm25 is not None else sorted(self._nodes)

    def ids_of(self, docs: frozenset[str]) -> set[str]:
        """Ids of the chunks of some documents."""
        if self._doc_ids is None:
            self._doc_ids = {}
            for node_id, node in self._nodes.items():
                self._doc_ids.setdefault(node.metadata.get("doc", ""), []).append(node_id)
        return {i for doc in docs for i in self._doc_ids.get(doc, ())}

    def node(self, node_id: str) -> TextNode:
        return self._nodes[node_id]

    def nodes(self) -> list[TextNode]:
        return [self._nodes[i] for i in sorted(self._nodes)]

    def search(
        self, query: str, k: int, allowed: set[str] | None = None
    ) -> list[tuple[TextNode, float]]:
        """Top-k chunks by BM25 score (only those in `allowed` when given), best first."""
        if self._bm25 is None:
            self._build()
        if self._bm25 is None or not self._ids:
            return []
        tokens = search_tokens(query)
        if not tokens:
            return []
        mask = None
        if allowed is not None:
            mask = np.array([i in allowed for i in self._ids], dtype=np.float32)
            if not mask.any():
                return []
        k = min(k, len(self._ids))
        docs, scores = self._bm25.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            (self._nodes[self._ids[int(d)]], float(s))
            for d, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]
