"""`baocao add` and `baocao remove`, run in process with the fast embedder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from rag.lexical import LexicalIndex
from rag.manifest import Manifest
from tests.conftest import CORPUS, SEEDS, seed_text
from tests.documents import seed_docx

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / SEEDS["2017"], corpus / SEEDS["2017"])
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAOCAO_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BAOCAO_EMBEDDING__MODEL", "hashing")
    return corpus


def test_add_a_word_report_then_ask_then_remove_it(env: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 0
    docx = seed_docx(seed_text("2023"), tmp_path / "bc_11_2023.docx")
    result = runner.invoke(app, ["add", str(docx)])
    assert result.exit_code == 0, result.output
    assert "added: bc_11_2023.docx" in result.output and "tháng 11/2023" in result.output
    assert (env / "bc_11_2023.docx").is_file()
    again = runner.invoke(app, ["add", str(docx)])
    assert again.exit_code == 0 and "unchanged: bc_11_2023.docx" in again.output

    asked = runner.invoke(app, ["ask", "tong thu ngan sach 11 thang 2023", "--json"])
    answer = json.loads(asked.stdout.strip().splitlines()[-1])
    assert "6.932,3 tỷ đồng" in answer["answer"]
    assert answer["citations"][0]["doc"] == "bc_11_2023.docx"

    removed = runner.invoke(app, ["remove", "bc_11_2023.docx"])
    assert removed.exit_code == 0, removed.output
    assert "removed: bc_11_2023.docx" in removed.output
    assert not (env / "bc_11_2023.docx").exists()
    data = tmp_path / "data"
    manifest = Manifest.load(data / "manifest.json")
    assert list(manifest.docs) == [SEEDS["2017"]]
    assert all(i.startswith(SEEDS["2017"]) for i in LexicalIndex.load(data / "lexical").ids())

    missing = runner.invoke(app, ["remove", "bc_11_2023.docx"])
    assert missing.exit_code == 1 and "no report 'bc_11_2023.docx'" in missing.output


def test_add_refuses_a_file_it_cannot_read(env: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bang.xlsx"
    bad.write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["add", str(bad), str(tmp_path / "missing.pdf")])
    output = " ".join(result.output.split())  # rich wraps long lines
    assert result.exit_code == 1
    assert "bang.xlsx: unsupported file type '.xlsx'" in output
    assert "missing.pdf: no such file" in output
    assert sorted(p.name for p in env.iterdir()) == [SEEDS["2017"]]
