"""The book's glossary: curated Chinese terms with English glosses, pinyin and corpus counts."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
from pypinyin import Style, lazy_pinyin

from policytext import tables
from policytext.paths import project_root
from policytext.text.segment import tokenizer

#: Kinds of term. Names of places and organisations take capitalised pinyin; a ``body`` is a
#: kind of institution (组织部, 市委), not a name, and is spelled in lower case.
KINDS = {"place", "organisation", "body", "concept", "policy", "slogan"}
PROPER_KINDS = {"place", "organisation"}
GLOSSARY_COLUMNS = ["term", "words", "kind", "english", "note"]
REQUIRED_COLUMNS = ["term", "kind", "english"]
#: Syllables starting with a, o or e take an apostrophe inside a word (Xī'ān, biānzhě'àn).
_VOWEL_INITIAL = tuple("aāáǎàoōóǒòeēéěè")
#: Chinese punctuation inside a term, spelled as in running pinyin text (可复制、可推广).
_PUNCTUATION = {"、": ",", "，": ",", "；": ";", "：": ":"}
#: Marks of the ``words`` column: ``^`` capitalises a word (^中国式), ``-`` hyphenates the
#: parts of a coordinate abbreviation (粤-港-澳, 深-中).
_CAPITAL_MARK, _HYPHEN = "^", "-"


def glossary_path() -> Path:
    return project_root() / "data" / "glossary.csv"


def join_syllables(syllables: list[str]) -> str:
    """One pinyin word: syllables joined, with an apostrophe before a, o or e."""
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable.startswith(_VOWEL_INITIAL) else "") + syllable
    return word


def _division(term: str, words: str) -> list[str]:
    """The term's words: the curated division, or jieba's default dictionary's."""
    return words.split() if words else tokenizer(domain=False).lcut(term, HMM=False)


def _bare(word: str) -> str:
    """A word of the ``words`` column without its marks."""
    return word.replace(_CAPITAL_MARK, "").replace(_HYPHEN, "")


def pinyin(term: str, proper: bool = False, words: str = "",
           proper_words: frozenset[str] = frozenset()) -> str:
    """Hanyu Pinyin with tone marks, syllables joined within words.

    Words are given as ``words`` (space separated, e.g. ``"深中 通道"``) or cut by jieba's
    default dictionary. ``proper`` capitalises every word, as for names of places; otherwise
    only the words in ``proper_words`` (深圳 in 向深圳学习) and words marked ``^`` are. Parts
    joined by ``-`` are hyphenated (``"粤-港-澳 大湾区"``: Yuè-Gǎng-Ào Dàwānqū).
    """
    spelled: list[str] = []
    for word in _division(term, words):
        bare = _bare(word)
        if all(c in _PUNCTUATION for c in bare):
            mark = "".join(_PUNCTUATION[c] for c in bare)
            if spelled:
                spelled[-1] += mark
            else:
                spelled.append(mark)
            continue
        syllables = lazy_pinyin(bare, style=Style.TONE)
        capital = proper or bare in proper_words or word.startswith(_CAPITAL_MARK)
        parts, start = [], 0
        for part in word.lstrip(_CAPITAL_MARK).split(_HYPHEN):
            joined = join_syllables(syllables[start:start + len(part)])
            parts.append(joined[:1].upper() + joined[1:] if capital else joined)
            start += len(part)
        spelled.append(_HYPHEN.join(parts))
    return " ".join(spelled)


def tones(term: str, words: str = "") -> tuple[int, ...]:
    """Tone of each syllable (1 to 4, 5 for the neutral tone), read as :func:`pinyin` reads."""
    numbers = []
    for word in _division(term, words):
        for syllable in lazy_pinyin(_bare(word), style=Style.TONE3, neutral_tone_with_five=True):
            if syllable[-1:].isdigit():
                numbers.append(int(syllable[-1]))
    return tuple(numbers)


def toneless_letters(spelled: str) -> str:
    """The Latin letters of a pinyin spelling, lower case, without tone marks, spaces,
    apostrophes or hyphens (ü counts as u)."""
    decomposed = unicodedata.normalize("NFD", spelled.lower())
    return "".join(c for c in decomposed if "a" <= c <= "z")


def sort_key(spelled: str, term: str, words: str = "") -> tuple:
    """Order of a pinyin glossary: letter by letter ignoring tones, case, spaces and
    apostrophes; then by tones, syllable by syllable; then by the characters."""
    return toneless_letters(spelled), tones(term, words), term


def read_glossary(path: Path | None = None) -> pd.DataFrame:
    """The curated glossary; a clear error naming the file if columns or terms are wrong."""
    path = Path(path or glossary_path())
    frame = tables.read_curated(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for optional in ("words", "note"):
        if optional not in frame.columns:
            frame[optional] = ""
    empty = frame[(frame[REQUIRED_COLUMNS] == "").any(axis=1)]
    if len(empty):
        raise ValueError(f"{path}: empty cells in row(s) {', '.join(str(i + 2) for i in empty.index)}")
    repeated = frame["term"][frame["term"].duplicated()].tolist()
    if repeated:
        raise ValueError(f"{path}: term(s) listed twice: {', '.join(repeated)}")
    unknown = sorted(set(frame["kind"]) - KINDS)
    if unknown:
        raise ValueError(f"{path}: unknown kind(s) {', '.join(unknown)}; "
                         f"use one of {', '.join(sorted(KINDS))}")
    spelled_out = frame["words"].map(lambda w: _bare(w).replace(" ", ""))
    wrong = frame[(frame["words"] != "") & (spelled_out != frame["term"])]
    if len(wrong):
        raise ValueError(f"{path}: 'words' does not spell the term for: {', '.join(wrong['term'])}")
    return frame[GLOSSARY_COLUMNS]


#: Between a gloss and its note on the page: one column, so the table fits the PDF's width.
NOTE_SEPARATOR = " — "


def gloss_with_note(english: str, note: str) -> str:
    """The page's English cell: the gloss, then the note if there is one."""
    return f"{english}{NOTE_SEPARATOR}{note}" if note else english


def glossary_table(glossary: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The glossary page: term, pinyin, the gloss followed by its note (``english``), the number
    of occurrences of the term as a string in the paragraphs (also inside longer words) and the
    number of documents using it, in pinyin order (see :func:`sort_key`)."""
    text_by_doc = paragraphs.groupby("doc_id")["text"].agg("\n".join)
    table = glossary.copy()
    for optional in ("words", "note"):
        if optional not in table.columns:
            table[optional] = ""
    names = frozenset(glossary.loc[glossary["kind"].isin(PROPER_KINDS), "term"])
    table["pinyin"] = [pinyin(term, kind in PROPER_KINDS, words, names)
                       for term, kind, words in zip(table["term"], table["kind"], table["words"])]
    table["occurrences"] = [int(sum(text.count(t) for text in text_by_doc)) for t in table["term"]]
    table["documents"] = [int(sum(t in text for text in text_by_doc)) for t in table["term"]]
    keys = [sort_key(spelled, term, words)
            for spelled, term, words in zip(table["pinyin"], table["term"], table["words"])]
    table["english"] = [gloss_with_note(e, n) for e, n in zip(table["english"], table["note"])]
    table = table.iloc[sorted(range(len(table)), key=keys.__getitem__)]
    return table[["term", "pinyin", "english", "kind", "occurrences", "documents"]].reset_index(drop=True)
