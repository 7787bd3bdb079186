"""The venue-only decision under the learning guideline's version 2.

Under version 1 the two blind annotations of the learning task agreed least on whether a course
in the model city is learning from it or the city only its venue (a course at Shenzhen's cadre
academy on Party doctrine). Version 2 of the decision (``data/annotations/venue_v2/guideline.md``)
settles that case: the content the sentence names decides, not who hosts the course. Its items
are every sentence that either version-1 annotation coded as a course (chosen by the
annotations, not by the rules), annotated twice more, blind, under version 2.
"""
from __future__ import annotations

import pandas as pd

from policytext.analysis.learning import venue_only_sentence_ids
from policytext.paths import annotation_path
from policytext.tables import read_curated
from policytext.validation.items import current_item_ids, sentence_items, sentences_named
from policytext.validation.metrics import binary_scores, kappa
from policytext.validation.tasks import BLIND_ANNOTATIONS, annotated_items

TASK = "venue_v2"
TABLES = ("venue_v2_scores", "venue_v2_agreement")
SCORE_COLUMNS = ["annotation", "items", "annotated_yes", "extracted_yes", "both",
                 "precision", "precision_low", "precision_high", "recall", "recall_low", "recall_high"]
AGREEMENT_COLUMNS = ["guideline", "n", "agreement", "agreement_low", "agreement_high",
                     "kappa", "kappa_low", "kappa_high"]


def version_1_courses() -> list[str]:
    """The sentences either version-1 blind annotation of the learning task codes as a course."""
    return annotated_items("learning", "mode", "course")


def venue_items(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The items of the version-2 task: the sentences of :func:`version_1_courses`, in text order."""
    return sentences_named(paragraphs, version_1_courses())


def _venue_flags(annotation: pd.DataFrame, items: list[str], column: str = "venue_only") -> list[str]:
    """Per item: ``yes``, ``no`` or ``na`` (a version-1 row of no course, or none, is ``na``)."""
    found = annotation[annotation["item_id"].isin(items)]
    if "mode" in found:  # version 1: one row per relation; a course relation's flag counts
        found = found[found["mode"] == "course"]
    flags = found.groupby("item_id")[column].agg(
        lambda values: "yes" if (values == "yes").any() else "no" if (values == "no").any() else "na")
    return [flags.get(item, "na") for item in items]


def venue_scores(items: list[str], annotation: pd.DataFrame, extracted: set[str], name: str) -> dict:
    """The extractor's venue-only mark (``extracted``: the items with a venue-only edge) against
    one version-2 annotation, over the items it codes ``yes`` or ``no``."""
    flags = dict(zip(items, _venue_flags(annotation, items)))
    coded = [i for i in items if flags[i] in ("yes", "no")]
    scores = binary_scores([flags[i] == "yes" for i in coded], [i in extracted for i in coded])
    return {"annotation": name, "items": scores["n"], "annotated_yes": scores["gold_positive"],
            "extracted_yes": scores["predicted_positive"], "both": scores["tp"]} | {
        column: scores[column] for column in SCORE_COLUMNS[5:]}


def venue_tables(learning_edges: pd.DataFrame, paragraphs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``venue_v2_scores`` (the extractor against each version-2 annotation) and
    ``venue_v2_agreement`` (Cohen's kappa of the two annotations on the same items under each
    version: yes, no or none), from ``data/annotations/venue_v2/`` and the learning edges, over
    the annotated items that still exist with the same text in ``paragraphs`` (the analysable
    ones); empty tables when there are none."""
    folder = annotation_path(TASK)
    items = current_item_ids(folder, sentence_items(paragraphs))
    if not items:
        return {name: pd.DataFrame(columns=columns) for name, columns in zip(TABLES, (SCORE_COLUMNS, AGREEMENT_COLUMNS))}
    extracted = venue_only_sentence_ids(learning_edges)
    version_2 = {name: read_curated(folder / file) for name, file in BLIND_ANNOTATIONS.items()
                 if (folder / file).exists()}
    version_1 = {name: read_curated(annotation_path("learning") / file) for name, file in BLIND_ANNOTATIONS.items()}
    scores = pd.DataFrame([venue_scores(items, annotation, extracted, name) for name, annotation in version_2.items()],
                          columns=SCORE_COLUMNS)
    rows = []
    for guideline, pair in (("version 1", version_1), ("version 2", version_2)):
        if len(pair) == 2:
            first, second = (_venue_flags(a, items) for a in pair.values())
            rows.append({"guideline": guideline} | kappa(first, second))
    return {"venue_v2_scores": scores, "venue_v2_agreement": pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)}
