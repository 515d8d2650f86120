"""The bot's logs (bot/logs.py): secrets never shown, one JSON object a line, and one
"question" line per question with its outcome and latency, end to end through the fake Bot API."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from bot.logs import REDACTED, JsonFormatter, RedactSecrets, configure, secrets_of
from rag.assistant import Assistant
from rag.settings import LLMSettings, Settings, TelegramSettings
from tests.bot.fake_telegram import TOKEN
from tests.bot.harness import ALICE, BOB, running_bot

WEBHOOK_SECRET = "webhook-secret-42"
LLM_KEY = "sk-llm-key-0123456789"
SHORT = "abc12"  # under six characters: too short to hunt for
Q2017 = "Tổng thu ngân sách nhà nước 11 tháng năm 2017?"
UNKNOWN = "Giá vàng ở Paris năm 2023?"


def settings_with_secrets() -> Settings:
    return Settings(
        _env_file=None,
        telegram=TelegramSettings(token=TOKEN, webhook_secret=WEBHOOK_SECRET),
        llm=LLMSettings(api_key=LLM_KEY),
    )


@pytest.fixture
def stream() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger of its own writing JSON through the filter to a string."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecrets(secrets_of(settings_with_secrets())))
    logger = logging.getLogger(f"tests.logs.{id(out)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger, out
    logger.removeHandler(handler)


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure() replaces the root logger's handlers: put everything back afterwards."""
    root, httpx = logging.getLogger(), logging.getLogger("httpx")
    handlers, level, httpx_level = list(root.handlers), root.level, httpx.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    httpx.setLevel(httpx_level)


def lines(out: io.StringIO) -> list[dict[str, Any]]:
    text = out.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]  # each line a whole object


def test_secrets_are_the_token_the_webhook_secret_and_the_llm_key() -> None:
    assert sorted(secrets_of(settings_with_secrets())) == sorted([TOKEN, WEBHOOK_SECRET, LLM_KEY])
    short = Settings(_env_file=None, telegram=TelegramSettings(token=SHORT))
    assert secrets_of(short) == []
    assert secrets_of(Settings(_env_file=None)) == []


