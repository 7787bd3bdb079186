"""Agreement statistics on small inputs whose answers are known."""
import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from policytext.report import validation as report
from policytext.validation import metrics


def test_wilson_interval_of_three_out_of_three_is_the_referees():
    # the referee: "cadre recall 3/3 has a Wilson 95% interval of 0.44-1.00"
    low, high = metrics.wilson(3, 3)
    assert round(low, 2) == 0.44 and high == 1.0


def test_wilson_interval_contains_the_rate_and_narrows_with_n():
    small, large = metrics.wilson(5, 10), metrics.wilson(500, 1000)
    assert small[0] < 0.5 < small[1] and large[0] < 0.5 < large[1]
    assert large[1] - large[0] < small[1] - small[0]
    assert all(math.isnan(x) for x in metrics.wilson(0, 0))


def test_binary_scores_count_and_rate():
    gold = [True, True, True, False, False, True] * 2
    predicted = [True, True, False, False, True, True] * 2
    scores = metrics.binary_scores(gold, predicted)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (6, 2, 2)
    assert scores["precision"] == 0.75 and scores["recall"] == 0.75 and scores["f1"] == 0.75
    assert scores["f1_low"] < 0.75 < scores["f1_high"]
    assert metrics.binary_scores(gold, predicted)["f1_low"] == scores["f1_low"]  # fixed seed


def test_f1_on_a_handful_of_items_gets_no_interval():
    # one agreeing item: a bootstrap would give 1.00 to 1.00
    few = metrics.binary_scores([True] + [False] * 30, [True] + [False] * 30)
    assert few["f1"] == 1.0 and math.isnan(few["f1_low"]) and math.isnan(few["f1_high"])
    assert few["precision_low"] < 1.0  # precision and recall keep their Wilson intervals
    assert report.with_interval(few["f1"], few["f1_low"], few["f1_high"]) == "1.00 (too few items)"
    assert report.with_interval("1.0", "", "") == "1.00 (too few items)" and report.with_interval("", "", "") == "–"


def test_binary_scores_without_predictions_have_no_precision():
    scores = metrics.binary_scores([True, False], [False, False])
    assert math.isnan(scores["precision"]) and scores["recall"] == 0.0
    with pytest.raises(ValueError):
        metrics.binary_scores([True], [True, False])


def test_kappa_equals_scikit_learn():
    rng = np.random.default_rng(3)
    first = rng.integers(0, 3, 120)
    second = np.where(rng.random(120) < 0.7, first, rng.integers(0, 3, 120))
    result = metrics.kappa(first, second)
    assert result["kappa"] == pytest.approx(cohen_kappa_score(first, second))
    assert result["kappa_low"] < result["kappa"] < result["kappa_high"]
    assert result["agreement"] == pytest.approx((first == second).mean())


def test_kappa_of_identical_and_constant_labels():
    identical = metrics.kappa(["yes", "no", "no"], ["yes", "no", "no"])
    assert identical["kappa"] == 1.0
    # every resample gives 1: no interval, but the agreement's Wilson bound (3 of 3)
    assert math.isnan(identical["kappa_low"]) and math.isnan(identical["kappa_high"])
    assert identical["agreement_low"] == pytest.approx(metrics.wilson(3, 3)[0]) and identical["agreement_low"] < 0.5
    assert math.isnan(metrics.kappa(["no"] * 4, ["no"] * 4)["kappa"])


def test_kappa_text_gives_the_agreement_bound_where_all_agree():
    perfect = pd.Series(metrics.kappa(["yes"] * 30 + ["no"] * 29, ["yes"] * 30 + ["no"] * 29))
    assert report.kappa_text(perfect) == f"1.00 (all 59 agree; agreement ≥ {metrics.wilson(59, 59)[0]:.2f})"
    partial = pd.Series(metrics.kappa(["yes"] * 30 + ["no"] * 29, ["yes"] * 29 + ["no"] * 30))
    assert report.kappa_text(partial).startswith(f"{partial['kappa']:.2f} (") and "agree" not in report.kappa_text(partial)


def test_kappa_over_item_code_pairs_resamples_items():
    first = [True, False, True, False, True, True]
    second = [True, False, False, False, True, True]
    items = ["a", "a", "b", "b", "c", "c"]
    pooled = metrics.kappa(first, second)
    clustered = metrics.kappa(first, second, clusters=items)
    assert clustered["kappa"] == pooled["kappa"] and clustered["agreement"] == pooled["agreement"]
    assert (pooled["n"], clustered["n"]) == (6, 3)
    assert clustered["kappa_low"] <= clustered["kappa"] <= clustered["kappa_high"]


