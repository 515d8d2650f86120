"""The systems the harness compares, behind one small interface.

- `baocao`: this project's Assistant (hybrid retrieval, period routing, extractive answers).
- `naive-llamaindex`: what a user builds first with llama-index: `SimpleDirectoryReader` over the
  corpus folder, `SentenceSplitter()` with its defaults (1024 tiktoken tokens, overlap 200),
  `VectorStoreIndex` (in-memory `SimpleVectorStore`) with the same E5 embedder, top-10 retrieval;
  the answer is the top chunk's text (extractive, no LLM). It is persisted under
  `<data_dir>/eval-cache/` keyed by a fingerprint of the corpus, so it is embedded once.
- `bm25-windows`: bm25s over fixed windows of 120 words with a stride of 60, tokenised with the
  project's Vietnamese tokens (`rag.tokenize.search_tokens`); the answer is the top window.

The baselines never refuse: a first pipeline answers with whatever ranks first. (A score
threshold would need calibrating on the gold set, which these naive pipelines do not have.)
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from llama_index.core.base.embeddings.base import BaseEmbedding

from rag.errors import BaocaoError
from rag.readers import expand_paths
from rag.settings import Settings
from rag.tokenize import search_tokens

if TYPE_CHECKING:
    from llama_index.core.indices.base import BaseIndex

    from rag.assistant import Assistant

BAOCAO = "baocao"
NAIVE = "naive-llamaindex"
BM25_WINDOWS = "bm25-windows"
SYSTEM_NAMES = (NAIVE, BM25_WINDOWS, BAOCAO)
BASELINES = (NAIVE, BM25_WINDOWS)

RETRIEVE_K = 10
WINDOW_WORDS = 120
WINDOW_STRIDE = 60

Progress = Callable[[str], None]


class UnknownSystemError(BaocaoError):
    """A system name the harness does not know."""


class EmptyCorpusError(BaocaoError):
    """A baseline has no corpus file to index."""


@dataclass
class Reply:
    """What a system returned for one question, in the shape the scorer reads."""

    answer: str
    refused: bool
    retrieved: list[tuple[str, str]]  # ranked (passage id, passage text)
    citations: list[tuple[int, str]] = field(default_factory=list)  # (n, passage text)
    refusal_rule: str | None = None  # the check that refused, for systems that say


class System(Protocol):
    """A question-answering system under evaluation."""

    name: str

    def ask(self, question: str) -> Reply: ...


def _top_passage_reply(retrieved: list[tuple[str, str]]) -> Reply:
    """An extractive baseline's answer: the top passage, cited as [1]."""
    if not retrieved:
        return Reply(answer="", refused=False, retrieved=[])
    text = retrieved[0][1]
    return Reply(answer=f"{text} [1]", refused=False, retrieved=retrieved, citations=[(1, text)])


# ------------------------------------------------------------------------------ baocao


class BaocaoSystem:
    """The project's pipeline, through the same `Assistant.ask` the CLI and the bot call."""

    name = BAOCAO

    def __init__(self, assistant: Assistant) -> None:
        from rag.lexical import LexicalIndex

        self.assistant = assistant
        self.lexical = LexicalIndex.load(assistant.settings.data_dir / "lexical")

    def _text(self, chunk_id: str) -> str:
        try:
            return self.lexical.node(chunk_id).text
        except KeyError:
            return ""

    def ask(self, question: str) -> Reply:
        answer = self.assistant.ask(question)
        return Reply(
            answer=answer.answer,
            refused=answer.refused,
            retrieved=[
                ("+".join(ids), "\n".join(map(self._text, ids)))
                for ids in answer.retrieved[:RETRIEVE_K]
            ],
            citations=[(c.n, c.text) for c in answer.citations],
            refusal_rule=answer.refusal_rule,
        )


# ------------------------------------------------------------------------------ naive llama-index


def corpus_files(corpus_dir: Path) -> list[Path]:
    files = [p for p in expand_paths([corpus_dir]) if p.suffix.lower() in {".txt", ".md"}]
    if not files:
        raise EmptyCorpusError(f"no .txt or .md report in {corpus_dir}")
    return files


