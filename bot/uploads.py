"""Reports added and removed through the bot, by admins.

An admin sends a report (.docx, .pdf, .txt or .md) as a file in a private chat with the bot.
Its name, type and size are checked first (a file over 20 MB is refused from Telegram's
`file_size`, before anything is downloaded); the bot answers at once that it is reading it,
then downloads, reads, stores and indexes it in the background (a worker thread, so questions
keep being answered) and tells the admin when it can be asked about, with its period and the
number of passages read, or why it was refused. The same file sent again changes nothing.
`/xoa <tệp>` (also `/remove`) removes a report from the index and the corpus folder.

Anyone else who sends a file in a private chat is told that only admins can add reports;
files shared in groups are ignored (people share files in groups for one another).
"""

from __future__ import annotations

import asyncio
import logging
from html import escape
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.handlers import APOLOGY, Services, send, services
from bot.render import Reply
from rag.chunk import Chunker
from rag.corpus import Added, DuplicateReportError, Library, UnknownReportError, safe_name
from rag.errors import IndexBusyError, UnreadableFileError
from rag.ingest import Ingestor
from rag.readers import MAX_FILE_BYTES, check_name, check_size
from rag.settings import Settings

log = logging.getLogger(__name__)

MIME_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
ADMINS_ONLY = (
    "Chỉ quản trị viên mới được thêm báo cáo. Anh/chị cần thêm báo cáo nào, "
    "vui lòng gửi cho quản trị viên."
)
REMOVE_ADMINS_ONLY = "Lệnh /xoa chỉ dành cho quản trị viên."
NO_LIBRARY = "Bot này không nhận báo cáo mới (chỉ đọc dữ liệu); vui lòng gửi cho bot quản trị."
REMOVE_USAGE = "Cách dùng: /xoa &lt;tên tệp báo cáo&gt;, ví dụ: /xoa baocao_thang_12_2023.docx"
BUSY = "Dữ liệu đang được cập nhật bởi một tiến trình khác; vui lòng gửi lại sau ít phút."


@runtime_checkable
class Reindexable(Protocol):
    """What the library needs of the assistant: its embedder and store, and a reload."""

    embedder: Any
    dense: Any

    def reload(self) -> None: ...


def open_library(settings: Settings, assistant: object) -> Library | None:
    """The library over the assistant's own embedder and store (one model, one Chroma
    client per process), reloading the assistant after each change; None when the assistant
    cannot be re-indexed (a stand-in)."""
    if not isinstance(assistant, Reindexable) or settings.chroma.read_only:
        return None  # a reader bot: reports are added where the writer runs
    ingestor = Ingestor(
        data_dir=settings.data_dir,
        embedder=assistant.embedder,
        dense=assistant.dense,
        chunker=Chunker(settings.chunking.max_words),
    )
    return Library(settings.corpus_dir, ingestor, on_change=assistant.reload)


def _is_admin(update: Update, s: Services) -> bool:
    user = update.effective_user
    return user is not None and user.id in s.admins


async def _library_for_admin(
    update: Update, context: ContextTypes.DEFAULT_TYPE, s: Services, not_admin: str
) -> Library | None:
    """The library, when an admin asks and this bot can change reports; else say why not."""
    if not _is_admin(update, s):
        await send(context, update, [Reply(not_admin)])
        return None
    if s.library is None:
        await send(context, update, [Reply(NO_LIBRARY)])
    return s.library


# ---------------------------------------------------------------------------- upload


async def document_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent in a private chat: checked, then read and indexed in the background."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or message.document is None or chat is None:
        return
    s = services(context)
    if await _library_for_admin(update, context, s, ADMINS_ONLY) is None:
        return
    document = message.document
    raw_name = document.file_name or "baocao" + MIME_SUFFIXES.get(document.mime_type or "", "")
    try:
        name = safe_name(raw_name)
        check_name(Path(name))
        if document.file_size is not None:
            check_size(Path(name), document.file_size)
    except UnreadableFileError as exc:
        await send(context, update, [Reply(refusal(raw_name, exc))])
        return
    await send(context, update, [Reply(f"Đã nhận «{escape(name)}», đang đọc và lập chỉ mục…")])
    context.application.create_task(
        _ingest(context.bot, s, chat.id, name, document.file_id), update=update
    )


