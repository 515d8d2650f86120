"""The command line, run in process against a small corpus with the fast embedder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from tests.conftest import CORPUS, SEEDS


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for year in ("2017", "2023"):
        shutil.copy(CORPUS / SEEDS[year], corpus / SEEDS[year])
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAOCAO_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BAOCAO_EMBEDDING__MODEL", "hashing")
    return corpus


runner = CliRunner()


def test_ask_builds_the_index_on_first_use_and_prints_json(env: Path) -> None:
    result = runner.invoke(app, ["ask", "Tổng thu ngân sách nhà nước 11 tháng năm 2017?", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(answer) >= {"question", "answer", "refused", "citations", "latency_ms"}
    assert "5.775 tỷ đồng" in answer["answer"] and not answer["refused"]
    citation = answer["citations"][0]
    assert set(citation) >= {"n", "doc", "title", "period", "section", "footnote", "text"}
    assert citation["doc"] == SEEDS["2017"]


def test_ask_pretty_output(env: Path) -> None:
    result = runner.invoke(app, ["ask", "tong thu ngan sach 11 thang 2023"])
    assert result.exit_code == 0, result.output
    assert "6.932,3 tỷ đồng" in result.stdout and "Nguồn" in result.stdout


def test_ask_jsonl_answers_in_order(env: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            [
                json.dumps({"question": "Tổng thu ngân sách nhà nước 11 tháng năm 2017?", "id": 1}),
                "not json",
                json.dumps({"id": 3}),
                json.dumps({"question": "tong thu ngan sach 11 thang 2023"}, ensure_ascii=False),
                json.dumps({"question": ""}),
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ask", "--jsonl", str(questions)])
    assert result.exit_code == 0, result.output
    lines = [
        json.loads(line) for line in result.stdout.strip().splitlines() if line.startswith("{")
    ]
    assert len(lines) == 5
    assert "5.775" in lines[0]["answer"]
    assert "invalid JSON" in lines[1]["error"]
    assert "question" in lines[2]["error"]
    assert "6.932,3" in lines[3]["answer"]
    assert "trống" in lines[4]["error"]


@pytest.mark.parametrize(("question", "message"), [("  ", "trống"), ("x" * 1001, "quá dài")])
def test_ask_refuses_bad_questions_clearly(env: Path, question: str, message: str) -> None:
    result = runner.invoke(app, ["ask", question])
    assert result.exit_code != 0
    assert message in result.output


def test_ask_needs_a_question_or_a_file(env: Path) -> None:
    result = runner.invoke(app, ["ask"])
    assert result.exit_code != 0 and "QUESTION or --jsonl" in result.output


def test_chunks_json_contract(env: Path) -> None:
    result = runner.invoke(app, ["chunks", str(env / SEEDS["2017"]), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["kind"] for r in records} == {"body", "footnote"}
    assert sum(r["kind"] == "footnote" for r in records) == 13
    for record in records:
        assert set(record) >= {"id", "doc", "kind", "section", "footnote", "period", "text"}
        assert (record["footnote"] is None) == (record["kind"] == "body")


def test_ingest_names_a_bad_file_and_exits_non_zero(env: Path) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 0
    (env / "broken.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "binary" in result.output
    again = runner.invoke(app, ["ask", "Tổng thu ngân sách nhà nước 11 tháng năm 2017?", "--json"])
    assert "5.775" in again.stdout  # the index is as it was


def test_a_blank_token_means_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.settings import Settings

    monkeypatch.setenv("BAOCAO_TELEGRAM__TOKEN", "  ")
    assert Settings(_env_file=None).telegram.token is None  # type: ignore[call-arg]


def test_a_read_only_process_refuses_to_ingest_and_stores_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAOCAO_CHROMA__READ_ONLY", "true")
    result = CliRunner().invoke(app, ["ingest", str(CORPUS / SEEDS["2017"])])
    assert result.exit_code == 1
    assert "only reads the index" in result.output and "writer" in result.output
    assert not (tmp_path / "data" / "manifest.json").exists()
