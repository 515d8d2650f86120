"""Composing the answer: the figure first, the quoted sentence, `[n]` markers, or a refusal."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from llama_index.core.schema import TextNode

from rag.abbreviations import ABBREVIATIONS
from rag.answer import Answer, Citation
from rag.extract import (
    Candidate,
    coverage,
    is_plan_section,
    of_month_alone,
    of_months_to_date,
    of_months_to_date_only,
    other_grade,
    other_kind,
    stated_only,
    states_cause,
    states_month,
    states_months_to_date,
)
from rag.figures import counted_in, figures_of, lead_figure, references_in
from rag.periods import QueryPeriod
from rag.routing import mentions_period, period_key
from rag.terms import MEASURES, Terms
from rag.text import details, enumerates, next_item, part_holding_marker, sentences
from rag.tokenize import syllables
from rag.tuning import Tuning
from rag.view import IndexView, Scoped

Similarity = Callable[[str], float]

REFUSAL = "Không tìm thấy số liệu trả lời câu hỏi này trong các báo cáo hiện có."


_MAX_ITEMS = 8  # lines of a list announced with a colon quoted after the first
_BULLET = re.compile(r"\s*[-+•] ")
_BULLET_LEAD = re.compile(r":\s|\.\s")  # "- Phát triển kinh tế cửa khẩu: Công tác …"
# A sentence naming the whole year ("ước cả năm", "12 tháng") speaks of it in any report.
_WHOLE_YEAR = re.compile(r"\b(?:cả năm|12 tháng)\b", re.I)


class RefusalRule(StrEnum):
    """Which check refused a question: carried on the answer so that the harness can count
    each rule's right and wrong refusals."""

    NO_REPORT = "no_report_for_period"  # no report is of the period asked
    UNKNOWN_NAME = "name_not_in_reports"  # a place or project no report names
    HELD_ELSEWHERE = "held_elsewhere"  # another period's report states it, not this one
    NOTHING_FOUND = "nothing_found"  # the search found no passage
    WEAK = "weak_evidence"  # the best sentence shares too little with the question
    TARGET_ONLY = "target_only"  # only a target or a task, not a result
    NAME_ABSENT = "name_not_in_passage"  # the best passage does not name what was asked
    PERIOD_UNSTATED = "period_not_stated"  # the sentence does not name the period asked
    UNIT_MISMATCH = "unit_mismatch"  # the figure found counts something else
    RESTATED = "figure_restated"  # the sentence gives only the figure the question states
    OTHER_KIND = "other_kind"  # the sentence is on another kind ("tai nạn giao thông")
    NO_CAUSE = "cause_not_stated"  # a why-question, and the sentence gives no cause
    MONTH_ONLY = "month_only"  # the months to date asked, the sentence gives the month's
    MONTHS_TO_DATE_ONLY = "months_to_date_only"  # the month asked, the sentence the months'


# Words saying how a figure compares ("vượt kế hoạch"), not what it is of: another report
# holding one is not holding the indicator asked.
_NOT_INDICATORS = frozenset({"tang", "giam", "dat", "vuot", "bang", "hon", "so", "voi"})

