"""The scorer on tiny hand-made inputs: evidence ranks, hit@k, MRR, answers, refusals."""

from __future__ import annotations

import pytest

from eval.gold import GoldItem
from eval.metrics import (
    answer_correct,
    breakdown,
    by_report,
    evidence_rank,
    hit_at,
    leads_with_answer,
    normalize_passage,
    percentile,
    reciprocal_rank,
    refusals_by_rule,
    score,
    summarize,
)


def item(
    kind: str = "body_number",
    answer: str = "5.775 tỷ đồng",
    evidence: tuple[str, ...] = ("Lũy kế 11 tháng 5.775 tỷ đồng, đạt 77,8% dự toán",),
    docs: tuple[str, ...] = ("000.txt",),
    id: str = "g1",
) -> GoldItem:
    answerable = kind != "unanswerable"
    return GoldItem(
        id=id,
        question="?",
        answer=answer if answerable else "",
        answerable=answerable,
        evidence=evidence if answerable else (),
        docs=docs if answerable else (),
        section=None,
        footnote=None,
        type=kind,
        split="dev",
    )


def test_passages_are_matched_without_markers_bold_or_extra_spaces() -> None:
    assert normalize_passage("đạt **126,3%**  kế\nhoạch² năm") == "đạt 126,3% kế hoạch năm"
    # a unit's superscript is not a footnote marker
    assert normalize_passage("8.085m³ đất") == "8.085m³ đất"


def test_evidence_rank_is_the_first_passage_holding_the_span() -> None:
    passages = ["nothing here", "Lũy kế 11 tháng 5.775 tỷ đồng,\n đạt 77,8% dự toán, tăng", "x"]
    assert evidence_rank(passages, ["Lũy kế 11 tháng 5.775 tỷ đồng, đạt 77,8% dự toán"]) == 2
    assert evidence_rank(passages, ["6.932,3 tỷ đồng"]) is None
    assert evidence_rank(passages, []) is None


def test_two_passage_item_ranks_at_the_last_of_its_passages() -> None:
    passages = ["B: 6.932,3 tỷ", "filler", "filler", "A: 5.775 tỷ"]
    assert evidence_rank(passages, ["A: 5.775 tỷ", "B: 6.932,3 tỷ"]) == 4
    assert evidence_rank(passages[:3], ["A: 5.775 tỷ", "B: 6.932,3 tỷ"]) is None
    assert evidence_rank(["A: 5.775 tỷ; B: 6.932,3 tỷ"], ["A: 5.775 tỷ", "B: 6.932,3 tỷ"]) == 1


def test_hit_at_k_and_reciprocal_rank_cut_at_depth_ten() -> None:
    assert hit_at(1, 1) and hit_at(3, 5) and not hit_at(4, 3) and not hit_at(None, 5)
    assert reciprocal_rank(1) == 1.0
    assert reciprocal_rank(4) == 0.25
    assert reciprocal_rank(10) == 0.1
    assert reciprocal_rank(11) == 0.0
    assert reciprocal_rank(None) == 0.0


def test_figures_match_across_vietnamese_number_formats() -> None:
    gold = item(answer="1.854,45 tỷ đồng, đạt 02 dự án")
    assert answer_correct(gold, "Đạt 1854,45 tỷ đồng (2 dự án) [1]", refused=False)
    assert not answer_correct(gold, "Đạt 1.854,4 tỷ đồng, 2 dự án", refused=False)
    assert answer_correct(item(answer="2,80%"), "tăng 2,8%", refused=False)
    assert answer_correct(item(answer="1.33%"), "giảm 1,33%", refused=False)


