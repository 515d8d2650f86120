"""Cut a parsed report into citable chunks: section passages and footnotes, as TextNodes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from llama_index.core.schema import MetadataMode, TextNode

from rag.parse import Paragraph, Report, Section, SectionPath, path_display, path_ref
from rag.text import sentence_spans, strip_markers, word_count

# Metadata keys that describe a chunk but add nothing to its meaning for search.
_NOT_EMBEDDED = [
    "doc",
    "heading",
    "number",
    "doc_type",
    "period",
    "period_year",
    "period_month",
    "period_months",
    "date",
    "section_ref",
    "kind",
    "footnote",
    "table",
]


_LIST_LINE_WORDS = 60  # an item this short is a line of a list, not a topic of its own


@dataclass(frozen=True)
class _Piece:
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]

    @property
    def words(self) -> int:
        return word_count(self.text)


class Chunker:
    """Turns a Report into TextNodes: body passages of at most `max_words`, and footnotes.

    A passage never crosses a section boundary and never cuts a sentence (a single sentence
    longer than the bound is a passage of its own). A footnote chunk carries the body sentence
    that cites it, so it can be found, and quoted, on its own.
    """

    def __init__(self, max_words: int = 120) -> None:
        if max_words < 20:
            raise ValueError(f"max_words must be at least 20, got {max_words}")
        self.max_words = max_words

    def chunk(self, report: Report) -> list[TextNode]:
        base = _report_metadata(report)
        nodes: list[TextNode] = []
        if report.header is not None and report.header.text.strip():
            nodes.append(self._node(report, base, "head", [_whole(report.header)], kind="body"))
        index = 0
        for group in _by_section(report.paragraphs):
            for pieces in self._pack(group):
                index += 1
                nodes.append(self._node(report, base, f"b{index}", pieces, kind="body"))
        for number in sorted(report.footnotes):
            footnote = report.footnotes[number]
            metadata = {
                **base,
                "section": path_display(footnote.path),
                "section_ref": path_ref(footnote.path),
                "kind": "footnote",
                "footnote": number,
                "context": footnote.cited_by or "",
            }
            nodes.append(
                _text_node(
                    f"{report.doc}#fn{number}",
                    footnote.text,
                    metadata,
                    footnote.start,
                    footnote.end,
                )
            )
        return nodes

    def _node(
        self, report: Report, base: dict[str, Any], suffix: str, pieces: list[_Piece], kind: str
    ) -> TextNode:
        path = _shared_path([piece.paragraph.path for piece in pieces])
        metadata = {
            **base,
            "section": path_display(path),
            "section_ref": path_ref(path),
            "kind": kind,
            "footnote": 0,
            "context": "",
        }
        if pieces[0].paragraph.table:
            metadata["table"] = True  # rows of a table; `kind` stays "body" (DESIGN.md)
        start = min(p.paragraph.source_span(p.start, p.end)[0] for p in pieces)
        end = max(p.paragraph.source_span(p.start, p.end)[1] for p in pieces)
        text = "\n".join(p.text for p in pieces)
        return _text_node(f"{report.doc}#{suffix}", text, metadata, start, end)

    def _pack(self, paragraphs: list[Paragraph]) -> list[list[_Piece]]:
        """Greedily fill passages with whole paragraphs, or balanced runs of sentences."""
        units: list[_Piece] = []
        for paragraph in paragraphs:
            units.extend(self._split(paragraph))
        passages: list[list[_Piece]] = []
        current: list[_Piece] = []
        words = 0
        for unit in units:
            if current and words + unit.words > self.max_words:
                passages.append(current)
                current, words = [], 0
            current.append(unit)
            words += unit.words
        if current:
            passages.append(current)
        return passages

    def _split(self, paragraph: Paragraph) -> list[_Piece]:
        total = word_count(paragraph.text)
        if total <= self.max_words:
            return [_whole(paragraph)]
        spans = sentence_spans(paragraph.text)
        target = total / math.ceil(total / self.max_words)
        pieces: list[_Piece] = []
        start, words = spans[0][0], 0
        for i, (s, e) in enumerate(spans):
            n = word_count(paragraph.text[s:e])
            if words and (words + n > self.max_words or words >= target):
                pieces.append(_Piece(paragraph, start, spans[i - 1][1]))
                start, words = s, 0
            words += n
        pieces.append(_Piece(paragraph, start, spans[-1][1]))
        return pieces


def _whole(paragraph: Paragraph) -> _Piece:
    return _Piece(paragraph, 0, len(paragraph.text))


def _by_section(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Runs of paragraphs of one section; a table's rows are never packed with prose.

    Short numbered items that are each all of their section ("4. Sở Công Thương … đánh giá …")
    run on together, as the list they are: asked about the list, one passage holds it.
    """
    groups: list[list[Paragraph]] = []
    for paragraph in paragraphs:
        last = groups[-1][0] if groups else None
        if last is not None and (last.path, last.table) == (paragraph.path, paragraph.table):
            groups[-1].append(paragraph)
        else:
            groups.append([paragraph])
    runs: list[list[Paragraph]] = []
    in_list = False
    for group in groups:
        line = _list_line(group)
        if line and in_list and runs[-1][-1].path[:-1] == group[0].path[:-1]:
            runs[-1].append(group[0])
        else:
            runs.append(group)
        in_list = line
    return runs


