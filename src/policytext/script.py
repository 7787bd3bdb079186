"""Detect traditional vs simplified script and convert to simplified with OpenCC."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import opencc

#: OpenCC configuration used for conversion. ``tw2s`` (Taiwan standard to simplified)
#: rather than ``t2s``: the OpenCC standard keeps 著 as a distinct character, so
#: ``t2s`` leaves 摸著石頭過河 as 摸著石头过河, while ``tw2s`` maps the
#: aspect particle to 着 and still leaves 著名 and 著作 alone.
CONVERSION_CONFIG = "tw2s"

_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Code points OpenCC's dictionaries cover: CJK extension A, unified ideographs,
#: compatibility ideographs and the supplementary ideographic planes.
_IDEOGRAPH_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=None)
def convertible_characters(config: str = CONVERSION_CONFIG) -> re.Pattern:
    """A pattern matching every character that OpenCC's ``config`` changes on its own.

    A text without any of them is left as it is (the dictionaries' phrases only restore
    characters that the character table would change, as in 著名), so it need not be converted:
    most lines of a simplified corpus are skipped, which makes cleaning several times faster.
    """
    characters = [chr(c) for start, end in _IDEOGRAPH_RANGES for c in range(start, end + 1)]
    # One call for all characters; the newlines keep OpenCC from reading them as phrases.
    converted = _converter(config).convert("\n".join(characters)).split("\n")
    assert len(converted) == len(characters), "OpenCC changed the line structure"
    changed = "".join(c for c, new in zip(characters, converted) if new != c and c <= "\uffff")
    # Supplementary-plane ideographs all count: listing them would make the pattern slow.
    return re.compile(f"[{re.escape(changed)}\U00020000-\U000323AF]")


def to_simplified(text: str) -> str:
    """Convert text to simplified script (line structure is kept)."""
    if not convertible_characters().search(text):
        return text
    return _converter(CONVERSION_CONFIG).convert(text)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _changed_chars(before: str, after: str) -> int:
    """Characters that differ at the same position (over the shorter of the two texts)."""
    a, b = _code_points(before), _code_points(after)
    n = min(len(a), len(b))
    return int(np.count_nonzero(a[:n] != b[:n]))


def detect_script(text: str) -> str:
    """Return ``traditional``, ``simplified`` or ``none`` (no Han characters).

    A text is traditional when converting it to simplified changes more characters
    than converting it to traditional does.
    """
    if not _HAN.search(text):
        return "none"
    simplified = _converter("t2s").convert(text)
    if simplified == text:  # the common case, decided without counting
        return "simplified"
    to_simp = _changed_chars(text, simplified)
    to_trad = _changed_chars(text, _converter("s2t").convert(text))
    return "traditional" if to_simp > to_trad else "simplified"
