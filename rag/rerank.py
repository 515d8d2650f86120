"""Re-ranking: the first passages ordered by their fused rank and their best sentence together,
with the footnotes the best sentence points to kept beside it."""

from __future__ import annotations

import re

from llama_index.core.schema import TextNode

from rag.extract import Candidate, SentenceRanker
from rag.figures import figures_of
from rag.periods import QueryPeriod
from rag.retrieve import Hit
from rag.terms import Terms
from rag.text import (
    enumerates,
    footnote_markers,
    lists_things,
    part_holding_marker,
    statements,
)
from rag.view import IndexView

_CLAUSE_BREAK = re.compile(r"[,;:]\s")
_CLEARLY = 0.02  # more of the question than rounding can give
_NEARLY = 0.15  # of the final rank: a change gives way to an amount this close


class SentenceReranker:
    """Re-orders the head of a fused ranking by how well each passage's best sentence answers."""

    def __init__(
        self,
        candidates: int = 25,
        weight: float = 0.6,
        worded_apart: float = 0.0,
        worded_apart_weight: float = 0.6,
    ) -> None:
        if candidates < 1:
            raise ValueError(f"candidates must be positive, got {candidates}")
        for name, value in (("weight", weight), ("worded_apart_weight", worded_apart_weight)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        self.candidates = candidates
        self.weight = weight
        self.worded_apart = worded_apart
        self.worded_apart_weight = worded_apart_weight

    def rerank(
        self, view: IndexView, hits: list[Hit], terms: Terms, period: QueryPeriod | None
    ) -> tuple[list[Hit], list[Candidate]]:
        """Order the first passages by fused rank and by their best sentence together."""
        head = hits[: self.candidates]
        if not head:
            return hits, []
        top = head[0].score
        found = [(hit, view.ranker.best(hit, terms, period)) for hit in head]
        # A question worded apart from every passage (a paraphrase) shares little with its
        # answer too: the sentence scores say less, the fused ranking (meaning) more.
        best_coverage = max((c.coverage for _, c in found if c is not None), default=0.0)
        apart = best_coverage < self.worded_apart
        weight = self.worded_apart_weight if apart else self.weight
        scored: list[tuple[float, Hit, Candidate | None]] = []
        for hit, candidate in found:
            sentence_score = candidate.score if candidate else 0.0
            scored.append(
                ((1 - weight) * hit.score / top + weight * sentence_score, hit, candidate)
            )
        scored.sort(key=lambda item: -item[0])
        scored = _amount_first(scored, terms)
        ranked = [hit for _, hit, _ in scored] + hits[len(head) :]
        candidates = [c for _, _, c in scored if c is not None]
        return self._with_footnotes(view, ranked, candidates, terms, period), candidates

    def _with_footnotes(
        self,
        view: IndexView,
        ranked: list[Hit],
        candidates: list[Candidate],
        terms: Terms,
        period: QueryPeriod | None,
    ) -> list[Hit]:
        """The footnotes the best sentence points to come right after it, or before it when
        they answer better (a list, a breakdown): body and footnote are one piece of evidence."""
        if not candidates or not candidates[0].markers:
            return ranked
        top = candidates[0]
        doc = top.node.metadata["doc"]
        anchors = marker_anchors(top.sentence)
        notes: list[tuple[float, TextNode]] = []
        for marker in top.markers:
            note = view.footnote(doc, marker)
            if note is not None:
                # The footnote's text with the words of the sentence just before its marker.
                words = terms.words(f"{anchors.get(marker, '')} {note.text}")
                notes.append((view.ranker.coverage(terms, words)[0], note))
        notes.sort(key=lambda item: -item[0])
        lifted = [
            next((h for h in ranked if h.node_id == note.node_id), None) or Hit(note)
            for _, note in notes
        ]
        for hit in lifted:
            if _answers_first(view, terms, top, hit.node):
                candidate = view.ranker.best(hit, terms, period)
                if candidate is not None:
                    candidates.insert(0, candidate)
                    break
        ids = {h.node_id for h in lifted}
        rest = [h for h in ranked if h.node_id not in ids]
        if candidates[0].node.metadata.get("kind") == "footnote":
            return lifted + rest
        return rest[:1] + lifted + rest[1:]


def _amount_first(
    scored: list[tuple[float, Hit, Candidate | None]], terms: Terms
) -> list[tuple[float, Hit, Candidate | None]]:
    """Asked an amount, a passage whose best sentence gives only a change ("ngành công
    nghiệp sản xuất, phân phối điện giảm 1,7%") gives way to the next one nearly as good that
    gives an amount ("Điện sản xuất 680 Triệu Kwh, tăng 1.33%")."""
    if len(scored) < 2 or not (terms.quantitative and terms.wants_level):
        return scored
    top = scored[0][2]
    if top is None or not top.gives_only_change(terms):
        return scored
    for k, (rank, _, candidate) in enumerate(scored[1:4], start=1):
        if (
            candidate is not None
            and scored[0][0] - rank <= _NEARLY
            and not candidate.gives_only_change(terms)
            and figures_of(candidate.sentence)
        ):
            return [scored[k], *scored[:k], *scored[k + 1 :]]
    return scored


def _answers_first(view: IndexView, terms: Terms, top: Candidate, note: TextNode) -> bool:
    """Does the footnote answer before the sentence citing it? When its figure speaks of the
    question as well as the sentence's does; when it holds words of the question the sentence
    lacks; read on from that sentence, when its figure speaks of more of the question by a
    word of it ("NSTW trong nước"), or gives the amount asked where the sentence gives only
    its change ("cây thạch đen tăng mạnh, tăng 34,97%"); asked a list, unless the sentence
    lists the things itself ("… gồm: Điện sản xuất, điện thương phẩm, Clinker, …")."""
    ranker = view.ranker
    body_words = terms.words(top.sentence)
    body_figure = max(top.own, ranker.figure_coverage(terms, top.sentence))
    note_words = terms.words(note.text)
    if terms.wants_list:
        if not lists_things(note.text):
            return False
        asked = _part_asked(ranker, terms, top.sentence, note.metadata.get("footnote"))
        return asked is True or (asked is None and not enumerates(top.sentence))
    if ranker.figure_coverage(terms, note.text) >= body_figure:
        return True
    gain = ranker.coverage(terms, body_words + note_words)[0]
    if gain - ranker.coverage(terms, body_words)[0] >= 0.15:
        return True
    read_on = ranker.figure_coverage(terms, note.text, top.sentence)
    if terms.wants_level and top.gives_only_change(terms) and read_on >= body_figure:
        return True
    return read_on > body_figure + _CLEARLY and any(
        terms.as_worded(t, note_words)
        for t in terms.weights
        if t in note_words and t not in body_words
    )


def _part_asked(
    ranker: SentenceRanker, terms: Terms, sentence: str, marker: int | None
) -> bool | None:
    """Is the part of the sentence a footnote details the part asked about? True when it
    covers the question clearly best ("…, gồm: Ngân sách địa phương …⁹; Ngân sách trung
    ương …¹⁰; …" asked of the central budget's sources), False when another part covers it
    better ("Tổ chức tiêm phòng được 130 nghìn lượt⁴ …; thực hiện tốt công tác kiểm dịch …"
    asked what else was done well), None when the sentence is one part or they tie. Later
    parts are read with the first, which names what they go on about ("Giá trị khối lượng …
    tháng 11 đạt 162,145 tỷ đồng; ước 11 tháng đạt 1.854,45 tỷ đồng⁸")."""
    parts = statements(sentence)
    holding = part_holding_marker(sentence, marker) if marker is not None else None
    if len(parts) < 2 or holding is None:
        return None
    subject = terms.words(parts[0])
    covered = [
        ranker.coverage(terms, terms.words(p) + (subject if i else []))[0]
        for i, p in enumerate(parts)
    ]
    at = parts.index(holding)
    others = max(v for i, v in enumerate(covered) if i != at)
    if others > covered[at] + _CLEARLY:
        return False
    return True if covered[at] > others + _CLEARLY else None


def marker_anchors(sentence: str) -> dict[int, str]:
    """For each footnote marker of a sentence, the words it closes: the text back to the marker
    or clause break before it. A note speaks of its own clause, not of the sentence's opening
    ("Đối với 10 xã … và 05 xã đạt chuẩn nông thôn mới nâng cao năm 2021, đến nay đã có 08 xã
    … đạt chuẩn nông thôn mới⁴ và 03 xã … nông thôn mới nâng cao⁵": note 4 lists the 08)."""
    anchors: dict[int, str] = {}
    last = 0
    for number, start, end in footnote_markers(sentence):
        anchors[number] = _CLAUSE_BREAK.split(sentence[last:start])[-1]
        last = end
    return anchors
