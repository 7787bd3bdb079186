"""How the chapters stay readable on a large corpus: a per-document figure or table shows at
most :data:`SHOWN_DOCUMENTS` documents (the largest), a list of items at most
:data:`PRINTED_ROWS` rows in print, and each says in its caption what it left out and which
file in ``data/derived`` holds it all. On the seed articles nothing is left out.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

#: Documents a per-document figure or table shows at most; a larger corpus shows its largest.
SHOWN_DOCUMENTS = 12
#: Documents a table with one column per document shows at most (the page's width).
SHOWN_COLUMNS = 6
#: Rows a list of items (sentences, matches, corrections) prints at most in the PDF.
PRINTED_ROWS = 200


def shown_documents(sizes: pd.Series | Mapping[str, float], n: int = SHOWN_DOCUMENTS) -> list[str]:
    """The documents a per-document view shows, in ID order: all of ``sizes`` (document ID ->
    size), or the ``n`` largest (ties: the lower ID) when there are more."""
    sizes = pd.Series(sizes, dtype=float)
    if len(sizes) <= n:
        return sorted(sizes.index)
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    return sorted(doc for doc, _ in ranked[:n])


def shown_note(shown: int, total: int, size: str, source: str) -> str:
    """A caption's sentence on what a per-document view shows: every document that has some
    ``size`` (a view need not list the documents without), or the ``shown`` largest of ``total``
    by ``size`` with the file (``source``) that holds them all."""
    if shown >= total:
        return f"Every document with {size} is shown."
    return f"The {shown} largest of the {total:,} documents (by {size}) are shown; all are in {source}."


def largest_documents(sizes: pd.Series | Mapping[str, float], size: str, source: str,
                      n: int = SHOWN_DOCUMENTS) -> tuple[list[str], str]:
    """The documents a per-document view shows (:func:`shown_documents`) and its caption's
    sentence (:func:`shown_note`), for ``sizes`` measured in ``size`` and held in ``source``."""
    shown = shown_documents(sizes, n)
    return shown, shown_note(len(shown), len(sizes), size, source)


def first_rows(frame: pd.DataFrame, source: str, n: int = SHOWN_DOCUMENTS) -> tuple[pd.DataFrame, str]:
    """The first ``n`` rows of ``frame`` and a caption's sentence saying whether that is all of
    it or where the rest is (``source``)."""
    if len(frame) <= n:
        return frame, "Every row is shown."
    return frame.head(n), f"The first {n} of {len(frame):,} rows are shown; all are in {source}."
