"""The assistant: one object the CLI, the bot and the harness ask questions through.

It loads the embedder and the indexes once and is safe to call from several threads (the
embedder serialises its own calls; the indexes are only read; `reload` swaps them whole).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from rag.answer import Answer, Citation
from rag.components import make_dense_index, make_embedder, make_ingestor
from rag.errors import BaocaoError
from rag.extract import Candidate, SentenceRanker, Terms, Vocabulary, lead_figure
from rag.lexical import LexicalIndex
from rag.llm import LLMAnswerer, LLMCheckError, make_llm
from rag.manifest import Manifest
from rag.periods import Period, QueryPeriod, parse_query_periods
from rag.question import InvalidQuestionError, bare, normalize_question
from rag.retrieve import Hit, HybridRetriever, Scope
from rag.settings import Settings
from rag.store import DenseIndex
from rag.text import footnote_markers

logger = logging.getLogger(__name__)
_LLM_PASSAGES = 5
REFUSAL = "Không tìm thấy số liệu trả lời câu hỏi này trong các báo cáo hiện có."


@dataclass(frozen=True)
class Tuning:
    """Knobs of ranking and refusal, set from the gold dev split (see eval/)."""

    rerank_candidates: int = 25
    rerank_weight: float = 0.6  # share of the sentence score in a passage's final rank
    min_score: float = 0.6  # below this the best sentence is too weak: refuse
    min_score_text: float = 0.3  # the same for questions answered in words (why, which, how)
    min_coverage: float = 0.4  # a figure of another period must cover this much of the question
    min_clause_coverage: float = 0.5
    bare_dense_weight: float = 0.5  # e5 reads Vietnamese without diacritics poorly
    compare_ratio: float = 0.85  # another period's figure is listed when this close to the best
    max_periods: int = 4


@dataclass
class _Scoped:
    period: QueryPeriod | None
    scope: Scope | None  # None: the period is named but no report covers it
    hits: list[Hit]
    candidates: list[Candidate]


class Assistant:
    """Answers questions over the indexed reports, with citations."""

    def __init__(
        self,
        settings: Settings,
        embedder: BaseEmbedding,
        dense: DenseIndex,
        tuning: Tuning | None = None,
        llm: LLMAnswerer | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.dense = dense
        self.tuning = tuning or Tuning()
        self.llm = llm
        self._lock = threading.Lock()
        self.reload()

    @classmethod
    def open(
        cls, settings: Settings, embedder: BaseEmbedding | None = None, build: bool = True
    ) -> Assistant:
        """Load the index, first building it from the corpus folder when there is none."""
        embedder = embedder or make_embedder(settings)
        manifest = Manifest.load(settings.data_dir / "manifest.json")
        if build and not manifest.docs:
            make_ingestor(settings, embedder).ingest([settings.corpus_dir])
        elif manifest.docs and manifest.model != embedder.model_name:
            raise BaocaoError(
                f"the index in {settings.data_dir} was built with the embedding model "
                f"{manifest.model!r}, not {embedder.model_name!r}: "
                "run `baocao ingest` to rebuild it"
            )
        llm = LLMAnswerer(make_llm(settings.llm)) if settings.llm.enabled else None
        return cls(settings, embedder, make_dense_index(settings), llm=llm)

    def reload(self) -> None:
        """Read the lexical index and the manifest again (after an ingestion)."""
        lexical = LexicalIndex.load(self.settings.data_dir / "lexical")
        nodes = lexical.nodes()
        state = _State(
            lexical=lexical,
            retriever=HybridRetriever(
                self.embedder,
                self.dense,
                lexical,
                candidates=self.settings.retrieval.candidates,
            ),
            ranker=SentenceRanker(Vocabulary(nodes)),
            periods=_doc_periods(nodes),
            titles={n.metadata["doc"]: n.metadata["title"] for n in nodes},
        )
        with self._lock:
            self._state = state

    @property
    def documents(self) -> dict[str, tuple[str, Period]]:
        """Indexed reports: doc id -> (title, period)."""
        state = self._state
        return {doc: (state.titles[doc], period) for doc, period in state.periods.items()}

    # ---------------------------------------------------------------------------- asking

    def ask(
        self,
        question: str,
        period: str | None = None,
        doc: str | None = None,
        top_k: int | None = None,
    ) -> Answer:
        """Answer a question; `period` ("tháng 11/2023") and `doc` (a file name) narrow it."""
        started = time.perf_counter()
        plan = self._plan(question, period, doc)
        state, text = plan.state, plan.text
        unknown = state.ranker.vocabulary.unknown_names(text)
        if unknown:
            names = ", ".join(f"«{n}»" for n in unknown)
            answer = self._refuse(text, plan.scoped, [], f"các báo cáo không nhắc đến {names}")
        else:
            answer = self._compose(state, text, plan.terms, plan.scoped, len(plan.named) > 1)
            if self.llm is not None:
                answer = self._synthesise(state, text, answer, plan.scoped)
        top_k = top_k or self.settings.retrieval.top_k
        answer.retrieved = [h.node_id for h in plan.ranked[: max(top_k, 10)]]
        answer.periods = [p.label for p in plan.named]
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def retrieve(self, question: str, top_k: int = 10) -> list[Hit]:
        """Retrieval alone (period routing and re-ranking included), for the harness."""
        return self._plan(question).ranked[:top_k]

    def _plan(self, question: str, period: str | None = None, doc: str | None = None) -> _Plan:
        """Read the question, route it to the periods it names, and search each of them."""
        text = normalize_question(question)
        state = self._state
        bare_question = bare(text)
        newest = max(state.periods.values(), key=_period_key, default=None)
        named = parse_query_periods(bare(period) if period else bare_question, newest)
        if period and not named:
            raise InvalidQuestionError(
                f"không đọc được kỳ báo cáo {period!r} "
                "(ví dụ: 'tháng 11/2023', '6 tháng đầu năm 2020')"
            )
        if doc and doc not in state.periods:
            raise InvalidQuestionError(f"không có báo cáo {doc!r} trong chỉ mục")
        named = _routed_periods(named, bare_question, state.periods)
        docs = frozenset([doc]) if doc else None
        embedding = state.retriever.embed(text) if state.lexical.ids() else None
        terms = state.ranker.terms(text)
        searched: list[QueryPeriod | None] = list(named) or [None]
        scoped = [self._search(state, text, terms, p, docs, embedding) for p in searched]
        return _Plan(state, text, terms, named, scoped)

    def _search(
        self,
        state: _State,
        text: str,
        terms: Terms,
        period: QueryPeriod | None,
        docs: frozenset[str] | None,
        embedding: list[float] | None,
    ) -> _Scoped:
        scope = _scope_for(state, period, docs)
        if scope is None or embedding is None:
            return _Scoped(period, scope, [], [])
        dense_weight = None if terms.exact else self.tuning.bare_dense_weight
        hits = state.retriever.retrieve(text, scope, embedding, dense_weight)
        return _Scoped(period, scope, *self._rerank(state, hits, terms, period))

    def _rerank(
        self, state: _State, hits: list[Hit], terms: Terms, period: QueryPeriod | None
    ) -> tuple[list[Hit], list[Candidate]]:
        """Order the first passages by fused rank and by their best sentence together."""
        head = hits[: self.tuning.rerank_candidates]
        if not head:
            return hits, []
        top = head[0].score
        weight = self.tuning.rerank_weight
        scored: list[tuple[float, Hit, Candidate | None]] = []
        for hit in head:
            candidate = state.ranker.best(hit, terms, period)
            sentence_score = candidate.score if candidate else 0.0
            scored.append(
                ((1 - weight) * hit.score / top + weight * sentence_score, hit, candidate)
            )
        scored.sort(key=lambda item: -item[0])
        ranked = [hit for _, hit, _ in scored] + hits[len(head) :]
        candidates = [c for _, _, c in scored if c is not None]
        return self._with_footnotes(state, ranked, candidates, terms, period), candidates

    def _with_footnotes(
        self,
        state: _State,
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
        anchors = _marker_anchors(top.sentence)
        notes: list[tuple[float, TextNode]] = []
        for marker in top.markers:
            note = _footnote_node(state, doc, marker)
            if note is not None:
                # The footnote's text with the words of the sentence just before its marker.
                words = terms.words(f"{anchors.get(marker, '')} {note.text}")
                notes.append((state.ranker.coverage(terms, words)[0], note))
        notes.sort(key=lambda item: -item[0])
        lifted = [
            next((h for h in ranked if h.node_id == note.node_id), None) or Hit(note)
            for _, note in notes
        ]
        body_words = terms.words(top.sentence)
        body_figure = max(top.own, state.ranker.figure_coverage(terms, top.sentence))
        body_total = state.ranker.coverage(terms, body_words)[0]
        for hit in lifted:
            # A footnote answers first when its figure speaks of the question as well as the
            # sentence's does, or when it holds what the question asks and the sentence lacks.
            own = state.ranker.figure_coverage(terms, hit.node.text)
            gain = state.ranker.coverage(terms, body_words + terms.words(hit.node.text))[0]
            if terms.wants_list or own >= body_figure or gain - body_total >= 0.15:
                candidate = state.ranker.best(hit, terms, period)
                if candidate is not None:
                    candidates.insert(0, candidate)
                    break
        ids = {h.node_id for h in lifted}
        rest = [h for h in ranked if h.node_id not in ids]
        if candidates[0].node.metadata.get("kind") == "footnote":
            return lifted + rest
        return rest[:1] + lifted + rest[1:]

    # ---------------------------------------------------------------------------- composing

    def _compose(
        self, state: _State, question: str, terms: Terms, scoped: list[_Scoped], per_period: bool
    ) -> Answer:
        book = _CitationBook()
        if per_period:
            lines: list[str] = []
            related: list[TextNode] = []
            for part in scoped:
                label = part.period.label if part.period else ""
                best = self._confident(state, part.candidates, terms)
                if best is None:
                    lines.append(f"- {label}: {self._missing(state, part)}")
                    related.extend(h.node for h in part.hits[:1])
                    continue
                lines.append(f"- {label}: {_say(best, book, state, terms)}")
            if book.citations:
                return Answer(question, "\n".join(lines), False, book.citations)
            return self._refuse(question, scoped, related)

        part = scoped[0]
        if part.scope is None:
            return self._refuse(question, scoped, [], self._missing(state, part))
        best = self._confident(state, part.candidates, terms)
        if best is None:
            return self._refuse(question, scoped, [h.node for h in part.hits[:3]])
        others = self._other_periods(state, best, part.candidates)
        if not others:
            return Answer(question, _say(best, book, state, terms), False, book.citations)
        lines = ["Số liệu theo từng kỳ báo cáo (mới nhất trước):"]
        for candidate in sorted(
            [best, *others], key=lambda c: _period_key(_period_of(state, c)), reverse=True
        ):
            lines.append(
                f"- {candidate.node.metadata['period']}: {_say(candidate, book, state, terms)}"
            )
        return Answer(question, "\n".join(lines), False, book.citations)

    def _synthesise(
        self, state: _State, question: str, extractive: Answer, scoped: list[_Scoped]
    ) -> Answer:
        """The LLM's answer from the best passages, if it passes the checks; else the
        extractive one, saying why."""
        assert self.llm is not None
        nodes: list[TextNode] = []
        for citation in extractive.citations:
            nodes.append(state.lexical.node(citation.chunk_id))
        for hit in (h for part in scoped for h in part.hits[:_LLM_PASSAGES]):
            if len(nodes) >= _LLM_PASSAGES:
                break
            if all(n.node_id != hit.node_id for n in nodes):
                nodes.append(hit.node)
        if not nodes:
            return extractive
        passages = [Citation.from_node(i + 1, n) for i, n in enumerate(nodes)]
        try:
            synthesis = self.llm.answer(question, passages)
        except LLMCheckError as failed:
            extractive.fallback_reason = f"LLM answer rejected: {failed}"
            return extractive
        except Exception as failed:  # timeouts, refused connections, HTTP errors
            logger.warning("LLM unavailable: %s", failed)
            extractive.fallback_reason = f"LLM unavailable: {type(failed).__name__}"
            return extractive
        if synthesis is None:
            extractive.fallback_reason = "LLM found no answer in the passages"
            return extractive
        return Answer(question, synthesis.answer, False, synthesis.citations, mode="llm")

    def _confident(
        self, state: _State, candidates: list[Candidate], terms: Terms
    ) -> Candidate | None:
        """The top passage's best sentence, if it is strong enough to answer with. A figure
        asked for must be found; an answer in words needs less of the question's wording."""
        if not candidates:
            return None
        best = candidates[0]
        floor = self.tuning.min_score if terms.quantitative else self.tuning.min_score_text
        if best.score < floor:
            return None
        if terms.quantitative and best.unit_mismatch:
            # A figure in another unit is an answer only if its clause speaks of the subject.
            clause_coverage = state.ranker.figure_coverage(terms, best.sentence)
            if clause_coverage < self.tuning.min_clause_coverage:
                return None
        return best

    def _other_periods(
        self, state: _State, best: Candidate, candidates: list[Candidate]
    ) -> list[Candidate]:
        """The same indicator's figure in other periods, when the question named none."""
        seen = {_period_key(_period_of(state, best))}
        others = []
        for candidate in sorted(candidates, key=lambda c: -c.score):
            key = _period_key(_period_of(state, candidate))
            if key in seen:
                continue
            if (
                candidate.score >= self.tuning.compare_ratio * best.score
                and candidate.coverage >= self.tuning.min_coverage
                and lead_figure(candidate.sentence)
            ):
                others.append(candidate)
                seen.add(key)
            if len(others) + 1 >= self.tuning.max_periods:
                break
        return others

    def _missing(self, state: _State, part: _Scoped) -> str:
        if part.scope is None and part.period is not None:
            available = "; ".join(sorted({p.label for p in state.periods.values()}))
            return f"không có báo cáo nào cho kỳ {part.period.label} (các kỳ hiện có: {available})"
        return "không tìm thấy số liệu cho kỳ này trong báo cáo"

    @staticmethod
    def _refuse(
        question: str,
        scoped: list[_Scoped],
        related: list[TextNode],
        reason: str | None = None,
    ) -> Answer:
        """One clear sentence, and the closest passages as "có thể liên quan" (not an answer)."""
        if not related:
            related = [h.node for s in scoped for h in s.hits[:3]][:3]
        message = REFUSAL if reason is None else f"{REFUSAL[:-1]}: {reason}."
        return Answer(
            question,
            message,
            True,
            related=[Citation.from_node(i + 1, n) for i, n in enumerate(related)],
        )


