"""`baocao bench`: how fast and how heavy the pipeline is, and how retrieval grows with the corpus.

Measured in one run, so the numbers share the machine's state:
- cold ingest of the corpus with the real E5 model into an empty index (chunks/s, words/s),
  then a warm re-ingest of the same files (nothing changed: hashes only), in a worker process
  whose peak RSS is read with `os.wait4`;
- cold start of a one-question `baocao ask` (a fresh process: imports, model load, index load,
  one answer), wall time and peak RSS;
- warm latency over gold questions in this process: the query embedding alone (the floor),
  retrieval alone (`Assistant.retrieve`) and the full answer (`Assistant.ask`), p50/p95;
- the bot's peak RSS when the bot's benchmark exists (`bot/bench.py`, else
  `tests/bot/bench.py`: run with `--real --data-dir` over the same index, its process measured);
- retrieval and answer latency against corpus size: the corpus copied 1x, 10x, 100x with its
  figures perturbed in every copy, indexed with the instant `HashingEmbedding` (the model's
  speed would drown the curve; its query cost is the floor above).

`--quick` skips the real-model cold ingest, the cold-start ask, the bot and scales above 10x;
warm latency then uses the index under the data dir (built there if missing).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from rich.table import Table

from eval.report import stamp
from rag.settings import PROJECT_ROOT, Settings

Log = Callable[[str], None]


@dataclass(frozen=True)
class BenchOptions:
    quick: bool = False
    scales: Sequence[int] = (1, 10, 100)
    questions: int = 60


@dataclass
class Row:
    """One line of the benchmark table."""

    measure: str
    value: str
    note: str = ""


@dataclass
class ScalePoint:
    copies: int
    documents: int
    chunks: int
    ingest_s: float
    retrieve_p50_ms: float
    retrieve_p95_ms: float
    ask_p50_ms: float
    ask_p95_ms: float
    peak_rss_mb: float = 0.0  # the process that indexed and asked, alone


@dataclass
class BenchResult:
    rows: list[Row] = field(default_factory=list)
    curve: list[ScalePoint] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------------------ helpers


def percentile_ms(values: Sequence[float], q: float) -> float:
    from eval.metrics import percentile

    return percentile(values, q) or 0.0


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


# Linux keeps a process's peak RSS across fork and exec: a child forked from this (large)
# process would report at least our own peak. So a small launcher forks the command, and its
# wait4 sees the command's own peak (the launcher's few MB at most).
_LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        sys.stderr.write(f"{sys.argv[2]}: {exc}\\n")
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "maxrss_kb": usage.ru_maxrss}, out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(command: list[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Run a command to its end: its wall time and its own peak RSS (Linux)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        report = Path(scratch) / "usage.json"
        launcher = [sys.executable, "-c", _LAUNCHER, str(report), *command]
        returncode = subprocess.run(
            launcher, stdout=out, stderr=err, env=env, cwd=PROJECT_ROOT
        ).returncode
        usage = (
            json.loads(report.read_text()) if report.exists() else {"seconds": 0.0, "maxrss_kb": 0}
        )
        out.seek(0)
        err.seek(0)
        return ProcessRun(
            seconds=usage["seconds"],
            peak_rss_mb=usage["maxrss_kb"] / 1024,
            returncode=returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BAOCAO_DATA_DIR"] = str(data_dir)
    env["ANONYMIZED_TELEMETRY"] = "False"
    return env


def corpus_words(corpus_dir: Path) -> int:
    from eval.systems import corpus_files

    return sum(
        len(p.read_text(encoding="utf-8", errors="replace").split())
        for p in corpus_files(corpus_dir)
    )


def bench_questions(n: int) -> list[str]:
    """n gold questions spread evenly over the whole gold file (every type, every report)."""
    from eval.gold import load_gold

    items = load_gold()
    step = max(1, len(items) // n)
    return [item.question for item in items[::step]][:n]


def scoped_settings(base: Settings, data_dir: Path, corpus_dir: Path) -> Settings:
    """The user's settings on another data dir and corpus, always with the embedded store (a
    configured Chroma server is left alone)."""
    from rag.settings import ChromaSettings

    update = {"data_dir": data_dir, "corpus_dir": corpus_dir, "chroma": ChromaSettings()}
    return base.model_copy(update=update)


# ------------------------------------------------------------------------------ the worker


def ingest_worker(data_dir: Path, corpus_dir: Path) -> dict[str, float]:
    """In a fresh process: load the model, ingest into an empty index, then re-ingest."""
    from rag.components import make_embedder, make_ingestor

    settings = scoped_settings(Settings(), data_dir, corpus_dir)
    started = time.perf_counter()
    embedder = make_embedder(settings)
    loaded = time.perf_counter()
    ingestor = make_ingestor(settings, embedder)
    result = ingestor.ingest([corpus_dir])
    cold = time.perf_counter()
    again = ingestor.ingest([corpus_dir])
    warm = time.perf_counter()
    if result.failures or again.changed:
        raise SystemExit(f"ingest failed: {result.failures or again}")
    return {
        "model_load_s": loaded - started,
        "cold_ingest_s": cold - loaded,
        "warm_reingest_s": warm - cold,
        "chunks": result.chunks_embedded,
    }


# ------------------------------------------------------------------------------ parts


def measure_cold_ingest(work: Path, corpus_dir: Path, log: Log) -> tuple[list[Row], dict[str, Any]]:
    log("cold ingest with the real model (a few minutes)…")
    data_dir = work / "real"
    command = [sys.executable, "-m", "eval.bench", "ingest-worker", str(data_dir), str(corpus_dir)]
    run = run_measured(command, _env(data_dir))
    if run.returncode != 0:
        raise RuntimeError(f"ingest worker failed: {run.stderr[-2000:]}")
    numbers = json.loads(run.stdout.strip().splitlines()[-1])
    words = corpus_words(corpus_dir)
    seconds = numbers["cold_ingest_s"]
    rows = [
        Row(
            "cold ingest (real model, empty index)",
            f"{seconds:.1f} s",
            f"{numbers['chunks']} chunks, {words} words; "
            f"embedder setup ({numbers['model_load_s']:.1f} s) not counted",
        ),
        Row(
            "cold ingest throughput",
            f"{numbers['chunks'] / seconds:.2f} chunks/s",
            f"{words / seconds:.0f} words/s",
        ),
        Row(
            "warm re-ingest (nothing changed)",
            f"{numbers['warm_reingest_s'] * 1000:.0f} ms",
            "hashes compared, nothing embedded",
        ),
        Row(
            "peak RSS, ingest process",
            f"{run.peak_rss_mb:.0f} MB",
            f"whole process: model, {numbers['chunks']} chunks, Chroma, BM25",
        ),
    ]
    return rows, {
        **numbers,
        "words": words,
        "peak_rss_mb": run.peak_rss_mb,
        "data_dir": str(data_dir),
    }


def has_ask_command() -> bool:
    from baocao.cli import app

    return any(
        (c.name or (c.callback.__name__ if c.callback else "")) == "ask"
        for c in app.registered_commands
    )


def measure_cold_ask(
    data_dir: Path, question: str, log: Log, runs: int = 3
) -> tuple[list[Row], dict[str, Any]]:
    """A fresh process answering one question, `runs` times: median wall time, max peak RSS."""
    if has_ask_command():
        console_script = Path(sys.executable).with_name("baocao")
        command = [str(console_script), "ask", question]
        if not console_script.exists():
            command = [sys.executable, "-m", "baocao.cli", "ask", question]
        how = "`baocao ask`"
    else:
        script = (
            "import sys; from rag.settings import Settings; from rag.assistant import Assistant; "
            "print(Assistant.open(Settings()).ask(sys.argv[1]).answer)"
        )
        command = [sys.executable, "-c", script, question]
        how = "python -c Assistant.open + ask (no `baocao ask` yet)"
    log(f"cold start of a one-question ask, {runs} runs…")
    measured = [run_measured(command, _env(data_dir)) for _ in range(runs)]
    failed = [m for m in measured if m.returncode != 0]
    if failed:
        raise RuntimeError(f"cold ask failed: {failed[0].stderr[-2000:]}")
    seconds = statistics.median(m.seconds for m in measured)
    rss = max(m.peak_rss_mb for m in measured)
    rows = [
        Row("cold start, one-question ask", f"{seconds:.2f} s", f"{how}, median of {runs}"),
        Row("peak RSS, ask process", f"{rss:.0f} MB", how),
    ]
    return rows, {"seconds": [m.seconds for m in measured], "peak_rss_mb": rss, "how": how}


def measure_warm(
    base: Settings, data_dir: Path, questions: list[str], log: Log
) -> tuple[list[Row], dict[str, Any]]:
    """Embedding floor, retrieval and full answer per question, interleaved, in this process."""
    from rag.assistant import Assistant

    log(f"warm latency over {len(questions)} questions…")
    assistant = Assistant.open(scoped_settings(base, data_dir, base.corpus_dir))
    embedder = assistant.embedder
    for question in questions[:3]:  # warm up caches and the model
        assistant.ask(question)
    embed, retrieve, ask = [], [], []
    for question in questions:
        embed.append(_timed(partial(embedder.get_query_embedding, question)))
        retrieve.append(_timed(partial(assistant.retrieve, question)))
        ask.append(_timed(partial(assistant.ask, question)))
    floor = percentile_ms(embed, 50)
    answer_p50 = percentile_ms(ask, 50)
    rows = [
        Row(
            "query embedding (the floor)",
            f"p50 {floor:.1f} ms / p95 {percentile_ms(embed, 95):.1f} ms",
            f"{len(questions)} gold questions",
        ),
        Row(
            "warm retrieval",
            f"p50 {percentile_ms(retrieve, 50):.1f} ms / p95 {percentile_ms(retrieve, 95):.1f} ms",
            f"{percentile_ms(retrieve, 50) / floor:.1f}x the floor (p50)",
        ),
        Row(
            "warm full answer",
            f"p50 {answer_p50:.1f} ms / p95 {percentile_ms(ask, 95):.1f} ms",
            f"{answer_p50 / floor:.1f}x the floor (p50; goal <= 4x)",
        ),
    ]
    return rows, {"embed_ms": embed, "retrieve_ms": retrieve, "ask_ms": ask}


BOT_BENCHES = (("bot/bench.py", "bot.bench"), ("tests/bot/bench.py", "tests.bot.bench"))


def measure_bot(data_dir: Path, log: Log) -> tuple[list[Row], dict[str, Any]]:
    """The bot's peak RSS, from the bot engineer's benchmark when it exists: it is run with
    the real model over our index (`--real --data-dir`) and its process measured."""
    found = next(((f, m) for f, m in BOT_BENCHES if (PROJECT_ROOT / f).exists()), None)
    if found is None:
        return [], {}
    path, module = found
    log(f"bot memory (python -m {module})…")
    command = [sys.executable, "-m", module, "--real", "--data-dir", str(data_dir)]
    command += ["--timed", "20", "--total", "40"]
    run = run_measured(command, _env(data_dir))
    if run.returncode != 0:
        last = run.stderr.strip().splitlines()[-1:] or [""]
        return [Row("peak RSS, bot", "failed", f"`{path}`: {last[0][:120]}")], {}
    reported = dict(
        (k.strip(), v.strip())
        for k, _, v in (line.partition(":") for line in run.stdout.splitlines())
    )
    note = f"`python -m {module} --real` (bot and fake Bot API in one process)"
    if "reply_p50_ms" in reported:
        note += f"; reply p50 {reported['reply_p50_ms']} ms"
    return [Row("peak RSS, bot", f"{run.peak_rss_mb:.0f} MB", note)], {
        "peak_rss_mb": run.peak_rss_mb,
        "output": reported,
    }


# ------------------------------------------------------------------------------ scale curve

_YEAR = re.compile(r"(?:19|20)\d{2}")
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)+(?![\w])|(?<![\w.,])\d{3,}(?![\w.,])")


def perturb_figures(text: str, seed: int) -> str:
    """The same report with every figure changed: the last digit of each number that has a
    separator or three digits or more is replaced (years and short numbers such as months and
    days are kept, so periods and dates still parse)."""
    rng = random.Random(seed)

    def swap(match: re.Match[str]) -> str:
        token = match.group()
        if _YEAR.fullmatch(token):
            return token
        last = token[-1]
        replacement = rng.choice([d for d in "0123456789" if d != last])
        return token[:-1] + replacement

    return _FIGURE.sub(swap, text)


def replicate_corpus(corpus_dir: Path, target: Path, copies: int) -> int:
    """Write `copies` versions of every report into target (the first unchanged); file count."""
    from eval.systems import corpus_files

    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in corpus_files(corpus_dir):
        text = path.read_text(encoding="utf-8")
        for copy in range(copies):
            name = path.name if copy == 0 else f"{path.stem}_x{copy:03d}{path.suffix}"
            body = (
                text if copy == 0 else perturb_figures(text, seed=hash((path.name, copy)) & 0xFFFF)
            )
            (target / name).write_text(body, encoding="utf-8")
            count += 1
    return count


def measure_scale(
    base: Settings, work: Path, copies: int, questions: list[str], log: Log
) -> ScalePoint:
    """One point of the curve, in a process of its own so that its peak RSS is its own."""
    log(f"scale {copies}x: replicating, indexing with the hashing embedder, asking…")
    folder = work / f"scale-{copies}"
    command = [
        *(sys.executable, "-m", "eval.bench", "scale-worker"),
        *(str(folder), str(base.corpus_dir), str(copies), str(len(questions))),
    ]
    run = run_measured(command, _env(folder / "data"))
    if run.returncode != 0:
        raise RuntimeError(f"scale worker failed: {run.stderr[-2000:]}")
    numbers = json.loads(run.stdout.strip().splitlines()[-1])
    return ScalePoint(**numbers, peak_rss_mb=run.peak_rss_mb)


def scale_worker(folder: Path, corpus_dir: Path, copies: int, n_questions: int) -> dict[str, Any]:
    """In a fresh process: the corpus replicated `copies` times, indexed, then asked."""
    from rag.assistant import Assistant
    from rag.components import make_dense_index, make_ingestor
    from rag.embed import HashingEmbedding

    questions = bench_questions(n_questions)
    documents = replicate_corpus(corpus_dir, folder / "corpus", copies)
    settings = scoped_settings(Settings(), folder / "data", folder / "corpus")
    embedder = HashingEmbedding()
    started = time.perf_counter()
    result = make_ingestor(settings, embedder).ingest([settings.corpus_dir])
    ingest_s = time.perf_counter() - started
    assistant = Assistant(settings, embedder, make_dense_index(settings))
    for question in questions[:3]:
        assistant.ask(question)
    retrieve = [_timed(partial(assistant.retrieve, q)) for q in questions]
    ask = [_timed(partial(assistant.ask, q)) for q in questions]
    return {
        "copies": copies,
        "documents": documents,
        "chunks": result.chunks_embedded,
        "ingest_s": ingest_s,
        "retrieve_p50_ms": percentile_ms(retrieve, 50),
        "retrieve_p95_ms": percentile_ms(retrieve, 95),
        "ask_p50_ms": percentile_ms(ask, 50),
        "ask_p95_ms": percentile_ms(ask, 95),
    }


# ------------------------------------------------------------------------------ the run


def run_bench(
    settings: Settings, options: BenchOptions, root: Path, log: Log
) -> tuple[Path, Table]:
    """Run every part, write bench.md, bench.json and bench.png into root/bench-<date-time>/."""
    started = datetime.now()
    questions = bench_questions(options.questions)
    result = BenchResult()
    result.raw["load_before"] = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    try:
        if options.quick:
            data_dir = settings.data_dir
        else:
            rows, raw = measure_cold_ingest(work, settings.corpus_dir, log)
            result.rows += rows
            result.raw["ingest"] = raw
            data_dir = Path(raw["data_dir"])
            rows, raw = measure_cold_ask(data_dir, questions[0], log)
            result.rows += rows
            result.raw["cold_ask"] = raw
            rows, raw = measure_bot(data_dir, log)
            result.rows += rows
            if raw:
                result.raw["bot"] = raw
        rows, raw = measure_warm(settings, data_dir, questions, log)
        result.rows += rows
        result.raw["warm"] = raw
        for copies in options.scales:
            result.curve.append(measure_scale(settings, work, copies, questions, log))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.raw["load_after"] = os.getloadavg()
    folder = write_bench(result, options, started, root)
    return folder, bench_table(result)


def bench_table(result: BenchResult) -> Table:
    table = Table(title="benchmark")
    for column in ("measure", "value", "note"):
        table.add_column(column)
    for row in result.rows:
        table.add_row(row.measure, row.value, row.note)
    for p in result.curve:
        table.add_row(
            f"scale {p.copies}x ({p.chunks} chunks)",
            f"retrieve p50 {p.retrieve_p50_ms:.1f} / p95 {p.retrieve_p95_ms:.1f} ms",
            f"answer p50 {p.ask_p50_ms:.1f} / p95 {p.ask_p95_ms:.1f} ms; "
            f"ingest {p.ingest_s:.1f} s; peak RSS {p.peak_rss_mb:.0f} MB",
        )
    return table


def write_bench(result: BenchResult, options: BenchOptions, started: datetime, root: Path) -> Path:
    folder = root / f"bench-{stamp(started)}"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# Benchmark {started:%Y-%m-%d %H:%M}",
        "",
        f"{os.cpu_count()} cores; "
        f"{'quick run (slow parts skipped)' if options.quick else 'full run'}; "
        f"load average {result.raw['load_before'][0]:.1f} at the start, "
        f"{result.raw['load_after'][0]:.1f} at the end (above 2, other processes shared the "
        "cores and latencies are inflated); method in `eval/bench.py`.",
        "",
        "| measure | value | note |",
        "|---|---|---|",
        *(f"| {r.measure} | {r.value} | {r.note} |" for r in result.rows),
    ]
    if result.curve:
        lines += [
            "",
            "## Latency vs corpus size (hashing embedder, figures perturbed in each copy)",
            "",
            "| copies | documents | chunks | ingest s | retrieve p50 ms | retrieve p95 ms "
            "| answer p50 ms | answer p95 ms | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|---|",
            *(
                f"| {p.copies}x | {p.documents} | {p.chunks} | {p.ingest_s:.1f} "
                f"| {p.retrieve_p50_ms:.1f} | {p.retrieve_p95_ms:.1f} "
                f"| {p.ask_p50_ms:.1f} | {p.ask_p95_ms:.1f} | {p.peak_rss_mb:.0f} |"
                for p in result.curve
            ),
            "",
            "![latency vs corpus size](bench.png)",
        ]
        write_curve(result.curve, folder / "bench.png")
    (folder / "bench.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = {
        **result.raw,
        "rows": [r.__dict__ for r in result.rows],
        "curve": [p.__dict__ for p in result.curve],
    }
    (folder / "bench.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    return folder


def write_curve(curve: Sequence[ScalePoint], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [p.chunks for p in curve]
    figure, axis = plt.subplots(figsize=(7, 4.5))
    for label, values, style in (
        ("retrieve p50", [p.retrieve_p50_ms for p in curve], "o-"),
        ("retrieve p95", [p.retrieve_p95_ms for p in curve], "o--"),
        ("answer p50", [p.ask_p50_ms for p in curve], "s-"),
        ("answer p95", [p.ask_p95_ms for p in curve], "s--"),
    ):
        axis.plot(chunks, values, style, label=label)
    for p in curve:
        axis.annotate(
            f"{p.copies}x",
            (p.chunks, p.ask_p50_ms),
            textcoords="offset points",
            xytext=(4, 6),
            fontsize=8,
        )
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("chunks in the index")
    axis.set_ylabel("latency (ms)")
    axis.set_title("Question latency vs corpus size (hashing embedder)")
    axis.grid(alpha=0.3, which="both")
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main(argv: list[str]) -> None:
    """The workers `run_bench` starts in processes of their own:
    `python -m eval.bench ingest-worker DATA_DIR CORPUS_DIR`
    `python -m eval.bench scale-worker FOLDER CORPUS_DIR COPIES QUESTIONS`"""
    if len(argv) == 3 and argv[0] == "ingest-worker":
        print(json.dumps(ingest_worker(Path(argv[1]), Path(argv[2]))))
    elif len(argv) == 5 and argv[0] == "scale-worker":
        print(json.dumps(scale_worker(Path(argv[1]), Path(argv[2]), int(argv[3]), int(argv[4]))))
    else:
        raise SystemExit(main.__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