def _list_line(group: list[Paragraph]) -> bool:
    """A short numbered item that is its section's one paragraph."""
    [first, *rest] = group
    return (
        not rest
        and not first.table
        and bool(first.path)
        and first.path[-1].is_item
        and word_count(first.text) <= _LIST_LINE_WORDS
    )


def _shared_path(paths: list[SectionPath]) -> SectionPath:
    """The innermost section holding all these paths: the list, for a passage of its items."""
    shared: list[Section] = []
    for sections in zip(*paths, strict=False):  # as deep as the shallowest path
        if any(section != sections[0] for section in sections):
            break
        shared.append(sections[0])
    return tuple(shared)


def _report_metadata(report: Report) -> dict[str, Any]:
    period = report.period
    return {
        "doc": report.doc,
        "title": report.short_title,
        "heading": report.title,  # as the report words it, which a citation gives
        "number": report.number or "",  # "268/BC-UBND": with the date, how it is cited
        "doc_type": report.doc_type,
        "period": period.label if period else "",
        "period_year": period.year if period else 0,
        "period_month": (period.month or 0) if period else 0,
        "period_months": (period.months or 0) if period else 0,
        "date": report.date.iso() if report.date else "",
    }


def _text_node(node_id: str, text: str, metadata: dict[str, Any], start: int, end: int) -> TextNode:
    return TextNode(
        id_=node_id,
        text=text,
        metadata=metadata,
        start_char_idx=start,
        end_char_idx=end,
        excluded_embed_metadata_keys=list(_NOT_EMBEDDED),
        excluded_llm_metadata_keys=list(_NOT_EMBEDDED),
        metadata_template="{value}",
        metadata_seperator="\n",
        text_template="{metadata_str}\n{content}",
    )


def search_text(node: TextNode) -> str:
    """What the embedder and the lexical index read: report, section, citing sentence, text."""
    return strip_markers(node.get_content(metadata_mode=MetadataMode.EMBED))


def chunk_record(node: TextNode) -> dict[str, Any]:
    """The `baocao chunks --json` shape of a node (DESIGN.md), with a few extra fields."""
    meta = node.metadata
    return {
        "id": node.node_id,
        "doc": meta["doc"],
        "kind": meta["kind"],
        "section": meta["section"],
        "footnote": meta["footnote"] or None,
        "period": meta["period"],
        "text": node.text,
        "title": meta["title"],
        "context": meta["context"] or None,
        "start": node.start_char_idx,
        "end": node.end_char_idx,
        "words": word_count(node.text),
        **({"table": True} if meta.get("table") else {}),
    }
