"""The bot under test: the real Application against the fake Bot API, and what tests need
to drive it (people, an assistant that counts what it is asked)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app import build_application, running
from bot.records import Records
from rag.answer import Answer
from rag.assistant import Assistant
from rag.embed import HashingEmbedding
from rag.periods import Period
from rag.settings import PROJECT_ROOT, Settings, TelegramSettings
from tests.bot.fake_telegram import TOKEN, Call, FakeTelegram

ADMIN = 100
ALICE = 101
BOB = 102
STRANGER = 666
GROUP = -1001  # an allowed group
STRANGE_GROUP = -2002  # a group nobody allowed
CROWD = list(range(201, 211))  # ten more allowed users
REPORTS = ("000_f2ef7d1ad17a3d94.txt", "002_7fc097a99f4f5691.txt")  # 11/2017, 11/2023


def small_assistant(root: Path) -> Assistant:
    """A real assistant with the hashing embedder over two reports (about a second)."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for name in REPORTS:
        shutil.copy(PROJECT_ROOT / "corpus" / name, corpus / name)
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus)
    return Assistant.open(settings, embedder=HashingEmbedding())


class CountingAssistant:
    """Wraps the real assistant: counts the questions asked, can be slowed down, made to
    crash on "BOOM", or made to return a canned answer for a question containing a key."""

    def __init__(self, inner: Assistant) -> None:
        self.inner = inner
        self.asked: list[str] = []
        self.delay = 0.0
        self.canned: dict[str, Answer] = {}
        self._lock = threading.Lock()

    @property
    def documents(self) -> Mapping[str, tuple[str, Period]]:
        return self.inner.documents

    # What the bot's library needs to add and remove reports (bot/uploads.py).
    @property
    def embedder(self) -> Any:
        return self.inner.embedder

    @property
    def dense(self) -> Any:
        return self.inner.dense

    def reload(self) -> None:
        self.inner.reload()

    def refresh(self) -> bool:
        return self.inner.refresh()

    def ask(
        self,
        question: str,
        period: str | None = None,
        doc: str | None = None,
        top_k: int | None = None,
    ) -> Answer:
        with self._lock:
            self.asked.append(question)
        if "BOOM" in question:
            raise RuntimeError("the assistant crashed (test)")
        if self.delay:
            time.sleep(self.delay)
        for key, answer in self.canned.items():
            if key in question:
                return answer
        return self.inner.ask(question, period, doc, top_k)


@dataclass
class Harness:
    """A running bot and the fake Telegram it talks to."""

    fake: FakeTelegram
    assistant: CountingAssistant
    records_path: Path
    app: Any

    def records(self) -> Records:
        return Records(self.records_path)

    async def ask(
        self, user_id: int, text: str, chat_id: int | None = None, chat_type: str = "private"
    ) -> list[Call]:
        """Send a message and wait for the whole answer (the parts up to the one with 👍/👎)."""
        chat = user_id if chat_id is None else chat_id
        before = len(self.fake.delivered("sendMessage", chat))
        self.fake.message(user_id, text, chat_id, chat_type)
        return await self.answer(chat, before)

    async def answer(self, chat_id: int, after: int, timeout: float = 10.0) -> list[Call]:
        def complete() -> list[Call] | None:
            sent = self.fake.delivered("sendMessage", chat_id)[after:]
            for i, call in enumerate(sent):
                if has_button(call, "fb:"):
                    return sent[: i + 1]
            return None

        return await self.fake.wait_for(complete, timeout, f"an answer in chat {chat_id}")


def buttons(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def record_id(answer: Call) -> int:
    """The audit record an answer's buttons refer to (from its 👍 button)."""
    data = next(b["callback_data"] for b in buttons(answer) if b["callback_data"].startswith("fb:"))
    return int(data.split(":")[1])


def has_button(call: Call, prefix: str) -> bool:
    return any(str(b.get("callback_data", "")).startswith(prefix) for b in buttons(call))


def bot_settings(
    base_url: str, data_dir: Path, corpus_dir: Path | None = None, **telegram: Any
) -> Settings:
    allowed = {
        "allowed_user_ids": [ADMIN, ALICE, BOB, *CROWD],
        "allowed_chat_ids": [GROUP],
        "admin_user_ids": [ADMIN],
        **telegram,
    }
    file_url = base_url.removesuffix("/bot") + "/file/bot"
    return Settings(
        _env_file=None,
        data_dir=data_dir,
        corpus_dir=corpus_dir or data_dir.parent / "corpus",
        telegram=TelegramSettings(
            token=TOKEN, base_url=base_url, base_file_url=file_url, **allowed
        ),
    )


@asynccontextmanager
async def running_bot(
    assistant: Assistant, tmp_path: Path, **options: Any
) -> AsyncIterator[Harness]:
    """Start the fake server and the bot polling it; stop both on exit."""
    telegram = options.pop("telegram", {})
    fake = FakeTelegram()
    base_url = await fake.start()
    counting = CountingAssistant(assistant)
    records_path = tmp_path / "bot.sqlite3"
    settings = bot_settings(
        base_url, assistant.settings.data_dir, assistant.settings.corpus_dir, **telegram
    )
    options.setdefault("retry_backoff", 0.05)
    app = build_application(settings, lambda _: counting, records_path=records_path, **options)
    try:
        async with running(app, poll_timeout=10):
            yield Harness(fake, counting, records_path, app)
    finally:
        await fake.stop()
