"""Adding a report to the corpus folder and the index, and removing it (rag/corpus.py), with a
real embedded Chroma store, the lexical index and the manifest checked against each other."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rag.chunk import Chunker
from rag.corpus import DuplicateReportError, Library, UnknownReportError, safe_name
from rag.errors import UnreadableFileError
from rag.ingest import Ingestor
from rag.lexical import LexicalIndex
from rag.manifest import Manifest
from rag.settings import Settings
from rag.store import DenseIndex, chroma_client
from tests.conftest import CORPUS, SEEDS, seed_text
from tests.documents import scanned_pdf, seed_docx
from tests.fakes import CountingEmbedding

SHORT = SEEDS["2020"]  # 004: short, no footnotes


def make_library(settings: Settings, embedder: CountingEmbedding) -> tuple[Library, list[int]]:
    ingestor = Ingestor(
        data_dir=settings.data_dir,
        embedder=embedder,
        dense=DenseIndex(chroma_client(settings), settings.chroma.collection),
        chunker=Chunker(settings.chunking.max_words),
    )
    reloads: list[int] = []
    return Library(settings.corpus_dir, ingestor, lambda: reloads.append(1)), reloads


def index_ids(library: Library) -> tuple[set[str], set[str], set[str]]:
    ingestor = library.ingestor
    manifest = Manifest.load(ingestor.manifest_path)
    listed = {i for entry in manifest.docs.values() for i in entry.chunk_ids}
    lexical = set(LexicalIndex.load(ingestor.lexical_dir).ids())
    return set(ingestor.dense.ids()), lexical, listed


@pytest.fixture
def corpus(settings: Settings) -> Path:
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(CORPUS / SEEDS["2022"], settings.corpus_dir / SEEDS["2022"])
    return settings.corpus_dir


def test_add_stores_indexes_and_reports_what_it_read(
    settings: Settings, corpus: Path, tmp_path: Path
) -> None:
    embedder = CountingEmbedding()
    library, reloads = make_library(settings, embedder)
    library.ingestor.ingest([corpus])
    docx = seed_docx(seed_text("2023"), tmp_path / "bao cao 11-2023.docx")
    added = library.add(docx.name, docx.read_bytes())
    assert (added.doc, added.status) == ("bao cao 11-2023.docx", "added")
    assert added.period == "tháng 11/2023 (11 tháng)" and added.footnotes == 33
    assert added.chunks == embedder.passages - len(
        Manifest.load(library.ingestor.manifest_path).docs[SEEDS["2022"]].chunk_ids
    )
    assert (corpus / added.doc).read_bytes() == docx.read_bytes()
    assert reloads == [1]
    dense, lexical, listed = index_ids(library)
    assert dense == lexical == listed
    assert sum(i.startswith(added.doc + "#") for i in dense) == added.chunks

    # The same file again changes nothing: nothing embedded, nothing reloaded.
    embedder.passages = 0
    again = library.add(docx.name, docx.read_bytes())
    assert again.status == "unchanged" and again.chunks == added.chunks
    assert embedder.passages == 0 and reloads == [1]
    # The same bytes under another name would be a second copy of one report.
    with pytest.raises(
        DuplicateReportError, match=re.escape("already indexed as bao cao 11-2023.docx")
    ):
        library.add("copy.docx", docx.read_bytes())
    assert not (corpus / "copy.docx").exists()


def test_a_refused_file_leaves_folder_and_index_as_they_were(
    settings: Settings, corpus: Path, tmp_path: Path
) -> None:
    library, reloads = make_library(settings, CountingEmbedding())
    library.ingestor.ingest([corpus])
    before = (sorted(p.name for p in corpus.iterdir()), index_ids(library))
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(UnreadableFileError, match="no text layer"):
        library.add("scan.pdf", scan.read_bytes())
    with pytest.raises(UnreadableFileError, match="unsupported file type"):
        library.add("bang.xlsx", b"PK\x03\x04")
    with pytest.raises(UnreadableFileError, match="too large"):
        library.add("big.txt", b"a" * (20 * 1024 * 1024 + 1))
    with pytest.raises(UnreadableFileError, match="binary"):
        library.add("notes.txt", b"\x00\x01\x02binary")
    assert (sorted(p.name for p in corpus.iterdir()), index_ids(library)) == before
    assert reloads == []


def test_remove_leaves_no_chunk_behind(settings: Settings, corpus: Path) -> None:
    library, reloads = make_library(settings, CountingEmbedding())
    shutil.copy(CORPUS / SHORT, corpus / SHORT)
    library.ingestor.ingest([corpus])
    kept = set(Manifest.load(library.ingestor.manifest_path).docs[SEEDS["2022"]].chunk_ids)
    removed = library.remove(SHORT)
    assert removed.doc == SHORT and removed.chunks > 0 and removed.file == corpus / SHORT
    assert not (corpus / SHORT).exists()
    dense, lexical, listed = index_ids(library)
    assert dense == lexical == listed == kept
    assert not any(
        n.metadata["doc"] == SHORT for n in LexicalIndex.load(library.ingestor.lexical_dir).nodes()
    )
    assert library.ingestor.dense.ids(SHORT) == []
    assert library.documents() == [SEEDS["2022"]]
    assert reloads == [1]
    # Ingesting the folder again does not bring it back; removing it twice is an error.
    assert library.ingestor.ingest([corpus]).added == []
    with pytest.raises(UnknownReportError, match=SHORT):
        library.remove(SHORT)


def test_remove_takes_out_a_file_that_was_never_indexed(settings: Settings, corpus: Path) -> None:
    library, _ = make_library(settings, CountingEmbedding())
    (corpus / "draft.txt").write_text("nháp")
    removed = library.remove("draft.txt")
    assert removed.chunks == 0 and removed.file is not None and not removed.file.exists()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Báo cáo tháng 12.docx", "Báo cáo tháng 12.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\bc.pdf", "bc.pdf"),
        (".hidden.txt", "hidden.txt"),
        ("a;b|c$d.pdf", "a_b_c_d.pdf"),
        ("x" * 200 + ".docx", "x" * 115 + ".docx"),
    ],
)
def test_safe_name_stays_in_the_corpus_folder(name: str, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize("name", ["", "..", "/", " . "])
def test_a_name_with_nothing_usable_is_refused(name: str) -> None:
    with pytest.raises(UnreadableFileError):
        safe_name(name)
