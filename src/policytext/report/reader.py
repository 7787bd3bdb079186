"""The corpus reader: every paragraph of the corpus under its ID, with its document's metadata,
so that a paragraph or sentence ID cited anywhere in the book can be a link to its text.

The Sphinx extension (``_ext/policybook.py``) sets the reader's page from :func:`reader_documents`
and turns each cited ID (``000:22`` or the sentence ``000:22.1``) whose paragraph the reader shows
into a link to :func:`anchor`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from policytext.corpus.cleaning import normalise
from policytext.corpus.metadata import COPY_SOURCES, GENRES

#: A paragraph ID (``000:22``) or a sentence ID (``000:22.1``), the whole of a cited string.
CITED_ID = re.compile(r"^(\d{3,}):(\d+)(?:\.(\d+))?$")
#: The same, inside a longer text (a table cell in HTML or LaTeX).
CITED_ID_IN_TEXT = re.compile(r"(?<![\w:.])(\d{3,}:\d+(?:\.\d+)?)(?![\w:]|\.\d)")
#: A corpus with more paragraphs than this shows only its first documents in the reader
#: (the page would weigh tens of megabytes); the full text is in ``paragraphs.csv``.
MAX_PARAGRAPHS = 5000
#: The document metadata shown above each document's paragraphs: column -> label.
METADATA = {"date": "date", "outlet": "outlet", "publisher": "publisher named in the copy",
            "original_publisher": "original publisher", "author": "author",
            "genre": "genre", "copy_source": "copy", "file_name": "file", "status": "status"}


def anchor(cited: str) -> str | None:
    """The reader's anchor for a cited paragraph or sentence ID (``para-000-22``), or None when
    ``cited`` is not an ID."""
    found = CITED_ID.match(cited.strip())
    return None if found is None else f"para-{found[1]}-{found[2]}"


def paragraph_anchor(para_id: str) -> str:
    """The reader's anchor of any paragraph: :func:`anchor` for an ID the chapters can cite
    (digits, as the seed articles' ``000:22``), otherwise the ID made safe for HTML and LaTeX
    (a file named ``gwr_2024.txt`` gives paragraphs ``gwr_2024:7``, anchor ``para-gwr-2024-7``)."""
    return anchor(para_id) or "para-" + re.sub(r"[^a-z0-9]+", "-", para_id.lower()).strip("-")


def shows_original(text: str, original: str) -> bool:
    """Whether a paragraph's source line is worth showing under its clean text: it differs in
    more than the cleaning's normalisation (full-width punctuation, digits, whitespace)."""
    return normalise(str(original)) != str(text)


@dataclass(frozen=True)
class ReaderDocument:
    """One document of the reader: its ID, title, metadata line and paragraphs in order (the
    site shows a paragraph's source line only where :func:`shows_original`)."""

    doc_id: str
    title: str
    metadata: tuple[tuple[str, str], ...]
    paragraphs: pd.DataFrame


def reader_documents(paragraphs: pd.DataFrame, documents: pd.DataFrame,
                     max_paragraphs: int = MAX_PARAGRAPHS) -> tuple[list[ReaderDocument], int]:
    """The documents the reader shows, in ID order, each with all its paragraphs, until
    ``max_paragraphs`` would be passed; and the number of paragraphs left out. Documents
    without paragraphs (not ``ok``) are listed with their status."""
    shown, used, left_out = [], 0, 0
    by_document = {doc_id: frame for doc_id, frame in paragraphs.groupby("doc_id", sort=False)}
    for row in documents.sort_values("doc_id").itertuples(index=False):
        own = by_document.get(row.doc_id, paragraphs.iloc[:0]).sort_values("para_no")
        if left_out or used + len(own) > max_paragraphs:  # the first documents, then none
            left_out += len(own)
            continue
        used += len(own)
        metadata = tuple((label, metadata_value(column, str(getattr(row, column))))
                         for column, label in METADATA.items()
                         if column in documents.columns and str(getattr(row, column)).strip())
        shown.append(ReaderDocument(row.doc_id, str(row.title).strip(), metadata, own))
    return shown, left_out


def metadata_value(column: str, value: str) -> str:
    """A metadata value as the reader shows it: a genre or copy-source code as its label
    (``central_media_repost`` -> 转载央媒报道 (repost of a central-media feature))."""
    labels = {"genre": GENRES, "copy_source": COPY_SOURCES}.get(column, {})
    return labels.get(value, value)
