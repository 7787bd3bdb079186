"""Dictionary themes: load the YAML theme dictionaries in ``data/lexicons/themes``, find their terms in
paragraphs (Aho-Corasick, longest non-overlapping matches), score paragraphs and documents, and
check the scoring against hand labels and against the removal of each theme's top terms.

A theme file follows cntext's dictionary layout with English glosses::

    name: talent_policy
    label: Talent policy (人才政策)
    description: ...
    references: [...]
    categories:
      recruit:
        label: Recruit and attract (引才)
        terms:
          - {term: 引才, gloss: recruiting talent}
"""
from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

import numpy as np
import pandas as pd
import yaml

from policytext import paths, tables as derived
from policytext.analysis.dispersion import occurrence_dispersion
from policytext.analysis.vocabulary import analysable_paragraphs
from policytext.text.matching import TermMatcher
from policytext.validation.metrics import bootstrap_interval, wilson

#: Fields every theme file, category and term entry must have (and may not go beyond).
THEME_FIELDS = ("name", "label", "description", "references", "categories")
CATEGORY_FIELDS = ("label", "terms")
TERM_FIELDS = ("term", "gloss")

#: Reading order of the themes in tables and figures: the three mission themes first.
THEME_ORDER = ("learning_from_shenzhen", "talent_policy", "regional_integration",
               "industry_productivity", "party_political_study", "cadre_work")

#: Short English names of the themes for axes and tables.
SHORT_NAMES = {"learning_from_shenzhen": "learning", "talent_policy": "talent",
               "regional_integration": "integration", "industry_productivity": "industry",
               "party_political_study": "party study", "cadre_work": "cadres"}

#: Dominant-theme labels for paragraphs without a clear leader.
NO_THEME, MIXED = "none", "mixed"

#: Lowest score (matches per hundred characters) of a paragraph's dominant theme.
MIN_SCORE = 0.5

#: A theme is *present* in a paragraph when it has at least one match and at least this share of
#: the paragraph's theme matches. Chosen on the ``tune`` half of the hand labels (0 counts any
#: match); the ``holdout`` half was not used to choose it.
PRESENCE_MIN_SHARE = 0.2

#: Regional-integration terms added after the holdout half of the hand labels had been scored,
#: because the integration chapter found them missing from the dictionary in its outcome
#: sentences (``000:69``, ``001:21``, ``001:75``). The hand labels played no part in the choice.
ADDED_AFTER_VALIDATION = ("深中通办", "一网通办", "互认", "公积金", "医保", "航线", "组合港", "基层治理")

#: Political formulae of the dictionaries and the month they were first used, so that an article
#: published earlier cannot contain them: Xi Jinping first raised 新质生产力 ("new quality
#: productive forces") in September 2023, on an inspection tour of Heilongjiang.
FIRST_USED = {"新质生产力": "2023-09"}

#: Columns of the term table returned by :func:`load_themes`.
TERM_COLUMNS = ["theme", "category", "term", "gloss", "theme_label", "category_label"]

#: Ordinal words of ranks, for the prose.
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


class ThemeDictionaryError(ValueError):
    """A theme file that cannot be read, lacks a field, or repeats a term."""


def themes_dir() -> Path:
    """``data/lexicons/themes`` of the project."""
    return paths.themes_dir()


def labels_path() -> Path:
    """The hand-labelled validation sample, ``data/annotations/theme_labels.csv``."""
    return paths.annotation_path("theme_labels.csv")


# ---------------------------------------------------------------- loading

def _require(mapping: object, fields: Sequence[str], where: str, path: Path) -> dict:
    if not isinstance(mapping, dict):
        raise ThemeDictionaryError(f"{path.name}: {where} must be a mapping, got {type(mapping).__name__}")
    missing = [f for f in fields if mapping.get(f) in (None, "", [], {})]
    extra = sorted(set(map(str, mapping)) - set(fields))
    if missing:
        raise ThemeDictionaryError(f"{path.name}: {where} lacks {', '.join(missing)}")
    if extra:
        raise ThemeDictionaryError(f"{path.name}: {where} has unknown field(s) {', '.join(extra)} "
                                   "(quote a gloss that contains a comma)")
    return mapping


