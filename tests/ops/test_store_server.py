"""Chroma server mode for real: a `chroma run` server started here, ingestion and questions
through `chromadb.HttpClient`, a restart of the server, and readers in other processes (with
their own data dirs or the writer's) answering alike and moving to a new version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.uploads import open_library
from rag.assistant import Assistant
from rag.components import make_dense_index, make_ingestor
from rag.embed import HashingEmbedding
from rag.errors import ReadOnlyIndexError
from rag.lexical import LexicalIndex, current_version
from rag.manifest import Manifest
from rag.settings import ChromaSettings, Settings
from tests.conftest import CORPUS, SEEDS
from tests.ops.chroma_server import ChromaServer

QUESTIONS = [
    "Tổng thu ngân sách nhà nước 11 tháng năm 2017?",
    "tong thu ngan sach 11 thang 2023",
    "Vốn ODA giải ngân 11 tháng năm 2017",
    "Giá vàng ở Paris năm 2023?",
]
Q2020 = "Tổng thu ngân sách nhà nước 6 tháng đầu năm 2020?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    chroma = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "db")
    chroma.start()
    try:
        yield chroma
    finally:
        chroma.stop()


def server_settings(server: ChromaServer, root: Path, name: str, collection: str) -> Settings:
    corpus = root / "corpus"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for year in ("2017", "2023"):
            shutil.copy(CORPUS / SEEDS[year], corpus / SEEDS[year])
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=root / name,
        corpus_dir=corpus,
        chroma=ChromaSettings(host="127.0.0.1", port=server.port, collection=collection),
    )


def answers(assistant: Assistant) -> list[tuple[str, bool, list[str]]]:
    out = []
    for question in QUESTIONS:
        answer = assistant.ask(question)
        out.append((answer.answer, answer.refused, [c.chunk_id for c in answer.citations]))
    return out


def test_ingest_ask_restart_ask(server: ChromaServer, tmp_path: Path) -> None:
    settings = server_settings(server, tmp_path, "writer", "restart")
    assistant = Assistant.open(settings, embedder=HashingEmbedding())
    assert assistant.dense.shared
    assert not (settings.data_dir / "chroma").exists()  # nothing embedded on this side
    manifest = Manifest.load(settings.data_dir / "manifest.json")
    assert assistant.dense.count() == manifest.chunk_count() > 0
    state = assistant.dense.state()
    assert state.stamp == manifest.stamp == assistant.version and not state.writing
    assert state.model == "hashing"
    before = answers(assistant)
    assert "5.775 tỷ đồng" in before[0][0] and not before[0][1]

    server.restart()  # the same folder, the same port: the index is the server's

    assert answers(assistant) == before
    again = Assistant.open(settings, embedder=HashingEmbedding())  # a restarted bot
    assert answers(again) == before


def _ask_in_process(settings: Settings, cwd: Path) -> list[dict[str, object]]:
    """`baocao ask --jsonl` in a process of its own: what a second bot process would load."""
    questions = cwd / "questions.jsonl"
    questions.write_text(
        "".join(json.dumps({"question": q}, ensure_ascii=False) + "\n" for q in QUESTIONS),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "BAOCAO_DATA_DIR": str(settings.data_dir),
        "BAOCAO_CORPUS_DIR": str(settings.corpus_dir),
        "BAOCAO_CHROMA__HOST": "127.0.0.1",
        "BAOCAO_CHROMA__PORT": str(settings.chroma.port),
        "BAOCAO_CHROMA__COLLECTION": settings.chroma.collection,
        "BAOCAO_EMBEDDING__MODEL": "hashing",
        "ANONYMIZED_TELEMETRY": "False",
    }
    baocao = Path(sys.executable).with_name("baocao")
    run = subprocess.run(
        [str(baocao), "ask", "--jsonl", str(questions)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    for line in lines:
        line.pop("latency_ms")
    return lines


def test_two_processes_over_one_server_answer_alike(server: ChromaServer, tmp_path: Path) -> None:
    writer = server_settings(server, tmp_path, "writer", "alike")
    make_ingestor(writer, HashingEmbedding()).ingest([writer.corpus_dir])
    # One reader shares the writer's data dir; the other has an empty one of its own and
    # rebuilds its lexical copy from the server's documents.
    reader = writer.model_copy(update={"data_dir": tmp_path / "reader"})
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    shared = _ask_in_process(writer, tmp_path / "one")
    own = _ask_in_process(reader, tmp_path / "two")
    assert own == shared
    assert not any(a["refused"] for a in shared[:3]) and shared[3]["refused"]
    assert not (reader.data_dir / "manifest.json").exists()  # readers never write the index
    assert (
        current_version(reader.data_dir / "lexical")
        == Manifest.load(writer.data_dir / "manifest.json").stamp
    )
    ids = set(LexicalIndex.load(reader.data_dir / "lexical").ids())
    assert ids == set(make_dense_index(writer).ids())


def test_a_reader_elsewhere_moves_to_the_new_version(server: ChromaServer, tmp_path: Path) -> None:
    writer = server_settings(server, tmp_path, "writer", "moves")
    ingestor = make_ingestor(writer, HashingEmbedding())
    ingestor.ingest([writer.corpus_dir])
    reader = Assistant.open(
        writer.model_copy(update={"data_dir": tmp_path / "reader"}), embedder=HashingEmbedding()
    )
    old = reader.version
    assert reader.ask(Q2020).refused  # no report of 2020 yet
    assert not reader.refresh()

    # A change in progress: the reader keeps its snapshot, and the new chunks the server
    # already holds never reach an answer.
    shutil.copy(CORPUS / SEEDS["2020"], writer.corpus_dir / SEEDS["2020"])
    ingestor.dense.mark_writing()
    from rag.chunk import Chunker
    from rag.readers import load_source, parse_source

    nodes = Chunker().chunk(parse_source(load_source(writer.corpus_dir / SEEDS["2020"])))
    for node in nodes:
        node.embedding = HashingEmbedding().get_text_embedding(node.text)
    ingestor.dense.replace_doc(SEEDS["2020"], nodes)
    assert not reader.refresh() and reader.version == old
    vector = nodes[3].embedding
    assert vector is not None
    stored = [n.node_id for n, _ in ingestor.dense.search(vector, 5)]
    assert stored[0] == nodes[3].node_id  # the server has it...
    seen = [n.node_id for n, _ in reader._view.retriever.dense.search(vector, 5)]
    assert seen == [i for i in stored if not i.startswith(SEEDS["2020"])]  # ...the reader not
    assert reader.ask(Q2020).refused

    ingestor.ingest([writer.corpus_dir])  # the writer finishes (and commits) the change
    assert reader.refresh() and reader.version != old
    assert reader.version == ingestor.dense.state().stamp
    answer = reader.ask(Q2020)
    assert not answer.refused and answer.citations[0].doc == SEEDS["2020"]


def test_a_read_only_reader_never_writes_the_servers_index(
    server: ChromaServer, tmp_path: Path
) -> None:
    writer = server_settings(server, tmp_path, "writer", "readonly")
    reader = writer.model_copy(
        update={
            "data_dir": tmp_path / "reader",
            "chroma": writer.chroma.model_copy(update={"read_only": True}),
        }
    )
    # Before the writer has built the index: the reader says so instead of building it.
    with pytest.raises(ReadOnlyIndexError, match=r"holds no index yet.*baocao ingest"):
        Assistant.open(reader, embedder=HashingEmbedding())
    assert make_dense_index(writer).count() == 0
    with pytest.raises(ReadOnlyIndexError, match="where the writer runs"):
        make_ingestor(reader, HashingEmbedding())

    make_ingestor(writer, HashingEmbedding()).ingest([writer.corpus_dir])
    assistant = Assistant.open(reader, embedder=HashingEmbedding())
    assert "5.775 tỷ đồng" in assistant.ask(QUESTIONS[0]).answer
    assert open_library(reader, assistant) is None  # its bot refuses uploads and /xoa
    assert open_library(writer, assistant) is not None
