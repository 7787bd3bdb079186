"""Extractors against annotations, on built inputs and on the seeds."""
import pandas as pd
import pytest

from policytext import tables
from policytext.validation import extractors, tasks


def test_integration_outcomes_scored_item_by_item_with_disagreements_listed():
    items = ["900:1.1", "900:1.2", "900:2.1"]
    texts = dict(zip(items, ["甲", "乙", "丙"]))
    annotation = pd.DataFrame({"item_id": items, "outcome": ["yes", "no", "yes"],
                               "kinds": ["agreement", "", "transport"], "note": ""})
    outcomes = pd.DataFrame({"para_id": ["900:1", "900:1"], "sentence_no": [1, 2],
                             "outcome_kinds": ["agreement", "transport"]})
    author = pd.DataFrame({"para_id": ["900:1", "900:2"], "sentence_no": [1, 1], "outcome": [1, 0]})
    result = extractors.compare_integration(annotation, items, texts, outcomes, author)
    overall = result.scores[0]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (1, 1, 1)
    assert [(d["item_id"], d["annotation"], d["extractor"], d["text"]) for d in result.disagreements
            if d["measure"] == "sentence reports an outcome"] == [
        ("900:1.2", "no", "yes", "乙"), ("900:2.1", "yes", "no", "丙")]
    transport = next(s for s in result.scores if s["label"] == "transport")
    assert (transport["tp"], transport["fp"], transport["fn"]) == (0, 1, 1)
    assert result.agreements[0]["n"] == 2 and result.agreements[0]["agreement"] == 0.5


def test_quantities_match_value_and_unit_per_paragraph():
    items = ["900:1.1"]
    annotation = pd.DataFrame({"item_id": ["900:1.1"] * 2, "expression": ["1.5亿元", "3人"],
                               "value": ["150000000", "3"], "unit": ["元", "人"]})
    quantities = pd.DataFrame({"para_id": ["900:1", "900:1"], "value": ["150000000.0", "4"],
                               "unit": ["元", "人"]})
    result = extractors.compare_quantities(annotation, items, {}, quantities)
    assert (result.scores[0]["tp"], result.scores[0]["fp"], result.scores[0]["fn"]) == (1, 1, 1)


def test_dates_match_first_and_last_day_per_paragraph_and_kind():
    items = ["900:1.1", "900:1.2"]
    annotation = pd.DataFrame({"item_id": ["900:1.1", "900:1.2", "900:1.2"],
                               "expression": ["2023年", "7月", "今年以来"],
                               "kind": ["point", "point", "since"],
                               "start": ["2023-01-01", "2023-07-01", "2023-01-01"],
                               "end": ["2023-12-31", "2023-07-31", "2023-08-08"]})
    dated = pd.DataFrame({"para_id": ["900:1", "900:1", "900:2"], "kind": ["point", "since", "point"],
                          "date_start": ["2023-01-01", "2023-07-01", "2020-01-01"],
                          "date_end": ["2023-12-31", "2023-08-08", "2020-12-31"]})
    result = extractors.compare_dates(annotation, items, {"900:1": "2023年……"}, dated)
    counts = {s["label"]: (s["tp"], s["fp"], s["fn"]) for s in result.scores}
    # 900:2 is not an annotated paragraph; the since-date has another first day; 7月 is missed
    assert counts == {"all": (1, 1, 2), "dated events (point, range)": (1, 0, 1)}
    assert {d["item_id"] for d in result.disagreements} == {"900:1"}
    assert all(d["text"] == "2023年……" for d in result.disagreements)


def test_a_corpus_the_annotations_do_not_cover_gets_empty_tables():
    paragraphs = pd.DataFrame({"para_id": ["900:1"], "doc_id": ["900"], "kind": ["body"],
                               "text": ["没有被标注的句子。"]})
    made = extractors.validation_tables(paragraphs, {})
    assert set(made) == set(extractors.TABLES)
    assert all(frame.empty for frame in made.values())


def test_seed_validation_reads_every_task():
    scores = tables.load("validation_scores")
    assert set(scores["task"]) == {"learning", "talent", "talent_v2", "talent_v3", "integration", "quantities", "dates",
                                   "themes"}
    overall = scores[scores["label"].isin(["any", "all"])].set_index("task")
    assert (overall["n"] >= 100).all() or set(overall.loc[overall["n"] < 100].index) <= {"quantities", "dates"}
    assert ((overall["precision_low"] <= overall["precision"]) & (overall["precision"] <= overall["precision_high"])).all()


def test_two_blind_annotations_compared_label_by_label_and_code_by_code():
    items = ["900:1.1", "900:1.2", "900:2.1", "900:2.2"]
    texts = dict(zip(items, ["甲", "乙", "丙", "丁"]))
    first = pd.DataFrame({"item_id": items, "themes": ["a;b", "a", "", "b"], "note": ""})
    second = pd.DataFrame({"item_id": items, "themes": ["a", "a", "", "b"], "note": ""})
    comparison = extractors.Comparison("themes", texts)
    extractors.compare_annotators(comparison, first, second, items)
    by_label = {row["label"]: row for row in comparison.agreements}
    assert set(by_label) == {"a", "b", "all (pooled)"}
    assert by_label["a"]["agreement"] == 1.0 and by_label["b"]["agreement"] == 0.75
    assert by_label["all (pooled)"]["n"] == 4  # items; the kappa pools their 8 item-theme pairs
    assert by_label["all (pooled)"]["agreement"] == 7 / 8
    assert {row["first"] for row in comparison.agreements} == {extractors.BLIND}
    assert [(d["item_id"], d["label"], d["first"], d["second"], d["text"])
            for d in comparison.annotator_disagreements] == [("900:1.1", "b", "yes", "no", "甲")]


