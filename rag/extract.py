"""Extractive answers: find the sentence that holds the figure, and say it with its source.

Sentences are scored by how much of the question they cover (IDF-weighted syllables, without
diacritics so that "tong thu ngan sach" counts), by the question's word pairs they contain, by
whether they speak of the period asked ("11 tháng", "trong tháng"), and by holding a number when
the question asks for one. A sentence that continues the one before it ("Lũy kế 11 tháng 5.775
tỷ đồng") borrows that sentence's subject.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from llama_index.core.schema import TextNode

from rag.periods import QueryPeriod
from rag.retrieve import Hit
from rag.text import (
    VIETNAMESE_UPPER,
    footnote_markers,
    looks_like_instruction,
    sentence_spans,
    strip_diacritics,
    strip_markers,
)
from rag.tokenize import syllables

# Words that shape a question but name nothing in the reports (no diacritics).
QUESTION_WORDS = frozenset(
    "bao nhieu may gi nao sao the nhu la duoc co cua khong a vay hoi cho biet toi xin hay ban "
    "thi con nhung cac va voi ve theo trong o da den tai roi chua ra ai".split()
)
_PERIOD_WORDS = frozenset(["thang", "nam", "quy", "dau", "nua", "nay", "ngoai", "truoc"])

_LIST_QUESTION = re.compile(
    r"\b(nhung|cac)\b.*\bnao\b|\bgom\b|\bke ten\b|\bliet ke\b|\bdanh sach\b|\bo dau\b"
)
_WHICH_DOC = re.compile(r"\b(van ban|bao cao|thong bao|cong van) nao\b")
_TARGET_YEAR = re.compile(r"\b(?:den|toi)\s+(?:nam\s+)?((?:19|20)\d{2})\b")
_WHO_WHICH_DOC = re.compile(r"\b(ai|van ban nao|bao cao nao|thong bao nao|cong van nao)\b")
_QUANTITY = re.compile(
    r"\bbao nhieu\b|\bmay\b|\bty le\b|%|\bso luong\b|\btong so\b|\bdat\b|\btang\b|\bgiam\b"
)
_NOT_QUANTITY = re.compile(
    r"\bla gi\b|\bgi\b|\bnao\b|\bai\b|\bvi sao\b|\btai sao\b|\bthe nao\b|\bra sao\b"
    r"|\bkhi nao\b|\bchua\b|\bkhong\b\s*\??$"
)
_CONTINUATION = re.compile(
    r"^(?:[-–]\s*)?(?:lũy kế|luỹ kế|tính chung|trong đó|cụ thể|ước|riêng|so với|đến nay|"
    r"hết tháng|từ đầu năm|tính đến)\b",
    re.I,
)
_CUMULATIVE = re.compile(r"lũy kế|luỹ kế|tính chung|từ đầu năm|\b\d{1,2} tháng\b|cả năm", re.I)
_IN_MONTH = re.compile(r"trong tháng|tháng này|\btháng \d{1,2}\b(?! năm \d)(?!/)", re.I)
_NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w/])(?<![^\W\d_]-)(\d+(?:[.,]\d+)*(?:\s*[-–]\s*\d+(?:[.,]\d+)*)?)(\s*%|\s+(?:[^\s\d,;.()]+)(?:\s+(?:[^\s\d,;.()]+)){0,2})?"
)
_UNIT_STOP = re.compile(
    r"\s+(?:so|đạt|tăng|giảm|bằng|trong|với|của|và|là|tại|từ|đến|ở|theo|được|chiếm|cho|"
    r"lượt\s+(?=người))\b.*$"
)
_CLAUSE_SPLIT = re.compile(r";\s+")
_FIGURE_CLAUSE = re.compile(r";\s+|:\s+|,\s+trong đó\b|\.\s+")
_PLAN_QUESTION = re.compile(
    r"\b(chi tieu|muc tieu|ke hoach|phan dau|du kien|nhiem vu|giai phap|de ra)\b"
)
_PLAN_SECTION = re.compile(r"NHIỆM VỤ|MỤC TIÊU|GIẢI PHÁP|DỰ BÁO|DỰ KIẾN|CHỈ TIÊU", re.I)
_PLAN_SENTENCE = re.compile(r"phấn đấu|dự kiến|chỉ tiêu|mục tiêu|kế hoạch năm \d{4} là", re.I)
_DATE_QUESTION = re.compile(
    r"\bkhi nao\b|\bbao gio\b|\bngay nao\b|\bthoi han\b|\bcham nhat\b|\bthoi gian nao\b"
)
_QUESTION_FIGURE = re.compile(
    r"\d{1,2}/\d{1,2}(?:/\d{4})?|\d+(?:[.,]\d+)+|\b(?!(?:19|20)\d{2}\b)\d{3,}\b"
)
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\bngày \d{1,2}\b")
_MAX_QUOTE_WORDS = 60


@dataclass
class Terms:
    """What a question asks about, ready for scoring."""

    weights: dict[str, float]  # syllable without diacritics -> IDF weight
    exact: dict[str, float]  # the same with diacritics, when the question has them
    bigrams: frozenset[tuple[str, str]]
    quantitative: bool
    wants_list: bool
    units: frozenset[str] = frozenset()  # what the figure counts: "người", "vụ", "%"
    wants_plan: bool = False  # asks for a target or task ("chỉ tiêu", "kế hoạch", "phấn đấu")
    wants_date: bool = False  # asks when ("khi nào", "thời hạn")
    figures: frozenset[str] = frozenset()  # dates and figures quoted in the question
    target_years: frozenset[str] = frozenset()  # "đến năm 2020": the horizon of a target
    wants_doc: bool = False  # asks which report says something

    @functools.cached_property
    def bare_to_exact(self) -> dict[str, set[str]]:
        """Each syllable without diacritics -> the question's spellings of it."""
        mapping: dict[str, set[str]] = {}
        for token in self.exact:
            mapping.setdefault(strip_diacritics(token), set()).add(token)
        return mapping

    def words(self, text: str) -> list[str]:
        return syllables(text, bare=True)

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0


