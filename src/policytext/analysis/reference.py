"""Keyness against two reference corpora: general written Chinese (wordfreq's Chinese list) and
official prose (the State Council's government work reports).

wordfreq (Robyn Speer; version pinned in ``requirements.txt``) combines word frequencies from
several sources; for Chinese ('zh'): Wikipedia, subtitles (OPUS OpenSubtitles 2018 and
SUBTLEX-CH), news (NewsCrawl 2014 and GlobalVoices), books (Google Books Ngrams 2012), web text
(OSCAR), Twitter, and the word list that ships with the jieba segmenter, Simplified and
Traditional Chinese together. Its author describes the data as a snapshot of language up to
2021 and no longer updates it. Frequencies are rounded to a hundredth of a Zipf unit (about 1%);
the 'large' list holds words down to one occurrence per hundred million words.

The list gives relative frequencies, not counts. They are turned into expected counts in a
reference corpus of a nominal :data:`REFERENCE_SIZE` words: at that size the rarest listed
word has an expected count of one, and a term absent from the list counts zero. The target
side is the corpus's word tokens (punctuation and spaces left out), as wordfreq counts words.
A term is looked up whole (after wordfreq's own simplification of characters); the project's
domain dictionary keeps names and formulae whole that wordfreq's segmenter splits, so such
terms are absent from the list (``in_list`` false) and their keyness is partly segmentation.

The official-prose reference is the text of the government work reports in
``data/reference/government_work_reports/`` (one file per year, from Chinese Wikisource; see
``data/reference/README.md``) from :data:`OFFICIAL_PROSE_FIRST_YEAR` on. They are read, cleaned
and cut exactly as the corpus is (the corpus stage's reading and cleaning, the same segmenter,
dictionary and stop list), so a term's count means the same on both sides, and compared with the
corpus's terms as counts, not relative frequencies. Against this reference, what stands out is
what the campaign's articles say that the central government's yearly programme does not: the
stock both share (推动, 发展) is not key.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from policytext.analysis.vocabulary import (KEYNESS_MIN_FREQ, ZERO_FREQUENCY, analysable_paragraphs,
                                            log_likelihood, terms_only, token_table)
from policytext.corpus.build import build_tables
from policytext.paths import reference_dir
from policytext.text import segment

#: wordfreq's sources for Chinese and the end of its data, as its README and SUNSET note state.
WORDFREQ_SOURCES = ("Wikipedia, film and television subtitles (OPUS OpenSubtitles 2018 and SUBTLEX-CH), "
                    "news (NewsCrawl 2014 and GlobalVoices), books (Google Books Ngrams 2012), web text "
                    "(OSCAR), Twitter, and the word list that ships with the jieba segmenter")
WORDFREQ_DATA_UNTIL = "2021"
#: wordfreq's language code and list used as the reference.
WORDFREQ_LANGUAGE = "zh"
WORDFREQ_LIST = "large"
#: Nominal size (words) of the reference corpus: the 'large' list's floor is one per 10^8.
REFERENCE_SIZE = 100_000_000
#: Terms tested: at least this many tokens in the corpus.
REFERENCE_MIN_FREQ = KEYNESS_MIN_FREQ
#: The folder of the official-prose reference under ``data/reference/``, and the reports used:
#: those of the years the campaign's vocabulary belongs to (高质量发展, the new era's formula,
#: entered the Party's programme in October 2017), so that its boilerplate is on both sides.
OFFICIAL_PROSE = "government_work_reports"
OFFICIAL_PROSE_FIRST_YEAR = 2018


@lru_cache(maxsize=1)
def wordfreq_frequencies() -> dict[str, float]:
    """wordfreq's Chinese word frequencies (word: share of all words), read from its package."""
    import wordfreq

    return wordfreq.get_frequency_dict(WORDFREQ_LANGUAGE, wordlist=WORDFREQ_LIST)


def wordfreq_version() -> str:
    """The installed wordfreq's version."""
    from importlib.metadata import version

    return version("wordfreq")


