"""Errors meant for users: each carries a message that names what was wrong."""

from __future__ import annotations

from pathlib import Path


class BaocaoError(Exception):
    """An error whose message is shown to the user as is."""


class UnreadableFileError(BaocaoError):
    """A report file that cannot be read as text."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IngestError(BaocaoError):
    """Some files failed to ingest; the others were indexed."""

    def __init__(self, failures: list[UnreadableFileError]) -> None:
        self.failures = failures
        names = "; ".join(str(f) for f in failures)
        super().__init__(f"{len(failures)} file(s) not indexed: {names}")


class IndexBusyError(BaocaoError):
    """Another process is writing the index."""


class ReadOnlyIndexError(BaocaoError):
    """This process only reads the index (`BAOCAO_CHROMA__READ_ONLY`)."""