# A result that does not lead, answering where the first passage only sets a target: among
# the first passages, speaking of the question nearly as much.
_RESULT_DEPTH = 4
_RESULT_SHARE = 0.8
# A cause a few passages down, where the first states only what happened: speaking of the
# question less than a result must, as a cause is worded apart from what it explains.
_CAUSE_SHARE = 0.6
# The months to date below the month's figure: a continuation, cut from what it continues.
_MONTHS_SHARE = 0.45
# Declined for these rules, the first passage gives way to one a few passages down that is
# what was asked: the share of the question it must speak of, and what it must be.
_FURTHER_DOWN: dict[RefusalRule, tuple[float, Callable[[Candidate, Terms], bool]]] = {
    RefusalRule.NO_CAUSE: (_CAUSE_SHARE, lambda c, _: states_cause(c.sentence)),
    RefusalRule.TARGET_ONLY: (_RESULT_SHARE, lambda c, _: not c.target),
    # The first passage's figure is of other months than asked ("cả năm 2018" of the mid-year
    # report's results): its forecast of the year, or a sentence naming the period, a few down.
    RefusalRule.PERIOD_UNSTATED: (_RESULT_SHARE, lambda c, _: True),
    # The month's figure put first, the months to date next ("… cho tổ chức được 15 giấy" then
    # "Lũy kế 11 tháng cấp cho tổ chức được 217 giấy"), often cut from the sentence it
    # continues, so speaking of the question less by its own words.
    RefusalRule.MONTH_ONLY: (_MONTHS_SHARE, lambda c, _: states_months_to_date(c.sentence)),
    # The reverse: "tính chung 9 tháng …" put first, "Trong tháng …" a few passages down.
    RefusalRule.MONTHS_TO_DATE_ONLY: (
        _MONTHS_SHARE,
        lambda c, t: states_month(c.sentence) and not _of_months_to_date(c, t),
    ),
}


@dataclass(frozen=True)
class Declined:
    """Why the best sentence found does not answer: the rule, and the reason said in the
    refusal (None: the plain refusal)."""

    candidate: Candidate | None
    rule: RefusalRule
    reason: str | None = None