def read_theme_file(path: Path) -> pd.DataFrame:
    """The terms of one theme file (columns :data:`TERM_COLUMNS`), validated.

    Raises :class:`ThemeDictionaryError` naming the file for malformed YAML, a missing or unknown
    field, a name that differs from the file name, or a term listed twice.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ThemeDictionaryError(f"{path.name}: not valid YAML ({error})") from error
    data = _require(data, THEME_FIELDS, "the file", path)
    if data["name"] != path.stem:
        raise ThemeDictionaryError(f"{path.name}: name {data['name']!r} differs from the file name")
    if not isinstance(data["references"], list):
        raise ThemeDictionaryError(f"{path.name}: references must be a list")
    if not isinstance(data["categories"], dict):
        raise ThemeDictionaryError(f"{path.name}: categories must be a mapping of name -> category")
    rows, seen = [], {}
    for category, body in data["categories"].items():
        body = _require(body, CATEGORY_FIELDS, f"category {category!r}", path)
        for entry in body["terms"]:
            entry = _require(entry, TERM_FIELDS, f"a term of category {category!r}", path)
            term = str(entry["term"]).strip()
            if term in seen:
                raise ThemeDictionaryError(f"{path.name}: term {term!r} listed twice "
                                           f"(categories {seen[term]!r} and {category!r})")
            seen[term] = category
            rows.append((data["name"], str(category), term, str(entry["gloss"]).strip(),
                         str(data["label"]), str(body["label"])))
    return pd.DataFrame(rows, columns=TERM_COLUMNS)


def theme_files(folder: Path | None = None) -> list[Path]:
    """The ``*.yml`` theme files of ``folder`` (default :func:`themes_dir`), sorted by name."""
    folder = themes_dir() if folder is None else Path(folder)
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise ThemeDictionaryError(f"no theme files (*.yml) in {folder}")
    return files


def load_themes(folder: Path | None = None) -> pd.DataFrame:
    """All terms of all theme files in ``folder``, one row per term, in :data:`THEME_ORDER`.

    A term may belong to one theme only (matching assigns each string to one theme); a term found
    in two files raises :class:`ThemeDictionaryError` naming both.
    """
    frames, owner = [], {}
    for path in theme_files(folder):
        frame = read_theme_file(path)
        for term in frame["term"]:
            if term in owner:
                raise ThemeDictionaryError(f"{path.name}: term {term!r} is also in {owner[term]}")
            owner[term] = path.name
        frames.append(frame)
    terms = pd.concat(frames, ignore_index=True)
    order = {t: i for i, t in enumerate(ordered_themes(terms["theme"].unique()))}
    return terms.sort_values("theme", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def ordered_themes(themes: Iterable[str]) -> list[str]:
    """``themes`` in :data:`THEME_ORDER`, unknown ones after it alphabetically."""
    themes = set(themes)
    return [t for t in THEME_ORDER if t in themes] + sorted(themes - set(THEME_ORDER))


# ---------------------------------------------------------------- matching

class ThemeMatcher:
    """Finds dictionary terms in text: leftmost-longest, non-overlapping (so 人才驿站 is one
    match of 人才驿站, not also one of 人才); see :mod:`policytext.text.matching`."""

    def __init__(self, terms: pd.DataFrame):
        self.matcher = TermMatcher({term: (theme, category) for term, theme, category
                                    in zip(terms["term"], terms["theme"], terms["category"])})

    def find(self, text: str) -> list[tuple[int, str, str, str]]:
        """``(start, term, theme, category)`` for each match in ``text``, left to right."""
        return [(match.start, match.term, *match.payload) for match in self.matcher.find(text)]


def match_paragraphs(paragraphs: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """One row per match: para_id, doc_id, start, term, theme, category (in text order)."""
    matcher = ThemeMatcher(terms)
    rows = [(para_id, doc_id, *match)
            for para_id, doc_id, text in zip(paragraphs["para_id"], paragraphs["doc_id"], paragraphs["text"])
            for match in matcher.find(text)]
    return pd.DataFrame(rows, columns=["para_id", "doc_id", "start", "term", "theme", "category"])


class TermHits(NamedTuple):
    """The matches of a term table in paragraphs as codes, one entry per match in text order:
    ``row`` (position of the paragraph), ``term`` (code of the term string in ``terms``)."""

    row: np.ndarray
    term: np.ndarray


def _term_codes(terms: pd.DataFrame) -> tuple[np.ndarray, pd.Index]:
    """Per row of ``terms`` the code of its term string, and the strings (code -> term)."""
    codes, strings = pd.factorize(terms["term"])
    return codes, pd.Index(strings)


def find_terms(paragraphs: pd.DataFrame, terms: pd.DataFrame, rows: Sequence[int] | None = None) -> TermHits:
    """The matches of ``terms`` in ``paragraphs`` (only the paragraph positions ``rows`` if given)
    as codes (:class:`TermHits`); the same matches as :func:`match_paragraphs`."""
    return _find_in_texts(paragraphs["text"].to_numpy(), terms, rows)


def _find_in_texts(texts: np.ndarray, terms: pd.DataFrame, rows: Sequence[int] | None = None) -> TermHits:
    """:func:`find_terms` in the paragraph ``texts``."""
    codes, strings = _term_codes(terms)
    matcher = TermMatcher({strings[code]: code for code in codes})
    rows = range(len(texts)) if rows is None else rows
    found_rows, found_terms = [], []
    for row in rows:
        for match in matcher.find(texts[row]):
            found_rows.append(row)
            found_terms.append(match.payload)
    return TermHits(np.asarray(found_rows, dtype=np.intp), np.asarray(found_terms, dtype=np.intp))


def _term_themes(terms: pd.DataFrame, themes: Sequence[str]) -> np.ndarray:
    """Per term code the position of its theme in ``themes`` (-1 if not there); a term string
    listed twice takes the theme of its last row, as in :class:`ThemeMatcher`."""
    codes, strings = _term_codes(terms)
    where = {theme: i for i, theme in enumerate(themes)}
    result = np.full(len(strings), -1, dtype=np.intp)
    for code, theme in zip(codes, terms["theme"]):
        result[code] = where.get(theme, -1)
    return result


def _count_matrix(groups: np.ndarray, columns: np.ndarray, n_groups: int, n_columns: int) -> np.ndarray:
    """``n_groups`` x ``n_columns`` counts of the (group, column) pairs; pairs with a negative
    code are left out."""
    keep = (groups >= 0) & (columns >= 0)
    flat = np.bincount(groups[keep] * n_columns + columns[keep], minlength=n_groups * n_columns)
    return flat.astype(np.int64).reshape(n_groups, n_columns)


def _counts_frame(paragraphs: pd.DataFrame, para_ids: pd.Series | np.ndarray, themes: Sequence[str],
                  match_themes: np.ndarray) -> pd.DataFrame:
    """Matches per paragraph and theme, given each match's ``para_ids`` and theme position."""
    index = pd.Index(paragraphs["para_id"])
    unique = index.unique()
    counts = _count_matrix(unique.get_indexer(para_ids), match_themes, len(unique), len(themes))
    counts = counts[unique.get_indexer(index)] if len(unique) != len(index) else counts
    return pd.DataFrame(counts, index=index, columns=list(themes))


