"""The lexical index: BM25 (bm25s) over Vietnamese tokens, persisted beside the dense store.

Each save writes a new version directory and then switches the `CURRENT` pointer to it with an
atomic rename, so a reader never sees a half-written index and a crash leaves the last good one.
The version's name is the index's stamp (`rag/ingest.py` records it in the manifest and in the
dense store). The previous version is kept until the next save, so a reader that read the
pointer just before a switch can still load what it pointed to.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
from llama_index.core.schema import TextNode

from rag.chunk import search_text
from rag.tokenize import search_tokens

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import

import bm25s  # noqa: E402

_RECORDS = "records.jsonl"
_POINTER = "CURRENT"
_LOAD_ATTEMPTS = 5


def new_version() -> str:
    """A fresh version name (the stamp of the next commit)."""
    return f"v-{uuid.uuid4().hex[:12]}"


def current_version(directory: Path) -> str | None:
    """The version `CURRENT` points to, or None when nothing was ever saved."""
    try:
        return (directory / _POINTER).read_text().strip() or None
    except FileNotFoundError:
        return None


class LexicalIndex:
    """BM25 over every chunk; also the local copy of each chunk's node for rendering hits."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._nodes: dict[str, TextNode] = {}
        self._ids: list[str] = []
        self._bm25: bm25s.BM25 | None = None
        self._doc_ids: dict[str, list[str]] | None = None  # built on first use
        self.version: str | None = None  # the version loaded or last saved

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """The version `CURRENT` points to (empty when none); if a writer removes it while
        it is being read, the pointer is read again."""
        for attempt in range(_LOAD_ATTEMPTS):
            version = current_version(directory)
            if version is None:
                return cls(directory)
            try:
                return cls._load_version(directory, version)
            except FileNotFoundError:
                if attempt == _LOAD_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    @classmethod
    def _load_version(cls, directory: Path, version: str) -> LexicalIndex:
        index = cls(directory)
        folder = directory / version
        with (folder / _RECORDS).open(encoding="utf-8") as records:
            for line in records:
                node = TextNode.from_json(line)
                index._nodes[node.node_id] = node
        index._ids = sorted(index._nodes)
        if index._ids:
            index._bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        index.version = version
        return index

    @classmethod
    def from_nodes(cls, directory: Path, nodes: Iterable[TextNode]) -> LexicalIndex:
        """An index over these chunks (to be saved under `directory`)."""
        index = cls(directory)
        for node in nodes:
            index._nodes[node.node_id] = node.model_copy(update={"embedding": None})
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

    def save(self, version: str | None = None) -> str:
        """Rebuild BM25 over all chunks, write it as `version` (a new name by default) and
        switch readers to it atomically; returns the version's name."""
        self._build()
        self.directory.mkdir(parents=True, exist_ok=True)
        name = version or new_version()
        previous = current_version(self.directory)
        folder = self.directory / name
        if folder.exists():  # a version of this name left by an interrupted save
            shutil.rmtree(folder)
        folder.mkdir()
        with (folder / _RECORDS).open("w", encoding="utf-8") as records:
            for node_id in self._ids:
                # Vectors live in the dense store; the records keep text and metadata only.
                node = self._nodes[node_id].model_copy(update={"embedding": None})
                records.write(node.to_json() + "\n")
        if self._bm25 is not None:
            self._bm25.save(str(folder / "bm25"), show_progress=False)
        temporary = self.directory / f"{_POINTER}.{name}"
        temporary.write_text(name)
        os.replace(temporary, self.directory / _POINTER)
        self.version = name
        for old in self.directory.iterdir():
            # Versions before the previous one, and what interrupted saves left behind.
            if old.name not in (name, previous):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                elif old.name.startswith(f"{_POINTER}."):
                    old.unlink(missing_ok=True)
        return name

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

    @property
    def by_id(self) -> Mapping[str, TextNode]:
        """The chunks of this snapshot by id (read-only use)."""
        return self._nodes

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
