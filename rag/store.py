"""The dense store: chunks and their vectors in Chroma, through llama-index's ChromaVectorStore.

Chroma never embeds anything itself (no default embedding function, which would download a
model): collections are created with `embedding_function=None` and always given our vectors.

Two topologies (README, "Operations"):
- embedded: a `PersistentClient` under the data dir. Chroma keeps the vector index of an open
  client in memory, so a process does not see what another process wrote until it opens the
  store again (`DenseIndex.reopen`); until then it searches the vectors it loaded, and may be
  given ids another process has since deleted (their documents come back empty).
- server: an `HttpClient` to a Chroma server shared by every process; what one writes, all see.

Either way the collection's metadata carries the index's stamp (the version of the lexical
index committed with it), the embedding model, and whether a writer is in the middle of a
change, so a reader elsewhere knows when to rebuild its lexical copy (`rag/components.py`).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import chromadb
from chromadb.config import Settings as ChromaClientSettings
from llama_index.core.schema import BaseNode, TextNode
from llama_index.core.vector_stores.types import VectorStoreQuery
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.settings import Settings

STAMP_KEY = "baocao_stamp"  # the committed version (the lexical index's version name)
MODEL_KEY = "baocao_model"  # the embedding model the vectors were made with
WRITING_KEY = "baocao_writing"  # a writer has started a change it has not committed yet
_PAGE = 5000  # documents fetched per call when reading the whole collection
# Candidates the HNSW graph search keeps (Chroma's default is 100). On the bundled reports
# (450 to 750 chunks) the default missed a true neighbour for 2 to 4% of questions, and not the
# same ones from one load of the index to the next; at 500 the search finds what an exact one
# finds. It costs under 1 ms a query at 4,500 chunks.
_SEARCH_BREADTH = 500


def chroma_client(settings: Settings, fresh: bool = False) -> Any:
    """The embedded PersistentClient under the data dir, or an HttpClient when a host is set.

    Chroma shares one client system per path in a process; `fresh` drops it first, so the
    new client reads what other processes wrote since it was opened (embedded store only).
    """
    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if settings.chroma.host:
        return chromadb.HttpClient(
            host=settings.chroma.host, port=settings.chroma.port, settings=client_settings
        )
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    if fresh:
        _forget_system(str(path))
    return chromadb.PersistentClient(path=str(path), settings=client_settings)


def _forget_system(path: str) -> None:
    """Make the next PersistentClient on `path` load the store from disk again. Clients
    already open keep the system they have (in-flight searches finish on it)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    with SharedSystemClient._refcount_lock:
        SharedSystemClient._identifier_to_system.pop(path, None)
        SharedSystemClient._identifier_to_refcount.pop(path, None)


def unfindable(collection: Any, ids: list[str] | None = None) -> list[str]:
    """The ids (all, or those given) whose stored vector `collection`'s vector index does not
    return. Chroma keeps rows in SQLite and vectors in an HNSW index persisted apart; a writer
    killed at the wrong moment can leave the second behind the first."""
    if ids is None:
        ids = list(collection.get(include=[])["ids"])
    missing: list[str] = []
    for start in range(0, len(ids), _PAGE):
        page = collection.get(ids=ids[start : start + _PAGE], include=["embeddings"])
        if not page["ids"]:
            continue
        found = collection.query(
            query_embeddings=page["embeddings"], n_results=3, include=["distances"]
        )
        for chunk_id, near, distances in zip(
            page["ids"], found["ids"], found["distances"], strict=True
        ):
            if chunk_id not in near and not (distances and distances[0] < 1e-4):
                missing.append(chunk_id)
    return missing


@dataclass(frozen=True)
class StoreState:
    """What the collection's metadata says about the index it holds."""

    stamp: str | None  # None: no writer ever committed to this collection
    model: str | None
    writing: bool


