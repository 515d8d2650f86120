"""How the bot is served: webhook mode with its secret token, and a graceful SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from bot.app import build_application, running, webhook_options
from rag.assistant import Assistant
from rag.settings import PROJECT_ROOT
from tests.bot.fake_telegram import TOKEN, FakeTelegram
from tests.bot.harness import ALICE, STRANGER, CountingAssistant, bot_settings

on_session_loop = pytest.mark.asyncio(loop_scope="session")

QUESTION = "Tổng thu ngân sách nhà nước 11 tháng năm 2017?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    user = {"id": user_id, "is_bot": False, "first_name": "U"}
    chat = {"id": user_id, "type": "private", "first_name": "U"}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": user}
    return {"update_id": update_id, "message": {**message, "text": text}}


@on_session_loop
async def test_webhook_mode_registers_the_url_and_checks_the_secret(
    assistant: Assistant, tmp_path: Path
) -> None:
    fake = FakeTelegram()
    base_url = await fake.start()
    settings = bot_settings(
        base_url,
        assistant.settings.data_dir,
        webhook_url="https://bot.example.org/telegram/hook",
        webhook_secret="s3cret-token",
    )
    counting = CountingAssistant(assistant)
    app = build_application(settings, lambda _: counting, records_path=tmp_path / "bot.sqlite3")
    port = _free_port()
    options = webhook_options(settings, "127.0.0.1", port)
    assert options["url_path"] == "telegram/hook"
    try:
        async with running(app, webhook=options), aiohttp.ClientSession() as http:
            assert fake.webhook is not None
            assert fake.webhook["url"] == "https://bot.example.org/telegram/hook"
            assert fake.webhook["secret_token"] == "s3cret-token"
            url = f"http://127.0.0.1:{port}/telegram/hook"
            forged = await http.post(url, json=_update(1, ALICE, "BOOM không có mã bí mật"))
            assert forged.status == 403
            wrong = await http.post(
                url,
                json=_update(2, ALICE, "BOOM sai mã bí mật"),
                headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
            )
            assert wrong.status == 403
            secret = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            sent = await http.post(url, json=_update(3, ALICE, QUESTION), headers=secret)
            assert sent.status == 200
            (reply,) = await fake.replies(ALICE)
            assert "tỷ đồng" in reply.params["text"]
            sent = await http.post(url, json=_update(4, STRANGER, QUESTION), headers=secret)
            (refusal,) = await fake.replies(STRANGER)
            assert "chưa có quyền" in refusal.params["text"]
        assert counting.asked == [QUESTION]
    finally:
        await fake.stop()


def test_webhook_gets_a_random_secret_when_none_is_configured(tmp_path: Path) -> None:
    settings = bot_settings("http://127.0.0.1:1/bot", tmp_path, webhook_url="https://b.example/h")
    first, second = (webhook_options(settings, "0.0.0.0", 8443) for _ in range(2))
    assert len(first["secret_token"]) >= 32 and first["secret_token"] != second["secret_token"]


_SERVE = """
import logging, sys
from bot.app import run
from rag.settings import Settings


class Stub:
    documents = {}

    def ask(self, question, period=None, doc=None, top_k=None):
        raise AssertionError("not asked in this test")


logging.basicConfig(level=logging.INFO, stream=sys.stderr)
run(Settings(_env_file=None), assistant_factory=lambda settings: Stub())
print("stopped cleanly", flush=True)
"""


@on_session_loop
async def test_sigterm_stops_the_bot_gracefully(tmp_path: Path) -> None:
    fake = FakeTelegram()
    base_url = await fake.start()
    env = {
        **os.environ,
        "BAOCAO_DATA_DIR": str(tmp_path),
        "BAOCAO_TELEGRAM__TOKEN": TOKEN,
        "BAOCAO_TELEGRAM__BASE_URL": base_url,
        "BAOCAO_TELEGRAM__ALLOWED_USER_IDS": f"[{ALICE}]",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _SERVE,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        fake.message(ALICE, "/baocao")
        (reply,) = await fake.replies(ALICE, timeout=60)
        assert "Chưa có báo cáo" in reply.params["text"]
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=10)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    assert process.returncode == 0, stderr.decode()
    assert b"stopped cleanly" in stdout
    assert b"Traceback" not in stderr
    assert TOKEN.encode() not in stderr, "the token never reaches the log"
    assert (tmp_path / "bot.sqlite3").exists()