def reference_frequency(terms: Sequence[str], frequencies: Mapping[str, float] | None = None) -> list[float]:
    """Relative frequency of each term in the reference list (0 if absent), looked up whole."""
    from wordfreq.chinese import simplify_chinese

    frequencies = wordfreq_frequencies() if frequencies is None else frequencies
    return [float(frequencies.get(simplify_chinese(term), 0.0)) for term in terms]


def holm(p_values: Sequence[float]) -> np.ndarray:
    """Holm's step-down adjustment of ``p_values`` (family-wise error), in their order."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    stepped = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    adjusted = np.empty(m)
    adjusted[order] = stepped
    return adjusted


def _significant(x: float, digits: int = 4) -> float:
    return float(f"{x:.{digits}g}")


def reference_keyness(target: Counter, target_size: int, reference: Mapping[str, float],
                      reference_size: int = REFERENCE_SIZE,
                      min_freq: int = REFERENCE_MIN_FREQ) -> pd.DataFrame:
    """Keyness of each term of ``target`` (counts in a corpus of ``target_size`` words) against
    relative frequencies ``reference`` taken as a corpus of ``reference_size`` words.

    G² (:func:`policytext.analysis.vocabulary.log_likelihood`), log ratio (Hardie 2014: log2 of
    the ratio of relative frequencies, a zero replaced by
    :data:`~policytext.analysis.vocabulary.ZERO_FREQUENCY`), p from chi-square with 1 df and
    Holm's adjustment over the terms tested (those with at least ``min_freq`` tokens).
    Sorted by G², then term.
    """
    from scipy.stats import chi2

    rows = []
    for term in sorted(t for t, a in target.items() if a >= min_freq):
        a = target[term]
        b = reference.get(term, 0.0) * reference_size
        ll = log_likelihood(a, b, target_size - a, reference_size - b)
        ratio = math.log2((a / target_size) / (max(b, ZERO_FREQUENCY) / reference_size))
        rows.append((term, a, round(1e6 * a / target_size, 1), round(1e6 * b / reference_size, 3),
                     term in reference, round(ll, 4), round(ratio, 4), float(chi2.sf(ll, 1))))
    frame = pd.DataFrame(rows, columns=["term", "freq", "pmw", "pmw_reference", "in_list",
                                        "log_likelihood", "log_ratio", "p"])
    frame["p_holm"] = [_significant(p) for p in holm(frame["p"])]
    frame["p"] = [_significant(p) for p in frame["p"]]
    return frame.sort_values(["log_likelihood", "term"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def word_count(tokens: pd.DataFrame) -> int:
    """Word tokens of a token table: every token but punctuation, symbols and spaces."""
    counts = Counter(tokens["token"].tolist())  # each distinct token judged once
    return int(sum(n for token, n in counts.items() if not segment.is_punctuation_or_symbol(token)))


def keyness_vs_general_chinese(tokens: pd.DataFrame, min_freq: int = REFERENCE_MIN_FREQ) -> pd.DataFrame:
    """Keyness of the corpus's content terms against wordfreq's Chinese list (see the module)."""
    counts = Counter(terms_only(tokens, [])["term"].tolist())
    tested = sorted(t for t, n in counts.items() if n >= min_freq)
    reference = {t: f for t, f in zip(tested, reference_frequency(tested)) if f > 0}
    return reference_keyness(counts, word_count(tokens), reference, min_freq=min_freq)


@lru_cache(maxsize=1)
def _official_prose_corpus():
    """Every government work report of the reference, read and cleaned as the corpus is (once)."""
    return build_tables(reference_dir() / OFFICIAL_PROSE)


def official_prose_paragraphs(first_year: int = OFFICIAL_PROSE_FIRST_YEAR) -> pd.DataFrame:
    """The analysable paragraphs of the government work reports from ``first_year`` on."""
    corpus = _official_prose_corpus()
    documents = pd.DataFrame(corpus.documents)
    documents = documents[documents["doc_id"].str.removeprefix("gwr_").astype(int) >= first_year]
    return analysable_paragraphs(pd.DataFrame(corpus.paragraphs), documents)


@lru_cache(maxsize=1)
def official_prose_tokens() -> pd.DataFrame:
    """The token table of the official-prose reference (see the module), cut as the corpus is."""
    return token_table(official_prose_paragraphs())


def official_prose_reports(tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reports of the official-prose reference (:func:`official_prose_tokens`, or
    ``tokens``), one row each: ``doc_id``, ``year`` and its word tokens (``words``)."""
    tokens = official_prose_tokens() if tokens is None else tokens
    rows = [{"doc_id": doc_id, "year": int(doc_id.removeprefix("gwr_")), "words": word_count(group)}
            for doc_id, group in tokens.groupby("doc_id", sort=True)]
    return pd.DataFrame(rows, columns=["doc_id", "year", "words"])


