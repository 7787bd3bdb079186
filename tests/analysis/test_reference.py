"""Keyness against a reference list: G², log ratio, p-values and Holm's correction."""
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from policytext.analysis import reference, vocabulary


def test_log_likelihood_of_a_two_by_two_table_matches_scipy():
    table = [[10, 1000], [990, 999_000]]
    expected, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert vocabulary.log_likelihood(10, 1000, 990, 999_000) == pytest.approx(expected)


def test_reference_keyness_computes_g2_log_ratio_and_p():
    # Target: 10 of 1,000 words; reference: relative frequency 0.001 in a nominal 1,000,000 words,
    # an expected count of 1,000. By the formula: G2 = 2 * sum O ln(O / E) over the 2x2 table.
    table = reference.reference_keyness(Counter({"深圳": 10}), 1000, {"深圳": 0.001},
                                        reference_size=1_000_000, min_freq=1)
    row = table.iloc[0]
    observed = np.array([[10, 1000], [990, 999_000]], dtype=float)
    e = observed.sum(axis=1)[:, None] * observed.sum(axis=0)[None, :] / observed.sum()
    g2 = 2 * float((observed * np.log(observed / e)).sum())
    assert row["log_likelihood"] == round(g2, 4)
    assert row["log_ratio"] == round(math.log2(10), 4)  # 1% against 0.1%: ten times as frequent
    assert row["p"] == pytest.approx(chi2.sf(g2, 1), rel=1e-3)
    assert row["pmw"] == 10_000.0 and row["pmw_reference"] == 1000.0 and row["in_list"]


def test_log_ratio_is_negative_for_a_term_rarer_than_in_the_reference():
    table = reference.reference_keyness(Counter({"发展": 5}), 10_000, {"发展": 0.002},
                                        reference_size=1_000_000, min_freq=1)
    # 5 / 10,000 = 0.0005 against 0.002: a quarter, log2 = -2.
    assert table.iloc[0]["log_ratio"] == -2.0


def test_a_term_absent_from_the_list_counts_zero_there_and_half_in_the_log_ratio():
    table = reference.reference_keyness(Counter({"深中通道": 8}), 1000, {}, reference_size=10**8,
                                        min_freq=1)
    row = table.iloc[0]
    assert not row["in_list"] and row["pmw_reference"] == 0.0
    assert row["log_ratio"] == round(math.log2((8 / 1000) / (vocabulary.ZERO_FREQUENCY / 10**8)), 4)
    assert row["log_likelihood"] == round(vocabulary.log_likelihood(8, 0, 992, 10**8), 4)


def test_minimum_frequency_leaves_rare_terms_out_of_the_test_and_the_correction():
    counts = Counter({"人才": 6, "政策": 5, "深圳": 4})
    table = reference.reference_keyness(counts, 1000, {"人才": 1e-4, "政策": 1e-4, "深圳": 1e-4},
                                        min_freq=5)
    assert sorted(table["term"]) == ["人才", "政策"]
    # Holm over the two terms tested: the smaller p doubled.
    raw = table.set_index("term")["p"]
    assert table.set_index("term")["p_holm"].min() == pytest.approx(2 * raw.min(), rel=1e-3)


def test_holm_by_hand():
    # Sorted: 0.005 * 4 = 0.02, 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04 -> 0.06 (monotone).
    assert reference.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_holm_is_monotone_and_never_below_the_raw_p():
    rng = np.random.default_rng(7)
    p = rng.uniform(0, 0.2, 50)
    adjusted = reference.holm(p)
    order = np.argsort(p)
    assert np.all(np.diff(adjusted[order]) >= 0)
    assert np.all(adjusted >= p) and np.all(adjusted <= 1)


def test_keyness_against_wordfreq_counts_words_and_looks_terms_up_whole():
    tokens = pd.DataFrame({"doc_id": "A", "para_id": "A:1", "position": range(8),
                           "token": ["深圳", "深圳", "深圳", "深中通道", "深中通道", "深中通道", "。", " "],
                           "is_term": [True] * 6 + [False, False]})
    assert reference.word_count(tokens) == 6
    table = reference.keyness_vs_general_chinese(tokens, min_freq=3).set_index("term")
    frequencies = reference.wordfreq_frequencies()
    assert table.loc["深圳", "in_list"] and not table.loc["深中通道", "in_list"]
    assert table.loc["深圳", "pmw_reference"] == round(1e6 * frequencies["深圳"], 3)
    assert min(frequencies.values()) * reference.REFERENCE_SIZE == pytest.approx(1, rel=0.05)


def test_official_prose_reference_is_read_and_cut_as_the_corpus():
    tokens = reference.official_prose_tokens()
    reports = reference.official_prose_reports(tokens)
    assert list(reports["year"]) == sorted(reports["year"]) and reports["words"].gt(5000).all()
    summary = reference.official_prose_summary(reports)
    assert summary["first_year"] == str(reference.OFFICIAL_PROSE_FIRST_YEAR) and summary["missing_years"] == ["2020"]
    # the formula of the new era is one word, as the domain dictionary cuts it in the corpus
    assert (tokens["token"] == "高质量发展").sum() > 20
    assert summary["words"] == reference.word_count(tokens) > 40_000


def test_keyness_against_official_prose_counts_both_sides_as_tokens():
    corpus = pd.DataFrame({"doc_id": "A", "para_id": "A:1", "position": range(6),
                           "token": ["深圳", "深圳", "深圳", "发展", "发展", "。"],
                           "is_term": [True] * 5 + [False]})
    official = pd.DataFrame({"doc_id": "R", "para_id": "R:1", "position": range(6),
                             "token": ["发展", "发展", "发展", "发展", "改革", "改革"], "is_term": True})
    table = reference.keyness_vs_official_prose(corpus, min_freq=2, reference_tokens=official).set_index("term")
    # 深圳: 3 of 5 words against 0 of 6 (zero replaced by 0.5); 发展: 2 of 5 against 4 of 6
    assert table.loc["深圳", "log_ratio"] == pytest.approx(math.log2((3 / 5) / (0.5 / 6)), abs=1e-4)
    assert table.loc["发展", "log_ratio"] == pytest.approx(math.log2((2 / 5) / (4 / 6)), abs=1e-4)
    assert not table.loc["深圳", "in_list"] and table.loc["发展", "in_list"]


def test_terms_are_placed_by_the_references_they_are_key_against():
    general = pd.DataFrame({"term": ["a", "b", "c", "d"], "freq": [9, 8, 7, 6],
                            "log_ratio": [3.0, 2.0, -1.0, 1.0], "p_holm": [0.001, 0.001, 0.001, 0.5]})
    official = pd.DataFrame({"term": ["a", "b", "c", "d"], "log_ratio": [2.0, 0.1, 1.5, -2.0],
                             "p_holm": [0.001, 0.9, 0.001, 0.001]})
    placed = reference.compare_references(general, official, alpha=0.01).set_index("term")["standing"]
    assert placed.to_dict() == {"a": reference.CAMPAIGN, "b": reference.BOILERPLATE,
                                "c": reference.OFFICIAL_ONLY, "d": reference.NEITHER}
