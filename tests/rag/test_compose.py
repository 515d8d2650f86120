"""AnswerBuilder: which sentence answers, and when a search is refused, on hand-made searches."""

from __future__ import annotations

from dataclasses import replace

from llama_index.core.schema import TextNode

from rag.answer import Answer
from rag.compose import AnswerBuilder, RefusalRule, Similarity
from rag.extract import Candidate, SentenceRanker
from rag.periods import Period, QueryPeriod
from rag.retrieve import Hit, Scope
from rag.terms import Terms, Vocabulary
from rag.tuning import Tuning
from rag.view import IndexView, Scoped

DOC, OTHER = "2023.txt", "2018.txt"


class FakeLexical:
    """The indexed passages, by id."""

    def __init__(self, passages: tuple[TextNode, ...]) -> None:
        self.passages = {p.node_id: p for p in passages}

    def node(self, node_id: str) -> TextNode:
        return self.passages[node_id]


class FakeView:
    """What composing reads of an index view: footnotes (none here) and report periods."""

    def __init__(self, *passages: TextNode, ranker: SentenceRanker | None = None) -> None:
        self.periods = {DOC: Period(2023, 11, 11), OTHER: Period(2018, 6)}
        self.lexical = FakeLexical(passages)
        self.ranker = ranker

    def footnote(self, doc: str, number: int) -> TextNode | None:
        return None

    def period_of(self, node: TextNode) -> Period | None:
        return self.periods.get(node.metadata["doc"])

    # The real walk over passages under one heading, which reads only `lexical`.
    beside = IndexView.beside
    section_of = IndexView.section_of


def node(node_id: str, text: str, doc: str = DOC, **meta: object) -> TextNode:
    metadata = {
        "doc": doc,
        "title": f"Báo cáo {doc}",
        "period": doc.removesuffix(".txt"),
        "section": "II. Tình hình",
        **meta,
    }
    return TextNode(id_=node_id, text=text, metadata=metadata)


def candidate(
    passage: TextNode,
    score: float,
    coverage: float,
    markers: tuple[int, ...] = (),
    own: float | None = None,
) -> Candidate:
    return Candidate(
        hit=Hit(passage),
        quote=passage.text,
        sentence=passage.text,
        score=score,
        coverage=coverage,
        markers=markers,
        own=coverage if own is None else own,
    )


def terms(question: str) -> Terms:
    return Vocabulary([TextNode(text="xử lý vụ buôn lậu hàng giả; tỷ lệ hộ nghèo")]).terms(question)


def compose(
    search: Scoped, question: str, read: Terms | None = None, similarity: Similarity | None = None
) -> Answer:
    """The answer to `question` from one search (read with `terms` unless `read` is given)."""
    read = read or terms(question)
    return AnswerBuilder(Tuning()).build(FakeView(), question, read, [search], False, similarity)  # type: ignore[arg-type]


def period_search(here: Candidate, elsewhere: Candidate) -> Scoped:
    """A search of the 2023 report finding `here`, with `elsewhere` the other report's best."""
    search = Scoped(QueryPeriod(2023), Scope(docs=frozenset([DOC])), [here.hit], [here])
    search.elsewhere = elsewhere
    return search


def test_a_footnote_put_first_that_does_not_answer_gives_way_to_the_sentence_citing_it() -> None:
    body = node(f"{DOC}#b1", "Lũy kế xử lý 5.903 vụ buôn lậu, hàng giả¹.")
    note = node(f"{DOC}#fn1", "Tiền phạt 71,65 tỷ đồng.", kind="footnote", footnote=1)
    search = Scoped(None, Scope(), [], [candidate(note, 0.3, 0.9), candidate(body, 1.3, 0.8, (1,))])
    question = "Xử lý bao nhiêu vụ buôn lậu?"
    answer = compose(search, question)
    assert not answer.refused and "5.903" in answer.answer
    assert [c.chunk_id for c in answer.citations] == [f"{DOC}#b1"]


def test_a_weak_first_passage_not_followed_by_its_citing_sentence_is_refused() -> None:
    """The fallback is for a footnote and its own sentence, not any second passage."""
    first = node(f"{DOC}#b2", "Tiền phạt 71,65 tỷ đồng.")
    second = node(f"{DOC}#b1", "Lũy kế xử lý 5.903 vụ buôn lậu, hàng giả.")
    search = Scoped(None, Scope(), [], [candidate(first, 0.3, 0.9), candidate(second, 1.3, 0.8)])
    question = "Xử lý bao nhiêu vụ buôn lậu?"
    answer = compose(search, question)
    assert answer.refused and answer.refusal_rule == RefusalRule.WEAK


def test_a_refusal_names_the_rule_that_refused() -> None:
    """The harness counts each rule's right and wrong refusals from this."""
    nothing = compose(Scoped(None, Scope(), [], []), "Tỷ lệ hộ nghèo?")
    assert nothing.refused and nothing.refusal_rule == RefusalRule.NOTHING_FOUND
    no_report = compose(Scoped(QueryPeriod(2030), None, [], []), "Tỷ lệ hộ nghèo năm 2030?")
    assert no_report.refused and "năm 2030" in no_report.answer
    assert no_report.to_json()["refusal_rule"] == "no_report_for_period"
    passage = node(f"{DOC}#b1", "Tỷ lệ hộ nghèo còn 5,2%.")
    answered = compose(Scoped(None, Scope(), [], [candidate(passage, 1.5, 1.0)]), "Hộ nghèo?")
    assert not answered.refused and answered.refusal_rule is None


def test_an_indicator_only_another_report_states_is_refused_and_shown() -> None:
    weak = node(f"{DOC}#b3", "Đăng ký mới 623 doanh nghiệp, đạt 124% kế hoạch.")
    other = node(f"{OTHER}#b9", "Tỷ lệ hộ nghèo toàn tỉnh còn 17,57%.", doc=OTHER)
    search = period_search(candidate(weak, 0.9, 0.3), candidate(other, 1.5, 1.0))
    question = "Tỷ lệ hộ nghèo năm 2023?"
    answer = compose(search, question)
    assert answer.refused and "623" not in answer.answer
    assert "năm 2023 không nêu" in answer.answer and f"Báo cáo {OTHER}" in answer.answer
    assert answer.related[0].chunk_id == f"{OTHER}#b9"
    assert answer.refusal_rule == RefusalRule.HELD_ELSEWHERE
    # The same weak sentence, with no other report stating more: answered as before.
    search.elsewhere = candidate(other, 1.0, 0.5)
    answer = compose(search, question)
    assert not answer.refused and "623" in answer.answer


def test_a_passage_both_searches_put_first_needs_less_wording_to_answer() -> None:
    """A paraphrase shares few words with its sentence: when the dense and the lexical search
    agree on the passage, a weaker sentence still answers; alone, it does not."""
    passage = node(f"{DOC}#b4", "Lựa chọn được 09 tri thức trẻ về làm việc tại hợp tác xã.")
    question = "Bao nhiêu sinh viên mới ra trường về làm việc ở hợp tác xã?"
    weak = candidate(passage, 0.5, 0.5)  # under the floor (0.6), over 0.7 of it
    search = Scoped(None, Scope(), [weak.hit], [weak])
    assert compose(search, question).refused
    weak.hit.ranks = {"dense": 0, "lexical": 1}
    answer = compose(search, question)
    assert not answer.refused and "09" in answer.answer
    weak.hit.ranks = {"dense": 0, "lexical": 7}  # the word search disagrees
    assert compose(search, question).refused


