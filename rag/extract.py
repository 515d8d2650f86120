"""Extractive answers: find the sentence that holds the figure, and say it with its source.

Sentences are scored by how much of the question they cover (IDF-weighted syllables, without
diacritics so that "tong thu ngan sach" counts), by the question's word pairs they contain, by
whether they speak of the period asked ("11 tháng", "trong tháng"), and by holding a number when
the question asks for one. A sentence that continues the one before it ("Lũy kế 11 tháng 5.775
tỷ đồng") borrows that sentence's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from llama_index.core.schema import TextNode

from rag.abbreviations import expand_abbreviations
from rag.figures import (
    Figure,
    counted_in,
    counts_in,
    figures_of,
    has_date,
    lead_figure,
    ordinals_in,
    references_in,
)
from rag.numbers import numbers_in
from rag.periods import QueryPeriod
from rag.retrieve import Hit
from rag.terms import GRADE, Terms, Vocabulary, grades_in, words_of
from rag.text import (
    enumerates,
    footnote_markers,
    looks_like_instruction,
    semicolon_parts,
    sentence_spans,
    strip_diacritics,
)

# A continuation ("Lũy kế …") is about what the sentence before is about, nearly as much.
_CARRIED = 0.9
# A sentence naming no period is of the period the sentence before named, though less surely
# than a continuation: a passage can run on to another topic.
_CONTEXT_CARRIED = 0.5
_SINCE_WORDS = r"lũy kế|luỹ kế|tính chung|đến nay|hết tháng|từ đầu năm|tính đến"
_CONTINUATION = re.compile(
    rf"^(?:[-–]\s*)?(?:{_SINCE_WORDS}|trong đó|cụ thể|ước|riêng|so với|đây|điều này|việc này)\b",
    re.I,
)
# Continuations that say since when, and the date or period that follows them; more words than
# this between them and the figure name a subject of the sentence's own.
_SUBJECT_WORDS = 4
_SINCE = re.compile(rf"(?:[-–]\s*)?(?:{_SINCE_WORDS})", re.I)
_PERIOD_PHRASE = re.compile(
    r"^\s*(?:đến (?:hết )?|hết |từ đầu năm (?:đến )?)?"
    r"(?:(?:ngày )?\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng(?: đầu)?(?: năm \d{4})?"
    r"|tháng \d{1,2}(?:/\d{4})?|năm \d{4})?[,\s]*",
    re.I,
)
_CUMULATIVE = re.compile(
    r"lũy kế|luỹ kế|tính chung|từ đầu năm|\b\d{1,2} tháng\b|cả năm"
    # What stands at a date: "ước giải ngân đến hết tháng 5/2024", "tính đến ngày 20/6".
    r"|\bđến (?:hết |cuối )?tháng \d|\btính đến\b",
    re.I,
)
# "tháng 11", not "11 tháng 5.775 tỷ đồng" (a figure after the months) nor "tháng 11/2023".
_IN_MONTH = re.compile(r"trong tháng|tháng này|\btháng \d{1,2}\b(?![.,]\d)(?! năm \d)(?!/)", re.I)
# Tasks and targets: what is to be done, which no result question is answered by. With the
# forecasts ("dự báo khả năng thực hiện", "dự kiến cả năm"), what a plan question asks for.
# "Chương trình mục tiêu (quốc gia)" names a budget line, not a target.
_TASKS = r"NHIỆM VỤ|MỤC TIÊU|GIẢI PHÁP|CHỈ TIÊU"
_TARGETS = r"phấn đấu|chỉ tiêu|(?<!chương trình )mục tiêu"
# "Các chỉ tiêu kinh tế" heads a forecast of results as often as a target: only a heading
# naming tasks, aims or measures does, unless it reports on them ("Đánh giá việc thực hiện
# nhiệm vụ …").
_TASK_HEADING = re.compile(r"NHIỆM VỤ|MỤC TIÊU|GIẢI PHÁP", re.I)
_RESULT_HEADING = re.compile(r"^\W*(?:[\dIVXa-z]{1,4}[.)]\s*)?(?:đánh giá|kết quả|tình hình)", re.I)
_TARGET_SENTENCE = re.compile(_TARGETS, re.I)
# Where those words describe rather than set a target: "Đã khởi công … tại 10 xã phấn đấu đạt
# chuẩn" reports what was done; "hỗ trợ có mục tiêu" names a budget line; "đạt 100% chỉ
# tiêu" measures a result.
_DONE = re.compile(r"\bđã\b", re.I)
_DESCRIBED_TARGET = re.compile(
    r"(?:xã|huyện|thôn|hộ|có|nỗ lực)\s+(?:phấn đấu|mục tiêu)"
    # A share of the target reached: "Hoàn thành giao 1.150 công dân …, đạt 100% chỉ tiêu".
    r"|(?:đạt|vượt|hoàn thành)\s+[\d.,]+\s*%\s+(?:chỉ tiêu|mục tiêu)",
    re.I,
)
_PLAN_SECTION = re.compile(rf"{_TASKS}|DỰ BÁO|DỰ KIẾN", re.I)
_PLAN_SENTENCE = re.compile(rf"{_TARGETS}|dự kiến|kế hoạch năm \d{{4}} là", re.I)
# Reports state results as one figure and aims as a range ("bình quân từ 8 - 9%", "khoảng
# 2.600 - 2.700 USD"): a range of percentages or money is a target (years and "80-100 xe/ngày"
# are not).
_TARGET_RANGE = re.compile(
    r"(?<![\d/.,])\d{1,3}(?:[.,]\d+)*\s*[-–]\s*\d{1,3}(?:[.,]\d+)*"
    r"\s*(?:%|(?:nghìn |triệu |tỷ )*(?:đồng|USD)\b)"
)
_CARRIED_INTO = re.compile(r"(?:từ )?năm (?:19|20)\d{2} chuyển sang")
_SAME_TIME_YEAR = re.compile(r"cùng kỳ năm ((?:19|20)\d{2})")
_CAUSE = re.compile(r"nguyên nhân|\b(?:do|vì|bởi)\b|ảnh hưởng|phụ thuộc", re.I)
_TRENDS = {"tang": "giam", "giam": "tang"}  # rose, fell: each the other's opposite
_QUARTER_NAMED = re.compile(r"\bquý\s+(I{1,3}|IV|[1-4])\b", re.I)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# A month asked alone ("riêng tháng 6", "trong tháng 9/2019") or a quarter: its clause is
# preferred by about as much as the months asked are.
_PART_ASKED_BONUS = 0.25
_FIGURE_CLAUSE = re.compile(r";\s+|:\s+|,\s+trong đó\b|\.\s+")
_MAX_QUOTE_WORDS = 60
# A passage this short answering a list question is quoted whole. Dev 1219 / fresh lists
# g1329–g1358: footnotes only up to 60 words (before) ±0 / ±0; any passage up to 60 words
# ±0 / +1; up to 100 words +1 / +1.
_LIST_PASSAGE_WORDS = 100
# In a longer passage, the paragraph of the sentence found is quoted when this short: a
# numbered task and the actions after it, a bullet and its items (dev 1249: +2, none lost;
# 250 words the same).
_LIST_PARAGRAPH_WORDS = 150
# A sentence this long or shorter is quoted whole (nine in ten of the reports' sentences are
# under 63 words, 99 in 100 under 125): an official quotes the sentence, and a cut one hides
# the figures beside the one asked (its share of the plan, its comparison).
_WHOLE_SENTENCE_WORDS = 120
# A report's place and date line: "Lạng Sơn, ngày 29 tháng 6 năm 2018", "…, ngày tháng 7 năm 2020".
_DATE_LINE = re.compile(r"^[^,\n]{2,30}, ngày\b.*\bnăm \d{4}\s*$")
_HECTARES = frozenset({"ha"})
_AREA = ["dien", "tich"]
_OPPOSITE_PENALTY = 0.2  # as much as a target where a result is asked
_CHANGED = frozenset({"tang", "giam"})  # "tăng 14,1%": a change, not a rate


@dataclass
class Candidate:
    """The best sentence of a retrieved passage for a question."""

    hit: Hit
    quote: str  # what the answer quotes (the sentence, maybe with the one it continues)
    sentence: str  # the sentence itself
    score: float
    coverage: float
    markers: tuple[int, ...]
    clause: str = ""  # the clause holding the figure asked for, the one quoted of a list
    period: QueryPeriod | None = None  # the period asked, which the sentence was read for
    own: float = 0.0  # coverage by the sentence itself (or the one it continues)
    unit_mismatch: bool = False  # the question counts in a unit this sentence's figures do not
    target: bool = False  # a target or task ("phấn đấu", a section of tasks), not a result
    # What the sentence continues speaks of: the one before, cut to its subject ("Tổng thu
    # ngân sách … tháng 11 …" before "Luỹ kế 11 tháng đầu năm 6.932,3 tỷ đồng, trong đó …").
    subject: str = ""

    @property
    def node(self) -> TextNode:
        return self.hit.node

    def gives_only_change(self, terms: Terms) -> bool:
        """Are the figures of the clause answering only changes ("cây thạch đen tăng mạnh,
        tăng 34,97%"), no amount?"""
        figures = figures_of(self._answering_clause(terms) or self.sentence)
        return bool(figures) and all(f.word_before in _CHANGED for f in figures)

    def lead(self, terms: Terms) -> str | None:
        """The figure the answer leads with: of the clause and the words that speak most of
        the question and of the period asked (read for the one sentence answered with)."""
        if terms.wants_ordinal:
            ordinals = ordinals_in(self._answering_clause(terms)) or ordinals_in(self.sentence)
            if ordinals:
                return ordinals[0]
        asks_each = len(terms.things) > 1 and terms.asks_each(self.sentence)
        each = _figure_of_each(terms, self.quote) if asks_each else None
        if each:
            return each
        clause = self._answering_clause(terms)
        return answer_figure(terms, clause or self.sentence, self.sentence, self.period)

    def _answering_clause(self, terms: Terms) -> str:
        """The clause of the sentence that answers, read for the period asked."""
        background = _background(self.node)
        return clause_of_figure(terms, self.sentence, background, self.period, self.subject)[0]


class SentenceRanker:
    """Scores the sentences of retrieved passages against a question."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def terms(self, question: str, typed: str | None = None) -> Terms:
        return self.vocabulary.terms(question, typed)

    def coverage(
        self, terms: Terms, words: list[str], accented: set[str] | None = None
    ) -> tuple[float, float]:
        """Share of the question's weight the words hold, and of its word pairs."""
        return coverage(terms, words, accented)

    def best(self, hit: Hit, terms: Terms, period: QueryPeriod | None) -> Candidate | None:
        node = hit.node
        text = node.text
        spans = sentence_spans(text)
        if not spans:
            return None
        section = node.metadata.get("section", "")
        # Every heading above a passage says what it is about ("A. Đánh giá giữa kỳ … > 2. Đánh
        # giá sự phát triển của các ngành"), not only the nearest.
        heading = terms.words(section)
        section_years = _heading_years(section)
        context = terms.words(node.metadata.get("context") or "")
        plan_section = is_plan_section(section)
        target_section = _is_task_section(section)
        extra_accents = terms.accented(f"{section} {node.metadata.get('context') or ''} {text}")
        best: Candidate | None = None
        best_span = (0, 0)
        previous_words: list[str] = []
        previous_own = previous_bonus = 0.0
        # A footnote naming no period is of the sentence citing it ("… trong tháng 523,4 tỷ
        # đồng¹¹" against "Lũy kế 11 tháng 5.775 tỷ đồng¹²"): its first sentence continues it.
        cited_by = node.metadata.get("context") if node.metadata.get("kind") == "footnote" else ""
        cited_subject = terms.words(_subject(cited_by)) if cited_by and terms.opposed else []
        first = True
        # A report's header (type, number, date, title) answers "which report" and when it was
        # issued, not figures.
        header = node.node_id.endswith("#head")
        header_penalty = 0.0 if terms.wants_doc or terms.wants_issue_date or not header else 0.3
        for s, e in spans:
            sentence = text[s:e]
            if looks_like_instruction(sentence):
                continue  # an attempt to steer the answer, not a fact
            words = terms.words(sentence)
            if "ha" in terms.units and counts_in(sentence, _HECTARES):
                words += _AREA  # a figure in hectares is an area: "Trồng rừng mới 6.753 ha"
            accents = terms.accented(sentence)  # "chỉ số" is not "Chi Lăng"
            own, _ = self.coverage(terms, words, accents)
            continues = _continues(sentence)
            if continues:  # "Lũy kế 11 tháng 6.932,3 tỷ đồng" speaks of the sentence before
                own = max(own, _CARRIED * previous_own)
            previous_own = own
            # A continuation is scored with the words of the sentence it continues; another
            # sentence is not (that sentence is scored for itself), though a weak one is quoted
            # with the subject the sentence before names.
            borrowed = previous_words if continues else []
            wide, wide_pairs = self.coverage(
                terms, words + borrowed + heading + context, accents | extra_accents
            )
            score = 0.8 * wide + 0.3 * wide_pairs + 0.4 * own - header_penalty
            # Asked which year, a sentence naming another year than the report's may answer.
            period_bonus = _period_bonus(sentence, period, section_years, terms.wants_year)
            if first and cited_by and not period_bonus:
                period_bonus = _period_bonus(cited_by, period, section_years, terms.wants_year)
            elif continues and not period_bonus:  # "Trong đó …" after "Tính chung 11 tháng …"
                period_bonus = previous_bonus
            elif not period_bonus:  # "Trong tháng, …. Cấp 27 giấy …": the passage's period
                period_bonus = _CONTEXT_CARRIED * previous_bonus
            previous_bonus = period_bonus
            first = False
            score += period_bonus
            if terms.quantitative:
                score += 0.1 if _holds_figure(terms, sentence) else -1.0  # no figure, no answer
            unit = _unit_bonus(sentence, terms.units)
            score += unit
            is_plan = plan_section or bool(
                _PLAN_SENTENCE.search(sentence) or _TARGET_RANGE.search(sentence)
            )
            if is_plan != terms.wants_plan:
                score -= 0.2  # a target where a result is asked, or the reverse
            if (
                not terms.wants_reason
                and terms.opposed
                and (
                    terms.speaks_of_opposite(words)
                    # A breakdown ("Giá trị khối lượng … ước đạt …, gồm: …; … giải ngân …") is
                    # of what its first clause names.
                    or bool(
                        _BREAKDOWN.search(sentence)
                        and terms.speaks_of_opposite(terms.words(_subject(sentence)))
                    )
                    # A footnote speaks of what the sentence citing it is about: "Gồm: Vốn ngân
                    # sách trung ương …" of "Giá trị khối lượng thực hiện …", not of disbursement.
                    or bool(cited_subject and terms.speaks_of_opposite(cited_subject))
                )
            ):
                score -= _OPPOSITE_PENALTY  # "diện tích thu hoạch" where "gieo trồng" is asked
            if terms.per and re.search(rf"/\s*{terms.per}\b", strip_diacritics(sentence.lower())):
                score += 0.2  # "80-100 xe/ngày" where "mỗi ngày … bao nhiêu xe" is asked
            if terms.wants_reason and _CAUSE.search(sentence):
                score += 0.15  # "… giảm 2%, nguyên nhân do ảnh hưởng áp thấp nhiệt đới"
            if terms.wants_issue_date and header and _DATE_LINE.match(sentence):
                score += 0.8  # "Lạng Sơn, ngày 29 tháng 6 năm 2018" under "Số: 742/SKHĐT-THQH"
            if terms.wants_date:
                score += 0.2 if has_date(sentence) else -0.2
            if terms.wants_reference:
                score += 0.3 if references_in(sentence, terms.wants_reference) else -0.3
            if terms.target_years and any(
                re.search(rf"(?:đến|tới) (?:năm )?{y}\b", sentence) for y in terms.target_years
            ):
                score += 0.2  # the horizon the question names
            if terms.figures and any(f in sentence for f in terms.figures):
                # The question quotes a date or figure this sentence has; asking for a list,
                # it places the event ("hội nghị ngày 13/7"), whose list may come later.
                score += 0.1 if terms.wants_list else 0.3
            if other_grade(terms.grades, sentence):
                score -= 0.3  # "02 sản phẩm OCOP 3 sao" when 4 stars are asked
            if other_kind(terms.kinds, sentence) is not None:
                score -= 0.3  # "tai nạn giao thông" when "tai nạn lao động" is asked
            if terms.wants_list and any(n for n, _, _ in footnote_markers(sentence)):
                score += 0.15  # the list is usually the footnote the sentence points to
            if terms.wants_list and _lists_the_other_trend(terms, sentence):
                score -= 0.3  # "… nào giảm": not "Một số sản phẩm tăng so với cùng kỳ: …"
            if best is None or score > best.score:
                quote = sentence
                if previous_words and (own < 0.5 or continues):
                    quote = f"{_previous(text, spans, s)} {sentence}".strip()
                best = Candidate(
                    hit=hit,
                    quote=quote,
                    sentence=sentence,
                    score=score,
                    coverage=wide,
                    markers=tuple(n for n, _, _ in footnote_markers(sentence)),
                    own=own,
                    unit_mismatch=unit < 0,
                    target=target_section or _sets_target(sentence),
                    subject=_previous(text, spans, s) if continues else "",
                )
                best_span = (s, e)
            previous_words = words
        if best is not None:
            best.clause = clause_of_figure(
                terms, best.sentence, _background(node), None, best.subject
            )[0]
            best.period = period
            if not terms.wants_list:
                single = (
                    terms.quantitative and terms.asks == 1 and not terms.asks_each(best.sentence)
                )
                item = _item_of_list(best.sentence, best.clause) if single else None
                if item and not _names_its_subject(terms, item, best.sentence):
                    item = None  # "… sản lượng … 8.480 tấn" would not say of which crop
                best.quote = item or self._trim(best.quote, terms, period)
            elif len(text.split()) <= _LIST_PASSAGE_WORDS:
                # A short passage found for a list is the list: all of it (a footnote, a
                # bullet's heading and the sentences after it, a task and its actions).
                best.quote = text
            else:
                paragraph = _paragraph(text, *best_span)
                if len(paragraph.split()) <= _LIST_PARAGRAPH_WORDS and best.quote in paragraph:
                    best.quote = paragraph
        return best

    def grounding(self, terms: Terms, text: str, number: str, cited_by: str = "") -> float:
        """How much of the question the sentences of `text` stating `number` (canonical, as
        `numbers_in` gives it) speak of: their own words, or for a continuation ("Lũy kế 11
        tháng 5.775 tỷ đồng") those of the sentence before; a footnote's first sentence
        continues the body sentence that cites it. A figure taken from a sentence about
        something else (a line addressed to a model, another indicator) grounds nothing."""
        best = 0.0
        previous = self.coverage(terms, terms.words(cited_by))[0] if cited_by else 0.0
        for index, (s, e) in enumerate(sentence_spans(text)):
            sentence = text[s:e]
            own = self.coverage(terms, terms.words(sentence))[0]
            if _continues(sentence) or (cited_by and index == 0):
                own = max(own, _CARRIED * previous)
            if number in numbers_in(sentence) and not looks_like_instruction(sentence):
                best = max(best, own)
            previous = own
        return best

    def figure_coverage(self, terms: Terms, text: str, subject: str = "") -> float:
        """How much of the question the best clause holding a figure covers ("Thu nội địa
        2.025 tỷ đồng, đạt 105,4% dự toán" in a footnote breaking down a total), with the
        words of the `subject` it speaks of (a footnote's, the sentence citing it)."""
        return clause_of_figure(terms, text, subject=subject)[1]

    def _trim(self, quote: str, terms: Terms, period: QueryPeriod | None) -> str:
        """Keep a very long sentence's clause that answers, with the clause naming its subject."""
        if len(quote.split()) <= _WHOLE_SENTENCE_WORDS:
            return quote
        clauses = semicolon_parts(quote)
        if len(clauses) == 1:
            return quote
        scores = []
        for clause in clauses:
            own, pairs = self.coverage(terms, terms.words(clause))
            scores.append(own + 0.3 * pairs + _period_bonus(clause, period))
        top = max(scores)
        # Every clause nearly as good as the best one ("xảy ra 36 vụ …; đã làm rõ 103 vụ …"),
        # and the first clause when the chosen ones do not name their subject.
        kept = [i for i, score in enumerate(scores) if score >= 0.7 * top]
        if terms.units:
            # "Tỷ lệ giải quyết …": keep the best clause with a figure in the unit asked
            # ("đã giải quyết 67 đơn, đạt 82,7%") when those kept have none.
            in_unit = [
                i
                for i, clause in enumerate(clauses)
                if any(_in_asked_unit(figure, terms) for figure in figures_of(clause))
            ]
            if in_unit and not set(in_unit) & set(kept):
                kept = sorted({*kept, max(in_unit, key=lambda i: scores[i])})
        if kept[0] > 0 and self.coverage(terms, terms.words(clauses[kept[0]]))[0] < 0.5:
            kept.insert(0, 0)
        joined = "; ".join(clauses[i] for i in kept)
        if len(joined.split()) <= 2 * _MAX_QUOTE_WORDS:
            return joined
        return clauses[scores.index(top)]


def coverage(
    terms: Terms, words: list[str], accented: set[str] | None = None
) -> tuple[float, float]:
    """Share of the question's weight the words hold, and of its word pairs. With the
    text's accented syllables given, a match that differs in diacritics counts half."""
    present = set(words)
    covered = 0.0
    for token, weight in terms.weights.items():
        if token in present:
            spellings = terms.bare_to_exact.get(token)
            exact = accented is None or not spellings or bool(spellings & accented)
            covered += weight if exact else weight / 2
        elif token in terms.abbreviated:
            spelled, worth = terms.abbreviated[token]
            covered += worth if spelled <= present else 0.0
    covered /= terms.total
    if not terms.bigrams:
        return covered, 0.0
    pairs = set(pairwise(words))
    return covered, len(terms.bigrams & pairs) / len(terms.bigrams)


@dataclass(frozen=True)
class _Scored:
    """A clause or figure that may lead an answer: its score (how much of the question it
    covers, with its period's bonus), its own words, and the item of an enumeration it
    belongs to (a figure and the measures of it are one)."""

    text: str
    score: float
    words: list[str]
    item: int
    covered: float = 0.0  # the score without the period's bonus


def clause_of_figure(
    terms: Terms,
    text: str,
    background: str = "",
    period: QueryPeriod | None = None,
    subject: str = "",
) -> tuple[str, float]:
    """The clause of `text` holding a figure that covers most of the question: the first
    one, unless a later one covers clearly more ("vốn ODA 294,92 tỷ đồng" in a list), or
    speaks of the `period` asked ("tháng 11 … 1.152 tỷ đồng; tính chung 11 tháng …").

    Question words already in the `background` (the section's title, the sentence citing a
    footnote) name the topic, not what is asked of it, so they count a quarter.
    """
    known = set(terms.words(background))
    focused = (
        terms
        if not known
        else replace(
            terms,
            weights={t: w / 4 if t in known else w for t, w in terms.weights.items()},
        )
    )
    clauses = _FIGURE_CLAUSE.split(text)
    spoken_of = terms.words(subject)  # every clause's, when the sentence continues another
    head = terms.words(clauses[0])
    carried = _period_bonus(clauses[0], period)
    scored: list[_Scored] = []
    label = ""
    for index, clause in enumerate(clauses):
        # Naming no period, a clause speaks of the last one named before it ("trong tháng
        # … 13.338 lượt; lũy kế 11 tháng … 1.302.149 lượt; điều trị nội trú … 129.089 lượt").
        bonus = _period_bonus(clause, period) + _part_asked_bonus(clause, period)
        bonus = bonus or (carried if index else 0.0)
        carried = bonus
        if not lead_figure(clause, durations=terms.wants_duration) or stated_only(terms, clause):
            # A clause without a figure labels the one after it ("Tiêm phòng gia cầm: được
            # 83 nghìn lượt con"); so does one stating only the total the question gives
            # ("… là 81 đơn, tăng 14,1%; đã giải quyết được 67 đơn").
            label = clause
            continue
        # An item of an enumeration ("…, trong đó xuất khẩu …; nhập khẩu 890 triệu USD")
        # is of what the first clause names ("Tổng kim ngạch …").
        labelled = f"{label} {clause}" if label else clause
        label = ""
        own = terms.words(labelled)
        words = own + spoken_of + (head if index else [])
        accents = set(
            words_of(f"{subject} {clauses[0]} {labelled}" if index else f"{subject} {labelled}")
        )
        covered = coverage(focused, words, accents)[0]
        scored.append(_Scored(clause, covered + bonus, own, index, covered))
    if not scored:
        return "", 0.0
    if terms.wants_change and terms.asks == 1:
        # "tăng giảm bao nhiêu vụ": the clause stating the change ("so với cùng kỳ năm 2017
        # giảm 2 vụ"), not the one stating the level ("xảy ra 29 vụ tai nạn giao thông").
        changed = [s for s in scored if any(_may_be_change(f) for f in figures_of(s.text))]
        scored = changed or scored
    chosen = _leading(focused, scored)
    return chosen.text, max(chosen.covered, 0.0)


def answer_figure(
    terms: Terms, clause: str, sentence: str = "", period: QueryPeriod | None = None
) -> str | None:
    """The figure of `clause` an answer leads with (counted in the unit asked, if one is, or
    else of its `sentence` if that has one): the first, unless the words around another speak
    clearly more of the question ("…, thu từ hoạt động xuất nhập khẩu 4.607,68 tỷ đồng" after
    "thu nội địa 2.309 tỷ đồng", for the trade revenue) or of the `period` asked ("tháng 11
    là 884,4 tỷ đồng, lũy kế 11 tháng là 7.428,5 tỷ đồng")."""
    figures = _figures_not_named(terms, figures_of(clause, terms.wants_duration))
    if terms.wants_duration:
        # "mấy năm": the span of time, not another count beside it.
        figures = [f for f in figures if f.is_span_of_time] or figures
    # A figure the question quotes ("… đã đạt 100% khối lượng") is what it asks about.
    figures = [f for f in figures if f.text.split()[0].rstrip("%") not in terms.figures] or figures
    if terms.units:
        counted = [f for f in figures if _in_asked_unit(f, terms)]
        if not counted and sentence:
            whole = _figures_not_named(terms, figures_of(sentence, terms.wants_duration))
            counted = [f for f in whole if _in_asked_unit(f, terms)]
        figures = counted or figures
    if terms.labels and terms.asks == 1 and not terms.asks_each(sentence or clause):
        # "dịch vụ công mức độ 4": the figure of the grade named ("8 dịch vụ công mức độ 4").
        figures = [f for f in figures if _names_label(terms, f.around)] or figures
    if terms.wants_change and terms.asks == 1:
        # "tăng bao nhiêu so với cùng kỳ": the change ("tăng 5.167,92 tỷ đồng"), not the level
        # (asked both, "đạt bao nhiêu, giảm bao nhiêu", the level leads); asked "giảm", the
        # fall, if one is stated ("…, tăng 19%, chi chương trình … giảm 0,6%").
        figures = [f for f in figures if f.word_before in _CHANGED] or figures
        figures = [f for f in figures if f.word_before == terms.direction] or figures
    if terms.against:
        # "bằng bao nhiêu % so với cùng kỳ": not the share of plan before it ("đạt 96% kế
        # hoạch, bằng 99,4% cùng kỳ").
        figures = [f for f in figures if f.against in (terms.against, None)] or figures
    if "%" in terms.units:
        # "… so với kế hoạch đã điều chỉnh": of "đạt 72,1% kế hoạch đầu năm, đạt 75,9% kế hoạch
        # sau điều chỉnh", the share whose base the question names most of.
        bases = {f.text: coverage(terms, terms.words(f.base))[0] for f in figures if f.base}
        if len(set(bases.values())) > 1:
            named = max(bases.values())
            figures = [f for f in figures if bases.get(f.text) == named]
    if not figures:
        return None
    # A later figure is of the subject the clause opens with ("…, lũy kế 11 tháng là 7.428,5
    # tỷ đồng"), and of what its own words add; of its period too, unless it names one.
    head = terms.words(figures[0].around)
    head_bonus = _period_bonus(figures[0].around, period)
    # Asked a share alone, a share in brackets speaks of what its figure counts.
    shares_only = all(f.unit.strip() == "%" for f in figures)
    scored = []
    item = 0
    for figure in figures:
        item += not figure.of_previous  # a measure of a figure is of the same item
        words = terms.words(f"{figure.share_of} {figure.around}" if shares_only else figure.around)
        covered = max(coverage(terms, words)[0], coverage(terms, head + words)[0])
        bonus = _period_bonus(figure.around, period) or head_bonus
        scored.append(_Scored(figure.text, covered + bonus, words, item))
    return _leading(terms, scored).text


def _figure_of_each(terms: Terms, text: str) -> str | None:
    """Asked a figure of each of several things ("Doanh thu bưu chính và doanh thu viễn
    thông …"), the figure of `text` whose words name each best, in the unit asked if one
    is; None unless two are found."""
    figures = figures_of(text)
    if terms.units:
        figures = [f for f in figures if _in_asked_unit(f, terms)] or figures
    chosen = []
    around = [set(terms.words(f.around)) for f in figures]
    for thing in terms.things:
        others = set().union(*(t for t in terms.things if t is not thing)) - thing
        named = [
            sum(terms.weights.get(w, 0.0) for w in thing & words)
            - sum(terms.weights.get(w, 0.0) for w in others & words)
            for words in around
        ]
        if named and max(named) > 0:
            chosen.append(figures[named.index(max(named))].text)
    distinct = list(dict.fromkeys(chosen))
    return "; ".join(distinct) if len(distinct) > 1 else None


def _leading(terms: Terms, scored: list[_Scored]) -> _Scored:
    """Of the clauses or figures in order, the first, unless a later one scores clearly
    more, or somewhat more and more by words of its own the other items lack too ("cho hộ
    gia đình, cá nhân cấp 10.614 giấy" after "cho tổ chức được 217 giấy"). A word every item
    shares ("thu" of "thu nội địa …, thu từ hoạt động xuất nhập khẩu …") names what they
    are parts of, the total the first states."""
    first, best = scored[0], max(scored, key=lambda s: s.score)  # the earliest of equals
    ahead = best.score - first.score
    if ahead > 0.25:
        return best
    if ahead > 0.1 and _distinct(terms, scored, best) > _distinct(terms, scored, first):
        return best
    # A part named, as asked, leads a breakdown (the best of them, if several do).
    parts = [
        s
        for s in scored
        if s.score > first.score and (terms.wants_part or _sibling_named(terms, scored, s))
    ]
    return max(parts, key=lambda s: s.score) if parts else first


def _sibling_named(terms: Terms, scored: list[_Scored], one: _Scored) -> bool:
    """Does `one` name a part the question names, whose sibling another item names ("cấp
    huyện" asked, "cấp tỉnh: …; cấp huyện: …"; "công nghiệp" beside "nông nghiệp")?"""
    own = set(pairwise(one.words)) & terms.bigrams
    others = {pair for s in scored if s.item != one.item for pair in pairwise(s.words)}
    return any((a == c) != (b == d) for a, b in own for c, d in others)


def _distinct(terms: Terms, scored: list[_Scored], one: _Scored) -> float:
    """How much of the question the words only `one`'s item has cover."""
    others = {w for s in scored if s.item != one.item for w in s.words}
    return coverage(terms, [w for w in one.words if w not in others])[0]


def _may_be_change(figure: Figure) -> bool:
    """ "tăng 2,4%", "giảm 2 vụ", or a percentage in a list of changes ("…; sản xuất phân
    phối điện 10,9%; …"), not a level counted in a unit ("xảy ra 29 vụ")."""
    return figure.word_before in _CHANGED or figure.unit.strip() == "%"


def _names_label(terms: Terms, text: str) -> bool:
    """Does the text name a grade or level the question names by a number ("mức độ 4")?"""
    bare = strip_diacritics(text.lower())
    return any(re.search(rf"\b{label}\b", bare) for label in terms.labels)


def stated_only(terms: Terms, text: str) -> str | None:
    """The figure the question itself states ("trong 81 đơn …"), when every amount of `text`
    is one it states. A change beside it ("tăng 14,1%") says how that amount moved, no more."""
    if not terms.figures:
        return None
    amounts = {
        f.text.split()[0].rstrip("%") for f in figures_of(text) if f.word_before not in _CHANGED
    }
    return min(amounts) if amounts and amounts <= terms.figures else None


def _holds_figure(terms: Terms, sentence: str) -> bool:
    """Does the sentence state a figure, other than those the question names things by, or
    the ordinal asked ("kỳ họp thứ hai mươi")?"""
    if terms.wants_ordinal and ordinals_in(sentence):
        return True
    if not terms.labels:
        return lead_figure(sentence, durations=terms.wants_duration) is not None
    return bool(_figures_not_named(terms, figures_of(sentence, terms.wants_duration)))


def _figures_not_named(terms: Terms, figures: list[Figure]) -> list[Figure]:
    """The figures that are not a number the question names something by ("dịch vụ công
    mức độ 3, 4": "3" and "4" are no answer to how many services there are)."""
    if not terms.labels:
        return figures
    return [
        figure
        for figure in figures
        if f"{figure.word_before} {figure.text.split()[0]}" not in terms.labels
    ]


def _item_of_list(sentence: str, clause: str) -> str | None:
    """In an enumeration ("Trong đó: vốn A …; vốn B …; vốn ODA 294,92 tỷ đồng …") or a
    sentence too long to quote, the item holding the figure asked for, when it is not the
    first, and those after it: the quote an official wants. Clauses a quote can hold are
    quoted whole, the figures beside the one asked with them ("điều chỉnh 24 dự án …; thu
    hồi … 21 dự án")."""
    items = semicolon_parts(sentence)
    if len(items) < 2 or not clause:
        return None
    if len(sentence.split()) <= _MAX_QUOTE_WORDS and not enumerates(sentence):
        return None
    holding = [i for i, item in enumerate(items) if i and clause in item]
    if not holding or clause in items[0]:
        return None
    # The items after it, as far as a quote goes: what an official reads on ("…; khởi tố 19
    # vụ án hình sự"), often the figures beside the one asked.
    first = last = holding[0]
    while (
        last + 1 < len(items) and len(" ".join(items[first : last + 2]).split()) <= _MAX_QUOTE_WORDS
    ):
        last += 1
    return "… " + "; ".join(items[first : last + 1])


def _background(node: TextNode) -> str:
    """What a passage's question words may already name: its heading and the sentence citing
    it (a footnote's)."""
    meta = node.metadata
    return f"{meta.get('section', '').split(' > ')[-1]} {meta.get('context') or ''}"


def _names_its_subject(terms: Terms, item: str, sentence: str) -> bool:
    """Does the item of an enumeration hold the weightiest question word its sentence holds
    ("… vốn ODA 294,92 tỷ đồng": "ODA"), so that it can be quoted alone? "… sản lượng thu
    hoạch … 8.480 tấn" does not say of which crop."""
    words = set(terms.words(sentence))
    said = [t for t in terms.weights if t in words]  # in the question's order: ties go first
    if not said:
        return True
    key = max(said, key=lambda t: terms.weights[t])
    return key in terms.words(item)


def _continues(sentence: str) -> bool:
    """Does the sentence speak of what the one before it does? "Lũy kế 11 tháng 5.775 tỷ
    đồng" and "Trong đó …" do; "Lũy kế đến 30/6/2018, tổng nguồn vốn huy động … 24.600 tỷ
    đồng" names a subject of its own before its figure."""
    match = _CONTINUATION.match(sentence)
    if match is None:
        return False
    if not _SINCE.match(match.group()):
        return True
    rest = _PERIOD_PHRASE.sub(" ", sentence[match.end() :])
    before_figure = re.split(r"\d", rest, maxsplit=1)[0]
    return len(before_figure.split()) <= _SUBJECT_WORDS


def _sets_target(sentence: str) -> bool:
    """Does the sentence state what is to be achieved, not what was?"""
    match = _TARGET_SENTENCE.search(_DESCRIBED_TARGET.sub(" ", sentence))
    return match is not None and not _DONE.search(sentence, 0, match.start())


def _lists_the_other_trend(terms: Terms, sentence: str) -> bool:
    """Does the sentence introduce a list of what rose when what fell is asked, or the
    reverse ("Sản lượng một số sản phẩm chủ yếu 11 tháng tăng so với cùng kỳ: than …")?"""
    asked = [trend for trend in _TRENDS if trend in terms.weights]
    if len(asked) != 1 or ":" not in sentence:
        return False
    lead_in = set(terms.words(sentence.split(":", 1)[0]))
    return _TRENDS[asked[0]] in lead_in and asked[0] not in lead_in


def is_plan_section(section: str) -> bool:
    """Is the passage under a heading of tasks, aims or forecasts ("II. DỰ BÁO KHẢ NĂNG THỰC
    HIỆN KẾ HOẠCH … NĂM 2018")?"""
    return bool(_PLAN_SECTION.search(section))


def _is_task_section(section: str) -> bool:
    """Is the passage under a heading of things to be done ("II. NHIỆM VỤ TRỌNG TÂM …")?"""
    return any(
        _TASK_HEADING.search(heading) and not _RESULT_HEADING.search(heading)
        for heading in section.split(" > ")
    )


def _unit_bonus(sentence: str, units: frozenset[str]) -> float:
    """Reward a figure counted in the unit asked for; penalise a sentence with none."""
    if not units:
        return 0.0
    if not counts_in(sentence, units):
        return -0.2
    # Half the reports' sentences hold a percentage: "%" alone says little about the subject.
    return 0.05 if units == {"%"} else 0.2


_BREAKDOWN = re.compile(r"\b(?:gồm|trong đó)\s*:", re.I)


def _subject(sentence: str) -> str:
    """What a sentence is about: its first clause ("Giá trị khối lượng thực hiện … ước đạt
    2.623,7 tỷ đồng")."""
    return re.split(r"[,;:]", sentence, maxsplit=1)[0]


def _paragraph(text: str, start: int, end: int) -> str:
    """The line of `text` holding the span: reports write a task with its actions, or a bullet
    with its items, as one paragraph."""
    opening = text.rfind("\n", 0, start) + 1
    closing = text.find("\n", end)
    return text[opening : closing if closing >= 0 else len(text)].strip()


def _previous(text: str, spans: list[tuple[int, int]], start: int) -> str:
    """The sentence before, cut to its first clause: the subject the next one continues."""
    before = [text[s:e] for s, e in spans if e <= start and not looks_like_instruction(text[s:e])]
    if not before:
        return ""
    head = re.split(r",\s+trong đó|:\s+|;\s+", before[-1])[0]
    return head if head == before[-1] else f"{head} …"


def _period_bonus(
    text: str,
    period: QueryPeriod | None,
    section_years: frozenset[int] = frozenset(),
    year_asked: bool = False,
) -> float:
    """Does the sentence speak of the period asked? Of its year, when it names none, its
    section says (`section_years`); when the year is what is asked, any year may do."""
    if period is None:
        return 0.0
    bonus = 0.0
    lower = text.lower()
    if period.year and not year_asked:
        years = _years(lower)
        if years and period.year not in years:
            bonus -= 0.15  # "vốn năm 2022 kéo dài" when 2023 is asked
        elif not years and section_years and period.year not in section_years:
            # "- Tỷ lệ … đạt 93%." under "Dự kiến kế hoạch năm 2019", beside the 2018 estimate
            # under "Ước thực hiện kế hoạch năm 2018": one report, two years.
            bonus -= 0.15
    if period.text.startswith("từ"):  # a window, counted to its end: "lũy kế từ … đến …"
        if _CUMULATIVE.search(lower) or re.search(r"\btừ (?:ngày )?\d", lower):
            bonus += 0.2
        elif _IN_MONTH.search(lower):
            bonus -= 0.35  # "trong tháng": the last month alone, not the window
    elif period.months and not period.month:
        if re.search(rf"\b{period.months} tháng cuối", lower):
            if not period.last:
                bonus -= 0.2
        elif re.search(rf"\b{period.months} tháng\b", lower):
            # The very period asked; asked the last months, those before them.
            bonus += -0.2 if period.last else 0.35
        elif _CUMULATIVE.search(lower):
            bonus += 0.1
        elif _IN_MONTH.search(lower):
            bonus -= 0.35  # "trong tháng", "tháng 11": the last month alone, not the months
    elif period.month and not period.months:
        cumulative = _CUMULATIVE.search(lower)
        if _IN_MONTH.search(lower):
            bonus += 0.1
        elif cumulative and not lead_figure(text[: cumulative.start()]):
            # Only the months' figures: "Đã cấp 135 Giấy …; lũy kế 11 tháng …" has the month's.
            bonus -= 0.05
    elif period.quarter:
        named = _quarters_named(text)
        if period.quarter in named:
            bonus += 0.2  # "riêng quý II thu được 1.012,6 tỷ đồng"
        elif named:
            bonus -= 0.2  # another quarter
    elif period.year and not (period.month or period.months or period.quarter):
        bonus += 0.1 if str(period.year) in lower else 0.0
    return bonus


def _part_asked_bonus(clause: str, period: QueryPeriod | None) -> float:
    """Part of a report's months asked, a month alone ("riêng tháng 6") or a quarter ("quý
    II"): the clause naming it, not the months to date beside it ("Từ đầu năm … 114.628 ca
    …; riêng tháng 6 chỉ ghi nhận 392 ca"). For the clause answering only: lifting the
    sentence would lift the sentence of a report saying "quý I" throughout."""
    if period is not None and period.quarter:
        return _PART_ASKED_BONUS if period.quarter in _quarters_named(clause) else 0.0
    if period is None or not period.alone:
        return 0.0
    if _IN_MONTH.search(clause):
        return _PART_ASKED_BONUS
    return -_PART_ASKED_BONUS if _CUMULATIVE.search(clause) else 0.0


def _quarters_named(text: str) -> set[int]:
    """The quarters a text names ("quý II" -> {2})."""
    return {_QUARTERS[q.lower()] for q in _QUARTER_NAMED.findall(text)}


def states_month(text: str) -> bool:
    """Does a sentence give a month's figures ("Trong tháng", "riêng tháng 6")?"""
    return bool(_IN_MONTH.search(text))


def states_months_to_date(text: str) -> bool:
    """Does a sentence give the months to date ("Lũy kế 11 tháng …", "từ đầu năm")?"""
    return bool(_CUMULATIVE.search(text))


# The months to date, a quarter's among them ("Quý I, toàn tỉnh có 94 doanh nghiệp",
# "Trong quý").
_MONTHS_TO_DATE = re.compile(
    rf"{_CUMULATIVE.pattern}|\b(?:trong )?quý(?: (?:I{{1,3}}|IV|[1-4]))?\b", re.I
)


# A fifth or more of the year's plan is not one month's work ("tổng lượng khách du lịch
# đạt 2.351 nghìn lượt, bằng 90,8% kế hoạch"), whatever the sentence leaves unsaid.
_LARGE_PLAN_SHARE = re.compile(
    r"(?:đạt|bằng)\s+(?:[2-9]\d|1\d\d)(?:,\d+)?\s*%\s*(?:so với\s+)?(?:kế hoạch|dự toán)", re.I
)


def of_months_to_date_only(text: str) -> bool:
    """Does a sentence give the months to date only ("Du lịch tiếp tục khởi sắc; tính chung 9
    tháng, tổng lượng khách …"), no figure of the month before them ("Trong tháng trồng được
    412,5 ha rừng; lũy kế 9 tháng …" has one)?"""
    match = _MONTHS_TO_DATE.search(text) or _LARGE_PLAN_SHARE.search(text)
    if match is None:
        return False
    before = text[: match.start()]
    if match.re is _LARGE_PLAN_SHARE:
        return not _IN_MONTH.search(before)
    return not lead_figure(before) and not _IN_MONTH.search(before)


def of_months_to_date(text: str, figure: str) -> bool | None:
    """Is a figure of the sentence ("2.146 tỷ đồng") of the months to date (True) or of the
    month (False), by the last period words before it ("Trong tháng có 58 doanh nghiệp …;
    lũy kế 5 tháng …, tổng vốn đăng ký 2.146 tỷ đồng")? None when none come before it."""
    at = text.find(figure.split()[0])
    if at < 0:
        return None
    before = text[:at]
    month = max((m.end() for m in _IN_MONTH.finditer(before)), default=-1)
    months = max((m.end() for m in _MONTHS_TO_DATE.finditer(before)), default=-1)
    return None if month == months else months > month


def of_month_alone(text: str) -> bool:
    """Does a sentence give the month's figures only ("Trong tháng xảy ra 06 vụ …"), none of
    the months to date ("lũy kế", "11 tháng", "từ đầu năm")?"""
    return bool(_IN_MONTH.search(text)) and not _CUMULATIVE.search(text)


def _years(text: str) -> set[int]:
    """The years a lower-cased text speaks of: "(cùng kỳ năm 2017 tăng 5,9%)" compares with
    2017, so speaks of 2018; "08 đơn từ năm 2022 chuyển sang" came from 2022 into the
    period spoken of, which it leaves unsaid."""
    stated = _SAME_TIME_YEAR.sub(lambda m: f"năm {int(m.group(1)) + 1}", text)
    stated = _CARRIED_INTO.sub(" ", stated)
    return {int(y) for y in re.findall(r"năm ((?:19|20)\d{2})\b", stated)}


def _heading_years(section: str) -> frozenset[int]:
    """The years of the deepest heading of a section path that names one ("… > Phần thứ hai
    Dự kiến kế hoạch năm 2019 > II. Các chỉ tiêu" -> 2019)."""
    for heading in reversed(section.split(" > ")):
        years = _years(heading.lower())
        if years:
            return frozenset(years)
    return frozenset()


def other_grade(grades: frozenset[tuple[str, str]], sentence: str) -> str | None:
    """The grade the sentence gives instead of the question's ("3 sao" where "4 sao" is
    asked), as written; None if it gives the question's, or none."""
    if not grades:
        return None
    bare = strip_diacritics(sentence.lower())  # same length: spans carry over
    if grades & grades_in(bare):
        return None
    match = GRADE.search(bare)
    return sentence[match.start() : match.end()] if match else None


def states_cause(text: str) -> bool:
    """Does the text give a cause ("do ảnh hưởng …", "nguyên nhân …")?"""
    return _CAUSE.search(text) is not None


def other_kind(kinds: frozenset[tuple[str, str]], sentence: str) -> str | None:
    """What the sentence speaks of instead of the kind asked ("tai nạn giao thông" where
    "tai nạn lao động" is asked), as written ("" when it names no kind of that word); None
    when it names the kind asked (abbreviations spelled out)."""
    if not kinds:
        return None
    text = expand_abbreviations(sentence)
    bare = " ".join(words_of(text, bare=True))
    for head, qualifier in sorted(kinds):
        if f" {qualifier} " in f" {bare} ":
            continue
        written = words_of(text)
        for i in range(len(written) - 3):
            if " ".join(strip_diacritics(w) for w in written[i : i + 2]) == head:
                return " ".join(written[i : i + 4])
        return ""
    return None


def _in_asked_unit(figure: Figure, terms: Terms) -> bool:
    """Is the figure counted in the unit asked, and for a rate not a change ("tăng 14,1%"),
    for a change in percent a change ("tăng 21,6%", not "đạt 89,7% dự toán")?"""
    if terms.wants_rate and figure.word_before in _CHANGED:
        return False
    if terms.wants_change and terms.units == {"%"} and figure.word_before not in _CHANGED:
        return False
    return counted_in(figure.unit, terms.units)
