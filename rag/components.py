"""Build the pipeline's parts from Settings: the one place that knows how they fit."""

from __future__ import annotations

import logging
import time
from functools import partial

from llama_index.core.base.embeddings.base import BaseEmbedding

from rag.chunk import Chunker
from rag.embed import E5Embedding, HashingEmbedding
from rag.errors import IndexBusyError, ReadOnlyIndexError
from rag.ingest import Ingestor, check_writer_free, writer_lock
from rag.lexical import LexicalIndex, current_version, new_version
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client

log = logging.getLogger(__name__)


def make_embedder(settings: Settings) -> BaseEmbedding:
    if settings.embedding.model == "hashing":
        return HashingEmbedding()
    return E5Embedding(batch_size=settings.embedding.batch_size)


def make_dense_index(settings: Settings) -> DenseIndex:
    # The stamp is read before the store is opened: the client holds at least that version.
    stamp = current_version(settings.data_dir / "lexical")
    dense = DenseIndex(
        chroma_client(settings),
        settings.chroma.collection,
        reopen=partial(chroma_client, settings, fresh=True),
    )
    dense.seen_stamp = stamp
    return dense


def make_ingestor(
    settings: Settings, embedder: BaseEmbedding | None = None, dense: DenseIndex | None = None
) -> Ingestor:
    # A second writer fails here, before the model is loaded or the store opened.
    if settings.chroma.read_only:
        raise ReadOnlyIndexError(
            "this process only reads the index (BAOCAO_CHROMA__READ_ONLY=true): "
            "add, change or remove reports where the writer runs"
        )
    check_writer_free(settings.data_dir)
    return Ingestor(
        data_dir=settings.data_dir,
        embedder=embedder or make_embedder(settings),
        dense=dense or make_dense_index(settings),
        chunker=Chunker(settings.chunking.max_words),
    )


def sync_from_store(settings: Settings, dense: DenseIndex, wait_s: float = 0.0) -> bool:
    """Chroma server: make this data dir's lexical index the version the server holds.

    A process whose data dir is the writer's already has it (the writer saves the lexical
    index before it stamps the server). Any other rebuilds it from the server's documents,
    unless a writer is in the middle of a change (then it waits up to `wait_s`, and otherwise
    keeps what it has). Returns whether the local copy is now the server's version."""
    if not dense.shared:
        return True
    directory = settings.data_dir / "lexical"
    deadline = time.monotonic() + wait_s
    while True:
        state = dense.state()
        if state.stamp is None or current_version(directory) == state.stamp:
            return True
        if not state.writing:
            try:
                with writer_lock(settings.data_dir):  # no one else writes this copy meanwhile
                    if current_version(directory) == state.stamp:
                        return True
                    nodes = list(dense.nodes())
                    if dense.state() == state:  # nothing changed while reading
                        LexicalIndex.from_nodes(directory, nodes).save(state.stamp)
                        log.info("lexical index %s rebuilt from the Chroma server", state.stamp)
                        return True
            except IndexBusyError:
                pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def copy_from_store(settings: Settings, dense: DenseIndex) -> None:
    """Chroma server, no local copy, a writer still busy: build one from what the server has
    now, under a name of its own (so the server's next committed version replaces it)."""
    with writer_lock(settings.data_dir):
        if current_version(settings.data_dir / "lexical") is None:
            log.warning("a writer is changing the index: serving the server's current state")
            nodes = list(dense.nodes())
            LexicalIndex.from_nodes(settings.data_dir / "lexical", nodes).save(new_version())
