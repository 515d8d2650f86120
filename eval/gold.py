"""The gold set: load a JSON Lines file of question-answer pairs and check its schema.

The schema is DESIGN.md's, with the extensions eval/GOLD.md documents: `evidence` and `doc` may
be lists (one entry per passage a `multi_hop` item needs), and `split` is `dev` or `test`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rag.errors import BaocaoError
from rag.settings import PROJECT_ROOT

DEFAULT_GOLD = PROJECT_ROOT / "eval" / "gold.jsonl"
REWORDED = PROJECT_ROOT / "eval" / "reworded.jsonl"  # the dev facts asked in other words
BLIND = PROJECT_ROOT / "eval" / "blind.jsonl"  # questions written blind to the pipeline
# Two reports no change was tuned on, written in the corpus's form, and questions on them.
UNSEEN = PROJECT_ROOT / "eval" / "unseen" / "gold.jsonl"
UNSEEN_REPORTS = PROJECT_ROOT / "eval" / "unseen" / "reports"

TYPES = (
    "body_number",
    "footnote_number",
    "list",
    "paraphrase",
    "which_doc_period",
    "multi_hop",
    "unanswerable",
)
SPLITS = ("dev", "test")
Split = Literal["dev", "test", "all"]

_FIELDS = (
    "id",
    "question",
    "answer",
    "answerable",
    "evidence",
    "doc",
    "section",
    "footnote",
    "type",
)


class GoldError(BaocaoError):
    """A gold file that cannot be read or does not follow the schema."""


@dataclass(frozen=True)
class GoldItem:
    """One question with its expected answer and the corpus spans that hold it."""

    id: str
    question: str
    answer: str
    answerable: bool
    evidence: tuple[str, ...]  # every span an answer needs (two for a multi_hop item)
    docs: tuple[str, ...]  # the document of each span, in the same order
    section: str | None
    footnote: int | None
    type: str
    split: str | None

    @property
    def list_items(self) -> list[str]:
        """The entries of a `list` answer ("a; b; c")."""
        return [part.strip() for part in self.answer.split(";") if part.strip()]


def _as_tuple(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise GoldError(f"{where}: '{field}' must be a non-empty string or list of strings")
    return tuple(values)


def parse_item(record: Any, where: str) -> GoldItem:
    """Check one decoded line against the schema and turn it into a GoldItem."""
    if not isinstance(record, dict):
        raise GoldError(f"{where}: expected a JSON object")
    missing = [f for f in _FIELDS if f not in record]
    if missing:
        raise GoldError(f"{where}: missing field(s) {', '.join(missing)}")
    for name in ("id", "question"):
        if not isinstance(record[name], str) or not record[name].strip():
            raise GoldError(f"{where}: '{name}' must be a non-empty string")
    if not isinstance(record["answer"], str):
        raise GoldError(f"{where}: 'answer' must be a string")
    if not isinstance(record["answerable"], bool):
        raise GoldError(f"{where}: 'answerable' must be true or false")
    kind = record["type"]
    if kind not in TYPES:
        raise GoldError(f"{where}: unknown type {kind!r} (expected one of {', '.join(TYPES)})")
    split = record.get("split")
    if split is not None and split not in SPLITS:
        raise GoldError(f"{where}: 'split' must be 'dev' or 'test', got {split!r}")
    footnote = record["footnote"]
    if footnote is not None and (not isinstance(footnote, int) or isinstance(footnote, bool)):
        raise GoldError(f"{where}: 'footnote' must be an integer or null")
    evidence = _as_tuple(record["evidence"], "evidence", where)
    docs = _as_tuple(record["doc"], "doc", where)
    answerable = record["answerable"]
    if answerable != (kind != "unanswerable"):
        raise GoldError(f"{where}: 'answerable' must be false exactly for unanswerable items")
    if answerable:
        if not evidence or not docs or not record["answer"].strip():
            raise GoldError(f"{where}: an answerable item needs an answer, evidence and doc")
        if len(docs) not in (1, len(evidence)):
            raise GoldError(f"{where}: 'doc' must name one document or one per evidence span")
        if kind == "multi_hop" and len(evidence) < 2:
            raise GoldError(f"{where}: a multi_hop item needs at least two evidence spans")
    elif evidence or docs:
        raise GoldError(f"{where}: an unanswerable item has null evidence and doc")
    if len(docs) == 1 and len(evidence) > 1:
        docs = docs * len(evidence)
    return GoldItem(
        id=record["id"],
        question=record["question"],
        answer=record["answer"],
        answerable=answerable,
        evidence=evidence,
        docs=docs,
        section=record["section"],
        footnote=footnote,
        type=kind,
        split=split,
    )


def load_gold(path: Path = DEFAULT_GOLD, split: Split = "all") -> list[GoldItem]:
    """Read and validate a gold file; keep the items of `split` ("all": every item).

    Items without a `split` field belong to every split.
    """
    if split not in (*SPLITS, "all"):
        raise GoldError(f"unknown split {split!r} (expected dev, test or all)")
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GoldError(f"{path}: no such gold file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from exc
    items: list[GoldItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not valid JSON ({exc.msg})") from exc
        item = parse_item(record, where)
        if item.id in seen:
            raise GoldError(f"{where}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise GoldError(f"{path}: no gold items")
    chosen = [i for i in items if split == "all" or i.split in (None, split)]
    if not chosen:
        raise GoldError(f"{path}: no items in split {split!r}")
    return chosen