def test_resampling_paragraphs_widens_an_interval_where_paragraphs_are_right_or_wrong_together():
    # paragraph a: five true positives; paragraph b: five false positives
    gold = [True] * 5 + [False] * 5
    predicted = [True] * 10
    paragraphs = ["a"] * 5 + ["b"] * 5
    scores = metrics.binary_scores(gold, predicted, clusters=paragraphs)
    assert scores["precision"] == 0.5 and scores["n_clusters"] == 2
    # a resample holds a, b or both: precision 1, 0 or 0.5
    assert (scores["precision_cluster_low"], scores["precision_cluster_high"]) == (0.0, 1.0)
    assert 0 < scores["precision_low"] < scores["precision_high"] < 1
    assert math.isnan(metrics.binary_scores(gold, predicted)["precision_cluster_low"])


def test_difference_interval_matches_newcombes_worked_example():
    """Newcombe (1998), Statistics in Medicine 17:873-890, method 10: 56/70 - 48/80 = 0.2000,
    95% interval 0.0524 to 0.3339."""
    difference, low, high = metrics.difference_interval((56, 70), (48, 80))
    assert round(difference, 4) == 0.2 and round(low, 4) == 0.0524 and round(high, 4) == 0.3339


def test_the_bootstrap_sums_give_the_kappa_interval_of_resampling_item_by_item():
    rng = np.random.default_rng(3)
    first, second = rng.integers(0, 3, 60), rng.integers(0, 3, 60)
    second[:40] = first[:40]  # agree on most items
    clusters = [f"p{i // 3}" for i in range(60)]
    for grouping in (None, clusters):
        got = metrics.kappa(first, second, clusters=grouping)
        if grouping is None:  # items resampled one by one
            members = [np.array([i]) for i in range(60)]
        else:  # paragraphs resampled whole, numbered in sorted order
            _, unit_of = np.unique(np.asarray(grouping), return_inverse=True)
            members = [np.flatnonzero(unit_of == u) for u in range(unit_of.max() + 1)]
        values = np.array([metrics.cohens_kappa(first[np.concatenate([members[u] for u in drawn])],
                                                second[np.concatenate([members[u] for u in drawn])], 3)
                           for drawn in metrics.resample_indices(len(members))])
        assert (got["kappa_low"], got["kappa_high"]) == metrics.percentile_interval(values)
        assert got["kappa"] == metrics.cohens_kappa(first, second, 3)


def test_the_f1_interval_is_that_of_resampling_item_by_item():
    rng = np.random.default_rng(5)
    gold = rng.random(80) < 0.4
    predicted = np.where(rng.random(80) < 0.8, gold, ~gold)
    got = metrics.binary_scores(gold, predicted)
    values = np.array([float(metrics._f1((gold & predicted)[i].sum(), (~gold & predicted)[i].sum(),
                                         (gold & ~predicted)[i].sum())) for i in metrics.resample_indices(80)])
    assert (got["f1_low"], got["f1_high"]) == metrics.percentile_interval(values)


def test_the_cluster_difference_resamples_paragraphs_whole():
    rng = np.random.default_rng(5)
    first, second = rng.random(30) < 0.7, rng.random(24) < 0.4
    first_paras, second_paras = [f"p{i // 2}" for i in range(30)], [f"p{10 + i // 3}" for i in range(24)]
    difference, low, high = metrics.cluster_difference_interval(first, first_paras, second, second_paras)
    assert difference == first.mean() - second.mean()
    # the same interval, one resample at a time: whole paragraphs drawn, both groups' items with them
    paragraphs = np.array(first_paras + second_paras)
    flags, in_first = np.concatenate([first, second]), np.arange(54) < 30
    names = np.unique(paragraphs)
    values = []
    for drawn in metrics.resample_indices(len(names)):
        items = np.concatenate([np.flatnonzero(paragraphs == names[u]) for u in drawn])
        a, b = in_first[items], ~in_first[items]
        if a.any() and b.any():
            values.append(flags[items][a].mean() - flags[items][b].mean())
    assert (low, high) == metrics.percentile_interval(np.array(values))