@dataclass
class Candidate:
    """The best sentence of a retrieved passage for a question."""

    hit: Hit
    quote: str  # what the answer quotes (the sentence, maybe with the one it continues)
    sentence: str  # the sentence itself
    score: float
    coverage: float
    markers: tuple[int, ...]
    clause: str = ""  # the clause whose figure leads the answer
    own: float = 0.0  # coverage by the sentence itself (or the one it continues)
    unit_mismatch: bool = False  # the question counts in a unit this sentence's figures do not

    @property
    def node(self) -> TextNode:
        return self.hit.node


class Vocabulary:
    """Inverse document frequency of bare syllables over the indexed chunks."""

    def __init__(self, nodes: Iterable[TextNode]) -> None:
        frequency: Counter[str] = Counter()
        pairs: set[tuple[str, str]] = set()
        count = 0
        for node in nodes:
            count += 1
            text = _context_text(node)
            words = syllables(text, bare=True)
            frequency.update(set(words) | set(syllables(text)))
            pairs.update(pairwise(words))
        self._frequency = frequency
        self._pairs = pairs
        self._count = max(count, 1)
        self.unseen = self._idf(0)

    def _idf(self, df: int) -> float:
        return math.log(1 + (self._count - df + 0.5) / (df + 0.5))

    def idf(self, token: str) -> float:
        return self._idf(self._frequency.get(token, 0))

    def knows(self, token: str) -> bool:
        return token in self._frequency

    def unknown_names(self, question: str) -> list[str]:
        """Proper names in a question ("Đồng Bành", "Trà Lĩnh") that no report mentions."""
        unknown = []
        for match in _NAME.finditer(question):
            name = match.group()
            words = bare_words(name)
            if len(words) < 2:
                continue
            if not any(p in self._pairs for p in pairwise(words)):
                unknown.append(name)
        return unknown


_CAPITALISED = rf"[{VIETNAMESE_UPPER}][^\W\d_{VIETNAMESE_UPPER}]+"
# Two or more capitalised syllables not opening the question: a place, a project, a person.
_NAME = re.compile(rf"(?<=[\w,;:(\-–] )(?:{_CAPITALISED})(?:\s+{_CAPITALISED})+")


