"""Tables and phrases of the validation chapter, read from ``validation_*.csv``."""
from __future__ import annotations

import math

import pandas as pd

from policytext.report.labels import code_name
from policytext.validation.extractors import SECOND
from policytext.validation.learning_codes import latest_version
from policytext.validation.metrics import difference_interval

#: Readable names of the tasks, in the chapter's order.
TASK_NAMES = {"learning": "Learning edges", "talent": "Talent and cadre measures",
              "talent_v2": "Talent and cadre measures, guideline version 2",
              "talent_v3": "Talent and cadre measures, guideline version 3 (English only)",
              "integration": "Integration outcomes", "themes": "Paragraph themes",
              "quantities": "Quantities", "dates": "Dates"}
#: Short names of the annotations in the agreement table.
ANNOTATION_NAMES = {"blind annotation": "first blind", "second blind annotation": "second blind",
                    "rules' author": "author"}


def _signed(number: float, digits: int) -> str:
    """``+0.19``, ``−0.06``; a number that rounds to zero carries no sign."""
    if round(number, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{number:+.{digits}f}".replace("-", "\u2212")


def with_interval(value: float, low: float, high: float, digits: int = 2) -> str:
    """``0.96 (0.89–0.98)``; an undefined rate (NaN, or empty as the CSV stores it) is ``–``, and
    a rate whose interval is not given (too few items for it) says so."""
    value, low, high = _number(value), _number(low), _number(high)
    if math.isnan(value):
        return "–"
    if math.isnan(low) or math.isnan(high):
        return f"{value:.{digits}f} (too few items)"
    if min(value, low, high) < 0:  # a dash would read as a minus sign
        return difference_text(value, low, high, digits)
    return f"{value:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})"


def difference_text(value: float, low: float, high: float, digits: int = 2) -> str:
    """A difference with its interval, signed: ``+0.19 (−0.06 to +0.41)``."""
    value, low, high = _number(value), _number(low), _number(high)
    if math.isnan(value) or math.isnan(low) or math.isnan(high):
        return with_interval(value, low, high, digits)
    return f"{_signed(value, digits)} ({_signed(low, digits)} to {_signed(high, digits)})"


def kappa_text(row: pd.Series, digits: int = 2) -> str:
    """Cohen's kappa of one row of ``validation_agreement`` with its interval; where the two
    annotations agree on every label (no spread to resample), the lower Wilson bound of their
    raw agreement instead: ``1.00 (all 59 agree; agreement ≥ 0.94)``."""
    if _number(row["agreement"]) == 1 and not math.isnan(_number(row["kappa"])):
        return (f"{_number(row['kappa']):.{digits}f} (all {int(row['n'])} agree; agreement "
                f"≥ {_number(row['agreement_low']):.{digits}f})")
    kappa, low, high = (_number(row[column]) for column in ("kappa", "kappa_low", "kappa_high"))
    if not math.isnan(low) and min(kappa, low) < 0:
        # a kappa is not a difference: no plus signs, and "to" because a dash would read as a minus
        def plain(number: float) -> str:
            return f"{number:.{digits}f}".replace("-", "\u2212")
        return f"{plain(kappa)} ({plain(low)} to {plain(high)})"
    return with_interval(kappa, low, high, digits)


def _number(text: object) -> float:
    """A rate as a float; NaN for an undefined one (NaN, or empty as the CSV stores it)."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def _rates(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "items": rows["n"].astype(int),
        "annotated yes": rows["gold_positive"].astype(int),
        "extracted yes": rows["predicted_positive"].astype(int),
        "both": rows["tp"].astype(int),
        "precision (95% CI)": [with_interval(*v) for v in rows[["precision", "precision_low", "precision_high"]].values],
        "recall (95% CI)": [with_interval(*v) for v in rows[["recall", "recall_low", "recall_high"]].values],
        "F1 (95% CI)": [with_interval(*v) for v in rows[["f1", "f1_low", "f1_high"]].values],
    })


def headline_table(scores: pd.DataFrame, measures: list[tuple[str, str, str]]) -> pd.DataFrame:
    """One row per ``(task, measure, label)`` that exists in ``scores``, indexed by a readable
    ``extractor: measure`` name."""
    rows, names = [], []
    for task, measure, label in measures:
        row = _row(scores, task, measure, label)
        if row is not None:
            rows.append(row)
            names.append(f"{TASK_NAMES.get(task, task)}: {measure}"
                         + ("" if label in ("any", "all", "pairs", "places") else f" ({label})"))
    table = _rates(pd.DataFrame(rows)) if rows else _rates(scores.iloc[:0])
    table.index = pd.Index(names, name="extractor and measure")
    return table


def clustered_table(scores: pd.DataFrame, measures: list[tuple[str, str, str]]) -> pd.DataFrame:
    """For the rows of :func:`headline_table`: precision and recall with the Wilson interval
    (items as independent draws) beside the bootstrap interval that resamples paragraphs."""
    headline = headline_table(scores, measures)
    found = [row for row in (_row(scores, *m) for m in measures) if row is not None]
    if not found:
        return pd.DataFrame(columns=["paragraphs"] + [f"{rate}, {how}" for rate in ("precision", "recall")
                                                      for how in ("items (Wilson)", "paragraphs resampled")],
                            index=headline.index)
    rows = pd.DataFrame(found)
    table = pd.DataFrame({"paragraphs": rows["n_clusters"].astype(int).to_numpy()}, index=headline.index)
    for rate in ("precision", "recall"):
        table[f"{rate}, items (Wilson)"] = headline[f"{rate} (95% CI)"].to_numpy()
        table[f"{rate}, paragraphs resampled"] = [
            with_interval(*v) for v in rows[[rate, f"{rate}_cluster_low", f"{rate}_cluster_high"]].values]
    return table


def widest_cluster_shift(scores: pd.DataFrame, measures: list[tuple[str, str, str]]) -> float:
    """The largest difference between a Wilson bound and the matching paragraph-bootstrap bound
    over ``measures`` (rates of 1, whose bootstrap interval is a point, left out)."""
    shifts = []
    for measure in measures:
        row = _row(scores, *measure)
        if row is None:
            continue
        for rate in ("precision", "recall"):
            if _number(row[rate]) < 1:
                shifts += [abs(_number(row[f"{rate}_{end}"]) - _number(row[f"{rate}_cluster_{end}"]))
                           for end in ("low", "high")]
    return max(shifts) if shifts else math.nan


def _row(scores: pd.DataFrame, task: str, measure: str, label: str) -> pd.Series | None:
    found = scores[(scores["task"] == task) & (scores["measure"] == measure) & (scores["label"] == label)]
    return found.iloc[0] if len(found) else None


def code_table(scores: pd.DataFrame, task: str, measure: str, labels: dict[str, str] | None = None
               ) -> pd.DataFrame:
    """The per-code rows of one task's measure, codes renamed with ``labels`` where given, else
    named by :func:`policytext.report.labels.code_name`."""
    rows = scores[(scores["task"] == task) & (scores["measure"] == measure)]
    table = _rates(rows)
    table.index = pd.Index([(labels or {}).get(c, code_name(c)) for c in rows["label"]], name="code")
    return table


def agreement_table(agreement: pd.DataFrame) -> pd.DataFrame:
    """Kappa and raw agreement per task and label, with the two annotations compared."""
    table = pd.DataFrame({
        "annotations compared": [f"{ANNOTATION_NAMES.get(a, a)} – {ANNOTATION_NAMES.get(b, b)}"
                                 for a, b in zip(agreement["first"], agreement["second"])],
        "items both coded": agreement["n"].astype(int),
        "raw agreement": pd.to_numeric(agreement["agreement"]).map("{:.2f}".format),
        "Cohen's kappa (95% CI)": [kappa_text(row) for _, row in agreement.iterrows()],
    })
    table.index = pd.Index([f"{TASK_NAMES.get(t, t)}: {m}" + ("" if label == "any" else f" ({label.replace('_', ' ')})")
                            for t, m, label in zip(agreement["task"], agreement["measure"], agreement["label"])],
                           name="task and label")
    return table


def examples(disagreements: pd.DataFrame, task: str, measure: str, label: str, annotation: str,
             n: int = 4, width: int = 70) -> pd.DataFrame:
    """The first ``n`` items of one kind of disagreement (``annotation`` yes: the extractor
    missed it; no: the extractor added it), the text cut to ``width`` characters."""
    rows = disagreements[(disagreements["task"] == task) & (disagreements["measure"] == measure)
                         & (disagreements["label"] == label) & (disagreements["annotation"] == annotation)]
    rows = rows.drop_duplicates("item_id").head(n)
    text = [t if len(t) <= width else t[:width - 1] + "…" for t in rows["text"]]
    return pd.DataFrame({"text": text}, index=pd.Index(rows["item_id"], name="item"))


def score(scores: pd.DataFrame, task: str, measure: str, label: str) -> pd.Series:
    """One row of ``validation_scores``."""
    found = scores[(scores["task"] == task) & (scores["measure"] == measure) & (scores["label"] == label)]
    if found.empty:
        raise KeyError(f"no score for {task} / {measure} / {label}")
    return found.iloc[0]


def heldout_precision_drops(scores: pd.DataFrame, heldout_scores: pd.DataFrame) -> dict[str, tuple[float, float, float]]:
    """Per annotation of the held-out sentences (``talent_heldout_scores``), the talent
    extractor's precision on the seeds (against their first blind annotation,
    ``validation_scores``) minus its precision on the held-out sentences, with Newcombe's 95%
    interval."""
    seeds = score(scores, "talent", "sentence reports a measure", "any")
    precision = heldout_scores[heldout_scores["measure"] == "precision"]
    return {str(row["annotation"]): difference_interval((int(seeds["tp"]), int(seeds["predicted_positive"])),
                                                        (int(float(row["successes"])), int(float(row["trials"]))))
            for _, row in precision.iterrows()}


def numeric(scores: pd.DataFrame) -> pd.DataFrame:
    """``scores`` with its rate columns as floats (an undefined rate, stored empty, is NaN)."""
    rates = [c for c in scores.columns if c.startswith(("precision", "recall", "f1"))]
    return scores.assign(**{c: pd.to_numeric(scores[c], errors="coerce") for c in rates})


def segmentation_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Each segmenter on each gold set: precision, recall and F1 with their intervals."""
    table = pd.DataFrame({rate.replace("f1", "F1"): [with_interval(*v) for v in
                                                     scores[[rate, f"{rate}_low", f"{rate}_high"]].values]
                          for rate in ("precision", "recall", "f1")})
    table.index = pd.MultiIndex.from_arrays([scores["gold_set"], scores["segmenter"]],
                                            names=["reference set", "segmenter"])
    return table