def official_prose_summary(reports: pd.DataFrame) -> dict[str, object]:
    """The official-prose reference at a glance, from :func:`official_prose_reports`: its
    reports, their first and last years, the years missing between, and its word tokens."""
    years = sorted(int(year) for year in reports["year"])
    return {"reports": len(years), "first_year": str(years[0]), "last_year": str(years[-1]),
            "missing_years": [str(y) for y in range(years[0], years[-1] + 1) if y not in years],
            "words": int(reports["words"].sum())}


def keyness_vs_official_prose(tokens: pd.DataFrame, min_freq: int = REFERENCE_MIN_FREQ,
                              reference_tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyness of the corpus's content terms against the official-prose reference (counts of
    :func:`official_prose_tokens`, or ``reference_tokens``): the columns of
    :func:`reference_keyness`, ``in_list`` meaning the term occurs in the reference."""
    reference_tokens = official_prose_tokens() if reference_tokens is None else reference_tokens
    reference_size = word_count(reference_tokens)
    reference = {term: n / reference_size
                 for term, n in Counter(terms_only(reference_tokens, [])["term"].tolist()).items()}
    counts = Counter(terms_only(tokens, [])["term"].tolist())
    return reference_keyness(counts, word_count(tokens), reference, reference_size, min_freq)


#: Significance level of the vocabulary chapter's keyness tests (Holm-corrected p).
KEY_ALPHA = 0.01


def is_key(table: pd.DataFrame, alpha: float = KEY_ALPHA) -> pd.Series:
    """Per row of a keyness table (``log_ratio``, ``p_holm``): whether the term is key, that is
    more frequent in the corpus at Holm-corrected p below ``alpha``."""
    return (pd.to_numeric(table["p_holm"]) < alpha) & (pd.to_numeric(table["log_ratio"]) > 0)


#: How a term stands against the two references (:func:`compare_references`).
CAMPAIGN, BOILERPLATE, OFFICIAL_ONLY, NEITHER = (
    "key against both", "key against general Chinese only", "key against official prose only", "key against neither")


def compare_references(general: pd.DataFrame, official: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """The terms tested against both references (tables of :func:`keyness_vs_general_chinese` and
    :func:`keyness_vs_official_prose`) with their log ratios and Holm-corrected p, and where each
    stands: more frequent than in both (:data:`CAMPAIGN`: the articles' own vocabulary), than in
    general Chinese only (:data:`BOILERPLATE`: the stock the articles share with official prose),
    than in official prose only, or than in neither (key means Holm-corrected p below ``alpha``
    and a positive log ratio). Sorted by the log ratio against official prose, then term."""
    both = general[["term", "freq", "log_ratio", "p_holm"]].merge(
        official[["term", "log_ratio", "p_holm"]], on="term", suffixes=("_general", "_official"))
    key_general = is_key(both.rename(columns={"p_holm_general": "p_holm", "log_ratio_general": "log_ratio"}), alpha)
    key_official = is_key(both.rename(columns={"p_holm_official": "p_holm", "log_ratio_official": "log_ratio"}), alpha)
    both["standing"] = np.select([key_general & key_official, key_general, key_official],
                                 [CAMPAIGN, BOILERPLATE, OFFICIAL_ONLY], NEITHER)
    return both.sort_values(["log_ratio_official", "term"], ascending=[False, True],
                            kind="stable").reset_index(drop=True)