def theme_counts(paragraphs: pd.DataFrame, matches: pd.DataFrame, themes: Sequence[str]) -> pd.DataFrame:
    """Matches per paragraph (rows, ``para_id`` index in the order of ``paragraphs``) and theme."""
    theme_codes = pd.Index(list(themes)).get_indexer(matches["theme"])
    return _counts_frame(paragraphs, matches["para_id"].to_numpy(), themes, theme_codes)


def _hit_counts(paragraphs: pd.DataFrame, terms: pd.DataFrame, hits: TermHits,
                themes: Sequence[str]) -> pd.DataFrame:
    """:func:`theme_counts` of the matches ``hits`` of ``terms``."""
    para_ids = paragraphs["para_id"].to_numpy()[hits.row]
    return _counts_frame(paragraphs, para_ids, themes, _term_themes(terms, themes)[hits.term])


def theme_scores(counts: pd.DataFrame, n_chars: Sequence[int]) -> pd.DataFrame:
    """Matches per 100 characters (same shape as ``counts``)."""
    length = pd.Series(list(n_chars), index=counts.index).clip(lower=1)
    return counts.mul(100, axis=0).div(length, axis=0)


def dominant_theme(scores: pd.DataFrame, min_score: float = MIN_SCORE) -> pd.Series:
    """Per row the theme with the highest score; :data:`NO_THEME` when the best score is below
    ``min_score`` (or zero), :data:`MIXED` when two themes tie for the top."""
    best = scores.max(axis=1)
    top = scores.idxmax(axis=1).where(scores.eq(best, axis=0).sum(axis=1) == 1, MIXED)
    return top.where((best > 0) & (best >= min_score), NO_THEME).rename("dominant_theme")


def paragraph_table(paragraphs: pd.DataFrame, terms: pd.DataFrame, min_score: float = MIN_SCORE,
                    theme_names: Sequence[str] | None = None, hits: TermHits | None = None) -> pd.DataFrame:
    """Per paragraph: IDs, kind, length, matches and score per theme, total and dominant theme.

    ``theme_names`` (default: the themes of ``terms``) keeps a column for a theme left without terms;
    ``hits`` are the matches of ``terms`` in ``paragraphs`` if already found (:func:`find_terms`).
    """
    themes = ordered_themes(terms["theme"].unique() if theme_names is None else theme_names)
    hits = find_terms(paragraphs, terms) if hits is None else hits
    counts = _hit_counts(paragraphs, terms, hits, themes)
    scores = theme_scores(counts, paragraphs["n_chars"])
    table = paragraphs[["para_id", "doc_id", "para_no", "kind", "n_chars"]].set_index("para_id")
    table = table.join(counts.add_prefix("n_")).join(scores.round(3).add_prefix("score_"))
    table["n_matches"] = counts.sum(axis=1)
    table["dominant_theme"] = dominant_theme(scores, min_score)
    return table.reset_index()


def count_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The ``n_<theme>`` columns of a paragraph table, renamed to the theme names."""
    columns = [c for c in table.columns if c.startswith("n_") and c not in ("n_chars", "n_matches")]
    return table.set_index("para_id")[columns].rename(columns=lambda c: c[2:])


# ---------------------------------------------------------------- documents, time, co-occurrence

def document_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Per document and theme: matches, matches per 1,000 characters, share of the document's
    theme matches, and the theme's rank in the document (1 = highest share)."""
    counts = count_columns(table).groupby(table.set_index("para_id")["doc_id"]).sum()
    return _shares_of_counts(counts, table.groupby("doc_id")["n_chars"].sum())


def _shares_of_counts(counts: pd.DataFrame, chars: pd.Series) -> pd.DataFrame:
    """:func:`document_shares` of the matches per document (rows) and theme (columns) and the
    characters per document (``chars``, same index)."""
    long = counts.stack().rename("n_matches").reset_index().rename(columns={"level_1": "theme"})
    long.columns = ["doc_id", "theme", "n_matches"]
    long["per_1000_chars"] = (long["n_matches"] * 1000 / long["doc_id"].map(chars)).round(3)
    totals = long.groupby("doc_id")["n_matches"].transform("sum").clip(lower=1)
    long["share"] = (long["n_matches"] / totals).round(4)
    long["rank"] = long.groupby("doc_id")["n_matches"].rank(method="min", ascending=False).astype(int)
    return long.sort_values(["doc_id", "rank", "theme"]).reset_index(drop=True)


