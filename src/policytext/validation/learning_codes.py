"""The learning codes (who learns, how, what is learned) against a blind annotation.

The learning task's blind annotation read whether a sentence is learning, its cities, learner
places, mode and venue, but not the kinds of learner, the forms of learning or the objects the
code list of ``data/codebooks/learning_codes.yml`` reads. This task checks those codes. Its
items are every sentence that either blind annotation of the learning task codes as a relation
(chosen by the annotations, not by the rules); each is annotated twice more, blind to the code
list, under ``data/annotations/learning_codes/guideline.md``. A code is scored over the items an
annotation reads as learning: the annotation names the code, the code list's terms occur in the
sentence (any edge or none: the terms are the same rule either way).
"""
from __future__ import annotations

import pandas as pd

from policytext.paths import annotation_path
from policytext.tables import read_curated
from policytext.validation.items import current_item_ids, sentence_items, sentences_named
from policytext.validation.metrics import binary_scores, kappa
from policytext.validation.tasks import BLIND_ANNOTATIONS, annotated_items
from policytext.text.sentences import sentence_ids

TASK = "learning_codes"
#: The guideline versions and the folder of each one's annotations. Version 2 annotates the same
#: items under a guideline written in English only, which names no word of the code list, and
#: settles the choices the version-1 annotators reported.
VERSIONS = {1: TASK, 2: "learning_codes_v2"}
TABLES = ("learning_code_scores", "learning_code_agreement")
#: The code list's dimensions and the annotation's column for each.
DIMENSIONS = {"learner": "learners", "mode": "modes", "object": "objects"}
#: The label of a dimension's row that pools every code (item-code pairs, micro-averaged).
ALL_CODES = "all codes"
#: The items a score covers: every sentence the annotation reads as learning, or only those the
#: learning extractor also gives an edge (the sentences whose codes the learning chapter counts).
SCOPES = ("learning sentences", "sentences with an edge")
SCORE_COLUMNS = ["guideline", "annotation", "scope", "dimension", "code", "n", "gold_positive", "predicted_positive", "tp",
                 "precision", "precision_low", "precision_high", "recall", "recall_low", "recall_high",
                 "f1", "f1_low", "f1_high", "n_clusters", "precision_cluster_low", "precision_cluster_high",
                 "recall_cluster_low", "recall_cluster_high"]
AGREEMENT_COLUMNS = ["guideline", "dimension", "code", "n", "agreement", "agreement_low", "agreement_high",
                     "kappa", "kappa_low", "kappa_high"]


def latest_version(scores: pd.DataFrame) -> int | None:
    """The latest guideline version with scores in ``learning_code_scores`` (the one the
    chapters report), or None when there are none."""
    versions = pd.to_numeric(scores["guideline"]).dropna() if "guideline" in scores else pd.Series(dtype=int)
    return int(versions.max()) if len(versions) else None


def learning_sentences_annotated() -> list[str]:
    """The sentences either blind annotation of the learning task codes as a relation."""
    return annotated_items("learning", "relation", "yes")