class AnswerBuilder:
    """Turns the best sentences of a search into an answer, or a refusal when too weak."""

    def __init__(self, tuning: Tuning) -> None:
        self.tuning = tuning

    def build(
        self,
        view: IndexView,
        question: str,
        terms: Terms,
        scoped: list[Scoped],
        per_period: bool,
        similarity: Similarity | None = None,
    ) -> Answer:
        """The answer from what the search found: one figure, one per period, or a refusal.
        `similarity` (a sentence's closeness in meaning to the question) vouches for a sentence
        that shares too few words with it."""
        book = CitationBook()
        if per_period:
            lines: list[str] = []
            related: list[TextNode] = []
            rules: list[RefusalRule] = []
            for part in scoped:
                label = part.period.label if part.period else ""
                held = self._held_elsewhere(part, terms)
                best = (
                    Declined(held, RefusalRule.HELD_ELSEWHERE)
                    if held
                    else self._confident(view, part, terms, similarity)
                )
                if isinstance(best, Candidate):
                    lines.append(f"- {label}: {say(best, book, view, terms)}")
                    continue
                rules.append(RefusalRule.NO_REPORT if part.scope is None else best.rule)
                if best.reason is not None and best.candidate is not None:
                    lines.append(f"- {label}: {best.reason}")
                    related.append(best.candidate.node)
                    continue
                lines.append(f"- {label}: {self._missing(view, part, held)}")
                related.extend(h.node for h in part.hits[:1])
                if held is not None:
                    related.append(held.node)
            if book.citations:
                return Answer(question, "\n".join(lines), False, book.citations)
            return self.refuse(question, scoped, related, rule=rules[0])

        part = scoped[0]
        if part.scope is None:
            reason = self._missing(view, part)
            return self.refuse(question, scoped, [], reason, RefusalRule.NO_REPORT)
        held = self._held_elsewhere(part, terms)
        if held is not None:
            related = [held.node, *(h.node for h in part.hits[:2])]
            reason = self._missing(view, part, held)
            return self.refuse(question, scoped, related, reason, RefusalRule.HELD_ELSEWHERE)
        best = self._confident(view, part, terms, similarity)
        if isinstance(best, Declined):
            if best.reason is None or best.candidate is None:
                related = [h.node for h in part.hits[:3]]
                return self.refuse(question, scoped, related, rule=best.rule)
            nearest = [best.candidate.node, *(h.node for h in part.hits[:3])]
            related = list({n.node_id: n for n in nearest}.values())[:3]
            return self.refuse(question, scoped, related, best.reason, best.rule)
        others = self._other_periods(view, best, part.candidates)
        if not others:
            return Answer(question, say(best, book, view, terms), False, book.citations)
        lines = ["Số liệu theo từng kỳ báo cáo (mới nhất trước):"]
        for candidate in sorted(
            [best, *others], key=lambda c: period_key(view.period_of(c.node)), reverse=True
        ):
            lines.append(
                f"- {candidate.node.metadata['period']}: {say(candidate, book, view, terms)}"
            )
        return Answer(question, "\n".join(lines), False, book.citations)

    def build_parts(
        self,
        view: IndexView,
        question: str,
        parts: list[tuple[Terms, Scoped, Similarity | None]],
    ) -> Answer | None:
        """One line per question of a compound one ("… bao nhiêu, và bao nhiêu …"), each its
        own sentence, or one sentence leading with each part's figure when all find the same;
        None when a part finds no answer, or two of them one sentence but not all."""
        found = []
        for terms, part, similarity in parts:
            best = self._confident(view, part, terms, similarity)
            if not isinstance(best, Candidate):
                return None
            found.append((best, terms))
        book = CitationBook()
        distinct = len({(c.node.node_id, c.sentence) for c, _ in found})
        if distinct == 1:
            # "Tổng thu … bao nhiêu, trong đó thu nội địa bao nhiêu?": one sentence holds both.
            figures = [c.lead(terms) for c, terms in found]
            if None in figures or len(set(figures)) < len(figures):
                return None
            lead = "; ".join(f for f in figures if f)
            first, terms = found[0]
            return Answer(question, say(first, book, view, terms, lead), False, book.citations)
        if distinct < len(found):
            return None
        lines = [f"- {say(candidate, book, view, terms)}" for candidate, terms in found]
        return Answer(question, "\n".join(lines), False, book.citations)

    def _confident(
        self, view: IndexView, part: Scoped, terms: Terms, similarity: Similarity | None
    ) -> Candidate | Declined:
        """The top passage's best sentence, if it is strong enough to answer with. A figure
        asked for must be found; an answer in words needs less of the question's wording."""
        if not part.candidates:
            return Declined(None, RefusalRule.NOTHING_FOUND)
        top = part.candidates[0]
        answer = self._answers(view, part, terms, top, similarity)
        if (
            not isinstance(answer, Candidate)
            and len(part.candidates) > 1
            and _cites(part.candidates[1], top)
        ):
            # A footnote put first (a breakdown, a list) that does not answer: the sentence
            # citing it may.
            answer = self._answers(view, part, terms, part.candidates[1], similarity)
        further = _FURTHER_DOWN.get(answer.rule) if isinstance(answer, Declined) else None
        if further is not None:
            # The fall put first, its cause a few passages down ("… do phía Trung Quốc …"); a
            # target put first ("Phấn đấu tổng kim ngạch … đạt …") where a result is asked,
            # the result a few passages down.
            share, fits = further
            for other in part.candidates[1:_RESULT_DEPTH]:
                if fits(other, terms) and other.own >= share * top.own:
                    found = self._answers(view, part, terms, other, similarity)
                    if isinstance(found, Candidate):
                        return found
        return answer

    def _answers(
        self,
        view: IndexView,
        part: Scoped,
        terms: Terms,
        best: Candidate,
        similarity: Similarity | None,
    ) -> Candidate | Declined:
        floor = self.tuning.min_score if terms.quantitative else self.tuning.min_score_text
        part_period, by_mention = part.period, part.scope is not None and part.scope.chunk_ids
        # Both searches finding a passage first says something only when they chose among
        # whole reports, not among the few passages that name a period no report is of.
        if not by_mention and _agreed(best, self.tuning.agreed_lexical_rank):
            floor *= self.tuning.agreed_floor
        # Bonuses (the period named, a footnote for a list) lift a sentence's score, not what
        # it shares with the question: one sharing almost nothing is weak whatever its score.
        weak = best.score < floor or best.coverage < self.tuning.min_shared
        if weak and not (
            # A paraphrase shares few words with its answer but means the same.
            similarity is not None
            and best.score >= self.tuning.min_score_meaning * floor
            and similarity(best.sentence)
            >= (
                self.tuning.min_meaning_similarity
                if terms.quantitative
                else self.tuning.min_meaning_similarity_text
            )
        ):
            return Declined(best, RefusalRule.WEAK)
        if terms.wants_reason and not states_cause(f"{best.quote} {best.sentence}"):
            # "Vì sao … giảm?" is not answered by the fall alone.
            reason = "đoạn gần nhất không nêu nguyên nhân"
            return Declined(best, RefusalRule.NO_CAUSE, reason)
        if terms.counts and not terms.wants_plan and best.target:
            # "Đã có bao nhiêu" is not answered by what is to be done.
            reason = "báo cáo chỉ nêu mục tiêu, nhiệm vụ, không nêu kết quả đạt được"
            return Declined(best, RefusalRule.TARGET_ONLY, reason)
        unnamed = [name for name in terms.names if not _names(best, name)]
        if unnamed:
            # "Sân Golf Hoàng Đồng" is not answered by a passage never naming it.
            reason = f"đoạn gần nhất không nhắc đến «{unnamed[0]}»"
            return Declined(best, RefusalRule.NAME_ABSENT, reason)
        other = other_grade(terms.grades, best.sentence)
        if other is not None:
            reason = f"đoạn gần nhất nói về «{other}», không phải hạng được hỏi"
            return Declined(best, RefusalRule.NAME_ABSENT, reason)
        # A footnote's items ("huyện Hữu Lũng 2.815 người") are of the kind its citing
        # sentence names ("bảo hiểm xã hội tự nguyện").
        other = other_kind(terms.kinds, f"{_citing(best)} {best.sentence}")
        if other is not None:
            reason = (
                f"đoạn gần nhất nói về «{other}», không phải loại được hỏi"
                if other
                else "đoạn gần nhất không nói về đúng loại chỉ tiêu được hỏi"
            )
            return Declined(best, RefusalRule.OTHER_KIND, reason)
        opposite = None if terms.wants_reason else terms.opposite_in(best.sentence)
        if opposite is not None:
            # "Hộ cận nghèo" is not answered by "hộ nghèo", nor "xuất khẩu" by "nhập khẩu".
            reason = f"đoạn gần nhất nói về «{opposite}», không phải chỉ tiêu được hỏi"
            return Declined(best, RefusalRule.OTHER_KIND, reason)
        if part_period is not None and by_mention:
            # No report is of this period: the answer must be a sentence that names it.
            section = best.node.metadata.get("section", "")
            report_year = best.node.metadata.get("period_year")
            if not mentions_period(f"{section} {best.quote}", part_period, report_year):
                return Declined(best, RefusalRule.PERIOD_UNSTATED)
        if part_period is not None and part_period.last and terms.quantitative and not best.target:
            # "6 tháng cuối năm" is the report's outlook: its figures achieved are of the first
            # months, and only a target speaks of the last ones.
            reason = (
                f"báo cáo chỉ nêu kết quả đã đạt trước {part_period.label}, "
                "không nêu số liệu của kỳ này"
            )
            return Declined(best, RefusalRule.PERIOD_UNSTATED, reason)
        if (
            part_period is not None
            and terms.quantitative
            and _part_of_year(view, best, part_period)
        ):
            # "Cả năm 2018" asked of the mid-year report: its results are of the first half;
            # only its forecast speaks of the year.
            reason = (
                f"báo cáo chỉ nêu kết quả {_months_reported(view, best)}, "
                f"không nêu số liệu cả năm {part_period.year}"
            )
            return Declined(best, RefusalRule.PERIOD_UNSTATED, reason)
        if (
            part_period is not None
            and terms.quantitative
            and _months_to_date(part_period)
            and _of_month_alone(best)
        ):
            # "Lũy kế 11 tháng … bao nhiêu vụ?" is not answered by "Trong tháng xảy ra 06 vụ".
            reason = f"đoạn gần nhất chỉ nêu số liệu trong tháng, không nêu {part_period.label}"
            return Declined(best, RefusalRule.MONTH_ONLY, reason)
        if (
            part_period is not None
            and part_period.alone
            and terms.quantitative
            and _of_months_to_date(best, terms)
        ):
            # "Trong tháng 9/2019 … bao nhiêu lượt khách?" is not answered by "tính chung 9
            # tháng, tổng lượng khách …": the worst answer is another period's figure.
            reason = f"đoạn gần nhất chỉ nêu số liệu cộng dồn, không nêu riêng {part_period.label}"
            return Declined(best, RefusalRule.MONTHS_TO_DATE_ONLY, reason)
        restated = stated_only(terms, best.sentence)
        if terms.quantitative and restated:
            # "Trong 3.773 học viên …, bao nhiêu người học nghề sơ cấp?" asks a part of the
            # figure it states: a sentence stating only that figure holds no part of it.
            reason = (
                f"đoạn gần nhất chỉ nêu con số câu hỏi đã nêu ({restated}), không nêu chi tiết hơn"
            )
            return Declined(best, RefusalRule.RESTATED, reason)
        if terms.quantitative and best.unit_mismatch:
            # A figure in another unit is an answer only if its clause speaks of the subject.
            # A measure asked (km, tấn, tỷ đồng) is never another word for what is counted, as
            # "hộ" may be for "gia đình": no figure in it, no answer.
            measured = bool(terms.units) and terms.units <= MEASURES
            # Nor is a span of time ("kỷ niệm 92 năm") another word for what is counted, nor
            # a measure ("163,4 tỷ đồng") for things counted ("bao nhiêu hộ nghèo").
            if (
                measured
                or _only_durations(best.sentence)
                or _measures_things_counted(terms, best)
                or (
                    view.ranker.figure_coverage(terms, best.sentence)
                    < self.tuning.min_clause_coverage
                )
            ):
                return Declined(best, RefusalRule.UNIT_MISMATCH)
        return best

    def _held_elsewhere(self, part: Scoped, terms: Terms) -> Candidate | None:
        """The other report's sentence stating the figure asked for, when this period's report
        does not: its best passage lacks the rarest of the question's words that sentence has
        (the indicator, "hộ nghèo"), not only some of its wording."""
        elsewhere = part.elsewhere
        if not terms.quantitative or not part.candidates or elsewhere is None:
            return None  # a figure of an indicator; words ("which", "why") vary too much
        best = part.candidates[0]
        if best.own >= self.tuning.weak_in_period:
            return None
        if elsewhere.own < self.tuning.elsewhere_coverage:
            return None
        there = set(terms.words(elsewhere.quote))
        shared = [t for t in terms.weights if t in there]
        if not shared:
            return None
        shared = [t for t in shared if t not in _NOT_INDICATORS] or shared
        key = max(shared, key=lambda t: terms.weights[t])
        meta = best.node.metadata
        here = terms.words(
            f"{meta.get('section', '')} {meta.get('context') or ''} {best.node.text}"
        )
        # "GRDP" asked, "tổng sản phẩm" written: the indicator is here.
        spelled = terms.words(ABBREVIATIONS.get(key, ""))
        if key in here or (spelled and set(spelled) <= set(here)):
            return None
        return elsewhere

    def _other_periods(
        self, view: IndexView, best: Candidate, candidates: list[Candidate]
    ) -> list[Candidate]:
        """The same indicator's figure in other periods, when the question named none."""
        seen = {period_key(view.period_of(best.node))}
        others = []
        for candidate in sorted(candidates, key=lambda c: -c.score):
            key = period_key(view.period_of(candidate.node))
            if key in seen:
                continue
            if (
                candidate.score >= self.tuning.compare_ratio * best.score
                and candidate.coverage >= self.tuning.min_coverage
                and lead_figure(candidate.sentence)
            ):
                others.append(candidate)
                seen.add(key)
            if len(others) + 1 >= self.tuning.max_periods:
                break
        return others

    def _missing(self, view: IndexView, part: Scoped, held: Candidate | None = None) -> str:
        """Why a period has no answer: no report of it, another report holding the figure
        (`held`, its sentence), or nothing found."""
        if part.scope is None and part.period is not None:
            available = "; ".join(sorted({p.label for p in view.periods.values()}))
            return f"không có báo cáo nào cho kỳ {part.period.label} (các kỳ hiện có: {available})"
        if held is not None:
            asked = part.period.label if part.period else "kỳ này"
            other = held.node.metadata["title"]
            return (
                f"báo cáo của kỳ {asked} không nêu số liệu đó; "
                f"{other} có nêu (xem đoạn có thể liên quan)"
            )
        return "không tìm thấy số liệu cho kỳ này trong báo cáo"

    @staticmethod
    def refuse(
        question: str,
        scoped: list[Scoped],
        related: list[TextNode],
        reason: str | None = None,
        rule: RefusalRule = RefusalRule.WEAK,
    ) -> Answer:
        """One clear sentence, and the closest passages as "có thể liên quan" (not an answer),
        with the rule that refused."""
        if not related:
            related = [h.node for s in scoped for h in s.hits[:3]][:3]
        message = REFUSAL if reason is None else f"{REFUSAL[:-1]}: {reason}."
        return Answer(
            question,
            message,
            True,
            related=[Citation.from_node(i + 1, n) for i, n in enumerate(related)],
            refusal_rule=rule.value,
        )