def share_matrix(shares: pd.DataFrame, value: str = "share") -> pd.DataFrame:
    """Documents (rows) x themes (columns, in :data:`THEME_ORDER`) of one column of ``shares``."""
    wide = shares.pivot(index="doc_id", columns="theme", values=value)
    return wide[ordered_themes(wide.columns)]


def top_theme(shares: pd.DataFrame) -> pd.Series:
    """Per document the theme with the most matches; :data:`MIXED` when two or more tie,
    :data:`NO_THEME` when there is no match."""
    return dominant_theme(share_matrix(shares, "n_matches"), min_score=0).rename("top_theme")


def themes_over_time(shares: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Document shares with each document's publication date, ordered by date then theme."""
    dates = documents.set_index("doc_id")["date"]
    timed = shares.assign(date=shares["doc_id"].map(dates))
    return timed.sort_values(["date", "doc_id", "theme"]).reset_index(drop=True)


def presence(table: pd.DataFrame, min_share: float = PRESENCE_MIN_SHARE) -> pd.DataFrame:
    """Paragraphs (``para_id`` index) x themes: True where the theme has a match and at least
    ``min_share`` of the paragraph's theme matches."""
    counts = count_columns(table)
    shares = counts.div(counts.sum(axis=1).clip(lower=1), axis=0)
    return (counts >= 1) & (shares >= min_share)


def cooccurrence(table: pd.DataFrame, min_share: float = PRESENCE_MIN_SHARE) -> pd.DataFrame:
    """Pairs of themes present (:func:`presence`) in the same paragraph: number of paragraphs
    with both, with each, and the Jaccard overlap; sorted by shared paragraphs."""
    present = presence(table, min_share)
    rows = []
    for first, second in combinations(present.columns, 2):
        both = int((present[first] & present[second]).sum())
        either = int((present[first] | present[second]).sum())
        rows.append((first, second, both, int(present[first].sum()), int(present[second].sum()),
                     round(both / either, 4) if either else 0.0))
    frame = pd.DataFrame(rows, columns=["theme_a", "theme_b", "n_both", "n_a", "n_b", "jaccard"])
    return frame.sort_values(["n_both", "theme_a", "theme_b"], ascending=[False, True, True]).reset_index(drop=True)


def dominant_by_document(table: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs of each document (rows) by dominant theme (columns: the themes of
    :data:`THEME_ORDER`, then :data:`MIXED` and :data:`NO_THEME`, each where it occurs)."""
    dominant = pd.crosstab(table["doc_id"], table["dominant_theme"])
    columns = [t for t in THEME_ORDER if t in dominant.columns] + [
        c for c in (MIXED, NO_THEME) if c in dominant.columns]
    return dominant[columns]


def cooccurrence_matrix(pairs: pd.DataFrame, value: str = "n_both") -> pd.DataFrame:
    """Symmetric theme x theme matrix of ``value`` from :func:`cooccurrence` (diagonal empty)."""
    themes = ordered_themes(set(pairs["theme_a"]) | set(pairs["theme_b"]))
    matrix = pd.DataFrame(float("nan"), index=themes, columns=themes)
    for a, b, v in zip(pairs["theme_a"], pairs["theme_b"], pairs[value]):
        matrix.loc[a, b] = matrix.loc[b, a] = v
    return matrix


# ---------------------------------------------------------------- term use

def term_table(terms: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The dictionary with each term's matches in ``paragraphs``, its number of documents and
    how its matches spread over them (:func:`policytext.analysis.dispersion.occurrence_dispersion`
    with the documents sized by their characters: dp_norm, top_doc, top_share, concentrated);
    sorted by theme (:data:`THEME_ORDER`), then matches (descending), then term."""
    return _term_table(terms, paragraphs, find_terms(paragraphs, terms))


def _term_table(terms: pd.DataFrame, paragraphs: pd.DataFrame, hits: TermHits) -> pd.DataFrame:
    """:func:`term_table` of the matches ``hits`` of ``terms`` in ``paragraphs``."""
    codes, strings = _term_codes(terms)
    docs, _ = pd.factorize(paragraphs["doc_id"].to_numpy()[hits.row])
    n_matches = np.bincount(hits.term, minlength=len(strings))
    n_docs = max(int(docs.max()) + 1 if len(docs) else 1, 1)
    pairs = np.unique(hits.term[docs >= 0] * n_docs + docs[docs >= 0])  # (term, document) pairs
    docs_per_term = np.bincount(pairs // n_docs, minlength=len(strings))
    table = terms.assign(n_matches=n_matches[codes].astype(int), n_docs=docs_per_term[codes].astype(int))
    # how the matches spread over the documents, each sized by its characters
    matches = pd.DataFrame({"term": strings.to_numpy()[hits.term],
                            "doc_id": paragraphs["doc_id"].to_numpy()[hits.row]})
    sizes = paragraphs["text"].str.len().groupby(paragraphs["doc_id"]).sum()
    spread = occurrence_dispersion(matches, sizes)
    table = table.assign(dp_norm=table["term"].map(spread["dp_norm"]).round(4),
                         top_doc=table["term"].map(spread["top_doc"]).fillna(""),
                         top_share=table["term"].map(spread["top_share"]).fillna(0.0).round(4),
                         concentrated=table["term"].map(spread["concentrated"]).fillna(False).astype(bool))
    order = {t: i for i, t in enumerate(ordered_themes(table["theme"].unique()))}
    table = table.assign(_order=table["theme"].map(order))
    return (table.sort_values(["_order", "n_matches", "term"], ascending=[True, False, True])
            .drop(columns="_order").reset_index(drop=True))


def dictionary_summary(terms_used: pd.DataFrame, examples: int = 2) -> pd.DataFrame:
    """Per theme and category: number of terms, terms found in the corpus, and the most frequent
    ``examples`` terms with their glosses (from :func:`term_table`)."""
    rows = []
    for (theme, category), group in terms_used.groupby(["theme", "category"], sort=False):
        top = group.sort_values(["n_matches", "term"], ascending=[False, True]).head(examples)
        rows.append((theme, category, len(group), int((group["n_matches"] > 0).sum()),
                     "; ".join(f"{t} ({g})" for t, g in zip(top["term"], top["gloss"]))))
    return pd.DataFrame(rows, columns=["theme", "category", "n_terms", "n_found", "examples"])


# ---------------------------------------------------------------- validation

def read_labels(path: Path | None = None) -> pd.DataFrame:
    """Hand labels: para_id, split, themes (a frozenset; the file separates them with ``;``), note."""
    path = labels_path() if path is None else Path(path)
    labels = derived.read_curated(path)
    labels["themes"] = labels["themes"].map(lambda s: frozenset(t.strip() for t in s.split(";") if t.strip()))
    return labels


def predicted_themes(table: pd.DataFrame, min_share: float = PRESENCE_MIN_SHARE) -> pd.Series:
    """Per paragraph the set of themes present (:func:`presence`)."""
    present = presence(table, min_share)
    return present.apply(lambda row: frozenset(row.index[row]), axis=1).rename("predicted")


def precision_recall(gold: Sequence[frozenset], predicted: Sequence[frozenset],
                     themes: Sequence[str]) -> pd.DataFrame:
    """Per theme: n (paragraphs), gold positives, predicted positives, true positives, precision
    and recall each with its Wilson 95% interval (``*_low``, ``*_high``), and F1 (empty when
    undefined)."""
    rows = []
    for theme in themes:
        in_gold = [theme in g for g in gold]
        in_pred = [theme in p for p in predicted]
        tp = sum(g and p for g, p in zip(in_gold, in_pred))
        n_gold, n_pred = sum(in_gold), sum(in_pred)
        precision = tp / n_pred if n_pred else float("nan")
        recall = tp / n_gold if n_gold else float("nan")
        f1 = 2 * tp / (n_gold + n_pred) if n_gold + n_pred else float("nan")
        rows.append((theme, len(in_gold), n_gold, n_pred, tp, precision, *wilson(tp, n_pred),
                     recall, *wilson(tp, n_gold), f1))
    return pd.DataFrame(rows, columns=["theme", "n", "n_gold", "n_predicted", "true_positives",
                                       "precision", "precision_low", "precision_high",
                                       "recall", "recall_low", "recall_high", "f1"])


def validation_table(labels: pd.DataFrame, table: pd.DataFrame,
                     min_share: float = PRESENCE_MIN_SHARE) -> pd.DataFrame:
    """Precision and recall of the dictionary themes against ``labels`` for each split
    (``tune``, ``holdout``) and for all labelled paragraphs together."""
    predicted = predicted_themes(table, min_share)
    missing = sorted(set(labels["para_id"]) - set(predicted.index))
    if missing:
        raise KeyError(f"labelled paragraphs not in the scored table: {', '.join(missing)}")
    themes = ordered_themes(count_columns(table).columns)
    frames = []
    for split, group in [*labels.groupby("split", sort=True), ("all", labels)]:
        frame = precision_recall(list(group["themes"]), list(predicted.loc[group["para_id"]]), themes)
        frames.append(frame.assign(split=split))
    result = pd.concat(frames, ignore_index=True)
    rates = ["precision", "precision_low", "precision_high", "recall", "recall_low", "recall_high", "f1"]
    result[rates] = result[rates].round(3)
    result.insert(0, "min_share", min_share)
    return result[["min_share", "split", *result.columns.drop(["split", "min_share"])]]


def macro_f1(frame: pd.DataFrame) -> float:
    """Mean F1 over the themes (rows) of a :func:`validation_table` selection."""
    return frame["f1"].mean()


def _labelled_sets(labels: pd.DataFrame, table: pd.DataFrame, min_share: float
                   ) -> tuple[list[frozenset], list[frozenset]]:
    predicted = predicted_themes(table, min_share)
    return list(labels["themes"]), list(predicted.loc[labels["para_id"]])


def _mean_f1(labels: pd.DataFrame, table: pd.DataFrame, min_share: float):
    """The mean F1 over the themes of the labelled paragraphs at positions ``index`` (a function
    of ``index``); a theme with neither a label nor a prediction there is left out of the mean."""
    gold, predicted = _labelled_sets(labels, table, min_share)
    themes = ordered_themes(count_columns(table).columns)
    in_gold = np.array([[t in g for t in themes] for g in gold], dtype=bool).reshape(len(gold), len(themes))
    in_pred = np.array([[t in p for t in themes] for p in predicted], dtype=bool).reshape(len(gold), len(themes))

    def mean_f1(index) -> float:
        g, p = in_gold[index], in_pred[index]
        both, total = (g & p).sum(axis=0), g.sum(axis=0) + p.sum(axis=0)
        defined = total > 0
        return float((2 * both[defined] / total[defined]).mean()) if defined.any() else float("nan")

    return mean_f1


def macro_f1_interval(labels: pd.DataFrame, table: pd.DataFrame,
                      min_share: float = PRESENCE_MIN_SHARE) -> tuple[float, float, float]:
    """Mean F1 over the themes on the paragraphs of ``labels``, and its 95% interval: a percentile
    bootstrap over paragraphs (the seed and resamples of :mod:`policytext.validation.metrics`);
    a theme that has neither a label nor a prediction in a resample is left out of its mean."""
    mean_f1 = _mean_f1(labels, table, min_share)
    return (mean_f1(np.arange(len(labels))), *bootstrap_interval(mean_f1, len(labels)))


def macro_f1_difference(labels: pd.DataFrame, table: pd.DataFrame, first_share: float,
                        second_share: float) -> tuple[float, float, float]:
    """How the mean F1 on the paragraphs of ``labels`` changes from the presence rule with
    ``first_share`` to the one with ``second_share`` (second minus first), with a paired
    percentile-bootstrap interval: both rules scored on each resample of the same paragraphs."""
    first, second = (_mean_f1(labels, table, share) for share in (first_share, second_share))
    whole = np.arange(len(labels))
    return (second(whole) - first(whole),
            *bootstrap_interval(lambda index: second(index) - first(index), len(labels)))


def dominant_agreement(labels: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Per split: labelled paragraphs, how many have a dominant theme among their hand labels
    (paragraphs labelled with no theme agree when the dominant theme is :data:`NO_THEME`), and
    the Wilson 95% interval of that share (``agree_low``, ``agree_high``)."""
    dominant = table.set_index("para_id")["dominant_theme"]
    agree = [(d == NO_THEME) if not gold else (d in gold)
             for gold, d in zip(labels["themes"], dominant.loc[labels["para_id"]])]
    frame = labels.assign(agree=agree)
    rows = [(split, len(g), int(g["agree"].sum()), *wilson(int(g["agree"].sum()), len(g))) for split, g in
            [*frame.groupby("split", sort=True), ("all", frame)]]
    return pd.DataFrame(rows, columns=["split", "n", "n_agree", "agree_low", "agree_high"])


def theme_errors(labels: pd.DataFrame, table: pd.DataFrame, theme: str,
                 min_share: float = PRESENCE_MIN_SHARE) -> pd.DataFrame:
    """The labelled paragraphs where the presence of ``theme`` and the hand labels differ:
    para_id, split and ``error`` (``missed``: labelled, not found; ``false alarm``: found, not
    labelled), in the order of ``labels``."""
    gold, predicted = _labelled_sets(labels, table, min_share)
    rows = [(pid, split, "missed" if theme in g else "false alarm")
            for pid, split, g, p in zip(labels["para_id"], labels["split"], gold, predicted)
            if (theme in g) != (theme in p)]
    return pd.DataFrame(rows, columns=["para_id", "split", "error"])


def copresent(table: pd.DataFrame, first: str, second: str,
              min_share: float = PRESENCE_MIN_SHARE) -> list[str]:
    """The paragraphs of ``table`` in which both themes are present (:func:`presence`)."""
    present = presence(table, min_share)
    return present.index[present[first] & present[second]].tolist()


def articles_before(shares: pd.DataFrame, month: str) -> list[str]:
    """The articles of ``shares`` (``theme_document_shares``) surely dated before ``month``
    (``YYYY-MM``), in order of date; an undated article is not counted, nor one dated only by a
    year that holds ``month``."""
    dates = shares.drop_duplicates("doc_id").set_index("doc_id")["date"].astype(str).str[:7]
    surely = [(date != "") & (date < month) & (not month.startswith(date)) for date in dates]
    return dates[surely].sort_values(kind="stable").index.tolist()


# ---------------------------------------------------------------- robustness

def top_terms(terms_used: pd.DataFrame, theme: str, k: int) -> list[str]:
    """The ``k`` most matched terms of ``theme`` in a :func:`term_table`."""
    group = terms_used[(terms_used["theme"] == theme) & (terms_used["n_matches"] > 0)]
    return group.sort_values(["n_matches", "term"], ascending=[False, True])["term"].head(k).tolist()


def leaders(shares: pd.DataFrame) -> pd.Series:
    """Per document the themes with the most matches (several where they tie), joined by ``;``
    in :data:`THEME_ORDER`; empty when the document has no match."""
    counts = share_matrix(shares, "n_matches")
    best = counts.max(axis=1).to_numpy()[:, None]
    leading = (counts.to_numpy() == best) & (best > 0)
    names = counts.columns.to_numpy()
    return pd.Series([";".join(names[row]) for row in leading], index=counts.index.rename(None),
                     name="leaders", dtype=object)


def removal_triggers(removed: Iterable[str], kept: Iterable[str]) -> list[str]:
    """Strings whose absence from a text guarantees that removing the terms ``removed`` from a
    dictionary whose other terms are ``kept`` leaves the matches in that text unchanged.

    Per removed term its shortest prefix that begins no kept term, lengthened to two characters,
    or the whole term when each of its prefixes begins a kept term. The matcher's automaton
    differs only in the states of these prefixes and of the removed terms, and a one-character
    state that is not a term acts like the start state. Paragraphs with a match of a removed
    term are not enough: pyahocorasick's longest matching reports a pending match without
    looking at shorter ones, so a removed term that never matches may still hide another term.
    """
    starts = {term[:n] for term in kept for n in range(1, len(term) + 1)}
    return [next((term[:max(n, 2)] for n in range(1, len(term)) if term[:n] not in starts), term)
            for term in removed]


#: Columns of :func:`robustness`.
ROBUSTNESS_COLUMNS = ["removed_theme", "k", "removed_terms", "doc_id", "share_before", "share_after",
                      "rank_before", "rank_after", "top_before", "top_after", "leaders_after", "top_unchanged"]


def robustness(paragraphs: pd.DataFrame, terms: pd.DataFrame, ks: Sequence[int] = (1, 3, 5),
               hits: TermHits | None = None) -> pd.DataFrame:
    """Document-level picture after removing each theme's top-``k`` terms from the dictionary.

    One row per removed theme, ``k`` and document: the removed terms, the theme's share and rank
    in the document before and after, the document's top theme before and after (and the themes
    that tie for the lead after), and whether the top theme is unchanged.

    The dictionary is matched once (or ``hits`` of :func:`find_terms` are used); after a removal
    only the paragraphs that may match differently (:func:`removal_triggers`) are matched again.
    """
    hits = find_terms(paragraphs, terms) if hits is None else hits
    themes = ordered_themes(terms["theme"].unique())
    _, strings = _term_codes(terms)
    term_theme = _term_themes(terms, themes)
    chars = paragraphs.groupby("doc_id")["n_chars"].sum()
    doc_of_row = chars.index.get_indexer(paragraphs["doc_id"])
    texts = paragraphs["text"].to_numpy()
    containing: dict[str, np.ndarray] = {}  # trigger -> paragraphs that contain it

    def contains(trigger: str) -> np.ndarray:
        if trigger not in containing:
            containing[trigger] = paragraphs["text"].str.contains(trigger, regex=False).to_numpy(bool, na_value=False)
        return containing[trigger]

    def doc_counts(some: TermHits) -> np.ndarray:
        return _count_matrix(doc_of_row[some.row], term_theme[some.term], len(chars), len(themes))

    def shares_of(counts: np.ndarray) -> pd.DataFrame:
        return _shares_of_counts(pd.DataFrame(counts, index=chars.index, columns=themes), chars)

    base_counts = doc_counts(hits)
    baseline = shares_of(base_counts)
    terms_used = _term_table(terms, paragraphs, hits)
    base_top = top_theme(baseline)
    docs = sorted(base_top.index)
    top_before = base_top.loc[docs].to_numpy()
    frames = []
    for theme in themes:
        before = baseline[baseline["theme"] == theme].set_index("doc_id").loc[docs]
        for k in ks:
            removed = top_terms(terms_used, theme, k)
            kept = terms[~terms["term"].isin(removed)]
            may_change = np.zeros(len(texts), dtype=bool)
            for trigger in removal_triggers(removed, kept["term"]):
                may_change |= contains(trigger)
            affected = np.flatnonzero(may_change)
            again = _find_in_texts(texts, kept, rows=affected)
            again = TermHits(again.row, strings.get_indexer(_term_codes(kept)[1])[again.term])
            stale = np.isin(hits.row, affected)  # matches of the paragraphs matched again
            stale = TermHits(hits.row[stale], hits.term[stale])
            shares = shares_of(base_counts - doc_counts(stale) + doc_counts(again))
            after = shares[shares["theme"] == theme].set_index("doc_id").loc[docs]
            top_after = top_theme(shares).loc[docs].to_numpy()
            frames.append(pd.DataFrame({
                "removed_theme": theme, "k": k, "removed_terms": "、".join(removed), "doc_id": docs,
                "share_before": before["share"].to_numpy(), "share_after": after["share"].to_numpy(),
                "rank_before": before["rank"].to_numpy(), "rank_after": after["rank"].to_numpy(),
                "top_before": top_before, "top_after": top_after,
                "leaders_after": leaders(shares).loc[docs].to_numpy(), "top_unchanged": top_before == top_after},
                columns=ROBUSTNESS_COLUMNS))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ROBUSTNESS_COLUMNS)


def lead_stability(result: pd.DataFrame) -> pd.DataFrame:
    """Per document (from :func:`robustness`): its lead, how many removals were tried and how
    many change the lead, and the first removal that does (smallest ``k``, then theme order):
    the removed theme, ``k``, terms, the new lead and the themes that lead after it (empty
    columns when every removal leaves the lead)."""
    order = {t: i for i, t in enumerate(ordered_themes(result["removed_theme"].unique()))}
    rows = []
    for doc_id, group in result.groupby("doc_id", sort=True):
        changed = group[~group["top_unchanged"].astype(bool)]
        changed = changed.assign(_order=changed["removed_theme"].map(order)).sort_values(["k", "_order"])
        first = changed.iloc[0] if len(changed) else None
        rows.append((doc_id, group["top_before"].iloc[0], len(group), len(changed),
                     *((first["removed_theme"], int(first["k"]), first["removed_terms"], first["top_after"],
                        first["leaders_after"]) if first is not None else ("", 0, "", "", ""))))
    return pd.DataFrame(rows, columns=["doc_id", "lead", "n_removals", "n_changed", "first_removed_theme",
                                       "first_k", "first_removed_terms", "lead_after", "leaders_after"])


def robustness_summary(result: pd.DataFrame) -> pd.DataFrame:
    """Per removed theme and ``k`` (from :func:`robustness`): the removed terms, how many
    documents change their top theme (and to what), and the largest drop in the theme's share."""
    rows = []
    for (theme, k), group in result.groupby(["removed_theme", "k"], sort=False):
        changed = group[~group["top_unchanged"].astype(bool)]
        rows.append((theme, int(k), group["removed_terms"].iloc[0], len(group), len(changed),
                     "; ".join(f"{d}: {a} -> {b}" for d, a, b in
                               zip(changed["doc_id"], changed["top_before"], changed["top_after"])),
                     round(float((group["share_before"] - group["share_after"]).max()), 4)))
    return pd.DataFrame(rows, columns=["removed_theme", "k", "removed_terms", "n_docs",
                                       "n_top_changed", "changes", "max_share_drop"])


def exemplars(table: pd.DataFrame, paragraphs: pd.DataFrame, min_chars: int = 40,
              kind: str = "body") -> pd.DataFrame:
    """Per theme the paragraph of ``kind`` (at least ``min_chars`` long) with the highest score
    whose dominant theme it is: theme, para_id, score, matches and the paragraph's text."""
    texts = paragraphs.set_index("para_id")["text"]
    candidates = table[(table["kind"] == kind) & (table["n_chars"] >= min_chars)]
    rows = []
    for theme in ordered_themes(count_columns(table).columns):
        led = candidates[candidates["dominant_theme"] == theme]
        if led.empty:
            continue
        best = led.sort_values([f"score_{theme}", "para_id"], ascending=[False, True]).iloc[0]
        rows.append((theme, best["para_id"], float(best[f"score_{theme}"]), int(best[f"n_{theme}"]),
                     texts[best["para_id"]]))
    return pd.DataFrame(rows, columns=["theme", "para_id", "score", "n_matches", "text"])


# ---------------------------------------------------------------- labels for the chapter

def percent(x: float) -> str:
    """``x`` as a whole percentage: 0.374 -> ``37%``."""
    return f"{x:.0%}"


def leader_names(leaders: str, names: dict[str, str] = SHORT_NAMES) -> str:
    """The themes of a ``leaders_after`` cell (``a;b``) by their short names: ``talent and
    integration``; ``none`` when empty."""
    themes = [t for t in str(leaders).split(";") if t]
    if not themes:
        return NO_THEME
    shown = [names.get(t, t) for t in themes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def ordinal(n: int) -> str:
    """The English ordinal word of rank ``n`` (1 -> ``first``), up to :data:`ORDINALS`."""
    if not 1 <= n <= len(ORDINALS):
        raise ValueError(f"no ordinal word for rank {n}")
    return ORDINALS[n - 1]


# ---------------------------------------------------------------- export

#: Tables of :func:`theme_tables` (``theme_validation`` only where the hand labels apply).
TABLES = ("theme_terms", "theme_paragraph_scores", "theme_document_shares",
          "theme_cooccurrence", "theme_validation", "theme_robustness")


def scored_paragraphs(folder: Path | None = None) -> pd.DataFrame:
    """The analysable paragraphs of the derived tables in ``folder`` (default ``data/derived``)."""
    return analysable_paragraphs(derived.load("paragraphs", folder), derived.load("documents", folder))


def theme_tables(paragraphs: pd.DataFrame, documents: pd.DataFrame, folder: Path | None = None,
                 labels: Path | None = None) -> dict[str, pd.DataFrame]:
    """Score the analysable paragraphs with the theme files in ``folder`` (sorted, deterministic);
    ``theme_validation`` only if the labels file exists and labels paragraphs of this corpus."""
    terms = load_themes(folder)
    hits = find_terms(paragraphs, terms)
    table = paragraph_table(paragraphs, terms, hits=hits)
    tables = {
        "theme_terms": _term_table(terms, paragraphs, hits),
        "theme_paragraph_scores": table,
        "theme_document_shares": themes_over_time(document_shares(table), documents),
        "theme_cooccurrence": cooccurrence(table[table["kind"] == "body"]),
        "theme_robustness": robustness(paragraphs, terms, hits=hits),
    }
    labels = labels_path() if labels is None else Path(labels)
    hand = read_labels(labels) if labels.exists() else None
    if hand is not None and not set(hand["para_id"]) <= set(table["para_id"]):
        # The hand labels belong to the seed corpus; another corpus is scored, not validated.
        print(f"policytext: theme validation skipped: {labels} labels paragraphs that are not in "
              f"this corpus", file=sys.stderr)
        hand = None
    if hand is not None:
        tables["theme_validation"] = pd.concat([validation_table(hand, table, share)
                                                for share in (0.0, PRESENCE_MIN_SHARE)], ignore_index=True)
    return tables
