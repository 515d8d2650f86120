"""Passages as shown: a chunk, or two neighbouring chunks of one section ranked one after the other.

The chunker cuts a long section into chunks of at most `max_words`, so a list, or a sentence and
the one that follows from it ("… không điều chỉnh các chỉ tiêu kế hoạch năm 2020. Do đó, nhiệm
vụ …"), can fall on both sides of a cut. When retrieval ranks both halves one after the other,
they are one piece of the report: an official reads, and quotes, them together. (llama-index's
auto-merging retriever does the same with a parent's children.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.answer import MARKER, Answer, Citation
from rag.view import IndexView

Passage = tuple[str, ...]  # the ids of the chunks a passage shows, in report order

_REPEATED_MARKER = re.compile(r"\[(\d{1,3})\](?:\s*\[\1\])+")


def join_neighbours(view: IndexView, ranked: Sequence[str]) -> list[Passage]:
    """The ranked chunks as passages: each chunk followed in the ranking by its neighbour under
    the same heading is joined with it (a pair at most, so a passage stays quotable)."""
    passages: list[Passage] = []
    at = 0
    while at < len(ranked):
        pair = _neighbours(view, ranked[at], ranked[at + 1]) if at + 1 < len(ranked) else None
        if pair is None:
            passages.append((ranked[at],))
            at += 1
        else:
            passages.append(pair)
            at += 2
    return passages


def _neighbours(view: IndexView, first: str, second: str) -> Passage | None:
    try:
        node = view.lexical.node(first)
    except KeyError:
        return None
    after, before = view.beside(node, 1), view.beside(node, -1)
    if after is not None and after.node_id == second:
        return (first, second)
    if before is not None and before.node_id == second:
        return (second, first)
    return None


def shown_as_passages(view: IndexView, answer: Answer, passages: Sequence[Passage]) -> Answer:
    """The answer with each source showing its whole passage. Two sources of one passage become
    one, and the answer's `[n]` markers are renumbered to match."""
    of_chunk = {chunk: passage for passage in passages for chunk in passage}
    citations, renumber = _merged(view, answer.citations, of_chunk)
    related, _ = _merged(view, answer.related, of_chunk)
    text = answer.answer
    if any(old != new for old, new in renumber.items()):
        text = MARKER.sub(lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", text)
        text = _REPEATED_MARKER.sub(r"[\1]", text)
    return replace(answer, answer=text, citations=citations, related=related)


def _merged(
    view: IndexView, sources: list[Citation], of_chunk: dict[str, Passage]
) -> tuple[list[Citation], dict[int, int]]:
    """Sources numbered anew, one for each passage, and the old number -> new number."""
    merged: list[Citation] = []
    numbers: dict[Passage, int] = {}
    renumber: dict[int, int] = {}
    for source in sources:
        passage = of_chunk.get(source.chunk_id, (source.chunk_id,))
        if passage not in numbers:
            numbers[passage] = len(merged) + 1
            merged.append(_showing(view, source, passage, numbers[passage]))
        renumber[source.n] = numbers[passage]
    return merged, renumber


def _showing(view: IndexView, source: Citation, passage: Passage, n: int) -> Citation:
    if len(passage) == 1:
        return replace(source, n=n)
    texts = [view.lexical.node(chunk).text for chunk in passage]
    return replace(source, n=n, chunk_id=passage[0], chunk_ids=passage, text="\n".join(texts))