def test_a_right_answer_leads_with_a_gold_figure_or_not() -> None:
    """Accuracy finds the gold figure anywhere, quote included; the lead is what is read first."""
    gold = item(answer="13.628,7 tỷ đồng, tăng 7,2%")
    led = "13.628,7 tỷ đồng — “Lũy kế 13.628,7 tỷ đồng, tăng 7,2%; tháng 11: 1.152 tỷ đồng” [1]"
    buried = "1.152 tỷ đồng — “Lũy kế 13.628,7 tỷ đồng, tăng 7,2%; tháng 11: 1.152 tỷ đồng” [1]"
    assert answer_correct(gold, buried, refused=False)
    assert leads_with_answer(gold, led, refused=False) is True
    assert leads_with_answer(gold, buried, refused=False) is False
    assert leads_with_answer(gold, "Không tìm thấy", refused=True) is False
    # One line per passage of a two-passage item, after its period label.
    pair = item(kind="multi_hop", answer="lần lượt 37 nghìn con và 29.341 con", evidence=("a", "b"))
    lines = "- tháng 11/2017: 37 nghìn con — “…” [1]\n- tháng 11/2023: 29.341 con — “…” [2]"
    assert leads_with_answer(pair, lines, refused=False) is True
    half = "- tháng 11/2017: 36 nghìn con — “37 nghìn con” [1]\n- tháng 11/2023: 29.341 con [2]"
    assert leads_with_answer(pair, half, refused=False) is False
    # Lists, refusals asked for, and answers in words have no lead figure to check.
    assert leads_with_answer(item(kind="list", answer="A; B"), "A, B", refused=False) is None
    assert leads_with_answer(item(kind="unanswerable"), "", refused=True) is None
    assert leads_with_answer(item(answer="giảm mạnh"), "giảm mạnh [1]", refused=False) is None
    summary = summarize(
        [
            score("s", gold, answer=a, refused=False, latency_ms=1, retrieved=[], citations=[])
            for a in (led, buried)
        ]
    )
    assert summary["answer_accuracy"] == 1.0 and summary["lead_accuracy"] == 0.5


def test_citation_markers_are_not_figures() -> None:
    assert not answer_correct(item(answer="1 xã"), "Không rõ số xã [1]", refused=False)


def test_every_list_entry_must_appear_case_and_diacritics_aside() -> None:
    gold = item(kind="list", answer="Hữu Nghị; Tân Thanh; Chi Ma")
    assert answer_correct(gold, "cửa khẩu huu nghi, TÂN THANH và Chi Ma² [1]", refused=False)
    assert not answer_correct(gold, "cửa khẩu Hữu Nghị, Tân Thanh [1]", refused=False)


def test_a_worded_answer_must_appear_whole() -> None:
    gold = item(kind="paraphrase", answer='"chỉ được bán hàng mang về"')
    assert answer_correct(gold, "các nhà hàng chỉ được bán hàng mang về; [1]", refused=False)
    assert not answer_correct(gold, "các nhà hàng tạm dừng hoạt động [1]", refused=False)


def test_refusals_are_right_only_for_unanswerable_items() -> None:
    assert answer_correct(item(kind="unanswerable"), "Không tìm thấy", refused=True)
    assert not answer_correct(item(kind="unanswerable"), "5.775 tỷ đồng", refused=False)
    assert not answer_correct(item(), "5.775 tỷ đồng", refused=True)


def result(
    gold: GoldItem,
    refused: bool = False,
    answer: str = "5.775 tỷ đồng [1]",
    passages: tuple[str, ...] = (),
    citations: tuple[str, ...] = (),
    latency: float = 10.0,
    rule: str | None = None,
):
    return score(
        "sys",
        gold,
        answer=answer,
        refused=refused,
        latency_ms=latency,
        retrieved=[(f"p{k}", t) for k, t in enumerate(passages)],
        citations=[(k + 1, t) for k, t in enumerate(citations)],
        refusal_rule=rule,
    )


EVIDENCE = "Lũy kế 11 tháng 5.775 tỷ đồng, đạt 77,8% dự toán"


def test_refusal_precision_and_recall() -> None:
    results = [
        result(item(kind="unanswerable", id="u1"), refused=True, answer=""),
        result(item(kind="unanswerable", id="u2"), refused=False, answer="12 ha [1]"),
        result(item(kind="unanswerable", id="u3"), refused=True, answer=""),
        result(item(id="a1"), refused=True, answer="", passages=(EVIDENCE,)),
        result(item(id="a2"), passages=(EVIDENCE,), citations=(EVIDENCE,)),
    ]
    summary = summarize(results)
    assert summary["refusal_precision"] == pytest.approx(2 / 3)  # 3 refusals, 2 deserved
    assert summary["refusal_recall"] == pytest.approx(2 / 3)  # 3 unanswerable, 2 refused
    assert summary["answer_accuracy"] == pytest.approx(1 / 2)  # the refused answerable is wrong
    assert summary["answerable_refused"] == 1
    assert summary["overall_accuracy"] == pytest.approx(3 / 5)


