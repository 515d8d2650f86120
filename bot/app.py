"""The composition root: the bot's `Application` built from `Settings`, and how it runs.

`build_application` wires everything (handlers, allowlist, retries, defaults); the assistant
and the audit log are opened once, in `post_init`, and kept in `bot_data`. `run` serves by
long polling, or by webhook when `BAOCAO_TELEGRAM__WEBHOOK_URL` is set; SIGINT and SIGTERM
stop it gracefully (the update being answered is finished, then the log is closed).

While it runs, the bot checks every `INDEX_CHECK_S` seconds whether a newer version of the
index was committed (by `baocao ingest` in another process, or another machine's writer on a
shared Chroma server) and moves to it without a restart (`Assistant.refresh`); questions keep
being answered from the version loaded until the new one is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import handlers, uploads
from bot.access import Gate
from bot.delivery import RetryAfterLimiter, RetryingRequest
from bot.records import FILE_NAME, Records
from bot.throttle import Throttle
from rag.corpus import Library
from rag.errors import BaocaoError
from rag.settings import Settings

log = logging.getLogger(__name__)

EXAMPLES = (
    "Tổng thu ngân sách nhà nước 11 tháng năm 2017?",
    "tong thu ngan sach 11 thang 2023",
    "Năng suất lúa vụ mùa năm 2017 ước đạt bao nhiêu?",
)
QUESTIONS_PER_MINUTE = 20  # per user; an official rarely asks more than one every few seconds
CONCURRENT_UPDATES = 32  # updates served at once: one slow question never blocks the others
INDEX_CHECK_S = 5.0  # how often the bot looks for a newer index (a file read, or one request)
WATCHER = "index_watcher"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
COMMANDS = [
    BotCommand("help", "Hướng dẫn và câu hỏi mẫu"),
    BotCommand("hoi", "Đặt câu hỏi (dùng trong nhóm)"),
    BotCommand("baocao", "Danh sách báo cáo và kỳ báo cáo"),
]

AssistantFactory = Callable[[Settings], handlers.AssistantLike]
LibraryFactory = Callable[[Settings, handlers.AssistantLike], Library | None]


def open_assistant(settings: Settings) -> handlers.AssistantLike:
    """The real assistant: loads the index (building it from the corpus the first time)."""
    from rag.assistant import Assistant

    return Assistant.open(settings)


def build_application(
    settings: Settings,
    assistant_factory: AssistantFactory = open_assistant,
    *,
    records_path: Path | None = None,
    examples: Sequence[str] = EXAMPLES,
    questions_per_minute: int | None = QUESTIONS_PER_MINUTE,
    retry_backoff: float = 0.5,
    library_factory: LibraryFactory = uploads.open_library,
    index_check_s: float | None = INDEX_CHECK_S,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot, ready to run; nothing is opened until `post_init`."""
    telegram = settings.telegram
    if telegram.token is None:
        raise BaocaoError(
            "BAOCAO_TELEGRAM__TOKEN is not set: the bot needs a token from @BotFather"
        )
    gate = Gate(telegram)
    records_file = records_path or settings.data_dir / FILE_NAME

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if gate.empty:
            log.warning(
                "the allowlist is empty: everyone will be refused; set "
                "BAOCAO_TELEGRAM__ALLOWED_USER_IDS or BAOCAO_TELEGRAM__ALLOWED_CHAT_IDS"
            )
        assistant = await asyncio.to_thread(assistant_factory, settings)
        application.bot_data[handlers.SERVICES] = handlers.Services(
            assistant=assistant,
            records=Records(records_file),
            admins=frozenset(telegram.admin_user_ids),
            examples=tuple(examples),
            throttle=Throttle(questions_per_minute) if questions_per_minute else None,
            library=library_factory(settings, assistant),
        )
        await application.bot.set_my_commands(COMMANDS)
        if index_check_s:
            application.bot_data[WATCHER] = asyncio.create_task(
                watch_index(assistant, index_check_s)
            )
        log.info(
            "bot @%s ready: %d reports, %d users and %d chats allowed",
            application.bot.username,
            len(assistant.documents),
            len(gate.users),
            len(gate.chats),
        )

    async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        watcher = application.bot_data.pop(WATCHER, None)
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        services = application.bot_data.get(handlers.SERVICES)
        if services is not None:
            services.records.close()

    application = (
        ApplicationBuilder()
        .token(telegram.token.get_secret_value())
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .request(RetryingRequest(backoff=retry_backoff, connection_pool_size=64))
        .rate_limiter(RetryAfterLimiter())
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    add_handlers(application, gate)
    return application


async def watch_index(assistant: object, every: float) -> None:
    """Move to a newer committed index when there is one (if the assistant can)."""
    refresh = getattr(assistant, "refresh", None)
    if not callable(refresh):
        return
    while True:
        await asyncio.sleep(every)
        try:
            await asyncio.to_thread(refresh)
        except Exception:
            log.exception("could not load the new version of the index; keeping the old one")


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any], gate: Gate) -> None:
    """The allowlist first (group -1, every update), then the conversation."""
    application.add_handler(TypeHandler(Update, gate.check), group=-1)
    # Edits are not answered again: the answer to the first version is already in the chat.
    new = filters.UpdateType.MESSAGE
    new_text = new & filters.TEXT & ~filters.COMMAND
    application.add_handlers(
        [
            CommandHandler(["start", "help"], handlers.help_command, filters=new),
            CommandHandler("baocao", handlers.reports_command, filters=new),
            CommandHandler(["hoi", "ask"], handlers.ask_command, filters=new),
            CommandHandler("thongke", handlers.stats_command, filters=new),
            CommandHandler(["xoa", "remove"], uploads.remove_command, filters=new),
            MessageHandler(
                new & filters.Document.ALL & filters.ChatType.PRIVATE, uploads.document_message
            ),
            MessageHandler(new_text & filters.ChatType.PRIVATE, handlers.private_text),
            MessageHandler(new_text & filters.ChatType.GROUPS, handlers.group_text),
            CallbackQueryHandler(handlers.source_button, pattern=r"^(src|rel):\d+:\d+$"),
            CallbackQueryHandler(handlers.feedback_button, pattern=r"^fb:\d+:(up|down)$"),
            CallbackQueryHandler(handlers.reason_button, pattern=r"^why:\d+:(so|ky|thieu|khac)$"),
            CallbackQueryHandler(handlers.example_button, pattern=r"^ex:\d+$"),
            CallbackQueryHandler(handlers.stale_button),
        ]
    )
    application.add_error_handler(handlers.on_error)


