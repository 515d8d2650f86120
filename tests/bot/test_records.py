"""The audit log and `baocao feedback export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from bot.records import Asked, Records, candidate_gold
from rag.answer import Answer, Citation
from tests.bot.fake_telegram import TOKEN
from tests.bot.harness import ALICE, Harness, record_id

CITATION = Citation(
    n=1,
    chunk_id="000_f2ef7d1ad17a3d94.txt#fn11",
    doc="000_f2ef7d1ad17a3d94.txt",
    title="Báo cáo KT-XH tháng 11/2017 (11 tháng)",
    period="tháng 11/2017 (11 tháng)",
    section="I. Tình hình > 2. Phát triển kinh tế > đ) Thu, chi ngân sách",
    section_ref="I.2.đ",
    footnote=11,
    text="Trong đó: Thu nội địa 142,3 tỷ đồng.",
    context="Tổng thu ngân sách nhà nước ước thực hiện trong tháng 523,4 tỷ đồng¹¹.",
)


def _log(records: Records, question: str, latency: float = 100.0, refused: bool = False) -> int:
    answer = Answer(question, "523,4 tỷ đồng — “…” [1]", refused, [] if refused else [CITATION])
    answer.latency_ms = latency
    answer.periods = ["tháng 11/2017 (11 tháng)"]
    return records.add(Asked(ALICE, -1001, "supergroup", question, question), answer)


def test_records_keep_answers_sources_and_feedback(tmp_path: Path) -> None:
    records = Records(tmp_path / "bot.sqlite3")
    first = _log(records, "thu ngân sách tháng 11/2017?", 50.0)
    second = _log(records, "giá vàng?", 150.0, refused=True)
    assert records.set_feedback(first, "down", ALICE)
    assert records.set_reason(first, "sai số liệu")
    assert not records.set_reason(second, "sai số liệu"), "a reason needs a 👎"
    assert records.set_feedback(second, "up", ALICE)
    assert not records.set_feedback(999, "up", ALICE)
    record = records.get(first)
    assert record is not None
    assert record.citations == [CITATION] and record.chunk_ids == [CITATION.chunk_id]
    assert (record.feedback, record.reason, record.chat_type) == (
        "down",
        "sai số liệu",
        "supergroup",
    )
    stats = records.stats()
    assert (stats.questions, stats.users, stats.refused, stats.up, stats.down) == (2, 1, 1, 1, 1)
    assert stats.latency_p50_ms == pytest.approx(100.0)
    records.close()


def test_feedback_export_writes_candidate_gold_items(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    records = Records(path)
    explained = _log(records, "Tổng thu ngân sách tháng 11/2017?")
    silent = _log(records, "Chi ngân sách?")
    liked = _log(records, "Thu nội địa?")
    records.set_feedback(explained, "down", ALICE)
    records.set_reason(explained, "sai kỳ báo cáo")
    records.set_feedback(silent, "down", ALICE)
    records.set_feedback(liked, "up", ALICE)
    records.close()

    out = tmp_path / "candidates.jsonl"
    result = CliRunner().invoke(app, ["feedback", "export", "--records", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (item,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    gold_fields = ["id", "question", "answer", "answerable", "evidence", "doc", "section"]
    assert list(item)[: len(gold_fields)] == gold_fields
    assert (
        item["id"] == f"fb{explained:06d}"
        and item["question"] == "Tổng thu ngân sách tháng 11/2017?"
    )
    assert item["answerable"] is None and item["evidence"] is None and item["answer"] is None
    assert (item["doc"], item["footnote"], item["type"]) == (CITATION.doc, 11, "footnote_number")
    assert item["reason"] == "sai kỳ báo cáo" and item["bot_chunk_ids"] == [CITATION.chunk_id]

    result = CliRunner().invoke(app, ["feedback", "export", "--records", str(path), "--all"])
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert [json.loads(line)["id"] for line in lines] == [f"fb{explained:06d}", f"fb{silent:06d}"]


def test_export_without_records_fails_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    result = CliRunner().invoke(app, ["feedback", "export", "--records", str(missing)])
    assert result.exit_code == 1 and "no bot records" in result.output


def test_candidate_of_a_refusal_points_at_the_closest_passage(tmp_path: Path) -> None:
    records = Records(tmp_path / "bot.sqlite3")
    answer = Answer("q", "Không tìm thấy", True, related=[CITATION])
    record = records.get(records.add(Asked(ALICE, ALICE, "private", "q", "q"), answer))
    assert record is not None
    item = candidate_gold(record)
    assert item["bot_refused"] is True and item["doc"] == CITATION.doc
    records.close()


@pytest.mark.asyncio(loop_scope="session")
async def test_the_log_never_holds_the_token(bot: Harness) -> None:
    (reply,) = await bot.ask(ALICE, "Tổng thu ngân sách nhà nước 11 tháng năm 2017?")
    bot.fake.click(ALICE, reply.result, f"fb:{record_id(reply)}:down")
    await bot.fake.replies(ALICE, after=1)
    stored = b"".join(p.read_bytes() for p in bot.records_path.parent.glob("bot.sqlite3*"))
    assert TOKEN.encode() not in stored and TOKEN.split(":")[1].encode() not in stored
    record = bot.records().get(1)
    assert record is not None and record.feedback == "down"
