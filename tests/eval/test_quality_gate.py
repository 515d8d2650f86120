"""CI gate: the pipeline on the gold dev split, with the real embedder, must not regress.

The floors sit just under the figures measured on the dev split with `baocao eval --split dev`; raise them when the pipeline improves, never
lower them to make a change pass. Tune on dev only: the test split is for reporting.
"""

from __future__ import annotations

import pytest

from eval.gold import BLIND, REWORDED, load_gold
from eval.harness import SystemRun, run
from eval.systems import BaocaoSystem
from rag.assistant import Assistant

pytestmark = pytest.mark.slow

# Measured 2026-11-23 (session 18, at its end) on the dev split of 1249 questions (1094
# answerable, 155 unanswerable) with `baocao eval --split dev`: hit@5 0.980 (1072/1094), answer
# accuracy 0.929 (1016/1094), refusal recall 0.742 (115/155). The floors leave four (hit@5),
# four (accuracy) and one (refusals) items of slack.
HIT5_FLOOR = 0.976  # 1068/1094
# Measured 2026-11-24 (session 26) with `baocao eval --split dev`: hit@1 0.866 (947/1094), with
# neighbouring chunks of a section shown as one passage; four items of slack.
HIT1_FLOOR = 0.862  # 943/1094
ACCURACY_FLOOR = 0.925  # 1012/1094
REFUSAL_RECALL_FLOOR = 0.735  # 114/155
# The same facts asked in other words (eval/reworded.jsonl: 270 rewordings of the 135
# answerable non-list dev items of g001-g272, in formal, keyword, everyday and chat style).
# Measured 2026-11-23 (session 18, at its end) with `baocao eval --gold eval/reworded.jsonl`:
# answer accuracy 0.959 (259/270); four items of slack.
REWORDED_ACCURACY_FLOOR = 0.944  # 255/270
# Questions written blind to the pipeline (eval/blind.jsonl: 536 items on facts no test item
# quotes). Measured 2026-11-23 (session 20) with `baocao eval --gold eval/blind.jsonl`: answer
# accuracy 0.946 (388/410), refusal recall 0.675 (85/126); three and two items of slack.
BLIND_ACCURACY_FLOOR = 0.939  # 385/410
BLIND_REFUSAL_RECALL_FLOOR = 0.658  # 83/126


@pytest.fixture(scope="module")
def dev_run(real_assistant: Assistant) -> SystemRun:
    (result,) = run([BaocaoSystem(real_assistant)], load_gold(split="dev"))
    return result


@pytest.fixture(scope="module")
def reworded_run(real_assistant: Assistant) -> SystemRun:
    (result,) = run([BaocaoSystem(real_assistant)], load_gold(REWORDED))
    return result


@pytest.fixture(scope="module")
def blind_run(real_assistant: Assistant) -> SystemRun:
    (result,) = run([BaocaoSystem(real_assistant)], load_gold(BLIND))
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


def test_retrieval_hit_at_1(dev_run: SystemRun) -> None:
    value = dev_run.summary["hit@1"]
    assert value is not None and value >= HIT1_FLOOR, (
        f"hit@1 {value:.3f} < {HIT1_FLOOR}\n{_failures(dev_run, 'answerable')}"
    )


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


def test_answer_accuracy_on_the_same_facts_reworded(reworded_run: SystemRun) -> None:
    value = reworded_run.summary["answer_accuracy"]
    assert value is not None and value >= REWORDED_ACCURACY_FLOOR, (
        f"reworded answer accuracy {value:.3f} < {REWORDED_ACCURACY_FLOOR}\n"
        f"{_failures(reworded_run, 'answerable')}"
    )


def test_questions_written_blind_to_the_pipeline(blind_run: SystemRun) -> None:
    accuracy, recall = (blind_run.summary[m] for m in ("answer_accuracy", "refusal_recall"))
    assert accuracy is not None and accuracy >= BLIND_ACCURACY_FLOOR, (
        f"blind answer accuracy {accuracy:.3f} < {BLIND_ACCURACY_FLOOR}\n"
        f"{_failures(blind_run, 'answerable')}"
    )
    assert recall is not None and recall >= BLIND_REFUSAL_RECALL_FLOOR, (
        f"blind refusal recall {recall:.3f} < {BLIND_REFUSAL_RECALL_FLOOR}\n"
        f"{_failures(blind_run, 'unanswerable')}"
    )
