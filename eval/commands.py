"""`baocao eval` and `baocao bench` (registered on the CLI by baocao/cli.py)."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rag.errors import BaocaoError
from rag.settings import Settings


class BadOptionError(BaocaoError):
    """A command-line option with a value the harness cannot use."""


def _settings() -> Settings:
    return Settings()


def eval_command(
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold file (JSON Lines); default eval/gold.jsonl.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the headline metrics as one JSON object.")
    ] = False,
    systems: Annotated[
        str | None,
        typer.Option(
            "--systems",
            help="Comma-separated: naive-llamaindex, bm25-windows, baocao (default all).",
        ),
    ] = None,
    split: Annotated[str, typer.Option("--split", help="dev, test or all.")] = "all",
    reports_dir: Annotated[
        Path | None, typer.Option("--reports-dir", help="Where to write the report folder.")
    ] = None,
) -> None:
    """Measure the pipeline and the baselines on a gold file and write a report."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from eval.gold import DEFAULT_GOLD, load_gold
    from eval.harness import run
    from eval.report import REPORTS_DIR, RunInfo, console_table, json_summary, write_report
    from eval.systems import open_systems, parse_system_names

    err = Console(stderr=True)
    if split not in ("dev", "test", "all"):
        raise BadOptionError(f"--split must be dev, test or all, not {split!r}")
    names = parse_system_names(systems)
    gold_path = gold or DEFAULT_GOLD
    items = load_gold(gold_path, split)  # type: ignore[arg-type]
    started = datetime.now()
    settings = _settings()
    with err.status("loading the systems…"):
        chosen = open_systems(names, settings, progress=lambda m: err.print(m))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("asking", total=len(items) * len(chosen))
        runs = run(
            chosen, items, tick=lambda name, _: bar.update(task, advance=1, description=name)
        )
    info = RunInfo(gold=str(gold_path), split=split, started=started)
    folder = write_report(runs, info, len(items), reports_dir or REPORTS_DIR)
    if as_json:
        sys.stdout.write(json.dumps(json_summary(runs, len(items)), ensure_ascii=False) + "\n")
    else:
        out = Console()
        if not out.is_terminal:
            out = Console(width=130)
        out.print(console_table(runs, f"{len(items)} questions, split {split}"))
    err.print(f"report: {folder / 'report.md'}")


def bench_command(
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help="Skip the slow parts: cold ingest with the real model, cold-start ask, 100x.",
        ),
    ] = False,
    scales: Annotated[
        str, typer.Option("--scales", help="Corpus copies for the latency curve, e.g. 1,10,100.")
    ] = "1,10,100",
    questions: Annotated[
        int, typer.Option("--questions", help="Gold questions timed for warm latency.", min=5)
    ] = 60,
    reports_dir: Annotated[
        Path | None, typer.Option("--reports-dir", help="Where to write the bench folder.")
    ] = None,
) -> None:
    """Time ingestion, question latency, cold start, memory, and latency vs corpus size."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from eval.bench import BenchOptions, run_bench
    from eval.report import REPORTS_DIR

    try:
        factors = sorted({int(s) for s in scales.split(",") if s.strip()})
    except ValueError as exc:
        raise BadOptionError(
            f"--scales takes whole numbers separated by commas, not {scales!r}"
        ) from exc
    if not factors or factors[0] < 1:
        raise BadOptionError("--scales needs at least one factor of 1 or more")
    if quick:
        factors = [f for f in factors if f <= 10] or [1]
    err = Console(stderr=True)
    options = BenchOptions(quick=quick, scales=factors, questions=questions)
    folder, table = run_bench(_settings(), options, reports_dir or REPORTS_DIR, log=err.print)
    out = Console()
    if not out.is_terminal:
        out = Console(width=130)
    out.print(table)
    err.print(f"report: {folder / 'bench.md'}")


def register(app: typer.Typer) -> None:
    """Add the harness commands to the CLI."""
    app.command("eval")(eval_command)
    app.command("bench")(bench_command)
