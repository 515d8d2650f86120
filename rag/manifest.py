"""What is indexed: one entry per document with the hash of the file it was read from."""

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

    @classmethod
    def load(cls, path: Path) -> Manifest:
        if not path.exists():
            return cls(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        docs = {doc: DocEntry(**entry) for doc, entry in raw["docs"].items()}
        return cls(path, docs, raw.get("model", ""), raw.get("pipeline", ""))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        payload = {
            "version": 1,
            "model": self.model,
            "pipeline": self.pipeline,
            "docs": {d: asdict(e) for d, e in sorted(self.docs.items())},
        }
        temporary.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)

    def chunk_count(self) -> int:
        return sum(len(e.chunk_ids) for e in self.docs.values())
