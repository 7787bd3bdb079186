"""Dispersion: Gries' DP and DPnorm on inputs whose answers are known, the table, x-ray positions."""
import pandas as pd
import pytest

from policytext.analysis import dispersion


def token_rows(docs):
    """A token table from {doc_id: [paragraph tokens, ...]}; every token of two characters is a term."""
    rows = []
    for doc_id, paragraphs in docs.items():
        for p, words in enumerate(paragraphs, start=1):
            rows += [(doc_id, f"{doc_id}:{p}", i, w, len(w) >= 2) for i, w in enumerate(words)]
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "position", "token", "is_term"])


@pytest.mark.parametrize("counts, sizes", [([2, 2, 2], [10, 10, 10]), ([1, 2, 3], [10, 20, 30])])
def test_a_term_spread_as_the_parts_has_dp_zero(counts, sizes):
    assert dispersion.dp(counts, sizes) == pytest.approx((0.0, 0.0))


@pytest.mark.parametrize("n", [2, 4, 5, 10])
def test_a_term_in_one_of_n_equal_parts_has_dp_one_minus_one_over_n(n):
    counts = [0] * (n - 1) + [7]
    value, norm = dispersion.dp(counts, [100] * n)
    assert value == pytest.approx(1 - 1 / n) and norm == pytest.approx(1.0)


def test_lijffijt_gries_three_equal_parts_with_two_thirds_and_one_third():
    # The setting of Lijffijt & Gries (2012), Table 1: three equally large parts, one holding 2/3
    # of the occurrences, another 1/3. By hand: DP = (|2/3 - 1/3| + |1/3 - 1/3| + |0 - 1/3|) / 2
    # = 1/3; the smallest part's share is 1/3, so DPnorm = (1/3) / (1 - 1/3) = 1/2.
    assert dispersion.dp([2, 1, 0], [10, 10, 10]) == pytest.approx((1 / 3, 1 / 2))


def test_a_term_all_in_the_smallest_of_unequal_parts_has_dp_norm_one():
    # Sizes 10, 30, 60: shares 0.1, 0.3, 0.6. By hand: DP = (|1 - 0.1| + 0.3 + 0.6) / 2 = 0.9.
    value, norm = dispersion.dp([4, 0, 0], [10, 30, 60])
    assert value == pytest.approx(0.9) and norm == pytest.approx(1.0)
    # All in the largest part: DP = (0.1 + 0.3 + |1 - 0.6|) / 2 = 0.4, DPnorm = 0.4 / 0.9.
    assert dispersion.dp([0, 0, 4], [10, 30, 60]) == pytest.approx((0.4, 0.4 / 0.9))


def test_dispersion_of_a_table_matches_dp_row_by_row():
    counts = pd.DataFrame({"A": [2, 0, 1], "B": [2, 0, 1], "C": [2, 5, 0]}, index=["even", "one", "two"])
    table = dispersion.dispersion(counts, pd.Series({"A": 10, "B": 10, "C": 10})).set_index("term")
    assert list(table["range"]) == [3, 1, 2] and list(table["freq"]) == [6, 5, 2]
    for term, row in counts.iterrows():
        assert (table.loc[term, "dp"], table.loc[term, "dp_norm"]) == pytest.approx(
            dispersion.dp(row.tolist(), [10, 10, 10]))


def test_term_dispersion_counts_documents_paragraphs_and_flags_concentration():
    tokens = token_rows({
        "A": [["人才", "政策", "人才"], ["人才", "深圳"]],
        "B": [["人才", "深圳", "政策"]],
        "C": [["深圳", "政策", "x"]],
    })
    table = dispersion.term_dispersion(tokens, min_freq=3).set_index("term")
    assert list(table.index) == ["人才", "政策", "深圳"]  # by frequency, then term
    assert table.loc["人才", "freq"] == 4 and table.loc["人才", "n_docs"] == 2
    assert table.loc["人才", "n_paragraphs"] == 3
    assert table.loc["人才", "top_doc"] == "A" and table.loc["人才", "top_share"] == 0.75
    assert table.loc["人才", "concentrated"] and not table.loc["深圳", "concentrated"]
    # Document sizes in terms: A 5, B 3, C 2 (x is no term). 深圳 is once in each: by hand
    # DP = (|1/3 - 1/2| + |1/3 - 3/10| + |1/3 - 1/5|) / 2 = 1/6, DPnorm = (1/6) / (1 - 1/5).
    assert table.loc["深圳", "dp"] == round(1 / 6, 4)
    assert table.loc["深圳", "dp_norm"] == round((1 / 6) / 0.8, 4)
    assert "x" not in table.index


def test_xray_positions_are_relative_to_the_document_and_skip_spaces():
    tokens = token_rows({"A": [["深圳", " ", "人才"], ["政策", "深圳"]], "B": [["深圳"]]})
    hits = dispersion.xray_positions(tokens, ["深圳"])
    assert list(hits["doc_id"]) == ["A", "A", "B"]
    # A has four tokens once the space is left out: positions (0 + 0.5) / 4 and (3 + 0.5) / 4.
    assert list(hits["position"]) == [0.125, 0.875, 0.5]
    assert list(hits["para_id"]) == ["A:1", "A:2", "B:1"]


def test_theme_terms_carry_how_their_matches_spread_over_the_documents():
    from policytext.analysis import themes

    terms = pd.DataFrame({"theme": ["talent_policy"] * 3, "category": ["talent"] * 3,
                          "term": ["人才", "人才岛", "英才"], "gloss": ["talent", "talent island", "talents"],
                          "theme_label": ["Talent"] * 3, "category_label": ["Talent"] * 3})
    # two documents of eleven characters: 人才岛 three times in the first only
    paragraphs = pd.DataFrame({"para_id": ["001:1", "002:1"], "doc_id": ["001", "002"],
                               "text": ["人才岛人才岛人才岛人才", "人才人才一二三四五六七"]})
    table = themes.term_table(terms, paragraphs).set_index("term")
    assert table.at["人才岛", "n_matches"] == 3 and table.at["人才", "n_matches"] == 3  # longest match wins
    assert (table.at["人才岛", "dp_norm"], table.at["人才岛", "top_doc"], bool(table.at["人才岛", "concentrated"])) == (
        1.0, "001", True)
    # 人才: one match in 001 (the rest are inside 人才岛), two in 002, parts of equal size
    assert table.at["人才", "top_doc"] == "002" and table.at["人才", "top_share"] == round(2 / 3, 4)
    assert table.at["人才", "dp_norm"] == round(abs(1 / 3 - 1 / 2) * 2 / 2 / (1 - 1 / 2), 4)
    assert (table.at["英才", "n_matches"], table.at["英才", "top_doc"], bool(table.at["英才", "concentrated"])) == (
        0, "", False)
