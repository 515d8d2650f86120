"""The bot's audit log: every question, its answer and sources, and the feedback it got.

One SQLite file under `BAOCAO_DATA_DIR` (`bot.sqlite3`). It holds user and chat ids, the
question, the answer, the cited chunk ids and passages (so a "Nguồn n" button still works
after a restart), refused, latency and 👍/👎 with a reason; never the bot's token.
Calls are short and serialised by a lock; the bot runs them in a worker thread.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rag.answer import Answer, Citation

FILE_NAME = "bot.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at TEXT NOT NULL,          -- ISO 8601, UTC
    user_id INTEGER,
    chat_id INTEGER NOT NULL,
    chat_type TEXT NOT NULL,
    typed TEXT NOT NULL,             -- the message as the user typed it
    question TEXT NOT NULL,          -- the question asked (a follow-up joined to the previous)
    answer TEXT NOT NULL,
    refused INTEGER NOT NULL,
    chunk_ids TEXT NOT NULL,         -- JSON list of the cited chunk ids, in [n] order
    citations TEXT NOT NULL,         -- JSON list of the cited passages
    related TEXT NOT NULL,           -- JSON list of the closest passages of a refusal
    periods TEXT NOT NULL,           -- JSON list of the periods the question was read for
    latency_ms REAL NOT NULL,
    mode TEXT NOT NULL,
    feedback TEXT CHECK (feedback IN ('up', 'down')),
    reason TEXT,
    feedback_user_id INTEGER,
    feedback_at TEXT
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE INDEX IF NOT EXISTS questions_feedback ON questions (feedback);
"""

_CITATION_FIELDS = (
    "n",
    "chunk_id",
    "doc",
    "title",
    "period",
    "section",
    "section_ref",
    "footnote",
    "text",
    "context",
    "chunk_ids",
)


@dataclass(frozen=True)
class Asked:
    """Who asked what, where: the part of a record the bot knows before answering."""

    user_id: int | None
    chat_id: int
    chat_type: str
    typed: str
    question: str


@dataclass(frozen=True)
class Record:
    """One row of the log."""

    id: int
    asked_at: str
    user_id: int | None
    chat_id: int
    chat_type: str
    typed: str
    question: str
    answer: str
    refused: bool
    chunk_ids: list[str]
    citations: list[Citation]
    related: list[Citation]
    periods: list[str]
    latency_ms: float
    mode: str
    feedback: str | None
    reason: str | None


@dataclass(frozen=True)
class Stats:
    """What `/thongke` shows."""

    questions: int
    users: int
    refused: int
    up: int
    down: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None


class Records:
    """The audit log file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        # WAL lets `baocao feedback export` read while the bot writes.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, asked: Asked, answer: Answer) -> int:
        """Log a question and its answer; returns the record id the buttons refer to."""
        row = {
            "asked_at": _now(),
            "user_id": asked.user_id,
            "chat_id": asked.chat_id,
            "chat_type": asked.chat_type,
            "typed": asked.typed,
            "question": asked.question,
            "answer": answer.answer,
            "refused": int(answer.refused),
            "chunk_ids": json.dumps([i for c in answer.citations for i in c.chunk_ids]),
            "citations": _dump(answer.citations),
            "related": _dump(answer.related),
            "periods": json.dumps(answer.periods, ensure_ascii=False),
            "latency_ms": answer.latency_ms,
            "mode": answer.mode,
        }
        columns = ", ".join(row)
        marks = ", ".join(f":{k}" for k in row)
        with self._lock:
            cursor = self._db.execute(f"INSERT INTO questions ({columns}) VALUES ({marks})", row)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def get(self, record_id: int) -> Record | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM questions WHERE id = ?", (record_id,)).fetchone()
        return _record(row) if row else None

    def set_feedback(self, record_id: int, feedback: str, user_id: int | None) -> bool:
        """Store 👍 ("up") or 👎 ("down"); a new vote replaces the old one and its reason."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE questions SET feedback = ?, reason = NULL, feedback_user_id = ?,"
                " feedback_at = ? WHERE id = ?",
                (feedback, user_id, _now(), record_id),
            )
        return cursor.rowcount == 1

    def set_reason(self, record_id: int, reason: str) -> bool:
        """The one-line reason of a 👎."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE questions SET reason = ? WHERE id = ? AND feedback = 'down'",
                (reason.strip()[:500], record_id),
            )
        return cursor.rowcount == 1

    def stats(self, since: datetime | None = None) -> Stats:
        where, args = ("WHERE asked_at >= ?", (since.isoformat(),)) if since else ("", ())
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) AS questions, count(DISTINCT user_id) AS users,"
                " coalesce(sum(refused), 0) AS refused,"
                " coalesce(sum(feedback = 'up'), 0) AS up,"
                f" coalesce(sum(feedback = 'down'), 0) AS down FROM questions {where}",
                args,
            ).fetchone()
            latencies = [
                r[0] for r in self._db.execute(f"SELECT latency_ms FROM questions {where}", args)
            ]
        p50, p95 = _percentiles(latencies)
        return Stats(
            row["questions"], row["users"], row["refused"], row["up"], row["down"], p50, p95
        )

    def downvoted(self, with_reason_only: bool = True) -> Iterator[Record]:
        """The 👎 records, oldest first."""
        query = "SELECT * FROM questions WHERE feedback = 'down'"
        if with_reason_only:
            query += " AND reason IS NOT NULL AND reason != ''"
        with self._lock:
            rows = self._db.execute(query + " ORDER BY id").fetchall()
        return (_record(r) for r in rows)


def candidate_gold(record: Record) -> dict[str, Any]:
    """A 👎 as a gold item (DESIGN.md schema) for an analyst to finish: `answer`, `answerable`
    and `evidence` are left null; doc/section/footnote are the bot's first source, a hint only;
    the fields after `type` say where the item came from."""
    sources = record.citations or record.related
    first = sources[0] if sources else None
    return {
        "id": f"fb{record.id:06d}",
        "question": record.question,
        "answer": None,
        "answerable": None,
        "evidence": None,
        "doc": first.doc if first else None,
        "section": first.section if first else None,
        "footnote": first.footnote if first else None,
        "type": "footnote_number" if first and first.footnote else "body_number",
        "source": "telegram_feedback",
        "reason": record.reason,
        "bot_answer": record.answer,
        "bot_refused": record.refused,
        "bot_chunk_ids": record.chunk_ids,
        "periods": record.periods,
        "asked_at": record.asked_at,
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def since_days(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def _dump(citations: list[Citation]) -> str:
    return json.dumps(
        [{f: getattr(c, f) for f in _CITATION_FIELDS} for c in citations], ensure_ascii=False
    )


def _load(text: str) -> list[Citation]:
    return [Citation(**item) for item in json.loads(text)]


def _record(row: sqlite3.Row) -> Record:
    return Record(
        id=row["id"],
        asked_at=row["asked_at"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        chat_type=row["chat_type"],
        typed=row["typed"],
        question=row["question"],
        answer=row["answer"],
        refused=bool(row["refused"]),
        chunk_ids=json.loads(row["chunk_ids"]),
        citations=_load(row["citations"]),
        related=_load(row["related"]),
        periods=json.loads(row["periods"]),
        latency_ms=row["latency_ms"],
        mode=row["mode"],
        feedback=row["feedback"],
        reason=row["reason"],
    )


def _percentiles(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    if len(values) == 1:
        return values[0], values[0]
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), cuts[18]
