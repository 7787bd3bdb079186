"""The learning codes against their blind annotations: items, annotation files and scores."""
import pandas as pd
import pytest

from policytext import tables
from policytext.analysis import learning
from policytext.analysis.vocabulary import analysable_paragraphs
from policytext.paths import annotation_path
from policytext.validation import learning_codes as lc
from policytext.validation.tasks import BLIND_ANNOTATIONS, terms_in_guideline
from policytext.text.sentences import sentence_ids

CODE_NAMES = {"learner": ["cadres", "departments"], "mode": ["study_tour"], "object": ["innovation"]}


def annotation(rows):
    return pd.DataFrame(rows, columns=["item_id", "learning", "learners", "modes", "objects", "note"])


def code_hits(rows):
    """A ``learning_codes`` table from (para_id, sentence_no, dimension, code) rows."""
    return pd.DataFrame([{"para_id": p, "doc_id": p[:3], "sentence_no": n, "dimension": d, "code": c,
                          "term": "", "has_edge": True} for p, n, d, c in rows])


@pytest.mark.parametrize("folder", lc.VERSIONS.values())
def test_the_committed_items_are_the_sentences_a_learning_annotation_reads_as_learning(folder):
    documents = tables.load("documents")
    drawn = lc.code_items(analysable_paragraphs(tables.load("paragraphs"), documents)).astype(str)
    committed = pd.read_csv(annotation_path(folder) / "items.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, drawn)
    assert len(committed) == len(lc.learning_sentences_annotated()) >= 100


@pytest.mark.parametrize("folder", lc.VERSIONS.values())
@pytest.mark.parametrize("file_name", BLIND_ANNOTATIONS.values())
def test_each_annotation_codes_every_item_once_with_the_codebook_codes(folder, file_name):
    items = pd.read_csv(annotation_path(folder) / "items.csv", dtype=str)
    coded = tables.read_curated(annotation_path(folder) / file_name)
    assert sorted(coded["item_id"]) == sorted(items["item_id"])
    assert set(coded["learning"]) <= {"yes", "no"}
    names = learning.code_names()
    for dimension, column in lc.DIMENSIONS.items():
        learning_rows = coded[coded["learning"] == "yes"]
        used = {code for value in learning_rows[column] for code in value.split("|")}
        assert used <= set(names[dimension]) | {"none"}, (file_name, used - set(names[dimension]))
        assert (coded.loc[coded["learning"] == "no", column] == "").all()


def test_annotated_codes_drop_none_and_items_not_read_as_learning():
    coded = annotation([("a", "yes", "cadres|departments", "none", "none", ""),
                        ("b", "no", "", "", "", ""), ("c", "yes", "none", "study_tour", "", "")])
    assert lc.annotated_codes(coded, "learner") == {"a": {"cadres", "departments"}, "c": set()}
    assert lc.annotated_codes(coded, "mode") == {"a": set(), "c": {"study_tour"}}


def test_scores_count_each_code_over_the_items_read_as_learning_and_pool_the_dimension():
    coded = annotation([("900:1.1", "yes", "cadres", "study_tour", "innovation", ""),
                        ("900:1.2", "yes", "cadres|departments", "none", "none", ""),
                        ("900:2.1", "no", "", "", "", ""),
                        ("900:3.1", "yes", "none", "study_tour", "none", "")])
    found = code_hits([("900:1", 1, "learner", "cadres"), ("900:1", 2, "learner", "departments"),
                       ("900:2", 1, "learner", "cadres"),  # not learning: not scored
                       ("900:3", 1, "learner", "departments"), ("900:1", 1, "object", "innovation")])
    rows = {(r["dimension"], r["code"]): r for r in lc.code_scores(coded, found, CODE_NAMES, "first")}
    cadres = rows[("learner", "cadres")]
    assert (cadres["n"], cadres["gold_positive"], cadres["predicted_positive"], cadres["tp"]) == (3, 2, 1, 1)
    assert cadres["precision"] == 1.0 and cadres["recall"] == 0.5
    departments = rows[("learner", "departments")]
    assert (departments["tp"], departments["predicted_positive"]) == (1, 2) and departments["precision"] == 0.5
    pooled = rows[("learner", lc.ALL_CODES)]
    assert (pooled["n"], pooled["gold_positive"], pooled["predicted_positive"], pooled["tp"]) == (6, 3, 3, 2)
    assert rows[("mode", "study_tour")]["recall"] == 0.0
    assert rows[("object", "innovation")]["f1"] == 1.0
    assert rows[("object", "innovation")]["precision_low"] < 1.0  # a Wilson interval, not a point


def test_agreement_reads_codes_on_the_items_both_read_as_learning():
    first = annotation([("a", "yes", "cadres", "none", "none", ""), ("b", "yes", "departments", "none", "none", ""),
                        ("c", "no", "", "", "", ""), ("d", "yes", "cadres", "none", "none", "")])
    second = annotation([("a", "yes", "cadres", "none", "none", ""), ("b", "yes", "cadres", "none", "none", ""),
                         ("c", "yes", "cadres", "none", "none", ""), ("d", "yes", "cadres", "none", "none", "")])
    rows = {(r["dimension"], r["code"]): r for r in lc.code_agreement(first, second, CODE_NAMES)}
    assert rows[("learning", "sentence is learning")]["n"] == 4
    assert rows[("learning", "sentence is learning")]["agreement"] == 0.75
    assert rows[("learner", "cadres")]["n"] == 3 and rows[("learner", "cadres")]["agreement"] == pytest.approx(2 / 3)
    assert rows[("learner", lc.ALL_CODES)]["n"] == 3  # items, each with its pairs
    assert rows[("learner", lc.ALL_CODES)]["agreement"] == pytest.approx(4 / 6)


NO_EDGES = pd.DataFrame({"para_id": pd.Series(dtype=str), "sentence_no": pd.Series(dtype=int)})
OTHER_CORPUS = pd.DataFrame({"para_id": ["900:1"], "doc_id": ["900"], "kind": ["body"],
                             "text": ["甲市干部赴乙市考察学习。"]})


def test_without_an_annotation_the_tables_are_empty(monkeypatch, tmp_path):
    monkeypatch.setattr(lc, "annotation_path", lambda name: tmp_path / name)
    made = lc.learning_code_tables(code_hits([]), CODE_NAMES, OTHER_CORPUS, NO_EDGES)
    assert list(made) == list(lc.TABLES) and all(table.empty for table in made.values())


def test_on_a_corpus_without_the_annotated_sentences_the_tables_are_empty():
    # the committed annotation exists, but none of its sentences is in this corpus
    made = lc.learning_code_tables(code_hits([("900:1", 1, "learner", "cadres")]), CODE_NAMES, OTHER_CORPUS, NO_EDGES)
    assert all(table.empty for table in made.values())


def test_on_the_seeds_every_annotated_item_is_scored():
    documents = tables.load("documents")
    paragraphs = analysable_paragraphs(tables.load("paragraphs"), documents)
    edges = tables.load("learning_edges")
    made = lc.learning_code_tables(tables.load("learning_codes"), learning.code_names(), paragraphs, edges)
    scores = made["learning_code_scores"]
    first = tables.read_curated(annotation_path(lc.TASK) / "blind.csv")
    learning_items = set(first.loc[first["learning"] == "yes", "item_id"])
    for scope, expected in ((lc.SCOPES[0], learning_items), (lc.SCOPES[1], learning_items & set(sentence_ids(edges)))):
        cadres = scores[(scores["guideline"] == 1) & (scores["annotation"] == "first") & (scores["scope"] == scope)
                        & (scores["code"] == "cadres")]
        assert cadres["n"].iloc[0] == len(expected) > 50
    # each version scores both annotations in both scopes, and its two annotations are compared
    assert set(scores.groupby(["guideline", "annotation", "scope"]).groups) == {
        (version, name, scope) for version in lc.VERSIONS for name in BLIND_ANNOTATIONS for scope in lc.SCOPES}
    assert set(made["learning_code_agreement"]["guideline"]) == set(lc.VERSIONS)
    # the pooled rows carry intervals that resample sentences, the per-code rows do not
    pooled = scores[scores["code"] == lc.ALL_CODES]
    assert pooled["precision_cluster_low"].notna().all()
    assert scores.loc[scores["code"] != lc.ALL_CODES, "precision_cluster_low"].isna().all()
    for version in lc.VERSIONS:
        assert lc.annotated_counts(scores, "learner", guideline=version).sum() == pooled.loc[
            (pooled["guideline"] == version) & (pooled["annotation"] == "first") & (pooled["scope"] == lc.SCOPES[0])
            & (pooled["dimension"] == "learner"), "gold_positive"].iloc[0]


def test_the_report_table_gives_each_code_both_annotations_and_their_kappa():
    from policytext.report.validation import learning_code_table
    first = annotation([("900:1.1", "yes", "cadres", "study_tour", "none", ""),
                        ("900:1.2", "yes", "departments", "none", "innovation", "")])
    second = annotation([("900:1.1", "yes", "cadres", "study_tour", "none", ""),
                         ("900:1.2", "yes", "cadres", "none", "none", "")])
    found = code_hits([("900:1", 1, "learner", "cadres"), ("900:1", 2, "learner", "departments")])
    scores = pd.DataFrame(lc.code_scores(first, found, CODE_NAMES, "first")
                          + lc.code_scores(second, found, CODE_NAMES, "second")).assign(guideline=2)
    agreement = pd.DataFrame(lc.code_agreement(first, second, CODE_NAMES)).assign(guideline=2)
    table = learning_code_table(scores, agreement, {"cadres": "cadres and trainees"}, guideline=2)
    row = table.loc[("learner", "cadres and trainees")]
    assert row["found by terms"] == 1 and row["annotated (first, second)"] == "1, 2"
    assert row["precision (95% CI)"].startswith("1.00 (") and row["recall (95% CI)"].startswith("1.00 (")
    # the two annotations split on 900:1.2 (departments, cadres): cadres yes-no against yes-yes,
    # one agreement in two, no better than chance
    assert row["kappa of the two annotations (same model)"].startswith("0.00 (")
    assert ("object", "innovation") in table.index and ("mode", lc.ALL_CODES) in table.index


def test_the_versions_table_sets_each_versions_pooled_rates_side_by_side():
    from policytext.report.validation import learning_code_versions
    found = code_hits([("900:1", 1, "learner", "cadres"), ("900:1", 2, "learner", "departments")])
    one = annotation([("900:1.1", "yes", "cadres", "none", "none", ""), ("900:1.2", "yes", "cadres", "none", "none", "")])
    two = annotation([("900:1.1", "yes", "cadres", "none", "none", ""), ("900:1.2", "yes", "departments", "none", "none", "")])
    scores = pd.concat([pd.DataFrame(lc.code_scores(coded, found, CODE_NAMES, "first")).assign(guideline=version)
                        for version, coded in ((1, one), (2, two))])
    agreement = pd.DataFrame(lc.code_agreement(two, two, CODE_NAMES)).assign(guideline=2)
    table = learning_code_versions(scores, agreement)
    # version 1 reads cadres in both sentences, the terms find departments in the second
    assert table.loc[("learner", "precision"), "version 1"].startswith("0.50")
    assert table.loc[("learner", "precision"), "version 2"].startswith("1.00")
    assert table.loc[("learner", "kappa of the two annotations (same model)"), "version 1"] == "–"
    assert list(table.columns) == ["version 1", "version 2"]


def test_the_second_guideline_names_no_term_of_the_code_list_and_the_first_names_some():
    terms = set(learning.read_codes()["term"])
    assert terms_in_guideline(terms, lc.VERSIONS[2]) == []
    assert len(terms_in_guideline(terms, lc.VERSIONS[1])) > 10


def test_with_only_the_first_version_the_reports_read_the_first(monkeypatch):
    from policytext.report.validation import code_score, learning_code_table
    monkeypatch.setattr(lc, "VERSIONS", {1: lc.TASK})
    documents = tables.load("documents")
    paragraphs = analysable_paragraphs(tables.load("paragraphs"), documents)
    made = lc.learning_code_tables(tables.load("learning_codes"), learning.code_names(), paragraphs,
                                   tables.load("learning_edges"))
    scores, agreement = made["learning_code_scores"], made["learning_code_agreement"]
    assert set(scores["guideline"]) == {1} and lc.latest_version(scores) == 1
    both = tables.load("learning_code_scores")
    assert lc.annotated_counts(scores, "learner").equals(lc.annotated_counts(both, "learner", guideline=1))
    assert code_score(scores, "first", "learner", lc.ALL_CODES)["guideline"] == 1
    assert not learning_code_table(scores, agreement, {}).empty
    assert lc.latest_version(scores.iloc[0:0]) is None
