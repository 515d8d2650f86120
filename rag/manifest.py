"""What is indexed: one entry per document with the hash of the file it was read from; and the
journal of a change in progress, which lets the next writer finish what a crash interrupted."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class DocEntry:
    path: str
    sha256: str
    chunk_ids: list[str]
    title: str
    period: str
    footnotes: int
    ingested_at: str


@dataclass
class Manifest:
    """Content hashes of the indexed files; written atomically after the stores."""

    path: Path
    docs: dict[str, DocEntry] = field(default_factory=dict)
    model: str = ""  # the embedding model the vectors were made with
    pipeline: str = ""  # parser version and chunk bound the chunks were made with
    stamp: str = ""  # the version committed with it (the lexical index's version name)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        if not path.exists():
            return cls(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        docs = {doc: DocEntry(**entry) for doc, entry in raw["docs"].items()}
        return cls(path, docs, raw.get("model", ""), raw.get("pipeline", ""), raw.get("stamp", ""))

    def save(self) -> None:
        payload = {
            "version": 1,
            "model": self.model,
            "pipeline": self.pipeline,
            "stamp": self.stamp,
            "docs": {d: asdict(e) for d, e in sorted(self.docs.items())},
        }
        _write_atomically(self.path, json.dumps(payload, ensure_ascii=False, indent=1))

    def chunk_count(self) -> int:
        return sum(len(e.chunk_ids) for e in self.docs.values())


@dataclass
class Journal:
    """The documents a writer is changing, written before the first store is touched and
    deleted once the manifest is committed. Found by the next writer, it means a writer died
    mid-change: the stores may hold part of it, and those documents are put right first."""

    path: Path
    stamp: str  # the version the interrupted change was to commit
    docs: dict[str, str] = field(default_factory=dict)  # doc -> "write" or "remove"

    @classmethod
    def load(cls, path: Path) -> Journal | None:
        if not path.exists():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, raw["stamp"], dict(raw["docs"]))

    def save(self) -> None:
        payload = {"stamp": self.stamp, "docs": dict(sorted(self.docs.items()))}
        _write_atomically(self.path, json.dumps(payload, ensure_ascii=False, indent=1))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def _write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all, durably, and replace the old one in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
