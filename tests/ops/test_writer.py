"""One writer at a time, and readers that move to a finished ingestion without a restart and
never serve a half-written one (embedded store; the server's case is in test_store_server)."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from llama_index.core.schema import TextNode

from rag.assistant import Assistant
from rag.chunk import Chunker
from rag.embed import HashingEmbedding
from rag.errors import IndexBusyError
from rag.ingest import Ingestor, writer_busy
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client
from tests.bot.fake_telegram import visible_text
from tests.bot.harness import ALICE, record_id, running_bot
from tests.conftest import CORPUS, SEEDS

Q2020 = "Tổng thu ngân sách nhà nước 6 tháng đầu năm 2020?"
Q2017 = "Tổng thu ngân sách nhà nước 11 tháng năm 2017?"
HOLD_LOCK = """
import sys, time
from pathlib import Path
from rag.ingest import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


def env_for(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "BAOCAO_DATA_DIR": str(settings.data_dir),
        "BAOCAO_CORPUS_DIR": str(settings.corpus_dir),
        "BAOCAO_EMBEDDING__MODEL": "hashing",
        "ANONYMIZED_TELEMETRY": "False",
    }


def baocao(*args: str, settings: Settings, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("baocao")), *args]
    return subprocess.run(
        command, cwd=cwd, env=env_for(settings), capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def small(settings: Settings) -> Settings:
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(CORPUS / SEEDS["2017"], settings.corpus_dir / SEEDS["2017"])
    return settings


def test_a_second_writer_process_fails_at_once(small: Settings, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(small.data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=env_for(small),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert writer_busy(small.data_dir)
        started = time.monotonic()
        run = baocao("ingest", settings=small, cwd=tmp_path)
        elapsed = time.monotonic() - started
        assert run.returncode == 1
        assert f"another ingestion (process {holder.pid}) is writing the index" in run.stderr
        assert "Traceback" not in run.stderr
        assert holder.poll() is None  # it failed while the first writer was still at work
        assert elapsed < 30, elapsed  # the time to start Python, not to wait for the lock
        assert not (small.data_dir / "manifest.json").exists()
        with pytest.raises(IndexBusyError):
            Assistant.open(small, embedder=HashingEmbedding())  # would build: a writer too
    finally:
        holder.kill()
        holder.wait()
    assert not writer_busy(small.data_dir)  # a dead holder leaves no lock behind
    assert baocao("ingest", settings=small, cwd=tmp_path).returncode == 0


def test_a_reader_moves_to_another_process_s_ingestion(small: Settings, tmp_path: Path) -> None:
    assistant = Assistant.open(small, embedder=HashingEmbedding())
    old = assistant.version
    assert assistant.ask(Q2020).refused
    assert not assistant.refresh()
    shutil.copy(CORPUS / SEEDS["2020"], small.corpus_dir / SEEDS["2020"])
    run = baocao("ingest", settings=small, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert assistant.ask(Q2020).refused  # until it refreshes, the old version is served
    assert assistant.refresh() and assistant.version not in (None, old)
    answer = assistant.ask(Q2020)
    assert not answer.refused and answer.citations[0].doc == SEEDS["2020"]
    # The store was opened again: the new chunks are found by their vectors too.
    hits = assistant.retrieve(Q2020)
    assert any(h.dense is not None and h.node.metadata["doc"] == SEEDS["2020"] for h in hits)
    assert not assistant.refresh()


class PausingDense(DenseIndex):
    """Stops after writing a document's chunks until told to go on."""

    def __init__(self, client: object, collection: str) -> None:
        super().__init__(client, collection)
        self.written = threading.Event()
        self.go_on = threading.Event()

    def replace_doc(self, doc: str, nodes: list[TextNode]) -> None:
        super().replace_doc(doc, nodes)
        self.written.set()
        assert self.go_on.wait(30)


def test_a_half_written_ingestion_is_never_served(small: Settings) -> None:
    assistant = Assistant.open(small, embedder=HashingEmbedding())
    before = assistant.ask(Q2017)
    dense = PausingDense(chroma_client(small), small.chroma.collection)
    ingestor = Ingestor(small.data_dir, HashingEmbedding(), dense, Chunker())
    shutil.copy(CORPUS / SEEDS["2020"], small.corpus_dir / SEEDS["2020"])
    edited = small.corpus_dir / SEEDS["2017"]
    edited.write_text(edited.read_text().replace("5.775 tỷ đồng", "5.999 tỷ đồng"))
    writer = threading.Thread(target=ingestor.ingest, args=([small.corpus_dir],))
    writer.start()
    try:
        assert dense.written.wait(30)
        # The store holds part of the change (same process, same Chroma system): the
        # assistant keeps serving the committed version, whole.
        assert not assistant.refresh()
        during = assistant.ask(Q2017)
        assert during.answer == before.answer and "5.999" not in during.answer
        assert assistant.ask(Q2020).refused
    finally:
        dense.go_on.set()
        writer.join(30)
    assert assistant.refresh()
    assert "5.999 tỷ đồng" in assistant.ask(Q2017).answer
    assert not assistant.ask(Q2020).refused


async def test_the_running_bot_answers_from_a_new_ingestion(
    small: Settings, tmp_path: Path
) -> None:
    assistant = Assistant.open(small, embedder=HashingEmbedding())
    old = assistant.version
    async with running_bot(assistant, tmp_path, index_check_s=0.2) as bot:
        replies = await bot.ask(ALICE, Q2020)
        record = bot.records().get(record_id(replies[-1]))
        assert record is not None and record.refused
        shutil.copy(CORPUS / SEEDS["2020"], small.corpus_dir / SEEDS["2020"])
        run = await asyncio.to_thread(baocao, "ingest", settings=small, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        deadline = time.monotonic() + 10
        while assistant.version == old and time.monotonic() < deadline:
            await asyncio.sleep(0.1)  # the bot's watcher notices within 0.2 s
        assert assistant.version != old
        replies = await bot.ask(ALICE, Q2020)
        record = bot.records().get(record_id(replies[-1]))
        assert record is not None and not record.refused
        assert record.citations[0].doc == SEEDS["2020"]
        expected = assistant.ask(Q2020).answer.split("\n")[0][:40]
        assert visible_text(replies[0].params["text"]).startswith(expected)
