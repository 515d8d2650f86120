"""Build the pipeline's parts from Settings: the one place that knows how they fit."""

from __future__ import annotations

from llama_index.core.base.embeddings.base import BaseEmbedding

from rag.chunk import Chunker
from rag.embed import E5Embedding, HashingEmbedding
from rag.ingest import Ingestor
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client


def make_embedder(settings: Settings) -> BaseEmbedding:
    if settings.embedding.model == "hashing":
        return HashingEmbedding()
    return E5Embedding(batch_size=settings.embedding.batch_size)


def make_dense_index(settings: Settings) -> DenseIndex:
    return DenseIndex(chroma_client(settings), settings.chroma.collection)


def make_ingestor(settings: Settings, embedder: BaseEmbedding | None = None) -> Ingestor:
    return Ingestor(
        data_dir=settings.data_dir,
        embedder=embedder or make_embedder(settings),
        dense=make_dense_index(settings),
        chunker=Chunker(settings.chunking.max_words),
    )
