"""Terminal rendering of an answer (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from rag.answer import Answer, Citation

_QUOTE_CHARS = 400


def print_answer(console: Console, answer: Answer) -> None:
    style = "yellow" if answer.refused else "green"
    title = "Không có câu trả lời" if answer.refused else "Trả lời"
    if answer.mode == "llm":
        title += " (LLM, đã kiểm tra số liệu)"
    console.print(Panel(Text(answer.answer), title=title, border_style=style))
    if answer.fallback_reason:
        console.print(f"[dim]Trả lời trích xuất vì: {answer.fallback_reason}[/dim]")
    if answer.citations:
        console.print("[bold]Nguồn[/bold]")
        for citation in answer.citations:
            _print_source(console, citation)
    if answer.related:
        console.print("[bold]Có thể liên quan[/bold] [dim](không phải câu trả lời)[/dim]")
        for citation in answer.related:
            _print_source(console, citation)
    console.print(f"[dim]{answer.latency_ms:.0f} ms[/dim]")


def _print_source(console: Console, citation: Citation) -> None:
    console.print(Text(f"[{citation.n}] {citation.label}", style="cyan"))
    text = (
        citation.text if len(citation.text) <= _QUOTE_CHARS else citation.text[:_QUOTE_CHARS] + "…"
    )
    console.print(Text(f"    {text}", style="dim"))
    if citation.context:
        console.print(Text(f"    (chú thích của câu: {citation.context})", style="dim italic"))
