"""Each seed as .txt, .docx and .pdf (made as the format tests make them): what each format
reads against the text version, and the time from an upload to searchable.

    .venv/bin/python -m tests.rag.formats_bench                 # chunks and footnotes read
    .venv/bin/python -m tests.rag.formats_bench --upload 2020   # + upload to searchable, real
                                                                #   model loaded once (the bot)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from rag.chunk import Chunker
from rag.components import make_embedder, make_ingestor
from rag.corpus import Library
from rag.readers import load_source, parse_source
from rag.settings import Settings
from tests.conftest import CORPUS, SEEDS
from tests.documents import seed_docx, seed_pdf


def formats(year: str, work: Path) -> dict[str, Path]:
    name = SEEDS[year]
    text = (CORPUS / name).read_text(encoding="utf-8")
    stem = Path(name).stem
    work.mkdir(parents=True, exist_ok=True)
    return {
        "txt": CORPUS / name,
        "docx": seed_docx(text, work / f"{stem}.docx"),
        "pdf": seed_pdf(text, work / f"{stem}.pdf"),
    }


def compare(year: str, files: dict[str, Path]) -> str:
    """Chunks and footnotes of each format, and how many chunk texts equal the text version's."""
    base: list[str] | None = None
    parts = []
    for fmt, path in files.items():
        report = parse_source(load_source(path))
        texts = [node.text for node in Chunker().chunk(report)]
        base = base if base is not None else texts
        same = sum(t in base for t in texts)
        parts.append(
            f"{fmt} {len(texts)} chunks / {len(report.footnotes)} footnotes ({same} as txt)"
        )
    return f"{year} {SEEDS[year]}: " + "; ".join(parts)


def upload_times(year: str, files: dict[str, Path], work: Path, embedder: object) -> list[str]:
    lines = []
    for fmt, path in files.items():
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=work / f"data-{fmt}",
            corpus_dir=work / f"corpus-{fmt}",
        )
        settings.corpus_dir.mkdir()
        library = Library(settings.corpus_dir, make_ingestor(settings, embedder))  # type: ignore[arg-type]
        added = library.add(path.name, path.read_bytes())
        lines.append(
            f"{year} {fmt}: searchable after {added.seconds:.1f} s "
            f"({added.chunks} chunks, {added.footnotes} footnotes, {added.period})"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upload", nargs="*", default=[], help="seed years to time uploads of")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="formats-"))
    try:
        for year in SEEDS:
            print(compare(year, formats(year, work / year)), flush=True)
        if args.upload:
            embedder = make_embedder(Settings(_env_file=None))
            embedder.get_query_embedding("khởi động")  # loaded, as in a running bot
            for year in args.upload:
                for line in upload_times(year, formats(year, work / year), work / year, embedder):
                    print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
