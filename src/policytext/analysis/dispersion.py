"""Dispersion: how evenly a term is spread over the documents, and where in them it occurs.

Gries' DP (deviation of proportions, Gries 2008) compares the share of a term's occurrences in
each corpus part with the part's share of the corpus: half the summed absolute differences,
0 for a term spread exactly as the parts' sizes, near 1 for one confined to a small part.
DPnorm (Lijffijt & Gries 2012) divides by its maximum, 1 - (the smallest part's share), so
that 1 means "all in the smallest part" whatever the part sizes. Here the parts are the
documents, weighted by their share of the corpus's content-term tokens.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from policytext.analysis.vocabulary import terms_only

#: Terms listed in the dispersion table: at least this many tokens.
DISPERSION_MIN_FREQ = 5
#: A term is flagged ``concentrated`` when one document holds more than this share of its tokens.
CONCENTRATED_SHARE = 0.5


def dp(counts: Sequence[float], sizes: Sequence[float]) -> tuple[float, float]:
    """(DP, DPnorm) of one term from its count in each part and the parts' sizes."""
    counts, sizes = np.asarray(counts, dtype=float), np.asarray(sizes, dtype=float)
    expected = sizes / sizes.sum()
    value = float(np.abs(counts / counts.sum() - expected).sum() / 2)
    return value, value / (1 - float(expected.min()))


def dispersion_of_pairs(pairs: pd.DataFrame, sizes: pd.Series) -> pd.DataFrame:
    """Per term of ``pairs`` (term, part, count: the parts where the term occurs), in order of
    first appearance: freq, range, DP and DPnorm, with ``sizes`` indexed by part (every part,
    with or without the term). Sparse: a part without the term adds its expected share to the
    sum, so no term x part table is made (a large corpus has 10^5 terms and 10^4 documents)."""
    expected = sizes / sizes.sum()
    share_of = pairs["part"].map(expected).to_numpy(dtype=float)
    terms = pd.Index(pairs["term"].unique())
    position = terms.get_indexer(pairs["term"])
    count = pairs["count"].to_numpy(dtype=float)
    freq = np.bincount(position, weights=count, minlength=len(terms))
    present = np.abs(count / freq[position] - share_of)
    absent = 1 - np.bincount(position, weights=share_of, minlength=len(terms))
    dp_values = (np.bincount(position, weights=present, minlength=len(terms)) + absent) / 2
    return pd.DataFrame({"term": terms, "freq": freq.astype(int),
                         "range": np.bincount(position, minlength=len(terms)), "dp": dp_values,
                         "dp_norm": dp_values / (1 - float(expected.min()))})


def dispersion(counts: pd.DataFrame, sizes: pd.Series | None = None) -> pd.DataFrame:
    """Per term (rows of ``counts``, one column per part): freq, range (parts with the term),
    DP and DPnorm. ``sizes`` (indexed by part) defaults to the column sums."""
    sizes = counts.sum(axis=0) if sizes is None else sizes.reindex(counts.columns)
    long = counts.rename_axis(index="term", columns="part").stack().rename("count").reset_index()
    return dispersion_of_pairs(long[long["count"] > 0], sizes)


def occurrence_dispersion(occurrences: pd.DataFrame, sizes: pd.Series,
                          concentrated_share: float = CONCENTRATED_SHARE) -> pd.DataFrame:
    """Per term of ``occurrences`` (one row per occurrence: term, doc_id), indexed by term, over
    the documents of ``sizes`` (indexed by doc_id): freq, n_docs (the range), dp, dp_norm,
    top_doc and top_share (the document with most of the term's occurrences, ties to the first
    ID, and its share) and ``concentrated`` (top_share above ``concentrated_share``)."""
    pairs = (occurrences.groupby(["term", "doc_id"]).size().rename("count").reset_index()
             .rename(columns={"doc_id": "part"}))
    table = dispersion_of_pairs(pairs, sizes).set_index("term").rename(columns={"range": "n_docs"})
    top = (pairs.sort_values(["term", "count", "part"], ascending=[True, False, True], kind="stable")
           .drop_duplicates("term").set_index("term"))
    table["top_doc"] = top["part"]
    table["top_share"] = top["count"] / table["freq"]
    table["concentrated"] = table["top_share"] > concentrated_share
    return table


def term_dispersion(tokens: pd.DataFrame, min_freq: int = DISPERSION_MIN_FREQ,
                    concentrated_share: float = CONCENTRATED_SHARE) -> pd.DataFrame:
    """The dispersion table over the documents (:func:`occurrence_dispersion` of the content-term
    tokens, the documents sized by their tokens) with n_paragraphs after n_docs, dp, dp_norm and
    top_share rounded to 4 places; terms with at least ``min_freq`` tokens, most frequent first."""
    terms = terms_only(tokens, ["doc_id", "para_id"])
    table = occurrence_dispersion(terms, terms.groupby("doc_id").size(), concentrated_share)
    table.insert(2, "n_paragraphs", terms.groupby("term")["para_id"].nunique())
    table = table[table["freq"] >= min_freq].reset_index()
    table[["dp", "dp_norm", "top_share"]] = table[["dp", "dp_norm", "top_share"]].round(4)
    return table.sort_values(["freq", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def xray_positions(tokens: pd.DataFrame, terms: Sequence[str]) -> pd.DataFrame:
    """Every occurrence of ``terms`` (as tokens) with its relative position in its document,
    (i + 0.5) / n for token i of the document's n tokens (spaces left out) in text order,
    for an x-ray (lexical dispersion) plot."""
    frame = tokens[["doc_id", "para_id", "token"]]
    frame = frame[frame["token"].str.strip() != ""].reset_index(drop=True)  # spaces are no position
    index = frame.groupby("doc_id", sort=False).cumcount()
    size = frame.groupby("doc_id", sort=False)["token"].transform("size")
    frame = frame.assign(position=(index + 0.5) / size)
    hits = frame[frame["token"].isin(list(terms))].rename(columns={"token": "term"})
    return hits[["doc_id", "term", "para_id", "position"]].reset_index(drop=True)
