"""CI gate: the pipeline on the gold dev split, with the real embedder, must not regress.

The floors sit just under the figures measured on the dev split with `baocao eval --split dev`; raise them when the pipeline improves, never
lower them to make a change pass. Tune on dev only: the test split is for reporting.
"""

from __future__ import annotations

import pytest

from eval.gold import load_gold
from eval.harness import SystemRun, run
from eval.systems import BaocaoSystem
from rag.assistant import Assistant

pytestmark = pytest.mark.slow

# Measured 2026-11-22 (session 10, at its end) on the dev split of 739 questions (645
# answerable, 94 unanswerable) with `baocao eval --split dev`: hit@5 0.975 (629/645), answer
# accuracy 0.915 (590/645), refusal recall 0.787 (74/94). The floors leave three (hit@5), four
# (accuracy) and one (refusals) items of slack, as before. The split grew this session by 60
# held-out items (g789-g848, eval/GOLD.md), whose hit@5 was 0.93 when first measured: that,
# not a regression, is why the hit@5 floor is lower than session 9's 0.974 (accuracy 0.908
# and refusal recall 0.77 are unchanged).
HIT5_FLOOR = 0.970
ACCURACY_FLOOR = 0.908
REFUSAL_RECALL_FLOOR = 0.77


@pytest.fixture(scope="module")
def dev_run(real_assistant: Assistant) -> SystemRun:
    (result,) = run([BaocaoSystem(real_assistant)], load_gold(split="dev"))
    return result


def _failures(result: SystemRun, kind: str) -> str:
    lines = []
    for r in result.failures:
        if (kind == "unanswerable") != (not r.item.answerable):
            continue
        answer = " ".join(r.answer.split())[:100]
        lines.append(
            f"  {r.item.id} rank={r.rank} refused={r.refused}: {r.item.question} -> {answer}"
        )
    return "\n".join(lines)


def test_retrieval_hit_at_5(dev_run: SystemRun) -> None:
    value = dev_run.summary["hit@5"]
    assert value is not None and value >= HIT5_FLOOR, (
        f"hit@5 {value:.3f} < {HIT5_FLOOR}\n{_failures(dev_run, 'answerable')}"
    )


def test_answer_accuracy(dev_run: SystemRun) -> None:
    value = dev_run.summary["answer_accuracy"]
    assert value is not None and value >= ACCURACY_FLOOR, (
        f"answer accuracy {value:.3f} < {ACCURACY_FLOOR}\n{_failures(dev_run, 'answerable')}"
    )


def test_refusal_recall(dev_run: SystemRun) -> None:
    value = dev_run.summary["refusal_recall"]
    assert value is not None and value >= REFUSAL_RECALL_FLOOR, (
        f"refusal recall {value:.3f} < {REFUSAL_RECALL_FLOOR}\n{_failures(dev_run, 'unanswerable')}"
    )
