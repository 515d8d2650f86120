"""End to end through the fake Bot API: commands, questions, sources, feedback, follow-ups."""

from __future__ import annotations

from html import escape

import pytest

from bot.app import EXAMPLES
from rag.assistant import Assistant
from tests.bot.fake_telegram import BOT_USER
from tests.bot.harness import ADMIN, ALICE, BOB, GROUP, Harness, buttons, has_button, record_id

pytestmark = pytest.mark.asyncio(loop_scope="session")

Q2017 = "Tổng thu ngân sách nhà nước 11 tháng năm 2017?"
Q2023 = "tong thu ngan sach 11 thang 2023"


def lead(assistant: Assistant, question: str) -> str:
    """What the reply must start with: the figure of the assistant's own answer, escaped."""
    answer = assistant.ask(question)
    assert not answer.refused
    return escape(answer.answer.split("\n")[0].partition(" — ")[0])


async def test_start_and_help_show_reports_how_to_ask_and_examples(bot: Harness) -> None:
    for command in ("/start", "/help"):
        before = len(bot.fake.texts(ALICE))
        bot.fake.message(ALICE, command)
        (reply,) = await bot.fake.replies(ALICE, after=before)
        text = reply.params["text"]
        assert "Báo cáo KT-XH tháng 11/2017 (11 tháng)" in text
        assert "Báo cáo KT-XH tháng 11/2023 (11 tháng)" in text
        assert "Cách hỏi" in text and "/hoi" in text and f"@{BOT_USER['username']}" in text
        examples = [b for b in buttons(reply) if b["callback_data"].startswith("ex:")]
        assert [b["text"] for b in examples] == list(EXAMPLES)
    assert bot.fake.delivered("setMyCommands")
    assert bot.assistant.asked == []


async def test_baocao_lists_reports_newest_first(bot: Harness) -> None:
    bot.fake.message(ALICE, "/baocao")
    (reply,) = await bot.fake.replies(ALICE)
    text = reply.params["text"]
    assert text.index("11/2023") < text.index("11/2017")
    assert "Các báo cáo hiện có (2)" in text


async def test_question_gets_figure_sources_and_buttons(bot: Harness, assistant: Assistant) -> None:
    (reply,) = await bot.ask(ALICE, Q2017)
    text = reply.params["text"]
    assert text.startswith(f"<b>{lead(assistant, Q2017)}</b>")
    assert "tỷ đồng" in text and "[1]" in text
    assert "<b>Nguồn:</b>\n[1] Báo cáo KT-XH tháng 11/2017 (11 tháng) › " in text
    labels = [b["text"] for b in buttons(reply)]
    assert labels[0] == "Nguồn 1" and labels[-2:] == ["👍", "👎"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(reply))
    assert bot.fake.delivered("sendChatAction", ALICE)[0].params["action"] == "typing"
    assert bot.assistant.asked == [Q2017]


async def test_an_edit_is_not_answered_again(bot: Harness) -> None:
    (reply,) = await bot.ask(ALICE, Q2017)
    bot.fake.message(ALICE, Q2023, edited=True)
    bot.fake.message(ALICE, "/hoi " + Q2023, edited=True)
    await bot.ask(BOB, Q2023)
    assert bot.fake.texts(ALICE) == [reply.params["text"]]
    assert bot.assistant.asked == [Q2017, Q2023]


async def test_unaccented_question_is_answered(bot: Harness, assistant: Assistant) -> None:
    (reply,) = await bot.ask(BOB, Q2023)
    assert reply.params["text"].startswith(f"<b>{lead(assistant, Q2023)}</b>")
    assert "tháng 11/2023" in reply.params["text"]