def corpus_fingerprint(corpus_dir: Path, *extra: str) -> str:
    """A hash of the corpus files' paths and bytes (and of `extra` settings)."""
    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode())
    for path in corpus_files(corpus_dir):
        digest.update(str(path.resolve()).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


class NaiveLlamaIndexSystem:
    """The first pipeline a llama-index user writes, with the project's E5 embedder."""

    name = NAIVE

    def __init__(self, index: BaseIndex, top_k: int = RETRIEVE_K) -> None:
        self.retriever = index.as_retriever(similarity_top_k=top_k)

    @classmethod
    def open(
        cls,
        settings: Settings,
        embedder: BaseEmbedding,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> NaiveLlamaIndexSystem:
        """Load the persisted index for this corpus, building it first when there is none."""
        import llama_index.core
        from llama_index.core import StorageContext, load_index_from_storage

        key = corpus_fingerprint(
            settings.corpus_dir, llama_index.core.__version__, embedder.model_name or ""
        )
        root = cache_dir or settings.data_dir / "eval-cache"
        target = root / f"{NAIVE}-{key}"
        if not (target / "docstore.json").exists():
            if progress:
                progress(f"building the {NAIVE} index (embedding the corpus, a few minutes)")
            cls._build(settings.corpus_dir, embedder, target)
        storage = StorageContext.from_defaults(persist_dir=str(target))
        return cls(load_index_from_storage(storage, embed_model=embedder))

    @staticmethod
    def _build(corpus_dir: Path, embedder: BaseEmbedding, target: Path) -> None:
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter

        documents = SimpleDirectoryReader(
            input_files=[str(p) for p in corpus_files(corpus_dir)]
        ).load_data()
        index = VectorStoreIndex.from_documents(
            documents, embed_model=embedder, transformations=[SentenceSplitter()]
        )
        partial = target.with_name(f"{target.name}.tmp-{uuid.uuid4().hex[:8]}")
        index.storage_context.persist(persist_dir=str(partial))
        if target.exists():
            shutil.rmtree(target)
        partial.rename(target)

    def ask(self, question: str) -> Reply:
        hits = self.retriever.retrieve(question)
        return _top_passage_reply([(h.node.node_id, h.node.get_content()) for h in hits])


# ------------------------------------------------------------------------------ bm25 windows


def word_windows(text: str, size: int = WINDOW_WORDS, stride: int = WINDOW_STRIDE) -> list[str]:
    """Overlapping windows of `size` words every `stride` words; the last one reaches the end."""
    if size < 1 or not 1 <= stride <= size:
        raise ValueError(f"need 1 <= stride <= size, got size={size} stride={stride}")
    words = text.split()
    if len(words) <= size:
        return [" ".join(words)] if words else []
    starts = list(range(0, len(words) - size + 1, stride))
    if starts[-1] + size < len(words):
        starts.append(len(words) - size)
    return [" ".join(words[s : s + size]) for s in starts]


class Bm25WindowsSystem:
    """BM25 over fixed word windows of every corpus file, with Vietnamese tokens."""

    name = BM25_WINDOWS

    def __init__(self, passages: list[tuple[str, str]], top_k: int = RETRIEVE_K) -> None:
        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import
        import bm25s

        if not passages:
            raise EmptyCorpusError("no passage to index")
        self.passages = passages
        self.top_k = min(top_k, len(passages))
        self.bm25 = bm25s.BM25()
        self.bm25.index([search_tokens(text) for _, text in passages], show_progress=False)

    @classmethod
    def open(
        cls, corpus_dir: Path, size: int = WINDOW_WORDS, stride: int = WINDOW_STRIDE
    ) -> Bm25WindowsSystem:
        passages = []
        for path in corpus_files(corpus_dir):
            text = path.read_text(encoding="utf-8", errors="replace")
            for n, window in enumerate(word_windows(text, size, stride)):
                passages.append((f"{path.name}#w{n}", window))
        return cls(passages)

    def ask(self, question: str) -> Reply:
        tokens = search_tokens(question)
        if not tokens:
            return _top_passage_reply([])
        docs, scores = self.bm25.retrieve([tokens], k=self.top_k, show_progress=False, n_threads=1)
        ranked = [self.passages[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
        return _top_passage_reply(ranked)


# ------------------------------------------------------------------------------ choosing


def parse_system_names(value: str | None) -> list[str]:
    """ "a,b" -> ["a", "b"] in the canonical order; None or "" means every system."""
    if not value:
        return list(SYSTEM_NAMES)
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in SYSTEM_NAMES]
    if unknown:
        raise UnknownSystemError(
            f"unknown system(s) {', '.join(unknown)} (choose from {', '.join(SYSTEM_NAMES)})"
        )
    return [n for n in SYSTEM_NAMES if n in names]


def open_systems(
    names: list[str],
    settings: Settings,
    assistant: Assistant | None = None,
    embedder: BaseEmbedding | None = None,
    progress: Progress | None = None,
) -> list[System]:
    """Build the named systems, sharing one embedder (the real E5 unless one is given).

    The baocao index is built from the corpus folder when the data dir has none.
    """
    from rag.assistant import Assistant
    from rag.components import make_embedder
    from rag.manifest import Manifest

    needs_embedder = NAIVE in names or (BAOCAO in names and assistant is None)
    if embedder is None and assistant is not None:
        embedder = assistant.embedder
    if embedder is None and needs_embedder:
        embedder = make_embedder(settings)
    systems: list[System] = []
    for name in names:
        if name == BAOCAO:
            if assistant is None:
                if progress and not Manifest.load(settings.data_dir / "manifest.json").docs:
                    progress("building the baocao index from the corpus (a few minutes)")
                assistant = Assistant.open(settings, embedder=embedder)
            systems.append(BaocaoSystem(assistant))
        elif name == NAIVE:
            assert embedder is not None
            systems.append(NaiveLlamaIndexSystem.open(settings, embedder, progress=progress))
        elif name == BM25_WINDOWS:
            systems.append(Bm25WindowsSystem.open(settings.corpus_dir))
    return systems
