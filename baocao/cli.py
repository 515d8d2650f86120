"""`baocao`: ingest reports, show chunks, ask questions, run the harness and the bot."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rag.errors import BaocaoError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.assistant import Assistant

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Hỏi đáp có trích dẫn trên các báo cáo kinh tế - xã hội của tỉnh.",
)
err = Console(stderr=True)


def _settings() -> Settings:
    return Settings()


def user_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Errors meant for users become one line on stderr and exit code 1, not a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except BaocaoError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from exc

    return run


@app.command()
@user_errors
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
        result = ingestor.ingest(
            targets,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            verify=True,  # the operator's repair tool: every vector must be findable
        )
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
@user_errors
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


@app.command()
@user_errors
def ask(
    question: Annotated[str | None, typer.Argument(help="Câu hỏi, bằng tiếng Việt.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl", help='Answer every {"question": ...} line of FILE, one JSON line each.'
        ),
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="Restrict to a period, e.g. 'tháng 11/2023'.")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Restrict to one report (its file name).")] = None,
    top_k: Annotated[
        int | None, typer.Option("--top-k", min=1, max=50, help="Passages to retrieve.")
    ] = None,
) -> None:
    """Answer a question from the reports, with its sources (builds the index on first use)."""
    if (question is None) == (jsonl is None):
        raise BaocaoError("give either a QUESTION or --jsonl FILE")
    if jsonl is not None and not jsonl.is_file():
        raise BaocaoError(f"{jsonl}: no such file")
    assistant = _open_assistant(_settings())
    if jsonl is not None:
        _ask_jsonl(assistant, jsonl, period, doc, top_k)
        return
    assert question is not None
    answer = assistant.ask(question, period=period, doc=doc, top_k=top_k)
    if as_json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
    else:
        from baocao.render import print_answer

        print_answer(Console(), answer)


def _open_assistant(settings: Settings) -> Assistant:
    from rag.assistant import Assistant
    from rag.manifest import Manifest

    if not Manifest.load(settings.data_dir / "manifest.json").docs:
        err.print(f"Building the index from {settings.corpus_dir} (first use, a few minutes)…")
    return Assistant.open(settings)


def _ask_jsonl(
    assistant: Assistant, path: Path, period: str | None, doc: str | None, top_k: int | None
) -> None:
    """One answer line per input line, in order; a bad line gets an error line, not a gap."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question = item.get("question") if isinstance(item, dict) else None
                if not isinstance(question, str):
                    raise BaocaoError(f'line {number}: no "question" string')
                record = assistant.ask(question, period=period, doc=doc, top_k=top_k).to_json()
            except json.JSONDecodeError as exc:
                record = {"question": None, "error": f"line {number}: invalid JSON ({exc.msg})"}
            except BaocaoError as exc:
                record = {
                    "question": item.get("question") if isinstance(item, dict) else None,
                    "error": str(exc),
                }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()


def _register_extensions() -> None:
    from baocao.corpus_commands import register as register_corpus
    from baocao.ops_commands import register as register_ops
    from bot.commands import register as register_bot
    from eval.commands import register as register_eval

    register_bot(app)
    register_eval(app)
    register_corpus(app)
    register_ops(app)


_register_extensions()


def main() -> None:
    try:
        app()
    except BaocaoError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(1)


if __name__ == "__main__":
    main()
