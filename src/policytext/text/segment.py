"""Word segmentation with jieba: a private tokenizer, a domain dictionary, stopwords, scoring.

jieba is used only through :class:`jieba.Tokenizer` objects made here, never through the
module-level functions, so the global jieba state stays untouched. The dictionary cache lives
in ``jieba/`` of the project's machine-local cache (``.cache/``).
"""
from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import jieba
import numpy as np
import pandas as pd

from policytext import paths
from policytext.paths import lexicon_path

jieba.setLogLevel(logging.WARNING)

#: Runs of Han characters; candidate n-grams never cross anything else.
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


def domain_dictionary_path() -> Path:
    """The versioned domain dictionary (jieba user-dictionary format)."""
    return lexicon_path("domain_words.txt")


def cache_dir() -> Path:
    """jieba's dictionary cache: ``jieba/`` in the project's machine-local cache
    (:func:`policytext.paths.cache_dir`, git-ignored)."""
    folder = paths.cache_dir() / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read_user_dictionary(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Entries ``(word, freq, tag)`` of a jieba user dictionary; ``#`` lines are comments."""
    entries = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return entries


def dictionary_version(path: Path | None = None) -> str:
    """The ``version:`` stated in a dictionary's header comment."""
    for line in Path(path or domain_dictionary_path()).read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s*version:\s*(\S+)", line)
        if match:
            return match.group(1)
    raise ValueError(f"no '# version:' line in {path}")


#: Frequency given to a domain word without one: that of a common mid-frequency word.
USER_WORD_FREQ = 1000


@lru_cache(maxsize=None)
def _default_dictionary() -> jieba.Tokenizer:
    """jieba's default dictionary, loaded once per process (from a cache in :func:`cache_dir`)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    return tokenizer


def make_tokenizer(user_words: Iterable[str | tuple] = ()) -> jieba.Tokenizer:
    """A fresh jieba tokenizer with the default dictionary plus ``user_words``.

    Each user word is a string or a ``(word, freq, tag)`` entry. A word without a frequency
    gets :data:`USER_WORD_FREQ` or, if higher, the frequency jieba suggests to keep it whole
    on its own; the floor keeps it whole next to neighbours too (各镇街 -> 各 镇街).
    """
    base = _default_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = base.tmp_dir
    # A copy of the loaded default dictionary: loading it again would take most of a second.
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
    for entry in user_words:
        word, freq, tag = (entry, None, None) if isinstance(entry, str) else entry
        if freq is None:
            freq = max(USER_WORD_FREQ, tokenizer.suggest_freq(word, tune=False))
        tokenizer.add_word(word, freq, tag)
    return tokenizer


@lru_cache(maxsize=None)
def tokenizer(domain: bool = True) -> jieba.Tokenizer:
    """The project's tokenizer: jieba with (default) or without the domain dictionary."""
    words = read_user_dictionary(domain_dictionary_path()) if domain else ()
    return make_tokenizer(words)


def cut(text: str, domain: bool = True, hmm: bool = True) -> list[str]:
    """Tokens of ``text``, whitespace dropped."""
    return [t for t in tokenizer(domain).cut(text, HMM=hmm) if t.strip()]


# ---------------------------------------------------------------- stopwords and filtering

def _read_word_list(path: Path) -> set[str]:
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def generic_stopwords() -> set[str]:
    """The Chinese list of the maintained ``stopwordsiso`` package."""
    import stopwordsiso

    return set(stopwordsiso.stopwords("zh"))


def keep_words() -> set[str]:
    """Words of the generic list that carry meaning in policy text and are kept as terms."""
    return _read_word_list(lexicon_path("stopwords_keep.txt"))


def policy_stopwords() -> set[str]:
    """Reviewed additions: frequent words of news and policy prose that carry no topic."""
    return _read_word_list(lexicon_path("stopwords_policy.txt"))


@lru_cache(maxsize=None)
def _stopwords(use_keep_list: bool) -> frozenset[str]:
    words = generic_stopwords() | policy_stopwords()
    if use_keep_list:
        words -= keep_words()
    return frozenset(words)


def stopwords(use_keep_list: bool = True) -> frozenset[str]:
    """Generic plus policy stopwords, minus (by default) the keep-list."""
    return _stopwords(use_keep_list)


def is_punctuation_or_symbol(token: str) -> bool:
    """True if every character is punctuation, a symbol or a space."""
    return all(unicodedata.category(ch)[0] in "PSZ" for ch in token)


def has_digit(token: str) -> bool:
    """True if the token holds a digit (Arabic, full-width)."""
    return any(unicodedata.category(ch) == "Nd" for ch in token)


#: A Chinese numeral with a classifier or time unit (一次, 两年, 三个): counts, not terms.
_NUMERAL_CLASSIFIER = re.compile(r"^[一二两三四五六七八九十百千万几每首]+[个次年月天项批种名位家条份届轮]$")


_CHINESE_NUMERAL = re.compile(r"^[〇零一二两三四五六七八九十百千万亿]+$")


def is_numeral_classifier(token: str) -> bool:
    """True for a Chinese numeral (二十) or numeral-classifier word (一次, 两年, 三个)."""
    return bool(_NUMERAL_CLASSIFIER.match(token) or _CHINESE_NUMERAL.match(token))


def is_term(token: str, stop: frozenset[str] | set[str]) -> bool:
    """A content term: letters, two characters or more, no digit or numeral word, no stopword.

    Single characters are dropped: in this corpus they are function words, measure words and
    the halves of abbreviations, and the few single-character nouns (党, 市) say little alone.
    """
    if len(token) < 2 or token in stop:
        return False
    if is_punctuation_or_symbol(token) or has_digit(token) or is_numeral_classifier(token):
        return False
    return any(unicodedata.category(ch).startswith("L") for ch in token)


def terms(text: str, domain: bool = True, use_keep_list: bool = True) -> list[str]:
    """Content terms of ``text`` in order, with the project's tokenizer and stopwords."""
    stop = stopwords(use_keep_list)
    return [t for t in cut(text, domain=domain) if is_term(t, stop)]


# ---------------------------------------------------------------- dictionary candidates

#: Code of the separator put before, between and after the runs of Han characters.
_EDGE = 0
#: Every Han character's code is below this, so a (gram id, character) pair packs into one integer.
_CODE_BASE = 0x10000


def _joined_runs(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    """The runs of Han characters of ``texts`` joined by a separator (also first and last), and
    the character codes of that string (the separator as :data:`_EDGE`), two bytes each: every
    character of a run is below :data:`_CODE_BASE`, so UTF-16 gives one code per character."""
    joined = "\0" + "\0".join(run for text in texts for run in _HAN_RUN.findall(text)) + "\0"
    return joined, np.frombuffer(joined.encode("utf-16-le"), dtype=np.uint16)


def _neighbour_counters(gram_of: np.ndarray, neighbour: np.ndarray, edge: str) -> dict[int, Counter]:
    """Per gram: counts of its neighbour characters (``edge`` for the separator), each Counter in
    order of first occurrence, as counting occurrence by occurrence would fill it."""
    pair_ids, pairs = pd.factorize(gram_of.astype(np.int64) * _CODE_BASE + neighbour)
    counters: dict[int, Counter] = defaultdict(Counter)
    for pair, size in zip(pairs.tolist(), np.bincount(pair_ids).tolist()):
        gram, code = divmod(pair, _CODE_BASE)
        counters[gram][edge if code == _EDGE else chr(code)] = size
    return counters


class _NgramLevel:
    """The frequent n-grams of one length: ``grams`` (in order of first occurrence), their
    ``counts``, and where they occur, for :meth:`neighbours`."""

    def __init__(self, n: int, grams: list[str], counts: np.ndarray, codes: np.ndarray,
                 positions: np.ndarray, gram_of: np.ndarray):
        self.n, self.grams, self.counts = n, grams, counts
        self._codes, self._positions, self._gram_of = codes, positions, gram_of

    def neighbours(self, wanted: Sequence[int]) -> tuple[list[Counter], list[Counter]]:
        """Left and right neighbours (``^``/``$`` at a run's edge) of ``grams[i]``, i in ``wanted``."""
        picked = np.zeros(len(self.grams), dtype=bool)
        picked[np.asarray(wanted, dtype=np.int64)] = True
        occurs = picked[self._gram_of]
        positions, gram_of = self._positions[occurs], self._gram_of[occurs]
        left = _neighbour_counters(gram_of, self._codes[positions - 1], "^")
        right = _neighbour_counters(gram_of, self._codes[positions + self.n], "$")
        return [left[i] for i in wanted], [right[i] for i in wanted]


def _frequent_ngram_levels(joined: str, codes: np.ndarray, min_freq: int,
                           max_n: int) -> Iterator[_NgramLevel]:
    """The frequent n-grams of :func:`_joined_runs`, one level (n = 2 to ``max_n``) at a time.

    A-priori: an n-gram is counted only where both of its (n-1)-grams are frequent, which finds
    every frequent n-gram with its full count. An n-gram is numbered by packing the number of its
    first n-1 characters with its last character and factorizing (hashing, linear time), so each
    level is a few array operations over the positions still alive.
    """
    char_counts = np.bincount(codes)
    alive = (codes != _EDGE) & (char_counts[codes] >= min_freq)  # the (n-1)-gram at i is frequent
    # positions and gram numbers as 32-bit integers (a corpus has fewer than 2**31 characters),
    # widened to 64 bits only to pack a gram's key: the arrays over every character are most of
    # the memory this takes
    ids = codes.astype(np.int32)  # number of the (n-1)-gram starting at i
    for n in range(2, max_n + 1):
        starts = np.flatnonzero(alive[:-1] & alive[1:]).astype(np.int32)
        keys = ids[starts].astype(np.int64) * _CODE_BASE + codes[starts + n - 1]
        gram_ids, _ = pd.factorize(keys)
        del keys
        gram_ids = gram_ids.astype(np.int32)
        sizes = np.bincount(gram_ids)
        frequent = sizes >= min_freq
        if not frequent.any():
            return
        occurs = frequent[gram_ids]
        positions = starts[occurs]
        # renumbered 0, 1, ... in order of first occurrence
        gram_of = (np.cumsum(frequent, dtype=np.int32) - 1)[gram_ids[occurs]]
        del occurs
        is_first = np.empty(len(gram_of), dtype=bool)
        is_first[0] = True
        is_first[1:] = gram_of[1:] > np.maximum.accumulate(gram_of)[:-1]
        grams = [joined[i:i + n] for i in positions[is_first].tolist()]
        del is_first
        yield _NgramLevel(n, grams, sizes[frequent], codes, positions, gram_of)
        alive = np.zeros(len(codes), dtype=bool)
        alive[positions] = True
        ids = np.zeros(len(codes), dtype=np.int32)
        ids[starts] = gram_ids
        del starts, gram_ids


def _char_counts(codes: np.ndarray) -> Counter:
    """Count of every Han character of :func:`_joined_runs`."""
    sizes = np.bincount(codes)
    return Counter({chr(code): int(sizes[code]) for code in np.flatnonzero(sizes).tolist()
                    if code != _EDGE})


def _ngram_counts(texts: Sequence[str], max_n: int, min_freq: int) -> tuple[dict, Counter, dict, dict]:
    """Counts of the character n-grams (2 to ``max_n`` characters, within runs of Han characters)
    seen at least ``min_freq`` times, the count of every character, and the left and right
    neighbours of every frequent n-gram (``^``/``$`` at a run's edge).

    :func:`dictionary_candidates` works level by level instead and asks only for the neighbours
    of the n-grams it still needs.
    """
    joined, codes = _joined_runs(texts)
    counts: dict[str, int] = {}
    left: dict[str, Counter] = {}
    right: dict[str, Counter] = {}
    for level in _frequent_ngram_levels(joined, codes, min_freq, max_n):
        counts.update(zip(level.grams, level.counts.tolist()))
        lefts, rights = level.neighbours(range(len(level.grams)))
        left.update(zip(level.grams, lefts))
        right.update(zip(level.grams, rights))
    return counts, _char_counts(codes), left, right


def _contained_in_an_equally_frequent_longer(candidates: dict[str, int]) -> set[str]:
    """The candidates that occur inside a longer candidate of the same frequency (every
    substring of each candidate looked up once: linear in the number of candidates)."""
    inside = set()
    for gram, freq in candidates.items():
        for n in range(2, len(gram)):
            for i in range(len(gram) - n + 1):
                inside.add((gram[i:i + n], freq))
    return {gram for gram, freq in candidates.items() if (gram, freq) in inside}


def _entropy(neighbours: Counter) -> float:
    """Branching entropy; run edges count as distinct neighbours."""
    total = sum(neighbours.values())
    h = 0.0
    for key, c in neighbours.items():
        if key in "^$":
            h += c * (math.log(total))  # each edge occurrence as its own neighbour
        else:
            h -= c * math.log(c / total)
    return h / total


#: Dictionary candidates: n-grams seen at least this often...
CANDIDATE_MIN_FREQ = 3
#: ...whose smallest PMI over the cuts into two (nats) is at least this...
CANDIDATE_MIN_COHESION = 1.0
#: ...and whose left and right branching entropy are both at least this.
CANDIDATE_MIN_ENTROPY = 0.5


def dictionary_candidates(texts: Sequence[str], min_freq: int = CANDIDATE_MIN_FREQ, max_n: int = 10,
                          min_cohesion: float = CANDIDATE_MIN_COHESION,
                          min_entropy: float = CANDIDATE_MIN_ENTROPY) -> pd.DataFrame:
    """Frequent, cohesive character n-grams that plain jieba splits into several tokens.

    Cohesion is the smallest pointwise mutual information over the ways of cutting the n-gram
    in two (in nats, from n-gram counts); left and right entropy measure how freely the n-gram
    combines with its neighbours (a real word has varied neighbours). An n-gram contained in a
    longer candidate with the same frequency is dropped. Sorted by frequency, then cohesion.
    Neighbours are counted only for the cohesive n-grams.
    """
    joined, codes = _joined_runs(texts)
    chars = _char_counts(codes)
    total_chars = sum(chars.values())
    counts: dict[str, int] = {}

    def prob(s: str) -> float:
        return (chars[s] if len(s) == 1 else counts[s]) / total_chars

    rows = []
    plain = tokenizer(domain=False)
    for level in _frequent_ngram_levels(joined, codes, min_freq, max_n):
        counts.update(zip(level.grams, level.counts.tolist()))
        cohesive = {}
        for i, gram in enumerate(level.grams):
            cohesion = min(math.log(prob(gram) / (prob(gram[:k]) * prob(gram[k:])))
                           for k in range(1, len(gram)))
            if cohesion >= min_cohesion:
                cohesive[i] = cohesion
        lefts, rights = level.neighbours(list(cohesive))
        for (i, cohesion), left, right in zip(cohesive.items(), lefts, rights):
            h_left, h_right = _entropy(left), _entropy(right)
            if min(h_left, h_right) < min_entropy:
                continue
            gram = level.grams[i]
            pieces = [t for t in plain.cut(gram, HMM=False)]
            if len(pieces) < 2:
                continue
            rows.append({"ngram": gram, "n_chars": len(gram), "freq": counts[gram],
                         "cohesion_pmi": round(cohesion, 3), "left_entropy": round(h_left, 3),
                         "right_entropy": round(h_right, 3), "jieba_plain": " ".join(pieces)})
    frame = pd.DataFrame(rows, columns=["ngram", "n_chars", "freq", "cohesion_pmi", "left_entropy",
                                        "right_entropy", "jieba_plain"])
    dropped = _contained_in_an_equally_frequent_longer({row["ngram"]: row["freq"] for row in rows})
    frame = frame[~frame["ngram"].isin(dropped)]
    return frame.sort_values(["freq", "cohesion_pmi", "ngram"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- accuracy against gold

def read_gold(path: Path) -> list[list[str]]:
    """Gold sentences: one per line, words separated by spaces; ``#`` lines are comments."""
    sentences = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            sentences.append(line.split())
    return sentences


def read_gold_sources(path: Path) -> list[str]:
    """The source noted in the comment before each gold sentence (e.g. ``000:6 sentence 2``)."""
    sources, last = [], ""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            last = stripped.lstrip("# ").strip()
        elif stripped:
            sources.append(last)
    return sources


def gold_comparison(path: Path, hmm: bool = True) -> pd.DataFrame:
    """Per gold sentence: gold, plain and domain segmentations and their correct word counts."""
    rows = []
    for source, words in zip(read_gold_sources(path), read_gold(path), strict=True):
        text = "".join(words)
        plain, domain = cut(text, domain=False, hmm=hmm), cut(text, domain=True, hmm=hmm)
        rows.append({"source": source, "gold": " ".join(words), "plain": " ".join(plain),
                     "domain": " ".join(domain),
                     "plain_only": " ".join(words_not_in(plain, domain)),
                     "domain_only": " ".join(words_not_in(domain, plain)),
                     "gold_words": len(spans(words)),
                     "correct_plain": score_segmentation([plain], [words])["correct"],
                     "correct_domain": score_segmentation([domain], [words])["correct"]})
    return pd.DataFrame(rows)


def words_not_in(words: Sequence[str], other: Sequence[str]) -> list[str]:
    """Words of ``words`` (punctuation aside) whose span is not a word of ``other``."""
    theirs = spans(other)
    result, start = [], 0
    for word in words:
        end = start + len(word)
        if (start, end) not in theirs and not is_punctuation_or_symbol(word):
            result.append(word)
        start = end
    return result


def spans(words: Sequence[str], ignore_punctuation: bool = True) -> set[tuple[int, int]]:
    """Character spans ``(start, end)`` of the words; punctuation words left out if asked."""
    result, start = set(), 0
    for word in words:
        end = start + len(word)
        if not (ignore_punctuation and is_punctuation_or_symbol(word)):
            result.add((start, end))
        start = end
    return result


def sentence_span_counts(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]],
                         ignore_punctuation: bool = True) -> np.ndarray:
    """Per sentence: the words whose span both segmentations share, the predicted words and the
    gold words (an array of shape sentences x 3); the texts must be the same."""
    rows = []
    for pred, ref in zip(predicted, gold, strict=True):
        if "".join(pred) != "".join(ref):
            raise ValueError(f"texts differ: {''.join(pred)!r} vs {''.join(ref)!r}")
        p, g = spans(pred, ignore_punctuation), spans(ref, ignore_punctuation)
        rows.append((len(p & g), len(p), len(g)))
    return np.array(rows, dtype=float).reshape(-1, 3)


def score_segmentation(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]],
                       ignore_punctuation: bool = True) -> dict[str, float]:
    """Span-based precision, recall and F1 of predicted against gold segmentations.

    A predicted word counts as correct only if a gold word has exactly the same span.
    """
    tp, n_pred, n_gold = (int(n) for n in sentence_span_counts(predicted, gold, ignore_punctuation).sum(axis=0))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "gold_words": n_gold, "predicted_words": n_pred, "correct": tp}


def evaluate(gold: Sequence[Sequence[str]], domain: bool, hmm: bool = True) -> dict[str, float]:
    """Score the project's tokenizer (with or without the domain dictionary) on gold."""
    predicted = [cut("".join(words), domain=domain, hmm=hmm) for words in gold]
    return score_segmentation(predicted, gold)
