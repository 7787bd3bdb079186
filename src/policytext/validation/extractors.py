"""Each extractor against its blind annotation: the scores, the agreement with an earlier
annotation and with a second blind annotation where they exist, and the items where the
extractor and the annotator (or the two annotators) disagree.

Every comparison is item by item over the items of the annotation that still exist with the
same text (:func:`policytext.validation.items.match_items`), so a corpus the annotation does not
cover gives empty tables rather than wrong ones.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, Mapping

import pandas as pd

from policytext import tables
from policytext.analysis import events, places, talent, themes
from policytext.paths import annotation_path
from policytext.text.gazetteer import load_gazetteer
from policytext.validation.items import match_items, paragraph_items, read_items, sentence_items
from policytext.validation.metrics import binary_scores, kappa, paired_rate_differences
from policytext.validation.tasks import BLIND_ANNOTATIONS, REVISIONS, TASKS, Task
from policytext.text.sentences import sentence_ids

SCORE_COLUMNS = ("task", "measure", "label", "n", "gold_positive", "predicted_positive", "tp", "fp",
                 "fn", "precision", "precision_low", "precision_high", "recall", "recall_low",
                 "recall_high", "f1", "f1_low", "f1_high", "n_clusters", "precision_cluster_low",
                 "precision_cluster_high", "recall_cluster_low", "recall_cluster_high")
AGREEMENT_COLUMNS = ("task", "measure", "label", "first", "second", "n", "agreement",
                     "agreement_low", "agreement_high", "kappa", "kappa_low", "kappa_high")
DISAGREEMENT_COLUMNS = ("task", "measure", "label", "item_id", "annotation", "extractor", "text")
ANNOTATOR_DISAGREEMENT_COLUMNS = ("task", "measure", "label", "item_id", "first", "second", "text")
REVISION_COLUMNS = ("task", "compared_with", "measure", "label", "n", "precision_difference",
                    "precision_difference_low", "precision_difference_high", "recall_difference",
                    "recall_difference_low", "recall_difference_high")

#: Who made the blind annotation (the ``second`` of the agreement table).
BLIND = "blind annotation"
#: Who made the earlier labels read by the chapters before (the ``first``).
AUTHOR = "rules' author"
#: Who made the second blind annotation (``BLIND_ANNOTATIONS["second"]``), compared with the first.
SECOND = "second blind annotation"


def read_annotation(task: Task, file_name: str = BLIND_ANNOTATIONS["first"]) -> pd.DataFrame:
    """A blind annotation of ``task`` (the first of :data:`BLIND_ANNOTATIONS` unless
    ``file_name`` names the second): one or more rows per item."""
    return tables.read_curated(task.folder / file_name)


def current_annotation(task: Task, paragraphs: pd.DataFrame,
                       file_name: str = BLIND_ANNOTATIONS["first"]) -> pd.DataFrame:
    """The rows of a blind annotation of ``task`` (:func:`read_annotation`) whose item is still in
    ``paragraphs`` with the text that was annotated (:func:`policytext.validation.items.match_items`):
    none on a corpus without the annotated articles."""
    now = sentence_items(paragraphs) if task.unit == "sentence" else paragraph_items(paragraphs)
    kept = match_items(read_items(task.folder / "items.csv"), now)
    annotation = read_annotation(task, file_name)
    return annotation[annotation["item_id"].isin(set(kept["item_id"]))].reset_index(drop=True)


def _paragraph_of(item: str) -> str:
    """The paragraph of a sentence item (``000:45.1`` -> ``000:45``); a paragraph ID as is."""
    return item.rsplit(".", 1)[0]


def _split(value: str, sep: str = None) -> frozenset[str]:
    return frozenset(part.strip() for part in str(value).split(sep) if part.strip())


class Comparison:
    """Collects score, agreement and disagreement rows of one task."""

    def __init__(self, task: str, texts: Mapping[str, str], labels: str | None = None):
        # labels: the task whose label scheme the annotations follow (a revision's original)
        self.task, self.texts, self.labels = task, texts, labels or task
        self.scores: list[dict] = []
        self.agreements: list[dict] = []
        self.disagreements: list[dict] = []
        self.annotator_disagreements: list[dict] = []
        #: per (measure, label): the annotation's and the extractor's decision per key, and the
        #: key's paragraph, for comparing the scores of two annotations of the same items
        self.decisions: dict[tuple[str, str], dict] = {}

    def score(self, measure: str, label: str, gold: Mapping, predicted: Mapping,
              keys: Iterable | None = None, item_of: Callable = lambda key: key) -> None:
        """Score ``predicted[key]`` against ``gold[key]`` (booleans) over ``keys`` (default:
        the keys of both) and list the keys where they differ."""
        keys = sorted(set(gold) | set(predicted)) if keys is None else list(keys)
        truth = [bool(gold.get(k, False)) for k in keys]
        guess = [bool(predicted.get(k, False)) for k in keys]
        paragraphs = [_paragraph_of(str(item_of(k))) for k in keys]
        self.scores.append({"task": self.task, "measure": measure, "label": label,
                            **binary_scores(truth, guess, clusters=paragraphs)})
        self.decisions[(measure, label)] = {k: (t, g, p) for k, t, g, p in zip(keys, truth, guess, paragraphs)}
        for key, t, g in zip(keys, truth, guess):
            if t != g:
                item = item_of(key)
                self.disagreements.append({
                    "task": self.task, "measure": measure, "label": label, "item_id": item,
                    "annotation": "yes" if t else "no", "extractor": "yes" if g else "no",
                    "text": self.texts.get(item, "")})

    def agree(self, measure: str, label: str, first: Mapping, second: Mapping,
              first_name: str = AUTHOR, second_name: str = BLIND, pairs: bool = False,
              list_differences: bool = True) -> None:
        """Cohen's kappa between two annotations over the keys both made. With ``pairs`` the keys
        are (item, code) pairs: the interval resamples items and a listed difference names its
        code. Where both are blind annotations, the keys where they differ are listed."""
        keys = sorted(set(first) & set(second))
        clusters = [key[0] for key in keys] if pairs else None
        self.agreements.append({"task": self.task, "measure": measure, "label": label,
                                "first": first_name, "second": second_name,
                                **kappa([first[k] for k in keys], [second[k] for k in keys],
                                        clusters=clusters)})
        if first_name != BLIND or not list_differences:
            return
        for key in keys:
            if first[key] != second[key]:
                item, shown_label = (key[0], key[1]) if pairs else (key, label)
                self.annotator_disagreements.append({
                    "task": self.task, "measure": measure, "label": shown_label, "item_id": item,
                    "first": _shown(first[key]), "second": _shown(second[key]),
                    "text": self.texts.get(item, "")})


def _shown(value) -> str:
    text = str(value)  # numpy booleans too
    return {"True": "yes", "False": "no"}.get(text, text)


def _per_code(comparison: Comparison, measure: str, codes: Iterable[str], items: list[str],
              gold: Mapping[str, frozenset], predicted: Mapping[str, frozenset]) -> None:
    """One score per code, then all codes pooled (micro average), over ``items``."""
    codes = list(codes)
    for code in codes:
        comparison.score(measure, code, {i: code in gold.get(i, ()) for i in items},
                         {i: code in predicted.get(i, ()) for i in items}, items)
    pairs = [(i, code) for i in items for code in codes]
    comparison.score(measure, "all (pooled)", {p: p[1] in gold.get(p[0], ()) for p in pairs},
                     {p: p[1] in predicted.get(p[0], ()) for p in pairs}, pairs,
                     item_of=lambda pair: pair[0])


# ---------------------------------------------------------------- learning edges

def compare_learning(annotation: pd.DataFrame, items: list[str], texts: Mapping[str, str],
                     edges: pd.DataFrame) -> Comparison:
    """Learning relations per sentence; pairs learner city -> model city; every learner place;
    mode, venue-only and label against narrative where both find a relation."""
    comparison = Comparison("learning", texts)
    gold = annotator_labels("learning", annotation, items)
    relations = annotation[annotation["relation"] == "yes"]
    edges = edges.assign(item_id=sentence_ids(edges))
    edges = edges[edges["item_id"].isin(items)]
    by_item = {i: frame for i, frame in relations.groupby("item_id")}
    found = {i: frame for i, frame in edges.groupby("item_id")}
    comparison.score("sentence reports learning", "any", gold[("sentence reports learning", "any")],
                     {i: i in found for i in items}, items)
    comparison.score("sentence reports learning", "narrative sentences only",
                     gold[("sentence reports learning", "narrative sentences only")],
                     {i: i in found and (found[i]["text_kind"] == "narrative").any() for i in items},
                     items)
    gold_pairs = {(i, a, b) for i, a, b in zip(relations["item_id"], relations["learner_city"],
                                               relations["model_city"])}
    edge_pairs = {(i, a, b) for i, a, b in zip(edges["item_id"], edges["learner"], edges["teacher"])}
    comparison.score("learner city -> model city", "pairs", {p: True for p in gold_pairs},
                     {p: True for p in edge_pairs}, item_of=lambda pair: pair[0])
    both = sorted(set(by_item) & set(found))
    _learner_places(comparison, both, by_item, found)
    _per_code(comparison, "mode (sentences both find)", ["call", "benchmark", "visit", "course", "pairing",
                                                          "posting"], both,
              gold[("mode (sentences both find)", "codes")],
              {i: frozenset(found[i]["mode"]) for i in both})
    edge_venue = {i: bool(found[i]["venue_only"].astype(str).eq("True").any()) for i in both}
    comparison.score("venue only (sentences both find)", "venue only",
                     gold[("venue only (sentences both find)", "venue only")], edge_venue, both)
    edge_label = {i: (found[i]["text_kind"] == "label").all() for i in both}
    comparison.score("label, not narrative (sentences both find)", "label",
                     gold[("label, not narrative (sentences both find)", "label")], edge_label, both)
    return comparison


def _learner_places(comparison: Comparison, both: list[str], by_item: Mapping,
                    found: Mapping) -> None:
    """Learner places of the gazetteer: each place named in the annotator's learners against
    the extractor's ``learner_places`` of the same sentence. The guideline has the annotator
    list the learners a sentence names, so a learner the extractor takes from an earlier
    sentence (``learner_source`` ``context``) is not scored here."""
    gazetteer = load_gazetteer()
    gold, predicted = {}, {}
    for item in both:
        named = {place.name for unit in "|".join(by_item[item]["learners"]).split("|") if unit
                 for mention in gazetteer.find(unit) for place in mention.places[-1:]
                 if len(mention.places) == 1}
        rows = found[item]
        in_sentence = rows[rows["learner_source"] != "context"]["learner_places"]
        extracted = {p for value in in_sentence for p in str(value).split("|") if p}
        for place in named:
            gold[(item, place)] = True
        for place in extracted:
            predicted[(item, place)] = True
    comparison.score("learner places (sentences both find)", "places", gold, predicted,
                     item_of=lambda pair: pair[0])


# ---------------------------------------------------------------- talent measures

def compare_talent(annotation: pd.DataFrame, items: list[str], texts: Mapping[str, str],
                   measures: pd.DataFrame, author: pd.DataFrame | None, task: str = "talent") -> Comparison:
    """Measures per sentence; instrument and stage codes; agreement with the author's codes
    (``author``, labels made under the first guideline; None for a revision's annotation)."""
    comparison = Comparison(task, texts, labels="talent")
    gold_labels = annotator_labels("talent", annotation, items)
    is_measure = gold_labels[("sentence reports a measure", "any")]
    measures = measures[measures["measure_id"].isin(items)]
    comparison.score("sentence reports a measure", "any", is_measure,
                     {i: i in set(measures["measure_id"]) for i in items}, items)
    for scheme in ("instrument", "stage"):
        rows = measures[measures["scheme"] == scheme]
        predicted = {i: frozenset(f["code"]) for i, f in rows.groupby("measure_id")}
        gold = gold_labels[(scheme, "codes")]
        codes = sorted(set().union(*predicted.values(), *gold.values()))
        _per_code(comparison, scheme, codes, items, gold, predicted)
    both = sorted(i for i in items if is_measure[i] and i in set(measures["measure_id"]))
    targets = {i: frozenset(f["target"]) for i, f in measures.groupby("measure_id")}
    target = gold_labels[("target (sentences both call measures)", "target")]
    gold_targets = {i: {"both": frozenset({"cadre", "talent"})}.get(target[i], frozenset({target[i]}))
                    for i in both}
    _per_code(comparison, "target (sentences both call measures)", ["cadre", "talent"], both,
              gold_targets, targets)
    if author is None:
        return comparison
    author = author[author["measure_id"].isin(items)]
    comparison.agree("sentence reports a measure", "any",
                     dict(zip(author["measure_id"], author["is_measure"])),
                     {i: "yes" if is_measure[i] else "no" for i in items})
    return comparison


# ---------------------------------------------------------------- integration outcomes

def compare_integration(annotation: pd.DataFrame, items: list[str], texts: Mapping[str, str],
                        outcomes: pd.DataFrame, author: pd.DataFrame) -> Comparison:
    """Outcome sentences and their kinds; agreement with the author's judgements."""
    comparison = Comparison("integration", texts)
    gold_labels = annotator_labels("integration", annotation, items)
    gold = gold_labels[("sentence reports an outcome", "any")]
    ids = sentence_ids(outcomes)
    predicted = dict(zip(ids, outcomes["outcome_kinds"].map(lambda s: _split(s, "|"))))
    comparison.score("sentence reports an outcome", "any", gold,
                     {i: i in predicted for i in items}, items)
    _per_code(comparison, "kind", list(places.OUTCOME_KINDS), items,
              gold_labels[("kind", "codes")], predicted)
    author_ids = sentence_ids(author)
    comparison.agree("sentence reports an outcome", "any",
                     {i: int(o) for i, o in zip(author_ids, author["outcome"]) if i in gold},
                     {i: int(g) for i, g in gold.items()})
    return comparison


# ---------------------------------------------------------------- themes

def compare_themes(annotation: pd.DataFrame, items: list[str], texts: Mapping[str, str],
                   scores: pd.DataFrame, author: pd.DataFrame) -> Comparison:
    """Themes per paragraph at the chapters' presence threshold; agreement with the author's labels."""
    comparison = Comparison("themes", texts)
    blind = annotator_labels("themes", annotation, items)[("theme present", "codes")]
    present = themes.predicted_themes(scores)
    predicted = {i: frozenset(present.get(i, frozenset())) for i in items}
    names = [c.removeprefix("score_") for c in scores.columns if c.startswith("score_")]
    _per_code(comparison, "theme present", names, items, blind, predicted)
    labels = {i: t for i, t in zip(author["para_id"], author["themes"]) if i in blind}
    for name in names:
        comparison.agree("theme present", name, {i: name in t for i, t in labels.items()},
                         {i: name in blind[i] for i in labels})
    return comparison


# ---------------------------------------------------------------- quantities

def _quantity_key(value: str, unit: str) -> tuple[str, str]:
    try:
        number = f"{float(value):.6g}"
    except ValueError:
        number = str(value).strip()
    return number, str(unit).strip()


def _multiset_rows(gold: Counter, found: Counter) -> tuple[dict, dict]:
    """Two multisets of keys as booleans per copy: ``(*key, k)`` is true on a side that has at
    least ``k + 1`` copies of ``key``, so matched copies agree and the rest are misses or extras."""
    gold_rows, found_rows = {}, {}
    for key in set(gold) | set(found):
        for k in range(max(gold[key], found[key])):
            gold_rows[(*key, k)] = k < gold[key]
            found_rows[(*key, k)] = k < found[key]
    return gold_rows, found_rows


def _paragraphs_of(items: list[str]) -> set[str]:
    """The paragraphs of sentence items (a disagreement found per paragraph is listed under the
    paragraph's ID, with its whole text)."""
    return {_paragraph_of(i) for i in items}


def compare_quantities(annotation: pd.DataFrame, items: list[str], texts: Mapping[str, str],
                       quantities: pd.DataFrame) -> Comparison:
    """Quantities (value and unit) per paragraph, matched as multisets; then the quantities the
    timeline chapter shows as indicators of scale (:data:`events.INDICATOR_UNITS`)."""
    comparison = Comparison("quantities", texts)
    paragraphs = _paragraphs_of(items)
    stated = annotation[(annotation["expression"] != "") & annotation["item_id"].isin(items)]
    gold = Counter((_paragraph_of(i), *_quantity_key(v, u))
                   for i, v, u in zip(stated["item_id"], stated["value"], stated["unit"]))
    kept = quantities[quantities["para_id"].isin(paragraphs)]
    found = Counter((p, *_quantity_key(v, u)) for p, v, u in zip(kept["para_id"], kept["value"], kept["unit"]))
    gold_rows, found_rows = _multiset_rows(gold, found)
    comparison.score("quantity (value and unit)", "all", gold_rows, found_rows,
                     item_of=lambda key: key[0])
    indicator = {k: v for k, v in found_rows.items() if v and k[2] in events.INDICATOR_UNITS}
    comparison.score("quantity (value and unit)", "indicators of scale",
                     {k: gold_rows[k] for k in indicator}, indicator, item_of=lambda key: key[0])
    return comparison


# ---------------------------------------------------------------- dates

def compare_dates(annotation: pd.DataFrame, items: list[str], texts: Mapping[str, str],
                  dated: pd.DataFrame) -> Comparison:
    """Date expressions read as their first and last day, per paragraph, matched as multisets
    (the ``events`` table against the annotation); then only those each side calls a dated
    event (:data:`events.DATED_KINDS`, what the timeline places)."""
    comparison = Comparison("dates", texts)
    paragraphs = _paragraphs_of(items)
    stated = annotation[(annotation["expression"] != "") & annotation["item_id"].isin(items)]
    kept = dated[dated["para_id"].isin(paragraphs)]
    for label, kinds in (("all", None), ("dated events (point, range)", events.DATED_KINDS)):
        # the events side: what the timeline places (events.dated_events)
        gold_side = stated if kinds is None else stated[stated["kind"].isin(kinds)]
        found_side = kept if kinds is None else events.dated_events(kept)
        gold = Counter(zip(gold_side["item_id"].map(_paragraph_of), gold_side["start"], gold_side["end"]))
        found = Counter(zip(found_side["para_id"], found_side["date_start"], found_side["date_end"]))
        gold_rows, found_rows = _multiset_rows(gold, found)
        comparison.score("date (first and last day)", label, gold_rows, found_rows,
                         item_of=lambda key: key[0])
    return comparison


# ---------------------------------------------------------------- two blind annotations

def annotator_labels(task: str, annotation: pd.DataFrame, items: list[str]) -> dict[tuple[str, str], dict]:
    """The labels an annotation of ``task`` gives, as ``{(measure, label): {item: value}}``: the
    gold side of the extractor's scores, and what two blind annotations are compared on. A value is a label (compared as is) or a set of codes (compared code by
    code and pooled). An item absent from one annotation's mapping is not compared: measures
    that apply only to positive items (venue-only, target, codes) are compared on the items
    both annotations call positive."""
    annotation = annotation[annotation["item_id"].isin(items)]
    if task == "learning":
        relations = annotation[annotation["relation"] == "yes"]
        by_item = {i: frame for i, frame in relations.groupby("item_id")}
        return {
            ("sentence reports learning", "any"): {i: i in by_item for i in items},
            ("sentence reports learning", "narrative sentences only"):
                {i: i in by_item and (by_item[i]["text_kind"] == "narrative").any() for i in items},
            ("model city (sentences both find)", "cities"):
                {i: "|".join(sorted(set(f["model_city"]))) for i, f in by_item.items()},
            ("mode (sentences both find)", "codes"): {i: frozenset(f["mode"]) for i, f in by_item.items()},
            ("venue only (sentences both find)", "venue only"):
                {i: (f["venue_only"] == "yes").any() for i, f in by_item.items()},
            ("label, not narrative (sentences both find)", "label"):
                {i: (f["text_kind"] == "label").all() for i, f in by_item.items()},
        }
    first_row = annotation.drop_duplicates("item_id").set_index("item_id")
    if task == "talent":
        measures = [i for i in items if first_row.at[i, "is_measure"] == "yes"]
        return {
            ("sentence reports a measure", "any"): {i: i in measures for i in items},
            ("target (sentences both call measures)", "target"): {i: first_row.at[i, "target"] for i in measures},
            ("instrument", "codes"): {i: _split(first_row.at[i, "instruments"]) for i in measures},
            ("stage", "codes"): {i: _split(first_row.at[i, "stages"]) for i in measures},
        }
    if task == "integration":
        outcomes = [i for i in items if first_row.at[i, "outcome"] == "yes"]
        return {("sentence reports an outcome", "any"): {i: i in outcomes for i in items},
                ("kind", "codes"): {i: _split(first_row.at[i, "kinds"]) for i in outcomes}}
    if task == "themes":
        return {("theme present", "codes"): {i: _split(first_row.at[i, "themes"], ";") for i in items}}
    if task == "quantities":
        stated = annotation[annotation["expression"] != ""]
        values = {i: " | ".join(sorted(" ".join(_quantity_key(v, u)) for v, u in zip(f["value"], f["unit"])))
                  for i, f in stated.groupby("item_id")}
        return {("sentence states a quantity", "any"): {i: i in values for i in items},
                ("quantities (sentences both find)", "same values and units"): values}
    if task == "dates":
        stated = annotation[annotation["expression"] != ""]
        days = {i: " | ".join(sorted(f"{s} {e}" for s, e in zip(f["start"], f["end"])))
                for i, f in stated.groupby("item_id")}
        return {("sentence states a date", "any"): {i: i in days for i in items},
                ("dates (sentences both find)", "same first and last days"): days}
    raise KeyError(f"no annotator labels for task {task!r}")


def compare_annotators(comparison: Comparison, first: pd.DataFrame, second: pd.DataFrame,
                       items: list[str]) -> None:
    """Cohen's kappa between the first and the second blind annotation on every label of
    :func:`annotator_labels`; code sets per code (on the items both code) and pooled."""
    ours, theirs = (annotator_labels(comparison.labels, a, items) for a in (first, second))
    for (measure, label), one in ours.items():
        other = theirs[(measure, label)]
        if label != "codes":
            comparison.agree(measure, label, one, other, BLIND, SECOND)
            continue
        both = sorted(set(one) & set(other))
        codes = sorted(set().union(*(one[i] for i in both), *(other[i] for i in both)))
        per_code = comparison.labels == "themes" or measure.startswith("mode")
        if per_code:
            for code in codes:
                comparison.agree(measure, code, {i: code in one[i] for i in both},
                                 {i: code in other[i] for i in both}, BLIND, SECOND)
        pairs = [(i, code) for i in both for code in codes]
        comparison.agree(measure, "all (pooled)", {p: p[1] in one[p[0]] for p in pairs},
                         {p: p[1] in other[p[0]] for p in pairs}, BLIND, SECOND, pairs=True,
                         list_differences=not per_code)  # per-code rows list them already


def revision_differences(revised: Comparison, earlier: Comparison) -> list[dict]:
    """How the extractor's precision and recall change from the annotation of ``earlier`` to that
    of ``revised`` (a later guideline for the same task), on every measure both score, over the
    keys either scores (a key one of them lacks is a "no" there) with the extractor's same
    decisions: :func:`~policytext.validation.metrics.paired_rate_differences`."""
    rows = []
    for (measure, label), now in revised.decisions.items():
        before = earlier.decisions.get((measure, label))
        if before is None or measure.startswith("target"):  # targets: only where both call a measure
            continue
        keys = sorted(set(now) | set(before), key=str)
        decided = [now.get(k) or before[k] for k in keys]
        if any(now[k][1] != before[k][1] for k in set(now) & set(before)):
            raise ValueError(f"{revised.task} and {earlier.task}: the extractor's decisions differ on {measure}")
        rows.append({"task": revised.task, "compared_with": earlier.task, "measure": measure, "label": label,
                     **paired_rate_differences([before[k][0] if k in before else False for k in keys],
                                               [now[k][0] if k in now else False for k in keys],
                                               [d[1] for d in decided], [d[2] for d in decided])})
    return rows


# ---------------------------------------------------------------- all tasks

def validation_tables(paragraphs: pd.DataFrame, made: Mapping[str, pd.DataFrame]
                      ) -> dict[str, pd.DataFrame]:
    """``validation_scores``, ``validation_agreement``, ``validation_disagreements`` and
    ``validation_annotator_disagreements`` for every task whose annotation covers items of
    ``paragraphs`` (with the extractors' tables ``made``), and ``validation_revision_differences``:
    how the scores change from each guideline version to the next (:func:`revision_differences`)."""
    current = sentence_items(paragraphs)
    texts = dict(zip(current["item_id"], current["text"]))
    texts.update(zip(paragraphs["para_id"], paragraphs["text"]))
    comparisons = []
    for task in TASKS + REVISIONS:
        if not (task.folder / BLIND_ANNOTATIONS["first"]).exists():
            continue
        now = current if task.unit == "sentence" else paragraph_items(paragraphs)
        kept = match_items(read_items(task.folder / "items.csv"), now)
        items = list(kept["item_id"])
        if not items:
            continue
        annotation = read_annotation(task)
        annotation = annotation[annotation["item_id"].isin(items)]
        if task.name == "learning":
            comparisons.append(compare_learning(annotation, items, texts, made["learning_edges"]))
        elif task.labels == "talent":
            author = (talent.read_hand_codes(annotation_path("talent_hand_codes.csv")) if task.name == "talent"
                      else None)  # the author's codes follow the first guideline
            comparisons.append(compare_talent(annotation, items, texts, made["talent_measures"], author, task.name))
        elif task.name == "integration":
            comparisons.append(compare_integration(annotation, items, texts,
                                                   made["integration_outcomes"],
                                                   places.read_judgements()))
        elif task.name == "themes":
            comparisons.append(compare_themes(annotation, items, texts,
                                              made["theme_paragraph_scores"], themes.read_labels()))
        elif task.name == "quantities":
            comparisons.append(compare_quantities(annotation, items, texts, made["quantities"]))
        elif task.name == "dates":
            comparisons.append(compare_dates(annotation, items, texts, made["events"]))
        else:
            raise KeyError(f"no comparison for annotation task {task.name!r}")
        if (task.folder / BLIND_ANNOTATIONS["second"]).exists():
            compare_annotators(comparisons[-1], annotation, read_annotation(task, BLIND_ANNOTATIONS["second"]), items)
    by_task = {c.task: c for c in comparisons}
    revisions = []
    for original in TASKS:  # each revision against the version before it
        versions = [by_task[t.name] for t in (original, *(r for r in REVISIONS if r.revises == original.name))
                    if t.name in by_task]
        for earlier, revised in zip(versions, versions[1:]):
            revisions += revision_differences(revised, earlier)
    return {
        "validation_scores": pd.DataFrame([r for c in comparisons for r in c.scores],
                                          columns=list(SCORE_COLUMNS)),
        "validation_agreement": pd.DataFrame([r for c in comparisons for r in c.agreements],
                                             columns=list(AGREEMENT_COLUMNS)),
        "validation_disagreements": pd.DataFrame([r for c in comparisons for r in c.disagreements],
                                                 columns=list(DISAGREEMENT_COLUMNS)),
        "validation_annotator_disagreements": pd.DataFrame(
            [r for c in comparisons for r in c.annotator_disagreements],
            columns=list(ANNOTATOR_DISAGREEMENT_COLUMNS)),
        "validation_revision_differences": pd.DataFrame(revisions, columns=list(REVISION_COLUMNS)),
    }


#: Tables of :func:`validation_tables`.
TABLES = ("validation_scores", "validation_agreement", "validation_disagreements",
          "validation_annotator_disagreements", "validation_revision_differences")
