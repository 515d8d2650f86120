"""`baocao bot` and `baocao feedback export` (registered on the CLI by baocao/cli.py)."""

from __future__ import annotations

import json
import logging
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
) -> None:
    """Run the Telegram bot (long polling; a webhook when BAOCAO_TELEGRAM__WEBHOOK_URL is set)."""
    from bot.app import run

    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    run(Settings(), listen=listen, port=port)


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