def _measures_things_counted(terms: Terms, candidate: Candidate) -> bool:
    """Does the figure led with measure (money, area, weight) where things are counted?"""
    lead = candidate.lead(terms) if terms.counts_things else None  # read only when it matters
    figures = figures_of(lead) if lead else []
    return bool(figures) and counted_in(figures[0].unit, MEASURES)


def _only_durations(sentence: str) -> bool:
    """Are the sentence's figures all spans of time ("92 năm", "15 ngày")?"""
    figures = figures_of(sentence)
    return bool(figures) and all(f.is_span_of_time for f in figures)


def _citing(candidate: Candidate) -> str:
    """The sentence citing the candidate's passage, if it is a footnote ("" otherwise)."""
    return str(candidate.node.metadata.get("context") or "")


def _names(candidate: Candidate, name: str) -> bool:
    """Does the candidate's passage (with its heading and citing sentence) name `name`?"""
    section = candidate.node.metadata.get("section", "")
    said = syllables(f"{section} {_citing(candidate)} {candidate.node.text}", bare=True)
    return f" {' '.join(syllables(name, bare=True))} " in f" {' '.join(said)} "


def _part_of_year(view: IndexView, best: Candidate, asked: QueryPeriod) -> bool:
    """Is the whole year asked ("cả năm 2018") and answered by a result of a report covering
    part of it, neither a forecast or target nor a sentence naming the whole year?"""
    covered = view.period_of(best.node)
    if asked.months != 12 or asked.month or covered is None:
        return False
    if (covered.months or covered.month or 12) >= 12 or best.target:
        return False
    section = best.node.metadata.get("section", "")
    return not is_plan_section(section) and not _WHOLE_YEAR.search(best.sentence)