def test_agreeing_on_one_of_the_few_passages_naming_a_period_is_no_evidence() -> None:
    """No report is of quý I/2022: the search ran over the passages that say "quý I", and
    putting one of them first is what both searches had to do."""
    text = "Đến nay đã có 08 xã đạt chuẩn nông thôn mới, phấn đấu hoàn thành trong quý I/2022."
    passage = node(f"{DOC}#b11", text)
    question = "Xã đạt chuẩn nông thôn mới quý I/2022 bao nhiêu?"
    weak = candidate(passage, 0.5, 0.74)
    weak.hit.ranks = {"dense": 0, "lexical": 0}
    by_report = Scoped(
        QueryPeriod(2022, quarter=1), Scope(docs=frozenset([DOC])), [weak.hit], [weak]
    )
    assert not compose(by_report, question).refused
    by_mention = Scoped(
        QueryPeriod(2022, quarter=1),
        Scope(chunk_ids=frozenset([passage.node_id])),
        [weak.hit],
        [weak],
    )
    refusal = compose(by_mention, question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.WEAK  # the floor not lowered


def test_a_place_the_question_names_must_be_named_by_the_answer() -> None:
    """The reports name "Hoàng Đồng" once, without a figure: a figure about other projects'
    investment is no answer about it."""
    vocabulary = Vocabulary(
        [
            TextNode(text="Dự án Khách sạn - sân Golf Hoàng Đồng đang hoàn thiện thủ tục."),
            TextNode(text="Cấp chủ trương đầu tư cho 23 dự án mới, tổng vốn 1.116,8 tỷ đồng."),
        ]
    )
    question = "Tổng vốn đầu tư dự án sân Golf Hoàng Đồng là bao nhiêu tỷ đồng?"
    read = vocabulary.terms(question)
    assert read.names == ("Golf Hoàng Đồng",)
    other = node(f"{DOC}#b46", "Cấp chủ trương đầu tư cho 23 dự án mới, tổng vốn 1.116,8 tỷ đồng.")
    strong = candidate(other, 1.5, 0.9)
    refusal = compose(Scoped(None, Scope(), [strong.hit], [strong]), question, read)
    assert refusal.refused and "«Golf Hoàng Đồng»" in refusal.answer
    assert refusal.refusal_rule == RefusalRule.NAME_ABSENT
    named = node(f"{DOC}#b47", "Dự án sân Golf Hoàng Đồng có tổng vốn 2.000 tỷ đồng.")
    right = candidate(named, 1.5, 0.9)
    assert not compose(Scoped(None, Scope(), [right.hit], [right]), question, read).refused


def test_a_target_does_not_answer_how_many_there_are() -> None:
    """ "Đã có bao nhiêu sản phẩm OCOP 3 sao?" asks a result; the report's task to have
    "3-5 sản phẩm đạt hạng 3 sao" is what is to be done."""
    text = "Tiêu chuẩn hóa 10 sản phẩm OCOP, trong đó có 3-5 sản phẩm đạt hạng 3 sao."
    task = node(f"{DOC}#b24", text, section="II. NHIỆM VỤ 6 THÁNG CUỐI NĂM")
    vocabulary = Vocabulary([TextNode(text=text), TextNode(text="Khách du lịch 2.351 lượt.")])
    strong = candidate(task, 1.3, 0.9)
    strong.target = True
    search = Scoped(None, Scope(), [strong.hit], [strong])
    asked = "Tỉnh đã có bao nhiêu sản phẩm OCOP đạt hạng 3 sao?"
    refusal = compose(search, asked, vocabulary.terms(asked))
    assert refusal.refused and "chỉ nêu mục tiêu" in refusal.answer
    assert refusal.related[0].text == text  # the target, shown as related
    assert refusal.refusal_rule == RefusalRule.TARGET_ONLY
    planned = "Chỉ tiêu số sản phẩm OCOP đạt hạng 3 sao là bao nhiêu?"
    assert not compose(search, planned, vocabulary.terms(planned)).refused


def test_a_result_just_below_a_target_answers_a_question_of_results() -> None:
    """ "Phấn đấu tổng kim ngạch … đạt thêm 2.400 triệu USD" put first; "Tổng kim ngạch xuất
    nhập khẩu ước 2.430 triệu USD" next, speaking of the question nearly as much, answers."""
    goal = "Phấn đấu tổng kim ngạch xuất nhập khẩu qua địa bàn đạt thêm 2.400 triệu USD."
    result = "Tổng kim ngạch xuất nhập khẩu ước 2.430 triệu USD, tăng 5% so với cùng kỳ."
    vocabulary = Vocabulary([TextNode(text=goal), TextNode(text=result)])
    asked = "Tổng kim ngạch xuất nhập khẩu qua địa bàn ước đạt bao nhiêu?"
    target = candidate(node(f"{DOC}#b73", goal), 1.3, 0.9)
    target.target = True
    close = candidate(node(f"{DOC}#b37", result), 1.2, 0.8)
    search = Scoped(None, Scope(), [target.hit, close.hit], [target, close])
    answer = compose(search, asked, vocabulary.terms(asked))
    assert not answer.refused and answer.answer.startswith("2.430 triệu USD")
    # Far below the target in what it speaks of, it is no answer: the target is refused.
    far = candidate(node(f"{DOC}#b37", result), 1.0, 0.6)
    search = Scoped(None, Scope(), [target.hit, far.hit], [target, far])
    assert compose(search, asked, vocabulary.terms(asked)).refusal_rule == RefusalRule.TARGET_ONLY


def test_a_part_asked_of_a_figure_the_question_states_is_not_answered_by_that_figure() -> None:
    text = "Trong tháng tuyển sinh và đào tạo được 3.773 học viên."
    total = node(f"{DOC}#b30", text)
    vocabulary = Vocabulary([TextNode(text=text), TextNode(text="Khách du lịch 2.351 lượt.")])
    strong = candidate(total, 1.3, 0.9)
    search = Scoped(None, Scope(), [strong.hit], [strong])
    part = "Trong 3.773 học viên tuyển sinh tháng này có bao nhiêu người học trình độ sơ cấp?"
    refusal = compose(search, part, vocabulary.terms(part))
    assert refusal.refused and refusal.refusal_rule == RefusalRule.RESTATED
    assert "3.773" in refusal.answer and refusal.related[0].text == text
    # Asked without stating it, the figure answers.
    whole = "Trong tháng tuyển sinh, đào tạo được bao nhiêu học viên?"
    assert compose(search, whole, vocabulary.terms(whole)).answer.startswith("3.773 học viên")


def test_a_span_of_time_does_not_count_what_is_asked() -> None:
    text = "Chuẩn bị đón Tết Nguyên đán Nhâm Dần gắn với kỷ niệm 92 năm Ngày thành lập Đảng."
    feast = node(f"{DOC}#b34", text)
    vocabulary = Vocabulary([TextNode(text=text), TextNode(text="Trồng 300 cây xanh.")])
    strong = candidate(feast, 1.3, 0.9)
    strong.unit_mismatch = True
    search = Scoped(None, Scope(), [strong.hit], [strong])
    trees = "Tết trồng cây Nhâm Dần toàn tỉnh trồng được bao nhiêu cây?"
    refusal = compose(search, trees, vocabulary.terms(trees))
    assert refusal.refused and refusal.refusal_rule == RefusalRule.UNIT_MISMATCH
    # Asked in years, the figure is in the unit asked.
    counted = candidate(feast, 1.3, 0.9)
    years = "Tết Nhâm Dần kỷ niệm bao nhiêu năm Ngày thành lập Đảng?"
    in_years = Scoped(None, Scope(), [counted.hit], [counted])
    assert compose(in_years, years, vocabulary.terms(years)).answer.startswith("92 năm")


def test_a_sum_does_not_count_the_things_asked() -> None:
    """ "Bao nhiêu hộ nghèo" is not answered by what was paid to them ("163,4 tỷ đồng"), where
    "hộ" is a thing the reports count; "bao nhiêu xi măng" counts no thing: "83 nghìn tấn"."""
    text = (
        "Toàn tỉnh đã chi trả cho 198.116 đối tượng người có công, hộ nghèo, hộ cận nghèo, "
        "với tổng kinh phí 163,4 tỷ đồng."
    )
    paid = node(f"{DOC}#b35", text)
    vocabulary = Vocabulary([TextNode(text=text), TextNode(text="Thêm 2.700 hộ thoát nghèo.")])
    strong = candidate(paid, 1.3, 0.9)
    strong.unit_mismatch = True
    households = "Trong 198.116 đối tượng được chi trả có bao nhiêu hộ nghèo?"
    refusal = compose(
        Scoped(None, Scope(), [strong.hit], [strong]), households, vocabulary.terms(households)
    )
    assert refusal.refused and refusal.refusal_rule == RefusalRule.UNIT_MISMATCH
    cement = node(f"{DOC}#b36", "Sản phẩm chủ yếu: xi măng 83 nghìn tấn, tăng 1%.")
    made = candidate(cement, 1.3, 0.9)
    made.unit_mismatch = True
    asked = "Tỉnh sản xuất được bao nhiêu xi măng?"
    view = FakeView(ranker=SentenceRanker(vocabulary))
    found = AnswerBuilder(Tuning()).build(
        view,  # type: ignore[arg-type]
        asked,
        vocabulary.terms(asked),
        [Scoped(None, Scope(), [made.hit], [made])],
        False,
    )
    assert found.answer.startswith("83 nghìn tấn")


def test_a_period_answered_only_by_a_target_says_so_beside_the_other_period() -> None:
    done = node(f"{OTHER}#b3", "Toàn tỉnh có 12 sản phẩm OCOP đạt hạng 3 sao.", doc=OTHER)
    task = node(f"{DOC}#b24", "Phấn đấu có 20 sản phẩm OCOP đạt hạng 3 sao.")
    found, planned = candidate(done, 1.3, 0.9), candidate(task, 1.3, 0.9)
    planned.target = True
    asked = "Có bao nhiêu sản phẩm OCOP đạt 3 sao năm 2018 và năm 2023?"
    vocabulary = Vocabulary([TextNode(text=done.text), TextNode(text="Khách du lịch 2.351.")])
    searches = [
        Scoped(QueryPeriod(2018), Scope(docs=frozenset([OTHER])), [found.hit], [found]),
        Scoped(QueryPeriod(2023), Scope(docs=frozenset([DOC])), [planned.hit], [planned]),
    ]
    answer = AnswerBuilder(Tuning()).build(
        FakeView(),  # type: ignore[arg-type]
        asked,
        vocabulary.terms(asked),
        searches,
        True,
    )
    assert not answer.refused and "12 sản phẩm" in answer.answer
    assert "năm 2023: báo cáo chỉ nêu mục tiêu" in answer.answer


def test_the_indicator_under_another_name_is_not_held_elsewhere() -> None:
    """ "GRDP" asked, the period's report writes "tổng sản phẩm": its weak sentence is still
    the answer, though another report's sentence says "GRDP" word for word."""
    here = node(f"{DOC}#b5", "Kinh tế có sự phát triển, tốc độ tăng tổng sản phẩm của tỉnh 0,47%.")
    other = node(f"{OTHER}#b1", "Tốc độ tăng trưởng kinh tế (GRDP) bình quân 8 - 9%.", doc=OTHER)
    search = period_search(candidate(here, 0.7, 0.45), candidate(other, 1.4, 0.98))
    texts = [here.text, other.text, "Tốc độ tăng thu ngân sách 5%.", "Tốc độ tăng bán lẻ 9%."]
    question = Vocabulary([TextNode(text=t) for t in texts]).terms("Tốc độ tăng GRDP năm 2023?")
    assert max(question.weights, key=lambda t: question.weights[t]) == "grdp"
    answer = compose(search, "GRDP?", question)
    assert not answer.refused and "0,47%" in answer.answer


def test_a_word_comparing_a_figure_is_not_the_indicator_held_elsewhere() -> None:
    """ "vượt kế hoạch" asked: another report saying "vượt" does not hold the indicator the
    period's report names ("sản lượng lương thực")."""
    here = node(f"{DOC}#b5", "Tổng sản lượng lương thực 160,2 nghìn tấn, đạt 101,3% kế hoạch.")
    other = node(f"{OTHER}#b1", "Sản lượng lương thực vượt kế hoạch 3%.", doc=OTHER)
    search = period_search(candidate(here, 0.7, 0.45), candidate(other, 1.4, 0.98))
    texts = [here.text, other.text, "Thu ngân sách 5%.", "Bán lẻ 9%.", "Vốn 2 tỷ."]
    question = Vocabulary([TextNode(text=t) for t in texts]).terms(
        "Sản lượng lương thực vượt kế hoạch bao nhiêu?"
    )
    assert max(question.weights, key=lambda t: question.weights[t]) == "vuot"
    answer = compose(search, "?", question)
    assert not answer.refused and "101,3%" in answer.answer


def test_only_a_figure_is_held_elsewhere_not_a_list() -> None:
    """ "Which border gates" is worded in many ways; another report's sentence sharing the
    question's words says nothing about whether this period's report answers it."""
    here = node(f"{DOC}#b6", "Thông quan chỉ duy trì tại Hữu Nghị và Ga Đồng Đăng.")
    other = node(f"{OTHER}#b2", "Những cửa khẩu nào tạm dừng hoạt động xuất nhập khẩu?", doc=OTHER)
    search = period_search(candidate(here, 0.7, 0.3), candidate(other, 1.4, 1.0))
    question = "Những cửa khẩu nào tạm dừng hoạt động năm 2023?"
    answer = compose(search, question)
    assert not answer.refused and "Hữu Nghị" in answer.answer


def test_a_sentence_close_in_meaning_answers_though_it_shares_few_words() -> None:
    passage = node(f"{DOC}#b7", "Xảy ra 29 vụ tai nạn giao thông, làm chết 29 người.")
    question = "Va chạm trên đường cướp đi sinh mạng bao nhiêu người?"
    weak = candidate(passage, 0.3, 0.1)  # under the floor (0.6), over a quarter of it
    search = Scoped(None, Scope(), [weak.hit], [weak])
    asked: list[str] = []

    def close(sentence: str) -> float:
        asked.append(sentence)
        return 0.9

    answer = compose(search, question, similarity=close)
    assert not answer.refused and "29 người" in answer.answer and asked == [passage.text]
    far = compose(search, question, similarity=lambda s: 0.8)
    assert far.refused
    weak.score = 0.1  # too few words in common for any meaning to vouch for it
    answer = compose(search, question, similarity=close)
    assert answer.refused


def test_a_why_question_is_answered_by_a_cause_or_refused() -> None:
    """ "Vì sao đàn trâu giảm?": the fall alone is no answer; a cause a few passages down is."""
    fall = node(f"{DOC}#b1", "Đàn trâu 37 nghìn con, giảm 5% so với cùng kỳ.")
    cause = node(f"{DOC}#b2", "Đàn trâu giảm do chuyển đổi cơ cấu và thiếu bãi chăn thả.")
    question = "Vì sao đàn trâu giảm?"
    alone = compose(Scoped(None, Scope(), [Hit(fall)], [candidate(fall, 1.5, 0.9)]), question)
    assert alone.refused and alone.refusal_rule == RefusalRule.NO_CAUSE.value
    assert "không nêu nguyên nhân" in alone.answer
    both = [candidate(fall, 1.5, 0.9), candidate(cause, 1.2, 0.8)]
    found = compose(Scoped(None, Scope(), [Hit(fall), Hit(cause)], both), question)
    assert not found.refused and "chuyển đổi cơ cấu" in found.answer
    # A question asking no cause is answered by the fall.
    assert not compose(
        Scoped(None, Scope(), [Hit(fall)], both[:1]), "Đàn trâu bao nhiêu con?"
    ).refused


def test_a_question_answered_in_words_needs_its_meaning_less_close() -> None:
    """ "Vì sao …", "… ra sao": the passage is the answer, read whole; a figure must be sure."""
    passage = node(f"{DOC}#b7", "Thu ngân sách giảm do thị trường bất động sản trầm lắng.")
    weak = candidate(passage, 0.2, 0.1)  # under both floors (0.3, 0.6), over a quarter of each
    search = Scoped(None, Scope(), [weak.hit], [weak])
    words = compose(search, "Vì sao tiền đất thu được ít?", similarity=lambda s: 0.84)
    assert not words.refused and "trầm lắng" in words.answer
    figure = compose(search, "Tiền đất thu được bao nhiêu?", similarity=lambda s: 0.84)
    assert figure.refused


def test_a_footnote_whose_context_names_the_topic_is_still_weak_on_its_own() -> None:
    """A footnote's citing sentence lends it the question's words ("tỷ lệ"); its own words
    ("130.027 hồ sơ") do not state the poverty rate another report states."""
    note = node(
        f"{DOC}#fn33",
        "Trung tâm xử lý 130.027 hồ sơ, trực tuyến chiếm 74,8%.",
        kind="footnote",
        footnote=33,
        context="Tỷ lệ hồ sơ trực tuyến tăng.",
    )
    other = node(f"{OTHER}#b9", "Tỷ lệ hộ nghèo toàn tỉnh còn 17,57%.", doc=OTHER)
    search = period_search(candidate(note, 0.8, 0.52, own=0.09), candidate(other, 1.5, 1.0))
    texts = [note.text, other.text, "Tỷ lệ hộ dùng nước sạch 90%.", "Tỷ lệ hộ có điện 99%."]
    question = Vocabulary([TextNode(text=t) for t in texts]).terms("Tỷ lệ hộ nghèo năm 2023?")
    answer = compose(search, "?", question)
    assert answer.refused and "130.027" not in answer.answer


def test_a_compound_question_is_answered_part_by_part_or_not_at_all() -> None:
    revenue = node(f"{DOC}#b1", "Tổng thu ngân sách 6.932,3 tỷ đồng.")
    trade = node(f"{DOC}#b2", "Kim ngạch xuất nhập khẩu 4.595 triệu USD.")
    builder = AnswerBuilder(Tuning())

    def part(question: str, found: TextNode, score: float = 1.3) -> tuple[Terms, Scoped, None]:
        search = Scoped(None, Scope(), [Hit(found)], [candidate(found, score, 0.9)])
        return terms(question), search, None

    both = builder.build_parts(
        FakeView(),  # type: ignore[arg-type]
        "Thu ngân sách bao nhiêu, và kim ngạch bao nhiêu?",
        [part("Thu ngân sách bao nhiêu", revenue), part("kim ngạch bao nhiêu?", trade)],
    )
    assert both is not None and both.answer.splitlines()[1].endswith("[2]")
    assert [c.chunk_id for c in both.citations] == [f"{DOC}#b1", f"{DOC}#b2"]
    # A part without an answer, or both parts finding one sentence: the whole question decides.
    weak = part("kim ngạch bao nhiêu?", trade, score=0.05)
    assert builder.build_parts(FakeView(), "?", [part("Thu", revenue), weak]) is None  # type: ignore[arg-type]
    same = [part("Thu", revenue), part("Tổng thu", revenue)]
    assert builder.build_parts(FakeView(), "?", same) is None  # type: ignore[arg-type]


def test_parts_answered_by_one_sentence_lead_with_each_figure() -> None:
    """ "Tổng thu bao nhiêu, trong đó thu nội địa bao nhiêu?": one sentence, two figures."""
    budget = node(
        f"{DOC}#b1", "Tổng thu ngân sách 6.932,3 tỷ đồng, trong đó thu nội địa 2.309,0 tỷ đồng."
    )
    read = Vocabulary([budget, node(f"{DOC}#b2", "Khách du lịch 2.351 nghìn lượt.")])

    def part(question: str, clause: str) -> tuple[Terms, Scoped, None]:
        found = replace(candidate(budget, 1.3, 0.9), clause=clause)
        return read.terms(question), Scoped(None, Scope(), [found.hit], [found]), None

    parts = [
        part("Tổng thu ngân sách bao nhiêu", "Tổng thu ngân sách 6.932,3 tỷ đồng"),
        part("tổng thu ngân sách thu nội địa bao nhiêu", "trong đó thu nội địa 2.309,0 tỷ đồng"),
    ]
    answer = AnswerBuilder(Tuning()).build_parts(FakeView(), "?", parts)  # type: ignore[arg-type]
    assert answer is not None and len(answer.citations) == 1
    assert answer.answer.startswith("6.932,3 tỷ đồng; 2.309,0 tỷ đồng — “Tổng thu")


def test_the_figure_led_with_is_in_the_quote() -> None:
    """A quote cut to one item of a sentence shows the whole sentence when the figure the
    answer leads with is in another item."""
    sentence = "Tổng số đơn là 81 đơn, tăng 14,1%; đã giải quyết được 67 đơn, đạt 82,7%."
    complaints = node(f"{DOC}#b1", sentence)
    read = Vocabulary([complaints]).terms("Tỷ lệ giải quyết đơn là bao nhiêu?")
    cut = replace(candidate(complaints, 1.5, 0.9), quote="Tổng số đơn là 81 đơn, tăng 14,1%")
    answer = compose(Scoped(None, Scope(), [cut.hit], [cut]), "?", read)
    assert answer.answer.startswith(f"82,7% — “{sentence}”")


def test_a_passage_giving_another_grade_is_no_answer() -> None:
    """ "Bao nhiêu sản phẩm OCOP 4 sao?" is not answered by the count of 3-star products."""
    stars = node(f"{DOC}#b1", "Công nhận 02 sản phẩm OCOP 3 sao.")
    question = Vocabulary([stars]).terms("Bao nhiêu sản phẩm OCOP 4 sao?")
    answer = compose(
        Scoped(None, Scope(), [Hit(stars)], [candidate(stars, 1.5, 0.9)]), "?", question
    )
    assert answer.refused and answer.refusal_rule == RefusalRule.NAME_ABSENT.value
    assert "«3 sao»" in answer.answer


def test_a_passage_on_another_kind_is_no_answer() -> None:
    """ "Bao nhiêu vụ tai nạn lao động?" is not answered by the count of traffic accidents."""
    traffic = node(f"{DOC}#b1", "Xảy ra 43 vụ tai nạn giao thông, làm chết 19 người.")
    workers = node(f"{DOC}#b2", "Người lao động được hỗ trợ.")
    question = Vocabulary([traffic, workers]).terms("Bao nhiêu vụ tai nạn lao động?")
    answer = compose(
        Scoped(None, Scope(), [Hit(traffic)], [candidate(traffic, 1.5, 0.9)]), "?", question
    )
    assert answer.refused and answer.refusal_rule == RefusalRule.OTHER_KIND.value
    assert "«tai nạn giao thông»" in answer.answer


def test_a_passage_on_an_indicator_of_its_own_is_no_answer() -> None:
    """ "Tỷ lệ hộ cận nghèo?" is not answered by the rate of poor households."""
    poor = node(f"{DOC}#b1", "Tỷ lệ hộ nghèo toàn tỉnh hiện còn 17,57%.")
    question = Vocabulary([poor]).terms("Tỷ lệ hộ cận nghèo là bao nhiêu?")
    answer = compose(Scoped(None, Scope(), [Hit(poor)], [candidate(poor, 1.5, 0.9)]), "?", question)
    assert answer.refused and answer.refusal_rule == RefusalRule.OTHER_KIND.value
    assert "«hộ nghèo»" in answer.answer
    both = node(f"{DOC}#b2", "Tỷ lệ hộ nghèo còn 17,57%, tỷ lệ hộ cận nghèo còn 9,2%.")
    found = candidate(both, 1.5, 0.9)
    answer = compose(Scoped(None, Scope(), [found.hit], [found]), "?", question)
    assert not answer.refused and answer.answer.startswith("9,2%")


def test_a_list_question_gets_the_list_that_follows_the_sentence_setting_the_scene() -> None:
    """ "Which leaders attended the meeting of 13/7?": the passage naming the meeting is found
    first; the next passage of the same section lists them."""
    meeting = node(f"{DOC}#b1", "Ngày 13/7/2020, UBND tỉnh tổ chức Hội nghị trực tuyến về kinh tế.")
    leaders = node(
        f"{DOC}#b2",
        "Tham dự có các đồng chí Đoàn Thị Hậu, Phó Chủ tịch; đồng chí Hồ Tiến Thiệu, "
        "Phó Chủ tịch; đồng chí Dương Xuân Hòa, Phó Trưởng Đoàn. Hội nghị kết thúc lúc 17 giờ.",
    )
    elsewhere = node(f"{DOC}#b2", "Dự có các đồng chí Lê A, Lê B, Lê C.", section="III. Khác")
    question = "Những lãnh đạo nào dự hội nghị trực tuyến ngày 13/7/2020?"
    read = Vocabulary([meeting, leaders]).terms(question)
    assert read.wants_list
    found = candidate(meeting, 1.2, 0.8)
    search = Scoped(None, Scope(), [found.hit], [found])
    builder = AnswerBuilder(Tuning())
    answer = builder.build(FakeView(meeting, leaders), question, read, [search], False)  # type: ignore[arg-type]
    assert "Hồ Tiến Thiệu" in answer.answer and "17 giờ" not in answer.answer
    assert [c.chunk_id for c in answer.citations] == [f"{DOC}#b1", f"{DOC}#b2"]
    # Not across sections, and not for a question asking a figure.
    alone = builder.build(FakeView(meeting, elsewhere), question, read, [search], False)  # type: ignore[arg-type]
    assert "Lê B" not in alone.answer and len(alone.citations) == 1
    figure = Vocabulary([meeting, leaders]).terms("Hội nghị ngày 13/7/2020 có bao nhiêu điểm cầu?")
    counted = builder.build(FakeView(meeting, leaders), question, figure, [search], False)  # type: ignore[arg-type]
    assert "Hồ Tiến Thiệu" not in counted.answer


def test_a_list_paragraph_quoted_whole_is_not_followed_by_its_items_again() -> None:
    """ "3. Tập trung các giải pháp …, gồm:" quoted with the bullets under it: each bullet
    once."""
    text = (
        "3. Tập trung các giải pháp nâng cao năng lực thông quan hàng hóa, gồm:\n"
        "- Đề nghị khôi phục cửa khẩu phụ Na Hình;\n- Mở rộng Nền tảng cửa khẩu số;\n"
        "- Hoàn thiện Đề án cửa khẩu thông minh."
    )
    tasks = node(f"{DOC}#b1", text)
    question = "Các giải pháp nâng cao năng lực thông quan hàng hóa?"
    read = Vocabulary([tasks]).terms(question)
    found = replace(candidate(tasks, 1.2, 0.8), sentence=text.split("\n")[0])
    search = Scoped(None, Scope(), [found.hit], [found])
    answer = AnswerBuilder(Tuning()).build(FakeView(tasks), question, read, [search], False)  # type: ignore[arg-type]
    assert answer.answer.count("Na Hình") == 1 and "cửa khẩu thông minh" in answer.answer


def test_a_document_asked_by_number_leads_the_answer() -> None:
    """ "Nghị quyết số mấy?": the answer leads with the resolution the sentence cites, its
    number and date, not with a figure of the sentence."""
    text = (
        "Thực hiện Quyết định số 12/QĐ-UBND ngày 02/01/2023 và Nghị quyết số 17/2020/NQ-HĐND "
        "ngày 14/12/2020 của HĐND tỉnh về hỗ trợ du lịch cộng đồng, đã chi 3 tỷ đồng."
    )
    passage = node(f"{DOC}#b1", text)
    question = "Hỗ trợ du lịch cộng đồng theo nghị quyết HĐND số mấy?"
    read = Vocabulary([passage]).terms(question)
    found = candidate(passage, 1.2, 0.8)
    search = Scoped(None, Scope(), [found.hit], [found])
    answer = AnswerBuilder(Tuning()).build(FakeView(passage), question, read, [search], False)  # type: ignore[arg-type]
    assert answer.answer.startswith("Nghị quyết số 17/2020/NQ-HĐND ngày 14/12/2020 — “")


def test_a_list_question_gets_the_actions_that_follow_a_task() -> None:
    """ "Which measures for revenue?": a task is one statement; the sentence after it spells out
    its actions. A lead that lists things itself, or a following sentence of one statement,
    gets nothing added."""
    task = node(
        f"{DOC}#b1",
        "7. Tập trung chỉ đạo công tác quản lý thu ngân sách. Rà soát các nguồn thu, sắc thuế, "
        "đổi mới biện pháp thu; tăng cường kiểm tra, chống thất thu. 8. Quản lý đất đai.",
    )
    question = "Tỉnh chỉ đạo những biện pháp gì để quản lý thu ngân sách?"
    read = Vocabulary([task]).terms(question)
    lead = "7. Tập trung chỉ đạo công tác quản lý thu ngân sách."
    found = replace(candidate(task, 1.2, 0.8), sentence=lead, quote=lead)
    search = Scoped(None, Scope(), [found.hit], [found])
    answer = AnswerBuilder(Tuning()).build(FakeView(task), question, read, [search], False)  # type: ignore[arg-type]
    assert "đổi mới biện pháp thu" in answer.answer and "Quản lý đất đai" not in answer.answer
    plain = node(f"{DOC}#b1", "7. Tập trung chỉ đạo thu ngân sách. Quản lý chi đúng quy định.")
    lead = "7. Tập trung chỉ đạo thu ngân sách."
    found = replace(candidate(plain, 1.2, 0.8), sentence=lead, quote=lead)
    search = Scoped(None, Scope(), [found.hit], [found])
    alone = AnswerBuilder(Tuning()).build(FakeView(plain), question, read, [search], False)  # type: ignore[arg-type]
    assert "Quản lý chi" not in alone.answer


def test_a_list_question_gets_the_next_sentence_opening_alike() -> None:
    """ "Hoàn thành Đề án A. Hoàn thành xây dựng Đề án B.": one list, a sentence an item."""
    text = (
        "Hoàn thành Đề án vị trí việc làm công chức, viên chức. "
        "Hoàn thành xây dựng Đề án phân cấp, phân quyền. Tổ chức tổng kết năm 2023."
    )
    tasks = node(f"{DOC}#b1", text)
    question = "Tháng 12 cần hoàn thành những đề án nào?"
    read = Vocabulary([tasks]).terms(question)
    lead = "Hoàn thành Đề án vị trí việc làm công chức, viên chức."
    found = replace(candidate(tasks, 1.2, 0.8), sentence=lead, quote=lead)
    search = Scoped(None, Scope(), [found.hit], [found])
    answer = AnswerBuilder(Tuning()).build(FakeView(tasks), question, read, [search], False)  # type: ignore[arg-type]
    assert "phân cấp, phân quyền" in answer.answer and "tổng kết" not in answer.answer


def test_a_list_announced_with_a_colon_gets_its_lines() -> None:
    """ "… dựa trên các nguyên tắc sau:": the lines after it, one item a line, up to the
    first line that is not one of them."""
    lead = "Việc đánh giá giữa kỳ dựa trên các nguyên tắc sau:"
    text = (
        f"{lead}\n- Đánh giá theo các tiêu chí rõ ràng, đo lường được.\n"
        "- Đánh giá dựa trên các nhận định khách quan.\nSở Kế hoạch và Đầu tư tổng hợp."
    )
    rules = node(f"{DOC}#b1", text)
    question = "Các nguyên tắc đánh giá giữa kỳ gồm những gì?"
    read = Vocabulary([rules]).terms(question)
    found = replace(candidate(rules, 1.2, 0.8), sentence=lead, quote=lead)
    search = Scoped(None, Scope(), [found.hit], [found])
    answer = AnswerBuilder(Tuning()).build(FakeView(rules), question, read, [search], False)  # type: ignore[arg-type]
    assert "tiêu chí rõ ràng" in answer.answer and "nhận định khách quan" in answer.answer
    assert "tổng hợp" not in answer.answer


def test_a_list_a_heading_announces_gets_the_leads_of_its_bullets() -> None:
    """ "2. Đánh giá các ngành, lĩnh vực kinh tế, bao gồm:" heads bullets spread over several
    passages: asked which sectors, the answer is each bullet's lead, from every passage under
    the heading and none beyond it; asked what one bullet holds, it is that bullet."""
    heading = "A. Đánh giá giữa kỳ > 2. Đánh giá các ngành, lĩnh vực kinh tế, bao gồm:"
    first = node(
        f"{DOC}#b5",
        "- Sản xuất nông, lâm nghiệp: Đánh giá kết quả sản xuất, tái cơ cấu ngành.\n"
        "- Phát triển kinh tế cửa khẩu. Công tác quản lý, điều hành khu kinh tế.",
        section=heading,
    )
    second = node(
        f"{DOC}#b6",
        "Số xã đạt chuẩn nông thôn mới đến hết năm 2018.\n- Về phát triển dịch vụ: Bán buôn.",
        section=heading,
    )
    beyond = node(f"{DOC}#b7", "- Về quốc phòng: Xây dựng khu vực phòng thủ.", section="3. Khác")
    view = FakeView(first, second, beyond)
    question = "Phần đánh giá các ngành, lĩnh vực kinh tế gồm những ngành, lĩnh vực nào?"
    read = Vocabulary([first, second, beyond]).terms(question)
    assert read.wants_list
    found = candidate(first, 1.0, 0.6, own=0.1)
    search = Scoped(None, Scope(), [found.hit], [found])
    builder = AnswerBuilder(Tuning())
    answer = builder.build(view, question, read, [search], False)  # type: ignore[arg-type]
    for lead in (
        "Sản xuất nông, lâm nghiệp",
        "Phát triển kinh tế cửa khẩu",
        "Về phát triển dịch vụ",
    ):
        assert f"“- {lead}" in answer.answer
    assert "tái cơ cấu" not in answer.answer and "quốc phòng" not in answer.answer
    assert [c.chunk_id for c in answer.citations] == [f"{DOC}#b5", f"{DOC}#b6"]
    # A bullet that speaks of the question more than its heading answers by itself.
    own = candidate(first, 1.0, 0.9, own=0.9)
    alone = builder.build(view, question, read, [Scoped(None, Scope(), [own.hit], [own])], False)  # type: ignore[arg-type]
    assert "tái cơ cấu" in alone.answer and "dịch vụ" not in alone.answer


def test_a_measure_asked_for_must_be_the_unit_of_the_figure() -> None:
    """ "Bao nhiêu km đường" is not answered by the road programme's 110 tỷ đồng, however well
    the sentence speaks of the roads; a count noun ("gia đình") may be worded otherwise."""
    text = "Hỗ trợ xi măng làm đường giao thông nông thôn cho các gia đình, kinh phí 110 tỷ đồng."
    vocabulary = Vocabulary([TextNode(text=text), TextNode(text="Khách du lịch 2.351 lượt.")])
    view = FakeView(ranker=SentenceRanker(vocabulary))
    found = candidate(node(f"{DOC}#b8", text), 1.5, 0.9)
    found.unit_mismatch = True
    search = Scoped(None, Scope(), [found.hit], [found])
    builder = AnswerBuilder(Tuning())
    asked = "Làm được bao nhiêu km đường giao thông nông thôn?"
    length = builder.build(view, asked, vocabulary.terms(asked), [search], False)  # type: ignore[arg-type]
    assert length.refused and length.refusal_rule == RefusalRule.UNIT_MISMATCH
    counted = "Bao nhiêu gia đình được hỗ trợ xi măng làm đường giao thông nông thôn?"
    terms = vocabulary.terms(counted)
    assert terms.units == {"gia"}
    families = builder.build(view, counted, terms, [search], False)  # type: ignore[arg-type]
    assert not families.refused and "110 tỷ đồng" in families.answer


def test_a_sentence_sharing_almost_no_words_is_weak_whatever_its_bonuses() -> None:
    """Naming the period asked lifts a sentence's score, not what it says: tourists counted
    "11 tháng" do not answer which craft villages were recognised in those months."""
    text = "Lũy kế 11 tháng thu hút 3.764,82 nghìn lượt khách, đạt 100,13% kế hoạch."
    passage = node(f"{DOC}#b17", text)
    question = "Trong 11 tháng, tỉnh công nhận thêm những làng nghề truyền thống nào?"
    lifted = candidate(passage, 0.52, 0.03)
    search = Scoped(None, Scope(), [lifted.hit], [lifted])
    refusal = compose(search, question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.WEAK
    # The same sentence sharing a fifth of the words answers on its score.
    assert not compose(
        Scoped(None, Scope(), [lifted.hit], [replace(lifted, coverage=0.2)]), question
    ).refused
    # Its meaning close to the question's vouches for it, as for any paraphrase.
    assert not compose(search, question, similarity=lambda sentence: 0.95).refused


def test_figures_achieved_do_not_answer_for_the_last_months_of_a_year() -> None:
    """A mid-year report states the first half's results and the second half's tasks: "thu
    ngân sách 6 tháng cuối năm" is not its 3.042,3 tỷ đồng achieved, though a target may be."""
    question = "Tổng thu ngân sách 6 tháng cuối năm 2020 đạt bao nhiêu?"
    second_half = QueryPeriod(2020, months=6, last=True)
    achieved = node(f"{DOC}#b9", "Tổng thu ngân sách đạt 3.042,3 tỷ đồng, đạt 49,5% dự toán.")
    found = candidate(achieved, 1.4, 0.9)
    search = Scoped(second_half, Scope(docs=frozenset([DOC])), [found.hit], [found])
    refusal = compose(search, question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.PERIOD_UNSTATED
    assert "6 tháng cuối năm 2020" in refusal.answer
    target = replace(found, target=True)
    search = Scoped(second_half, Scope(docs=frozenset([DOC])), [target.hit], [target])
    assert not compose(search, question).refused
    first_half = Scoped(
        QueryPeriod(2020, months=6), Scope(docs=frozenset([DOC])), [found.hit], [found]
    )
    assert not compose(first_half, "Tổng thu ngân sách 6 tháng đầu năm 2020 đạt bao nhiêu?").refused


def test_results_of_part_of_a_year_do_not_answer_for_the_whole_year() -> None:
    """The mid-year report's "07 vụ cháy rừng" are the first half's: "cả năm 2018" is answered
    only by its forecast, or by a sentence naming the whole year."""
    question = "Cả năm 2018 xảy ra bao nhiêu vụ cháy rừng?"
    whole_year = Scope(docs=frozenset([OTHER]))
    asked = QueryPeriod(2018, months=12)
    fires = node(f"{OTHER}#b3", "Xảy ra 07 vụ cháy rừng, giảm 10 vụ so với cùng kỳ.", doc=OTHER)
    found = candidate(fires, 1.4, 0.9)
    refusal = compose(Scoped(asked, whole_year, [found.hit], [found]), question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.PERIOD_UNSTATED
    assert "6 tháng đầu năm 2018" in refusal.answer and "cả năm 2018" in refusal.answer
    forecast = node(
        f"{OTHER}#b9",
        "Xảy ra khoảng 12 vụ cháy rừng.",
        doc=OTHER,
        section="II. DỰ BÁO KHẢ NĂNG THỰC HIỆN KẾ HOẠCH NĂM 2018",
    )
    ahead = candidate(forecast, 1.4, 0.9)
    assert not compose(Scoped(asked, whole_year, [ahead.hit], [ahead]), question).refused
    said = node(f"{OTHER}#b4", "Ước cả năm xảy ra 12 vụ cháy rừng.", doc=OTHER)
    named = candidate(said, 1.4, 0.9)
    assert not compose(Scoped(asked, whole_year, [named.hit], [named]), question).refused
    half = Scoped(QueryPeriod(2018, months=6), whole_year, [found.hit], [found])
    assert not compose(half, "6 tháng đầu năm 2018 xảy ra bao nhiêu vụ cháy rừng?").refused


def test_the_months_to_date_are_not_answered_by_the_month_alone() -> None:
    """ "Lũy kế 11 tháng … bao nhiêu giấy?" is not answered by the month's 15 giấy; the months
    to date a few passages down answer, though cut from the sentence they continue."""
    question = "11 tháng năm 2023 cấp bao nhiêu giấy chứng nhận cho tổ chức?"
    asked, report = QueryPeriod(2023, months=11), Scope(docs=frozenset([DOC]))
    month = node(f"{DOC}#b1", "Trong tháng, cấp Giấy chứng nhận cho tổ chức được 15 giấy.")
    first = candidate(month, 1.4, 1.0)
    refusal = compose(Scoped(asked, report, [first.hit], [first]), question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.MONTH_ONLY
    assert "chỉ nêu số liệu trong tháng" in refusal.answer
    to_date = node(f"{DOC}#b2", "Lũy kế 11 tháng cấp cho tổ chức được 217 giấy.")
    below = candidate(to_date, 1.2, 0.5)
    answer = compose(Scoped(asked, report, [first.hit, below.hit], [first, below]), question)
    assert not answer.refused and answer.answer.startswith("217 giấy")
    # Asked the month, the month's figure answers.
    in_month = Scoped(QueryPeriod(2023, month=11), report, [first.hit], [first])
    assert not compose(in_month, "Tháng 11/2023 cấp bao nhiêu giấy chứng nhận?").refused
    # A footnote detailing the month's clause of its citing sentence is the month's too.
    cases = node(
        f"{DOC}#f18",
        "Tay chân miệng 86 ca; sốt xuất huyết Dengue 12 ca; thủy đậu 47 ca.",
        kind="footnote",
        footnote=18,
        context="Dịch bệnh được kiểm soát; trong tháng ghi nhận một số bệnh truyền nhiễm¹⁸.",
    )
    noted = candidate(cases, 1.4, 0.9)
    refusal = compose(
        Scoped(asked, report, [noted.hit], [noted]),
        "Lũy kế 11 tháng có bao nhiêu ca sốt xuất huyết?",
    )
    assert refusal.refusal_rule == RefusalRule.MONTH_ONLY


def test_the_month_alone_is_not_answered_by_the_months_to_date() -> None:
    """ "Trong tháng 9/2019 … bao nhiêu lượt khách?" is not answered by "tính chung 9 tháng":
    another period's figure is the worst answer. The month's figure a few passages down
    answers; a footnote detailing the months to date is no answer either."""
    question = "Trong tháng 9/2019 tỉnh đón bao nhiêu lượt khách du lịch?"
    alone, report = QueryPeriod(2019, month=9, alone=True), Scope(docs=frozenset([DOC]))
    months = node(
        f"{DOC}#b1", "Du lịch khởi sắc; tính chung 9 tháng, lượng khách đạt 2.516,8 nghìn lượt."
    )
    first = candidate(months, 1.4, 0.8)
    refusal = compose(Scoped(alone, report, [first.hit], [first]), question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.MONTHS_TO_DATE_ONLY
    assert "không nêu riêng tháng 9/2019" in refusal.answer
    month = node(f"{DOC}#b2", "Trong tháng đón 312,4 nghìn lượt khách du lịch.")
    below = candidate(month, 1.2, 0.6)
    answer = compose(Scoped(alone, report, [first.hit, below.hit], [first, below]), question)
    assert not answer.refused and answer.answer.startswith("312,4 nghìn lượt")
    # "Tháng 9/2019" may name the report, whose figures run to date.
    report_asked = Scoped(QueryPeriod(2019, month=9), report, [first.hit], [first])
    assert not compose(report_asked, "Lượng khách du lịch tháng 9/2019?").refused
    detail = node(
        f"{DOC}#f3",
        "Trong đó: khách quốc tế 298,4 nghìn lượt; khách nội địa 2.218,4 nghìn lượt.",
        kind="footnote",
        footnote=3,
        context="Trong tháng đón 312,4 nghìn lượt khách; tính chung 9 tháng đón 2.516,8 nghìn lượt³.",
    )
    noted = candidate(detail, 1.4, 0.8)
    refusal = compose(Scoped(alone, report, [noted.hit], [noted]), question)
    assert refusal.refusal_rule == RefusalRule.MONTHS_TO_DATE_ONLY


def test_the_month_alone_is_answered_by_the_figure_of_the_month_after_the_months_to_date() -> None:
    """A figure is of the period named last before it: "Từ đầu năm … 114.628 ca …; riêng tháng
    6 chỉ ghi nhận 392 ca" answers the month asked alone; "Trong tháng có 58 doanh nghiệp …;
    lũy kế 5 tháng …, tổng vốn đăng ký 2.146 tỷ đồng" does not answer the month's capital, nor
    does a stock "đến nay" a few passages down that names no month."""
    alone, report = QueryPeriod(2022, month=6, alone=True), Scope(docs=frozenset([DOC]))
    cases = node(
        f"{DOC}#b1",
        "Từ đầu năm đến ngày 20/6/2022, toàn tỉnh ghi nhận 114.628 ca mắc COVID-19, trong đó 26 "
        "ca tử vong; riêng tháng 6 chỉ ghi nhận 392 ca.",
    )
    question = "Số ca mắc COVID-19 riêng tháng 6?"
    found, read = (
        replace(candidate(cases, 1.4, 0.8), period=alone),
        Vocabulary([cases]).terms(question),
    )
    answer = compose(Scoped(alone, report, [found.hit], [found]), question, read)
    assert not answer.refused and answer.answer.startswith("392 ca")
    question = "Tổng vốn đăng ký của doanh nghiệp thành lập mới riêng trong tháng 5 là bao nhiêu?"
    alone = QueryPeriod(2023, month=5, alone=True)
    firms = node(
        f"{DOC}#b2",
        "Trong tháng, có 58 doanh nghiệp đăng ký thành lập mới; lũy kế 5 tháng thành lập mới 274 "
        "doanh nghiệp, tổng vốn đăng ký 2.146 tỷ đồng.",
    )
    stock = node(
        f"{DOC}#b3", "Đến nay có 27 dự án FDI còn hiệu lực, tổng vốn đăng ký 352,4 triệu USD."
    )
    first, below = candidate(firms, 1.6, 0.8), candidate(stock, 0.8, 0.4)
    refusal = compose(Scoped(alone, report, [first.hit, below.hit], [first, below]), question)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.MONTHS_TO_DATE_ONLY


def test_a_footnote_is_of_the_kind_its_citing_sentence_names() -> None:
    """ "Huyện Hữu Lũng có bao nhiêu người tham gia BHXH tự nguyện?": the footnote's items name
    no kind of insurance; the sentence citing it does."""
    question = "Huyện Hữu Lũng có bao nhiêu người tham gia bảo hiểm xã hội tự nguyện?"
    citing = "Toàn tỉnh có 14.685 người tham gia bảo hiểm xã hội tự nguyện²⁰."
    detail = node(
        f"{DOC}#f20",
        "Trong đó: huyện Hữu Lũng 2.815 người, huyện Cao Lộc 1.960 người.",
        kind="footnote",
        footnote=20,
        context=citing,
    )
    read = Vocabulary([detail, node(f"{DOC}#b1", citing)]).terms(question)
    found = candidate(detail, 1.4, 0.8)
    answer = compose(Scoped(None, Scope(), [found.hit], [found]), question, read)
    assert not answer.refused and answer.answer.startswith("2.815 người")
    # Cited by a sentence on another kind, it is no answer.
    elsewhere = node(
        f"{DOC}#f21", detail.text, kind="footnote", footnote=21, context="Bảo hiểm y tế²¹."
    )
    wrong = candidate(elsewhere, 1.4, 0.8)
    refusal = compose(Scoped(None, Scope(), [wrong.hit], [wrong]), question, read)
    assert refusal.refused and refusal.refusal_rule == RefusalRule.OTHER_KIND


def test_the_forecast_just_below_a_result_of_part_of_the_year_answers_for_the_year() -> None:
    """The mid-year report's result put first, its forecast of the year next, speaking of the
    question nearly as much: "cả năm 2018" is answered by the forecast."""
    question = "Cả năm 2018 xảy ra bao nhiêu vụ cháy rừng?"
    whole_year, asked = Scope(docs=frozenset([OTHER])), QueryPeriod(2018, months=12)
    fires = node(f"{OTHER}#b3", "Xảy ra 07 vụ cháy rừng, giảm 10 vụ so với cùng kỳ.", doc=OTHER)
    forecast = node(
        f"{OTHER}#b9",
        "Xảy ra khoảng 12 vụ cháy rừng.",
        doc=OTHER,
        section="II. DỰ BÁO KHẢ NĂNG THỰC HIỆN KẾ HOẠCH NĂM 2018",
    )
    result, ahead = candidate(fires, 1.4, 0.9), candidate(forecast, 1.3, 0.8)
    search = Scoped(asked, whole_year, [result.hit, ahead.hit], [result, ahead])
    answer = compose(search, question)
    assert not answer.refused and answer.answer.startswith("12 vụ")
    # Speaking of the question far less, it is no answer: the result is refused.
    far = candidate(forecast, 1.0, 0.5)
    search = Scoped(asked, whole_year, [result.hit, far.hit], [result, far])
    assert compose(search, question).refusal_rule == RefusalRule.PERIOD_UNSTATED


def test_which_report_is_named_as_an_official_cites_it() -> None:
    """ "Báo cáo nào …?": the report's short title, its own title line, and its number and
    date where it has them ("số 268/BC-UBND ngày 27/5/2024")."""
    question = "Báo cáo nào nêu chỉ số PAR INDEX năm 2023 đạt 87,12%?"
    cited = {
        "title": "Báo cáo KT-XH tháng 5/2024 (5 tháng)",
        "heading": "Tình hình kinh tế - xã hội tháng 5 và 5 tháng đầu năm 2024",
        "section": "II. TÌNH HÌNH KINH TẾ - XÃ HỘI",
    }
    par = "Chỉ số cải cách hành chính (PAR INDEX) năm 2023 của tỉnh đạt 87,12%."
    numbered = node(f"{DOC}#b1", par, number="268/BC-UBND", date="2024-05-27", **cited)
    read = Vocabulary([numbered]).terms(question)
    found = candidate(numbered, 1.5, 0.9)
    answer = compose(Scoped(None, Scope(), [found.hit], [found]), question, read)
    assert answer.answer.startswith(
        "Báo cáo KT-XH tháng 5/2024 (5 tháng) «Tình hình kinh tế - xã hội tháng 5 và 5 tháng "
        "đầu năm 2024» (số 268/BC-UBND ngày 27/5/2024), phần “II. TÌNH HÌNH KINH TẾ - XÃ HỘI”"
    )
    # A report without a number (left blank, "Số: /BC-UBND") is named without one.
    blank = node(f"{DOC}#b1", par, number="", date="2024-05", **cited)
    found = candidate(blank, 1.5, 0.9)
    answer = compose(Scoped(None, Scope(), [found.hit], [found]), question, read)
    assert "(số" not in answer.answer and "«Tình hình" in answer.answer
