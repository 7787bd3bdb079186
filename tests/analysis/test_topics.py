"""Topic model of the paragraphs as a check on the themes: inputs whose right answers are known."""
import numpy as np
import pandas as pd
import pytest

from policytext import tables
from policytext.analysis import topics

#: Two vocabularies that share no term: one of each theme.
ALPHA = ["港口", "航线", "码头", "货运", "集装箱", "船舶", "航运", "物流"]
BETA = ["人才", "引才", "博士", "科研", "专家", "团队", "补贴", "落户"]
#: Few subsamples keep the tests quick; the answers do not depend on them.
QUICK = {"n_subsamples": 5}


def zipf(n):
    """Probabilities of n words falling with their rank (1/rank), as word frequencies do."""
    weights = 1 / np.arange(1, n + 1)
    return weights / weights.sum()


def corpus(groups, labels=None, seed=1):
    """Paragraphs, tokens and theme scores: ``groups`` is a list of (vocabulary, n paragraphs);
    each paragraph holds five terms drawn from its vocabulary (:func:`zipf`), and its theme is the one of its
    vocabulary (``alpha`` for the first and third, ``beta`` for the second) unless ``labels`` (para_id ->
    theme, or ``None`` for no theme) says otherwise."""
    rng = np.random.default_rng(seed)
    paragraphs, tokens, scores = [], [], []
    n = 0
    for g, (vocabulary, count) in enumerate(groups):
        for _ in range(count):
            n += 1
            para_id = f"000:{n}"
            words = list(rng.choice(vocabulary, size=5, p=zipf(len(vocabulary)))) + ["的"]
            paragraphs.append((para_id, "000", n, "body", "".join(words)))
            tokens += [("000", para_id, i, w, w != "的") for i, w in enumerate(words)]
            theme = (labels or {}).get(para_id, ("alpha", "beta", "alpha")[g])
            counts = {"alpha": int(theme == "alpha"), "beta": int(theme == "beta")}
            scores.append((para_id, "000", n, "body", 10, counts["alpha"], counts["beta"],
                           counts["alpha"] * 10.0, counts["beta"] * 10.0, sum(counts.values()),
                           theme or "none"))
    return (pd.DataFrame(paragraphs, columns=["para_id", "doc_id", "para_no", "kind", "text"]),
            pd.DataFrame(tokens, columns=["doc_id", "para_id", "position", "token", "is_term"]),
            pd.DataFrame(scores, columns=["para_id", "doc_id", "para_no", "kind", "n_chars", "n_alpha", "n_beta",
                                          "score_alpha", "score_beta", "n_matches", "dominant_theme"]))