def segmentation_examples(disagreements: pd.DataFrame, gold_set: str, segmenter: str,
                          n: int = 6) -> pd.DataFrame:
    """The first ``n`` sentences where ``segmenter`` and ``gold_set`` differ: the words only the
    reference set has (headed *silver set only* for a set whose name says it is silver) and the
    words only the segmenter has, separated by :data:`WORD_BOUNDARY` (a space between Chinese
    characters does not show in print, so 一 个 and 一个 would look alike)."""
    rows = disagreements[(disagreements["gold_set"] == gold_set)
                         & (disagreements["segmenter"] == segmenter)].head(n)
    reference = "silver set" if "silver" in gold_set else "gold set"
    return pd.DataFrame({f"{reference} only": [boundaries_shown(w) for w in rows["gold_only"]],
                         f"{segmenter} only": [boundaries_shown(w) for w in rows["segmenter_only"]]},
                        index=pd.Index(rows["source"], name="sentence"))


#: How a word boundary is shown in a segmentation example.
WORD_BOUNDARY = " | "


def boundaries_shown(words: str) -> str:
    """Space-separated words with each boundary drawn as :data:`WORD_BOUNDARY`."""
    return WORD_BOUNDARY.join(str(words).split())


def kappa_between(agreement: pd.DataFrame, task: str, measure: str, label: str,
                  second: str) -> str:
    """Cohen's kappa of one row of ``validation_agreement`` (the comparison with ``second``),
    with its interval."""
    found = agreement[(agreement["task"] == task) & (agreement["measure"] == measure)
                      & (agreement["label"] == label) & (agreement["second"] == second)]
    if found.empty:
        raise KeyError(f"no agreement for {task} / {measure} / {label} with {second}")
    return kappa_text(found.iloc[0])


