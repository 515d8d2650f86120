"""The dense store: chunks and their vectors in Chroma, through llama-index's ChromaVectorStore.

Chroma never embeds anything itself (no default embedding function, which would download a
model): collections are created with `embedding_function=None` and always given our vectors.
"""

from __future__ import annotations

import math
from typing import Any, cast

import chromadb
from chromadb.config import Settings as ChromaClientSettings
from llama_index.core.schema import BaseNode, TextNode
from llama_index.core.vector_stores.types import VectorStoreQuery
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.settings import Settings


def chroma_client(settings: Settings) -> Any:
    """The embedded PersistentClient under the data dir, or an HttpClient when a host is set."""
    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if settings.chroma.host:
        return chromadb.HttpClient(
            host=settings.chroma.host, port=settings.chroma.port, settings=client_settings
        )
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=client_settings)


class DenseIndex:
    """Cosine-space Chroma collection of chunks, queried with our own query vectors."""

    def __init__(self, client: Any, collection: str) -> None:
        self.collection = client.get_or_create_collection(
            collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self.store = ChromaVectorStore(chroma_collection=self.collection)

    def count(self) -> int:
        return int(self.collection.count())

    def ids(self, doc: str | None = None) -> list[str]:
        where = {"doc": doc} if doc else None
        return list(self.collection.get(where=where, include=[])["ids"])

    def replace_doc(self, doc: str, nodes: list[TextNode]) -> None:
        """Drop every chunk of `doc` (stale or left by a crash), then add the new ones."""
        self.remove_doc(doc)
        if nodes:
            self.store.add(list[BaseNode](nodes))

    def remove_doc(self, doc: str) -> None:
        self.collection.delete(where={"doc": doc})

    def search(
        self,
        embedding: list[float],
        k: int,
        where: dict[str, Any] | None = None,
        ids: list[str] | None = None,
    ) -> list[tuple[TextNode, float]]:
        """Top-k chunks with their cosine similarity, best first, within `where` and `ids`."""
        if k <= 0:
            return []
        query = VectorStoreQuery(query_embedding=embedding, similarity_top_k=k)
        options: dict[str, Any] = {}
        if where:
            options["where"] = where
        if ids:
            options["ids"] = ids
        result = self.store.query(query, **options)
        hits = []
        for node, score in zip(result.nodes or [], result.similarities or [], strict=True):
            # ChromaVectorStore reports exp(-distance); cosine distance is 1 - cos.
            cosine = 1.0 + math.log(score) if score > 0 else -1.0
            hits.append((cast(TextNode, node), cosine))
        return hits
