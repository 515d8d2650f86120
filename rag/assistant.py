"""The assistant: one object the CLI, the bot and the harness ask questions through.

It loads the embedder and the indexes once and is safe to call from several threads (the
embedder serialises its own calls; the indexes are only read; `reload` swaps them whole).

Each view is one consistent snapshot: the lexical index as committed, and the dense store seen
through it (a dense hit the snapshot does not hold is dropped), so a question asked while a
writer works is answered from the last finished version. `refresh` moves to a newer finished
version when one exists (another process ingested), without a restart.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from rag.abbreviations import expand_abbreviations
from rag.answer import MARKER, Answer, Citation
from rag.components import (
    copy_from_store,
    make_dense_index,
    make_embedder,
    make_ingestor,
    sync_from_store,
)
from rag.compose import AnswerBuilder, RefusalRule, Similarity
from rag.errors import BaocaoError, IndexBusyError, ReadOnlyIndexError
from rag.extract import Candidate, SentenceRanker
from rag.ingest import writer_lock
from rag.lexical import LexicalIndex, current_version
from rag.llm import LLMAnswerer, LLMCheckError, Synthesis, make_llm
from rag.manifest import Manifest
from rag.numbers import numbers_in
from rag.passages import join_neighbours, shown_as_passages
from rag.periods import Period, QueryPeriod, parse_query_periods
from rag.question import InvalidQuestionError, bare, compound_parts, normalize_question
from rag.rerank import SentenceReranker
from rag.retrieve import Hit, HybridRetriever, Scope
from rag.routing import (
    doc_issued,
    doc_periods,
    issued_periods,
    period_key,
    routed_periods,
    scope_for,
)
from rag.settings import Settings
from rag.store import DenseIndex
from rag.terms import Terms, Vocabulary
from rag.text import typed_with_diacritics
from rag.tuning import Tuning
from rag.view import IndexView, Scoped
from rag.wording import expand_wording, reword

logger = logging.getLogger(__name__)
_LLM_PASSAGES = 5
_SERVER_WAIT_S = 30.0  # at start, how long to wait for a writer busy on the Chroma server


def _as_typed(text: str) -> str:
    return text


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
        self.reranker = SentenceReranker(
            self.tuning.rerank_candidates,
            self.tuning.rerank_weight,
            self.tuning.worded_apart,
            self.tuning.worded_apart_weight,
        )
        self.builder = AnswerBuilder(self.tuning)
        self._lock = threading.Lock()
        self._version: str | None = None
        self.reload()

    @classmethod
    def open(
        cls, settings: Settings, embedder: BaseEmbedding | None = None, build: bool = True
    ) -> Assistant:
        """Load the index, first building it from the corpus folder when there is none.

        With a Chroma server, an index the server already holds is used (its lexical copy
        rebuilt here from the server's documents if this data dir has none, or an older one)."""
        embedder = embedder or make_embedder(settings)
        dense = make_dense_index(settings)
        manifest = Manifest.load(settings.data_dir / "manifest.json")
        indexed, model = bool(manifest.docs), manifest.model
        if dense.shared:
            state = dense.state()
            if state.stamp is not None:
                indexed, model = True, state.model or model
                if not sync_from_store(settings, dense, wait_s=_SERVER_WAIT_S):
                    copy_from_store(settings, dense)
        if build and not indexed and settings.chroma.read_only:
            where = f"the Chroma server {settings.chroma.host}" if dense.shared else "this data dir"
            raise ReadOnlyIndexError(
                f"{where} holds no index yet, and this process only reads it "
                "(BAOCAO_CHROMA__READ_ONLY=true): run `baocao ingest` where the writer runs"
            )
        if build and not indexed:
            make_ingestor(settings, embedder, dense).ingest([settings.corpus_dir])
        elif indexed and model != embedder.model_name:
            raise BaocaoError(
                f"the index in {settings.data_dir} was built with the embedding model "
                f"{model!r}, not {embedder.model_name!r}: "
                "run `baocao ingest` to rebuild it"
            )
        llm = LLMAnswerer(make_llm(settings.llm)) if settings.llm.enabled else None
        return cls(settings, embedder, dense, llm=llm)

    def reload(self) -> None:
        """Read the lexical index and the manifest again (after an ingestion)."""
        lexical = LexicalIndex.load(self.settings.data_dir / "lexical")
        nodes = lexical.nodes()
        view = IndexView(
            lexical=lexical,
            retriever=HybridRetriever(
                self.embedder,
                self.dense.snapshot(lexical.by_id),
                lexical,
                candidates=self.settings.retrieval.candidates,
            ),
            ranker=SentenceRanker(Vocabulary(nodes)),
            periods=doc_periods(nodes),
            titles={n.metadata["doc"]: n.metadata["title"] for n in nodes},
            issued=doc_issued(nodes),
        )
        with self._lock:
            self._view = view
            self._version = lexical.version

    @property
    def version(self) -> str | None:
        """The stamp of the index version being served (None: no index)."""
        return self._version

    def refresh(self) -> bool:
        """Serve the newest finished version of the index if it is not the one served;
        returns whether it changed. Cheap when nothing changed (a small file read, or one
        request to a Chroma server); questions keep being answered meanwhile."""
        if not sync_from_store(self.settings, self.dense):
            return False  # a writer is busy on the server: keep the snapshot served
        directory = self.settings.data_dir / "lexical"
        version = current_version(directory)
        stale_store = not self.dense.shared and self.dense.seen_stamp != version
        if version == self._version and not stale_store:
            return False
        if stale_store:
            # Another process wrote the embedded store: open it again, unless a writer is at
            # work (ours or another's); the next refresh will.
            try:
                with writer_lock(self.settings.data_dir):
                    self.dense.reopen(current_version(directory))
            except IndexBusyError:
                return False
        previous = self._version
        self.reload()
        logger.info("index version %s loaded (was %s)", self._version, previous)
        return True

    @property
    def documents(self) -> dict[str, tuple[str, Period]]:
        """Indexed reports: doc id -> (title, period)."""
        view = self._view
        return {doc: (view.titles[doc], period) for doc, period in view.periods.items()}

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
        view, text = plan.view, plan.text
        unknown = view.ranker.vocabulary.unknown_names(text)
        if unknown:
            names = ", ".join(f"«{n}»" for n in unknown)
            reason = f"các báo cáo không nhắc đến {names}"
            answer = self.builder.refuse(text, plan.scoped, [], reason, RefusalRule.UNKNOWN_NAME)
        else:
            answer = self._compound(plan, doc) or self.builder.build(
                view, text, plan.terms, plan.scoped, len(plan.named) > 1, plan.similarity
            )
            if self.llm is not None:
                answer = self._synthesise(view, text, plan.terms, answer, plan.scoped)
        top_k = top_k or self.settings.retrieval.top_k
        # The passages the answer quotes come first: reading them is the last re-ranking.
        quoted = [c.chunk_id for c in answer.citations] if not answer.refused else []
        ranked = list(dict.fromkeys(quoted + [h.node_id for h in plan.ranked]))
        if self.settings.retrieval.join_neighbours:
            # A passage joins two chunks at most: twice as many chunks fill the passages kept.
            passages = join_neighbours(view, ranked[: 2 * max(top_k, 10)])
            answer = shown_as_passages(view, answer, passages)
        else:
            passages = [(chunk,) for chunk in ranked]
        answer.retrieved = passages[: max(top_k, 10)]
        answer.periods = [p.label for p in plan.named]
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def _compound(self, plan: _Plan, doc: str | None) -> Answer | None:
        """A question asking two figures of different things, answered part by part, each
        part searched in the periods the whole question names."""
        parts = compound_parts(plan.text)
        if len(parts) < 2 or len(plan.named) > 1:
            return None
        planned = [self._plan(part, doc=doc, periods=plan.named) for part in parts]
        return self.builder.build_parts(
            plan.view, plan.text, [(p.terms, p.scoped[0], p.similarity) for p in planned]
        )

    def retrieve(self, question: str, top_k: int = 10) -> list[Hit]:
        """Retrieval alone (period routing and re-ranking included), for the harness."""
        return self._plan(question).ranked[:top_k]

    def _plan(
        self,
        question: str,
        period: str | None = None,
        doc: str | None = None,
        periods: list[QueryPeriod] | None = None,
    ) -> _Plan:
        """Read the question, route it to the periods it names (or `periods`, already read
        from the question it is part of), and search each of them."""
        text = normalize_question(question)
        view = self._view
        bare_question = bare(text)
        newest = max(view.periods.values(), key=period_key, default=None)
        named = parse_query_periods(bare(period) if period else bare_question, newest)
        if period and not named:
            raise InvalidQuestionError(
                f"không đọc được kỳ báo cáo {period!r} "
                "(ví dụ: 'tháng 11/2023', '6 tháng đầu năm 2020')"
            )
        if doc and doc not in view.periods:
            raise InvalidQuestionError(f"không có báo cáo {doc!r} trong chỉ mục")
        if periods is None:
            named = routed_periods(named, bare_question, view.periods)
            named = issued_periods(named, bare_question, view.periods, view.issued)
        else:
            named = periods
        docs = frozenset([doc]) if doc else None
        # "XNK" also searches "xuất nhập khẩu", "thiệt mạng" also "chết"; then, read as
        # written Vietnamese, "tong thu" is searched as "tổng thu" (the everyday words were
        # read first, as typed: the reports' spelling of them is not theirs).
        frequency = view.ranker.vocabulary.phrase_frequency
        # Typed with diacritics, a syllable without them is as typed: "Chi NSĐP" spends.
        spell = (
            _as_typed if typed_with_diacritics(text) else view.ranker.vocabulary.spelling.restore
        )
        query = spell(expand_wording(expand_abbreviations(text), frequency))
        embedding = view.retriever.embed(query) if view.lexical.ids() else None
        # Scored as the reports word it: their own abbreviations and phrases left alone.
        scored = spell(reword(expand_abbreviations(text, frequency, replace=True), frequency))
        terms = view.ranker.terms(scored, typed=text)
        searched: list[QueryPeriod | None] = list(named) or [None]
        if terms.wants_doc and all(p.bare_year for p in named):
            # "Báo cáo nào nêu chỉ số PAR INDEX năm 2023 …?": the year is the fact's, and a
            # report of the next year may state it; the report is what is asked.
            searched = [None]
        scoped = [self._search(view, query, terms, p, docs, embedding) for p in searched]
        similarity = None if embedding is None else self._similarity(embedding)
        return _Plan(view, text, terms, named, scoped, similarity)

    def _similarity(self, question: list[float]) -> Similarity:
        """How close a sentence is in meaning to the question: the cosine of their embeddings
        (the sentence embedded on demand, for the few sentences in doubt)."""

        def cosine(sentence: str) -> float:
            other = self.embedder.get_text_embedding(sentence)
            dot = sum(a * b for a, b in zip(question, other, strict=True))
            norms = math.sqrt(sum(a * a for a in question) * sum(b * b for b in other))
            return dot / norms if norms else 0.0

        return cosine

    def _search(
        self,
        view: IndexView,
        text: str,
        terms: Terms,
        period: QueryPeriod | None,
        docs: frozenset[str] | None,
        embedding: list[float] | None,
    ) -> Scoped:
        """Search one period: fused retrieval within its scope, then re-ranking."""
        scope = scope_for(view.lexical, view.periods, period, docs)
        if scope is None or embedding is None:
            return Scoped(period, scope, [], [])
        found = Scoped(period, scope, *self._ranked(view, text, terms, scope, period, embedding))
        weak = not found.candidates or found.candidates[0].own < self.tuning.weak_in_period
        if terms.quantitative and period is not None and docs is None and scope.docs and weak:
            found.elsewhere = self._elsewhere(view, text, terms, scope.docs, embedding)
        return found

    def _elsewhere(
        self,
        view: IndexView,
        text: str,
        terms: Terms,
        searched: frozenset[str],
        embedding: list[float],
    ) -> Candidate | None:
        """The sentence of the other reports that covers most of the question."""
        others = frozenset(view.periods) - searched
        if not others:
            return None
        _, candidates = self._ranked(view, text, terms, Scope(docs=others), None, embedding)
        return max(candidates, key=lambda c: c.own, default=None)

    def _ranked(
        self,
        view: IndexView,
        text: str,
        terms: Terms,
        scope: Scope,
        period: QueryPeriod | None,
        embedding: list[float],
    ) -> tuple[list[Hit], list[Candidate]]:
        """Fused retrieval within `scope`, re-ranked by each passage's best sentence."""
        dense_weight = None if terms.exact else self.tuning.bare_dense_weight
        hits = view.retriever.retrieve(text, scope, embedding, dense_weight)
        return self.reranker.rerank(view, hits, terms, period)

    def _synthesise(
        self,
        view: IndexView,
        question: str,
        terms: Terms,
        extractive: Answer,
        scoped: list[Scoped],
    ) -> Answer:
        """The LLM's answer from the best passages, if it passes the checks; else the
        extractive one, saying why."""
        assert self.llm is not None
        nodes: list[TextNode] = []
        for citation in extractive.citations:
            nodes.append(view.lexical.node(citation.chunk_id))
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
        ungrounded = self._ungrounded(view, question, terms, synthesis)
        if ungrounded:
            extractive.fallback_reason = (
                f"LLM answer rejected: figures from sentences not about the question: "
                f"{ungrounded[:5]}"
            )
            return extractive
        return Answer(question, synthesis.answer, False, synthesis.citations, mode="llm")

    def _ungrounded(
        self, view: IndexView, question: str, terms: Terms, synthesis: Synthesis
    ) -> list[str]:
        """The LLM's figures that no cited sentence about the question states. The numbers
        check proves a figure is in a passage; this proves it is there *as the answer*, so a
        passage line that tells the model what to say (in words no filter knows) cannot.
        `terms` are the question's as searched (its everyday words with the reports')."""
        if not terms.weights:
            return []
        # Figures of the question and of a source's name ("tháng 11/2023") need no sentence.
        named = " ".join(
            [question] + [f"{c.title} {c.period} {c.section}" for c in synthesis.citations]
        )
        known = set(numbers_in(named))
        body = MARKER.sub(" ", synthesis.answer)
        return [
            n
            for n in dict.fromkeys(numbers_in(body))
            if n not in known
            and max(
                view.ranker.grounding(terms, c.text, n, (c.context or "") if c.footnote else "")
                for c in synthesis.citations
            )
            < self.tuning.min_llm_grounding
        ]


@dataclass
class _Plan:
    """A question read and searched: what `ask` composes an answer from."""

    view: IndexView
    text: str
    terms: Terms
    named: list[QueryPeriod]
    scoped: list[Scoped]
    similarity: Similarity | None = None

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
