"""Detect traditional vs simplified script and convert to simplified with OpenCC."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

#: OpenCC configuration used for conversion. ``tw2s`` (Taiwan standard to simplified)
#: rather than ``t2s``: the OpenCC standard keeps 著 as a distinct character, so
#: ``t2s`` leaves 摸著石頭過河 as 摸著石头过河, while ``tw2s`` maps the
#: aspect particle to 着 and still leaves 著名 and 著作 alone. It is meant for traditional text
#: only: in simplified text it takes 著 for the particle too (显著 becomes 显着), so a simplified
#: document is never converted (see :func:`policytext.corpus.build.clean_text`).
CONVERSION_CONFIG = "tw2s"

_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Ideographs of the Basic Multilingual Plane: CJK extension A, unified and compatibility ideographs.
_BMP_IDEOGRAPH_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))
#: The same ranges as a regular-expression character class (without brackets).
IDEOGRAPHS = "".join(f"{chr(start)}-{chr(end)}" for start, end in _BMP_IDEOGRAPH_RANGES)
#: Ideographs of the supplementary planes, all treated as convertible: listing the few that
#: OpenCC changes would make the pattern slow.
_SUPPLEMENTARY_IDEOGRAPHS = "\U00020000-\U000323AF"


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=None)
def convertible_characters(config: str = CONVERSION_CONFIG) -> re.Pattern:
    """A pattern matching every character that OpenCC's ``config`` changes on its own.

    A text without any of them is left as it is (the dictionaries' phrases only restore
    characters that the character table would change, as in 著名), so it need not be converted.
    Supplementary-plane ideographs all match, whatever the configuration.
    """
    characters = [chr(c) for start, end in _BMP_IDEOGRAPH_RANGES for c in range(start, end + 1)]
    # One call for all characters; the newlines keep OpenCC from reading them as phrases.
    converted = _converter(config).convert("\n".join(characters)).split("\n")
    assert len(converted) == len(characters), "OpenCC changed the line structure"
    changed = "".join(c for c, new in zip(characters, converted) if new != c)
    return re.compile(f"[{re.escape(changed)}{_SUPPLEMENTARY_IDEOGRAPHS}]")


def to_simplified(text: str) -> str:
    """Convert traditional text to simplified script (line structure is kept).
    Not for simplified text: ``tw2s`` would turn its 显著 into 显着."""
    if not convertible_characters().search(text):
        return text
    return _converter(CONVERSION_CONFIG).convert(text)


def detect_script(text: str) -> str:
    """Return ``traditional``, ``simplified`` or ``none`` (no Han characters).

    A text is traditional when it holds more characters that converting to simplified would
    change than characters that converting to traditional would change (each character
    judged on its own, by :func:`convertible_characters`).
    """
    if not _HAN.search(text):
        return "none"
    to_simp = len(convertible_characters("t2s").findall(text))
    if not to_simp:
        return "simplified"
    to_trad = len(convertible_characters("s2t").findall(text))
    return "traditional" if to_simp > to_trad else "simplified"
