"""Run gold questions through systems and score every answer the same way."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from eval.gold import GoldItem
from eval.metrics import (
    QuestionResult,
    breakdown,
    by_report,
    by_type,
    refusals_by_rule,
    score,
    summarize,
)
from eval.systems import BAOCAO, BASELINES, NAIVE, Reply, System

Tick = Callable[[str, GoldItem], None]


@dataclass
class SystemRun:
    """One system's results on the gold items, and their aggregates."""

    name: str
    results: list[QuestionResult]

    @cached_property
    def summary(self) -> dict[str, float | int | None]:
        return summarize(self.results)

    @cached_property
    def by_type(self) -> dict[str, dict[str, float | int | None]]:
        return breakdown(self.results, by_type)

    @cached_property
    def by_report(self) -> dict[str, dict[str, float | int | None]]:
        return breakdown(self.results, by_report)

    @cached_property
    def refusal_rules(self) -> dict[str, dict[str, int]]:
        return refusals_by_rule(self.results)

    @property
    def failures(self) -> list[QuestionResult]:
        return [r for r in self.results if r.failed]


def run_system(system: System, items: Sequence[GoldItem], tick: Tick | None = None) -> SystemRun:
    """Ask every item's question once; the latency is the wall time of `ask`.

    A system that raises on a question gets a wrong, unrefused answer for it (the error is
    kept in the result) rather than stopping the run.
    """
    results = []
    for item in items:
        started = time.perf_counter()
        try:
            reply = system.ask(item.question)
            error = None
        except Exception as exc:  # one broken question must not hide the others' scores
            reply = Reply(answer="", refused=False, retrieved=[])
            error = "".join(traceback.format_exception_only(exc)).strip()
        latency_ms = (time.perf_counter() - started) * 1000
        results.append(
            score(
                system.name,
                item,
                answer=reply.answer,
                refused=reply.refused,
                latency_ms=latency_ms,
                retrieved=reply.retrieved,
                citations=reply.citations,
                refusal_rule=reply.refusal_rule,
                error=error,
            )
        )
        if tick:
            tick(system.name, item)
    return SystemRun(system.name, results)


def run(
    systems: Sequence[System], items: Sequence[GoldItem], tick: Tick | None = None
) -> list[SystemRun]:
    """Every system on the same items, one after the other (they share the two cores)."""
    return [run_system(system, items, tick) for system in systems]


RATIO_METRICS = ("hit@1", "hit@3", "hit@5", "mrr@10", "answer_accuracy", "citation_precision")


def ratios_to_best_baseline(runs: Sequence[SystemRun]) -> dict[str, dict[str, object]]:
    """For each quality metric: ours divided by the best baseline's value (and which baseline
    that was), and ours divided by the naive llama-index pipeline's."""
    ours = next((r for r in runs if r.name == BAOCAO), None)
    baselines = [r for r in runs if r.name in BASELINES]
    if ours is None or not baselines:
        return {}
    mine = ours.summary
    out: dict[str, dict[str, object]] = {}
    for metric in RATIO_METRICS:
        scored = [(r.summary[metric], r.name) for r in baselines if r.summary[metric] is not None]
        if not scored or mine[metric] is None:
            continue
        best_value, best_name = max(scored, key=lambda pair: float(pair[0] or 0))
        value = float(mine[metric] or 0) / float(best_value) if best_value else None
        naive = next((r.summary[metric] for r in baselines if r.name == NAIVE), None)
        out[metric] = {
            "ratio": value,
            "baseline": best_name,
            "baseline_value": best_value,
            "vs_naive": float(mine[metric] or 0) / float(naive) if naive else None,
        }
    return out
