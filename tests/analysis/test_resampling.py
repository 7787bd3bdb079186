"""Keyness resampled by paragraph or document: spread terms survive, one paragraph's (or one
document's) terms do not."""
from collections import Counter

import numpy as np
import pandas as pd
from scipy import sparse

from policytext import tables
from policytext.analysis import resampling, vocabulary


def _tokens(rows):
    """A token table from (doc_id, para_id, term) rows, every token a term."""
    return pd.DataFrame([{"doc_id": d, "para_id": p, "token": t, "is_term": True} for d, p, t in rows])


def test_a_term_spread_over_paragraphs_keeps_its_direction_and_one_in_a_single_paragraph_does_not():
    rows = [("001", f"001:{k}", "学习") for k in range(20)]            # in every target paragraph
    rows += [("001", "001:0", "深圳")] * 20                              # all in one paragraph
    rows += [("001", f"001:{k}", "工作") for k in range(20)]
    rows += [("002", f"002:{k}", "工作") for k in range(20)] + [("002", "002:0", "学习")]
    counts = resampling.unit_counts(_tokens(rows), ["001"], ["学习", "深圳"])
    assert counts[0].shape == (20, 2) and counts[1].sum() == 60
    reference = resampling.unit_counts(_tokens(rows), ["002"], ["学习", "深圳"])
    shares = resampling.bootstrap_directions(counts, reference, resamples=2000)
    assert shares[0] > 0.99
    assert 0.75 < shares[1] < 0.88  # higher when the one paragraph is drawn, a tie (half) when not


def test_a_term_absent_from_the_target_gains_nothing_from_ties():
    """A reference-side term in one reference paragraph only: a resample that misses that
    paragraph ties (0 against 0) and counts half, not as a success for the reference."""
    rows = [("001", f"001:{k}", "工作") for k in range(20)]
    rows += [("002", f"002:{k}", "工作") for k in range(20)] + [("002", "002:0", "全会")]
    target = resampling.unit_counts(_tokens(rows), ["001"], ["全会"])
    reference = resampling.unit_counts(_tokens(rows), ["002"], ["全会"])
    same = 1 - resampling.bootstrap_directions(target, reference, resamples=4000)[0]
    assert 0.75 < same < 0.88  # 1 - (19/20)^20 / 2


def test_resampling_is_reproducible_and_gives_close_shares_in_small_blocks(monkeypatch):
    rows = [("001", f"001:{k}", "甲" if k % 3 else "乙") for k in range(30)]
    rows += [("002", f"002:{k}", "乙" if k % 2 else "甲") for k in range(30)]
    target = resampling.unit_counts(_tokens(rows), ["001"], ["甲", "乙"])
    reference = resampling.unit_counts(_tokens(rows), ["002"], ["甲", "乙"])
    first = resampling.bootstrap_directions(target, reference, resamples=2000)
    assert np.array_equal(first, resampling.bootstrap_directions(target, reference, resamples=2000))
    monkeypatch.setattr(resampling, "BLOCK_CELLS", 90)  # three resamples per block
    blocked = resampling.bootstrap_directions(target, reference, resamples=2000)
    assert np.allclose(first, blocked, atol=0.03)


def test_seed_comparisons_test_the_strongest_key_terms_of_each_side():
    resampled = tables.load("keyness_resampled")
    assert set(resampled["comparison"]) == {"zhongshan_vs_chenzhou", "later_vs_earlier"}
    place = resampled[resampled["comparison"] == "zhongshan_vs_chenzhou"]
    key = tables.load("keyness_zhongshan_vs_chenzhou")
    key = key[key["log_likelihood"] >= vocabulary.LL_CRITICAL[resampling.KEY_P]]
    assert list(place.loc[place["key_for"] == "target", "term"]) == list(
        key[key["log_ratio"] > 0].head(resampling.TERMS_PER_SIDE)["term"])
    assert (place.loc[place["key_for"] == "reference", "documents_on_side"] == 1).all()
    assert (resampled["p_holm"] >= resampled["p_bootstrap"]).all()
    assert resampled["survives"].any() and not resampled["survives"].all()