@asynccontextmanager
async def running(
    application: Application[Any, Any, Any, Any, Any, Any],
    webhook: dict[str, Any] | None = None,
    poll_timeout: int = 10,
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Serve inside an event loop that is already running (tests, the benchmark): the steps
    of `run_polling`/`run_webhook`, hooks included, without their signal handling.
    `webhook` holds the arguments of `Updater.start_webhook`; without it the bot polls."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        assert application.updater is not None
        if webhook is None:
            await application.updater.start_polling(
                timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
        else:
            await application.updater.start_webhook(**webhook)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def webhook_options(settings: Settings, listen: str, port: int) -> dict[str, Any]:
    """Arguments of `run_webhook`/`start_webhook`: served on the URL's path, with a secret
    token Telegram sends back on every call (a random one when none is configured; it is
    registered again at every start)."""
    url = settings.telegram.webhook_url
    assert url is not None
    secret = settings.telegram.webhook_secret
    return {
        "listen": listen,
        "port": port,
        "url_path": urlparse(url).path.lstrip("/"),
        "webhook_url": url,
        "secret_token": secret.get_secret_value() if secret else secrets.token_urlsafe(32),
        "allowed_updates": Update.ALL_TYPES,
    }


def run(
    settings: Settings,
    listen: str = "0.0.0.0",
    port: int = 8443,
    assistant_factory: AssistantFactory = open_assistant,
) -> None:
    """Serve until SIGINT or SIGTERM."""
    # httpx logs every request URL at INFO, and the URL holds the token (bot/logs.py also
    # redacts it from every line when `baocao bot` configures the logs).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    application = build_application(settings, assistant_factory)
    if settings.telegram.webhook_url:
        log.info("serving by webhook on %s:%d", listen, port)
        application.run_webhook(
            **webhook_options(settings, listen, port), stop_signals=STOP_SIGNALS
        )
    else:
        log.info("serving by long polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=STOP_SIGNALS)
