"""Incremental ingestion: files -> parse -> chunk -> embed -> Chroma + BM25, by content hash.

A file whose hash is unchanged is skipped without embedding. A changed file's chunks replace its
old ones. A file gone from a folder being ingested is removed from the index. A file that fails
(unreadable, undecodable, or failing to embed) is reported by name while the others proceed, and
the index keeps what it had for it: nothing partial is written.

A change is written in an order that a crash (even SIGKILL) cannot turn into a wrong index:
1. the journal (`journal.json`): the documents about to change, and the stamp of the change;
2. the dense store, marked as being written (readers elsewhere keep their snapshot);
3. the lexical index, as a new version switched in atomically (`rag/lexical.py`): the commit
   point for readers on this machine;
4. the manifest, replaced atomically, carrying the same stamp;
5. the dense store's stamp (readers on other machines move to it), then the journal is deleted.
The next writer that finds a journal puts its documents right before anything else: each one is
read again from its file (or removed if it can no longer be), so the index equals a clean build.

One writer at a time: `writer_lock` takes an exclusive lock on the data dir for the whole change,
and a second writer fails at once with `IndexBusyError`. An embedded Chroma client does not see
what another process wrote, so a writer whose store was opened before another one's commit opens
it again first.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from rag.chunk import Chunker, search_text
from rag.errors import IndexBusyError, UnreadableFileError
from rag.lexical import LexicalIndex, current_version, new_version
from rag.manifest import DocEntry, Journal, Manifest
from rag.parse import PARSER_VERSION
from rag.readers import SourceFile, expand_paths, load_source, parse_source
from rag.store import DenseIndex

Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)
LOCK_FILE = "ingest.lock"
JOURNAL_FILE = "journal.json"


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list[UnreadableFileError] = field(default_factory=list)
    chunks_embedded: int = 0
    recovered: list[str] = field(default_factory=list)  # put right after an interrupted change

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@contextmanager
def writer_lock(data_dir: Path) -> Iterator[None]:
    """One writer at a time: a second ingestion fails at once instead of corrupting the index.

    An advisory lock (flock) on `ingest.lock`: the system releases it when its holder dies,
    even by SIGKILL, so a crash never leaves the index locked. A probe (`writer_busy`, as
    `baocao doctor` makes) holds it for microseconds, so a writer tries for a moment first."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK_FILE).open("a+") as handle:
        for attempt in range(_LOCK_TRIES):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if attempt == _LOCK_TRIES - 1:
                    raise _busy(data_dir) from exc
                time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


_LOCK_TRIES = 10  # half a second


def check_writer_free(data_dir: Path) -> None:
    """Raise IndexBusyError now if a writer holds the data dir (before any costly setup)."""
    if writer_busy(data_dir):
        raise _busy(data_dir)


def _busy(data_dir: Path) -> IndexBusyError:
    holder = (data_dir / LOCK_FILE).read_text().strip()
    by = f" (process {holder})" if holder.isdigit() else ""
    return IndexBusyError(
        f"another ingestion{by} is writing the index in {data_dir}; try again when it ends"
    )


