"""Agreement statistics: precision, recall and F1 with 95% intervals, and Cohen's kappa.

Precision and recall are proportions, so their intervals are Wilson score intervals (SciPy's
``binomtest``). F1 is not a proportion of independent trials; its interval is a percentile
bootstrap over items, as is kappa's (fixed seed, so tables are reproducible).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.stats import binomtest

#: Resamples of the bootstrap intervals, and their seed.
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20261201

NAN = float("nan")


def wilson(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of ``successes / trials`` (NaN, NaN when there are no trials)."""
    if trials == 0:
        return NAN, NAN
    interval = binomtest(int(successes), int(trials)).proportion_ci(confidence, method="wilson")
    return float(interval.low), float(interval.high)


def difference_interval(first: tuple[int, int], second: tuple[int, int],
                        confidence: float = 0.95) -> tuple[float, float, float]:
    """The difference of two independent proportions, ``first`` minus ``second`` (each
    ``(successes, trials)``), with Newcombe's (1998) hybrid score interval built from their
    Wilson intervals (his method 10)."""
    (a, m), (b, n) = first, second
    p1, p2 = a / m, b / n
    (l1, u1), (l2, u2) = wilson(a, m, confidence), wilson(b, n, confidence)
    difference = p1 - p2
    return (difference, difference - float(np.hypot(p1 - l1, u2 - p2)),
            difference + float(np.hypot(u1 - p1, p2 - l2)))


def cluster_difference_interval(first: Sequence[bool], first_clusters: Sequence,
                                second: Sequence[bool], second_clusters: Sequence,
                                confidence: float = 0.95) -> tuple[float, float, float]:
    """The difference of two proportions, the share of ``first`` that is true minus that of
    ``second``, with a percentile-bootstrap interval that resamples whole clusters (the
    paragraphs the items lie in, pooled over both groups) rather than items, for when a
    paragraph decides its items together; resamples that leave a group empty are dropped."""
    first, second = np.asarray(first, dtype=bool), np.asarray(second, dtype=bool)
    if not len(first) or not len(second):
        return NAN, NAN, NAN
    _, cluster_of = np.unique(np.concatenate([np.asarray(first_clusters).astype(str),
                                              np.asarray(second_clusters).astype(str)]), return_inverse=True)
    n_clusters = int(cluster_of.max()) + 1
    in_first = np.arange(len(cluster_of)) < len(first)
    flags = np.concatenate([first, second])
    # per cluster: successes and items of the first group, then of the second
    counts = np.stack([np.bincount(cluster_of, weights=flags & in_first, minlength=n_clusters),
                       np.bincount(cluster_of, weights=in_first, minlength=n_clusters),
                       np.bincount(cluster_of, weights=flags & ~in_first, minlength=n_clusters),
                       np.bincount(cluster_of, weights=~in_first, minlength=n_clusters)], axis=1)
    drawn = counts[np.random.default_rng(BOOTSTRAP_SEED).integers(
        0, n_clusters, (BOOTSTRAP_RESAMPLES, n_clusters))].sum(axis=1)
    usable = (drawn[:, 1] > 0) & (drawn[:, 3] > 0)
    differences = drawn[usable, 0] / drawn[usable, 1] - drawn[usable, 2] / drawn[usable, 3]
    low, high = percentile_interval(differences, confidence)
    return float(first.mean() - second.mean()), low, high


def share_difference(flags: Sequence[bool], first: Sequence[bool], second: Sequence[bool],
                     clusters: Sequence) -> dict[str, tuple[float, float, float]]:
    """The share of the ``first`` items that are flagged minus that of the ``second`` items, with
    two 95% intervals: ``independent`` (Newcombe's, items as independent draws) and
    ``clustered`` (a bootstrap that resamples the ``clusters``, the items' paragraphs)."""
    flags, first, second = (np.asarray(x, dtype=bool) for x in (flags, first, second))
    clusters = np.asarray(clusters)
    if not first.any() or not second.any():
        return {"independent": (NAN, NAN, NAN), "clustered": (NAN, NAN, NAN)}
    return {"independent": difference_interval((int(flags[first].sum()), int(first.sum())),
                                               (int(flags[second].sum()), int(second.sum()))),
            "clustered": cluster_difference_interval(flags[first], clusters[first], flags[second], clusters[second])}