def _of_month_alone(candidate: Candidate) -> bool:
    """Does the candidate give the month's figures only? A footnote details the clause of
    the sentence whose marker it carries ("…; trong tháng ghi nhận một số bệnh …¹⁸")."""
    if of_month_alone(f"{candidate.quote} {candidate.sentence}"):
        return True
    detailed = _detailed_clause(candidate)
    return detailed is not None and of_month_alone(detailed)


def _of_months_to_date(candidate: Candidate, terms: Terms) -> bool:
    """Does the candidate answer with the months to date only? Its figure is of the period
    last named before it ("…; riêng tháng 6 chỉ ghi nhận 392 ca"); a footnote details the
    clause of the sentence whose marker it carries ("…; lũy kế 9 tháng … 9.336,4 ha³")."""
    meta = candidate.node.metadata
    if meta.get("kind") != "footnote":
        lead = candidate.lead(terms)
        governed = of_months_to_date(candidate.sentence, lead) if lead else None
        if governed is not None:
            return governed
    if of_months_to_date_only(candidate.sentence):
        return True
    detailed = _detailed_clause(candidate)
    return detailed is not None and of_months_to_date_only(detailed)


def _detailed_clause(candidate: Candidate) -> str | None:
    """For a footnote, the part of the sentence citing it that it details."""
    meta = candidate.node.metadata
    if meta.get("kind") != "footnote" or not meta.get("context"):
        return None
    return part_holding_marker(meta["context"], meta["footnote"])


