"""What a harness run leaves behind: the console table, the `--json` summary, and the report
folder (report.md, metrics.json, failures.jsonl, chart.png)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.table import Table

from eval.gold import TYPES
from eval.harness import SystemRun, ratios_to_best_baseline
from eval.metrics import METRICS, QuestionResult
from rag.settings import PROJECT_ROOT

REPORTS_DIR = PROJECT_ROOT / "eval" / "reports"
LATENCY_METRICS = ("p50_ms", "p95_ms")


@dataclass(frozen=True)
class RunInfo:
    """What was evaluated: the gold file, the split, when."""

    gold: str
    split: str
    started: datetime


def stamp(moment: datetime) -> str:
    """A folder-friendly date-time: 2024-05-01T10-22-33."""
    return moment.strftime("%Y-%m-%dT%H-%M-%S")


def fmt(value: float | int | None, metric: str = "") -> str:
    if value is None:
        return "—"
    if metric in LATENCY_METRICS:
        return f"{value:.0f}"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


# ------------------------------------------------------------------------------ summaries


def json_summary(runs: Sequence[SystemRun], n_questions: int) -> dict[str, Any]:
    """The `baocao eval --json` object: one entry per system with the headline metrics."""
    return {
        "n_questions": n_questions,
        "systems": [
            {"name": run.name, **{m: _rounded(run.summary[m]) for m in METRICS}} for run in runs
        ],
    }


def _rounded(value: float | int | None) -> float | int | None:
    return round(value, 4) if isinstance(value, float) else value


def metrics_document(runs: Sequence[SystemRun], info: RunInfo, n_questions: int) -> dict[str, Any]:
    """Everything metrics.json holds: headline metrics, extra counts, breakdowns, ratios."""
    return {
        "gold": info.gold,
        "split": info.split,
        "started": info.started.isoformat(timespec="seconds"),
        "n_questions": n_questions,
        "systems": [
            {
                "name": run.name,
                **{k: _rounded(v) for k, v in run.summary.items()},
                "by_type": _round_groups(run.by_type),
                "by_report": _round_groups(run.by_report),
                "refusals_by_rule": run.refusal_rules,
            }
            for run in runs
        ],
        "ratio_to_best_baseline": ratios_to_best_baseline(runs),
    }


def _round_groups(groups: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {g: {k: _rounded(v) for k, v in m.items()} for g, m in groups.items()}


def failure_record(result: QuestionResult) -> dict[str, Any]:
    item = result.item
    return {
        "system": result.system,
        "id": item.id,
        "type": item.type,
        "split": item.split,
        "question": item.question,
        "gold_answer": item.answer,
        "evidence": list(item.evidence),
        "docs": list(item.docs),
        "answer": result.answer,
        "refused": result.refused,
        "refusal_rule": result.refusal_rule,
        "correct": result.correct,
        "leads_right": result.leads_right,
        "rank": result.rank,
        "error": result.error,
        "retrieved": [
            {"rank": k + 1, "id": p.id, "holds_evidence": p.holds_evidence, "text": p.text[:300]}
            for k, p in enumerate(result.retrieved[:5])
        ],
    }


# ------------------------------------------------------------------------------ console


SHORT_NAMES = {
    "answer_accuracy": "accuracy",
    "lead_accuracy": "lead acc",
    "citation_precision": "cite P",
    "refusal_precision": "refuse P",
    "refusal_recall": "refuse R",
    "p50_ms": "p50 ms",
    "p95_ms": "p95 ms",
}


def console_table(runs: Sequence[SystemRun], title: str) -> Table:
    """The systems side by side, with the ratio of ours to the best baseline underneath."""
    table = Table(title=title)
    table.add_column("system", no_wrap=True)
    for metric in METRICS:
        table.add_column(SHORT_NAMES.get(metric, metric), justify="right", no_wrap=True)
    for run in runs:
        table.add_row(run.name, *(fmt(run.summary[m], m) for m in METRICS))
    ratios = ratios_to_best_baseline(runs)
    if ratios:
        cells = []
        for metric in METRICS:
            r = ratios.get(metric)
            cells.append(f"{r['ratio']:.2f}x" if r and r["ratio"] is not None else "")
        table.add_row("[i]ours / best[/i]", *cells)
    return table


# ------------------------------------------------------------------------------ report folder


def write_report(
    runs: Sequence[SystemRun], info: RunInfo, n_questions: int, root: Path = REPORTS_DIR
) -> Path:
    """Write report.md, metrics.json, failures.jsonl and chart.png into a new dated folder."""
    folder = root / stamp(info.started)
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = root / f"{stamp(info.started)}-{suffix}"
    folder.mkdir(parents=True)
    document = metrics_document(runs, info, n_questions)
    (folder / "metrics.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    with (folder / "failures.jsonl").open("w", encoding="utf-8") as out:
        for run in runs:
            for result in run.failures:
                out.write(json.dumps(failure_record(result), ensure_ascii=False) + "\n")
    chart = folder / "chart.png"
    write_chart(runs, chart)
    (folder / "report.md").write_text(
        markdown(runs, info, n_questions, chart.name), encoding="utf-8"
    )
    return folder


def markdown(runs: Sequence[SystemRun], info: RunInfo, n_questions: int, chart: str) -> str:
    """A report readable in a minute: the table, ratios, breakdowns, then the failures."""
    lines = [
        f"# Evaluation {info.started:%Y-%m-%d %H:%M}",
        "",
        f"Gold `{info.gold}`, split **{info.split}**: {n_questions} questions "
        f"({runs[0].summary['n_answerable'] if runs else 0} answerable). "
        "Metric definitions: `eval/README.md`.",
        "",
        "| system | " + " | ".join(METRICS) + " |",
        "|---" * (len(METRICS) + 1) + "|",
    ]
    for run in runs:
        lines.append(
            f"| {run.name} | " + " | ".join(fmt(run.summary[m], m) for m in METRICS) + " |"
        )
    ratios = ratios_to_best_baseline(runs)
    if ratios:
        lines += [
            "",
            "**Ours / best baseline:** "
            + ", ".join(
                f"{m} {r['ratio']:.2f}x (vs {r['baseline']})"
                for m, r in ratios.items()
                if r["ratio"] is not None
            )
            + ".",
        ]
        if "hit@1" in ratios and ratios["hit@1"].get("vs_naive") is not None:
            lines.append(f"Hit@1 vs naive-llamaindex: {ratios['hit@1']['vs_naive']:.2f}x.")
    lines += ["", f"![hit@1 and answer accuracy per question type]({chart})", ""]
    lines += _extra_lines(runs)
    lines += _group_table("By question type", runs, "by_type")
    lines += _group_table("By report", runs, "by_report")
    lines += _refusal_lines(runs)
    lines += _failure_lines(runs)
    return "\n".join(lines) + "\n"


def _extra_lines(runs: Sequence[SystemRun]) -> list[str]:
    lines = ["## Also measured", ""]
    for run in runs:
        s = run.summary
        lines.append(
            f"- **{run.name}**: [n] markers point at the evidence in "
            f"{fmt(s['markers_to_evidence'])} of answered questions; dangling markers "
            f"{s['dangling_markers']}; answerable questions refused {s['answerable_refused']}; "
            f"accuracy over all items (refusals included) {fmt(s['overall_accuracy'])}; "
            f"errors {s['errors']}."
        )
    return [*lines, ""]


def _group_table(title: str, runs: Sequence[SystemRun], attribute: str) -> list[str]:
    groups: list[str] = sorted({g for run in runs for g in getattr(run, attribute)})
    if attribute == "by_type":
        groups = [t for t in TYPES if t in groups]
    header = "| group | n | " + " | ".join(f"{run.name} hit@1 / hit@5 / acc" for run in runs) + " |"
    lines = [f"## {title}", "", "Unanswerable rows show refusal recall in the acc column.", ""]
    lines += [header, "|---" * (len(runs) + 2) + "|"]
    for group in groups:
        cells = []
        n = 0
        for run in runs:
            m = getattr(run, attribute).get(group)
            if m is None:
                cells.append("—")
                continue
            n = int(m["n"] or 0)
            if m["n_answerable"]:
                cells.append(f"{fmt(m['hit@1'])} / {fmt(m['hit@5'])} / {fmt(m['answer_accuracy'])}")
            else:
                cells.append(f"— / — / {fmt(m['refusal_recall'])}")
        lines.append(f"| {group} | {n} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _refusal_lines(runs: Sequence[SystemRun]) -> list[str]:
    """Each refusal rule's right refusals (unanswerable items) beside its wrong ones."""
    ruled = [run for run in runs if run.refusal_rules]
    if not ruled:
        return []
    lines = ["## Refusals by rule", "", "| system | rule | right | wrong |", "|---|---|---|---|"]
    for run in ruled:
        for rule, counts in run.refusal_rules.items():
            lines.append(f"| {run.name} | {rule} | {counts['right']} | {counts['wrong']} |")
    unanswered = [r for r in ruled[-1].results if not r.item.answerable and not r.refused]
    lines += ["", f"Unanswerable items answered by {ruled[-1].name}: {len(unanswered)}.", ""]
    return lines


