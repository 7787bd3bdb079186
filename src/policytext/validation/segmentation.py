"""Word segmentation judged against three gold sets: the project's own (segmented from jieba's
output under the project's conventions), and two segmented from scratch under the Peking
University corpus standard by an annotator who saw no segmenter's output, one of sentences of
the seed articles and one of sentences of official prose the seed articles do not contain (the
government work reports of ``data/reference/``), where the domain dictionary was not made.

Four segmenters are judged: jieba with its general dictionary, jieba with the project's domain
dictionary, and two whose models ship in their packages and share neither jieba's dictionary
nor its method: THULAC (Tsinghua University's lexical analyser, Python port) and SnowNLP (a
character-based generative model). Scores are span-based (a word is correct when a gold word
covers exactly the same characters; punctuation aside) with bootstrap intervals over sentences,
since words of one sentence are not independent.

The evaluation does not depend on the corpus, and THULAC's model alone takes about a gigabyte
of memory, so :func:`cached_segmentation_tables` keeps its tables between builds under a key of
everything they depend on (the gold sets, the domain dictionary, this code and the segmenters'
versions): a rebuild of the corpus reads them instead of judging the segmenters again.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
from functools import lru_cache
from itertools import combinations
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from policytext import tables
from policytext.paths import annotation_path, cache_dir
from policytext.text import segment
from policytext.validation import metrics
from policytext.validation.metrics import bootstrap_interval

#: Gold sets: name -> file under ``data/annotations/``.
GOLD_SETS = {
    "from scratch (silver, PKU summary)": "segmentation/gold.txt",
    "from scratch, unseen text (silver, PKU summary)": "segmentation/gold_reports.txt",
    "project (corrected jieba output)": "gold_segmentation.txt",
}
#: The segmenters judged, in the order the tables show them.
SEGMENTERS = ("jieba", "jieba + domain dictionary", "THULAC", "SnowNLP")
SCORE_COLUMNS = ("gold_set", "segmenter", "sentences", "gold_words", "predicted_words", "correct",
                 "precision", "precision_low", "precision_high", "recall", "recall_low",
                 "recall_high", "f1", "f1_low", "f1_high")
DISAGREEMENT_COLUMNS = ("gold_set", "source", "segmenter", "gold_only", "segmenter_only")
COMPARISON_COLUMNS = ("gold_set", "first", "second", "sentences", "f1_difference",
                      "f1_difference_low", "f1_difference_high", "settled")
#: Tables of :func:`segmentation_tables`.
TABLES = ("segmentation_scores", "segmentation_disagreements", "segmentation_comparisons")


@lru_cache(maxsize=None)
def _thulac_model():
    import thulac

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return thulac.thulac(seg_only=True)  # prints "Model loaded succeed"


def thulac_cut(text: str) -> list[str]:
    """THULAC's words of ``text`` (segmentation only, no tags)."""
    words = [w for w in _thulac_model().cut(text, text=True).split(" ") if w]
    if "".join(words) != text.replace(" ", ""):
        raise ValueError(f"THULAC changed the text of {text!r}")
    return words


def snownlp_cut(text: str) -> list[str]:
    """SnowNLP's words of ``text``."""
    from snownlp import SnowNLP

    words = [w for w in SnowNLP(text).words if w.strip()]
    if "".join(words) != text.replace(" ", ""):
        raise ValueError(f"SnowNLP changed the text of {text!r}")
    return words


def cutters() -> dict[str, Callable[[str], list[str]]]:
    """Each judged segmenter as a function text -> words."""
    return {"jieba": lambda text: segment.cut(text, domain=False),
            "jieba + domain dictionary": lambda text: segment.cut(text, domain=True),
            "THULAC": thulac_cut, "SnowNLP": snownlp_cut}


def _rates(counts: np.ndarray) -> tuple[float, float, float]:
    correct, predicted, gold = counts.sum(axis=0)
    precision = correct / predicted if predicted else np.nan
    recall = correct / gold if gold else np.nan
    f1 = 2 * correct / (predicted + gold) if predicted + gold else np.nan
    return precision, recall, f1


def score_segmenter(name: str, cut: Callable[[str], list[str]], gold_set: str,
                    gold: Sequence[Sequence[str]], sources: Sequence[str]) -> tuple[dict, list[dict]]:
    """One score row (rates with bootstrap intervals over sentences) and the sentences where
    ``cut`` and the gold set differ."""
    predicted = [cut("".join(words)) for words in gold]
    row, differing, _ = _score_row(name, gold_set, gold, sources, predicted)
    return row, differing