def code_items(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The items of this task: the sentences of :func:`learning_sentences_annotated`, in text order."""
    return sentences_named(paragraphs, learning_sentences_annotated())


def annotated_codes(annotation: pd.DataFrame, dimension: str) -> dict[str, frozenset[str]]:
    """Per item the annotation reads as learning: the codes it gives in ``dimension``."""
    learning = annotation[annotation["learning"] == "yes"]
    return {item: frozenset(code for code in str(value).split("|") if code and code != "none")
            for item, value in zip(learning["item_id"], learning[DIMENSIONS[dimension]])}


def extracted_codes(codes: pd.DataFrame, dimension: str) -> dict[str, frozenset[str]]:
    """Per sentence: the codes of ``dimension`` whose terms the code list finds in it."""
    hits = codes[codes["dimension"] == dimension]
    return {item: frozenset(found) for item, found in hits.groupby(sentence_ids(hits))["code"]}


def _row(labels: dict, gold: list[bool], predicted: list[bool], clusters: list[str] | None = None) -> dict:
    scores = binary_scores(gold, predicted, clusters=clusters)
    return labels | {column: scores[column] for column in SCORE_COLUMNS[SCORE_COLUMNS.index("n"):]}


def code_scores(annotation: pd.DataFrame, codes: pd.DataFrame, code_names: dict[str, list[str]],
                name: str, within: set[str] | None = None, scope: str = SCOPES[0]) -> list[dict]:
    """Per dimension and code (``code_names``: the codebook's codes by dimension), the code
    list's reading against one annotation over the items it reads as learning (only those in
    ``within`` when given), and the dimension's pooled item-code pairs (:data:`ALL_CODES`), whose
    cluster intervals resample items rather than pairs."""
    rows = []
    for dimension, names in code_names.items():
        gold, found = annotated_codes(annotation, dimension), extracted_codes(codes, dimension)
        items = sorted(i for i in gold if within is None or i in within)
        pooled_gold, pooled_found, pooled_items = [], [], []
        for code in names:
            truth = [code in gold[item] for item in items]
            guess = [code in found.get(item, frozenset()) for item in items]
            rows.append(_row({"annotation": name, "scope": scope, "dimension": dimension, "code": code},
                             truth, guess))
            pooled_gold += truth
            pooled_found += guess
            pooled_items += items
        rows.append(_row({"annotation": name, "scope": scope, "dimension": dimension, "code": ALL_CODES},
                         pooled_gold, pooled_found, clusters=pooled_items))
    return rows


def annotated_counts(scores: pd.DataFrame, dimension: str, annotation: str = "first",
                     scope: str = SCOPES[0], guideline: int | None = None) -> pd.Series:
    """From ``learning_code_scores``: per code of ``dimension``, the sentences ``annotation``
    (under guideline version ``guideline``, by default the latest scored) codes with it (empty
    when the corpus holds none of the annotated sentences)."""
    guideline = latest_version(scores) if guideline is None else guideline
    rows = scores[(scores["guideline"] == guideline) & (scores["annotation"] == annotation)
                  & (scores["scope"] == scope) & (scores["dimension"] == dimension) & (scores["code"] != ALL_CODES)]
    return pd.to_numeric(rows.set_index("code")["gold_positive"]).astype(int)


def code_agreement(first: pd.DataFrame, second: pd.DataFrame, code_names: dict[str, list[str]]) -> list[dict]:
    """Cohen's kappa of the two annotations: on whether each item is learning, and per
    dimension and code over the items both read as learning (pooled item-code pairs resampled
    by item)."""
    learning = [dict(zip(a["item_id"], a["learning"])) for a in (first, second)]
    items = sorted(set(learning[0]) & set(learning[1]))
    rows = [{"dimension": "learning", "code": "sentence is learning"}
            | kappa([learning[0][i] for i in items], [learning[1][i] for i in items])]
    for dimension, names in code_names.items():
        one, two = annotated_codes(first, dimension), annotated_codes(second, dimension)
        both = sorted(set(one) & set(two))
        pooled: tuple[list, list, list] = ([], [], [])
        for code in names:
            a, b = [code in one[i] for i in both], [code in two[i] for i in both]
            rows.append({"dimension": dimension, "code": code} | kappa(a, b))
            pooled[0].extend(a)
            pooled[1].extend(b)
            pooled[2].extend(both)
        rows.append({"dimension": dimension, "code": ALL_CODES}  # n counts items, not pairs
                    | kappa(pooled[0], pooled[1], clusters=pooled[2]))
    return rows


def version_annotations(version: int, sentences: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The blind annotations under guideline ``version``, by name, over its items that still
    exist with the same text among ``sentences`` (the corpus's sentence items); none without
    items or annotations."""
    folder = annotation_path(VERSIONS[version])
    items = current_item_ids(folder, sentences)
    annotations = {name: annotation[annotation["item_id"].isin(items)]
                   for name, file in BLIND_ANNOTATIONS.items() if (folder / file).exists()
                   for annotation in [read_curated(folder / file)]}
    return {name: annotation for name, annotation in annotations.items() if not annotation.empty}


def learning_code_tables(codes: pd.DataFrame, code_names: dict[str, list[str]],
                         paragraphs: pd.DataFrame, edges: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``learning_code_scores`` (the code list against each blind annotation of each guideline
    version, in each of :data:`SCOPES`; ``edges``: the learning edges) and
    ``learning_code_agreement`` (each version's two annotations against each other), from the
    folders of :data:`VERSIONS` and the ``learning_codes`` table, over the annotated items that
    still exist with the same text in ``paragraphs`` (the analysable ones); empty tables when
    there are none, or no annotation."""
    with_edge = set(sentence_ids(edges))
    sentences = sentence_items(paragraphs)  # split once for every version
    scores, agreement = [], []
    for version in VERSIONS:
        annotations = version_annotations(version, sentences)
        scores += [{"guideline": version} | row for name, annotation in annotations.items()
                   for within, scope in ((None, SCOPES[0]), (with_edge, SCOPES[1]))
                   for row in code_scores(annotation, codes, code_names, name, within, scope)]
        if len(annotations) == 2:
            agreement += [{"guideline": version} | row for row in code_agreement(*annotations.values(), code_names)]
    return {"learning_code_scores": pd.DataFrame(scores, columns=SCORE_COLUMNS),
            "learning_code_agreement": pd.DataFrame(agreement, columns=AGREEMENT_COLUMNS)}