def test_secret_is_redacted_from_message_args_traceback_and_extra(
    stream: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = stream
    url = f"https://api.telegram.org/bot{TOKEN}/getMe"
    logger.info(f"calling {url}")
    logger.info("webhook %s with %s at 100%%", WEBHOOK_SECRET, LLM_KEY)
    logger.warning("request", extra={"url": url, "outcome": "answered", "latency_ms": 12.5})
    try:
        try:
            raise ConnectionError(f"POST {url} refused")
        except ConnectionError as inner:
            raise RuntimeError(f"key {LLM_KEY} rejected") from inner
    except RuntimeError:
        logger.exception("the call failed")

    text = out.getvalue()
    for secret in (TOKEN, WEBHOOK_SECRET, LLM_KEY):
        assert secret not in text
    first, second, third, fourth = lines(out)
    assert first["msg"] == f"calling https://api.telegram.org/bot{REDACTED}/getMe"
    assert second["msg"] == f"webhook {REDACTED} with {REDACTED} at 100%"
    assert third["url"] == f"https://api.telegram.org/bot{REDACTED}/getMe"
    assert (third["outcome"], third["latency_ms"], third["level"]) == ("answered", 12.5, "WARNING")
    assert fourth["msg"] == "the call failed"
    # The whole chain is there, redacted: both exceptions and the traceback.
    assert "Traceback (most recent call last)" in fourth["exc"]
    assert f"RuntimeError: key {REDACTED} rejected" in fourth["exc"]
    assert f"ConnectionError: POST https://api.telegram.org/bot{REDACTED}/getMe" in fourth["exc"]


def test_secret_inside_a_structured_extra_field_is_redacted(
    stream: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = stream
    url = httpx.URL(f"https://api.telegram.org/bot{TOKEN}/getMe")
    logger.info(
        "sent",
        extra={
            "params": {"url": f"/bot{TOKEN}/x", "tries": (1, f"{LLM_KEY}!")},
            "request": url,  # an object the JSON formatter prints with str()
            "chat": 5,
            "ok": True,
        },
    )
    assert TOKEN not in out.getvalue() and LLM_KEY not in out.getvalue()
    (line,) = lines(out)
    assert line["params"] == {"url": f"/bot{REDACTED}/x", "tries": [1, f"{REDACTED}!"]}
    assert line["request"] == f"https://api.telegram.org/bot{REDACTED}/getMe"
    assert (line["chat"], line["ok"]) == (5, True)


def test_the_plain_format_is_redacted_too(stream: tuple[logging.Logger, io.StringIO]) -> None:
    logger, out = stream
    handler = logger.handlers[0]
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    try:
        raise ValueError(f"bad token {TOKEN}")
    except ValueError:
        logger.error("getUpdates for %s failed", TOKEN, exc_info=True)
    text = out.getvalue()
    assert TOKEN not in text
    assert text.startswith(f"ERROR getUpdates for {REDACTED} failed\nTraceback")
    assert f"ValueError: bad token {REDACTED}" in text


def test_without_secrets_records_are_left_alone(
    stream: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = stream
    logger.handlers[0].filters[:] = [RedactSecrets([])]
    logger.info("progress %d%%", 50, extra={"outcome": "invalid"})
    (line,) = lines(out)
    assert (line["msg"], line["outcome"]) == ("progress 50%", "invalid")


def test_configure_writes_json_lines_to_stderr_redacted_and_quiets_httpx(
    root_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    configure(settings_with_secrets(), as_json=True)
    logging.getLogger("bot.handlers").info(
        "question outcome=answered", extra={"outcome": "answered", "latency_ms": 3.5}
    )
    logging.getLogger("httpx").info(f"HTTP Request: POST /bot{TOKEN}/getUpdates")
    logging.getLogger("telegram.ext").warning("token %s refused", TOKEN)
    logging.getLogger("bot.app").debug("not at INFO")
    (question, refused) = lines(err)
    assert (question["logger"], question["outcome"], question["latency_ms"]) == (
        "bot.handlers",
        "answered",
        3.5,
    )
    assert refused["msg"] == f"token {REDACTED} refused" and refused["level"] == "WARNING"
    assert TOKEN not in err.getvalue()


def test_configure_plain_is_one_line_a_record(
    root_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    configure(settings_with_secrets(), verbose=True)
    logging.getLogger("bot.app").debug("bot @%s ready with %s", "x_bot", TOKEN)
    (line,) = err.getvalue().splitlines()
    assert line.endswith(f"DEBUG bot.app: bot @x_bot ready with {REDACTED}")


# ---------------------------------------------------------------------------- end to end


async def until(predicate: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


@pytest.mark.asyncio(loop_scope="session")
async def test_each_question_logs_one_line_with_its_outcome_and_latency(
    assistant: Assistant,
    tmp_path: Any,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    root_logging: None,
) -> None:
    """The bot's logs as `baocao bot --log-json` sets them up, with httpx at INFO as a
    library logging request URLs would: every line parses, none holds the token."""
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    configure(Settings(_env_file=None, telegram=TelegramSettings(token=TOKEN)), as_json=True)
    logging.getLogger("httpx").setLevel(logging.INFO)  # URLs with the token in them
    logging.getLogger().addHandler(caplog.handler)  # after the redacting handler

    def questions() -> list[logging.LogRecord]:
        return [r for r in caplog.records if getattr(r, "event", None) == "question"]

    def outcomes() -> list[tuple[int, str]]:
        return [(r.user, r.outcome) for r in questions()]  # type: ignore[attr-defined]

    async with running_bot(assistant, tmp_path, questions_per_minute=2) as bot:
        await bot.ask(ALICE, Q2017)
        await until(lambda: outcomes() == [(ALICE, "answered")], "the answered line")
        bot.fake.message(ALICE, "x" * 1500)
        await bot.fake.replies(ALICE, after=1)
        await until(lambda: len(questions()) == 2, "the invalid line")
        bot.fake.message(ALICE, Q2017)  # the third question within a minute
        (slow_down,) = await bot.fake.replies(ALICE, after=2)
        assert "hỏi hơi nhanh" in slow_down.params["text"]
        await until(lambda: len(questions()) == 3, "the throttled line")
        await bot.ask(BOB, UNKNOWN)
        await until(lambda: len(questions()) == 4, "the refused line")
        bot.fake.message(BOB, "BOOM tổng thu ngân sách")
        await bot.fake.replies(BOB, after=1)
        await until(lambda: len(questions()) == 5, "the failed line")
        await asyncio.sleep(0.3)  # nothing more comes

    assert outcomes() == [
        (ALICE, "answered"),
        (ALICE, "invalid"),
        (ALICE, "throttled"),
        (BOB, "refused"),
        (BOB, "failed"),
    ]
    answered, *others = questions()
    for record in questions():
        latency = record.latency_ms  # type: ignore[attr-defined]
        assert isinstance(latency, float) and 0 < latency < 10_000
        assert record.chat == record.user  # type: ignore[attr-defined]
        assert record.getMessage().startswith(f"question outcome={record.outcome} ")  # type: ignore[attr-defined]
    assert isinstance(answered.record, int) and answered.citations > 0  # type: ignore[attr-defined]
    assert answered.mode and 0 < answered.answer_ms <= answered.latency_ms  # type: ignore[attr-defined]
    assert [r.record is None for r in others] == [True, True, False, True]  # type: ignore[attr-defined]

    # The JSON lines: every one parses; the question lines carry the same fields.
    logged = lines(err)
    json_questions = [line for line in logged if line.get("event") == "question"]
    assert [(q["user"], q["outcome"]) for q in json_questions] == outcomes()
    assert all(isinstance(q["latency_ms"], float) for q in json_questions)
    assert any(line["logger"] == "httpx" and REDACTED in line["msg"] for line in logged)
    assert any(
        line["level"] == "ERROR" and "RuntimeError" in line.get("exc", "") for line in logged
    )
    assert TOKEN not in err.getvalue()
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in str(vars(record))
    assert TOKEN not in caplog.text
