"""Incremental ingestion with a fast fake embedder and a real embedded Chroma store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.chunk import Chunker
from rag.errors import IndexBusyError
from rag.ingest import Ingestor, writer_lock
from rag.lexical import LexicalIndex
from rag.manifest import Manifest
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client
from tests.conftest import CORPUS, SEEDS, seed_text
from tests.fakes import CountingEmbedding, FailingEmbedding, encode_cp1258


def make_ingestor(settings: Settings, embedder: CountingEmbedding | None = None) -> Ingestor:
    return Ingestor(
        data_dir=settings.data_dir,
        embedder=embedder or CountingEmbedding(),
        dense=DenseIndex(chroma_client(settings), settings.chroma.collection),
        chunker=Chunker(settings.chunking.max_words),
    )


def index_state(ingestor: Ingestor) -> tuple[set[str], set[str], set[str]]:
    manifest = Manifest.load(ingestor.manifest_path)
    manifest_ids = {i for e in manifest.docs.values() for i in e.chunk_ids}
    lexical = LexicalIndex.load(ingestor.lexical_dir)
    return set(ingestor.dense.ids()), set(lexical.ids()), manifest_ids


@pytest.fixture
def corpus(settings: Settings) -> Path:
    folder = settings.corpus_dir
    folder.mkdir(parents=True)
    for name in (SEEDS["2020"], SEEDS["2022"]):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_ingest_then_reingest_unchanged_embeds_nothing(settings: Settings, corpus: Path) -> None:
    embedder = CountingEmbedding()
    ingestor = make_ingestor(settings, embedder)
    first = ingestor.ingest([corpus])
    assert sorted(first.added) == sorted([SEEDS["2020"], SEEDS["2022"]])
    assert first.chunks_embedded == embedder.passages > 0
    dense, lexical, manifest = index_state(ingestor)
    assert dense == lexical == manifest and len(dense) == first.chunks_embedded

    embedder.passages = 0
    again = make_ingestor(settings, embedder).ingest([corpus])
    assert embedder.passages == 0 and again.chunks_embedded == 0
    assert sorted(again.unchanged) == sorted(first.added) and not again.changed


def test_edited_file_leaves_no_stale_chunk(settings: Settings, corpus: Path) -> None:
    ingestor = make_ingestor(settings)
    ingestor.ingest([corpus])
    path = corpus / SEEDS["2020"]
    edited = path.read_text().replace("3.042,3 tỷ đồng", "3.999,9 tỷ đồng")
    edited = edited.replace("(12) Cấp ủy, chính quyền", "Cấp ủy, chính quyền")  # one item fewer
    path.write_text(edited)
    result = ingestor.ingest([corpus])
    assert result.updated == [SEEDS["2020"]] and result.unchanged == [SEEDS["2022"]]
    dense, lexical, manifest = index_state(ingestor)
    assert dense == lexical == manifest
    texts = [n.text for n in LexicalIndex.load(ingestor.lexical_dir).nodes()]
    assert any("3.999,9 tỷ đồng" in t for t in texts)
    assert not any("3.042,3 tỷ đồng" in t for t in texts)
    docs = ingestor.dense.collection.get(include=["documents"])["documents"]
    assert not any("3.042,3 tỷ đồng" in d for d in docs)


def test_deleted_file_is_removed_from_the_index(settings: Settings, corpus: Path) -> None:
    ingestor = make_ingestor(settings)
    ingestor.ingest([corpus])
    (corpus / SEEDS["2022"]).unlink()
    result = ingestor.ingest([corpus])
    assert result.removed == [SEEDS["2022"]]
    dense, lexical, manifest = index_state(ingestor)
    assert dense == lexical == manifest
    assert not any(i.startswith(SEEDS["2022"]) for i in dense)
    assert ingestor.dense.ids(SEEDS["2022"]) == []


def test_ingesting_another_folder_keeps_the_corpus(
    settings: Settings, corpus: Path, tmp_path: Path
) -> None:
    ingestor = make_ingestor(settings)
    ingestor.ingest([corpus])
    other = tmp_path / "new"
    other.mkdir()
    shutil.copy(CORPUS / SEEDS["2017"], other / SEEDS["2017"])
    result = ingestor.ingest([other])
    assert result.added == [SEEDS["2017"]] and result.removed == []
    assert len(Manifest.load(ingestor.manifest_path).docs) == 3


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("scan.txt", b"%PDF-1.4\x00\x00\x01binary", "binary"),
        ("garbled.txt", bytes(range(128, 256)) * 8, "cannot decode"),
        ("report.odt", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_fail_by_name_and_nothing_is_stored(
    settings: Settings, corpus: Path, name: str, data: bytes, reason: str
) -> None:
    ingestor = make_ingestor(settings)
    ingestor.ingest([corpus])
    before = index_state(ingestor)
    (corpus / name).write_bytes(data)
    result = ingestor.ingest([corpus])
    assert [f.path.name for f in result.failures] == [name]
    assert reason in str(result.failures[0])
    assert index_state(ingestor) == before
    assert name not in Manifest.load(ingestor.manifest_path).docs


def test_embedding_failure_stores_no_partial_copy(settings: Settings, corpus: Path) -> None:
    poisoned = corpus / "poisoned.txt"
    text = seed_text("2017").replace("Đàn gia súc phát triển ổn định", "POISON Đàn gia súc")
    poisoned.write_text(text)
    ingestor = make_ingestor(settings, FailingEmbedding())
    result = ingestor.ingest([corpus])
    assert [f.path.name for f in result.failures] == ["poisoned.txt"]
    assert "embedding failed" in str(result.failures[0])
    assert sorted(result.added) == sorted([SEEDS["2020"], SEEDS["2022"]])
    dense, lexical, manifest = index_state(ingestor)
    assert dense == lexical == manifest
    assert not any(i.startswith("poisoned.txt") for i in dense)


def test_a_file_that_turns_bad_keeps_its_indexed_version(settings: Settings, corpus: Path) -> None:
    ingestor = make_ingestor(settings)
    ingestor.ingest([corpus])
    before = index_state(ingestor)
    (corpus / SEEDS["2020"]).write_bytes(b"\x00\x01\x02")
    result = ingestor.ingest([corpus])
    assert [f.path.name for f in result.failures] == [SEEDS["2020"]]
    assert result.removed == []
    assert index_state(ingestor) == before


@pytest.mark.parametrize(
    ("year", "encode"),
    [
        ("2020", encode_cp1258),
        ("2023", lambda t: t.encode("utf-16")),
        ("2017", lambda t: b"\xef\xbb\xbf" + t.encode()),
    ],
)
def test_other_encodings_give_the_same_chunks(
    settings: Settings, tmp_path: Path, year: str, encode
) -> None:  # type: ignore[no-untyped-def]
    utf8_dir, other_dir = tmp_path / "utf8", tmp_path / "other"
    utf8_dir.mkdir()
    other_dir.mkdir()
    name = SEEDS[year]
    (utf8_dir / name).write_text(seed_text(year), encoding="utf-8")
    (other_dir / name).write_bytes(encode(seed_text(year)))
    from rag.chunk import chunk_record
    from rag.readers import load_source, parse_source

    chunker = Chunker()
    first = [chunk_record(n) for n in chunker.chunk(parse_source(load_source(utf8_dir / name)))]
    second = [chunk_record(n) for n in chunker.chunk(parse_source(load_source(other_dir / name)))]
    assert first == second


def test_second_writer_fails_at_once(settings: Settings) -> None:
    with (
        writer_lock(settings.data_dir),
        pytest.raises(IndexBusyError, match="another ingestion"),
        writer_lock(settings.data_dir),
    ):
        pass


def test_remove_documents(settings: Settings, corpus: Path) -> None:
    ingestor = make_ingestor(settings)
    ingestor.ingest([corpus])
    assert ingestor.remove([SEEDS["2020"], "unknown.txt"]) == [SEEDS["2020"]]
    dense, lexical, manifest = index_state(ingestor)
    assert dense == lexical == manifest and not any(i.startswith(SEEDS["2020"]) for i in dense)


def test_a_new_chunk_bound_or_model_reads_everything_again(
    settings: Settings, corpus: Path
) -> None:
    make_ingestor(settings).ingest([corpus])
    rebound = settings.model_copy(
        update={"chunking": settings.chunking.model_copy(update={"max_words": 60})}
    )
    result = make_ingestor(rebound).ingest([corpus])
    assert sorted(result.updated) == sorted([SEEDS["2020"], SEEDS["2022"]])
    again = make_ingestor(rebound).ingest([corpus])
    assert again.chunks_embedded == 0
    manifest = Manifest.load(settings.data_dir / "manifest.json")
    assert manifest.model == "hashing" and manifest.pipeline.endswith("max_words 60")
