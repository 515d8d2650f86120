"""The scorer: whether a passage holds the evidence, whether an answer is right, and the
aggregate metrics (hit@k, MRR@10, answer accuracy, citation precision, refusal precision and
recall, latency percentiles) over a list of per-question results.

Every system is scored by the same functions, from what it returned: its ranked passages, its
answer text, the passages it cited and whether it refused.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eval.gold import GoldItem
from rag.numbers import numbers_in
from rag.text import strip_diacritics, strip_markers

MRR_DEPTH = 10
_CITATION_MARKER = re.compile(r"\[(\d+)\]")
_EDGE_PUNCTUATION = "\"“”'‘’.,;:()«» "


# ------------------------------------------------------------------------------ evidence


def normalize_passage(text: str) -> str:
    """Text as evidence is matched in it: NFC, footnote markers and bold `*` removed,
    whitespace collapsed."""
    text = strip_markers(unicodedata.normalize("NFC", text)).replace("*", "")
    return " ".join(text.split())


def evidence_positions(passages: Sequence[str], evidence: Sequence[str]) -> list[int | None]:
    """For each evidence span, the 1-based rank of the first passage that contains it."""
    normalized = [normalize_passage(p) for p in passages]
    positions: list[int | None] = []
    for span in evidence:
        needle = normalize_passage(span)
        positions.append(next((k + 1 for k, p in enumerate(normalized) if needle in p), None))
    return positions


def evidence_rank(passages: Sequence[str], evidence: Sequence[str]) -> int | None:
    """The rank at which every evidence span has been seen (a two-passage item needs both:
    the rank of the last of them), or None when one is missing from the passages."""
    if not evidence:
        return None
    positions = evidence_positions(passages, evidence)
    if any(p is None for p in positions):
        return None
    return max(p for p in positions if p is not None)


def holds_evidence(passage: str, evidence: Sequence[str]) -> bool:
    """True when the passage contains at least one of the evidence spans."""
    return any(p is not None for p in evidence_positions([passage], evidence))


def hit_at(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None, depth: int = MRR_DEPTH) -> float:
    return 1.0 / rank if rank is not None and rank <= depth else 0.0


# ------------------------------------------------------------------------------ answers


def fold(text: str) -> str:
    """Lower case, no diacritics, no footnote markers, whitespace collapsed: how list items
    and worded answers are compared."""
    text = strip_markers(unicodedata.normalize("NFC", text)).replace("*", "")
    return " ".join(strip_diacritics(text.lower()).split())


def answer_figures(text: str) -> set[str]:
    """Canonical numbers of an answer ("1.854,45" -> "1854.45"), its [n] markers left out."""
    return set(numbers_in(_CITATION_MARKER.sub(" ", text)))


def answer_correct(item: GoldItem, answer: str, refused: bool) -> bool:
    """Whether a system's answer is right.

    Unanswerable: right when refused. Answerable and refused: wrong. `list`: every "; "-separated
    item of the gold answer appears in the answer (case and diacritics ignored). Otherwise every
    figure of the gold answer appears among the answer's figures, Vietnamese formats normalised;
    a gold answer without figures must appear whole (case and diacritics ignored).
    """
    if not item.answerable:
        return refused
    if refused:
        return False
    folded = fold(answer)
    if item.type == "list":
        return all(fold(entry) in folded for entry in item.list_items)
    wanted = set(numbers_in(item.answer))
    if wanted:
        return wanted <= answer_figures(answer)
    return fold(item.answer).strip(_EDGE_PUNCTUATION) in folded


_LINE_LABEL = re.compile(r"^\s*-\s*[^:“—]*:\s*")  # "- tháng 11/2017: …" names a period


def leads_with_answer(item: GoldItem, answer: str, refused: bool) -> bool | None:
    """Whether a right answer states a gold figure first, as a reader takes it: the first
    figure of each line (after a period label), one line per passage a `multi_hop` item
    needs. None where it does not apply: lists, unanswerable items, answers in words.

    Answer accuracy asks only that every gold figure appear somewhere in the answer, quote
    included: "1.152 tỷ đồng — “… 13.628,7 tỷ đồng …”" counts as right there, not here."""
    wanted = set(numbers_in(item.answer))
    if not item.answerable or item.type == "list" or not wanted:
        return None
    if refused or not answer_correct(item, answer, refused):
        return False
    firsts = []
    for line in answer.splitlines():
        figures = numbers_in(_CITATION_MARKER.sub(" ", _LINE_LABEL.sub("", line)))
        if figures:
            firsts.append(figures[0])
    needed = len(item.evidence) if item.type == "multi_hop" else 1
    return sum(figure in wanted for figure in firsts) >= needed


def cited_markers(answer: str) -> list[int]:
    """The distinct [n] markers of an answer, in order of first use."""
    seen: list[int] = []
    for match in _CITATION_MARKER.finditer(answer):
        n = int(match.group(1))
        if n not in seen:
            seen.append(n)
    return seen


# ------------------------------------------------------------------------------ results


@dataclass
class Retrieved:
    """One ranked passage a system returned, and whether it holds the item's evidence."""

    id: str
    text: str
    holds_evidence: bool