def _context_text(node: TextNode) -> str:
    return f"{node.metadata.get('section', '')} {node.metadata.get('context', '')} {node.text}"


def bare_words(text: str) -> list[str]:
    return syllables(text, bare=True)


class SentenceRanker:
    """Scores the sentences of retrieved passages against a question."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def terms(self, question: str) -> Terms:
        bare_question = strip_diacritics(question.lower())
        accented = bare_question != question.lower()
        tokens = syllables(question)
        content = [
            t
            for t in tokens
            if strip_diacritics(t) not in QUESTION_WORDS
            and not _is_period_token(strip_diacritics(t))
        ]
        exact = {t: self.vocabulary.idf(t) for t in content} if accented else {}
        content = [strip_diacritics(t) for t in content]
        weights = {t: self.vocabulary.idf(t) for t in content}
        bigrams = frozenset(pairwise(content))
        wants_list = bool(_LIST_QUESTION.search(bare_question))
        # A figure is wanted when asked for, or when nothing else is (keyword questions).
        quantitative = (
            not wants_list
            and not _WHO_WHICH_DOC.search(bare_question)
            and (bool(_QUANTITY.search(bare_question)) or not _NOT_QUANTITY.search(bare_question))
        )
        return Terms(
            weights,
            exact,
            bigrams,
            quantitative,
            wants_list,
            _asked_units(bare_question),
            wants_plan=bool(_PLAN_QUESTION.search(bare_question)),
            wants_date=bool(_DATE_QUESTION.search(bare_question)),
            figures=frozenset(_QUESTION_FIGURE.findall(question)),
            target_years=frozenset(_TARGET_YEAR.findall(bare_question)),
            wants_doc=bool(_WHICH_DOC.search(bare_question)),
        )

    def coverage(
        self, terms: Terms, words: list[str], accented: set[str] | None = None
    ) -> tuple[float, float]:
        """Share of the question's weight the words hold, and of its word pairs. With the
        text's accented syllables given, a match that differs in diacritics counts half."""
        present = set(words)
        covered = 0.0
        for token, weight in terms.weights.items():
            if token in present:
                exact = (
                    accented is None
                    or not terms.exact
                    or (token in terms.bare_to_exact and (terms.bare_to_exact[token] & accented))
                )
                covered += weight if exact else weight / 2
        covered /= terms.total
        if not terms.bigrams:
            return covered, 0.0
        pairs = set(pairwise(words))
        return covered, len(terms.bigrams & pairs) / len(terms.bigrams)

    def best(self, hit: Hit, terms: Terms, period: QueryPeriod | None) -> Candidate | None:
        node = hit.node
        text = node.text
        spans = sentence_spans(text)
        if not spans:
            return None
        section = node.metadata.get("section", "")
        heading = terms.words(section.split(" > ")[-1])
        context = terms.words(node.metadata.get("context") or "")
        plan_section = bool(_PLAN_SECTION.search(section))
        extra_accents = set(syllables(f"{section} {node.metadata.get('context') or ''} {text}"))
        best: Candidate | None = None
        previous_words: list[str] = []
        previous_own = 0.0
        for s, e in spans:
            sentence = text[s:e]
            if looks_like_instruction(sentence):
                continue  # an attempt to steer the answer, not a fact
            words = terms.words(sentence)
            accents = set(syllables(sentence))  # "chỉ số" is not "Chi Lăng"
            own, _ = self.coverage(terms, words, accents)
            continues = bool(_CONTINUATION.match(sentence))
            if continues:  # "Lũy kế 11 tháng 6.932,3 tỷ đồng" speaks of the sentence before
                own = max(own, 0.9 * previous_own)
            previous_own = own
            borrowed = previous_words if continues or own < 0.5 else []
            wide, wide_pairs = self.coverage(
                terms, words + borrowed + heading + context, accents | extra_accents
            )
            score = 0.8 * wide + 0.3 * wide_pairs + 0.4 * own
            score += _period_bonus(sentence, period)
            if terms.quantitative:
                score += 0.1 if lead_figure(sentence) else -1.0  # no figure, no answer
            unit = _unit_bonus(sentence, terms.units)
            score += unit
            is_plan = plan_section or bool(_PLAN_SENTENCE.search(sentence))
            if is_plan != terms.wants_plan:
                score -= 0.2  # a target where a result is asked, or the reverse
            if terms.wants_date:
                score += 0.2 if _DATE.search(sentence) else -0.2
            if terms.target_years and any(
                re.search(rf"(?:đến|tới) (?:năm )?{y}\b", sentence) for y in terms.target_years
            ):
                score += 0.2  # the horizon the question names
            if terms.figures and any(f in sentence for f in terms.figures):
                score += 0.3  # the question quotes a date or figure this sentence has
            if terms.wants_list and any(n for n, _, _ in footnote_markers(sentence)):
                score += 0.15  # the list is usually the footnote the sentence points to
            if best is None or score > best.score:
                quote = sentence
                if borrowed and (own < 0.5 or continues):
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
                )
            previous_words = words
        if best is not None:
            best.clause = self.figure_clause(terms, best.sentence)[0]
            if not terms.wants_list:
                best.quote = self._trim(best.quote, terms, period)
        return best

    def figure_coverage(self, terms: Terms, text: str) -> float:
        """How much of the question the best clause holding a figure covers ("Thu nội địa
        2.025 tỷ đồng, đạt 105,4% dự toán" in a footnote breaking down a total)."""
        return self.figure_clause(terms, text)[1]

    def figure_clause(self, terms: Terms, text: str) -> tuple[str, float]:
        """The clause of `text` holding a figure that covers most of the question: the first
        one, unless a later one covers clearly more ("vốn ODA 294,92 tỷ đồng" in a list)."""
        best, best_coverage = "", -1.0
        for clause in _FIGURE_CLAUSE.split(text):
            if not lead_figure(clause):
                continue
            own, _ = self.coverage(terms, terms.words(clause), set(syllables(clause)))
            if not best or own > best_coverage + 0.25:
                best, best_coverage = clause, own
        return best, max(best_coverage, 0.0)

    def _trim(self, quote: str, terms: Terms, period: QueryPeriod | None) -> str:
        """Keep a long sentence's clause that answers, with the clause naming its subject."""
        if len(quote.split()) <= _MAX_QUOTE_WORDS:
            return quote
        clauses = _CLAUSE_SPLIT.split(quote)
        if len(clauses) == 1:
            return quote
        scored = []
        for i, clause in enumerate(clauses):
            own, pairs = self.coverage(terms, terms.words(clause))
            bonus = _period_bonus(clause, period)
            scored.append((own + 0.3 * pairs + bonus, i))
        _, best = max(scored)
        chosen = [clauses[best]]
        if best > 0 and self.coverage(terms, terms.words(clauses[best]))[0] < 0.5:
            chosen.insert(0, clauses[0])
        joined = "; ".join(chosen)
        return joined if len(joined.split()) <= 2 * _MAX_QUOTE_WORDS else clauses[best]