@dataclass
class _Plan:
    """A question read and searched: what `ask` composes an answer from."""

    state: _State
    text: str
    terms: Terms
    named: list[QueryPeriod]
    scoped: list[_Scoped]

    @property
    def ranked(self) -> list[Hit]:
        """The passages of every period searched, interleaved, best first."""
        hits: list[Hit] = []
        seen: set[str] = set()
        rankings = [s.hits for s in self.scoped]
        for position in range(max((len(r) for r in rankings), default=0)):
            for ranking in rankings:
                if position < len(ranking) and ranking[position].node_id not in seen:
                    seen.add(ranking[position].node_id)
                    hits.append(ranking[position])
        return hits


@dataclass
class _State:
    lexical: LexicalIndex
    retriever: HybridRetriever
    ranker: SentenceRanker
    periods: dict[str, Period]
    titles: dict[str, str]


class _CitationBook:
    """Numbers passages in the order an answer first cites them."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []

    def cite(self, node: TextNode) -> int:
        for citation in self.citations:
            if citation.chunk_id == node.node_id:
                return citation.n
        citation = Citation.from_node(len(self.citations) + 1, node)
        self.citations.append(citation)
        return citation.n


def _say(candidate: Candidate, book: _CitationBook, state: _State, terms: Terms) -> str:
    """ "5.775 tỷ đồng: “Lũy kế 11 tháng 5.775 tỷ đồng, đạt 77,8% dự toán…” [1]" and, where
    the sentence points to a footnote, that footnote's detail [2]."""
    node = candidate.node
    n = book.cite(node)
    figure = lead_figure(candidate.clause or candidate.sentence)
    text = f"“{candidate.quote}” [{n}]"
    if terms.wants_doc:
        text = f"{node.metadata['title']}: {text}"
    elif figure and terms.quantitative:
        text = f"{figure} — {text}"
    footnote = node.metadata.get("footnote")
    if node.metadata.get("kind") == "footnote" and node.metadata.get("context"):
        text += f" (chú thích {footnote} của câu: “{node.metadata['context']}”)"
    for marker in candidate.markers:
        detail = _footnote_node(state, node.metadata["doc"], marker)
        if detail is not None:
            m = book.cite(detail)
            text += f" Chi tiết (chú thích {marker}): “{detail.text}” [{m}]"
    return text