def _failure_lines(runs: Sequence[SystemRun], limit: int = 25) -> list[str]:
    lines = ["## Failures", ""]
    for run in runs:
        failures = run.failures
        lines.append(f"- {run.name}: {len(failures)} (all in `failures.jsonl`)")
    ours = next((r for r in runs if r.name == "baocao"), runs[-1] if runs else None)
    if ours is None:
        return lines
    lines += ["", f"First {limit} of {ours.name}:", ""]
    for result in ours.failures[:limit]:
        item = result.item
        verdict = "refused" if result.refused else ("right" if result.correct else "wrong")
        got = " ".join(result.answer.split())[:160]
        top = ", ".join(f"{p.id}{'*' if p.holds_evidence else ''}" for p in result.retrieved[:3])
        lines.append(
            f"- `{item.id}` {item.type}, evidence rank {result.rank or '—'}, answer {verdict}: "
            f"{item.question}  \n  gold: {item.answer[:120]}  \n  got: {got}  \n"
            f"  top 3 retrieved (* holds evidence): {top or '—'}"
        )
    return [*lines, ""]


# ------------------------------------------------------------------------------ chart


def write_chart(runs: Sequence[SystemRun], path: Path) -> None:
    """Grouped bars: hit@1 (left) and answer accuracy (right) per question type, per system.
    Unanswerable items have no evidence: their accuracy bar is the refusal recall."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = [t for t in TYPES if any(t in run.by_type for run in runs)]
    figure, axes = plt.subplots(1, 2, figsize=(13, 4.8), sharey=True)
    width = 0.8 / max(len(runs), 1)
    for panel, (metric, label) in zip(
        axes, (("hit@1", "hit@1"), ("answer_accuracy", "answer accuracy")), strict=True
    ):
        for k, run in enumerate(runs):
            values = []
            for t in types:
                m = run.by_type.get(t, {})
                value = m.get(metric) if m.get("n_answerable") else m.get("refusal_recall")
                if metric == "hit@1" and not m.get("n_answerable"):
                    value = None
                values.append(float(value) if value is not None else 0.0)
            positions = [i + (k - (len(runs) - 1) / 2) * width for i in range(len(types))]
            panel.bar(positions, values, width, label=run.name)
        panel.set_title(label)
        panel.set_xticks(range(len(types)))
        panel.set_xticklabels([t.replace("_", "\n") for t in types], fontsize=8)
        panel.set_ylim(0, 1.05)
        panel.grid(axis="y", alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper right", ncol=len(runs), fontsize=8)
    figure.suptitle(
        "hit@1 and answer accuracy per question type (unanswerable: refusal recall)", x=0.35
    )
    figure.tight_layout(rect=(0, 0, 1, 0.93))
    figure.savefig(path, dpi=110)
    plt.close(figure)
