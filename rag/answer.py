"""An answer and its sources, as the CLI, the bot and the harness receive it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.schema import TextNode

MARKER = re.compile(r"\[(\d{1,3})\]")  # an answer's `[n]`, pointing at its n-th source


@dataclass(frozen=True)
class Citation:
    """A passage an answer quotes, numbered as its `[n]` marker."""

    n: int
    chunk_id: str
    doc: str
    title: str
    period: str
    section: str
    section_ref: str
    footnote: int | None
    text: str
    context: str | None = None  # for a footnote: the body sentence that cites it
    # The chunks `text` shows, in report order: `chunk_id` alone, or it and the chunk after it
    # (rag.passages); empty is read as `chunk_id` alone.
    chunk_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "chunk_ids", tuple(self.chunk_ids) or (self.chunk_id,))

    @classmethod
    def from_node(cls, n: int, node: TextNode) -> Citation:
        meta = node.metadata
        return cls(
            n=n,
            chunk_id=node.node_id,
            doc=meta["doc"],
            title=meta["title"],
            period=meta["period"],
            section=meta["section"],
            section_ref=meta.get("section_ref", ""),
            footnote=meta.get("footnote") or None,
            text=node.text,
            context=meta.get("context") or None,
        )

    @property
    def label(self) -> str:
        """ "Báo cáo KT-XH tháng 11/2023 (11 tháng) › II.1.6 Ngân sách … › chú thích 16"."""
        parts = [self.title]
        if self.section_ref:
            parts.append(self.section_ref)
        if self.footnote:
            parts.append(f"chú thích {self.footnote}")
        return " › ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc": self.doc,
            "title": self.title,
            "period": self.period,
            "section": self.section,
            "footnote": self.footnote,
            "text": self.text,
            "id": self.chunk_id,
            "ids": list(self.chunk_ids),
            "context": self.context,
        }


@dataclass
class Answer:
    """What `ask` returns. `citations` are the sources of `answer`; when refused, `related`
    holds the closest passages, which are not an answer."""

    question: str
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    mode: str = "extractive"  # "extractive" or "llm"
    fallback_reason: str | None = None  # why an LLM answer was replaced by the extractive one
    refusal_rule: str | None = None  # when refused: the check that refused (compose.RefusalRule)
    periods: list[str] = field(default_factory=list)
    # The ranked passages, each the ids of the chunks it shows (for the harness).
    retrieved: list[tuple[str, ...]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.to_json() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
            "mode": self.mode,
            "fallback_reason": self.fallback_reason,
            "refusal_rule": self.refusal_rule,
            "periods": self.periods,
            "related": [c.to_json() for c in self.related],
        }