def heldout_table(scores: pd.DataFrame) -> pd.DataFrame:
    """The held-out scores of the talent extractor (``talent_heldout_scores``), one row per
    measure, one column per annotation: the rate with its interval and the counts it rests on."""
    columns = {}
    for annotation, rows in scores.groupby("annotation", sort=False):
        rows = rows.set_index("measure")
        columns[f"{annotation} blind (95% CI)"] = [with_interval(*v) for v in rows[["value", "low", "high"]].values]
        columns[f"{annotation} blind, of"] = [f"{int(s)} of {int(t)}" if not math.isnan(_number(t)) else "estimate"
                                              for s, t in rows[["successes", "trials"]].values]
    measures = list(dict.fromkeys(scores["measure"]))
    return pd.DataFrame(columns, index=pd.Index(measures, name="measure"))


def rate_text(row: pd.Series, rate: str, digits: int = 2) -> str:
    """A rate of a scores row (``rate``, ``rate_low``, ``rate_high``) with its interval."""
    return with_interval(row[rate], row[f"{rate}_low"], row[f"{rate}_high"], digits)


def cluster_rate_text(row: pd.Series, rate: str, digits: int = 2) -> str:
    """A pooled rate of a scores row with the interval that resamples items, not item-code pairs
    (``rate_cluster_low``, ``rate_cluster_high``)."""
    return with_interval(row[rate], row[f"{rate}_cluster_low"], row[f"{rate}_cluster_high"], digits)


