"""Faults and load: 429s, dropped connections, crashing handlers, long answers, odd input,
many users at once."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from bot.handlers import APOLOGY
from rag.assistant import Assistant
from tests.bot.fake_telegram import html_problem, visible_text
from tests.bot.harness import ALICE, BOB, CROWD, Harness, buttons, running_bot

pytestmark = pytest.mark.asyncio(loop_scope="session")

Q2017 = "Tổng thu ngân sách nhà nước 11 tháng năm 2017?"
Q2023 = "tong thu ngan sach 11 thang 2023"


async def test_429_is_waited_out_and_the_answer_delivered_once(bot: Harness) -> None:
    bot.fake.fail_next("sendMessage", 1)
    started = time.monotonic()
    (reply,) = await bot.ask(ALICE, Q2017)
    sends = [c for c in bot.fake.calls if c.method == "sendMessage"]
    assert [c.status for c in sends] == [429, 200]
    assert sends[1].at - sends[0].at >= 1.0, "waited retry_after before sending again"
    assert len(bot.fake.delivered("sendMessage", ALICE)) == 1
    assert time.monotonic() - started < 5
    assert sends[0].params["text"] == reply.params["text"]


async def test_dropped_connection_is_retried_and_delivered_once(bot: Harness) -> None:
    bot.fake.fail_next("sendMessage", "hangup")
    bot.fake.fail_next("sendChatAction", "hangup", "hangup")
    await bot.ask(ALICE, Q2017)
    assert [c.status for c in bot.fake.calls if c.method == "sendMessage"] == [0, 200]
    assert [c.status for c in bot.fake.calls if c.method == "sendChatAction"] == [0, 0, 200]
    assert len(bot.fake.texts(ALICE)) == 1


async def test_bot_keeps_running_when_429_outlasts_the_retries(bot: Harness) -> None:
    bot.fake.fail_next("sendMessage", 1, 1, 1, 1)
    bot.fake.message(ALICE, Q2017)
    await bot.fake.wait_for(
        lambda: len([c for c in bot.fake.calls if c.status == 429]) == 4, timeout=15
    )
    (reply,) = await bot.ask(BOB, Q2023)
    assert reply.ok


async def test_handler_crash_apologises_and_next_question_is_answered(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.message(ALICE, "BOOM tổng thu ngân sách")
    (apology,) = await bot.fake.replies(ALICE)
    assert apology.params["text"] == APOLOGY
    assert "the assistant crashed (test)" in caplog.text and "Traceback" in caplog.text
    (reply,) = await bot.ask(ALICE, Q2017)
    assert "tỷ đồng" in reply.params["text"]


async def test_long_answer_arrives_in_valid_parts(bot: Harness, assistant: Assistant) -> None:
    real = assistant.ask(Q2017)
    lines = [
        f"- Dòng {i}: chỉ tiêu <số {i}> & “trích dẫn” đạt {i},5% kế hoạch [1] " + "x" * 60
        for i in range(110)
    ]
    long = replace(real, answer="\n".join(lines))
    assert len(long.answer) > 9000
    bot.assistant.canned["DÀI"] = long
    parts = await bot.ask(ALICE, "câu trả lời DÀI")
    assert len(parts) >= 3
    for part in parts:
        text = part.params["text"]
        assert len(text) <= 4096 and html_problem(text) is None
    assert all(not buttons(p) for p in parts[:-1]) and buttons(parts[-1])
    visible = unescape("\n\n".join(p.params["text"] for p in parts))
    positions = [visible.index(line) for line in lines]
    assert positions == sorted(positions), "every line arrives whole, in order"


async def test_markup_in_question_is_escaped_and_answered(bot: Harness) -> None:
    question = "<b>&*_ Tổng thu ngân sách nhà nước 11 tháng năm 2017? </b><i>&amp;_*"
    (reply,) = await bot.ask(ALICE, question)
    assert bot.assistant.asked == [question]
    assert html_problem(reply.params["text"]) is None and "tỷ đồng" in reply.params["text"]
    (refused,) = await bot.ask(BOB, "<script>&*_ ẩm thực Paris_*</script>")
    assert html_problem(refused.params["text"]) is None
    assert all(c.status == 200 for c in bot.fake.calls)


async def test_ten_users_at_once_each_get_their_own_answer(bot: Harness) -> None:
    bot.assistant.delay = 0.3  # as slow as the real model on a hard question
    expected = {}
    for i, user in enumerate(CROWD):
        question = f"{Q2017 if i % 2 else Q2023} (người hỏi {user})"
        expected[user] = bot.assistant.inner.ask(question).answer.split("\n")[0][:40]
    started = time.monotonic()
    for i, user in enumerate(CROWD):
        bot.fake.message(user, f"{Q2017 if i % 2 else Q2023} (người hỏi {user})")
    answers = await asyncio.gather(*(bot.answer(user, 0) for user in CROWD))
    elapsed = time.monotonic() - started
    for user, (reply,) in zip(CROWD, answers, strict=True):
        assert visible_text(reply.params["text"]).startswith(expected[user])
        assert len(bot.fake.texts(user)) == 1
    assert sorted(bot.assistant.asked) == sorted(
        f"{Q2017 if i % 2 else Q2023} (người hỏi {u})" for i, u in enumerate(CROWD)
    )
    assert elapsed < 10 * 0.3, f"answered one after another ({elapsed:.1f} s)"


async def test_a_user_asking_too_fast_is_asked_to_wait(
    assistant: Assistant, tmp_path: Path
) -> None:
    async with running_bot(assistant, tmp_path, questions_per_minute=2) as bot:
        await bot.ask(ALICE, Q2017)
        await bot.ask(ALICE, Q2023)
        bot.fake.message(ALICE, Q2017)
        (slow_down,) = await bot.fake.replies(ALICE, after=2)
        assert "hỏi hơi nhanh" in slow_down.params["text"]
        assert len(bot.assistant.asked) == 2
        await bot.ask(BOB, Q2017)