async def test_source_button_shows_passage_and_footnote_context(bot: Harness) -> None:
    (reply,) = await bot.ask(ALICE, Q2017)
    answer_message = reply.result
    record = bot.records().get(record_id(reply))
    assert record is not None
    footnote = next((c for c in record.citations if c.footnote), None)
    for citation in record.citations:
        before = len(bot.fake.texts(ALICE))
        bot.fake.click(ALICE, answer_message, f"src:{record.id}:{citation.n}")
        (passage,) = await bot.fake.replies(ALICE, after=before)
        text = passage.params["text"]
        assert escape(citation.label) in text
        assert escape(citation.text.split("\n")[0]) in text
        assert passage.params["reply_parameters"]["message_id"] == answer_message["message_id"]
    assert footnote is not None and footnote.context, "the 2017 budget answer cites a footnote"
    before = len(bot.fake.texts(ALICE))
    bot.fake.click(ALICE, answer_message, f"src:{record.id}:{footnote.n}")
    (passage,) = await bot.fake.replies(ALICE, after=before)
    assert escape(footnote.context) in passage.params["text"]
    assert f"dẫn tới chú thích {footnote.footnote}" in passage.params["text"]
    assert len(bot.fake.delivered("answerCallbackQuery")) == len(record.citations) + 1


async def test_feedback_is_recorded_with_reason(bot: Harness) -> None:
    (first,) = await bot.ask(ALICE, Q2017)
    (second,) = await bot.ask(ALICE, Q2023)
    message = first.result
    bot.fake.click(ALICE, message, f"fb:{record_id(first)}:up")
    await bot.fake.wait_for(lambda: bot.fake.delivered("answerCallbackQuery"))
    sent = len(bot.fake.texts(ALICE))
    message = second.result
    bot.fake.click(ALICE, message, f"fb:{record_id(second)}:down")
    (prompt,) = await bot.fake.replies(ALICE, after=sent)
    assert "chưa đúng" in prompt.params["text"]
    reasons = [b["text"] for b in buttons(prompt)]
    assert reasons == ["sai số liệu", "sai kỳ báo cáo", "thiếu", "khác"]
    prompt_message = prompt.result
    bot.fake.click(ALICE, prompt_message, f"why:{record_id(second)}:ky")
    edit = await bot.fake.wait_for(lambda: bot.fake.delivered("editMessageText"))
    assert "sai kỳ báo cáo" in edit[0].params["text"]
    records = bot.records()
    up, down = records.get(record_id(first)), records.get(record_id(second))
    assert up is not None and up.feedback == "up" and up.reason is None
    assert down is not None and down.feedback == "down" and down.reason == "sai kỳ báo cáo"
    assert down.user_id == ALICE and down.chat_id == ALICE and down.question == Q2023
    assert (
        down.chunk_ids == [i for c in down.citations for i in c.chunk_ids] and down.latency_ms > 0
    )


async def test_other_reason_is_one_line_typed_in_reply(bot: Harness) -> None:
    (reply,) = await bot.ask(BOB, Q2017)
    message = reply.result
    answered = record_id(reply)
    sent = len(bot.fake.texts(BOB))
    bot.fake.click(BOB, message, f"fb:{answered}:down")
    (prompt,) = await bot.fake.replies(BOB, after=sent)
    bot.fake.click(BOB, prompt.result, f"why:{answered}:khac")
    (ask_line,) = await bot.fake.replies(BOB, after=sent + 1)
    assert ask_line.params["reply_markup"]["force_reply"] is True
    line = ask_line.result
    bot.fake.message(BOB, "số liệu là của tháng, không phải 11 tháng", reply_to=line)
    (thanks,) = await bot.fake.replies(BOB, after=sent + 2)
    assert "Đã ghi nhận" in thanks.params["text"]
    record = bot.records().get(answered)
    assert record is not None and record.reason == "khác: số liệu là của tháng, không phải 11 tháng"
    assert bot.assistant.asked == [Q2017], "the reason is not taken for a question"


async def test_example_button_asks_the_example(bot: Harness, assistant: Assistant) -> None:
    bot.fake.message(ALICE, "/start")
    (help_reply,) = await bot.fake.replies(ALICE)
    help_message = help_reply.result
    bot.fake.click(ALICE, help_message, "ex:0")
    (reply,) = await bot.answer(ALICE, after=1)
    assert reply.params["text"].startswith(f"<b>{lead(assistant, EXAMPLES[0])}</b>")
    assert bot.assistant.asked == [EXAMPLES[0]]


