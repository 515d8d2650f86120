"""A fake Telegram Bot API server for the tests: real HTTP on 127.0.0.1, a random port.

It serves updates pushed by a test through `getUpdates` (with a capped long-poll wait so the
bot shuts down quickly), answers the methods the bot calls, records every call, and checks
what Telegram checks: HTML that parses, texts within 4,096 characters, callback data within
64 bytes. It can be told to answer the next call of a method with a 429 or to hang up.
Files a test sends as documents are served as the Bot API serves them: `getFile` gives a
`file_path` (refused over 20 MB, as Telegram does) and `/file/bot<token>/<file_path>` the bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token"
BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Báo cáo",
    "username": "baocao_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Parameters PTB sends JSON-encoded; every other value is a plain string.
_JSON_PARAMS = {
    "reply_markup",
    "reply_parameters",
    "link_preview_options",
    "allowed_updates",
    "commands",
    "scope",
    "entities",
}
_TEXT_PARAMS = {"text", "callback_query_id", "url", "secret_token", "caption", "file_id"}
TELEGRAM_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "blockquote", "tg-spoiler", "span", "tg-emoji",
}  # fmt: skip


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    status: int
    result: Any = None  # what the server answered (the message sent, for sendMessage)
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


class FakeTelegram:
    """The server. `await start()` gives the base URL to hand to the bot."""

    def __init__(self, poll_cap: float = 0.2) -> None:
        self.poll_cap = poll_cap
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._faults: dict[str, list[str | int]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # (chat, message id) -> message
        self.webhook: dict[str, Any] | None = None
        self.files: dict[str, bytes] = {}  # file_id -> the bytes of a document a test sent
        self.downloads: list[str] = []  # file paths downloaded, in order
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.base_file_url = ""

    # ------------------------------------------------------------------------ lifecycle

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/bot"
        self.base_file_url = f"http://127.0.0.1:{port}/file/bot"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------------ what tests push

    def push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self._new_update.set()
        return update_id

    def message(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        *,
        reply_to: dict[str, Any] | None = None,
        edited: bool = False,
    ) -> dict[str, Any]:
        """Push a text message (or an edit of one) from a user; returns the message."""
        chat_id = user_id if chat_id is None else chat_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type),
            "from": _user(user_id),
            "text": text,
        }
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if edited:
            message["edit_date"] = int(time.time())
        self.messages[(chat_id, message["message_id"])] = message
        self.push({"edited_message" if edited else "message": message})
        return message

    def document(
        self,
        user_id: int,
        file_name: str | None,
        data: bytes,
        mime_type: str | None = None,
        chat_id: int | None = None,
        chat_type: str = "private",
        *,
        file_size: int | None = None,
    ) -> dict[str, Any]:
        """Push a message carrying a file; `file_size` is what Telegram announces (the real
        size unless told otherwise)."""
        chat_id = user_id if chat_id is None else chat_id
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"unique-{file_id}",
            "file_size": len(data) if file_size is None else file_size,
        }
        if file_name is not None:
            document["file_name"] = file_name
        if mime_type is not None:
            document["mime_type"] = mime_type
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type),
            "from": _user(user_id),
            "document": document,
        }
        self.messages[(chat_id, message["message_id"])] = message
        self.push({"message": message})
        return message

    def click(self, user_id: int, message: dict[str, Any], data: str) -> str:
        """Push a press on an inline button under `message`; returns the callback query id."""
        query_id = str(next(self._callback_ids))
        self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": _user(user_id),
                    "chat_instance": "ci",
                    "message": message,
                    "data": data,
                }
            }
        )
        return query_id

    def fail_next(self, method: str, *faults: str | int) -> None:
        """The next calls of `method` fail in turn: an int is a 429 with that retry_after,
        "hangup" closes the connection without an answer."""
        self._faults.setdefault(method, []).extend(faults)

    # ------------------------------------------------------------------------ what tests read

    def delivered(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method
            and c.ok
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [c.params["text"] for c in self.delivered("sendMessage", chat_id)]

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 10.0, what: str = "calls"
    ) -> Any:
        """Wait until `predicate()` is truthy (checked after every call); returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            self._new_call.clear()  # before looking, so a call made meanwhile is not missed
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                methods = [(c.method, c.status) for c in self.calls[-15:]]
                raise AssertionError(f"timed out waiting for {what}; last calls: {methods}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_call.wait(), min(remaining, 0.5))

    async def replies(
        self, chat_id: int, count: int = 1, after: int = 0, timeout: float = 10.0
    ) -> list[Call]:
        """Wait for `count` messages delivered to `chat_id` after the first `after` of them."""
        return (
            await self.wait_for(
                lambda: (
                    (sent := self.delivered("sendMessage", chat_id)[after:])
                    and len(sent) >= count
                    and sent
                ),
                timeout,
                f"{count} message(s) to chat {chat_id}",
            )
        )[:count]

    # ------------------------------------------------------------------------ the API

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != TOKEN:
            return _error(401, "Unauthorized")
        params = await _params(request)
        faults = self._faults.get(method)
        if faults:
            fault = faults.pop(0)
            if fault == "hangup":
                self._record(method, params, 0)
                assert request.transport is not None
                request.transport.close()
                return web.Response(status=500)
            self._record(method, params, 429)
            return _error(429, f"Too Many Requests: retry after {fault}", retry_after=fault)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self._record(method, params, 404)
            return _error(404, "Not Found: method not found")
        if method == "getUpdates":
            result = await handler(params)
            self.calls.append(Call(method, params, 200))  # not signalled: it would wake waiters
            return web.json_response({"ok": True, "result": result})
        problem = _check(params)
        if problem:
            self._record(method, params, 400)
            return _error(400, f"Bad Request: {problem}")
        result = handler(params)
        self._record(method, params, 200, result)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != TOKEN:
            return web.Response(status=401)
        path = request.match_info["path"]
        file_id = path.rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        self.downloads.append(path)
        self._new_call.set()
        return web.Response(body=self.files[file_id])

    def _record(self, method: str, params: dict[str, Any], status: int, result: Any = None) -> None:
        self.calls.append(Call(method, params, status, result))
        self._new_call.set()

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            wait = min(float(params.get("timeout") or 0), self.poll_cap)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), wait)
        return list(self._updates)

    def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        data = self.files[file_id]
        result: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"unique-{file_id}",
            "file_size": len(data),
        }
        if len(data) <= 20 * 1024 * 1024:  # Telegram gives no path to a bigger file
            result["file_path"] = f"documents/{file_id}"
        return result

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params["chat_id"]
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, "private" if chat_id > 0 else "supergroup"),
            "from": BOT_USER,
            "text": visible_text(params["text"])
            if params.get("parse_mode") == "HTML"
            else params["text"],
        }
        if "reply_markup" in params and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (params["chat_id"], params["message_id"])
        message = dict(self.messages[key])
        message["text"] = visible_text(params["text"])
        message["edit_date"] = int(time.time())
        message.pop("reply_markup", None)
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        self.messages[key] = message
        return message


