"""Reports sent to the bot through the fake Bot API (getFile and the file download included):
an admin's report is read, stored, indexed in the background and answered from; anyone else is
told they cannot; a file is refused before download when too big, and with a reason when it
cannot be read; the same file again changes nothing; /xoa removes a report."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.uploads import ADMINS_ONLY, REMOVE_ADMINS_ONLY
from rag.assistant import Assistant
from rag.manifest import Manifest
from tests.bot.fake_telegram import Call
from tests.bot.harness import ADMIN, ALICE, GROUP, Harness, running_bot, small_assistant
from tests.conftest import SEEDS, seed_text
from tests.documents import scanned_pdf, seed_docx, seed_pdf

pytestmark = pytest.mark.asyncio(loop_scope="session")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REPORT_2020 = SEEDS["2020"].replace(".txt", ".docx")
Q2020 = "Tổng thu ngân sách 6 tháng đầu năm 2020?"


@pytest.fixture
def fresh(tmp_path: Path) -> Assistant:
    """A real assistant of its own (two reports, hashing embedder): uploads change its index."""
    return small_assistant(tmp_path / "index")


@pytest.fixture
async def bot(fresh: Assistant, tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(fresh, tmp_path) as harness:
        yield harness


def corpus_files(assistant: Assistant) -> list[str]:
    return sorted(p.name for p in assistant.settings.corpus_dir.iterdir())


async def send_file(
    bot: Harness, user: int, name: str | None, data: bytes, count: int = 2, **kwargs: object
) -> list[Call]:
    """Send a file and wait for `count` replies (the acknowledgement and the outcome)."""
    before = len(bot.fake.texts(user))
    bot.fake.document(user, name, data, **kwargs)  # type: ignore[arg-type]
    return await bot.fake.replies(user, count=count, after=before, timeout=30)


async def test_admin_sends_a_word_report_and_it_is_answered_from(
    bot: Harness, fresh: Assistant, tmp_path: Path
) -> None:
    docx = seed_docx(seed_text("2020"), tmp_path / REPORT_2020)
    ack, done = await send_file(bot, ADMIN, docx.name, docx.read_bytes(), mime_type=DOCX_MIME)
    assert ack.params["text"] == f"Đã nhận «{REPORT_2020}», đang đọc và lập chỉ mục…"
    text = done.params["text"]
    entry = Manifest.load(fresh.settings.data_dir / "manifest.json").docs[REPORT_2020]
    assert text.startswith(f"✅ Đã thêm báo cáo «{REPORT_2020}»: <b>Thông báo KT-XH 6 tháng")
    assert "kỳ <b>6 tháng đầu năm 2020</b>" in text
    assert f"Đã đọc {len(entry.chunk_ids)} đoạn, trong đó 0 chú thích" in text
    assert [c.method for c in bot.fake.delivered("getFile")] == ["getFile"]
    assert bot.fake.downloads == ["documents/file-1"]
    assert REPORT_2020 in corpus_files(fresh)

    (answer,) = await bot.ask(ADMIN, Q2020)
    assert answer.params["text"].startswith("<b>3.042,3 tỷ đồng</b>")
    assert "6 tháng đầu năm 2020" in answer.params["text"]
    before = len(bot.fake.texts(ALICE))
    bot.fake.message(ALICE, "/baocao")
    (listing,) = await bot.fake.replies(ALICE, after=before)
    assert "Các báo cáo hiện có (3)" in listing.params["text"]

    # The same file again: nothing is stored, embedded or reloaded.
    (_, again) = await send_file(bot, ADMIN, docx.name, docx.read_bytes())
    assert "đã có trong dữ liệu, không thay đổi gì" in again.params["text"]
    after = Manifest.load(fresh.settings.data_dir / "manifest.json").docs[REPORT_2020]
    assert after == entry

    # Removal by an admin: gone from the index and the folder, and no longer answered from.
    before = len(bot.fake.texts(ADMIN))
    bot.fake.message(ADMIN, f"/xoa {REPORT_2020}")
    (removed,) = await bot.fake.replies(ADMIN, after=before)
    assert removed.params["text"] == (
        f"Đã xoá báo cáo «{REPORT_2020}» ({len(entry.chunk_ids)} đoạn) "
        "khỏi dữ liệu và thư mục báo cáo."
    )
    assert REPORT_2020 not in corpus_files(fresh)
    assert REPORT_2020 not in Manifest.load(fresh.settings.data_dir / "manifest.json").docs
    assert fresh.dense.ids(REPORT_2020) == []
    assert REPORT_2020 not in fresh.documents
    (refused,) = await bot.ask(ADMIN, Q2020)
    assert "3.042,3" not in refused.params["text"]


async def test_a_pdf_report_is_read_with_its_footnotes(
    bot: Harness, fresh: Assistant, tmp_path: Path
) -> None:
    pdf = seed_pdf(seed_text("2022"), tmp_path / "bao_cao_2022.pdf")
    _, done = await send_file(bot, ADMIN, pdf.name, pdf.read_bytes(), mime_type="application/pdf")
    assert "✅ Đã thêm báo cáo «bao_cao_2022.pdf»" in done.params["text"]
    assert "trong đó 14 chú thích" in done.params["text"]
    assert "bao_cao_2022.pdf" in fresh.documents


async def test_non_admins_are_told_they_cannot_add_or_remove(
    bot: Harness, fresh: Assistant, tmp_path: Path
) -> None:
    before = corpus_files(fresh)
    docx = seed_docx(seed_text("2020"), tmp_path / REPORT_2020)
    (reply,) = await send_file(bot, ALICE, docx.name, docx.read_bytes(), count=1)
    assert reply.params["text"] == ADMINS_ONLY
    bot.fake.message(ALICE, f"/xoa {SEEDS['2017']}")
    (reply,) = await bot.fake.replies(ALICE, after=1)
    assert reply.params["text"] == REMOVE_ADMINS_ONLY
    # A file shared in a group is not for the bot: no reply, nothing read.
    bot.fake.document(ADMIN, docx.name, docx.read_bytes(), chat_id=GROUP, chat_type="supergroup")
    await bot.ask(ALICE, "tong thu ngan sach 11 thang 2023")  # the bot has moved on
    assert bot.fake.texts(GROUP) == []
    assert bot.fake.delivered("getFile") == [] and bot.fake.downloads == []
    assert corpus_files(fresh) == before


async def test_files_that_cannot_be_reports_are_refused_with_the_reason(
    bot: Harness, fresh: Assistant, tmp_path: Path
) -> None:
    before = corpus_files(fresh)
    (big,) = await send_file(
        bot, ADMIN, "lon.pdf", b"%PDF-1.4", count=1, file_size=25 * 1024 * 1024
    )
    assert big.params["text"] == "Không nhận báo cáo «lon.pdf»: tệp lớn hơn 20 MB."
    (sheet,) = await send_file(bot, ADMIN, "bang.xlsx", b"PK\x03\x04", count=1)
    assert "chỉ nhận tệp .docx, .pdf, .txt hoặc .md" in sheet.params["text"]
    assert bot.fake.delivered("getFile") == []  # refused before anything was downloaded

    scan = scanned_pdf(tmp_path / "scan.pdf")
    _, refused = await send_file(bot, ADMIN, "scan.pdf", scan.read_bytes())
    assert refused.params["text"].startswith("Không nhận báo cáo «scan.pdf»: tệp PDF này không có")
    assert "ảnh quét" in refused.params["text"]
    _, garbled = await send_file(bot, ADMIN, "notes.txt", b"\x00\x01binary\x00")
    assert "không đọc được nội dung" in garbled.params["text"]
    assert corpus_files(fresh) == before


async def test_remove_without_a_name_lists_the_reports(bot: Harness) -> None:
    bot.fake.message(ADMIN, "/xoa")
    (reply,) = await bot.fake.replies(ADMIN)
    assert "Cách dùng: /xoa" in reply.params["text"]
    assert SEEDS["2017"] in reply.params["text"] and SEEDS["2023"] in reply.params["text"]
    bot.fake.message(ADMIN, "/xoa khong_co.docx")
    (missing,) = await bot.fake.replies(ADMIN, after=1)
    assert missing.params["text"].startswith("Không có báo cáo «khong_co.docx»")