_ASKED_UNIT = re.compile(
    r"\bbao\s+nhieu\s+(?:(?:nghin|trieu|ty|ngan|tram)\s+)?([^\W\d_]+)(?:\s+([^\W\d_]+))?"
    r"|(?<!chi )\b(?:so|may)\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?"
)
# Words after "bao nhiêu"/"số" that are not what a figure counts ("so sánh", "diện tích", ...).
_NOT_UNITS = frozenset(
    "luong lieu lan nay do duoc la thi con co cua trong tien bo cai chiec tong da bao nhieu "
    "sanh voi dien sai".split()
)
_MAGNITUDE = r"(?:\s+(?:nghìn|ngàn|triệu|tỷ|trăm|nghin|ngan|trieu|ty|tram))?"


def _asked_units(bare_question: str) -> frozenset[str]:
    """ "bao nhiêu người", "số vụ", "tỷ lệ", "bao nhiêu %" -> what the answer's figure counts."""
    units: set[str] = set()
    if re.search(r"\bty\s+le\b|%|phan\s+tram", bare_question):
        units.add("%")
    for match in _ASKED_UNIT.finditer(bare_question):
        words = [w for w in match.groups() if w]
        if words and words[0] not in _NOT_UNITS:
            units.add(words[0])
        elif len(words) > 1 and words[1] not in _NOT_UNITS:
            units.add(words[1])
    return frozenset(units)


