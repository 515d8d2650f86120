"""50 users asking 5 questions each, all at once, through the fake Bot API (tests/bot/load.py):
every answer reaches the chat that asked, the audit log has one row per question, nothing is
dropped or answered twice."""

from __future__ import annotations

from pathlib import Path

from rag.assistant import Assistant
from tests.bot.load import run_load


async def test_fifty_users_five_questions_each_at_once(
    assistant: Assistant, tmp_path: Path
) -> None:
    result = await run_load(assistant, tmp_path, users=50, per_user=5, timeout=240)
    assert result.asked == 250
    assert not result.missing, result.missing[:5]
    assert not result.wrong_chat, result.wrong_chat[:5]
    assert not result.extra, result.extra[:5]
    assert result.answered == result.audit_rows == 250
    assert result.ok
    summary = result.summary()
    print(
        f"\nload: {summary['asked']} questions in {summary['elapsed_s']:.1f} s "
        f"({summary['questions_per_s']}/s); reply p50 {summary['reply_p50_ms']} ms, "
        f"p95 {summary['reply_p95_ms']} ms; answer p50 {summary['answer_p50_ms']} ms; "
        f"peak RSS {summary['peak_rss_mb']:.0f} MB (the whole test process)"
    )
