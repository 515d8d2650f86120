"""Fakes written for the tests (never mocks of the code under test)."""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rag.embed import HashingEmbedding

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


class CountingEmbedding(HashingEmbedding):
    """The hashing embedder, counting the passages it embeds."""

    passages: int = 0

    def _get_text_embedding(self, text: str) -> list[float]:
        self.passages += 1
        return super()._get_text_embedding(text)


class FailingEmbedding(HashingEmbedding):
    """Fails on any passage containing `poison`, as a crashed model would."""

    poison: str = "POISON"

    def _get_text_embedding(self, text: str) -> list[float]:
        if self.poison in text:
            raise RuntimeError("model crashed")
        return super()._get_text_embedding(text)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors write it: base letters precomposed, tones combining."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        marks = decomposed[1:]
        base = unicodedata.normalize(
            "NFC", decomposed[0] + "".join(m for m in marks if m not in _TONE_MARKS)
        )
        out.append((base + "".join(m for m in marks if m in _TONE_MARKS)).encode("cp1258"))
    return b"".join(out)


# ---------------------------------------------------------------- a fake OpenAI-compatible server


Behaviour = Callable[[str, str], str]  # (system prompt, user prompt) -> assistant reply


def quote_first_figure(system: str, user: str) -> str:
    """A faithful model: quotes the first passage's first figure and cites it."""
    passage = re.search(r'<doan_trich so="(\d+)"[^>]*>\n(.*?)\n', user, re.S)
    assert passage, "no passage in the prompt"
    figure = re.search(r"\d+(?:[.,]\d+)*\s*(?:tỷ đồng|triệu USD|%|người|ha)", passage.group(2))
    return f"{figure.group() if figure else 'Theo đoạn trích'} [{passage.group(1)}]"


class FakeOpenAI:
    """An OpenAI-compatible chat endpoint on 127.0.0.1 that answers as `behaviour` says."""

    def __init__(self, behaviour: Behaviour = quote_first_figure) -> None:
        self.behaviour = behaviour
        self.status = 200
        self.delay_s = 0.0
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                if fake.delay_s:
                    time.sleep(fake.delay_s)
                if fake.status != 200:
                    self._send(fake.status, {"error": {"message": "boom", "type": "server_error"}})
                    return
                messages = {m["role"]: m["content"] for m in body["messages"]}
                content = fake.behaviour(messages.get("system", ""), messages.get("user", ""))
                self._send(
                    200,
                    {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "fake"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": content},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