def writer_busy(data_dir: Path) -> bool:
    """Whether a writer holds the data dir at this moment. A shared lock taken and dropped at
    once: it writes nothing, and a writer starting meanwhile waits it out (`writer_lock`)."""
    path = data_dir / LOCK_FILE
    if not path.exists():
        return False
    with path.open("r") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


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

    @property
    def journal_path(self) -> Path:
        return self.data_dir / JOURNAL_FILE

    def ingest(
        self, paths: list[Path], progress: Progress | None = None, verify: bool = False
    ) -> IngestResult:
        """Bring the index in step with the files; after a crash, or with `verify`, also check
        that every stored vector is findable (`baocao ingest` does, a few ms per 100 chunks)."""
        with writer_lock(self.data_dir):
            self._catch_up()
            crashed = Journal.load(self.journal_path) is not None
            result = self._ingest(paths, progress)
            if crashed or verify:
                self._repair_vectors()
            if self.dense.narrow:
                # Made again, not modified in place: Chroma's `modify(configuration=…)` was
                # seen to fail with "database is locked" right after other writes.
                log.info("widening the vector search of an index an older release made")
                self.dense.rebuild()
            return result

    def _repair_vectors(self) -> None:
        """After a crash: every stored vector must be findable, or the collection is made
        again from its rows (Chroma's HNSW index can lag its SQLite rows after a SIGKILL)."""
        lost = self.dense.unfindable()
        if lost:
            log.warning(
                "%d vector(s) missing from Chroma's index after a crash; rebuilding it "
                "from the stored rows (nothing is embedded again)",
                len(lost),
            )
            self.dense.rebuild()

    def remove(self, docs: list[str]) -> list[str]:
        """Remove documents from the index by id; returns those that were indexed."""
        with writer_lock(self.data_dir):
            self._catch_up()
            if Journal.load(self.journal_path) is not None:
                self._ingest([], None)  # finish an interrupted change first
                self._repair_vectors()
            manifest = Manifest.load(self.manifest_path)
            removed = [d for d in docs if d in manifest.docs]
            if removed:
                self._write(manifest, [], removed)
            return removed

    def _catch_up(self) -> None:
        """Open the embedded store again if another process committed since it was opened."""
        on_disk = current_version(self.lexical_dir)
        if not self.dense.shared and self.dense.seen_stamp != on_disk:
            self.dense.reopen(on_disk)

    def _interrupted(self, manifest: Manifest) -> Journal | None:
        """The journal of a change a crash interrupted, if its commit is missing."""
        journal = Journal.load(self.journal_path)
        if journal is None:
            return None
        if manifest.stamp == journal.stamp:  # committed; only the last two steps were lost
            self.dense.commit(journal.stamp, manifest.model)
            journal.clear()
            return None
        log.warning(
            "finishing an interrupted change to %d document(s): %s",
            len(journal.docs),
            ", ".join(sorted(journal.docs)),
        )
        return journal

    def _ingest(self, paths: list[Path], progress: Progress | None) -> IngestResult:
        result = IngestResult()
        manifest = Manifest.load(self.manifest_path)
        interrupted = self._interrupted(manifest)
        model = self.embedder.model_name
        pipeline = f"parser {PARSER_VERSION}, max_words {self.chunker.max_words}"
        if manifest.docs and (manifest.model, manifest.pipeline) != (model, pipeline):
            # Vectors of another model are not comparable, and chunks of another parser or
            # bound are not what ingestion would make now: read and embed everything again.
            for entry in manifest.docs.values():
                entry.sha256 = ""
        manifest.model, manifest.pipeline = model, pipeline
        self._distrust_damaged(manifest)
        files = expand_paths(paths)
        if interrupted is not None:
            # The stores may hold part of a change to these: read each one again from its file
            # (wherever it is), or take it out if it can no longer be read.
            listed = {f.resolve() for f in files}
            for doc, action in interrupted.docs.items():
                known = manifest.docs.get(doc)
                if action == "write" and known is not None:
                    known.sha256 = ""
                    recorded = Path(known.path)
                    if recorded.is_file() and recorded.resolve() not in listed:
                        files.append(recorded)
            result.recovered = sorted(interrupted.docs)
        pending: list[_Pending] = []
        seen: set[str] = set()
        for path in files:
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
        if interrupted is not None:
            # What is not written again now cannot be trusted: take it out.
            written = {item.source.doc for item in embedded}
            gone += [d for d in sorted(interrupted.docs) if d not in written and d not in gone]
        if not embedded and not gone:
            return result
        for item in embedded:
            (result.added if item.is_new else result.updated).append(item.source.doc)
        result.removed = [d for d in gone if d in manifest.docs]
        self._write(manifest, embedded, gone)
        return result

    def _write(self, manifest: Manifest, writes: list[_Pending], removals: list[str]) -> None:
        """Apply a change to the stores and the manifest in crash-safe order (module doc)."""
        stamp = new_version()
        changes = {doc: "remove" for doc in removals}
        changes.update({item.source.doc: "write" for item in writes})
        Journal(self.journal_path, stamp, changes).save()
        self.dense.mark_writing()
        lexical = LexicalIndex.load(self.lexical_dir)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for item in writes:
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
        for doc in removals:
            self.dense.remove_doc(doc)
            lexical.remove_doc(doc)
            manifest.docs.pop(doc, None)
        lexical.save(stamp)
        manifest.stamp = stamp
        manifest.save()
        self.dense.commit(stamp, manifest.model)
        Journal(self.journal_path, stamp).clear()

    def _distrust_damaged(self, manifest: Manifest) -> None:
        """A document whose chunks are not all in both stores (deleted behind the manifest's
        back, a store restored from another backup) is read and embedded again."""
        if not manifest.docs:
            return
        present = set(self.dense.ids()) & set(LexicalIndex.load(self.lexical_dir).ids())
        for entry in manifest.docs.values():
            if not present.issuperset(entry.chunk_ids):
                entry.sha256 = ""

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
