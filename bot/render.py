"""Telegram HTML for answers, passages and lists: everything escaped, cut into valid messages.

Messages are built as paragraphs of balanced HTML and packed into parts under Telegram's
limit; a paragraph too long for one message is cut at a line or a space, with its open tags
closed at the end of one part and opened again at the start of the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from rag.answer import Answer, Citation
from rag.periods import Period

# Telegram refuses a text over 4,096 characters; the HTML we count is longer than the text
# Telegram counts (tags, entities), so staying under this bound is always safe.
MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes of callback_data Telegram accepts
SOURCE_BUTTONS_PER_ROW = 4
MAX_SOURCE_BUTTONS = 12

REASONS = {
    "so": "sai số liệu",
    "ky": "sai kỳ báo cáo",
    "thieu": "thiếu",
    "khac": "khác",
}


@dataclass(frozen=True)
class Reply:
    """One message to send: HTML text and the buttons under it (on the last part only)."""

    html: str
    markup: InlineKeyboardMarkup | None = None


# ---------------------------------------------------------------------------- callback data


def callback(*fields: object) -> str:
    """ "src:12:3": a verb and its arguments, checked against Telegram's 64-byte limit."""
    data = ":".join(str(f) for f in fields)
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback_data over {CALLBACK_LIMIT} bytes: {data!r}")
    return data


def parse_callback(data: str | None) -> list[str]:
    return (data or "").split(":")


# ---------------------------------------------------------------------------- answers


def render_answer(answer: Answer, record_id: int) -> list[Reply]:
    """The figure first, the [n] markers, the sources under it; source and 👍/👎 buttons."""
    # One paragraph for the answer, one for its sources: a long one is cut at a line break.
    lines = [_answer_line(line) for line in answer.answer.split("\n") if line.strip()]
    paragraphs = ["\n".join(lines)]
    if answer.refused:
        if answer.related:
            heading = "<b>Các đoạn gần nhất</b> (không phải câu trả lời):"
            paragraphs.append("\n".join([heading, *map(_source_line, answer.related)]))
        buttons = _source_buttons("rel", record_id, answer.related)
    else:
        paragraphs.append("\n".join(["<b>Nguồn:</b>", *map(_source_line, answer.citations)]))
        buttons = _source_buttons("src", record_id, answer.citations)
    buttons.append(
        [
            InlineKeyboardButton("👍", callback_data=callback("fb", record_id, "up")),
            InlineKeyboardButton("👎", callback_data=callback("fb", record_id, "down")),
        ]
    )
    return attach(split_html(paragraphs), InlineKeyboardMarkup(buttons))


def _answer_line(line: str) -> str:
    """The figure (what comes before " — ") in bold, the rest escaped as is."""
    head, sep, rest = line.partition(" — ")
    if sep and len(head) <= 120:
        return f"<b>{escape(head)}</b>{sep}{escape(rest)}"
    return escape(line)


def _source_line(citation: Citation) -> str:
    return f"[{citation.n}] {escape(citation.label)}"


def _source_buttons(
    verb: str, record_id: int, citations: list[Citation]
) -> list[list[InlineKeyboardButton]]:
    label = "Nguồn" if verb == "src" else "Đoạn"
    buttons = [
        InlineKeyboardButton(f"{label} {c.n}", callback_data=callback(verb, record_id, c.n))
        for c in citations[:MAX_SOURCE_BUTTONS]
    ]
    return [
        buttons[i : i + SOURCE_BUTTONS_PER_ROW]
        for i in range(0, len(buttons), SOURCE_BUTTONS_PER_ROW)
    ]


def render_passage(citation: Citation) -> list[Reply]:
    """The full cited passage and, for a footnote, the body sentence that cites it."""
    paragraphs = [f"<b>[{citation.n}] {escape(citation.label)}</b>"]
    if citation.section:
        section = citation.section.replace(" > ", " › ")
        paragraphs.append(f"<i>Mục: {escape(section)}</i>")
    if citation.context:
        number = f" {citation.footnote}" if citation.footnote else ""
        paragraphs.append(f"Câu trong báo cáo dẫn tới chú thích{number}:")
        paragraphs.append(f"<blockquote>{escape(citation.context)}</blockquote>")
        paragraphs.append(f"Nội dung chú thích{number}:")
    paragraphs.extend(
        f"<blockquote>{escape(block)}</blockquote>"
        for block in citation.text.split("\n\n")
        if block.strip()
    )
    return attach(split_html(paragraphs))


# ---------------------------------------------------------------------------- lists and help


def render_reports(documents: Mapping[str, tuple[str, Period]]) -> str:
    """One line a report, newest first: title and the period it reports on."""
    if not documents:
        return "Chưa có báo cáo nào trong chỉ mục."
    lines = [f"<b>Các báo cáo hiện có ({len(documents)}):</b>"]
    for title, period in sorted(
        documents.values(), key=lambda tp: _period_key(tp[1]), reverse=True
    ):
        suffix = "" if period.label in title else f" — kỳ {escape(period.label)}"
        lines.append(f"• {escape(title)}{suffix}")
    return "\n".join(lines)


