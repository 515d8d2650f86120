"""`baocao doctor`: is this installation able to answer? (registered by baocao/cli.py)

It checks, in order, and prints one line per check with a verdict at the end:
- settings: they load; the data and corpus folders; the store; the embedding model;
- index health: the manifest, the lexical index and the Chroma collection exist, were built
  with the configured model, hold the same chunk ids (so the same count), and carry the same
  version stamp; no change was left half-done by a crash (a journal) and no writer is busy;
- Telegram: the token is set and Telegram (`BAOCAO_TELEGRAM__BASE_URL`) accepts it (getMe),
  and someone is allowed to ask;
- the LLM endpoint, when one is configured, answers (without it answers stay extractive).

A failed check makes the exit code 1 ("NOT healthy"); a warning does not. `--offline` skips
the checks that reach Telegram and the LLM (the image's HEALTHCHECK uses it). The token and
keys are never printed.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

OK, WARN, FAIL = "ok", "warn", "fail"
VECTOR_SAMPLE = 200  # vectors searched for by `doctor` (the image's health check runs it often)
_STYLE = {OK: "green", WARN: "yellow", FAIL: "red"}


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


class Report:
    """The checks made so far."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def add(self, name: str, status: str, detail: str) -> None:
        self.checks.append(Check(name, status, detail))

    @property
    def healthy(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def verdict(self) -> str:
        failed = sum(c.status == FAIL for c in self.checks)
        warned = sum(c.status == WARN for c in self.checks)
        if failed:
            return f"NOT healthy: {failed} problem(s), {warned} warning(s)"
        if warned:
            return f"healthy, with {warned} warning(s)"
        return "healthy"


# ---------------------------------------------------------------------------- the checks


def check_settings(report: Report) -> Any:
    """Load the settings; None when they cannot be."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from rag.settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        report.add("settings", FAIL, f"invalid BAOCAO_* settings: {problems}")
        return None
    except SettingsError as exc:  # a list setting that is not JSON fails before validation
        report.add("settings", FAIL, f"invalid BAOCAO_* settings: {_not_json(exc)}")
        return None
    store = (
        f"Chroma server {settings.chroma.host}:{settings.chroma.port}"
        if settings.chroma.host
        else f"embedded Chroma in {settings.data_dir / 'chroma'}"
    )
    llm = (
        f"LLM {settings.llm.model} at {settings.llm.base_url}"
        if settings.llm.enabled
        else "extractive answers (no LLM)"
    )
    report.add(
        "settings",
        OK,
        f"data {settings.data_dir}; {store}; embedding {settings.embedding.model}; {llm}",
    )
    data_dir: Path = settings.data_dir
    if data_dir.exists() and not data_dir.is_dir():
        report.add("data folder", FAIL, f"{data_dir} is not a folder")
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        report.add("corpus folder", WARN, f"{corpus} does not exist (nothing to ingest)")
    else:
        files = [p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")]
        report.add("corpus folder", OK if files else WARN, f"{corpus}: {len(files)} file(s)")
    return settings


def _not_json(exc: Exception) -> str:
    """pydantic-settings names only the section ("telegram") of a list setting it cannot
    parse: name the variables whose value is not JSON (never the values: one is the token)."""
    import os
    import re
    import typing

    from dotenv import dotenv_values

    from rag.settings import Settings

    match = re.search(r'field "(\w+)"', str(exc))
    section = match.group(1) if match else ""
    prefix = f"BAOCAO_{section.upper()}"
    field = Settings.model_fields.get(section)
    fields = getattr(field.annotation, "model_fields", {}) if field is not None else {}
    variables = dict(os.environ)
    env_file = Path(str(Settings.model_config.get("env_file") or ".env"))
    if env_file.is_file():
        from_file = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
        variables = {**from_file, **variables}
    names = []
    for name, value in variables.items():
        upper = name.upper()
        if upper.startswith(prefix + "__"):
            sub = fields.get(upper.removeprefix(prefix + "__").lower())
            if sub is None or typing.get_origin(sub.annotation) not in (list, dict, set, tuple):
                continue
        elif upper != prefix:
            continue
        try:
            json.loads(value)
        except ValueError:
            names.append(name)
    where = ", ".join(sorted(names)) or f"a {prefix}__* variable"
    return f"{where}: not valid JSON (a list is written [1, 2]) ({exc})"


def check_index(report: Report, settings: Any) -> None:
    """The manifest, the lexical index and Chroma agree."""
    from rag.ingest import JOURNAL_FILE, writer_busy
    from rag.lexical import LexicalIndex
    from rag.manifest import Journal, Manifest

    data_dir: Path = settings.data_dir
    busy = writer_busy(data_dir) if data_dir.is_dir() else False
    journal = Journal.load(data_dir / JOURNAL_FILE)
    if busy:
        report.add("writer", WARN, "an ingestion is running now: counts may differ until it ends")
    elif journal is not None:
        report.add(
            "writer",
            FAIL,
            f"a change to {len(journal.docs)} document(s) was interrupted: "
            "run `baocao ingest` to finish it",
        )
    else:
        report.add("writer", OK, "no ingestion running, none interrupted")
    mismatch = WARN if busy else FAIL

    manifest = Manifest.load(data_dir / "manifest.json")
    manifest_ids = {i for e in manifest.docs.values() for i in e.chunk_ids}
    lexical = LexicalIndex.load(data_dir / "lexical")
    lexical_ids = set(lexical.ids())
    dense = _dense_state(report, settings)
    if dense is None:
        return
    dense_ids, state = dense
    server = bool(settings.chroma.host)

    if not manifest.docs and not lexical_ids and not dense_ids:
        report.add("index", FAIL, "no index: run `baocao ingest` (the bot builds it at start)")
        return
    expected_model = _model_name(settings)
    models = {m for m in (manifest.model, state.get("model")) if m}
    if models and models != {expected_model}:
        report.add(
            "embedding model",
            FAIL,
            f"the index was built with {sorted(models)}, the settings use {expected_model!r}: "
            "run `baocao ingest` to rebuild it",
        )
    else:
        report.add("embedding model", OK, expected_model)

    counts = f"manifest {len(manifest_ids)}, lexical {len(lexical_ids)}, Chroma {len(dense_ids)}"
    if server and not manifest.docs:
        # A reader's data dir: the writer's manifest is elsewhere; lexical follows the server.
        agree = lexical_ids == dense_ids
        counts = (
            f"lexical {len(lexical_ids)}, Chroma {len(dense_ids)} (manifest kept by the writer)"
        )
    else:
        agree = manifest_ids == lexical_ids == dense_ids
    if agree:
        report.add("chunks", OK, f"{counts}: the same ids ({len(manifest.docs)} report(s))")
    else:
        detail = _difference(manifest_ids, lexical_ids, dense_ids, server and not manifest.docs)
        report.add("chunks", mismatch, f"{counts}: {detail}; run `baocao ingest` to repair")

    stamps = {"lexical": lexical.version}
    if manifest.docs:
        stamps["manifest"] = manifest.stamp or None
    if state.get("stamp"):
        stamps["Chroma"] = state["stamp"]
    known = {k: v for k, v in stamps.items() if v}
    if state.get("writing") and not busy:
        report.add("version", mismatch, "Chroma is marked as being written, but no writer runs")
    elif len(set(known.values())) > 1:
        shown = ", ".join(f"{k} {v}" for k, v in known.items())
        report.add("version", mismatch, f"versions differ: {shown}")
    else:
        report.add("version", OK, next(iter(known.values()), "(unversioned)"))


def _model_name(settings: Any) -> str:
    """The name the configured embedder records in the index, without loading the model."""
    from rag.embed import HashingEmbedding

    if settings.embedding.model == "hashing":
        return str(HashingEmbedding().model_name)
    return "multilingual-e5-small-q4"  # rag/embed.py E5Embedding


def _dense_state(report: Report, settings: Any) -> tuple[set[str], dict[str, Any]] | None:
    """Chroma's chunk ids and the collection's metadata, read without creating anything."""
    from rag.store import MODEL_KEY, STAMP_KEY, WRITING_KEY, chroma_client, unfindable

    where = (
        f"Chroma server {settings.chroma.host}:{settings.chroma.port}"
        if settings.chroma.host
        else "embedded Chroma"
    )
    if not settings.chroma.host and not (settings.data_dir / "chroma").is_dir():
        return set(), {}
    try:
        client = chroma_client(settings)
        client.heartbeat()
    except Exception as exc:
        report.add("chroma", FAIL, f"{where} unreachable: {type(exc).__name__}: {exc}")
        return None
    try:
        collection = client.get_collection(settings.chroma.collection)
    except Exception:
        report.add("chroma", OK, f"{where} reachable; no collection {settings.chroma.collection!r}")
        return set(), {}
    ids: set[str] = set()
    offset, page = 0, 5000
    while True:
        got = collection.get(include=[], limit=page, offset=offset)["ids"]
        ids.update(got)
        if len(got) < page:
            break
        offset += page
    count = int(collection.count())
    metadata = collection.metadata or {}
    state = {
        "stamp": metadata.get(STAMP_KEY),
        "model": metadata.get(MODEL_KEY),
        "writing": bool(metadata.get(WRITING_KEY)),
    }
    if count != len(ids):
        report.add("chroma", FAIL, f"{where}: count {count} but {len(ids)} distinct ids")
    else:
        report.add("chroma", OK, f"{where}: collection {settings.chroma.collection!r}, {count}")
    # A sample keeps the check quick on a large index; a crash loses vectors in bulk.
    sample = random.sample(sorted(ids), min(len(ids), VECTOR_SAMPLE))
    lost = unfindable(collection, sample) if sample else []
    if lost:
        report.add(
            "vectors",
            FAIL,
            f"{len(lost)} of {len(sample)} sampled vectors are not in the vector index "
            f"(e.g. {lost[0]}): run `baocao ingest` to rebuild it",
        )
    elif sample:
        report.add("vectors", OK, f"{len(sample)} sampled vectors all found by search")
    return ids, state


def _difference(manifest: set[str], lexical: set[str], dense: set[str], reader: bool) -> str:
    parts = []
    if not reader:
        if manifest - lexical:
            parts.append(f"{len(manifest - lexical)} in the manifest missing from lexical")
        if lexical - manifest:
            parts.append(f"{len(lexical - manifest)} in lexical not in the manifest")
        if manifest - dense:
            parts.append(f"{len(manifest - dense)} in the manifest missing from Chroma")
        if dense - manifest:
            parts.append(f"{len(dense - manifest)} in Chroma not in the manifest")
    else:
        parts.append(f"{len(lexical ^ dense)} ids differ between lexical and Chroma")
    example = sorted((manifest | lexical | dense) - (manifest & lexical & dense))[:3]
    return "; ".join(parts) + (f" (e.g. {', '.join(example)})" if example else "")


def check_telegram(report: Report, settings: Any, offline: bool) -> None:
    import httpx

    telegram = settings.telegram
    token = telegram.token.get_secret_value() if telegram.token is not None else ""
    if not token.strip():  # `BAOCAO_TELEGRAM__TOKEN=` as .env.example has it is not set either
        report.add("telegram", WARN, "BAOCAO_TELEGRAM__TOKEN is not set: the bot cannot start")
        return
    if not (telegram.allowed_user_ids or telegram.allowed_chat_ids):
        report.add("allowlist", WARN, "no user or chat is allowed: the bot refuses everyone")
    else:
        report.add(
            "allowlist",
            OK,
            f"{len(telegram.allowed_user_ids)} user(s), {len(telegram.allowed_chat_ids)} "
            f"chat(s), {len(telegram.admin_user_ids)} admin(s)",
        )
    if offline:
        return
    shown = _token_shown(token)
    try:
        response = httpx.get(f"{telegram.base_url}{token}/getMe", timeout=10.0)
        body = response.json() if response.content else {}
    except Exception as exc:
        message = str(exc).replace(token, "[REDACTED]")
        report.add(
            "telegram", FAIL, f"cannot reach {telegram.base_url}: {type(exc).__name__}: {message}"
        )
        return
    if response.status_code == 200 and body.get("ok"):
        bot = body.get("result", {})
        report.add(
            "telegram", OK, f"token {shown} accepted: @{bot.get('username')} ({bot.get('id')})"
        )
    else:
        why = str(body.get("description") or f"HTTP {response.status_code}").replace(
            token, "[REDACTED]"
        )
        report.add("telegram", FAIL, f"token {shown} refused by {telegram.base_url}: {why}")


def _token_shown(token: str) -> str:
    """The bot's id (the part before the colon), never the secret part. A token without
    the `<bot id>:<secret>` shape is all secret: nothing of it is shown."""
    bot_id, colon, _ = token.partition(":")
    if colon and bot_id.isdigit():
        return f"{bot_id}:…"
    return "(not of the form <bot id>:<secret>)"


def check_llm(report: Report, settings: Any, offline: bool) -> None:
    import httpx

    llm = settings.llm
    if not llm.enabled or offline:
        return
    headers = {"Authorization": f"Bearer {llm.api_key.get_secret_value()}"} if llm.api_key else {}
    url = llm.base_url.rstrip("/") + "/models"
    try:
        response = httpx.get(url, headers=headers, timeout=min(llm.timeout_s, 10.0))
    except Exception as exc:
        report.add(
            "llm", WARN, f"{url} unreachable ({type(exc).__name__}): answers stay extractive"
        )
        return
    status = OK if response.status_code == 200 else WARN
    report.add("llm", status, f"{url}: HTTP {response.status_code}")


def diagnose(offline: bool = False) -> Report:
    report = Report()
    settings = check_settings(report)
    if settings is None:
        return report
    try:
        check_index(report, settings)
    except Exception as exc:  # a damaged file, a store that refuses: a problem to report
        report.add("index", FAIL, f"cannot read the index: {type(exc).__name__}: {exc}")
    check_telegram(report, settings, offline)
    check_llm(report, settings, offline)
    return report


# ---------------------------------------------------------------------------- the command


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Skip the checks that reach Telegram and the LLM.")
    ] = False,
) -> None:
    """Check the settings, the index's health and the Telegram token; exit 1 if unhealthy."""
    report = diagnose(offline)
    if as_json:
        payload = {
            "healthy": report.healthy,
            "verdict": report.verdict(),
            "checks": [asdict(c) for c in report.checks],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        console = Console()
        for check in report.checks:
            style = _STYLE[check.status]
            console.print(
                f"[{style}]{check.status.upper():4}[/{style}] {check.name}: {escape(check.detail)}",
                highlight=False,
                soft_wrap=True,
            )
        style = "green" if report.healthy else "red"
        console.print(f"[bold {style}]verdict: {report.verdict()}[/bold {style}]")
    if not report.healthy:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the operations commands to the CLI."""
    app.command("doctor")(doctor)
