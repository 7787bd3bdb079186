"""Load the derived tables and summarise them for the chapters."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from policytext.paths import curation_path, derived_dir

#: Short English names of the articles, for chart and table labels (``data/document_names.csv``).
DOCUMENT_NAMES_FILE = "document_names.csv"
#: Characters of the title that label an article missing from :data:`DOCUMENT_NAMES_FILE`.
TITLE_CHARS = 10

#: Columns read as text so IDs such as ``000`` keep their leading zeros.
_TEXT_COLUMNS = {"doc_id": str, "para_id": str, "duplicate_of": str, "date": str, "tokens": str,
                 "top_doc": str}


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A derived table by name (``documents``, ``paragraphs``, ...) from ``folder``
    (default: the project's ``data/derived``)."""
    folder = derived_dir() if folder is None else Path(folder)
    return pd.read_csv(folder / f"{name}.csv", dtype=_TEXT_COLUMNS, keep_default_na=False)


def read_curated(path: Path | str, **options) -> pd.DataFrame:
    """A curated CSV of ``data/`` (glossary, annotations, codebooks...) as text, every cell a
    string; a file that cannot be read or parsed (an unquoted comma, a stray quote, bad bytes)
    raises ``ValueError`` naming the file and the problem, not a parser traceback."""
    options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"} | options
    try:
        return pd.read_csv(path, **options)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValueError(f"{path}: cannot read this CSV file ({type(error).__name__}: {error})") from error


def save(frame: pd.DataFrame, path: Path) -> Path:
    """Write a derived table as UTF-8 CSV with ``\n`` line ends and no index; return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def removal_by_rule(removed: pd.DataFrame, value: str = "n_chars", doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Characters (or, with ``value="count"``) removals per rule (rows) and document (columns);
    with ``doc_ids``, a column for each of those documents, zero where nothing was removed."""
    if value == "count":
        table = removed.pivot_table(index="rule", columns="doc_id", values="line_no",
                                    aggfunc="count", fill_value=0)
    else:
        table = removed.pivot_table(index="rule", columns="doc_id", values=value,
                                    aggfunc="sum", fill_value=0)
    if doc_ids is not None:
        table = table.reindex(columns=pd.Index(sorted(set(table.columns) | set(doc_ids)), name="doc_id"), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total"], ascending=False, kind="stable")


def provenance(documents: pd.DataFrame) -> pd.DataFrame:
    """Per document, where the title, date and outlet came from."""
    columns = ["doc_id", "title_source", "date", "date_precision", "date_provenance",
               "date_stated", "date_stated_source", "date_source", "outlet_source", "metadata_note"]
    return documents[columns].set_index("doc_id")


def document_labels(documents: pd.DataFrame, path: Path | None = None) -> dict[str, str]:
    """``<doc_id> <short name>`` per article of ``documents``, in their order, from
    ``data/document_names.csv`` (or ``path``); an article the file does not name (one added to
    the corpus) is labelled with the start of its title."""
    path = curation_path(DOCUMENT_NAMES_FILE) if path is None else Path(path)
    names = pd.read_csv(path, dtype=str, keep_default_na=False)
    named = dict(zip(names["doc_id"], names["name"]))
    return {d: f"{d} {named.get(d) or t[:TITLE_CHARS]}" for d, t in zip(documents["doc_id"], documents["title"])}