@dataclass
class QuestionResult:
    """How one system did on one gold item: the scorer's verdicts and what it returned."""

    system: str
    item: GoldItem
    answer: str
    refused: bool
    latency_ms: float
    rank: int | None  # rank at which all evidence was retrieved (None: not in the passages)
    correct: bool
    cited: int  # passages listed as citations
    cited_with_evidence: int  # of those, the ones holding an evidence span
    markers_to_evidence: bool | None  # the [n] of the answer point at all evidence spans
    dangling_markers: list[int] = field(default_factory=list)  # [n] with no listed passage
    retrieved: list[Retrieved] = field(default_factory=list)
    error: str | None = None  # the system raised instead of answering
    refusal_rule: str | None = None  # when refused: the check that refused, if the system says
    leads_right: bool | None = None  # right, and a gold figure first (None: does not apply)

    @property
    def failed(self) -> bool:
        """A failure to list: a wrong answer, or an answerable item whose evidence was not
        among the first five passages."""
        return not self.correct or (self.item.answerable and not hit_at(self.rank, 5))


def score(
    system: str,
    item: GoldItem,
    *,
    answer: str,
    refused: bool,
    latency_ms: float,
    retrieved: Sequence[tuple[str, str]],
    citations: Sequence[tuple[int, str]],
    refusal_rule: str | None = None,
    error: str | None = None,
) -> QuestionResult:
    """Score one answer. `retrieved` is the ranked (id, text) passages; `citations` the
    (n, text) passages the answer lists."""
    evidence = item.evidence
    top = list(retrieved)[:MRR_DEPTH]
    rank = evidence_rank([text for _, text in top], evidence) if item.answerable else None
    passages = [Retrieved(i, t, bool(evidence) and holds_evidence(t, evidence)) for i, t in top]
    listed = dict(citations)
    cited_with_evidence = sum(
        1 for text in listed.values() if evidence and holds_evidence(text, evidence)
    )
    markers = cited_markers(answer)
    pointed = [listed[n] for n in markers if n in listed]
    markers_ok: bool | None = None
    if item.answerable and not refused:
        markers_ok = evidence_rank(pointed, evidence) is not None
    return QuestionResult(
        system=system,
        item=item,
        answer=answer,
        refused=refused,
        latency_ms=latency_ms,
        rank=rank,
        correct=answer_correct(item, answer, refused),
        cited=len(listed) if not refused else 0,
        cited_with_evidence=cited_with_evidence if not refused else 0,
        markers_to_evidence=markers_ok,
        dangling_markers=[n for n in markers if n not in listed],
        retrieved=passages,
        error=error,
        refusal_rule=refusal_rule if refused else None,
        leads_right=leads_with_answer(item, answer, refused),
    )


