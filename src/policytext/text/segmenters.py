"""jieba-compatible segmenters (jieba, rjieba, jieba-next) loaded with the same dictionary.

Each backend gets jieba's own ``dict.txt`` and the project's domain words with the frequencies
the project's jieba tokenizer resolved for them, so that only the implementation differs.
:func:`compare_backends` scores them on the gold set and against jieba's own segmentation, on
clean paragraphs and on raw scraped lines (dates, web addresses and identifiers included, where
the backends differ most).
"""
from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from policytext.text import segment

#: Segmenter names: jieba (the reference) first.
BACKENDS = ("jieba", "jieba_next", "rjieba")


def domain_entries() -> list[tuple[str, int, str | None]]:
    """The domain dictionary as ``(word, freq, tag)`` with the frequency jieba resolved."""
    resolved = segment.tokenizer(True).FREQ
    return [(word, resolved[word], tag)
            for word, _, tag in segment.read_user_dictionary(segment.domain_dictionary_path())]


def jieba_dictionary_path() -> Path:
    """jieba's main dictionary ``dict.txt`` (the one every backend is loaded with)."""
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def _rjieba_cut() -> Callable[[str], list[str]]:
    import rjieba

    tokenizer = rjieba.Jieba.empty()
    with open(jieba_dictionary_path(), encoding="utf-8") as handle:
        for line in handle:
            word, freq, tag = line.split()
            tokenizer.add_word(word, int(freq), tag)
    for word, freq, tag in domain_entries():
        tokenizer.add_word(word, freq, tag)
    return lambda text: [t for t in tokenizer.cut(text, hmm=True) if t.strip()]


def _jieba_next_cut() -> Callable[[str], list[str]]:
    import jieba_next

    jieba_next.set_log_level("WARNING")
    tokenizer = jieba_next.Tokenizer(jieba_dictionary_path(), cache_dir=segment.cache_dir())
    tokenizer.initialize()
    for word, freq, tag in domain_entries():
        tokenizer.add_word(word, freq, tag)
    return lambda text: [t for t in tokenizer.cut(text, HMM=True) if t.strip()]


@lru_cache(maxsize=None)
def segmenter(backend: str = "jieba") -> Callable[[str], list[str]]:
    """A function text -> tokens (whitespace dropped) for ``backend``, one per process."""
    if backend == "jieba":
        return segment.cut
    if backend == "rjieba":
        return _rjieba_cut()
    if backend == "jieba_next":
        return _jieba_next_cut()
    raise ValueError(f"unknown segmenter {backend!r}; choose one of {', '.join(BACKENDS)}")


def differences(backend: str, texts: Sequence[str]) -> list[tuple[str, list[str], list[str]]]:
    """``(text, jieba's tokens, backend's tokens)`` for each text that ``backend`` cuts
    differently from jieba."""
    cut = segmenter(backend)
    pairs = ((text, segment.cut(text), cut(text)) for text in texts)
    return [(text, reference, tokens) for text, reference, tokens in pairs if reference != tokens]


def compare_backends(gold: Sequence[Sequence[str]], texts: Sequence[str], raw_lines: Sequence[str] = (),
                     backends: Sequence[str] = BACKENDS, repeats: int = 3) -> pd.DataFrame:
    """Per backend: span F1 on ``gold``, how many of ``texts`` (clean paragraphs) and of
    ``raw_lines`` (scraped lines before cleaning) it segments exactly as jieba does, and speed
    on ``texts`` (best of ``repeats``, characters per second)."""
    reference = [segment.cut(text) for text in texts]
    raw_reference = [segment.cut(line) for line in raw_lines]
    n_chars = sum(map(len, texts))
    rows = []
    for backend in backends:
        cut = segmenter(backend)
        predicted = [cut("".join(words)) for words in gold]
        scores = segment.score_segmentation(predicted, gold)
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            tokens = [cut(text) for text in texts]
            seconds.append(time.perf_counter() - start)
        rows.append({"backend": backend, "gold_f1": scores["f1"], "gold_correct": scores["correct"],
                     "identical_texts": sum(a == b for a, b in zip(tokens, reference)),
                     "n_texts": len(texts),
                     "identical_raw_lines": sum(cut(line) == tokens for line, tokens in zip(raw_lines, raw_reference)),
                     "n_raw_lines": len(raw_lines), "chars_per_second": n_chars / min(seconds)})
    frame = pd.DataFrame(rows)
    frame["speedup"] = frame["chars_per_second"] / frame.loc[frame["backend"] == "jieba",
                                                             "chars_per_second"].iloc[0]
    return frame
