"""The bot's logs: one line per event through `logging`, plain or JSON, never a secret.

Every question gets one line from `bot.handlers` (`question outcome=answered latency_ms=...`),
with the same fields as `extra` attributes for the JSON format (`baocao bot --log-json`):
the outcome (answered, refused, invalid, throttled, busy, failed), the time from the update's
arrival to the last part of the reply, the assistant's own time, the user, the chat and the
audit-log record (the question's text lives in the audit log, not in the logs).

The bot token, the webhook secret and the LLM key are secrets: a filter on the handlers
replaces them wherever they appear (a library logging a request URL holds the token).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from rag.settings import Settings

REDACTED = "[REDACTED]"
# The attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def secrets_of(settings: Settings) -> list[str]:
    """The values no log line may show."""
    values = [
        settings.telegram.token,
        settings.telegram.webhook_secret,
        settings.llm.api_key,
    ]
    found = [v.get_secret_value() for v in values if v is not None]
    return [s for s in found if len(s) >= 6]


class RedactSecrets(logging.Filter):
    """Replaces the secrets in a record's message, arguments and traceback."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted(set(secrets), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.scrub(message), None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        for key, value in list(vars(record).items()):
            if key not in _STANDARD:
                setattr(record, key, self.scrub_value(value))
        return True

    def scrub_value(self, value: Any) -> Any:
        """An extra field: a string, or strings within dicts and lists, or an object whose
        text (what the formatters print) holds a secret."""
        if isinstance(value, str):
            return self.scrub(value)
        if value is None or isinstance(value, int | float):
            return value
        if isinstance(value, Mapping):
            return {self.scrub_value(k): self.scrub_value(v) for k, v in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return [self.scrub_value(v) for v in value]
        text = str(value)
        scrubbed = self.scrub(text)
        return value if scrubbed == text else scrubbed


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exc"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure(settings: Settings, verbose: bool = False, as_json: bool = False) -> None:
    """Root logging for `baocao bot`: to stderr, plain or JSON, secrets redacted."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if as_json
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.addFilter(RedactSecrets(secrets_of(settings)))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # httpx logs every request URL at INFO, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