def _months_to_date(asked: QueryPeriod) -> bool:
    """Does the question ask the months to date ("11 tháng năm 2017", "lũy kế từ đầu năm đến
    tháng 11"), not one month nor a whole year?"""
    return asked.text.startswith("từ") or (
        asked.months is not None and 1 < asked.months < 12 and asked.month is None
    )


def _months_reported(view: IndexView, candidate: Candidate) -> str:
    """ "6 tháng đầu năm 2018", "tháng 1/2022": what the candidate's report has results of."""
    covered = view.period_of(candidate.node)
    if covered is None:
        return "của kỳ báo cáo"
    months = covered.months or covered.month or 12
    if months == 1:
        return f"tháng 1/{covered.year}"
    return f"{months} tháng đầu năm {covered.year}"


def _agreed(candidate: Candidate, lexical_rank: int) -> bool:
    """Did the meaning search put the passage first and the word search near the top? Two
    independent searches agreeing is evidence that a paraphrased question is on topic."""
    ranks = candidate.hit.ranks
    return ranks.get("dense") == 0 and ranks.get("lexical", lexical_rank + 1) <= lexical_rank


def _cites(body: Candidate, note: Candidate) -> bool:
    """Does the body sentence point to the footnote passage?"""
    meta = note.node.metadata
    return (
        meta.get("kind") == "footnote"
        and meta.get("doc") == body.node.metadata.get("doc")
        and meta.get("footnote") in body.markers
    )


