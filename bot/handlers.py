"""The bot's handlers: read the update, await the assistant off the event loop, render, reply.

The services they use (assistant, audit log, examples, throttle) are built once in
`post_init` and kept in `application.bot_data[SERVICES]`; per-chat state (the previous
question, open 👎 reason prompts) lives in `context.chat_data`.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from html import escape
from typing import Protocol

from telegram import Bot, Chat, ForceReply, Message, MessageEntity, ReplyParameters, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.followup import combine, is_followup
from bot.records import Asked, Records, Stats, since_days
from bot.render import (
    REASONS,
    Reply,
    attach,
    parse_callback,
    reason_keyboard,
    render_answer,
    render_help,
    render_passage,
    render_reports,
    split_html,
)
from bot.throttle import Throttle
from rag.answer import Answer
from rag.corpus import Library
from rag.errors import BaocaoError
from rag.periods import Period
from rag.question import InvalidQuestionError, normalize_question

log = logging.getLogger(__name__)

SERVICES = "services"
LAST_QUESTION = "last_question"
REASON_PROMPTS = "reason_prompts"
TYPING_REFRESH_S = 4.0  # Telegram shows "typing…" for about 5 s
MAX_OPEN_PROMPTS = 20

APOLOGY = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Anh/chị vui lòng thử lại sau ít phút."
BUSY = "Dữ liệu đang được cập nhật, anh/chị vui lòng hỏi lại sau ít phút."
HOI_USAGE = "Cách dùng: /hoi &lt;câu hỏi&gt;, ví dụ: /hoi Tổng thu ngân sách 11 tháng năm 2023?"
STALE_BUTTON = "Nút này không còn dùng được."


class AssistantLike(Protocol):
    """What the bot needs of `rag.assistant.Assistant`."""

    @property
    def documents(self) -> Mapping[str, tuple[str, Period]]: ...

    def ask(
        self,
        question: str,
        period: str | None = None,
        doc: str | None = None,
        top_k: int | None = None,
    ) -> Answer: ...


@dataclass
class Services:
    """What the handlers share, built once in post_init."""

    assistant: AssistantLike
    records: Records
    admins: frozenset[int]
    examples: tuple[str, ...]
    throttle: Throttle | None = None
    library: Library | None = None  # adds and removes reports (bot/uploads.py); None: cannot


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    shared: Services = context.bot_data[SERVICES]
    return shared


# ---------------------------------------------------------------------------- commands


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help: what the bot knows, how to ask, example questions as buttons."""
    s = services(context)
    replies = render_help(s.assistant.documents, s.examples, context.bot.username)
    await send(context, update, replies)


