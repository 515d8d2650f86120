"""Getting the bot's requests through: Telegram's 429 and network failures are retried.

Two PTB extension points, one job each:
- `RetryAfterLimiter` (a `BaseRateLimiter`) waits out a 429 `RetryAfter` for as long as
  Telegram asks and sends again; a 429 means the request was not carried out, so the message
  is still delivered once.
- `RetryingRequest` (an `HTTPXRequest`) retries a request that failed on the network, with
  exponential backoff. A request that may have reached Telegram before failing (a read
  timeout) is retried only for methods that are safe to repeat, so an answer is never sent
  twice.
`getUpdates` goes through neither: PTB's updater retries its own polling.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)

# Methods whose repetition changes nothing the user sees twice.
IDEMPOTENT = frozenset(
    {
        "getMe",
        "getChat",
        "getWebhookInfo",
        "deleteWebhook",
        "setWebhook",
        "setMyCommands",
        "deleteMyCommands",
        "sendChatAction",
        "answerCallbackQuery",
        "editMessageText",
        "editMessageReplyMarkup",
    }
)
# Failures that happen before the request is handed to Telegram (or, for a server that hangs
# up without any answer, before it is processed): safe to retry for any method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.RemoteProtocolError)


class RetryAfterLimiter(BaseRateLimiter[None]):
    """Sends at once; on a 429 waits `retry_after` seconds (all requests together, since the
    limit is the bot's) and tries again, up to `max_retries` times."""

    def __init__(self, max_retries: int = 3, max_wait: float = 60.0) -> None:
        self.max_retries = max_retries
        self.max_wait = max_wait
        self._open = asyncio.Event()
        self._open.set()

    async def initialize(self) -> None:
        self._open.set()

    async def shutdown(self) -> None:
        self._open.set()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        for attempt in range(self.max_retries + 1):
            await self._open.wait()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = exc.retry_after
                seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
                if attempt == self.max_retries or seconds > self.max_wait:
                    raise
                log.warning("%s: Telegram asks to wait %.1f s (429); retrying", endpoint, seconds)
                await self._pause(seconds)
        raise AssertionError("unreachable")

    async def _pause(self, seconds: float) -> None:
        if not self._open.is_set():
            await self._open.wait()  # another request is already waiting it out
            return
        self._open.clear()
        try:
            await asyncio.sleep(seconds)
        finally:
            self._open.set()


class RetryingRequest(HTTPXRequest):
    """HTTPX transport that retries network failures with exponential backoff."""

    def __init__(self, retries: int = 3, backoff: float = 0.5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retries = retries
        self.backoff = backoff

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        for attempt in range(self.retries + 1):
            try:
                return await super().do_request(url, method, *args, **kwargs)
            except NetworkError as exc:
                if attempt == self.retries or not _retryable(endpoint, exc):
                    raise
                delay = self.backoff * 2**attempt
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


def _retryable(endpoint: str, exc: NetworkError) -> bool:
    if endpoint in IDEMPOTENT:
        return True
    if isinstance(exc, TimedOut) and "not* sent" in exc.message:
        return True  # PTB's pool timeout: the request never left
    return isinstance(exc.__cause__, _NOT_SENT)
