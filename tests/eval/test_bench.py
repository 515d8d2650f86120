"""Pieces of the benchmark that can be checked quickly: corpus replication, process
measurement, settings for scratch indexes and the command's option checks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.bench import (
    measure_scale,
    perturb_figures,
    replicate_corpus,
    run_measured,
    scoped_settings,
)
from rag.errors import BaocaoError
from rag.settings import ChromaSettings, Settings
from tests.conftest import CORPUS, SEEDS


def test_perturbed_copies_change_figures_but_keep_periods(tmp_path: Path) -> None:
    text = "Tháng 11 năm 2017 thu 5.775 tỷ đồng, đạt 77,8% dự toán, 129 ha, ngày 04/11/2017."
    changed = perturb_figures(text, seed=1)
    assert "Tháng 11 năm 2017" in changed and "04/11/2017" in changed
    assert "5.775" not in changed and "77,8" not in changed and "129 " not in changed
    assert len(changed) == len(text)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(text, encoding="utf-8")
    assert replicate_corpus(tmp_path / "in", tmp_path / "out", 3) == 3
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["r.txt", "r_x001.txt", "r_x002.txt"]
    assert (tmp_path / "out" / "r.txt").read_text(encoding="utf-8") == text


def test_a_child_process_peak_memory_and_exit_code_are_its_own() -> None:
    script = "import sys; block = bytearray(80 * 1024 * 1024); print('done'); sys.exit(3)"
    run = run_measured([sys.executable, "-c", script])
    assert run.returncode == 3
    assert run.stdout.strip() == "done"
    assert run.peak_rss_mb >= 80
    # not this (larger) test process's memory, which Linux carries across fork and exec
    small = run_measured([sys.executable, "-c", "pass"])
    assert small.peak_rss_mb < 40
    missing = run_measured(["no-such-command-here"])
    assert missing.returncode == 127 and "no-such-command-here" in missing.stderr


def test_scratch_settings_keep_the_users_choices_but_not_a_chroma_server(tmp_path: Path) -> None:
    base = Settings(
        _env_file=None,  # type: ignore[call-arg]
        chroma=ChromaSettings(host="chroma.internal", port=9000, collection="baocao"),
    )
    scratch = scoped_settings(base, tmp_path / "data", tmp_path / "corpus")
    assert scratch.data_dir == tmp_path / "data" and scratch.corpus_dir == tmp_path / "corpus"
    assert scratch.chroma.host is None
    assert scratch.retrieval == base.retrieval and base.chroma.host == "chroma.internal"


@pytest.mark.parametrize("scales", ["1,x", "0", ""])
def test_bench_rejects_bad_scales_with_a_message(scales: str) -> None:
    from baocao.cli import app

    result = CliRunner().invoke(app, ["bench", "--scales", scales])
    assert result.exit_code != 0
    assert isinstance(result.exception, BaocaoError)
    assert "--scales" in str(result.exception)


def test_a_point_of_the_scale_curve_is_measured_in_its_own_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEEDS["2017"]).write_bytes((CORPUS / SEEDS["2017"]).read_bytes())
    base = Settings(_env_file=None, corpus_dir=corpus, data_dir=tmp_path / "unused")  # type: ignore[call-arg]
    questions = ["Tổng thu ngân sách 11 tháng năm 2017?", "Vốn ODA giải ngân?"]
    one = measure_scale(base, tmp_path / "work", 1, questions, lambda _: None)
    three = measure_scale(base, tmp_path / "work", 3, questions, lambda _: None)
    assert (one.documents, three.documents) == (1, 3)
    assert three.chunks == 3 * one.chunks > 0
    assert 0 < one.retrieve_p50_ms <= one.retrieve_p95_ms
    assert 0 < one.ask_p50_ms <= one.ask_p95_ms
    assert 50 < one.peak_rss_mb < 2000  # the worker's own memory, measured
