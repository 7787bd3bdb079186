"""Multi-term matching shared by the theme, instrument, learning and place modules.

Many terms are found in one pass with an Aho-Corasick automaton (pyahocorasick). Matches are
read leftmost-longest and without overlap, so a longer term hides the shorter terms inside it
(人才驿站 is one match, not also one of 人才). *Masks* take part in that longest match but are
never reported: a mask hides a term inside it that does not mean what the term means there.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, NamedTuple

import ahocorasick

_MASK = object()


class Match(NamedTuple):
    """A term found in a text: ``text[start:end] == term``, with the term's payload."""

    start: int
    end: int
    term: str
    payload: Any


class TermMatcher:
    """Finds the terms of ``payloads`` (term -> payload) in texts, leftmost-longest without
    overlap; ``masks`` are matched too but not reported. A term that is also a mask is a term."""

    def __init__(self, payloads: Mapping[str, Any], masks: Iterable[str] = ()):
        self._automaton = ahocorasick.Automaton()
        for term in masks:
            self._automaton.add_word(term, (term, _MASK))
        for term, payload in payloads.items():
            self._automaton.add_word(term, (term, payload))
        if len(self._automaton):
            self._automaton.make_automaton()

    def __len__(self) -> int:
        """Number of distinct terms and masks."""
        return len(self._automaton)

    def find(self, text: str) -> list[Match]:
        """The matches in ``text`` from left to right, masks left out."""
        if not text or not len(self._automaton):
            return []
        return [Match(end + 1 - len(term), end + 1, term, payload)
                for end, (term, payload) in self._automaton.iter_long(text) if payload is not _MASK]