def test_each_refusal_rule_counts_its_right_and_wrong_refusals() -> None:
    results = [
        result(item(kind="unanswerable", id="u1"), refused=True, answer="", rule="floor"),
        result(item(kind="unanswerable", id="u2"), refused=True, answer="", rule="unit"),
        result(item(id="a1"), refused=True, answer="", rule="floor"),
        result(item(id="a2"), refused=True, answer="", rule="floor"),
        result(item(id="a3"), refused=True, answer=""),  # a system that names no rule
        result(item(id="a4"), rule="floor"),  # answered: no rule refused it
    ]
    assert results[-1].refusal_rule is None
    assert refusals_by_rule(results) == {
        "floor": {"right": 1, "wrong": 2},
        "unit": {"right": 1, "wrong": 0},
        "(unnamed)": {"right": 0, "wrong": 1},
    }


def test_no_refusal_leaves_precision_undefined() -> None:
    summary = summarize([result(item(kind="unanswerable"), answer="x [1]")])
    assert summary["refusal_precision"] is None
    assert summary["refusal_recall"] == 0.0


def test_retrieval_metrics_average_over_answerable_items() -> None:
    results = [
        result(item(id="a"), passages=(EVIDENCE, "x")),  # rank 1
        result(item(id="b"), passages=("x", "y", EVIDENCE)),  # rank 3
        result(item(id="c"), passages=("x",) * 5 + (EVIDENCE,)),  # rank 6
        result(item(id="d"), passages=("x",) * 10 + (EVIDENCE,)),  # rank 11: beyond depth 10
        result(item(kind="unanswerable", id="u"), refused=True, answer=""),
    ]
    assert [r.rank for r in results[:4]] == [1, 3, 6, None]  # depth 10: the 11th is not seen
    summary = summarize(results)
    assert summary["hit@1"] == 0.25
    assert summary["hit@3"] == 0.5
    assert summary["hit@5"] == 0.5
    assert summary["mrr@10"] == pytest.approx((1 + 1 / 3 + 1 / 6 + 0) / 4)


def test_citation_precision_pools_cited_passages_and_markers_must_point_at_evidence() -> None:
    good = result(item(id="a"), answer="5.775 tỷ đồng [1] [2]", citations=(EVIDENCE, "other"))
    wrong_marker = result(item(id="b"), answer="5.775 tỷ đồng [2]", citations=(EVIDENCE, "other"))
    dangling = result(item(id="c"), answer="5.775 tỷ đồng [3]", citations=(EVIDENCE,))
    assert good.markers_to_evidence and not wrong_marker.markers_to_evidence
    assert dangling.dangling_markers == [3]
    summary = summarize([good, wrong_marker, dangling])
    assert summary["citation_precision"] == pytest.approx(3 / 5)
    assert summary["markers_to_evidence"] == pytest.approx(1 / 3)
    assert summary["dangling_markers"] == 1


def test_two_passage_answer_needs_markers_on_both_passages() -> None:
    gold = item(
        kind="multi_hop",
        answer="5.775 và 6.932,3",
        evidence=("A 5.775", "B 6.932,3"),
        docs=("000.txt", "002.txt"),
    )
    both = result(gold, answer="5.775 [1] và 6.932,3 [2]", citations=("A 5.775", "B 6.932,3"))
    one = result(gold, answer="5.775 [1] và 6.932,3", citations=("A 5.775", "B 6.932,3"))
    assert both.markers_to_evidence and not one.markers_to_evidence
    assert both.correct and one.correct


def test_latency_percentiles_and_report_breakdown() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([5.0], 95) == 5.0
    assert percentile([], 50) is None
    results = [
        result(item(id="a", docs=("000.txt",)), latency=10, passages=(EVIDENCE,)),
        result(
            item(kind="multi_hop", id="m", evidence=("A", "B"), docs=("000.txt", "002.txt")),
            latency=30,
        ),
        result(item(kind="unanswerable", id="u"), refused=True, answer="", latency=20),
    ]
    assert summarize(results)["p50_ms"] == 20
    groups = breakdown(results, by_report)
    assert set(groups) == {"000.txt", "002.txt", "(unanswerable)"}
    assert groups["000.txt"]["n"] == 2 and groups["000.txt"]["hit@1"] == 0.5
    assert groups["002.txt"]["n"] == 1
