"""Load the derived tables and summarise them for the chapters."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from policytext.paths import derived_dir

#: Columns read as text so IDs such as ``000`` keep their leading zeros.
_TEXT_COLUMNS = {"doc_id": str, "para_id": str, "duplicate_of": str, "date": str}


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A derived table by name (``documents``, ``paragraphs``, ...) from ``folder``
    (default: the project's ``data/derived``)."""
    folder = derived_dir() if folder is None else Path(folder)
    return pd.read_csv(folder / f"{name}.csv", dtype=_TEXT_COLUMNS, keep_default_na=False)


def save(frame: pd.DataFrame, path: Path) -> Path:
    """Write a derived table as UTF-8 CSV with ``\n`` line ends and no index; return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def removal_by_rule(removed: pd.DataFrame, value: str = "n_chars") -> pd.DataFrame:
    """Characters (or, with ``value="count"``) removals per rule (rows) and document (columns)."""
    if value == "count":
        table = removed.pivot_table(index="rule", columns="doc_id", values="line_no",
                                    aggfunc="count", fill_value=0)
    else:
        table = removed.pivot_table(index="rule", columns="doc_id", values=value,
                                    aggfunc="sum", fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total"], ascending=False, kind="stable")


def provenance(documents: pd.DataFrame) -> pd.DataFrame:
    """Per document, where the title, date and outlet came from."""
    columns = ["doc_id", "title_source", "date", "date_precision", "date_provenance",
               "date_stated", "date_source", "outlet_source", "metadata_note"]
    return documents[columns].set_index("doc_id")
