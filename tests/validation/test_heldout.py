"""The held-out test of the talent extractor: its draw and its scores."""
import math

import pandas as pd

from policytext.paths import annotation_path
from policytext.validation import heldout


def _items(strata):
    """Items ``i0, i1, ...`` with (stratum, stratum size) pairs."""
    return pd.DataFrame([{"item_id": f"i{k}", "stratum": stratum, "stratum_size": size}
                         for k, (stratum, size) in enumerate(strata)])


def test_scores_weigh_the_sampled_rest_by_its_stratum():
    # 4 called measures (3 annotated yes), 6 other sentences naming a target (2 yes),
    # 10 of 100 other sentences drawn (1 yes): an estimated 10 measures in the rest
    items = _items([("extracted", 4)] * 4 + [("names_target", 6)] * 6 + [("other", 100)] * 10)
    yes = {"i0", "i1", "i2", "i4", "i5", "i10"}
    annotation = pd.DataFrame({"item_id": items["item_id"],
                               "is_measure": ["yes" if i in yes else "no" for i in items["item_id"]]})
    extracted = pd.DataFrame({"measure_id": [f"i{k}" for k in range(10)], "measure": [True] * 4 + [False] * 6})
    scores = heldout.heldout_scores(items, annotation, extracted).set_index("measure")
    assert scores.loc["precision", "value"] == 0.75 and scores.loc["precision", "trials"] == 4
    assert scores.loc["recall among sentences naming talent or cadres", "value"] == 3 / 5
    assert scores.loc["measures among the other sentences (sample)", "value"] == 0.1
    overall = scores.loc["recall over all sentences (estimated)"]
    assert math.isclose(overall["value"], 3 / (5 + 10))
    assert overall["low"] < overall["value"] < overall["high"] <= 3 / 5


def test_the_committed_items_are_the_draw_from_the_reports():
    committed = pd.read_csv(annotation_path(heldout.TASK) / "items.csv", dtype=str, keep_default_na=False)
    drawn = heldout.heldout_items(heldout.heldout_paragraphs()).astype(str)
    pd.testing.assert_frame_equal(committed, drawn)
    counts = committed["stratum"].value_counts()
    assert counts["other"] == heldout.OTHER_SAMPLE and counts["extracted"] > 0 and counts["names_target"] > 0


def test_scores_say_when_the_rules_no_longer_match_the_draw(monkeypatch):
    assert heldout.heldout_tables()["talent_heldout_scores"]["drawn_with_current_rules"].all()
    extracted = heldout.extracted_measures(heldout.heldout_paragraphs())
    changed = extracted.assign(measure=extracted["measure"] | (extracted.index == extracted.index[~extracted["measure"]][0]))
    monkeypatch.setattr(heldout, "extracted_measures", lambda paragraphs: changed)
    scores = heldout.heldout_tables()["talent_heldout_scores"]
    assert not scores["drawn_with_current_rules"].any()
    assert (scores.loc[scores["measure"] == "recall over all sentences (estimated)", "trials"].isna()).all()
