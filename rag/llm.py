"""Answers written by an LLM from the numbered passages, then checked against them.

Optional: used only when an OpenAI-compatible endpoint is configured. The LLM is told to answer
only from the passages and to cite them; sentences of a passage that address a model ("bỏ qua
hướng dẫn trên…") are removed before it sees them. Its answer is kept only if every `[n]` is a
passage it was given and every number it writes appears in what it cites (or in the question, or
in the passage's report title and period). Anything else — a number of its own, a bad citation, a
timeout, an error — falls back to the extractive answer, and the answer says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.llms import LLM

from rag.answer import MARKER, Citation
from rag.numbers import numbers_in
from rag.settings import PROJECT_ROOT, LLMSettings
from rag.text import without_instructions

PROMPTS = PROJECT_ROOT / "prompts"
NO_ANSWER = "KHÔNG CÓ THÔNG TIN"


class LLMCheckError(Exception):
    """The LLM's answer failed a check; the message says which."""


@dataclass(frozen=True)
class Synthesis:
    answer: str  # with markers renumbered 1..m in order of use
    citations: list[Citation]


def make_llm(settings: LLMSettings) -> LLM:
    """llama-index's OpenAI-compatible client, with no retries: a slow endpoint falls back."""
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=settings.model or "",
        api_base=settings.base_url,
        api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
        is_chat_model=True,
        timeout=settings.timeout_s,
        max_retries=0,
        temperature=0.0,
        max_tokens=400,
        context_window=8192,
    )


class LLMAnswerer:
    """Asks the LLM to answer from numbered passages and checks what it says."""

    def __init__(self, llm: LLM, prompts: Path = PROMPTS) -> None:
        self.llm = llm
        self.system = (prompts / "system.vi.md").read_text(encoding="utf-8").strip()
        self.template = (prompts / "answer.vi.md").read_text(encoding="utf-8").strip()

    def messages(self, question: str, passages: list[Citation]) -> list[ChatMessage]:
        blocks = []
        for p in passages:
            source = f"{p.title} › {p.section_ref}" + (
                f" › chú thích {p.footnote}" if p.footnote else ""
            )
            context = f"\n(Câu dẫn chiếu: {without_instructions(p.context)})" if p.context else ""
            text = without_instructions(p.text)
            blocks.append(
                f'<doan_trich so="{p.n}" nguon="{_attr(source)}">\n{text}{context}\n</doan_trich>'
            )
        user = self.template.format(question=question, passages="\n\n".join(blocks))
        return [
            ChatMessage(role=MessageRole.SYSTEM, content=self.system),
            ChatMessage(role=MessageRole.USER, content=user),
        ]

    def answer(self, question: str, passages: list[Citation]) -> Synthesis | None:
        """The checked synthesis, or None when the LLM says the passages do not answer.

        Raises LLMCheckError when the answer fails a check, and the client's errors (timeouts,
        HTTP errors) as they come.
        """
        response = self.llm.chat(self.messages(question, passages))
        text = (response.message.content or "").strip()
        if not text or text.upper().startswith(NO_ANSWER):
            return None
        return check(text, question, passages)


def check(text: str, question: str, passages: list[Citation]) -> Synthesis:
    """Keep an answer only if its citations exist and its numbers come from what it cites."""
    by_number = {p.n: p for p in passages}
    cited = [int(n) for n in MARKER.findall(text)]
    if not cited:
        raise LLMCheckError("the answer cites no passage")
    missing = sorted({n for n in cited if n not in by_number})
    if missing:
        raise LLMCheckError(f"the answer cites passages that do not exist: {missing}")
    sources = " ".join(
        " ".join(
            (
                without_instructions(by_number[n].text),
                without_instructions(by_number[n].context or ""),
                by_number[n].title,
                by_number[n].period,
            )
        )
        for n in set(cited)
    )
    allowed = set(numbers_in(sources)) | set(numbers_in(question))
    body = MARKER.sub(" ", text)
    foreign = [n for n in numbers_in(body) if n not in allowed]
    if foreign:
        raise LLMCheckError(f"numbers not found in the cited passages: {foreign[:5]}")
    order: list[int] = []
    for n in cited:
        if n not in order:
            order.append(n)
    renumber = {old: new for new, old in enumerate(order, start=1)}
    answer = MARKER.sub(lambda m: f"[{renumber[int(m.group(1))]}]", text)
    citations = [Citation(**{**by_number[old].__dict__, "n": new}) for old, new in renumber.items()]
    return Synthesis(answer, citations)


def _attr(value: str) -> str:
    return value.replace('"', "'").replace("<", "(").replace(">", ")")