def test_measures_of_positive_items_compared_only_where_both_annotators_say_yes():
    items = ["900:1.1", "900:1.2", "900:1.3"]
    first = pd.DataFrame({"item_id": items, "is_measure": ["yes", "yes", "no"],
                          "target": ["cadre", "talent", ""], "instruments": ["training", "x", ""],
                          "stages": ["", "", ""], "note": ""})
    second = first.assign(is_measure=["yes", "no", "no"], target=["both", "", ""])
    comparison = extractors.Comparison("talent", {})
    extractors.compare_annotators(comparison, first, second, items)
    rows = {(r["measure"], r["label"]): r for r in comparison.agreements}
    assert rows[("sentence reports a measure", "any")]["n"] == 3
    assert rows[("sentence reports a measure", "any")]["agreement"] == 2 / 3
    target = rows[("target (sentences both call measures)", "target")]
    assert (target["n"], target["agreement"]) == (1, 0.0)
    assert rows[("instrument", "all (pooled)")]["n"] == 1
    differing = [(d["item_id"], d["measure"], d["label"]) for d in comparison.annotator_disagreements]
    assert ("900:1.2", "sentence reports a measure", "any") in differing
    assert all(label != "all (pooled)" for _, _, label in differing)  # a pooled difference names its code


@pytest.mark.parametrize("revision", ["talent_v2", "talent_v3"])
def test_the_revised_talent_guideline_is_scored_on_the_same_sentences_without_the_authors_codes(revision):
    from policytext.report.validation import rate_text, revision_table
    scores, agreement = tables.load("validation_scores"), tables.load("validation_agreement")
    first = scores[(scores["task"] == "talent") & (scores["measure"] == "sentence reports a measure")].iloc[0]
    second = scores[(scores["task"] == revision) & (scores["measure"] == "sentence reports a measure")].iloc[0]
    assert first["n"] == second["n"] == 350
    assert first["predicted_positive"] == second["predicted_positive"]  # the same rules, unchanged
    assert first["gold_positive"] != second["gold_positive"]  # a reading of its own, not a copy
    revised = agreement[agreement["task"] == revision]
    assert "rules' author" not in set(revised["first"])  # the author's codes follow version 1
    versions = {"talent": "version 1", revision: "revised"}
    table = revision_table(scores, agreement, versions, [("sentence reports a measure", "any")])
    assert list(table.index) == [("sentence reports a measure", "version 1"), ("sentence reports a measure", "revised")]
    assert table.loc[("sentence reports a measure", "version 1"), "precision (95% CI)"] == rate_text(first, "precision")
    assert table.loc[("sentence reports a measure", "revised"), "recall (95% CI)"] == rate_text(second, "recall")


def test_each_talent_revision_is_an_annotation_of_its_own():
    from policytext.validation.tasks import BLIND_ANNOTATIONS
    read = {name: {file: extractors.read_annotation(tasks.task(name), file).set_index("item_id")
                   for file in BLIND_ANNOTATIONS.values()} for name in ("talent", "talent_v2", "talent_v3")}
    for first, second in (("talent", "talent_v2"), ("talent_v2", "talent_v3"), ("talent", "talent_v3")):
        for file in BLIND_ANNOTATIONS.values():
            a, b = read[first][file], read[second][file].loc[read[first][file].index]
            differing = (a[["is_measure", "target", "instruments", "stages"]]
                         != b[["is_measure", "target", "instruments", "stages"]]).any(axis=1)
            assert differing.sum() >= 5, (first, second, file)


def test_a_revision_is_scored_against_the_version_before_it_on_the_same_decisions():
    from policytext.validation.extractors import Comparison, revision_differences
    from policytext.validation.metrics import binary_scores
    items = [f"000:{i}.1" for i in range(1, 13)]
    predicted = {i: n % 2 == 0 for n, i in enumerate(items)}
    first_gold = {i: n % 3 == 0 for n, i in enumerate(items)}
    second_gold = {i: n % 2 == 0 or n == 1 for n, i in enumerate(items)}  # agrees with every find
    earlier, revised = Comparison("talent", {}), Comparison("talent_v2", {}, labels="talent")
    earlier.score("sentence reports a measure", "any", first_gold, predicted, items)
    revised.score("sentence reports a measure", "any", second_gold, predicted, items)
    [row] = revision_differences(revised, earlier)
    one = binary_scores([first_gold[i] for i in items], [predicted[i] for i in items])
    two = binary_scores([second_gold[i] for i in items], [predicted[i] for i in items])
    assert (row["task"], row["compared_with"]) == ("talent_v2", "talent")
    assert row["precision_difference"] == pytest.approx(two["precision"] - one["precision"]) and two["precision"] == 1
    assert row["recall_difference"] == pytest.approx(two["recall"] - one["recall"])
    other = Comparison("talent_v3", {}, labels="talent")
    other.score("sentence reports a measure", "any", second_gold, {i: not p for i, p in predicted.items()}, items)
    with pytest.raises(ValueError, match="decisions differ"):
        revision_differences(other, revised)
