"""Incremental ingestion: files -> parse -> chunk -> embed -> Chroma + BM25, by content hash.

A file whose hash is unchanged is skipped without embedding. A changed file's chunks replace its
old ones. A file gone from a folder being ingested is removed from the index. A file that fails
(unreadable, undecodable, or failing to embed) is reported by name while the others proceed, and
the index keeps what it had for it: nothing partial is written.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from rag.chunk import Chunker, search_text
from rag.errors import IndexBusyError, UnreadableFileError
from rag.lexical import LexicalIndex
from rag.manifest import DocEntry, Manifest
from rag.parse import PARSER_VERSION
from rag.readers import SourceFile, expand_paths, load_source, parse_source
from rag.store import DenseIndex

Progress = Callable[[int, int], None]


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list[UnreadableFileError] = field(default_factory=list)
    chunks_embedded: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@contextmanager
def writer_lock(data_dir: Path) -> Iterator[None]:
    """One writer at a time: a second ingestion fails at once instead of corrupting the index."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "ingest.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(
                f"another ingestion is writing the index in {data_dir}; try again when it ends"
            ) from exc
        handle.write(str(os.getpid()))
        handle.flush()
        yield


@dataclass
class _Pending:
    source: SourceFile
    nodes: list[TextNode]
    footnotes: int
    is_new: bool


class Ingestor:
    """Keeps the dense store, the lexical index and the manifest in step with report files."""

    def __init__(
        self,
        data_dir: Path,
        embedder: BaseEmbedding,
        dense: DenseIndex,
        chunker: Chunker,
    ) -> None:
        self.data_dir = data_dir
        self.embedder = embedder
        self.dense = dense
        self.chunker = chunker

    @property
    def manifest_path(self) -> Path:
        return self.data_dir / "manifest.json"

    @property
    def lexical_dir(self) -> Path:
        return self.data_dir / "lexical"

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestResult:
        with writer_lock(self.data_dir):
            return self._ingest(paths, progress)

    def remove(self, docs: list[str]) -> list[str]:
        """Remove documents from the index by id; returns those that were indexed."""
        with writer_lock(self.data_dir):
            manifest = Manifest.load(self.manifest_path)
            lexical = LexicalIndex.load(self.lexical_dir)
            removed = [d for d in docs if d in manifest.docs]
            for doc in removed:
                self.dense.remove_doc(doc)
                lexical.remove_doc(doc)
                del manifest.docs[doc]
            if removed:
                lexical.save()
                manifest.save()
            return removed

    def _ingest(self, paths: list[Path], progress: Progress | None) -> IngestResult:
        result = IngestResult()
        manifest = Manifest.load(self.manifest_path)
        model = self.embedder.model_name
        pipeline = f"parser {PARSER_VERSION}, max_words {self.chunker.max_words}"
        if manifest.docs and (manifest.model, manifest.pipeline) != (model, pipeline):
            # Vectors of another model are not comparable, and chunks of another parser or
            # bound are not what ingestion would make now: read and embed everything again.
            for entry in manifest.docs.values():
                entry.sha256 = ""
        manifest.model, manifest.pipeline = model, pipeline
        pending: list[_Pending] = []
        seen: set[str] = set()
        for path in expand_paths(paths):
            try:
                source = load_source(path)
                seen.add(source.doc)
                indexed = manifest.docs.get(source.doc)
                if indexed is not None and indexed.sha256 == source.sha256:
                    result.unchanged.append(source.doc)
                    continue
                report = parse_source(source)
                nodes = self.chunker.chunk(report)
                pending.append(_Pending(source, nodes, len(report.footnotes), indexed is None))
            except UnreadableFileError as failure:
                seen.add(path.name)  # a failing file keeps what the index has for it
                result.failures.append(failure)

        gone = self._gone(manifest, paths, seen)
        embedded = self._embed(pending, result, progress)
        if not embedded and not gone:
            return result

        lexical = LexicalIndex.load(self.lexical_dir)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for item in embedded:
            doc = item.source.doc
            self.dense.replace_doc(doc, item.nodes)
            lexical.replace_doc(doc, item.nodes)
            meta = item.nodes[0].metadata if item.nodes else {}
            manifest.docs[doc] = DocEntry(
                path=str(item.source.path.resolve()),
                sha256=item.source.sha256,
                chunk_ids=[n.node_id for n in item.nodes],
                title=meta.get("title", ""),
                period=meta.get("period", ""),
                footnotes=item.footnotes,
                ingested_at=now,
            )
            (result.added if item.is_new else result.updated).append(doc)
        for doc in gone:
            self.dense.remove_doc(doc)
            lexical.remove_doc(doc)
            del manifest.docs[doc]
            result.removed.append(doc)
        lexical.save()
        manifest.save()
        return result

    @staticmethod
    def _gone(manifest: Manifest, paths: list[Path], seen: set[str]) -> list[str]:
        """Indexed documents whose file was in one of the given folders and is there no more."""
        folders = [p.resolve() for p in paths if p.is_dir()]
        gone = []
        for doc, entry in manifest.docs.items():
            source = Path(entry.path)
            if doc not in seen and any(source.is_relative_to(f) for f in folders):
                gone.append(doc)
        return gone

    def _embed(
        self, pending: list[_Pending], result: IngestResult, progress: Progress | None
    ) -> list[_Pending]:
        total = sum(len(p.nodes) for p in pending)
        done = 0
        if progress:
            progress(0, total)
        embedded = []
        batch = self.embedder.embed_batch_size
        for item in pending:
            texts = [search_text(node) for node in item.nodes]
            try:
                vectors: list[list[float]] = []
                for start in range(0, len(texts), batch):
                    vectors.extend(
                        self.embedder.get_text_embedding_batch(texts[start : start + batch])
                    )
                    done += len(texts[start : start + batch])
                    if progress:
                        progress(done, total)
            except Exception as exc:  # an embedder failure costs this file, not the run
                result.failures.append(
                    UnreadableFileError(item.source.path, f"embedding failed: {exc}")
                )
                continue
            for node, vector in zip(item.nodes, vectors, strict=True):
                node.embedding = vector
            result.chunks_embedded += len(item.nodes)
            embedded.append(item)
        return embedded
