"""The harness end to end with stand-in systems, the report folder, the baselines' pieces and
`baocao eval --json` with the BM25 baseline over the real corpus (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from llama_index.core.schema import TextNode
from typer.testing import CliRunner

from eval.gold import GoldItem, load_gold
from eval.harness import ratios_to_best_baseline, run
from eval.metrics import METRICS
from eval.report import RunInfo, json_summary, write_report
from eval.systems import (
    BAOCAO,
    BM25_WINDOWS,
    NAIVE,
    BaocaoSystem,
    Bm25WindowsSystem,
    Reply,
    UnknownSystemError,
    parse_system_names,
    word_windows,
)
from rag.answer import Answer
from rag.lexical import LexicalIndex
from tests.conftest import CORPUS

EVIDENCE = "Lũy kế 11 tháng 5.775 tỷ đồng, đạt 77,8% dự toán"
ITEMS = [
    GoldItem(
        "a",
        "Thu ngân sách 11 tháng 2017?",
        "5.775 tỷ đồng",
        True,
        (EVIDENCE,),
        ("000.txt",),
        None,
        None,
        "body_number",
        "dev",
    ),
    GoldItem("u", "Kim ngạch qua Chi Ma?", "", False, (), (), None, None, "unanswerable", "dev"),
]


class Oracle:
    """Answers from the evidence and refuses what has none."""

    name = BAOCAO

    def ask(self, question: str) -> Reply:
        if "Chi Ma" in question:
            return Reply("Không tìm thấy.", True, [("x", "khác")], refusal_rule="unknown_name")
        return Reply("5.775 tỷ đồng [1]", False, [("p1", EVIDENCE)], [(1, EVIDENCE)])


class Wrong:
    """Ranks the evidence second, answers with the wrong figure, never refuses."""

    def __init__(self, name: str) -> None:
        self.name = name

    def ask(self, question: str) -> Reply:
        return Reply("6.932,3 tỷ đồng [1]", False, [("x", "khác"), ("p1", EVIDENCE)], [(1, "khác")])


class Broken:
    name = BM25_WINDOWS

    def ask(self, question: str) -> Reply:
        raise RuntimeError("index missing")


def test_same_scorer_for_every_system_and_ratio_to_the_best_baseline() -> None:
    runs = run([Wrong(NAIVE), Oracle()], ITEMS)
    naive, ours = (r.summary for r in runs)
    assert ours["hit@1"] == 1.0 and ours["answer_accuracy"] == 1.0 and ours["refusal_recall"] == 1.0
    assert naive["hit@1"] == 0.0 and naive["hit@3"] == 1.0 and naive["mrr@10"] == 0.5
    assert naive["refusal_precision"] is None and naive["refusal_recall"] == 0.0
    ratios = ratios_to_best_baseline(runs)
    assert ratios["mrr@10"]["ratio"] == 2.0 and ratios["mrr@10"]["baseline"] == NAIVE
    assert "hit@1" in ratios and ratios["hit@1"]["ratio"] is None  # the baseline scored 0
    assert [f.item.id for f in runs[0].failures] == ["a", "u"]
    assert runs[1].failures == []


def test_a_system_that_raises_is_scored_wrong_and_the_run_goes_on() -> None:
    (broken,) = run([Broken()], ITEMS)
    assert broken.summary["errors"] == 2
    assert broken.summary["answer_accuracy"] == 0.0
    assert "index missing" in (broken.results[0].error or "")


def test_report_folder_holds_markdown_metrics_failures_and_chart(tmp_path: Path) -> None:
    from datetime import datetime

    runs = run([Wrong(NAIVE), Oracle()], ITEMS)
    info = RunInfo(gold="tiny.jsonl", split="dev", started=datetime(2024, 5, 1, 10, 22, 33))
    folder = write_report(runs, info, len(ITEMS), tmp_path)
    assert folder.name == "2024-05-01T10-22-33"
    assert {p.name for p in folder.iterdir()} == {
        "report.md",
        "metrics.json",
        "failures.jsonl",
        "chart.png",
    }
    assert (folder / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    metrics = json.loads((folder / "metrics.json").read_text())
    assert [s["name"] for s in metrics["systems"]] == [NAIVE, BAOCAO]
    assert metrics["systems"][1]["by_type"]["unanswerable"]["refusal_recall"] == 1.0
    assert metrics["systems"][1]["refusals_by_rule"] == {"unknown_name": {"right": 1, "wrong": 0}}
    assert metrics["systems"][0]["refusals_by_rule"] == {}
    failures = [json.loads(line) for line in (folder / "failures.jsonl").read_text().splitlines()]
    assert [(f["system"], f["id"]) for f in failures] == [(NAIVE, "a"), (NAIVE, "u")]
    assert failures[0]["retrieved"][1] == {
        "rank": 2,
        "id": "p1",
        "holds_evidence": True,
        "text": EVIDENCE,
    }
    report = (folder / "report.md").read_text()
    assert "| baocao | 1.000 |" in report and "chart.png" in report
    assert "| baocao | unknown_name | 1 | 0 |" in report
    again = write_report(runs, info, len(ITEMS), tmp_path)  # same second: a new folder
    assert again != folder


def test_json_summary_has_exactly_the_contract_keys() -> None:
    summary = json_summary(run([Oracle()], ITEMS), len(ITEMS))
    assert list(summary) == ["n_questions", "systems"]
    assert list(summary["systems"][0]) == ["name", *METRICS]


def test_system_names_are_checked_and_kept_in_table_order() -> None:
    assert parse_system_names("baocao,naive-llamaindex") == [NAIVE, BAOCAO]
    assert parse_system_names(None) == [NAIVE, BM25_WINDOWS, BAOCAO]
    with pytest.raises(UnknownSystemError, match="gpt"):
        parse_system_names("gpt")


def test_word_windows_overlap_and_reach_the_end() -> None:
    words = " ".join(str(i) for i in range(250))
    windows = word_windows(words, size=120, stride=60)
    assert [w.split()[0] for w in windows] == ["0", "60", "120", "130"]
    assert all(len(w.split()) == 120 for w in windows)
    assert windows[-1].split()[-1] == "249"
    assert word_windows("a b", 120, 60) == ["a b"]
    assert word_windows("", 120, 60) == []


def test_bm25_windows_ranks_the_window_holding_the_words() -> None:
    system = Bm25WindowsSystem(
        [("w0", "đàn trâu ước đạt 118 nghìn con"), ("w1", "tổng thu ngân sách 5.775 tỷ đồng")]
    )
    reply = system.ask("tong thu ngan sach")
    assert reply.retrieved[0][0] == "w1"
    assert reply.answer.endswith("[1]") and not reply.refused


def test_cli_eval_json_with_the_bm25_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from baocao.cli import app

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAOCAO_CORPUS_DIR", str(CORPUS))
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "--systems",
            "bm25-windows",
            "--split",
            "dev",
            "--json",
            "--reports-dir",
            str(tmp_path / "reports"),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["n_questions"] == len(load_gold(split="dev"))
    (bm25,) = summary["systems"]
    assert bm25["name"] == BM25_WINDOWS and 0.3 < bm25["hit@5"] <= 1.0
    assert len(list((tmp_path / "reports").iterdir())) == 1


def test_cli_eval_rejects_a_bad_split_with_a_message(tmp_path: Path) -> None:
    from baocao.cli import app
    from rag.errors import BaocaoError

    result = CliRunner().invoke(app, ["eval", "--split", "train", "--reports-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert isinstance(result.exception, BaocaoError) and "dev, test or all" in str(result.exception)


class Joining:
    """An assistant whose first passage joins two neighbouring chunks (rag.passages)."""

    def __init__(self, data_dir: Path) -> None:
        self.settings = SimpleNamespace(data_dir=data_dir)

    def ask(self, question: str) -> Answer:
        return Answer(question, "5.775 tỷ đồng [1]", False, retrieved=[("b1", "b2"), ("b3",)])


def test_baocao_passages_joining_two_chunks_are_scored_as_one(tmp_path: Path) -> None:
    texts = {
        "b1": "Tổng thu ngân sách nhà nước ước thực hiện trong tháng 523,4 tỷ đồng.",
        "b2": f"{EVIDENCE}, tăng 1,7% so với cùng kỳ.",
        "b3": "Chi ngân sách 6.406,8 tỷ đồng.",
    }
    nodes = [TextNode(id_=i, text=t, metadata={"doc": "000.txt"}) for i, t in texts.items()]
    LexicalIndex.from_nodes(tmp_path / "lexical", nodes).save()
    system = BaocaoSystem(Joining(tmp_path))  # type: ignore[arg-type]
    reply = system.ask("Thu ngân sách 11 tháng 2017?")
    assert reply.retrieved == [("b1+b2", f"{texts['b1']}\n{texts['b2']}"), ("b3", texts["b3"])]
    (result,) = run([system], ITEMS[:1])
    assert result.results[0].rank == 1