# ------------------------------------------------------------------------------ aggregates

METRICS = (
    "hit@1",
    "hit@3",
    "hit@5",
    "mrr@10",
    "answer_accuracy",
    "lead_accuracy",
    "citation_precision",
    "refusal_precision",
    "refusal_recall",
    "p50_ms",
    "p95_ms",
)


def ratio(numerator: int | float, denominator: int | float) -> float | None:
    return numerator / denominator if denominator else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize(results: Sequence[QuestionResult]) -> dict[str, float | int | None]:
    """The metrics over a set of results. A metric whose denominator is empty is None.

    Retrieval metrics and answer accuracy are over answerable items, lead accuracy over those
    answered with figures (not lists); citation precision pools
    the cited passages of answered answerable items; refusal precision is the share of refusals
    that were for unanswerable items, recall the share of unanswerable items refused.
    """
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    answered = [r for r in answerable if not r.refused]
    refused = [r for r in results if r.refused]
    n = len(answerable)
    summary: dict[str, float | int | None] = {
        "n": len(results),
        "n_answerable": n,
        "n_unanswerable": len(unanswerable),
    }
    for k in (1, 3, 5):
        summary[f"hit@{k}"] = ratio(sum(hit_at(r.rank, k) for r in answerable), n)
    summary["mrr@10"] = ratio(sum(reciprocal_rank(r.rank) for r in answerable), n)
    summary["answer_accuracy"] = ratio(sum(r.correct for r in answerable), n)
    led = [r.leads_right for r in answerable if r.leads_right is not None]
    summary["lead_accuracy"] = ratio(sum(led), len(led))
    summary["citation_precision"] = ratio(
        sum(r.cited_with_evidence for r in answered), sum(r.cited for r in answered)
    )
    summary["markers_to_evidence"] = ratio(
        sum(bool(r.markers_to_evidence) for r in answered), len(answered)
    )
    summary["dangling_markers"] = sum(len(r.dangling_markers) for r in results)
    summary["refusal_precision"] = ratio(sum(not r.item.answerable for r in refused), len(refused))
    summary["refusal_recall"] = ratio(sum(r.refused for r in unanswerable), len(unanswerable))
    summary["answerable_refused"] = sum(r.refused for r in answerable)
    summary["overall_accuracy"] = ratio(sum(r.correct for r in results), len(results))
    latencies = [r.latency_ms for r in results]
    summary["p50_ms"] = percentile(latencies, 50)
    summary["p95_ms"] = percentile(latencies, 95)
    summary["errors"] = sum(r.error is not None for r in results)
    return summary


def breakdown(
    results: Iterable[QuestionResult], keys: Callable[[QuestionResult], Iterable[str]]
) -> dict[str, dict[str, float | int | None]]:
    """`summarize` per group; a result may belong to several groups (a two-report item)."""
    groups: dict[str, list[QuestionResult]] = {}
    for result in results:
        for key in keys(result):
            groups.setdefault(key, []).append(result)
    return {key: summarize(group) for key, group in sorted(groups.items())}


def refusals_by_rule(results: Iterable[QuestionResult]) -> dict[str, dict[str, int]]:
    """For each rule that refused: refusals of unanswerable items (right) and of answerable
    ones (wrong). A rule whose wrong outweigh its right costs more accuracy than it saves."""
    rules: dict[str, dict[str, int]] = {}
    for result in results:
        if result.refused:
            counts = rules.setdefault(result.refusal_rule or "(unnamed)", {"right": 0, "wrong": 0})
            counts["wrong" if result.item.answerable else "right"] += 1
    return dict(sorted(rules.items(), key=lambda pair: -sum(pair[1].values())))


def by_type(result: QuestionResult) -> list[str]:
    return [result.item.type]


def by_report(result: QuestionResult) -> list[str]:
    """The reports an item's evidence is in ("(unanswerable)" for an item with none)."""
    return sorted(set(result.item.docs)) or ["(unanswerable)"]
