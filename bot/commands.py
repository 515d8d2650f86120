"""`baocao bot` and `baocao feedback export` (registered on the CLI by baocao/cli.py)."""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from rag.settings import Settings

feedback_app = typer.Typer(no_args_is_help=True, help="The users' 👍/👎 feedback from the bot.")


def bot(
    listen: Annotated[str, typer.Option(help="Webhook mode: address to listen on.")] = "0.0.0.0",
    port: Annotated[int, typer.Option(help="Webhook mode: port to listen on.")] = 8443,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log at DEBUG.")] = False,
    log_json: Annotated[
        bool, typer.Option("--log-json", help="Log one JSON object a line (for collectors).")
    ] = False,
    seed_corpus: Annotated[
        Path | None,
        typer.Option(
            help="Copy the reports of this folder into the corpus folder first if it has none "
            "(the image seeds its volume from the reports baked into it)."
        ),
    ] = None,
) -> None:
    """Run the Telegram bot (long polling; a webhook when BAOCAO_TELEGRAM__WEBHOOK_URL is set)."""
    from bot.app import run
    from bot.logs import configure

    settings = Settings()
    configure(settings, verbose=verbose, as_json=log_json)
    if seed_corpus is not None:
        seeded = seed(seed_corpus, settings.corpus_dir)
        if seeded:
            logging.getLogger(__name__).info(
                "corpus folder %s seeded with %d report(s) from %s",
                settings.corpus_dir,
                seeded,
                seed_corpus,
            )
    run(settings, listen=listen, port=port)


def seed(source: Path, corpus_dir: Path) -> int:
    """Copy the files of `source` into `corpus_dir` when it holds no report yet; the count
    copied. A corpus folder with reports in it is never touched (uploads live there)."""
    if corpus_dir.is_dir() and any(p.is_file() for p in corpus_dir.rglob("*")):
        return 0
    if not source.is_dir():
        raise typer.BadParameter(f"{source}: no such folder", param_hint="--seed-corpus")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    copied = 0
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, corpus_dir / path.name)
            copied += 1
    return copied


@feedback_app.command("export")
def export(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="JSONL file to write (default: stdout).")
    ] = None,
    all_down: Annotated[
        bool, typer.Option("--all", help="Also 👎 given without a reason.")
    ] = False,
    records: Annotated[
        Path | None, typer.Option(help="The bot's log (default: BAOCAO_DATA_DIR/bot.sqlite3).")
    ] = None,
) -> None:
    """Write 👎 answers as candidate gold items (JSONL) for an analyst to complete."""
    from bot.records import FILE_NAME, Records, candidate_gold

    path = records or Settings().data_dir / FILE_NAME
    if not path.exists():
        typer.echo(f"error: no bot records at {path}", err=True)
        raise typer.Exit(1)
    log = Records(path)
    try:
        lines = [
            json.dumps(candidate_gold(r), ensure_ascii=False) + "\n"
            for r in log.downvoted(with_reason_only=not all_down)
        ]
    finally:
        log.close()
    if out is None:
        sys.stdout.writelines(lines)
    else:
        out.write_text("".join(lines), encoding="utf-8")
    typer.echo(f"{len(lines)} candidate gold item(s) written", err=True)


def register(app: typer.Typer) -> None:
    """Add the bot commands to the CLI."""
    app.command("bot")(bot)
    app.add_typer(feedback_app, name="feedback")
