"""`baocao add FILE ...` and `baocao remove DOC ...`: reports into and out of the corpus folder
and the index together (rag/corpus.py; registered on the CLI by baocao/cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from rag.errors import BaocaoError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.corpus import Library

err = Console(stderr=True)


def _library(settings: Settings, embed: bool) -> Library:
    from rag.chunk import Chunker
    from rag.components import make_dense_index, make_embedder
    from rag.corpus import Library
    from rag.embed import HashingEmbedding
    from rag.ingest import Ingestor

    # Removing embeds nothing: the real model is loaded only to add.
    embedder = make_embedder(settings) if embed else HashingEmbedding()
    ingestor = Ingestor(
        data_dir=settings.data_dir,
        embedder=embedder,
        dense=make_dense_index(settings),
        chunker=Chunker(settings.chunking.max_words),
    )
    return Library(settings.corpus_dir, ingestor)


def add(
    files: Annotated[list[Path], typer.Argument(help="Report files (.docx, .pdf, .txt, .md).")],
) -> None:
    """Copy reports into the corpus folder and index them (the same file again changes nothing)."""
    settings = Settings()
    library = _library(settings, embed=True)
    failed = False
    for path in files:
        try:
            if not path.is_file():
                raise BaocaoError(f"{path}: no such file")
            added = library.add(path.name, path.read_bytes())
        except BaocaoError as exc:
            err.print(f"[red]error:[/red] {exc}")
            failed = True
            continue
        period = added.period or "no period found"
        err.print(
            f"{added.status}: {added.doc} — {added.title} ({period}); {added.chunks} chunks, "
            f"{added.footnotes} footnotes, {added.tables} table chunks"
        )
    if failed:
        raise typer.Exit(1)


def remove(
    docs: Annotated[list[str], typer.Argument(help="Reports to remove, by file name (doc id).")],
) -> None:
    """Remove reports from the index and delete their files from the corpus folder."""
    settings = Settings()
    library = _library(settings, embed=False)
    failed = False
    for doc in docs:
        try:
            removed = library.remove(doc)
        except BaocaoError as exc:
            err.print(f"[red]error:[/red] {exc}")
            failed = True
            continue
        where = f" and deleted {removed.file}" if removed.file else ""
        err.print(f"removed: {removed.doc} ({removed.chunks} chunks) from the index{where}")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the CLI."""
    app.command("add")(add)
    app.command("remove")(remove)
