"""A held-out test of the talent extractor, on sentences its rules were never revised on.

The talent rules were revised after the blind annotation of the seed articles had been read, so
their scores there are not an independent test of them. Here the revised rules meet other text:
the State Council's government work reports of ``data/reference/``, another genre of official
prose, cut into sentences as the corpus is. The items are drawn in three strata before any
annotation: every sentence the extractor calls a measure (its precision), every other sentence
naming talent or cadres, and a random sample of the rest (how many measures the extractor's
need of a target word leaves out). The annotator sees the items in text order, not the strata.
"""
from __future__ import annotations

import pandas as pd

from policytext.analysis import reference, talent
from policytext.tables import read_curated
from policytext.paths import annotation_path
from policytext.validation.items import ITEM_COLUMNS, sentence_items
from policytext.validation.metrics import kappa, wilson
from policytext.validation.tasks import BLIND_ANNOTATIONS

TASK = "talent_heldout"
#: The strata, in order: called a measure, naming talent or cadres, the rest (sampled).
STRATA = ("extracted", "names_target", "other")
OTHER_SAMPLE = 100
SEED = 20261203
#: The reports the items come from (every year the reference holds).
FIRST_YEAR = 2005
TABLES = ("talent_heldout_scores", "talent_heldout_agreement")
SCORE_COLUMNS = ["measure", "value", "low", "high", "successes", "trials"]
AGREEMENT_COLUMNS = ["n", "agreement", "agreement_low", "agreement_high", "kappa", "kappa_low", "kappa_high"]


def heldout_paragraphs() -> pd.DataFrame:
    """The analysable paragraphs of every government work report of the reference."""
    return reference.official_prose_paragraphs(FIRST_YEAR)


def extracted_measures(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The talent extractor's sentences of ``paragraphs`` (``talent_sentences``), with
    ``measure`` true where it calls the sentence a measure."""
    sentences = talent.talent_tables(paragraphs)["talent_sentences"]
    return sentences.assign(measure=sentences["decision"] == talent.MEASURE)


def heldout_items(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The items of the held-out test (columns :data:`ITEM_COLUMNS` and ``stratum``), in text
    order: every sentence of the first two strata and :data:`OTHER_SAMPLE` of the third, drawn
    with :data:`SEED`; ``stratum_size`` is the number of sentences of the item's stratum."""
    items = sentence_items(paragraphs)
    extracted = extracted_measures(paragraphs)
    measures = set(extracted.loc[extracted["measure"], "measure_id"])
    naming = set(extracted["measure_id"]) - measures
    items["stratum"] = ["extracted" if i in measures else "names_target" if i in naming else "other"
                        for i in items["item_id"]]
    sizes = items["stratum"].value_counts()
    others = items[items["stratum"] == "other"]
    drawn = others.sample(n=min(OTHER_SAMPLE, len(others)), random_state=SEED).index
    keep = (items["stratum"] != "other") | items.index.isin(drawn)
    items = items[keep].reset_index(drop=True)
    items["stratum_size"] = items["stratum"].map(sizes).astype(int)
    return items[list(ITEM_COLUMNS) + ["stratum", "stratum_size"]]


def _row(measure: str, successes: int, trials: int, value: float | None = None,
         bounds: tuple[float, float] | None = None) -> dict:
    low, high = bounds if bounds is not None else wilson(successes, trials)
    if value is None:
        value = successes / trials if trials else float("nan")
    return {"measure": measure, "value": value, "low": low, "high": high,
            "successes": successes, "trials": trials or float("nan")}


def annotated_measures(annotation: pd.DataFrame) -> dict[str, bool]:
    """Per item of an annotation: whether the annotator calls it a measure."""
    return dict(zip(annotation["item_id"], annotation["is_measure"].astype(str).str.strip() == "yes"))


def heldout_scores(items: pd.DataFrame, annotation: pd.DataFrame, extracted: pd.DataFrame) -> pd.DataFrame:
    """The extractor against one held-out annotation: precision over the sentences it calls
    measures; recall over the measures that name talent or cadres (the first two strata, both
    complete); the share of measures among the sampled rest; and the recall that implies over
    all sentences, the rest's measures estimated from the sample (its interval from the Wilson
    bounds of that share, the frame's count taken as known). Columns ``measure``, ``value``,
    ``low``, ``high``, ``successes``, ``trials``."""
    gold = annotated_measures(annotation)
    called = set(extracted.loc[extracted["measure"], "measure_id"])
    predicted = [i for i in items["item_id"] if i in called]
    in_frame = [i for i in items.loc[items["stratum"] != "other", "item_id"] if gold.get(i)]
    found = sum(i in called for i in in_frame)
    rest = items[items["stratum"] == "other"]
    in_rest = sum(gold.get(i, False) for i in rest["item_id"])
    size = int(rest["stratum_size"].iloc[0]) if len(rest) else 0
    share = in_rest / len(rest) if len(rest) else 0.0
    share_low, share_high = wilson(in_rest, len(rest)) if len(rest) else (0.0, 0.0)

    def recall_if(rest_share: float) -> float:
        return found / (len(in_frame) + rest_share * size) if in_frame else float("nan")

    return pd.DataFrame([
        _row("precision", sum(gold.get(i, False) for i in predicted), len(predicted)),
        _row("recall among sentences naming talent or cadres", found, len(in_frame)),
        _row("measures among the other sentences (sample)", in_rest, len(rest)),
        # of all measures in the reports, an estimate (no observed count of trials)
        _row("recall over all sentences (estimated)", found, 0, recall_if(share),
             (recall_if(share_high), recall_if(share_low))),
    ])


def heldout_tables() -> dict[str, pd.DataFrame]:
    """``talent_heldout_scores`` (:func:`heldout_scores` per annotation, column ``annotation``)
    with ``drawn_with_current_rules`` false once the rules call sentences measures that the
    drawn stratum does not hold (the items must then be drawn and annotated again),
    and ``talent_heldout_agreement`` (Cohen's kappa of the two annotations on whether each item
    is a measure), from the committed items and annotations in ``data/annotations/talent_heldout/``,
    with the extractor run on the reports now."""
    folder = annotation_path(TASK)
    items = read_curated(folder / "items.csv")
    items["stratum_size"] = items["stratum_size"].astype(int)
    extracted = extracted_measures(heldout_paragraphs())
    annotations = {name: read_curated(folder / file)
                   for name, file in BLIND_ANNOTATIONS.items() if (folder / file).exists()}
    scores = pd.concat([pd.DataFrame(columns=["annotation"] + SCORE_COLUMNS)]
                       + [heldout_scores(items, annotation, extracted).assign(annotation=name)
                          for name, annotation in annotations.items()], ignore_index=True)
    # the strata were drawn with the rules of their day: if the rules now call other sentences
    # measures, the items no longer hold all of them, and the scores say so
    scores["trials"] = scores["trials"].astype("Int64")  # empty where the row is an estimate
    called_now = set(extracted.loc[extracted["measure"], "measure_id"])
    scores["drawn_with_current_rules"] = called_now == set(items.loc[items["stratum"] == "extracted", "item_id"])
    labels = [[annotated_measures(a).get(i, False) for i in items["item_id"]] for a in annotations.values()]
    agreement = pd.DataFrame([kappa(*labels)] if len(labels) == 2 else [], columns=AGREEMENT_COLUMNS)
    return {"talent_heldout_scores": scores[["annotation"] + SCORE_COLUMNS + ["drawn_with_current_rules"]],
            "talent_heldout_agreement": agreement}
