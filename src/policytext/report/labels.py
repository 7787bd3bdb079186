"""Human labels for the codes that name table columns (``n_docs``, ``para_id``, ``bay_area``).

Tables in ``data/derived/`` keep their snake_case column names (they are an interface for code);
the book shows them with labels. A label comes from ``data/codebooks/column_labels.csv``, or for
a theme category from the theme dictionaries (its English label), or, for any other snake_case
name, by spelling it out (``removed_text`` -> "Removed text", ``freq_000`` -> "In 000"); a label
a notebook chose (``most frequent (gloss)``) only gets its capital.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from policytext import paths, tables
from policytext.analysis import places, talent, themes

#: A name written for code: words joined by underscores.
_SNAKE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$")
_PER_DOCUMENT = re.compile(r"^freq_(.+)$")


@lru_cache(maxsize=1)
def code_labels() -> dict[str, str]:
    """Labels of ``column_labels.csv``, by code."""
    return tables.read_curated(paths.codebook_path("column_labels.csv")).set_index("code")["label"].to_dict()


@lru_cache(maxsize=1)
def category_labels() -> dict[str, str]:
    """English labels of the theme categories, by code."""
    categories = themes.load_themes().drop_duplicates("category")
    return {code: label.split(" (")[0] for code, label in zip(categories["category"], categories["category_label"])}


def english_name(label: str) -> str:
    """A codebook or dictionary label as a name for running text and table cells: its English
    part, lower case first (``Exchange and flexible recruitment (交流与柔性引才)`` -> ``exchange
    and flexible recruitment``)."""
    name = label.split(" (")[0]
    return name[:1].lower() + name[1:]


@lru_cache(maxsize=1)
def theme_names() -> dict[str, str]:
    """English names of the themes (``learning from Shenzhen``), by code."""
    frame = themes.load_themes().drop_duplicates("theme")
    return {code: english_name(label) for code, label in zip(frame["theme"], frame["theme_label"])}


@lru_cache(maxsize=1)
def instrument_names() -> dict[str, str]:
    """English names of the talent-policy instrument sub-types, by code key
    (``demand.exchange_flexible``) and by sub-type (``exchange_flexible``)."""
    names = {}
    for code in talent.load_scheme().codes:
        if code.scheme == "instrument":
            names[talent.code_key(code.scheme, code.group, code.code)] = names[code.code] = english_name(code.label)
    return names


def code_name(code: str) -> str:
    """The name a table row or a sentence gives a code of an extractor: a theme, an instrument
    sub-type or a kind of integration outcome by its English name, any other code with its
    underscores as spaces (``learn_from`` -> ``learn from``)."""
    names = theme_names() | instrument_names() | places.OUTCOME_KIND_LABELS
    return names.get(code, code.replace("_", " "))


def code_names(codes: str, separator: str = ", ") -> str:
    """A list of codes joined by ``separator`` (``supply.training, environment.goals_planning``)
    with each code named by :func:`code_name` (``training, goals and planning``)."""
    return separator.join(code_name(code) for code in codes.split(separator)) if codes else codes


@lru_cache(maxsize=1)
def registered_labels() -> dict[str, str]:
    """Labels of ``column_labels.csv`` and of the theme categories, by code."""
    return category_labels() | code_labels()


def label(name: object) -> object:
    """The label shown for a column named ``name``: registered, per document, or the name with
    underscores spelled as spaces and a capital first letter. Single letters (``k``, ``p``) are
    symbols and stay as they are, as does anything not starting with a lower-case Latin letter."""
    if not isinstance(name, str):
        return name
    if name in registered_labels():
        return registered_labels()[name]
    if per_document := _PER_DOCUMENT.match(name):
        return f"In {per_document[1]}"
    if len(name) < 2 or not ("a" <= name[0] <= "z"):
        return name
    if _SNAKE.match(name):
        name = name.replace("_", " ")
    return name[0].upper() + name[1:]


#: Name of an index level whose rows are theme categories.
CATEGORY_LEVEL = "category"


def row_label(value: object, categories: bool = False) -> object:
    """The label shown for a row named ``value``: only codes of ``column_labels.csv`` change, and
    theme-category codes where ``categories`` (the index level is named :data:`CATEGORY_LEVEL`);
    other row names, such as cleaning-rule names or talent-chain stages that share a word with a
    category code (``train``), are identifiers the text refers to."""
    if not isinstance(value, str):
        return value
    return (registered_labels() if categories else code_labels()).get(value, value)


def _labelled_index(index: pd.Index) -> pd.Index:
    """``index`` with its rows labelled (:func:`row_label`), level by level."""
    if isinstance(index, pd.RangeIndex):
        return index
    levels = [index.get_level_values(n).map(lambda v, c=(name == CATEGORY_LEVEL): row_label(v, c))
              for n, name in enumerate(index.names)]
    return pd.MultiIndex.from_arrays(levels, names=index.names) if isinstance(index, pd.MultiIndex) else levels[0]


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its column labels, index names and registered row codes shown as labels;
    a label that two columns would share is not used (both keep their names)."""
    flat = [c for c in frame.columns if not isinstance(c, tuple)]
    given = pd.Series([label(c) for c in flat], index=flat, dtype=object)
    clashing = set(given.index[given.duplicated(keep=False)]) | set(given.index[given.isin(flat) & (given != given.index)])
    shown = frame.rename(columns=lambda c: c if c in clashing else label(c))
    shown.index = _labelled_index(shown.index)
    shown.columns = shown.columns.set_names([label(n) for n in shown.columns.names])
    shown.index = shown.index.set_names([label(n) for n in shown.index.names])
    return shown
