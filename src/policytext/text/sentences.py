"""Sentences of a paragraph: the one splitter used by every module that reads sentence by
sentence (events, talent measures, learning edges, integration outcomes).

A sentence runs up to and including a run of sentence-final marks (。！？ and the clause-final
semicolon ；, also typed half-width) and, by default, the closing quotes right after them, so
that “……过河。”他说。 is the quotation “……过河。” and the sentence 他说。.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

#: Marks that end a sentence or a clause of equal weight.
SENTENCE_ENDS = "。！？；;"
#: Closing quotes that stay with the sentence they close.
CLOSING_QUOTES = "”’」』"
#: The clauses of ``events.csv`` and ``quantities.csv`` (and the integration outcomes, which must
#: equal them) end at the mark: a closing quote after it starts the next piece.
CLAUSE_QUOTES = ""


class Sentence(NamedTuple):
    """A sentence and where it lies in its paragraph: ``paragraph[start:end] == text``."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def _pattern(ends: str, quotes: str) -> re.Pattern:
    marks = f"[{re.escape(ends)}]+" + (f"[{re.escape(quotes)}]*" if quotes else "")
    # The two branches cover every character, so the pieces tile the paragraph.
    return re.compile(rf"[^{re.escape(ends)}]+(?:{marks})?|{marks}")


def split_sentences(text: str, ends: str = SENTENCE_ENDS,
                    quotes: str = CLOSING_QUOTES) -> list[Sentence]:
    """The sentences of ``text``, cut after runs of the marks in ``ends`` and the closing
    ``quotes`` right after them, white space around each trimmed, blank pieces dropped."""
    found = []
    for piece in _pattern(ends, quotes).finditer(text):
        stripped = piece.group().strip()
        if stripped:
            start = piece.start() + piece.group().index(stripped[0])
            found.append(Sentence(start, start + len(stripped), stripped))
    return found


def sentence_at(text: str, start: int, end: int, ends: str = SENTENCE_ENDS,
                quotes: str = CLOSING_QUOTES) -> str:
    """The sentence of ``text`` (as :func:`split_sentences` cuts it) that holds the span
    ``start:end``, or the run of sentences if the span crosses a sentence end."""
    pieces = [piece.span() for piece in _pattern(ends, quotes).finditer(text)]
    last = max(start, end - 1)
    left = next((a for a, b in pieces if a <= start < b), start)
    right = next((b for a, b in pieces if a <= last < b), end)
    return text[left:right].strip()


def sentence_ids(table: "pd.DataFrame") -> "pd.Series":
    """``para_id.sentence_no`` of each row of ``table``: the ID of a sentence, as the annotation
    items, the talent measures and the book's citations (``000:57.4``) name it."""
    return table["para_id"] + "." + table["sentence_no"].astype("Int64").astype(str)
