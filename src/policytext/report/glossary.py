"""The book's glossary: curated Chinese terms with English glosses, pinyin and corpus counts."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from pypinyin import Style, lazy_pinyin

from policytext.paths import project_root
from policytext.text.segment import tokenizer

#: Kinds of term whose pinyin is capitalised, as for proper names.
PROPER_KINDS = {"place", "organisation"}
GLOSSARY_COLUMNS = ["term", "words", "kind", "english"]
REQUIRED_COLUMNS = ["term", "kind", "english"]
#: Syllables starting with a, o or e take an apostrophe inside a word (Xī'ān, biānzhě'àn).
_VOWEL_INITIAL = tuple("aāáǎàoōóǒòeēéěè")


def glossary_path() -> Path:
    return project_root() / "data" / "glossary.csv"


def join_syllables(syllables: list[str]) -> str:
    """One pinyin word: syllables joined, with an apostrophe before a, o or e."""
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable.startswith(_VOWEL_INITIAL) else "") + syllable
    return word


def pinyin(term: str, proper: bool = False, words: str = "",
           proper_words: frozenset[str] = frozenset()) -> str:
    """Hanyu Pinyin with tone marks, syllables joined within words.

    Words are given as ``words`` (space separated, e.g. ``"深中 通道"``) or cut by jieba's
    default dictionary. ``proper`` capitalises every word, as for names of places; otherwise
    only the words in ``proper_words`` (深圳 in 向深圳学习) are capitalised.
    """
    division = words.split() if words else tokenizer(domain=False).lcut(term, HMM=False)
    spelled = []
    for word in division:
        syllables = join_syllables(lazy_pinyin(word, style=Style.TONE))
        capital = proper or word in proper_words
        spelled.append(syllables[:1].upper() + syllables[1:] if capital else syllables)
    return " ".join(spelled)


def read_glossary(path: Path | None = None) -> pd.DataFrame:
    """The curated glossary; a clear error naming the file if columns or terms are wrong."""
    path = Path(path or glossary_path())
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    if "words" not in frame.columns:
        frame["words"] = ""
    empty = frame[(frame[REQUIRED_COLUMNS] == "").any(axis=1)]
    if len(empty):
        raise ValueError(f"{path}: empty cells in row(s) {', '.join(str(i + 2) for i in empty.index)}")
    repeated = frame["term"][frame["term"].duplicated()].tolist()
    if repeated:
        raise ValueError(f"{path}: term(s) listed twice: {', '.join(repeated)}")
    wrong = frame[(frame["words"] != "") & (frame["words"].str.replace(" ", "") != frame["term"])]
    if len(wrong):
        raise ValueError(f"{path}: 'words' does not spell the term for: {', '.join(wrong['term'])}")
    return frame[GLOSSARY_COLUMNS]


def glossary_table(glossary: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Glossary with pinyin, the number of occurrences in the paragraphs and the number of
    documents using each term, sorted by pinyin (the order of a Chinese dictionary)."""
    text_by_doc = paragraphs.groupby("doc_id")["text"].agg("\n".join)
    table = glossary.copy()
    names = frozenset(glossary.loc[glossary["kind"].isin(PROPER_KINDS), "term"])
    table["pinyin"] = [pinyin(term, kind in PROPER_KINDS, words, names)
                       for term, kind, words in zip(table["term"], table["kind"], table["words"])]
    table["occurrences"] = [int(sum(text.count(t) for text in text_by_doc)) for t in table["term"]]
    table["documents"] = [int(sum(t in text for text in text_by_doc)) for t in table["term"]]
    table["sort_key"] = table["pinyin"].str.lower()
    table = table.sort_values(["sort_key", "term"], kind="stable").drop(columns="sort_key")
    return table[["term", "pinyin", "english", "kind", "occurrences", "documents"]].reset_index(drop=True)