def test_copies_inside_a_paragraph_narrow_newcombes_interval_but_not_the_clustered_one():
    first, second = np.array([True] * 6 + [False] * 4), np.array([True] * 4 + [False] * 6)
    paras_first, paras_second = [f"a{i}" for i in range(10)], [f"b{i}" for i in range(10)]
    single = metrics.cluster_difference_interval(first, paras_first, second, paras_second)
    tripled = metrics.cluster_difference_interval(np.repeat(first, 3), np.repeat(paras_first, 3),
                                                  np.repeat(second, 3), np.repeat(paras_second, 3))
    assert single == tripled
    newcombe_single = metrics.difference_interval((6, 10), (4, 10))
    newcombe_tripled = metrics.difference_interval((18, 30), (12, 30))
    assert newcombe_tripled[2] - newcombe_tripled[1] < 0.7 * (newcombe_single[2] - newcombe_single[1])


def test_share_difference_gives_both_intervals_of_one_contrast():
    flags = np.array([True, True, False, True, False, False, True, False])
    first = np.array([True, True, True, False, False, False, False, False])
    second = np.array([False, False, False, True, True, True, True, False])  # the last item in neither
    paragraphs = np.array(["p1", "p1", "p2", "p3", "p3", "p4", "p5", "p5"])
    result = metrics.share_difference(flags, first, second, paragraphs)
    assert result["independent"] == metrics.difference_interval((2, 3), (2, 4))
    assert result["clustered"] == metrics.cluster_difference_interval(
        flags[first], paragraphs[first], flags[second], paragraphs[second])
    assert np.isnan(metrics.share_difference(flags, first, np.zeros(8, bool), paragraphs)["clustered"][0])


def test_a_kappa_whose_interval_crosses_zero_is_written_with_to_and_no_plus_signs():
    row = pd.Series({"agreement": 0.98, "n": 113, "kappa": 0.663, "kappa_low": -0.012, "kappa_high": 1.0})
    assert report.kappa_text(row) == "0.66 (\u22120.01 to 1.00)"
    assert report.kappa_text(row.replace(-0.012, 0.21)) == "0.66 (0.21\u20131.00)"


def test_an_interval_that_crosses_zero_is_written_with_signs_and_to():
    assert report.with_interval(0.186, -0.056, 0.405) == "+0.19 (\u22120.06 to +0.41)"
    assert report.with_interval(0.32, 0.10, 0.57) == "0.32 (0.10\u20130.57)"
    assert report.difference_text(0.32, 0.10, 0.57) == "+0.32 (+0.10 to +0.57)"
    assert report.difference_text(-0.004, -0.07, 0.0) == "0.00 (\u22120.07 to 0.00)"
    assert report.difference_text(0.32, float("nan"), float("nan")) == "0.32 (too few items)"


def test_the_paired_difference_is_the_difference_of_the_two_scores_and_its_bootstrap():
    rng = np.random.default_rng(11)
    predicted = rng.random(80) < 0.4
    first = np.where(rng.random(80) < 0.8, predicted, ~predicted)  # agrees with the extractor on most items
    second = first.copy()
    second[np.flatnonzero(predicted & ~first)[:5]] = True  # agrees with five more of the extractor's finds
    paragraphs = np.array([f"p{i // 4}" for i in range(80)])
    got = metrics.paired_rate_differences(first, second, predicted, paragraphs)
    one, two = metrics.binary_scores(first, predicted), metrics.binary_scores(second, predicted)
    assert got["precision_difference"] == pytest.approx(two["precision"] - one["precision"])
    assert got["recall_difference"] == pytest.approx(two["recall"] - one["recall"])
    assert got["precision_difference"] > 0
    # the bootstrap, one resample at a time: whole paragraphs, both annotations scored on each
    names = np.unique(paragraphs)
    values = []
    for drawn in metrics.resample_indices(len(names)):
        items = np.concatenate([np.flatnonzero(paragraphs == names[u]) for u in drawn])
        p, a, b = predicted[items], first[items], second[items]
        values.append((b & p).sum() / p.sum() - (a & p).sum() / p.sum())
    assert (got["precision_difference_low"], got["precision_difference_high"]) == pytest.approx(
        metrics.percentile_interval(np.array(values)))
    # the same annotation twice: no difference, and an interval that is the point zero
    same = metrics.paired_rate_differences(first, first, predicted, paragraphs)
    assert (same["recall_difference"], same["recall_difference_low"], same["recall_difference_high"]) == (0, 0, 0)
