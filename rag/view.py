"""The indexes as loaded for answering (read-only, swapped whole by a reload), and a search."""

from __future__ import annotations

from dataclasses import dataclass, field

from llama_index.core.schema import TextNode

from rag.extract import Candidate, SentenceRanker
from rag.lexical import LexicalIndex
from rag.periods import Period, QueryPeriod
from rag.retrieve import Hit, HybridRetriever, Scope


@dataclass(frozen=True)
class IndexView:
    """The lexical index, retriever, sentence ranker and report periods, loaded together."""

    lexical: LexicalIndex
    retriever: HybridRetriever
    ranker: SentenceRanker
    periods: dict[str, Period]
    titles: dict[str, str]
    issued: dict[str, tuple[int, int]] = field(default_factory=dict)  # report -> (year, month)

    def footnote(self, doc: str, number: int) -> TextNode | None:
        """The chunk of footnote `number` of `doc`, if indexed."""
        try:
            return self.lexical.node(f"{doc}#fn{number}")
        except KeyError:
            return None

    def beside(self, node: TextNode, step: int) -> TextNode | None:
        """The body passage `step` places after `node` (before, if negative), if it is under
        the same heading."""
        doc, _, local = node.node_id.partition("#b")
        if not local.isdigit():
            return None
        try:
            found = self.lexical.node(f"{doc}#b{int(local) + step}")
        except KeyError:
            return None
        return found if found.metadata.get("section") == node.metadata.get("section") else None

    def section_of(self, node: TextNode) -> list[TextNode]:
        """The body passages under the same heading as `node`, in order, `node` among them."""
        first = node
        while (before := self.beside(first, -1)) is not None:
            first = before
        passages = [first]
        while (after := self.beside(passages[-1], 1)) is not None:
            passages.append(after)
        return passages

    def period_of(self, node: TextNode) -> Period | None:
        return self.periods.get(node.metadata["doc"])


@dataclass
class Scoped:
    """One period's search: where it looked, what it found, the best sentence of each hit."""

    period: QueryPeriod | None
    scope: Scope | None  # None: the period is named but no report covers it
    hits: list[Hit]
    candidates: list[Candidate]
    # When the period's best sentence speaks little of the question: the best sentence in the
    # other reports, to tell "this period's report does not say" from "nobody says".
    elsewhere: Candidate | None = None
