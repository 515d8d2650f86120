"""`baocao`: ingest reports, show chunks, ask questions, run the harness and the bot."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rag.errors import BaocaoError
from rag.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Hỏi đáp có trích dẫn trên các báo cáo kinh tế - xã hội của tỉnh.",
)
err = Console(stderr=True)


def _settings() -> Settings:
    return Settings()


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the corpus folder).")
    ] = None,
) -> None:
    """Index report files incrementally (unchanged files are skipped)."""
    from rag.components import make_ingestor

    settings = _settings()
    targets = paths or [settings.corpus_dir]
    ingestor = make_ingestor(settings)
    with Progress(
        TextColumn("Embedding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("embed", total=None)
        result = ingestor.ingest(targets, progress=lambda done, total: bar.update(task, completed=done, total=total))
    for label, docs in (
        ("added", result.added),
        ("updated", result.updated),
        ("unchanged", result.unchanged),
        ("removed", result.removed),
    ):
        if docs:
            err.print(f"{label}: {', '.join(docs)}")
    err.print(f"{result.chunks_embedded} chunks embedded")
    for failure in result.failures:
        err.print(f"[red]error:[/red] {failure}")
    if result.failures:
        raise typer.Exit(1)


@app.command()
def chunks(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the corpus folder).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """Print the chunks ingestion would store (nothing is embedded or written)."""
    from rag.chunk import Chunker, chunk_record
    from rag.readers import expand_paths, load_source, parse_source

    settings = _settings()
    chunker = Chunker(settings.chunking.max_words)
    failed = False
    for path in expand_paths(paths or [settings.corpus_dir]):
        try:
            nodes = chunker.chunk(parse_source(load_source(path)))
        except BaocaoError as exc:
            err.print(f"[red]error:[/red] {exc}")
            failed = True
            continue
        for node in nodes:
            record = chunk_record(node)
            if as_json:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                where = record["section"] or record["title"]
                note = f" › chú thích {record['footnote']}" if record["footnote"] else ""
                typer.echo(f"[{record['id']}] {where}{note}\n  {record['text'][:200]}\n")
    if failed:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except BaocaoError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(1)


if __name__ == "__main__":
    main()