def _unit_bonus(sentence: str, units: frozenset[str]) -> float:
    """Reward a figure counted in the unit asked for; penalise a sentence with none."""
    if not units:
        return 0.0
    bare_sentence = strip_diacritics(strip_markers(sentence).lower())
    for unit in units:
        if unit == "%":
            if "%" in bare_sentence:
                return 0.2
        elif re.search(rf"\d{_MAGNITUDE}\s+(?:luot\s+)?{re.escape(unit)}\b", bare_sentence):
            return 0.2
    return -0.3


def _previous(text: str, spans: list[tuple[int, int]], start: int) -> str:
    """The sentence before, cut to its first clause: the subject the next one continues."""
    before = [text[s:e] for s, e in spans if e <= start and not looks_like_instruction(text[s:e])]
    if not before:
        return ""
    head = re.split(r",\s+trong đó|:\s+|;\s+", before[-1])[0]
    return head if head == before[-1] else f"{head} …"


def _is_period_token(token: str) -> bool:
    """Words and numbers that name a period (handled by routing), not what is asked about."""
    if token in _PERIOD_WORDS:
        return True
    if token.isdigit():
        return int(token) <= 12 or bool(re.fullmatch(r"(19|20)\d{2}", token))
    return False


def _period_bonus(text: str, period: QueryPeriod | None) -> float:
    """Does the sentence (with its section's title) speak of the period asked?"""
    if period is None:
        return 0.0
    bonus = 0.0
    lower = text.lower()
    if period.year:
        years = {int(y) for y in re.findall(r"năm ((?:19|20)\d{2})\b", lower)}
        if years and period.year not in years:
            bonus -= 0.15  # "vốn năm 2022 kéo dài" when 2023 is asked
    if period.months and not period.month:
        if re.search(rf"\b{period.months} tháng cuối", lower):
            bonus -= 0.2
        elif re.search(rf"\b{period.months} tháng\b", lower):
            bonus += 0.35  # the very period asked
        elif _CUMULATIVE.search(lower):
            bonus += 0.1
    elif period.month and not period.months:
        if _IN_MONTH.search(lower):
            bonus += 0.1
        elif _CUMULATIVE.search(lower):
            bonus -= 0.05
    elif period.year and not (period.month or period.months or period.quarter):
        bonus += 0.1 if str(period.year) in lower else 0.0
    return bonus


_ITEM_LABEL = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s+")


def lead_figure(sentence: str) -> str | None:
    """The first figure with its unit in a sentence ("5.775 tỷ đồng"), skipping item labels
    ("(10)", "4."), years, dates and period words ("tháng 11", "11 tháng", "31/10/2017")."""
    plain = _ITEM_LABEL.sub(lambda m: " " * len(m.group()), strip_markers(sentence))
    for match in _NUMBER_WITH_UNIT.finditer(plain):
        number, unit = match.group(1), (match.group(2) or "")
        value = re.split(r"\s*[-–]\s*", number)[0].replace(".", "").replace(",", "")
        before = plain[max(0, match.start() - 8) : match.start()].lower()
        if re.match(r"\s*(tháng|năm)\b", unit) and int(value[:3] or 0) <= 12:
            continue  # "11 tháng", "5 năm"
        if re.search(r"(tháng|quý)\s*$", before) and len(value) <= 2:
            continue  # "tháng 11"
        if re.search(r"năm\s*$", before) and re.fullmatch(r"(19|20)\d{2}", value):
            continue  # "năm 2023"
        if re.search(r"ngày\s*$", before) and len(value) <= 2:
            continue  # "ngày 13"
        if re.search(r"(số|khóa|khoá|lần thứ)\s*$", before):
            continue  # "Nghị quyết số 01", "khóa XVII"
        if plain[match.end() : match.end() + 1] in ("/", "-") or all(
            re.fullmatch(r"(19|20)\d{2}", n) for n in re.split(r"\s*[-–]\s*", number)
        ):
            continue  # dates, codes, years
        unit = _UNIT_STOP.sub("", unit).rstrip(" ,:")
        return f"{number}{unit}".strip()
    return None


def is_bare(question: str) -> bool:
    return strip_diacritics(question) == question
