"""Adding and removing reports: the corpus folder and the index kept in step.

`Library.add` is what the bot does with a report an admin sends (and `baocao add`): check the
name, type and size, read and parse the file before anything is stored, write it into the
corpus folder under its own (sanitised) name, and ingest that one file. The same bytes sent
again change nothing; the same bytes under another name are refused as a duplicate; new bytes
under a known name replace that report. If ingestion fails the folder is put back as it was.

`Library.remove` (the bot's /xoa and `baocao remove`) takes a report out of the index (dense
store, lexical index and manifest) and deletes its file from the corpus folder.
"""

from __future__ import annotations

import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rag.errors import BaocaoError, UnreadableFileError
from rag.ingest import Ingestor
from rag.manifest import Manifest
from rag.readers import SourceFile, check_name, check_size, parse_source

MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w .,()\[\]+-]")


class DuplicateReportError(BaocaoError):
    """The same file is already indexed under another name."""

    def __init__(self, name: str, existing: str) -> None:
        self.name, self.existing = name, existing
        super().__init__(f"{name}: the same file is already indexed as {existing}")


class UnknownReportError(BaocaoError):
    """No report of that name in the index or the corpus folder."""

    def __init__(self, doc: str, corpus_dir: Path) -> None:
        self.doc = doc
        super().__init__(f"no report {doc!r} in the index or in {corpus_dir}")


@dataclass(frozen=True)
class Added:
    """What became of a report sent to the library."""

    doc: str
    status: str  # "added", "updated" or "unchanged"
    title: str
    period: str  # the period's label, "" when the report names none
    chunks: int
    footnotes: int
    tables: int  # chunks holding table rows
    seconds: float


@dataclass(frozen=True)
class Removed:
    doc: str
    chunks: int  # chunks taken out of the index (0 when it was not indexed)
    file: Path | None  # the file deleted from the corpus folder, if there was one


def safe_name(name: str) -> str:
    """A file name that stays inside the corpus folder: no folders, no hidden file, no
    control or shell characters, at most MAX_NAME_CHARS characters (the suffix kept)."""
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", name)[-1])
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if len(base) > MAX_NAME_CHARS:
        keep = MAX_NAME_CHARS - len(suffix) - 1
        base = f"{stem[:keep].rstrip()}.{suffix}" if suffix else base[:MAX_NAME_CHARS]
    if not base or not stem.strip(" ._"):
        raise UnreadableFileError(name or "(no name)", "the file has no usable name")
    return base


class Library:
    """The corpus folder and the index, changed together, one change at a time."""

    def __init__(
        self,
        corpus_dir: Path,
        ingestor: Ingestor,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.corpus_dir = corpus_dir
        self.ingestor = ingestor
        self.on_change = on_change
        self._lock = threading.Lock()

    def documents(self) -> list[str]:
        """The ids (file names) of the indexed reports."""
        return sorted(Manifest.load(self.ingestor.manifest_path).docs)

    def add(self, name: str, data: bytes) -> Added:
        """Store and index one report; raises UnreadableFileError (nothing is stored),
        DuplicateReportError or IndexBusyError."""
        started = time.perf_counter()
        doc = safe_name(name)
        path = self.corpus_dir / doc
        source = SourceFile(path, data)
        try:  # refuse what cannot be read before anything is stored
            check_name(path)
            check_size(path, len(data))
            report = parse_source(source)
        except UnreadableFileError as exc:
            raise UnreadableFileError(doc, exc.reason) from exc  # named as sent, not as stored
        with self._lock:
            manifest = Manifest.load(self.ingestor.manifest_path)
            for other, entry in manifest.docs.items():
                if entry.sha256 == source.sha256 and other != doc:
                    raise DuplicateReportError(doc, other)
            previous = path.read_bytes() if path.is_file() else None
            if previous != data:
                _write(path, data)
            result = self.ingestor.ingest([path])
            if result.failures:
                _restore(path, previous)
                raise UnreadableFileError(doc, result.failures[0].reason)
            if result.changed and self.on_change is not None:
                self.on_change()
            entry = Manifest.load(self.ingestor.manifest_path).docs[doc]
        status = "added" if result.added else "updated" if result.updated else "unchanged"
        tables = sum(
            1 for node in self.ingestor.chunker.chunk(report) if node.metadata.get("table")
        )
        return Added(
            doc=doc,
            status=status,
            title=entry.title,
            period=report.period.label if report.period else "",
            chunks=len(entry.chunk_ids),
            footnotes=entry.footnotes,
            tables=tables,
            seconds=time.perf_counter() - started,
        )

    def remove(self, doc: str) -> Removed:
        """Take a report out of the index and delete its file from the corpus folder."""
        doc = safe_name(doc)
        with self._lock:
            manifest = Manifest.load(self.ingestor.manifest_path)
            entry = manifest.docs.get(doc)
            path = self.corpus_dir / doc
            if entry is None and not path.is_file():
                raise UnknownReportError(doc, self.corpus_dir)
            removed = self.ingestor.remove([doc])
            deleted = None
            if path.is_file():
                path.unlink()
                deleted = path
            if removed and self.on_change is not None:
                self.on_change()
        return Removed(doc, len(entry.chunk_ids) if entry else 0, deleted)


def _write(path: Path, data: bytes) -> None:
    """Write the file whole or not at all (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _restore(path: Path, previous: bytes | None) -> None:
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        _write(path, previous)