async def reports_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/baocao: the reports and their periods."""
    parts = split_html([render_reports(services(context).assistant.documents)])
    await send(context, update, attach(parts))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/hoi <câu hỏi> (also /ask): a question, in a group or a private chat."""
    question = " ".join(context.args or [])
    if not question.strip():
        await send(context, update, [Reply(HOI_USAGE)])
        return
    await answer(update, context, question)


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/thongke: questions, refusals, 👍/👎 and latency, for admins only."""
    s = services(context)
    user = update.effective_user
    if user is None or user.id not in s.admins:
        await send(context, update, [Reply("Lệnh /thongke chỉ dành cho quản trị viên.")])
        return
    total = await asyncio.to_thread(s.records.stats)
    week = await asyncio.to_thread(s.records.stats, since_days(7))
    html = "\n".join(
        [
            "<b>Thống kê sử dụng</b>",
            f"Tất cả: {_stats_line(total)}",
            f"7 ngày qua: {_stats_line(week)}",
        ]
    )
    await send(context, update, [Reply(html)])


def _stats_line(stats: Stats) -> str:
    if not stats.questions:
        return "chưa có câu hỏi."
    share = f"{100 * stats.refused / stats.questions:.1f}".replace(".", ",")
    latency = (
        f"p50 {stats.latency_p50_ms:.0f} ms, p95 {stats.latency_p95_ms:.0f} ms"
        if stats.latency_p50_ms is not None and stats.latency_p95_ms is not None
        else "—"
    )
    return (
        f"{stats.questions} câu hỏi của {stats.users} người dùng; "
        f"{stats.refused} không tìm thấy số liệu ({share}%); "
        f"👍 {stats.up} / 👎 {stats.down}; thời gian trả lời {latency}."
    )


# ---------------------------------------------------------------------------- messages


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A plain message in a private chat: a question (or the reason of a 👎)."""
    message = update.effective_message
    if message is None or not message.text or await _take_reason(message, context):
        return
    await answer(update, context, message.text)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message in a group: a question only when it mentions the bot or replies to it."""
    message = update.effective_message
    if message is None or not message.text or await _take_reason(message, context):
        return
    question = addressed_text(message, context.bot)
    if question is not None:
        await answer(update, context, question)


def addressed_text(message: Message, bot: Bot) -> str | None:
    """The text without the bot's @mention if the message is meant for the bot, else None."""
    text = message.text or ""
    for entity, value in message.parse_entities(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    ).items():
        mention = (
            entity.type == MessageEntity.MENTION
            and value[1:].lower() == (bot.username or "").lower()
        )
        if mention or (entity.user is not None and entity.user.id == bot.id):
            return text.replace(value, " ").strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
        return text
    return None


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, typed: str) -> None:
    """Answer `typed` in the update's chat: follow-up, throttle, typing, ask, log, reply.

    Every question ends in one log line (`log_question`) with its outcome and latency."""
    started = time.perf_counter()
    s = services(context)
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    user_id = user.id if user else None
    if not typed.strip():
        await send(
            context, update, [Reply("Anh/chị muốn hỏi gì ạ? Ví dụ: " + escape(s.examples[0]))]
        )
        return
    if s.throttle is not None and user is not None:
        wait = s.throttle.wait(user.id)
        if wait > 0:
            text = f"Anh/chị hỏi hơi nhanh; vui lòng đợi {math.ceil(wait)} giây rồi hỏi tiếp."
            await send(context, update, [Reply(text)])
            log_question("throttled", started, user_id, chat.id)
            return
    question = typed.strip()
    previous = context.chat_data.get(LAST_QUESTION) if context.chat_data is not None else None
    if previous and is_followup(question):
        question = combine(previous, question)
    try:
        normalize_question(question)  # an empty or oversized question costs nothing more
    except InvalidQuestionError as exc:
        await send(context, update, [Reply(escape(_sentence(str(exc))))])
        log_question("invalid", started, user_id, chat.id)
        return
    asked = Asked(user_id, chat.id, chat.type, typed, question)
    try:
        async with typing(context.bot, chat.id):
            # The assistant is synchronous and takes tens to hundreds of ms: a worker thread
            # keeps the event loop free for the other chats.
            result, record_id = await asyncio.to_thread(_ask_and_log, s, asked)
    except InvalidQuestionError as exc:
        await send(context, update, [Reply(escape(_sentence(str(exc))))])
        log_question("invalid", started, user_id, chat.id)
        return
    except BaocaoError:
        log.exception("the assistant could not answer a question in chat %s", chat.id)
        await send(context, update, [Reply(BUSY)])
        log_question("busy", started, user_id, chat.id)
        return
    except Exception:
        log_question("failed", started, user_id, chat.id)
        raise  # on_error logs the traceback and apologises
    if context.chat_data is not None:
        context.chat_data[LAST_QUESTION] = question
    await send(context, update, render_answer(result, record_id))
    outcome = "refused" if result.refused else "answered"
    log_question(outcome, started, user_id, chat.id, record_id, result)


def log_question(
    outcome: str,
    started: float,
    user_id: int | None,
    chat_id: int,
    record_id: int | None = None,
    result: Answer | None = None,
) -> None:
    """The one log line of a question: outcome, latency and where to find it (bot/logs.py)."""
    fields = {
        "event": "question",
        "outcome": outcome,
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        "answer_ms": round(result.latency_ms, 1) if result is not None else None,
        "mode": result.mode if result is not None else None,
        "citations": len(result.citations) if result is not None else None,
        "user": user_id,
        "chat": chat_id,
        "record": record_id,
    }
    line = " ".join(f"{k}={'-' if v is None else v}" for k, v in fields.items() if k != "event")
    log.info("question %s", line, extra=fields)


def _ask_and_log(s: Services, asked: Asked) -> tuple[Answer, int]:
    result = s.assistant.ask(asked.question)
    return result, s.records.add(asked, result)


@asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat until the block ends."""
    done = asyncio.Event()

    async def keep_typing() -> None:
        while not done.is_set():
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError:
                log.debug("chat action failed", exc_info=True)
            try:
                await asyncio.wait_for(done.wait(), TYPING_REFRESH_S)
            except TimeoutError:
                continue

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        done.set()
        await task


async def _take_reason(message: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A reply to our "why 👎?" prompt is the reason, not a question."""
    replied = message.reply_to_message
    prompts = context.chat_data.get(REASON_PROMPTS) if context.chat_data is not None else None
    if replied is None or not prompts or replied.message_id not in prompts:
        return False
    record_id = prompts.pop(replied.message_id)
    reason = f"{REASONS['khac']}: {message.text or ''}".strip()
    await asyncio.to_thread(services(context).records.set_reason, record_id, reason)
    await message.reply_text("Đã ghi nhận lý do. Cảm ơn anh/chị đã góp ý!")
    return True


# ---------------------------------------------------------------------------- buttons


async def source_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Nguồn n" (or "Đoạn n" under a refusal): the full passage, replying to the answer."""
    query = update.callback_query
    assert query is not None
    verb, record_id, n = parse_callback(query.data)
    record = await asyncio.to_thread(services(context).records.get, int(record_id))
    citations = [] if record is None else record.citations if verb == "src" else record.related
    citation = next((c for c in citations if c.n == int(n)), None)
    if citation is None:
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    await send(context, update, render_passage(citation), reply_to=_message_id(query.message))


async def feedback_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎 under an answer; a 👎 asks for an optional reason."""
    query = update.callback_query
    assert query is not None
    _, record_id, vote = parse_callback(query.data)
    user = update.effective_user
    stored = await asyncio.to_thread(
        services(context).records.set_feedback, int(record_id), vote, user.id if user else None
    )
    if not stored:
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    await query.answer("Cảm ơn góp ý của anh/chị!")
    if vote == "down":
        prompt = Reply(
            "Câu trả lời chưa đúng ở điểm nào? (không bắt buộc)", reason_keyboard(int(record_id))
        )
        await send(context, update, [prompt], reply_to=_message_id(query.message))


async def reason_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reason under a 👎; "khác" asks for one line of text."""
    query = update.callback_query
    assert query is not None
    _, record_id, code = parse_callback(query.data)
    reason = REASONS[code]
    await asyncio.to_thread(services(context).records.set_reason, int(record_id), reason)
    await query.answer()
    if code != "khac":
        await query.edit_message_text(f"Đã ghi nhận lý do: {escape(reason)}. Cảm ơn anh/chị!")
        return
    await query.edit_message_text("Lý do: khác.")
    chat = update.effective_chat
    assert chat is not None
    prompt = await context.bot.send_message(
        chat.id,
        "Anh/chị vui lòng trả lời tin nhắn này bằng một dòng mô tả (không bắt buộc).",
        reply_markup=ForceReply(selective=True, input_field_placeholder="Lý do…"),
    )
    if context.chat_data is not None:
        prompts = context.chat_data.setdefault(REASON_PROMPTS, {})
        prompts[prompt.message_id] = int(record_id)
        while len(prompts) > MAX_OPEN_PROMPTS:
            prompts.pop(next(iter(prompts)))


async def example_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An example question under /help: asked as if typed."""
    query = update.callback_query
    assert query is not None
    examples = services(context).examples
    index = int(parse_callback(query.data)[1])
    if index >= len(examples):
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    await answer(update, context, examples[index])


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any button whose data we do not know (an older version of the bot made it)."""
    if update.callback_query is not None:
        await update.callback_query.answer(STALE_BUTTON, show_alert=True)


# ---------------------------------------------------------------------------- sending and errors


async def send(
    context: ContextTypes.DEFAULT_TYPE,
    update: Update,
    replies: list[Reply],
    reply_to: int | None = None,
) -> None:
    """Send the parts in order to the update's chat. In a group the first part quotes the
    question (or `reply_to`), so everyone sees what it answers."""
    chat = update.effective_chat
    if chat is None:
        return
    if reply_to is None and chat.type != Chat.PRIVATE and update.message is not None:
        reply_to = update.message.message_id
    for i, reply in enumerate(replies):
        quote = (
            ReplyParameters(reply_to, allow_sending_without_reply=True)
            if reply_to is not None and i == 0
            else None
        )
        await context.bot.send_message(
            chat.id, reply.html, reply_markup=reply.markup, reply_parameters=quote
        )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback and tell the user, briefly, that it failed."""
    log.error("update %s failed", getattr(update, "update_id", None), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, APOLOGY)
    except TelegramError:
        log.warning("could not send the apology", exc_info=True)


def _message_id(message: object) -> int | None:
    return message.message_id if isinstance(message, Message) else None


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