class CitationBook:
    """Numbers passages in the order an answer first cites them."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []

    def cite(self, node: TextNode) -> int:
        for citation in self.citations:
            if citation.chunk_id == node.node_id:
                return citation.n
        citation = Citation.from_node(len(self.citations) + 1, node)
        self.citations.append(citation)
        return citation.n


def say(
    candidate: Candidate,
    book: CitationBook,
    view: IndexView,
    terms: Terms,
    lead: str | None = None,
) -> str:
    """ "5.775 tỷ đồng: “Lũy kế 11 tháng 5.775 tỷ đồng, đạt 77,8% dự toán…” [1]" and, where
    the sentence points to a footnote, that footnote's detail [2]. `lead` replaces the figure
    read from the sentence (the figures of several questions it answers)."""
    node = candidate.node
    n = book.cite(node)
    figure = lead or candidate.lead(terms)
    quote = candidate.quote
    if figure and lead is None and figure.split()[0] not in quote:
        quote = candidate.sentence  # the figure led with is shown where it is said
    text = f"“{quote}” [{n}]"
    cited = (
        references_in(candidate.sentence, terms.wants_reference) if terms.wants_reference else []
    )
    if terms.wants_doc:
        # "Which report, under which heading": the report, and the part of it that says so.
        part = (node.metadata.get("section") or "").split(" > ")[0]
        named = node.metadata["title"]
        heading = node.metadata.get("heading")
        if heading and heading.lower() not in named.lower():
            named = f"{named} «{heading}»"  # the title an official cites it by
        number = node.metadata.get("number")
        if number and number not in named:
            named = f"{named} (số {number}{_issued(node.metadata.get('date', ''))})"
        where = f"{named}, phần “{part}”" if part else named
        text = f"{where}: {text}"
    elif cited:
        text = f"{cited[0]} — {text}"
    elif figure and terms.quantitative:
        text = f"{figure} — {text}"
    bullets = _announced_items(view, candidate, terms) if terms.wants_list else []
    if bullets:
        text = f"{_nearest_heading(node)} " + " ".join(
            f"“{lead} …” [{book.cite(n)}]" for n, lead in bullets
        )
    elif terms.wants_list and not enumerates(candidate.sentence):
        following = _next_sentence(view, node, candidate.sentence)
        if (
            following is not None
            and details(candidate.sentence, following[1])
            and following[1] not in quote  # a list paragraph is quoted with its items
        ):
            # "Which leaders attended?": the sentence naming the meeting sets the scene, the
            # one after it lists them; "which measures?": a task, then its actions; "… các
            # nguyên tắc sau:", the items after it, one a line.
            m = book.cite(following[0])
            text += f" “{following[1]}” [{m}]"
            announced = candidate.sentence.rstrip().endswith(":")
            for _ in range(_MAX_ITEMS if announced else 0):
                item = following[1]
                following = _next_sentence(view, following[0], item)
                if following is None or not next_item(item, following[1]):
                    break
                m = book.cite(following[0])
                text += f" “{following[1]}” [{m}]"
    footnote = node.metadata.get("footnote")
    if node.metadata.get("kind") == "footnote" and node.metadata.get("context"):
        text += f" (chú thích {footnote} của câu: “{node.metadata['context']}”)"
    for marker in candidate.markers:
        detail = view.footnote(node.metadata["doc"], marker)
        if detail is not None:
            m = book.cite(detail)
            text += f" Chi tiết (chú thích {marker}): “{detail.text}” [{m}]"
    return text


def _issued(date: str) -> str:
    """ " ngày 27/5/2024" of an ISO date with its day ("2024-05-27"); "" without one."""
    parts = [int(p) for p in date.split("-")] if date else []
    return f" ngày {parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 else ""


def _nearest_heading(node: TextNode) -> str:
    """The heading right above a passage ("2. Đánh giá sự phát triển …, bao gồm:")."""
    return (node.metadata.get("section") or "").split(" > ")[-1]


def _announced_items(
    view: IndexView, candidate: Candidate, terms: Terms
) -> list[tuple[TextNode, str]]:
    """The bullets a heading announces ("2. Đánh giá sự phát triển của các ngành, lĩnh vực kinh
    tế, bao gồm:"), each cut to its lead ("- Phát triển kinh tế cửa khẩu"), when the heading
    speaks of the question more than the bullet found does: the list asked is the bullets,
    spread over the passages under the heading, not one bullet's content."""
    heading = _nearest_heading(candidate.node)
    if not heading.rstrip().endswith(":"):
        return []
    if coverage(terms, terms.words(heading))[0] <= candidate.own:
        return []
    items = [
        (passage, _BULLET_LEAD.split(line.strip(), maxsplit=1)[0])
        for passage in view.section_of(candidate.node)
        for line in passage.text.splitlines()
        if _BULLET.match(line)
    ]
    return items if len(items) >= 2 else []


def _next_sentence(view: IndexView, node: TextNode, sentence: str) -> tuple[TextNode, str] | None:
    """The sentence after `sentence`: in its passage, or opening the next passage of the same
    section."""
    texts = sentences(node.text)
    at = texts.index(sentence) if sentence in texts else -1
    if 0 <= at < len(texts) - 1:
        return node, texts[at + 1]
    after = view.beside(node, 1) if not texts or texts[-1] == sentence else None
    if after is None:
        return None
    opening = sentences(after.text)
    return (after, opening[0]) if opening else None