#: The counts of a ``validation_scores`` row a chapter pastes.
SCORE_COUNTS = ("n", "gold_positive", "predicted_positive", "tp", "fp", "fn")


def score_texts(scores: pd.DataFrame, prefix: str, task: str, measure: str, label: str,
                rates: tuple[str, ...] = ("precision", "recall", "f1"),
                counts: tuple[str, ...] = SCORE_COUNTS) -> dict[str, object]:
    """The values a chapter glues for one row of ``validation_scores``: ``{prefix}_{rate}`` with
    its interval for each of ``rates`` and ``{prefix}_{count}`` for each of ``counts``."""
    row = score(scores, task, measure, label)
    return ({f"{prefix}_{rate}": rate_text(row, rate) for rate in rates}
            | {f"{prefix}_{count}": int(row[count]) for count in counts})


def venue_v2_table(scores: pd.DataFrame, agreement: pd.DataFrame) -> pd.DataFrame:
    """The venue-only decision under the two versions of the guideline: the kappa of the two
    blind annotations of each version (``venue_v2_agreement`` by guideline), and the extractor's
    precision and recall against each version-2 annotation (``venue_v2_scores`` by annotation)."""
    rows = {f"{version}: the two annotations agree (kappa)": [kappa_text(row), int(row["n"])]
            for version, row in agreement.iterrows()}
    for annotation, row in scores.iterrows():
        for rate in ("precision", "recall"):
            rows[f"extractor against the {annotation} version-2 annotation: {rate}"] = [
                rate_text(row, rate), int(row["items"])]
    return pd.DataFrame.from_dict(rows, orient="index", columns=["value (95% CI)", "items"]).rename_axis("measure")


def code_score(scores: pd.DataFrame, annotation: str, dimension: str, code: str,
               scope: str = "learning sentences", guideline: int | None = None) -> pd.Series:
    """One row of ``learning_code_scores`` (``guideline``: the version annotated under, by
    default the latest scored)."""
    guideline = latest_version(scores) if guideline is None else guideline
    found = scores[(scores["guideline"] == guideline) & (scores["annotation"] == annotation)
                   & (scores["scope"] == scope) & (scores["dimension"] == dimension) & (scores["code"] == code)]
    if found.empty:
        raise KeyError(f"no learning-code score for version {guideline} / {annotation} / {scope} / "
                       f"{dimension} / {code}")
    return found.iloc[0]


