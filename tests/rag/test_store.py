"""The Chroma side of the index: finding vectors its search index lost, and rebuilding it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from llama_index.core.schema import TextNode

from rag.manifest import Journal
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client, unfindable
from tests.conftest import CORPUS, SEEDS
from tests.rag.test_ingest import make_ingestor


class LossyCollection:
    """A Chroma collection whose search index lacks some rows, as after a writer was killed
    at the wrong moment (the rows stay in SQLite, their vectors are not searched)."""

    def __init__(self, inner: Any, lost: set[str]) -> None:
        self.inner, self.lost = inner, lost

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def query(self, **kwargs: Any) -> dict[str, Any]:
        n = kwargs["n_results"]
        found = self.inner.query(**{**kwargs, "n_results": n + len(self.lost)})
        kept: dict[str, list[Any]] = {"ids": [], "distances": []}
        for ids, distances in zip(found["ids"], found["distances"], strict=True):
            pairs = [(i, d) for i, d in zip(ids, distances, strict=True) if i not in self.lost]
            kept["ids"].append([i for i, _ in pairs[:n]])
            kept["distances"].append([d for _, d in pairs[:n]])
        return kept


@pytest.fixture
def indexed(settings: Settings) -> DenseIndex:
    settings.corpus_dir.mkdir(parents=True)
    for name in (SEEDS["2017"], SEEDS["2020"]):
        shutil.copy(CORPUS / name, settings.corpus_dir / name)
    ingestor = make_ingestor(settings)
    ingestor.ingest([settings.corpus_dir])
    return ingestor.dense


def rows(dense: DenseIndex) -> dict[str, tuple[str, dict[str, Any], list[float]]]:
    got = dense.collection.get(include=["documents", "metadatas", "embeddings"])
    return {
        i: (d, m, list(np.round(e, 6)))
        for i, d, m, e in zip(
            got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True
        )
    }


def test_search_finds_the_exact_nearest_chunks(settings: Settings) -> None:
    """Chroma's HNSW search is approximate; at its default breadth it misses true neighbours
    of a few questions already at this scale. Random vectors are the hard case for it."""
    dense = DenseIndex(chroma_client(settings), settings.chroma.collection)
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(1500, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"a.txt#b{i}" for i in range(len(vectors))]
    for start in range(0, len(ids), 500):
        dense.collection.add(
            ids=ids[start : start + 500],
            embeddings=vectors[start : start + 500],
            metadatas=[{"doc": "a.txt"}] * len(ids[start : start + 500]),
        )
    view = dense.snapshot({i: TextNode(id_=i, text=i) for i in ids})
    for query in rng.normal(size=(20, 384)).astype(np.float32):
        exact = [ids[i] for i in np.argsort(-(vectors @ query))[:30]]
        assert [node.node_id for node, _ in view.search(query.tolist(), 30)] == exact


def test_ingestion_widens_the_search_of_an_index_an_older_release_made(
    settings: Settings,
) -> None:
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(CORPUS / SEEDS["2017"], settings.corpus_dir / SEEDS["2017"])
    ingestor = make_ingestor(settings)
    ingestor.ingest([settings.corpus_dir])
    before, state = rows(ingestor.dense), ingestor.dense.state()
    # As an older release left it: the same rows in a collection of Chroma's default breadth.
    old = chroma_client(settings)
    got = ingestor.dense.collection.get(include=["embeddings", "documents", "metadatas"])
    old.delete_collection(settings.chroma.collection)
    narrow = old.create_collection(
        settings.chroma.collection,
        embedding_function=None,
        configuration={"hnsw": {"space": "cosine"}},
        metadata=ingestor.dense.collection.metadata,
    )
    narrow.add(**{k: got[k] for k in ("ids", "embeddings", "documents", "metadatas")})
    ingestor = make_ingestor(settings)
    assert ingestor.dense.narrow
    result = ingestor.ingest([settings.corpus_dir])
    assert not result.changed  # nothing embedded again
    assert not ingestor.dense.narrow
    assert rows(ingestor.dense) == before and ingestor.dense.state() == state
    assert ingestor.dense.unfindable() == []


def test_a_healthy_index_finds_every_vector(indexed: DenseIndex) -> None:
    assert indexed.count() > 100
    assert indexed.unfindable() == []
    assert indexed.unfindable(indexed.ids()[:7]) == []


def test_vectors_the_search_index_lost_are_named(indexed: DenseIndex) -> None:
    lost = set(indexed.ids()[3:5])
    assert sorted(unfindable(LossyCollection(indexed.collection, lost))) == sorted(lost)


def test_a_rebuild_keeps_every_row_and_the_committed_state(indexed: DenseIndex) -> None:
    before, state = rows(indexed), indexed.state()
    assert state.stamp
    indexed.rebuild()
    assert rows(indexed) == before
    assert indexed.state() == state
    assert indexed.unfindable() == []


@pytest.mark.parametrize("how", ["baocao ingest verifies", "a crash left a journal"])
def test_ingestion_rebuilds_an_index_that_lost_vectors(settings: Settings, how: str) -> None:
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(CORPUS / SEEDS["2017"], settings.corpus_dir / SEEDS["2017"])
    ingestor = make_ingestor(settings)
    ingestor.ingest([settings.corpus_dir])
    before = rows(ingestor.dense)
    lost = set(ingestor.dense.ids()[:4])
    ingestor.dense.collection = LossyCollection(ingestor.dense.collection, lost)
    assert sorted(ingestor.dense.unfindable()) == sorted(lost)
    if how == "a crash left a journal":
        Journal(ingestor.journal_path, "v-crashed", {}).save()
    result = ingestor.ingest([settings.corpus_dir], verify=how == "baocao ingest verifies")
    assert not result.changed  # nothing was embedded again
    assert not isinstance(ingestor.dense.collection, LossyCollection)  # made again
    assert ingestor.dense.unfindable() == []
    assert rows(ingestor.dense) == before


def test_an_unchanged_ingestion_does_not_search_every_vector(settings: Settings) -> None:
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(CORPUS / SEEDS["2017"], settings.corpus_dir / SEEDS["2017"])
    ingestor = make_ingestor(settings)
    ingestor.ingest([settings.corpus_dir])
    lossy = LossyCollection(ingestor.dense.collection, {ingestor.dense.ids()[0]})
    ingestor.dense.collection = lossy
    ingestor.ingest([Path(settings.corpus_dir)])  # the bot's uploads: no full check
    assert ingestor.dense.collection is lossy
