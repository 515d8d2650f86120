from __future__ import annotations

import shutil

import pytest

from rag.components import make_dense_index, make_ingestor
from rag.embed import HashingEmbedding
from rag.lexical import LexicalIndex
from rag.retrieve import HybridRetriever, Scope
from rag.settings import Settings
from tests.conftest import CORPUS, SEEDS


@pytest.fixture
def retriever(settings: Settings) -> HybridRetriever:
    settings.corpus_dir.mkdir(parents=True)
    for year in ("2017", "2023"):
        shutil.copy(CORPUS / SEEDS[year], settings.corpus_dir / SEEDS[year])
    make_ingestor(settings, HashingEmbedding()).ingest([settings.corpus_dir])
    lexical = LexicalIndex.load(settings.data_dir / "lexical")
    return HybridRetriever(HashingEmbedding(), make_dense_index(settings), lexical)


def test_fused_ranking_puts_the_passage_first(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve("Tổng kim ngạch xuất nhập khẩu tháng 11 ước đạt 380 triệu USD")
    assert "380 triệu USD" in hits[0].node.text
    assert hits[0].ranks.keys() == {"dense", "lexical"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_without_diacritics_finds_the_same_passage(retriever: HybridRetriever) -> None:
    accented = retriever.retrieve("Tổng kim ngạch xuất nhập khẩu lũy kế 11 tháng")
    bare = retriever.retrieve("tong kim ngach xuat nhap khau luy ke 11 thang")
    assert accented[0].node_id == bare[0].node_id


def test_scope_by_document(retriever: HybridRetriever) -> None:
    scope = Scope(docs=frozenset({SEEDS["2023"]}))
    hits = retriever.retrieve("Tổng thu ngân sách nhà nước", scope)
    assert hits and {h.node.metadata["doc"] for h in hits} == {SEEDS["2023"]}


def test_scope_by_chunks_and_empty_scope(retriever: HybridRetriever) -> None:
    ids = frozenset({f"{SEEDS['2017']}#fn9", f"{SEEDS['2017']}#fn8"})
    hits = retriever.retrieve("vốn ODA", Scope(chunk_ids=ids))
    assert {h.node_id for h in hits} == ids
    assert retriever.retrieve("vốn ODA", Scope(chunk_ids=frozenset())) == []


def test_arguments_are_checked(retriever: HybridRetriever) -> None:
    with pytest.raises(ValueError, match="candidates"):
        HybridRetriever(retriever.embedder, retriever.dense, retriever.lexical, candidates=0)