def paired_f1_difference(first: np.ndarray, second: np.ndarray) -> tuple[float, float, float]:
    """F1 of one segmenter minus F1 of another on the same sentences (``first`` and ``second``:
    per-sentence counts of :func:`policytext.text.segment.sentence_span_counts`), with a percentile bootstrap interval that
    resamples sentences for both at once (a paired test: each resample is the same sentences)."""
    difference = float(_rates(first)[2] - _rates(second)[2])
    low, high = bootstrap_interval(lambda index: float(_rates(first[index])[2] - _rates(second[index])[2]),
                                   len(first))
    return difference, low, high


def _score_row(name: str, gold_set: str, gold: Sequence[Sequence[str]], sources: Sequence[str],
               predicted: Sequence[Sequence[str]]) -> tuple[dict, list[dict], np.ndarray]:
    counts = segment.sentence_span_counts(predicted, gold)
    row = {"gold_set": gold_set, "segmenter": name, "sentences": len(gold),
           "gold_words": int(counts[:, 2].sum()), "predicted_words": int(counts[:, 1].sum()),
           "correct": int(counts[:, 0].sum())}
    for k, rate in enumerate(("precision", "recall", "f1")):
        row[rate] = float(_rates(counts)[k])
        row[f"{rate}_low"], row[f"{rate}_high"] = bootstrap_interval(
            lambda index, k=k: float(_rates(counts[index])[k]), len(gold))
    differing = [{"gold_set": gold_set, "source": source, "segmenter": name,
                  "gold_only": " ".join(segment.words_not_in(words, pred)),
                  "segmenter_only": " ".join(segment.words_not_in(pred, words))}
                 for source, words, pred in zip(sources, gold, predicted) if pred != words]
    return row, differing, counts


def segmentation_tables() -> dict[str, pd.DataFrame]:
    """``segmentation_scores`` (each segmenter on each gold set),
    ``segmentation_disagreements`` (per sentence and segmenter, the words only the gold set
    has and the words only the segmenter has) and ``segmentation_comparisons`` (per gold set and
    pair of segmenters, the difference of their F1 with a paired bootstrap interval, and whether
    it excludes zero)."""
    scores, disagreements, comparisons = [], [], []
    for gold_set, file_name in GOLD_SETS.items():
        path = annotation_path(file_name)
        gold, sources = segment.read_gold(path), segment.read_gold_sources(path)
        counts = {}
        for name, cut in cutters().items():
            predicted = [cut("".join(words)) for words in gold]
            row, differing, counts[name] = _score_row(name, gold_set, gold, sources, predicted)
            scores.append(row)
            disagreements += differing
        for first, second in combinations(counts, 2):
            difference, low, high = paired_f1_difference(counts[first], counts[second])
            comparisons.append({"gold_set": gold_set, "first": first, "second": second,
                                "sentences": len(gold), "f1_difference": difference,
                                "f1_difference_low": low, "f1_difference_high": high,
                                "settled": bool(low > 0 or high < 0)})
    return {"segmentation_scores": pd.DataFrame(scores, columns=list(SCORE_COLUMNS)),
            "segmentation_disagreements": pd.DataFrame(disagreements, columns=list(DISAGREEMENT_COLUMNS)),
            "segmentation_comparisons": pd.DataFrame(comparisons, columns=list(COMPARISON_COLUMNS))}


#: Packages whose versions the evaluation depends on.
PACKAGES = ("jieba", "thulac", "snownlp", "numpy", "pandas")


def evaluation_key() -> str:
    """A digest of everything the evaluation depends on: the gold sets, the domain dictionary,
    the code that segments, scores and draws the intervals, and the versions of the segmenters
    and of numpy/pandas."""
    digest = hashlib.sha256()
    files = [annotation_path(name) for name in GOLD_SETS.values()]
    files += [segment.domain_dictionary_path(), Path(__file__), Path(segment.__file__), Path(metrics.__file__)]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    return digest.hexdigest()[:20]


def cached_segmentation_tables(cache: Path | None = None) -> dict[str, pd.DataFrame]:
    """:func:`segmentation_tables`, kept in ``cache`` (default: the project's cache folder) under
    :func:`evaluation_key`; tables read back from the cache hold text cells, so that they are
    written out byte for byte as they were first written."""
    folder = (cache_dir() if cache is None else Path(cache)) / "segmentation" / evaluation_key()
    paths = {name: folder / f"{name}.csv" for name in TABLES}
    if all(path.is_file() for path in paths.values()):
        return {name: tables.read_curated(path) for name, path in paths.items()}
    made = segmentation_tables()
    for name, path in paths.items():
        written = tables.save(made[name], path.with_suffix(".partial"))
        written.replace(path)  # whole files only: a build stopped halfway leaves no half table
    return made
