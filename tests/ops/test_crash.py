"""Crash safety: ingestion killed with SIGKILL at random points, in a bounded loop of runs.

Each run changes the corpus a little (a report edited, removed, or put back), starts an
ingestion in a process of its own and kills it after a random delay within the time a whole
ingestion takes. Most runs are followed by an ingestion that must complete; every third one is
not, so the next kill can land in the recovery of the previous one. After every completed
ingestion the index must equal a clean build of the same corpus in an empty data dir: the same
chunk ids, the same count, no duplicates, the same texts, metadata and vectors, the lexical
index and the manifest in step, every vector findable, no journal or stale version left.

BAOCAO_CRASH_RUNS (default 10) and BAOCAO_CRASH_SEED (default 7) change the loop.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from eval.bench import perturb_figures
from rag.chunk import Chunker
from rag.embed import HashingEmbedding
from rag.ingest import Ingestor, writer_busy
from rag.lexical import LexicalIndex, current_version
from rag.manifest import Manifest
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client
from tests.conftest import CORPUS, SEEDS

RUNS = int(os.environ.get("BAOCAO_CRASH_RUNS", "10"))
SEED = int(os.environ.get("BAOCAO_CRASH_SEED", "7"))
DOCS = [SEEDS["2017"], SEEDS["2020"], SEEDS["2022"]]


@dataclass(frozen=True)
class Snapshot:
    """Everything an index holds, comparable between two data dirs."""

    dense_ids: list[str]
    dense_count: int
    documents: dict[str, str]
    metadatas: dict[str, dict[str, object]]
    embeddings: dict[str, np.ndarray]
    lexical: dict[str, str]
    manifest: dict[str, tuple[str, list[str]]]


def ingestor_for(settings: Settings) -> Ingestor:
    """An ingestor with a store opened afresh (another process wrote it meanwhile)."""
    dense = DenseIndex(
        chroma_client(settings, fresh=True),
        settings.chroma.collection,
        reopen=partial(chroma_client, settings, fresh=True),
    )
    return Ingestor(settings.data_dir, HashingEmbedding(), dense, Chunker())


def snapshot(settings: Settings) -> Snapshot:
    ingestor = ingestor_for(settings)
    got = ingestor.dense.collection.get(include=["documents", "metadatas", "embeddings"])
    ids = list(got["ids"])
    lexical = LexicalIndex.load(settings.data_dir / "lexical")
    manifest = Manifest.load(settings.data_dir / "manifest.json")
    return Snapshot(
        dense_ids=ids,
        dense_count=ingestor.dense.count(),
        documents=dict(zip(ids, got["documents"], strict=True)),
        metadatas=dict(zip(ids, got["metadatas"], strict=True)),
        embeddings={i: np.asarray(e) for i, e in zip(ids, got["embeddings"], strict=True)},
        lexical={n.node_id: n.to_json() for n in lexical.nodes()},
        manifest={d: (e.sha256, e.chunk_ids) for d, e in manifest.docs.items()},
    )


def check_health(settings: Settings, clean: Snapshot) -> None:
    """The index under `settings` equals the clean build, and nothing is left over."""
    got = snapshot(settings)
    assert len(got.dense_ids) == len(set(got.dense_ids)) == got.dense_count, "duplicates"
    assert sorted(got.dense_ids) == sorted(clean.dense_ids)
    assert got.documents == clean.documents
    assert got.metadatas == clean.metadatas
    for chunk_id, vector in clean.embeddings.items():
        assert np.allclose(got.embeddings[chunk_id], vector, atol=1e-6), chunk_id
    assert got.lexical == clean.lexical
    assert got.manifest == clean.manifest
    # The vector index answers for every vector (not only the rows Chroma keeps in SQLite).
    ingestor = ingestor_for(settings)
    ids = sorted(clean.embeddings)
    found = ingestor.dense.collection.query(
        query_embeddings=[clean.embeddings[i].tolist() for i in ids],
        n_results=1,
        include=["distances"],
    )
    for chunk_id, distances in zip(ids, found["distances"], strict=True):
        assert distances[0] < 1e-4, f"{chunk_id} is not in the vector index"
    # Versions in step, nothing half-done left.
    lexical_dir = settings.data_dir / "lexical"
    stamp = Manifest.load(settings.data_dir / "manifest.json").stamp
    assert current_version(lexical_dir) == stamp == ingestor.dense.state().stamp
    assert not ingestor.dense.state().writing
    assert not (settings.data_dir / "journal.json").exists()
    assert not writer_busy(settings.data_dir)
    leftovers = [p.name for p in lexical_dir.iterdir() if p.name != "CURRENT"]
    assert len(leftovers) <= 2 and all(p.startswith("v-") for p in leftovers), leftovers


def clean_build(corpus: Path, root: Path) -> Snapshot:
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus)  # type: ignore[call-arg]
    result = ingestor_for(settings).ingest([corpus])
    assert not result.failures
    return snapshot(settings)


def mutate(corpus: Path, rng: random.Random, run: int) -> str:
    """Change the corpus a little, or a lot; returns what was done."""
    present = sorted(p.name for p in corpus.iterdir())
    missing = [d for d in DOCS if d not in present]
    choice = rng.choice(["edit all", "edit all", "edit one", "remove", "restore", "same"])
    if choice == "remove" and len(present) > 1:
        victim = rng.choice(present)
        (corpus / victim).unlink()
        return f"removed {victim}"
    if choice == "restore" and missing:
        back = rng.choice(missing)
        shutil.copy(CORPUS / back, corpus / back)
        return f"restored {back}"
    if choice == "same":
        return "unchanged"
    victims = present if choice == "edit all" else [rng.choice(present)]
    for victim in victims:
        text = (CORPUS / victim).read_text(encoding="utf-8")
        (corpus / victim).write_text(perturb_figures(text, seed=run), encoding="utf-8")
    return f"edited {', '.join(victims)}"


def start_child(settings: Settings) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "BAOCAO_DATA_DIR": str(settings.data_dir),
        "BAOCAO_CORPUS_DIR": str(settings.corpus_dir),
        "BAOCAO_EMBEDDING__MODEL": "hashing",
        "ANONYMIZED_TELEMETRY": "False",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ops.ingest_child"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "ready", (line, child.stderr.read() if child.stderr else "")
    return child


def test_sigkill_at_random_points_then_the_next_ingestion_repairs(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc in DOCS:
        shutil.copy(CORPUS / doc, corpus / doc)
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus)  # type: ignore[call-arg]

    # When a whole ingestion in a child starts writing (its journal appears) and when it ends,
    # from "ready": kills are spread from a little before the writes to the end.
    timing = Settings(_env_file=None, data_dir=tmp_path / "timing", corpus_dir=corpus)  # type: ignore[call-arg]
    child = start_child(timing)
    started = time.monotonic()
    writes_at = None
    while child.poll() is None:
        if writes_at is None and (timing.data_dir / "journal.json").exists():
            writes_at = time.monotonic() - started
        time.sleep(0.005)
    window = time.monotonic() - started
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0 and out.strip() == "done", err
    earliest = 0.7 * (writes_at or 0.0)

    killed = finished = journals = 0
    log = []
    for run in range(RUNS):
        change = mutate(corpus, rng, run)
        delay = rng.uniform(earliest, window)
        child = start_child(settings)
        time.sleep(delay)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        else:
            finished += 1
        child.wait(timeout=30)
        journal = (settings.data_dir / "journal.json").exists()
        journals += journal
        log.append(f"run {run}: {change}; kill after {delay:.2f} s; journal left: {journal}")
        if run % 3 == 2 and run != RUNS - 1:
            continue  # the next run starts on what this one left
        # The next ingestion, as in production: a process of its own, run to its end.
        child = start_child(settings)
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0 and out.strip() == "done", (log, err[-2000:])
        root = tmp_path / f"clean-{run}"
        check_health(settings, clean_build(corpus, root))
        shutil.rmtree(root)
    print(
        f"\nwrites start {writes_at or 0:.2f} s into a {window:.2f} s ingestion; "
        f"{RUNS} runs, {killed} killed mid-ingestion ({journals} while writing the stores), "
        f"{finished} finished first:"
    )
    print("\n".join(log))
    # the kills did land inside ingestions (a loaded machine stretches them: not all do)
    assert killed >= RUNS // 3, log