def learning_code_table(scores: pd.DataFrame, agreement: pd.DataFrame, labels: dict[str, str],
                        scope: str = "learning sentences", pooled: str = "all codes",
                        guideline: int | None = None) -> pd.DataFrame:
    """The learning codes against the blind annotations under one ``guideline`` version (by
    default the latest scored), one row per dimension and code (``labels``: a code's English
    name; the ``pooled`` row keeps its own): the sentences whose terms the code list finds, the sentences each annotation codes,
    precision and recall against the first annotation (Wilson intervals; for a pooled row,
    intervals that resample sentences) and the kappa of the two annotations ("–" without a
    second)."""
    guideline = latest_version(scores) if guideline is None else guideline
    kappas = agreement[agreement["guideline"] == guideline].set_index(["dimension", "code"])
    scores = scores[(scores["scope"] == scope) & (scores["guideline"] == guideline)]
    rows = {}
    for (dimension, code), pair in scores.groupby(["dimension", "code"], sort=False):
        first = pair.iloc[0]  # the first annotation's row comes first
        rate = cluster_rate_text if code == pooled else rate_text
        rows[(dimension, labels.get(code, code))] = {
            "found by terms": int(first["predicted_positive"]),
            "annotated (first, second)": ", ".join(str(int(v)) for v in pair["gold_positive"]),
            "precision (95% CI)": rate(first, "precision"),
            "recall (95% CI)": rate(first, "recall"),
            "kappa of the two annotations (same model)": (kappa_text(kappas.loc[(dimension, code)])
                                         if (dimension, code) in kappas.index else "–"),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(["dimension", "code"])


def code_kappa(agreement: pd.DataFrame, dimension: str, code: str, guideline: int) -> str:
    """Cohen's kappa of one row of ``learning_code_agreement`` with its interval; "–" where the
    version has no second annotation."""
    found = agreement[(agreement["guideline"] == guideline) & (agreement["dimension"] == dimension)
                      & (agreement["code"] == code)]
    return kappa_text(found.iloc[0]) if len(found) else "–"


def learning_code_versions(scores: pd.DataFrame, agreement: pd.DataFrame, scope: str = "learning sentences",
                           pooled: str = "all codes") -> pd.DataFrame:
    """The learning codes under each guideline version side by side, per dimension pooled over
    its codes: precision and recall against the version's first annotation and the kappa of its
    two annotations, with intervals that resample sentences."""
    table = {}
    for dimension in scores.loc[scores["code"] == pooled, "dimension"].drop_duplicates():
        for version in sorted(scores["guideline"].unique()):
            row = code_score(scores, "first", dimension, pooled, scope, guideline=version)
            table.setdefault((dimension, "precision"), {})[f"version {version}"] = cluster_rate_text(row, "precision")
            table.setdefault((dimension, "recall"), {})[f"version {version}"] = cluster_rate_text(row, "recall")
            table.setdefault((dimension, "kappa of the two annotations (same model)"), {})[f"version {version}"] = code_kappa(
                agreement, dimension, pooled, version)
    return pd.DataFrame.from_dict(table, orient="index").rename_axis(["dimension", "measure"])


def revision_table(scores: pd.DataFrame, agreement: pd.DataFrame, versions: dict[str, str],
                   rows: list[tuple[str, str]]) -> pd.DataFrame:
    """An extractor against the blind annotations of several versions of its guideline
    (``versions``: the tasks of ``validation_scores`` and the name of each version): per measure
    and label of ``rows`` and per version, precision and recall against the version's first
    annotation and the kappa of its two annotations."""
    table = {}
    for measure, label in rows:
        name = f"{measure} ({label})" if label not in ("any",) else measure
        for task, version in versions.items():
            row = score(scores, task, measure, label)
            try:
                both = kappa_between(agreement, task, measure, label, SECOND)
            except KeyError:  # a version annotated once
                both = "–"
            table[(name, version)] = {"precision (95% CI)": rate_text(row, "precision"),
                                      "recall (95% CI)": rate_text(row, "recall"),
                                      "kappa of the two annotations (same model)": both}
    return pd.DataFrame.from_dict(table, orient="index").rename_axis(["measure", "guideline"])