def test_paragraphs_alike_to_the_statistic_are_drawn_as_one_type():
    counts = sparse.csr_matrix(np.array([[1, 0], [0, 0], [1, 0], [0, 0], [0, 2]]))
    totals = np.array([5.0, 7.0, 5.0, 3.0, 9.0])
    types, type_totals, multiplicity = resampling.unit_types(counts, totals)
    rows = sorted(zip(map(tuple, types.tolist()), type_totals.tolist(), multiplicity.tolist()))
    assert rows == [((0, 0), 3.0, 1), ((0, 0), 7.0, 1), ((0, 2), 9.0, 1), ((1, 0), 5.0, 2)]


def test_drawing_types_matches_drawing_paragraphs():
    """The grouped bootstrap against a plain one written here: paragraphs drawn one by one."""
    rng = np.random.default_rng(7)
    target = (sparse.csr_matrix(np.array([[1], [0], [0], [2], [0], [1]])), np.array([4.0, 6, 6, 5, 3, 4]))
    reference = (sparse.csr_matrix(np.array([[0], [1], [0], [0]])), np.array([5.0, 5, 6, 6]))
    plain = 0.0
    for _ in range(20000):
        drawn = [rng.integers(0, len(side[1]), len(side[1])) for side in (target, reference)]
        freq = [side[0].toarray()[rows, 0].sum() / side[1][rows].sum() for side, rows in zip((target, reference), drawn)]
        plain += (freq[0] > freq[1]) + 0.5 * (freq[0] == freq[1])
    grouped = resampling.bootstrap_directions(target, reference, resamples=20000)[0]
    assert abs(grouped - plain / 20000) < 0.015


def _side_counts(tokens, docs):
    return Counter(tokens[tokens["doc_id"].isin(docs)]["token"])


def test_with_enough_documents_a_term_of_one_document_fails_where_paragraphs_would_keep_it():
    """Twelve documents a side: 学习 in every target document survives resampling by document;
    深圳, as frequent but all in one target document's ten paragraphs, survives resampling by
    paragraph and not by document."""
    target = [f"t{k:02d}" for k in range(12)]
    reference = [f"r{k:02d}" for k in range(12)]
    rows = []
    for doc in target + reference:
        rows += [(doc, f"{doc}:{k}", "工作") for k in range(10)]
    for doc in target:
        rows += [(doc, f"{doc}:{k}", "学习") for k in range(0, 10, 2)]
    rows += [("t00", f"t00:{k}", "深圳") for k in range(10) for _ in range(6)]
    rows += [(doc, f"{doc}:0", "深圳") for doc in reference[:2]] + [(doc, f"{doc}:1", "学习") for doc in reference[:2]]
    tokens = _tokens(rows)
    assert resampling.resampling_unit(target, reference) == "document"
    assert resampling.resampling_unit(target, reference[:resampling.MIN_DOCUMENTS - 1]) == "paragraph"
    key = vocabulary.keyness(_side_counts(tokens, target), _side_counts(tokens, reference))
    by_document = resampling.resampled_keyness(tokens, key, "test", target, reference, resamples=2000)
    by_document = by_document.set_index("term")
    assert (by_document["unit"] == "document").all()
    assert by_document.loc["深圳", "documents_with_term"] == 1 and by_document.loc["深圳", "paragraphs_with_term"] == 10
    assert by_document.loc["学习", "documents_with_term"] == 12
    assert by_document.loc["学习", "survives"] and not by_document.loc["深圳", "survives"]
    # the same comparison with paragraphs as units (too few reference documents to draw)
    few = reference[:resampling.MIN_DOCUMENTS - 1]
    key_few = vocabulary.keyness(_side_counts(tokens, target), _side_counts(tokens, few))
    by_paragraph = resampling.resampled_keyness(tokens, key_few, "test", target, few, resamples=2000)
    by_paragraph = by_paragraph.set_index("term")
    assert (by_paragraph["unit"] == "paragraph").all()
    assert by_paragraph.loc["深圳", "survives"]
    summary = resampling.survival_summary(by_document.reset_index())
    assert set(summary["resampled"]) == {"documents"}
