"""Read a report file from disk into a parsed Report.

Text and Markdown are decoded (rag/decode.py); a Word file (rag/docx_reader.py) or a PDF with a
text layer (rag/pdf_reader.py) is first written in the same plain-text shape, so that one parser
reads them all. A chunk's character span then points into that text.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from rag.decode import decode_text
from rag.errors import UnreadableFileError
from rag.parse import Report, parse_report

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ""}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES
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
    check_name(path)
    check_size(path, path.stat().st_size)
    try:
        return SourceFile(path, path.read_bytes())
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read: {exc.strerror}") from exc


def check_name(path: Path) -> None:
    """Refuse a file whose type no reader reads."""
    if path.suffix.lower() not in SUFFIXES:
        raise UnreadableFileError(
            path, f"unsupported file type {path.suffix!r} (expected .txt, .md, .docx or .pdf)"
        )


def check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError(
            path,
            f"file too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)",
        )


# Text read from the last few Word and PDF files, by content: a report checked before it is
# stored (rag/corpus.py) is not read a second time when it is ingested (a PDF takes seconds).
_EXTRACTED: dict[tuple[str, str], str] = {}
_EXTRACTED_KEPT = 4
_EXTRACTED_LOCK = threading.Lock()


def source_text(source: SourceFile) -> str:
    """The file's text in the shape the parser reads, whatever its format."""
    suffix = source.path.suffix.lower()
    if suffix not in DOCX_SUFFIXES | PDF_SUFFIXES:
        return decode_text(source.data, source.path)
    key = (suffix, source.sha256)
    with _EXTRACTED_LOCK:
        cached = _EXTRACTED.get(key)
    if cached is not None:
        return cached
    if suffix in DOCX_SUFFIXES:
        from rag.docx_reader import docx_text

        text = docx_text(source.data, source.path)
    else:
        from rag.pdf_reader import pdf_text

        text = pdf_text(source.data, source.path)
    with _EXTRACTED_LOCK:
        while len(_EXTRACTED) >= _EXTRACTED_KEPT:
            _EXTRACTED.pop(next(iter(_EXTRACTED)))
        _EXTRACTED[key] = text
    return text


def parse_source(source: SourceFile) -> Report:
    text = source_text(source)
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