def _marker_anchors(sentence: str) -> dict[int, str]:
    """For each footnote marker of a sentence, the text between it and the marker before."""
    anchors: dict[int, str] = {}
    last = 0
    for number, start, end in footnote_markers(sentence):
        anchors[number] = sentence[last:start]
        last = end
    return anchors


def _footnote_node(state: _State, doc: str, number: int) -> TextNode | None:
    try:
        return state.lexical.node(f"{doc}#fn{number}")
    except KeyError:
        return None


def _doc_periods(nodes: list[TextNode]) -> dict[str, Period]:
    periods: dict[str, Period] = {}
    for node in nodes:
        meta = node.metadata
        doc = meta["doc"]
        if doc in periods or not meta.get("period_year"):
            continue
        day = None
        date = meta.get("date") or ""
        if meta.get("period", "").startswith("ngày") and len(date) == 10:
            day = int(date[-2:])
        periods[doc] = Period(
            year=meta["period_year"],
            month=meta.get("period_month") or None,
            months=meta.get("period_months") or None,
            day=day,
        )
    return periods


def _period_key(period: Period | None) -> tuple[int, int, int]:
    if period is None:
        return (0, 0, 0)
    return (period.year, period.month or period.months or 0, period.day or 0)


def _period_of(state: _State, candidate: Candidate) -> Period | None:
    return state.periods.get(candidate.node.metadata["doc"])


