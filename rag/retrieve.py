"""Hybrid retrieval: dense (Chroma + e5) and lexical (BM25 over Vietnamese tokens), fused."""

from __future__ import annotations

from dataclasses import dataclass, field

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from rag.lexical import LexicalIndex
from rag.store import DenseIndex


@dataclass
class Hit:
    """A retrieved chunk with the evidence for its rank."""

    node: TextNode
    score: float = 0.0
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25 score
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def node_id(self) -> str:
        return self.node.node_id


@dataclass(frozen=True)
class Scope:
    """Where to search: some documents, or some chunks; None means everywhere."""

    docs: frozenset[str] | None = None
    chunk_ids: frozenset[str] | None = None

    def allowed(self, lexical: LexicalIndex) -> set[str] | None:
        if self.docs is None and self.chunk_ids is None:
            return None
        if self.chunk_ids is None:
            return lexical.ids_of(self.docs or frozenset())
        ids = set(self.chunk_ids)
        if self.docs is not None:
            ids &= lexical.ids_of(self.docs)
        return ids


class HybridRetriever:
    """Reciprocal-rank fusion of a dense and a lexical ranking, each weighted.

    RRF needs no score calibration between cosine and BM25, which differ in scale per question.
    """

    def __init__(
        self,
        embedder: BaseEmbedding,
        dense: DenseIndex,
        lexical: LexicalIndex,
        candidates: int = 30,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        lexical_weight: float = 1.0,
    ) -> None:
        if candidates < 1:
            raise ValueError(f"candidates must be positive, got {candidates}")
        if rrf_k < 1:
            raise ValueError(f"rrf_k must be positive, got {rrf_k}")
        self.embedder = embedder
        self.dense = dense
        self.lexical = lexical
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight

    def embed(self, question: str) -> list[float]:
        return self.embedder.get_query_embedding(question)

    def retrieve(
        self,
        question: str,
        scope: Scope | None = None,
        embedding: list[float] | None = None,
        dense_weight: float | None = None,
    ) -> list[Hit]:
        """Fused ranking within `scope`; `dense_weight` overrides the default for this call."""
        scope = scope or Scope()
        dense_weight = self.dense_weight if dense_weight is None else dense_weight
        allowed = scope.allowed(self.lexical)
        if allowed is not None and not allowed:
            return []
        hits: dict[str, Hit] = {}
        if dense_weight > 0:
            where = {"doc": {"$in": sorted(scope.docs)}} if scope.docs is not None else None
            ids = sorted(allowed) if scope.chunk_ids is not None and allowed else None
            vector = embedding if embedding is not None else self.embed(question)
            for rank, (node, cosine) in enumerate(
                self.dense.search(vector, self.candidates, where=where, ids=ids)
            ):
                hit = hits.setdefault(node.node_id, Hit(self._local(node)))
                hit.dense = cosine
                hit.ranks["dense"] = rank
                hit.score += dense_weight / (self.rrf_k + rank + 1)
        if self.lexical_weight > 0:
            for rank, (node, bm25) in enumerate(
                self.lexical.search(question, self.candidates, allowed)
            ):
                hit = hits.setdefault(node.node_id, Hit(node))
                hit.lexical = bm25
                hit.ranks["lexical"] = rank
                hit.score += self.lexical_weight / (self.rrf_k + rank + 1)
        return sorted(hits.values(), key=lambda h: (-h.score, h.node_id))

    def _local(self, node: TextNode) -> TextNode:
        """The lexical index's copy of a node (same id), which keeps its metadata intact."""
        try:
            return self.lexical.node(node.node_id)
        except KeyError:
            return node