async def _ingest(bot: Bot, s: Services, chat_id: int, name: str, file_id: str) -> None:
    """Download, read, store and index; then tell the admin how it went."""
    assert s.library is not None
    try:
        telegram_file = await bot.get_file(file_id)
        data = bytes(await telegram_file.download_as_bytearray())
        added = await asyncio.to_thread(s.library.add, name, data)
    except UnreadableFileError as exc:
        text = refusal(name, exc)
    except DuplicateReportError as exc:
        text = (
            f"Báo cáo «{escape(name)}» đã có trong dữ liệu với tên «{escape(exc.existing)}»; "
            "không thay đổi gì."
        )
    except IndexBusyError:
        text = BUSY
    except TelegramError:
        log.warning("could not download %s", name, exc_info=True)
        text = f"Không tải được tệp «{escape(name)}» từ Telegram; vui lòng gửi lại."
    except Exception:
        log.exception("adding %s failed", name)
        text = APOLOGY
    else:
        log.info("report %s %s: %d chunks in %.1f s", added.doc, added.status, added.chunks,
                 added.seconds)  # fmt: skip
        text = render_added(added)
    try:
        await bot.send_message(chat_id, text)
    except TelegramError:
        log.warning("could not tell chat %s about %s", chat_id, name, exc_info=True)


def render_added(added: Added) -> str:
    """The admin's notice: searchable now, with title, period and what was read."""
    name = escape(added.doc)
    period = (
        f"kỳ <b>{escape(added.period)}</b>"
        if added.period
        else "<b>chưa xác định được kỳ báo cáo</b> (câu hỏi nêu kỳ sẽ không tìm tới báo cáo này)"
    )
    read = f"{added.chunks} đoạn, trong đó {added.footnotes} chú thích"
    if added.tables:
        read += f" và {added.tables} đoạn bảng số liệu"
    if added.status == "unchanged":
        return (
            f"Báo cáo «{name}» đã có trong dữ liệu, không thay đổi gì "
            f"({escape(added.title)}, {period}; {read})."
        )
    verb = "Đã thêm" if added.status == "added" else "Đã cập nhật"
    seconds = f"{added.seconds:.0f}".replace(".", ",")
    return (
        f"✅ {verb} báo cáo «{name}»: <b>{escape(added.title)}</b>, {period}.\n"
        f"Đã đọc {read}. Có thể hỏi ngay (xử lý trong {seconds} giây)."
    )


def refusal(name: str, error: UnreadableFileError) -> str:
    """Why a file was refused, in Vietnamese (the reader's own words kept for the details)."""
    reason = error.reason
    if "no text layer" in reason:
        why = (
            "tệp PDF này không có lớp chữ (là ảnh quét), không đọc được nếu không nhận dạng "
            "ký tự (OCR); vui lòng gửi tệp Word hoặc PDF xuất từ Word"
        )
    elif "unsupported file type" in reason:
        why = "chỉ nhận tệp .docx, .pdf, .txt hoặc .md"
    elif "too large" in reason:
        why = f"tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB"
    elif "empty" in reason:
        why = "tệp rỗng"
    elif "no usable name" in reason:
        why = "tên tệp không hợp lệ"
    else:
        detail = reason if len(reason) <= 200 else reason[:199] + "…"
        why = f"không đọc được nội dung ({detail})"
    return f"Không nhận báo cáo «{escape(name)}»: {escape(why)}."


# ---------------------------------------------------------------------------- removal


async def remove_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xoa <tệp> (also /remove): take a report out of the index and the corpus folder."""
    s = services(context)
    library = await _library_for_admin(update, context, s, REMOVE_ADMINS_ONLY)
    if library is None:
        return
    doc = " ".join(context.args or []).strip()
    if not doc:
        names = await asyncio.to_thread(library.documents)
        listing = "\n".join(f"• {escape(n)}" for n in names) or "(chưa có báo cáo nào)"
        await send(context, update, [Reply(f"{REMOVE_USAGE}\n\nCác tệp hiện có:\n{listing}")])
        return
    try:
        removed = await asyncio.to_thread(library.remove, doc)
    except (UnknownReportError, UnreadableFileError):
        text = f"Không có báo cáo «{escape(doc)}». Gõ /xoa để xem tên các tệp."
    except IndexBusyError:
        text = BUSY
    else:
        where = " và thư mục báo cáo" if removed.file is not None else ""
        text = (
            f"Đã xoá báo cáo «{escape(removed.doc)}» ({removed.chunks} đoạn) khỏi dữ liệu{where}."
        )
    await send(context, update, [Reply(text)])
