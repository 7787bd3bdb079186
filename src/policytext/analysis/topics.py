"""A convergent check on the dictionary themes: an unsupervised topic model of the paragraphs.

The body paragraphs' content terms (the tokens of :attr:`policytext.pipeline.Inputs.tokens`, not
segmented again) are weighted by TF-IDF and factorised by non-negative matrix factorisation
(NMF, Lee & Seung 1999; scikit-learn's coordinate-descent solver). The number of topics ``k`` is
chosen by the term-centric stability analysis of Greene, O'Callaghan & Cunningham (2014): for
each ``k`` of a small range, a reference model on all paragraphs is compared with models on
random subsamples of the paragraphs, topic by topic (the Hungarian matching of their top-term
rankings under the top-weighted *average Jaccard*); the ``k`` whose topics agree best is chosen,
the smallest one on a tie. Everything random is seeded, so the tables are the same on every run.

Each paragraph is assigned the topic with its largest weight. A topic is aligned with the
dictionary themes (:mod:`policytext.analysis.themes`) by the share of its paragraphs in which
each theme is *present* (:func:`policytext.analysis.themes.presence`, the chapter's validated
rule); each theme goes to the topic where that share is largest. A paragraph *agrees* when one
of its topic's themes is present in it, *disagrees* when themes are present but none of its
topic's, and has *no theme* when none is present.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer

from policytext.analysis.themes import ordered_themes, presence
from policytext.analysis.vocabulary import terms_only

#: Tables of :func:`topic_tables`, in order.
TABLES = ("topic_k_selection", "topic_terms", "topic_theme_alignment", "topic_paragraphs",
          "topic_alignment_by_k")

#: Paragraphs modelled: the body text, which the themes chapter's hand labels validate.
KIND = "body"
#: A term enters the model when it occurs in at least this many of the modelled paragraphs (a
#: term of one paragraph links it to no other).
MIN_PARAGRAPHS = 2
#: Numbers of topics compared.
K_RANGE = range(2, 9)
#: Stability analysis (Greene et al. 2014): subsamples per ``k``, the share of paragraphs in
#: each, and the depth of the term rankings compared.
N_SUBSAMPLES = 20
#: The number of topics is chosen on at most this many paragraphs (a fixed random sample):
#: the choice fits 21 models per number of topics; the chosen model is fitted to them all.
SELECTION_PARAGRAPHS = 2000
SAMPLE_SHARE = 0.8
STABILITY_TERMS = 10
#: Terms listed per topic in ``topic_terms``.
SHOWN_TERMS = 10
#: Seed of the subsamples and of the models' random initialisation.
RANDOM_STATE = 0
#: Iterations allowed to the NMF solver (it stops earlier once it converges).
MAX_ITER = 1000
#: Characters of a paragraph's text shown in ``topic_paragraphs``.
EXCERPT_CHARS = 30

#: Agreement of a paragraph with its topic (see the module's docstring).
AGREE, DISAGREE, NO_THEME = "agree", "disagree", "no theme"

#: Columns of each table, in order.
COLUMNS = {
    "topic_k_selection": ["k", "stability", "stability_sd", "reconstruction_error", "chosen"],
    "topic_terms": ["topic", "rank", "term", "weight"],
    "topic_theme_alignment": ["topic", "theme", "n_paragraphs", "n_present", "share_present",
                              "share_present_all", "lift", "correlation", "aligned"],
    "topic_paragraphs": ["para_id", "doc_id", "topic", "topic_share", "topic_themes",
                         "themes_present", "dominant_theme", "agreement", "excerpt"],
}
COLUMNS["topic_alignment_by_k"] = ["k", "chosen"] + COLUMNS["topic_theme_alignment"]


class TopicModelError(ValueError):
    """Too few paragraphs or terms for a topic model."""


# ---------------------------------------------------------------- the matrix

@dataclass(frozen=True)
class TermCounts:
    """Content-term counts: a sparse paragraphs x terms matrix with its row and column labels."""

    matrix: sparse.csr_matrix
    index: pd.Index  # paragraph IDs
    columns: pd.Index  # terms, sorted


def paragraph_term_counts(tokens: pd.DataFrame, para_ids: Sequence[str],
                          min_paragraphs: int = MIN_PARAGRAPHS) -> TermCounts:
    """Content-term counts of the paragraphs ``para_ids`` (rows, in that order; a paragraph left
    without a kept term is dropped) and of the terms in at least ``min_paragraphs`` of them
    (columns, sorted), built sparse (a real corpus has tens of thousands of each)."""
    wanted = pd.Index(list(dict.fromkeys(para_ids)))
    terms = terms_only(tokens, ["para_id"])
    terms = terms[terms["para_id"].isin(wanted)]
    term_codes, term_names = pd.factorize(terms["term"])
    # the row of each distinct paragraph ID, then of each token: no Python string per token
    token_paragraphs, paragraph_ids = pd.factorize(terms["para_id"])
    paragraph_codes = wanted.get_indexer(paragraph_ids)[token_paragraphs]
    # every paragraph's term counts (repeats summed as the matrix is built); a term's paragraphs
    # are its column's entries
    counts = sparse.csr_matrix((np.ones(len(term_codes)), (paragraph_codes, term_codes)),
                               shape=(len(wanted), len(term_names)))
    paragraphs_with = np.bincount(counts.indices, minlength=len(term_names))
    kept_mask = paragraphs_with >= min_paragraphs
    kept = sorted(term_names[kept_mask])
    matrix = counts[:, np.flatnonzero(kept_mask)[pd.Index(term_names[kept_mask]).get_indexer(kept)]]
    present = np.diff(matrix.indptr) > 0  # a paragraph left without a kept term is dropped
    matrix = matrix[present]
    matrix.sort_indices()
    return TermCounts(matrix, pd.Index(wanted[present].tolist(), name="para_id"), pd.Index(kept))


def tfidf(counts: TermCounts) -> sparse.csr_matrix:
    """TF-IDF of a count matrix (scikit-learn's smoothed IDF, each row scaled to unit length),
    sparse (the solver is several times faster on it)."""
    if not counts.matrix.nnz:
        return sparse.csr_matrix(counts.matrix.shape)
    return TfidfTransformer().fit_transform(counts.matrix)


def relative_error(matrix: sparse.csr_matrix, weights: np.ndarray, components: np.ndarray) -> float:
    """||X - WH|| / ||X|| (Frobenius) without making X dense:
    ||X - WH||² = ||X||² - 2 tr(Wᵀ X Hᵀ) + tr(WᵀW HHᵀ)."""
    squared = float(matrix.multiply(matrix).sum())
    cross = float(np.sum(np.asarray(matrix @ components.T) * weights))
    model = float(np.sum((weights.T @ weights) * (components @ components.T)))
    return float(np.sqrt(max(squared - 2 * cross + model, 0.0)) / np.sqrt(squared))


def check_size(n_paragraphs: int, n_terms: int, k: int) -> None:
    """Raise :class:`TopicModelError` unless ``k`` topics can be fitted to the matrix: at least
    two topics, and fewer than the paragraphs and the terms."""
    if k < 2 or k >= min(n_paragraphs, n_terms):
        raise TopicModelError(f"cannot fit {k} topics to {n_paragraphs} paragraphs and {n_terms} terms: "
                              "a topic model needs at least two topics and more paragraphs and terms "
                              "than topics")


def fit_nmf(matrix: sparse.csr_matrix, k: int, init: str = "nndsvda",
            random_state: int = RANDOM_STATE) -> tuple[np.ndarray, np.ndarray]:
    """NMF of ``matrix`` (paragraphs x terms) with ``k`` topics: the paragraph weights ``W``
    (paragraphs x k) and the term weights ``H`` (k x terms)."""
    check_size(*matrix.shape, k)
    model = NMF(n_components=k, init=init, random_state=random_state, max_iter=MAX_ITER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a subsample may stop short; checked below
        weights = model.fit_transform(matrix)
    return weights, model.components_


def term_rankings(components: np.ndarray, depth: int) -> list[np.ndarray]:
    """Per topic the positions of its ``depth`` heaviest terms, heaviest first (ties: lower
    position); a term of weight zero is not in the topic and is not ranked."""
    return [order[row[order] > 0] for row in components
            for order in [np.argsort(-row, kind="stable")[:depth]]]


# ---------------------------------------------------------------- choosing k

def average_jaccard(first: Sequence, second: Sequence) -> float:
    """Top-weighted agreement of two rankings: the mean, over depths ``d`` = 1..n, of the Jaccard
    overlap of their first ``d`` items (Greene et al. 2014); 1 for equal rankings."""
    depth = min(len(first), len(second))
    if depth == 0:
        return 0.0
    total = 0.0
    for d in range(1, depth + 1):
        a, b = set(first[:d]), set(second[:d])
        total += len(a & b) / len(a | b)
    return total / depth


def ranking_agreement(first: Sequence[Sequence], second: Sequence[Sequence]) -> float:
    """Agreement of two topic models' term rankings: the mean :func:`average_jaccard` of their
    topics matched one to one so that it is largest (the Hungarian algorithm)."""
    similarity = np.array([[average_jaccard(a, b) for b in second] for a in first])
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    return float(similarity[rows, cols].mean())


def stability(matrix: sparse.csr_matrix, k: int, n_subsamples: int = N_SUBSAMPLES,
              sample_share: float = SAMPLE_SHARE, depth: int = STABILITY_TERMS,
              random_state: int = RANDOM_STATE) -> tuple[float, float, float]:
    """Stability of ``k`` topics: the mean and standard deviation of :func:`ranking_agreement`
    between the reference model (all paragraphs, NNDSVD initialisation) and ``n_subsamples``
    models, each fitted with a random initialisation to a random ``sample_share`` of the
    paragraphs; and the reference model's relative reconstruction error ||X - WH|| / ||X||."""
    weights, components = fit_nmf(matrix, k, random_state=random_state)
    reference = term_rankings(components, depth)
    error = relative_error(matrix, weights, components)
    rng = np.random.default_rng(random_state)
    size = int(sample_share * matrix.shape[0])
    scores = []
    for run in range(n_subsamples):
        rows = np.sort(rng.choice(matrix.shape[0], size=size, replace=False))
        # terms of no sampled paragraph carry no rank
        kept = np.flatnonzero(np.asarray(matrix[rows].sum(axis=0)).ravel() > 0)
        _, part = fit_nmf(matrix[rows][:, kept], k, init="random", random_state=random_state + run)
        scores.append(ranking_agreement(reference, [kept[r] for r in term_rankings(part, depth)]))
    return float(np.mean(scores)), float(np.std(scores)), error


def choose_k(matrix: sparse.csr_matrix, ks: Sequence[int] = K_RANGE, **options) -> pd.DataFrame:
    """Per ``k`` of ``ks`` that fits the matrix (and the subsamples): stability, its standard
    deviation and the reconstruction error (:func:`stability`, rounded to 4 places), and
    ``chosen`` for the most stable ``k`` (the smallest on a tie). Raises
    :class:`TopicModelError` when no ``k`` fits."""
    size = int(options.get("sample_share", SAMPLE_SHARE) * matrix.shape[0])
    usable = [k for k in ks if 2 <= k < min(size, matrix.shape[1])]
    if not usable:
        raise TopicModelError(f"no number of topics among {list(ks)} fits {matrix.shape[0]} paragraphs "
                              f"and {matrix.shape[1]} terms")
    rows = [(k, *(round(v, 4) for v in stability(matrix, k, **options))) for k in usable]
    table = pd.DataFrame(rows, columns=COLUMNS["topic_k_selection"][:-1])
    best = table["stability"].max()
    table["chosen"] = table["k"] == table.loc[table["stability"] == best, "k"].min()
    return table


# ---------------------------------------------------------------- the model and its alignment

def topic_model(matrix: sparse.csr_matrix, k: int, random_state: int = RANDOM_STATE) -> tuple[np.ndarray, np.ndarray]:
    """The chosen model (NNDSVD initialisation) with its topics ordered by the number of
    paragraphs assigned to them (largest weight), most first; ties keep the model's order."""
    weights, components = fit_nmf(matrix, k, random_state=random_state)
    sizes = np.bincount(weights.argmax(axis=1), minlength=k)
    order = np.argsort(-sizes, kind="stable")
    return weights[:, order], components[order]


def topic_term_table(components: np.ndarray, terms: Sequence[str], n: int = SHOWN_TERMS) -> pd.DataFrame:
    """The ``n`` heaviest terms of each topic (numbered from 1): topic, rank, term, weight (4 places)."""
    terms = np.asarray(terms, dtype=object)
    rows = [(topic, rank, terms[i], round(float(components[topic - 1, i]), 4))
            for topic, ranking in enumerate(term_rankings(components, n), start=1)
            for rank, i in enumerate(ranking, start=1) if components[topic - 1, i] > 0]
    return pd.DataFrame(rows, columns=COLUMNS["topic_terms"])


def alignment_table(weights: np.ndarray, para_ids: Sequence[str], theme_scores: pd.DataFrame) -> pd.DataFrame:
    """Per topic and dictionary theme: the topic's paragraphs (largest weight), those where the
    theme is present and their share, the theme's share over all modelled paragraphs, the lift
    (the first share over the second), the Pearson correlation of the topic's weight with the
    theme's score over the modelled paragraphs, and ``aligned`` for the topic where the theme's
    share is largest (ties: the higher correlation, then the lower topic)."""
    present = presence(theme_scores).loc[list(para_ids)]
    themes = ordered_themes(present.columns)
    scores = theme_scores.set_index("para_id").loc[list(para_ids)]
    topic = weights.argmax(axis=1) + 1
    rows = []
    for t in range(1, weights.shape[1] + 1):
        mine = topic == t
        for theme in themes:
            flags = present[theme].to_numpy()
            base = flags.mean()
            share = flags[mine].mean() if mine.any() else 0.0
            with np.errstate(invalid="ignore", divide="ignore"):
                corr = np.corrcoef(weights[:, t - 1], scores[f"score_{theme}"].to_numpy(float))[0, 1]
            rows.append((t, theme, int(mine.sum()), int(flags[mine].sum()), round(float(share), 4),
                         round(float(base), 4), round(float(share / base), 4) if base else np.nan,
                         round(float(corr), 4) if np.isfinite(corr) else np.nan))
    table = pd.DataFrame(rows, columns=COLUMNS["topic_theme_alignment"][:-1])
    best = (table.sort_values(["theme", "share_present", "correlation", "topic"],
                              ascending=[True, False, False, True], na_position="last")
            .groupby("theme", sort=False).head(1))
    table["aligned"] = table.index.isin(best.index) & (table["n_present"] > 0)
    return table


def paragraph_topic_table(weights: np.ndarray, paragraphs: pd.DataFrame, theme_scores: pd.DataFrame,
                          alignment: pd.DataFrame, excerpt_chars: int = EXCERPT_CHARS) -> pd.DataFrame:
    """Per modelled paragraph (``paragraphs``, in the order of ``weights``): its topic and the
    topic's share of its weights, the themes aligned with the topic and those present in the
    paragraph (``;``-joined, in theme order), its dominant theme, the agreement (:data:`AGREE`,
    :data:`DISAGREE`, :data:`NO_THEME`) and the start of its text."""
    para_ids = paragraphs["para_id"].tolist()
    present = presence(theme_scores).loc[para_ids]
    themes = ordered_themes(present.columns)
    present = present[themes]
    aligned = alignment[alignment["aligned"]]
    topic_themes = {t: [th for th in themes if th in set(g["theme"])] for t, g in aligned.groupby("topic")}
    topic = weights.argmax(axis=1) + 1
    totals = weights.sum(axis=1)
    flags = present.to_numpy(dtype=bool)
    here = [";".join(th for th, flag in zip(themes, row) if flag) for row in flags]
    mine = [";".join(topic_themes.get(int(t), [])) for t in topic]
    mine_flags = np.array([[th in topic_themes.get(int(t), []) for th in themes] for t in topic],
                          dtype=bool).reshape(flags.shape)
    agreement = np.where(~flags.any(axis=1), NO_THEME,
                         np.where((flags & mine_flags).any(axis=1), AGREE, DISAGREE))
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(totals > 0, weights[np.arange(len(topic)), topic - 1] / totals, 0.0)
    texts = paragraphs["text"].tolist()
    rows = [(para_id, doc_id, int(t), round(float(sh), 4), m, h, a,
             text if len(text) <= excerpt_chars else text[:excerpt_chars] + "…")
            for para_id, doc_id, t, sh, m, h, a, text
            in zip(para_ids, paragraphs["doc_id"].tolist(), topic, share, mine, here, agreement, texts)]
    table = pd.DataFrame(rows, columns=[c for c in COLUMNS["topic_paragraphs"] if c != "dominant_theme"])
    table.insert(6, "dominant_theme", theme_scores.set_index("para_id").loc[para_ids, "dominant_theme"].to_numpy())
    return table


def selection_sample(matrix: sparse.csr_matrix, random_state: int = RANDOM_STATE,
                     size: int = SELECTION_PARAGRAPHS) -> sparse.csr_matrix:
    """The rows the number of topics is chosen on: all of them, or a fixed random ``size`` of
    them in corpus order when there are more (the choice fits many models; the chosen model is
    then fitted to every paragraph)."""
    if matrix.shape[0] <= size:
        return matrix
    return matrix[np.sort(np.random.default_rng(random_state).choice(matrix.shape[0], size=size, replace=False))]


def robustness_ks(selection: pd.DataFrame) -> list[int]:
    """The numbers of topics a finding is also read at: the chosen one, its neighbours and the
    next most stable, among those :func:`choose_k` tried, in order."""
    chosen = int(selection.loc[selection["chosen"], "k"].iloc[0])
    tried = set(selection["k"].astype(int))
    others = selection[~selection["chosen"]].sort_values(["stability", "k"], ascending=[False, True])
    wanted = {chosen - 1, chosen, chosen + 1} | set(others["k"].astype(int).head(1))
    return sorted(wanted & tried)


def alignment_by_k(matrix: sparse.csr_matrix, para_ids: Sequence[str], theme_scores: pd.DataFrame,
                   ks: Sequence[int], chosen: tuple[int, np.ndarray], random_state: int = RANDOM_STATE
                   ) -> pd.DataFrame:
    """:func:`alignment_table` of the model with each number of topics of ``ks`` (column ``k``),
    so a reading of the topics can be checked at its neighbours; ``chosen`` is the chosen number
    with its model's paragraph weights (not fitted again), marked in column ``chosen``."""
    frames = []
    for k in ks:
        weights = chosen[1] if k == chosen[0] else topic_model(matrix, k, random_state=random_state)[0]
        frames.append(alignment_table(weights, para_ids, theme_scores).assign(k=k, chosen=k == chosen[0]))
    return pd.concat(frames, ignore_index=True)[COLUMNS["topic_alignment_by_k"]]


def empty_tables() -> dict[str, pd.DataFrame]:
    """The tables of :func:`topic_tables` without rows."""
    return {name: pd.DataFrame(columns=COLUMNS[name]) for name in TABLES}


def topic_tables(paragraphs: pd.DataFrame, tokens: pd.DataFrame, theme_scores: pd.DataFrame,
                 ks: Sequence[int] = K_RANGE, kind: str = KIND, **options) -> dict[str, pd.DataFrame]:
    """The topic model of the ``kind`` paragraphs of ``paragraphs`` (their ``tokens``) and its
    alignment with the dictionary themes (``theme_scores``: ``theme_paragraph_scores``), as the
    tables of :data:`TABLES`; without rows when there are too few paragraphs or terms for
    two topics (the build goes on). ``options`` go to :func:`stability`."""
    chosen_paragraphs = paragraphs[paragraphs["kind"] == kind]
    counts = paragraph_term_counts(tokens, chosen_paragraphs["para_id"].tolist())
    matrix = tfidf(counts)
    try:
        selection = choose_k(selection_sample(matrix, options.get("random_state", RANDOM_STATE)), ks, **options)
    except TopicModelError:
        return empty_tables()
    k = int(selection.loc[selection["chosen"], "k"].iloc[0])
    seed = options.get("random_state", RANDOM_STATE)
    weights, components = topic_model(matrix, k, random_state=seed)
    modelled = chosen_paragraphs.set_index("para_id").loc[counts.index].reset_index()
    alignment = alignment_table(weights, counts.index, theme_scores)
    return {
        "topic_k_selection": selection,
        "topic_terms": topic_term_table(components, counts.columns),
        "topic_theme_alignment": alignment,
        "topic_paragraphs": paragraph_topic_table(weights, modelled, theme_scores, alignment),
        "topic_alignment_by_k": alignment_by_k(matrix, counts.index, theme_scores,
                                               robustness_ks(selection), (k, weights), random_state=seed),
    }