# ---------------------------------------------------------------------------- helpers


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User {user_id}", "language_code": "vi"}


def _chat(chat_id: int, chat_type: str) -> dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
    return {"id": chat_id, "type": chat_type, "title": f"Nhóm {chat_id}"}


def _entities(text: str) -> list[dict[str, Any]]:
    """Commands and @mentions, with offsets in UTF-16 code units as Telegram gives them."""
    entities = []
    for match in re.finditer(r"(?<!\w)(/\w+(?:@\w+)?|@\w+)", text):
        offset = len(text[: match.start()].encode("utf-16-le")) // 2
        length = len(match.group().encode("utf-16-le")) // 2
        kind = "bot_command" if match.group().startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        entities.append({"type": kind, "offset": offset, "length": length})
    return entities


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = str(value)
        if key in _JSON_PARAMS:
            params[key] = json.loads(text)
        elif key not in _TEXT_PARAMS and re.fullmatch(r"-?\d+", text):
            params[key] = int(text)
        else:
            params[key] = text
    return params


def _error(code: int, description: str, retry_after: Any = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=code)


def _check(params: dict[str, Any]) -> str | None:
    """What Telegram would refuse in a message: bad HTML, too long, bad button data."""
    text = params.get("text")
    if isinstance(text, str):
        if params.get("parse_mode") == "HTML":
            problem = html_problem(text)
            if problem:
                return f"can't parse entities: {problem}"
            text = visible_text(text)
        if not text.strip():
            return "message text is empty"
        if len(text.encode("utf-16-le")) // 2 > 4096:
            return "message is too long"
    markup = params.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                return "BUTTON_DATA_INVALID"
    return None


class _TelegramHTML(HTMLParser):
    """Reads Telegram's HTML subset: known tags, properly nested; collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"unsupported start tag {tag!r}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unmatched end tag {tag!r}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_problem(html: str) -> str | None:
    """Why Telegram would refuse this HTML, or None."""
    stray = re.search(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)", html)
    if stray:
        return f"stray '&' at {stray.start()}"
    if re.search(r"<(?![a-zA-Z/])", html):
        return "stray '<'"
    parser = _TelegramHTML()
    parser.feed(html)
    parser.close()
    if parser.stack:
        parser.problems.append(f"unclosed tags {parser.stack}")
    return "; ".join(parser.problems) or None


def visible_text(html: str) -> str:
    """The text Telegram shows for this HTML."""
    parser = _TelegramHTML()
    parser.feed(html)
    parser.close()
    return "".join(parser.text)
