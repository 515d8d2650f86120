"""Read a report file from disk into a parsed Report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rag.decode import decode_text
from rag.errors import UnreadableFileError
from rag.parse import Report, parse_report

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ""}
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A report file's bytes and identity: its name is the document's id."""

    path: Path
    data: bytes

    @property
    def doc(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def load_source(path: Path) -> SourceFile:
    """Read a file's bytes, refusing what cannot be a report before any work is done."""
    if not path.is_file():
        raise UnreadableFileError(path, "no such file")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UnreadableFileError(
            path, f"unsupported file type {path.suffix!r} (expected .txt or .md)"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError(
            path,
            f"file too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)",
        )
    try:
        return SourceFile(path, path.read_bytes())
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read: {exc.strerror}") from exc


def parse_source(source: SourceFile) -> Report:
    text = decode_text(source.data, source.path)
    report = parse_report(text, source.doc)
    if not report.paragraphs and not report.footnotes:
        raise UnreadableFileError(source.path, "no report text found (only a header or nothing)")
    return report


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named directly, and the non-hidden files inside folders (recursively), sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    return files
