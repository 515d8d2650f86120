"""The allowlist: strangers get one polite refusal and nothing from the reports."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from rag.assistant import Assistant
from tests.bot.fake_telegram import BOT_USER
from tests.bot.harness import (
    ALICE,
    GROUP,
    STRANGE_GROUP,
    STRANGER,
    Harness,
    record_id,
    running_bot,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")

QUESTION = "Tổng thu ngân sách nhà nước 11 tháng năm 2017?"


async def _settle(bot: Harness) -> None:
    """Let the bot work through what was pushed: an allowed question is answered after."""
    await bot.ask(ALICE, QUESTION)


async def test_stranger_is_refused_once_for_messages_edits_and_buttons(bot: Harness) -> None:
    sent = bot.fake.message(STRANGER, QUESTION)
    (refusal,) = await bot.fake.replies(STRANGER)
    assert "chưa có quyền" in refusal.params["text"] and str(STRANGER) in refusal.params["text"]

    bot.fake.message(STRANGER, "/start")
    bot.fake.message(STRANGER, "/hoi " + QUESTION)
    bot.fake.message(STRANGER, QUESTION + " (sửa)", edited=True)
    query = bot.fake.click(STRANGER, sent, "src:1:1")
    await bot.fake.wait_for(lambda: bot.fake.delivered("answerCallbackQuery"))
    await _settle(bot)

    assert bot.fake.texts(STRANGER) == [refusal.params["text"]], "one refusal, then silence"
    (answered,) = bot.fake.delivered("answerCallbackQuery")
    assert answered.params["callback_query_id"] == query
    assert "chưa có quyền" in answered.params["text"] and answered.params["show_alert"]
    assert bot.assistant.asked == [QUESTION], "only the allowed user's question was retrieved"
    assert bot.fake.delivered("sendChatAction", STRANGER) == []


async def test_edited_message_and_button_alone_are_refused(bot: Harness) -> None:
    bot.fake.message(STRANGER + 1, QUESTION, edited=True)
    (refusal,) = await bot.fake.replies(STRANGER + 1)
    assert "chưa có quyền" in refusal.params["text"]
    (answer,) = await bot.ask(ALICE, QUESTION)
    answered = record_id(answer)
    forged = {"message_id": 1, "date": 0, "chat": {"id": STRANGER + 2, "type": "private"}}
    bot.fake.click(STRANGER + 2, forged, f"fb:{answered}:down")
    bot.fake.click(STRANGER + 2, forged, f"src:{answered}:1")
    await bot.fake.wait_for(lambda: len(bot.fake.delivered("answerCallbackQuery")) == 2)
    await _settle(bot)
    assert bot.fake.texts(STRANGER + 2) == []
    assert bot.assistant.asked == [QUESTION, QUESTION]
    record = bot.records().get(answered)
    assert record is not None and record.feedback is None, "a stranger's vote is not stored"


async def test_stranger_group_is_refused_even_for_an_allowed_user(bot: Harness) -> None:
    mention = f"@{BOT_USER['username']} {QUESTION}"
    sent = bot.fake.message(ALICE, mention, STRANGE_GROUP, "supergroup")
    (refusal,) = await bot.fake.replies(STRANGE_GROUP)
    assert "nhóm này chưa được cấp quyền" in refusal.params["text"]
    assert str(STRANGE_GROUP) in refusal.params["text"]
    bot.fake.message(STRANGER, f"/hoi {QUESTION}", STRANGE_GROUP, "supergroup")
    bot.fake.message(ALICE, mention + "?", STRANGE_GROUP, "supergroup", edited=True)
    bot.fake.click(ALICE, sent, "ex:0")
    await _settle(bot)
    assert len(bot.fake.texts(STRANGE_GROUP)) == 1
    assert bot.assistant.asked == [QUESTION]


async def test_anyone_in_an_allowed_group_may_ask(bot: Harness) -> None:
    await bot.ask(STRANGER, f"/hoi {QUESTION}", GROUP, "supergroup")
    assert bot.assistant.asked == [QUESTION]


async def test_empty_allowlist_refuses_everyone_and_says_so(
    assistant: Assistant, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.app")
    empty: dict[str, list[int]] = {
        "allowed_user_ids": [],
        "allowed_chat_ids": [],
        "admin_user_ids": [],
    }
    async with running_bot(assistant, tmp_path, telegram=empty) as bot:
        bot.fake.message(ALICE, QUESTION)
        (refusal,) = await bot.fake.replies(ALICE)
        assert "chưa có quyền" in refusal.params["text"]
        assert bot.assistant.asked == []
    assert "allowlist is empty" in caplog.text