def render_help(
    documents: Mapping[str, tuple[str, Period]], examples: Iterable[str], bot_username: str
) -> list[Reply]:
    """What the bot knows, how to ask, and example questions as buttons."""
    how = [
        "• Nhắn câu hỏi, có dấu hoặc không dấu, nên nêu kỳ báo cáo "
        "(ví dụ «tháng 11/2023», «6 tháng đầu năm 2020»).",
        "• Hỏi tiếp ngắn gọn: «còn tháng 11/2023?», «năm 2017 thì sao?».",
        f"• Trong nhóm: gọi @{escape(bot_username)}, trả lời tin nhắn của tôi "
        "hoặc dùng /hoi &lt;câu hỏi&gt;.",
        "• Bấm «Nguồn n» để xem đoạn trích đầy đủ; 👍/👎 để góp ý.",
        "• /baocao: danh sách báo cáo; /help: hướng dẫn này.",
    ]
    paragraphs = [
        "<b>Trợ lý tra cứu báo cáo kinh tế - xã hội của tỉnh</b>",
        "Tôi trả lời bằng số liệu trích nguyên văn từ các báo cáo, kèm nguồn "
        "(báo cáo › mục › chú thích) để anh/chị trích dẫn được.",
        render_reports(documents),
        "<b>Cách hỏi:</b>\n" + "\n".join(how),
        "<b>Thử các câu hỏi mẫu:</b>",
    ]
    buttons = [
        [InlineKeyboardButton(_button_text(question), callback_data=callback("ex", i))]
        for i, question in enumerate(examples)
    ]
    return attach(split_html(paragraphs), InlineKeyboardMarkup(buttons) if buttons else None)


def _button_text(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def reason_keyboard(record_id: int) -> InlineKeyboardMarkup:
    """The optional reasons a 👎 can carry."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(text, callback_data=callback("why", record_id, code))
                for code, text in REASONS.items()
            ]
        ]
    )


def _period_key(period: Period) -> tuple[int, int, int]:
    return (period.year, period.month or period.months or 0, period.day or 0)


# ---------------------------------------------------------------------------- splitting

_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_TAGS = re.compile(r"<[^>]*>")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")
# A text piece we never cut inside: an entity, or a word with the spaces after it.
_PIECE = re.compile(r"&#?\w+;|\n|[^\S\n]+|[^\s&]+|&")


def attach(parts: list[str], markup: InlineKeyboardMarkup | None = None) -> list[Reply]:
    """Replies for the parts, the buttons under the last one."""
    return [Reply(part, markup if i == len(parts) - 1 else None) for i, part in enumerate(parts)]


def split_html(paragraphs: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pack balanced HTML paragraphs into messages of at most `limit` characters, joined by a
    blank line; a paragraph longer than `limit` is cut tag-aware by `cut_html`."""
    parts: list[str] = []
    current = ""
    for paragraph in paragraphs:
        pieces = [paragraph] if len(paragraph) <= limit else cut_html(paragraph, limit)
        for piece in pieces:
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts or [""]


def cut_html(html: str, limit: int) -> list[str]:
    """Cut one balanced paragraph into pieces of at most `limit` characters, preferring line
    breaks, then spaces; never inside a tag or an entity; open tags are closed and reopened."""
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag) of the tags open at this point
    current = ""
    has_text = False
    last_break: tuple[int, list[tuple[str, str]]] | None = None  # where a line break ended

    def closing(tags: list[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(tags))

    def flush(at: int, tags: list[tuple[str, str]]) -> None:
        nonlocal current, has_text
        head, tail = current[:at], current[at:]
        pieces.append(head.rstrip() + closing(tags))
        current = "".join(opening for _, opening in tags) + tail.lstrip()
        has_text = bool(_TAGS.sub("", tail).strip())

    for token in _TOKEN.findall(html):
        units = [token] if token.startswith("<") else _text_units(token, limit // 2)
        for unit in units:
            after = _apply_tag(stack, unit) if unit.startswith("<") else stack
            if has_text and len(current) + len(unit) + len(closing(after)) > limit:
                if last_break and last_break[0] > len(current) // 2:
                    flush(*last_break)
                else:
                    flush(len(current), stack)
                last_break = None
            current += unit
            if unit.startswith("<"):
                stack[:] = after
            elif unit.strip():
                has_text = True
            if unit == "\n":
                last_break = (len(current), list(stack))
    if _TAGS.sub("", current).strip():
        pieces.append(current)
    return pieces


def _text_units(text: str, longest: int) -> list[str]:
    """Words, spaces, line breaks and entities; a word longer than `longest` in slices."""
    units: list[str] = []
    for unit in _PIECE.findall(text):
        if len(unit) > longest:
            units.extend(unit[i : i + longest] for i in range(0, len(unit), longest))
        else:
            units.append(unit)
    return units


def _apply_tag(stack: list[tuple[str, str]], tag: str) -> list[tuple[str, str]]:
    """The open tags after `tag`."""
    match = _TAG_NAME.match(tag)
    if not match:
        return stack
    name = match.group(1).lower()
    if tag.startswith("</"):
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                return stack[:i]
        return stack
    if tag.endswith("/>"):
        return stack
    return [*stack, (name, tag)]