class DenseIndex:
    """Cosine-space Chroma collection of chunks, queried with our own query vectors."""

    def __init__(
        self, client: Any, collection: str, reopen: Callable[[], Any] | None = None
    ) -> None:
        self.name = collection
        self._reopen = reopen
        self._known: Mapping[str, TextNode] | None = None
        self.seen_stamp: str | None = None  # the committed stamp this client has loaded
        self._open(client)

    def _open(self, client: Any) -> None:
        self.client = client
        self.collection = client.get_or_create_collection(
            self.name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": _SEARCH_BREADTH}},
        )
        self.store = ChromaVectorStore(chroma_collection=self.collection)

    @property
    def shared(self) -> bool:
        """True for a Chroma server: every process sees every write at once."""
        settings = self.client.get_settings()
        return not settings.is_persistent and settings.chroma_api_impl.endswith("FastAPI")

    def reopen(self, stamp: str | None = None) -> None:
        """Load the store from disk again (embedded: another process wrote to it)."""
        if self._reopen is not None:
            self._open(self._reopen())
        self.seen_stamp = stamp

    def snapshot(self, nodes: Mapping[str, TextNode]) -> DenseIndex:
        """A view of this index that answers only with the chunks of a loaded snapshot.

        Its `search` drops the ids `nodes` does not hold (written after the snapshot, or
        deleted and still in an embedded client's memory) and returns the snapshot's own
        nodes, so a reader never mixes a half-written change into an answer. While the
        store and the snapshot agree, it finds exactly what `search` finds."""
        view = copy.copy(self)
        view._known = nodes
        return view

    # -------------------------------------------------------------------- reading

    def count(self) -> int:
        return int(self.collection.count())

    def ids(self, doc: str | None = None) -> list[str]:
        where = {"doc": doc} if doc else None
        return list(self.collection.get(where=where, include=[])["ids"])

    def nodes(self) -> Iterator[TextNode]:
        """Every chunk stored, rebuilt from the collection (text and metadata, no vector)."""
        offset = 0
        while True:
            page = self.collection.get(
                include=["documents", "metadatas"], limit=_PAGE, offset=offset
            )
            for text, metadata in zip(page["documents"], page["metadatas"], strict=True):
                node = metadata_dict_to_node(metadata, text=text)
                yield cast(TextNode, node)
            if len(page["ids"]) < _PAGE:
                return
            offset += _PAGE

    def unfindable(self, ids: list[str] | None = None) -> list[str]:
        """The ids (all, or those given) whose stored vector the vector index does not return."""
        return unfindable(self.collection, ids)

    def state(self) -> StoreState:
        """The stamp, model and writing flag, as the store holds them now."""
        metadata = self.client.get_collection(self.name).metadata or {}
        stamp = metadata.get(STAMP_KEY) or None
        model = metadata.get(MODEL_KEY) or None
        return StoreState(stamp, model, bool(metadata.get(WRITING_KEY)))

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
        if self._known is not None:
            return self._search_snapshot(embedding, k, where, ids, self._known)
        query = VectorStoreQuery(query_embedding=embedding, similarity_top_k=k)
        options: dict[str, Any] = {}
        if where:
            options["where"] = where
        if ids:
            options["ids"] = ids
        result = self.store.query(query, **options)
        hits = []
        for node, score in zip(result.nodes or [], result.similarities or [], strict=True):
            hits.append((cast(TextNode, node), _cosine(score)))
        return hits

    def _search_snapshot(
        self,
        embedding: list[float],
        k: int,
        where: dict[str, Any] | None,
        ids: list[str] | None,
        known: Mapping[str, TextNode],
    ) -> list[tuple[TextNode, float]]:
        # The same query ChromaVectorStore makes, without the documents and metadatas: the
        # snapshot holds the nodes (and an id deleted meanwhile has none to give).
        options: dict[str, Any] = {"include": ["distances"]}
        if where:
            options["where"] = where
        if ids:
            options["ids"] = ids
        result = self.collection.query(query_embeddings=embedding, n_results=k, **options)
        hits = []
        for node_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            node = known.get(node_id)
            if node is not None:
                hits.append((node, _cosine(math.exp(-distance))))
        return hits

    # -------------------------------------------------------------------- writing

    def replace_doc(self, doc: str, nodes: list[TextNode]) -> None:
        """Drop every chunk of `doc` (stale or left by a crash), then add the new ones."""
        self.remove_doc(doc)
        if nodes:
            self.store.add(list[BaseNode](nodes))

    def remove_doc(self, doc: str) -> None:
        self.collection.delete(where={"doc": doc})

    def remove_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), _PAGE):
            self.collection.delete(ids=ids[start : start + _PAGE])

    def rebuild(self) -> None:
        """Make the collection again from its own rows: ids, vectors, texts, metadata and the
        collection's state are kept, nothing is embedded again."""
        rows: dict[str, list[Any]] = {"ids": [], "embeddings": [], "documents": [], "metadatas": []}
        offset = 0
        while True:
            page = self.collection.get(
                include=["embeddings", "documents", "metadatas"], limit=_PAGE, offset=offset
            )
            for key in rows:
                rows[key].extend(page[key])
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        metadata = dict(self.collection.metadata or {})
        self.client.delete_collection(self.name)
        self._open(self.client)
        if metadata:
            self.collection.modify(metadata=metadata)
        for start in range(0, len(rows["ids"]), _PAGE):
            self.collection.add(**{k: v[start : start + _PAGE] for k, v in rows.items()})

    @property
    def narrow(self) -> bool:
        """True for a collection an older release made, whose search keeps fewer candidates
        (a collection reporting no HNSW breadth is left as it is)."""
        hnsw = (self.collection.configuration or {}).get("hnsw") or {}
        return int(hnsw.get("ef_search", _SEARCH_BREADTH)) < _SEARCH_BREADTH

    def mark_writing(self) -> None:
        """Tell readers elsewhere that a change has started (they keep their snapshot)."""
        state = self.state()
        self._set_state(StoreState(state.stamp, state.model, True))

    def commit(self, stamp: str, model: str) -> None:
        """Record the version now complete in the store; readers elsewhere move to it."""
        self._set_state(StoreState(stamp, model, False))
        self.seen_stamp = stamp

    def _set_state(self, state: StoreState) -> None:
        metadata: dict[str, Any] = {WRITING_KEY: state.writing}
        if state.stamp:
            metadata[STAMP_KEY] = state.stamp
        if state.model:
            metadata[MODEL_KEY] = state.model
        self.collection.modify(metadata=metadata)


def _cosine(score: float) -> float:
    """ChromaVectorStore reports exp(-distance); cosine distance is 1 - cos."""
    return 1.0 + math.log(score) if score > 0 else -1.0