async def test_followup_is_read_with_the_previous_question(bot: Harness) -> None:
    await bot.ask(ALICE, Q2017)
    (reply,) = await bot.ask(ALICE, "còn tháng 11/2023?")
    assert bot.assistant.asked[-1] == "Tổng thu ngân sách nhà nước tháng 11/2023?"
    assert "tháng 11/2023" in reply.params["text"]
    await bot.ask(ALICE, "năm 2017 thì sao?")
    assert bot.assistant.asked[-1] == "Tổng thu ngân sách nhà nước năm 2017?"
    await bot.ask(BOB, "năm 2017 thì sao?")
    assert bot.assistant.asked[-1] == "năm 2017 thì sao?", "another chat has its own history"


async def test_unknown_question_is_refused_with_closest_passages(bot: Harness) -> None:
    (reply,) = await bot.ask(ALICE, "Giá vàng ở Paris năm 2023?")
    text = reply.params["text"]
    assert text.startswith("Không tìm thấy số liệu")
    assert "không phải câu trả lời" in text
    assert has_button(reply, "rel:") and not has_button(reply, "src:")
    record = bot.records().get(record_id(reply))
    assert record is not None and record.refused and record.chunk_ids == []
    bot.fake.click(ALICE, reply.result, f"rel:{record.id}:1")
    (passage,) = await bot.fake.replies(ALICE, after=1)
    assert escape(record.related[0].label) in passage.params["text"]


async def test_invalid_question_gets_a_short_explanation(bot: Harness) -> None:
    bot.fake.message(ALICE, "x" * 1500)
    (reply,) = await bot.fake.replies(ALICE)
    assert reply.params["text"].startswith("Câu hỏi quá dài")


async def test_stats_for_admins_only(bot: Harness) -> None:
    await bot.ask(ALICE, Q2017)
    await bot.ask(ALICE, "Giá vàng ở Paris năm 2023?")
    bot.fake.message(ALICE, "/thongke")
    replies = await bot.fake.replies(ALICE, after=2)
    assert "chỉ dành cho quản trị viên" in replies[0].params["text"]
    bot.fake.message(ADMIN, "/thongke")
    (stats,) = await bot.fake.replies(ADMIN)
    text = stats.params["text"]
    assert "Tất cả: 2 câu hỏi của 1 người dùng; 1 không tìm thấy số liệu (50,0%)" in text
    assert "p50" in text and "👍 0 / 👎 0" in text


async def test_group_needs_a_mention_a_reply_or_hoi(bot: Harness, assistant: Assistant) -> None:
    bot.fake.message(ALICE, Q2017, GROUP, "supergroup")
    bot.fake.message(BOB, "/help", GROUP, "supergroup")
    await bot.fake.replies(GROUP)
    assert bot.assistant.asked == [], "a plain message in a group is not for the bot"

    (reply,) = await bot.ask(ALICE, f"@{BOT_USER['username']} {Q2017}", GROUP, "supergroup")
    assert bot.assistant.asked == [Q2017]
    assert reply.params["text"].startswith(f"<b>{lead(assistant, Q2017)}</b>")
    assert "reply_parameters" in reply.params, "the answer quotes the question in a group"

    (reply,) = await bot.ask(BOB, f"/hoi {Q2023}", GROUP, "supergroup")
    assert bot.assistant.asked[-1] == Q2023
    await bot.ask(BOB, f"/ask@{BOT_USER['username']} {Q2023}", GROUP, "supergroup")
    assert bot.assistant.asked[-1] == Q2023

    answer_message = reply.result
    before = len(bot.fake.texts(GROUP))
    bot.fake.message(ALICE, "năm 2017 thì sao?", GROUP, "supergroup", reply_to=answer_message)
    await bot.answer(GROUP, before)
    assert bot.assistant.asked[-1] == "tong thu ngan sach năm 2017?"
    assert len(bot.assistant.asked) == 4
