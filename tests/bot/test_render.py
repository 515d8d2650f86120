"""Rendering: escaping, splitting under the limit without breaking tags, button data."""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render import (
    CALLBACK_LIMIT,
    callback,
    cut_html,
    render_answer,
    render_passage,
    render_reports,
    split_html,
)
from rag.answer import Answer, Citation
from rag.periods import Period
from tests.bot.fake_telegram import html_problem, visible_text

CITATION = Citation(
    n=1,
    chunk_id="002_7fc097a99f4f5691.txt#fn16",
    doc="002_7fc097a99f4f5691.txt",
    title="Báo cáo KT-XH tháng 11/2023 (11 tháng)",
    period="tháng 11/2023 (11 tháng)",
    section="II. Kết quả > 1.6 Công tác <quản lý> & điều hành",
    section_ref="II.1.6",
    footnote=16,
    text="Trong đó: thu nội địa 1.234 tỷ đồng & thu <hải quan> 567 tỷ đồng.",
    context="Tổng thu ngân sách đạt 6.932,3 tỷ đồng¹⁶.",
)

words = st.lists(
    st.sampled_from([*"abcđêơ <>&\"'*_;#ỹ", "\n", "  ", "&amp;", "chỉ tiêu "]), max_size=300
).map("".join)


def _check_parts(parts: list[str], limit: int) -> None:
    for part in parts:
        assert len(part) <= limit, (len(part), part)
        assert html_problem(part) is None, (html_problem(part), part)


def _squash(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=12), st.integers(min_value=60, max_value=300))
def test_split_keeps_every_character_in_valid_parts(texts: list[str], limit: int) -> None:
    paragraphs = [
        f"<b>{escape(t)}</b> — <i>{escape(t[::-1])}</i>" if i % 2 else escape(t)
        for i, t in enumerate(texts)
    ]
    paragraphs = [p for p in paragraphs if visible_text(p).strip()] or ["x"]
    parts = split_html(paragraphs, limit)
    _check_parts(parts, limit)
    assert _squash(visible_text("".join(parts))) == _squash(visible_text("".join(paragraphs)))


def test_long_paragraph_is_cut_at_line_breaks_and_tags_reopened() -> None:
    lines = [f"dòng {i}: {'số liệu & chỉ tiêu ' * 5}" for i in range(60)]
    paragraph = "<blockquote><b>" + escape("\n".join(lines)) + "</b></blockquote>"
    pieces = cut_html(paragraph, 500)
    _check_parts(pieces, 500)
    assert all(p.startswith("<blockquote><b>") and p.endswith("</b></blockquote>") for p in pieces)
    for piece in pieces:
        text = visible_text(piece)
        assert text.startswith("dòng ") and text.rstrip().endswith("chỉ tiêu"), text[-30:]


def test_a_word_longer_than_the_limit_is_sliced_outside_entities() -> None:
    paragraph = escape("&<>" * 3000)
    pieces = cut_html(paragraph, 1000)
    _check_parts(pieces, 1000)
    assert visible_text("".join(pieces)) == "&<>" * 3000


def test_answer_is_escaped_with_figure_bold_and_buttons_small() -> None:
    answer = Answer(
        question="q",
        answer="6.932,3 tỷ đồng — “Thu <b> & chi” [1]\n- dòng hai [1]",
        refused=False,
        citations=[CITATION],
    )
    (reply,) = render_answer(answer, record_id=10**15)
    assert reply.html.startswith("<b>6.932,3 tỷ đồng</b> — “Thu &lt;b&gt; &amp; chi” [1]")
    assert escape(CITATION.label) in reply.html and html_problem(reply.html) is None
    assert reply.markup is not None
    data = [b.callback_data for row in reply.markup.inline_keyboard for b in row]
    assert data == [f"src:{10**15}:1", f"fb:{10**15}:up", f"fb:{10**15}:down"]
    assert all(len(str(d).encode()) <= CALLBACK_LIMIT for d in data)


def test_passage_of_a_footnote_shows_the_sentence_citing_it() -> None:
    (reply,) = render_passage(CITATION)
    assert html_problem(reply.html) is None
    text = visible_text(reply.html)
    assert "dẫn tới chú thích 16" in text and CITATION.context in text  # type: ignore[operator]
    assert CITATION.text in text and CITATION.label in text


def test_reports_are_listed_newest_first() -> None:
    documents = {
        "a": ("Báo cáo <A> tháng 11/2017 (11 tháng)", Period(2017, 11, 11)),
        "b": ("Thông báo kết luận", Period(2018, 6, day=29)),
    }
    html = render_reports(documents)
    assert html_problem(html) is None
    assert html.index("Thông báo") < html.index("&lt;A&gt;")
    assert "kỳ ngày 29/6/2018" in html


def test_callback_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError):
        callback("src", "đ" * 40)