def test_average_jaccard_of_known_rankings():
    assert topics.average_jaccard(["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert topics.average_jaccard(["a", "b"], ["c", "d"]) == 0.0
    # depth 1: {a} vs {b} = 0; depth 2: {a, b} vs {b, a} = 1; mean 0.5
    assert topics.average_jaccard(["a", "b"], ["b", "a"]) == pytest.approx(0.5)
    assert topics.average_jaccard([], ["a"]) == 0.0


def test_ranking_agreement_matches_topics_whatever_their_order():
    first = [["a", "b", "c"], ["x", "y", "z"]]
    assert topics.ranking_agreement(first, first[::-1]) == 1.0
    assert topics.ranking_agreement(first, [["a", "b", "c"], ["p", "q", "r"]]) == pytest.approx(0.5)


def test_two_separate_vocabularies_give_two_topics_each_aligned_with_its_theme():
    paragraphs, tokens, scores = corpus([(ALPHA, 12), (BETA, 12)])
    made = topics.topic_tables(paragraphs, tokens, scores, ks=range(2, 5), **QUICK)
    selection = made["topic_k_selection"].set_index("k")
    assert selection.index.tolist() == [2, 3, 4]
    assert selection.loc[selection["chosen"]].index.tolist() == [2]
    assert selection["stability"].idxmax() == 2 and selection.loc[2, "stability"] > selection.loc[3:, "stability"].max()
    alignment = made["topic_theme_alignment"]
    aligned = alignment[alignment["aligned"]].set_index("theme")
    assert sorted(aligned["topic"]) == [1, 2]  # one topic per theme
    assert (aligned["share_present"] == 1.0).all() and (aligned["correlation"] > 0.9).all()
    terms = made["topic_terms"]
    for theme, vocabulary in (("alpha", ALPHA), ("beta", BETA)):
        assert set(terms.loc[terms["topic"] == aligned.loc[theme, "topic"], "term"]) <= set(vocabulary)
    assert set(made["topic_paragraphs"]["agreement"]) == {topics.AGREE}
    assert list(made) == list(topics.TABLES)
    assert all(list(made[name].columns) == topics.COLUMNS[name] for name in topics.TABLES)


def test_a_paragraph_whose_theme_is_not_its_topics_is_a_disagreement():
    # 000:3 uses the first vocabulary but is labelled with the second theme; 000:5 has no theme
    paragraphs, tokens, scores = corpus([(ALPHA, 12), (BETA, 12)], labels={"000:3": "beta", "000:5": None})
    made = topics.topic_tables(paragraphs, tokens, scores, ks=[2], **QUICK)
    rows = made["topic_paragraphs"].set_index("para_id")
    assert rows.loc["000:3", "agreement"] == topics.DISAGREE
    assert rows.loc["000:3", "themes_present"] == "beta" and rows.loc["000:3", "topic_themes"] == "alpha"
    assert rows.loc["000:5", "agreement"] == topics.NO_THEME
    assert (rows.drop(["000:3", "000:5"])["agreement"] == topics.AGREE).all()
    assert rows.loc["000:3", "excerpt"] == paragraphs.set_index("para_id").loc["000:3", "text"]


def test_the_same_seed_gives_identical_tables():
    paragraphs, tokens, scores = corpus([(ALPHA, 10), (BETA, 10), (ALPHA[:4] + BETA[:4], 6)])
    first = topics.topic_tables(paragraphs, tokens, scores, ks=range(2, 5), **QUICK)
    second = topics.topic_tables(paragraphs, tokens, scores, ks=range(2, 5), **QUICK)
    for name in topics.TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_paragraphs_of_other_kinds_and_rare_terms_are_left_out():
    paragraphs, tokens, scores = corpus([(ALPHA, 6), (BETA, 6)])
    paragraphs.loc[0, "kind"] = "title"
    tokens.loc[len(tokens)] = ("000", "000:2", 9, "孤词", True)  # in one paragraph only
    counts = topics.paragraph_term_counts(tokens, paragraphs.loc[paragraphs["kind"] == "body", "para_id"].tolist())
    assert "000:1" not in counts.index and "孤词" not in counts.columns
    assert counts.index[0] == "000:2" and list(counts.columns) == sorted(counts.columns)


def test_an_empty_or_tiny_corpus_gives_empty_tables_not_a_crash():
    paragraphs, tokens, scores = corpus([(ALPHA, 2)])
    for made in (topics.topic_tables(paragraphs, tokens, scores),
                 topics.topic_tables(paragraphs.iloc[:0], tokens.iloc[:0], scores.iloc[:0])):
        assert all(made[name].empty and list(made[name].columns) == topics.COLUMNS[name]
                   for name in topics.TABLES)


def test_too_few_paragraphs_for_the_topics_is_a_clear_error():
    paragraphs, tokens, _ = corpus([(ALPHA, 3)])
    matrix = topics.tfidf(topics.paragraph_term_counts(tokens, paragraphs["para_id"].tolist()))
    with pytest.raises(topics.TopicModelError, match="cannot fit 3 topics to 3 paragraphs"):
        topics.fit_nmf(matrix, 3)
    with pytest.raises(topics.TopicModelError, match="no number of topics"):
        topics.choose_k(matrix, [2, 3])


def test_a_reading_is_checked_at_the_neighbours_and_the_next_most_stable_number():
    selection = pd.DataFrame({"k": range(2, 9), "stability": [0.5, 0.6, 0.7, 0.9, 0.6, 0.55, 0.8]})
    selection["chosen"] = selection["k"] == 5
    assert topics.robustness_ks(selection) == [4, 5, 6, 8]
    selection["chosen"] = selection["k"] == 2
    assert topics.robustness_ks(selection) == [2, 3, 5]


def test_the_seed_alignment_by_k_holds_the_chosen_model_and_its_neighbours():
    by_k = tables.load("topic_alignment_by_k")
    selection = tables.load("topic_k_selection")
    assert sorted(set(by_k["k"])) == topics.robustness_ks(selection)
    chosen = by_k[by_k["chosen"]].drop(columns=["k", "chosen"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(chosen, tables.load("topic_theme_alignment"), check_dtype=False)
    assert (by_k.groupby("k")["topic"].max() == by_k.groupby("k")["k"].first()).all()