def paired_rate_differences(first_gold: Sequence[bool], second_gold: Sequence[bool],
                            predicted: Sequence[bool], clusters: Sequence,
                            confidence: float = 0.95) -> dict[str, float]:
    """How an extractor's precision and recall change from one annotation of the same items to
    another (``second`` minus ``first``), with percentile-bootstrap intervals that resample
    whole clusters (the items' paragraphs) and score both annotations on every resample, so the
    interval is of the paired difference, not two intervals set side by side:
    ``precision_difference``, ``…_low``, ``…_high`` and the same for recall."""
    first_gold, second_gold, predicted = (np.asarray(x, dtype=bool) for x in (first_gold, second_gold, predicted))
    result: dict[str, float] = {"n": len(predicted)}
    _, cluster_of = np.unique(np.asarray(clusters).astype(str), return_inverse=True)
    n_clusters = int(cluster_of.max()) + 1 if len(cluster_of) else 0
    columns = (predicted, first_gold & predicted, second_gold & predicted, first_gold, second_gold)
    counts = np.stack([np.bincount(cluster_of, weights=c, minlength=n_clusters) for c in columns], axis=1)
    drawn = counts[resample_indices(n_clusters)].sum(axis=1) if n_clusters else np.zeros((0, 5))
    whole = counts.sum(axis=0)
    for name, first_rate, second_rate in (
            ("precision", lambda c: c[..., 1] / c[..., 0], lambda c: c[..., 2] / c[..., 0]),
            ("recall", lambda c: c[..., 1] / c[..., 3], lambda c: c[..., 2] / c[..., 4])):
        with np.errstate(invalid="ignore", divide="ignore"):
            result[f"{name}_difference"] = float(second_rate(whole) - first_rate(whole))
            values = second_rate(drawn) - first_rate(drawn)
        result[f"{name}_difference_low"], result[f"{name}_difference_high"] = percentile_interval(values, confidence)
    return result


def _f1(tp, fp, fn):
    denominator = 2 * tp + fp + fn
    return np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), np.nan)


def resample_indices(n: int) -> np.ndarray:
    """The bootstrap's resamples of ``n`` items, one row of ``n`` indices per resample (the
    same draws, row by row, as drawing one resample at a time from the seeded generator)."""
    return np.random.default_rng(BOOTSTRAP_SEED).integers(0, n, (BOOTSTRAP_RESAMPLES, n))


def percentile_interval(values: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Percentile interval of the finite ``values`` (NaN, NaN when there are none)."""
    values = values[~np.isnan(values)]
    if not len(values):
        return NAN, NAN
    tail = 100 * (1 - confidence) / 2
    return float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail))


def bootstrap_interval(statistic, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Percentile interval of ``statistic(indices)`` over resamples of ``n`` items."""
    if n == 0:
        return NAN, NAN
    return percentile_interval(np.array([statistic(drawn) for drawn in resample_indices(n)]), confidence)


#: Items either side marks positive (tp + fp + fn) below which F1 gets no bootstrap interval.
MIN_F1_ITEMS = 10


def cluster_intervals(gold: np.ndarray, predicted: np.ndarray, clusters: Sequence,
                      confidence: float = 0.95) -> dict[str, float]:
    """Percentile-bootstrap intervals of precision and recall that resample whole clusters
    (the paragraphs the items belong to) rather than items, so that items of one paragraph,
    which tend to be right or wrong together, do not count as independent evidence:
    ``precision_cluster_low`` … ``recall_cluster_high``, and ``n_clusters``."""
    _, cluster_of = np.unique(np.asarray(clusters).astype(str), return_inverse=True)
    n_clusters = int(cluster_of.max()) + 1 if len(cluster_of) else 0
    counts = np.zeros((n_clusters, 3))
    for column, flags in enumerate((gold & predicted, ~gold & predicted, gold & ~predicted)):
        counts[:, column] = np.bincount(cluster_of, weights=flags, minlength=n_clusters)
    result = {"n_clusters": n_clusters}
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    drawn = (counts[rng.integers(0, n_clusters, (BOOTSTRAP_RESAMPLES, n_clusters))].sum(axis=1)
             if n_clusters else np.zeros((0, 3)))
    tail = 100 * (1 - confidence) / 2
    for name, other in (("precision", 1), ("recall", 2)):
        total = drawn[:, 0] + drawn[:, other]
        values = drawn[total > 0, 0] / total[total > 0]
        low, high = ((float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail)))
                     if len(values) else (NAN, NAN))
        result[f"{name}_cluster_low"], result[f"{name}_cluster_high"] = low, high
    return result


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool],
                  confidence: float = 0.95, clusters: Sequence | None = None) -> dict[str, float]:
    """Counts, precision, recall and F1 of ``predicted`` against ``gold`` (item by item), each
    with its interval (``*_low``, ``*_high``); a rate with an empty denominator is NaN. With
    ``clusters`` (the paragraph of each item), precision and recall also get intervals that
    resample paragraphs (:func:`cluster_intervals`); NaN without."""
    gold, predicted = np.asarray(gold, dtype=bool), np.asarray(predicted, dtype=bool)
    if gold.shape != predicted.shape:
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    tp = int((gold & predicted).sum())
    fp = int((~gold & predicted).sum())
    fn = int((gold & ~predicted).sum())
    scores: dict[str, float] = {"n": len(gold), "gold_positive": tp + fn, "predicted_positive": tp + fp,
                                "tp": tp, "fp": fp, "fn": fn}
    for name, k, total in (("precision", tp, tp + fp), ("recall", tp, tp + fn)):
        scores[name] = k / total if total else NAN
        scores[f"{name}_low"], scores[f"{name}_high"] = wilson(k, total, confidence)
    if clusters is None:
        scores.update({"n_clusters": NAN, "precision_cluster_low": NAN, "precision_cluster_high": NAN,
                       "recall_cluster_low": NAN, "recall_cluster_high": NAN})
    else:
        scores.update(cluster_intervals(gold, predicted, clusters, confidence))
    scores["f1"] = float(_f1(tp, fp, fn))
    if tp + fp + fn < MIN_F1_ITEMS:
        # a percentile bootstrap over a handful of decisive items collapses to a point (1.00 to
        # 1.00 from a single agreeing item): no interval is given
        scores["f1_low"], scores["f1_high"] = NAN, NAN
        return scores
    both, only_gold, only_predicted = gold & predicted, gold & ~predicted, ~gold & predicted
    drawn = resample_indices(len(gold))  # all resamples at once: counts per row
    scores["f1_low"], scores["f1_high"] = percentile_interval(
        _f1(both[drawn].sum(axis=1), only_predicted[drawn].sum(axis=1), only_gold[drawn].sum(axis=1)).astype(float),
        confidence)
    return scores