def _scope_for(
    state: _State, period: QueryPeriod | None, docs: frozenset[str] | None
) -> Scope | None:
    """Reports of the period asked; failing that, passages that speak of it; None if none."""
    if period is None:
        return Scope(docs=docs)
    exact = frozenset(d for d, p in state.periods.items() if period.matches(p))
    if docs is not None:
        exact &= docs
    if exact:
        return Scope(docs=exact)
    mentions = frozenset(
        node.node_id
        for node in state.lexical.nodes()
        if (docs is None or node.metadata["doc"] in docs) and _mentions(node, period)
    )
    return Scope(chunk_ids=mentions) if mentions else None


def _mentions(node: TextNode, period: QueryPeriod) -> bool:
    text = f"{node.metadata.get('section', '')} {node.text}".lower()
    if period.year is not None and str(period.year) not in text:
        return False
    if period.months and not re.search(rf"\b{period.months} tháng", text):
        return False
    if period.month and not re.search(
        rf"tháng 0?{period.month}\b|\b0?{period.month}/{period.year}", text
    ):
        return False
    return period.quarter is None or bool(re.search(r"quý", text))


_COMPARISON = re.compile(r"\b(so sanh|so voi|va|voi|chenh|khac|hay|hoac)\b")


def _routed_periods(
    named: list[QueryPeriod], bare_question: str, periods: dict[str, Period]
) -> list[QueryPeriod]:
    """Several periods are compared only when the question joins them ("... và ...", "so với");
    otherwise a figure's own year ("kế hoạch năm 2021") gives way to the report it is in."""
    if len(named) < 2 or _COMPARISON.search(_between_periods(bare_question)):
        return named
    reported = [p for p in named if any(p.matches(d) for d in periods.values())]
    if reported:
        return reported[-1:]
    return [max(named, key=lambda p: (p.month is not None, p.months is not None))]


def _between_periods(bare_question: str) -> str:
    """The words between the first and the last period named (where a comparison is said)."""
    spans = [
        m.span()
        for m in re.finditer(r"(?:19|20)\d{2}|thang\s+\d{1,2}|\d{1,2}\s+thang", bare_question)
    ]
    if len(spans) < 2:
        return ""
    return bare_question[spans[0][1] : spans[-1][0]]