def cohens_kappa(first: np.ndarray, second: np.ndarray, n_labels: int) -> float:
    """Cohen's kappa of two arrays of label codes ``0 .. n_labels - 1`` (the formula of
    ``sklearn.metrics.cohen_kappa_score``, vectorised for the bootstrap); NaN when chance
    agreement is 1 (neither annotation varies)."""
    n = len(first)
    if n == 0:
        return NAN
    observed = float((first == second).mean())
    chance = float(np.dot(np.bincount(first, minlength=n_labels),
                          np.bincount(second, minlength=n_labels))) / n**2
    return NAN if chance >= 1 else (observed - chance) / (1 - chance)


def kappa(first: Sequence, second: Sequence, confidence: float = 0.95,
          clusters: Sequence | None = None) -> dict[str, float]:
    """Cohen's kappa between two annotations of the same items, with a bootstrap interval, and
    the raw agreement with its Wilson interval (over the labels compared); NaN where the labels
    do not vary. Where the two agree on every label, every resample gives kappa 1, so no kappa
    interval is given (the agreement's Wilson interval says how sure that is). With
    ``clusters`` (the item each label belongs to, when an item carries several, as item-code
    pairs do), the bootstrap resamples items, not labels, and ``n`` counts items."""
    first, second = np.asarray(first).astype(str), np.asarray(second).astype(str)
    if first.shape != second.shape:
        raise ValueError(f"{len(first)} labels against {len(second)}")

    labels, codes = np.unique(np.concatenate([first, second]), return_inverse=True)
    a_codes, b_codes = codes[:len(first)], codes[len(first):]

    # per item (or per cluster of items): matches and label counts of each annotation, so that
    # a resample's kappa is a sum of rows (the same numbers as computing it item by item)
    n_labels = len(labels)
    if clusters is None:
        unit_of = np.arange(len(first))
    else:
        _, unit_of = np.unique(np.asarray(clusters).astype(str), return_inverse=True)
    n = int(unit_of.max()) + 1 if len(first) else 0
    matches_of = np.bincount(unit_of, weights=a_codes == b_codes, minlength=n)
    sizes = np.bincount(unit_of, minlength=n)
    counts_a = np.zeros((n, n_labels))
    counts_b = np.zeros((n, n_labels))
    np.add.at(counts_a, (unit_of, a_codes), 1)
    np.add.at(counts_b, (unit_of, b_codes), 1)
    if n == 0:
        low, high = NAN, NAN
    else:
        drawn = resample_indices(n)
        size = sizes[drawn].sum(axis=1)
        observed = matches_of[drawn].sum(axis=1) / size
        chance = (counts_a[drawn].sum(axis=1) * counts_b[drawn].sum(axis=1)).sum(axis=1) / size.astype(float) ** 2
        with np.errstate(invalid="ignore", divide="ignore"):
            values = np.where(chance >= 1, np.nan, (observed - chance) / (1 - chance))
        low, high = percentile_interval(values, confidence)
    matches = int((first == second).sum())
    if len(first) and matches == len(first):
        low, high = NAN, NAN  # a percentile interval of a constant
    agreement_low, agreement_high = wilson(matches, len(first), confidence)
    return {"n": n, "agreement": matches / len(first) if len(first) else NAN,
            "agreement_low": agreement_low, "agreement_high": agreement_high,
            "kappa": cohens_kappa(a_codes, b_codes, n_labels) if len(first) else NAN,
            "kappa_low": low, "kappa_high": high}
