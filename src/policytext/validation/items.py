"""The units a blind annotator codes: every sentence, or every paragraph, of the analysable
articles, with an ID that ties the annotation back to the extractors' tables.

A sentence's ID is ``para_id.sentence_no`` (``000:6.1``), the sentence as
:func:`policytext.text.sentences.split_sentences` cuts it, as in ``talent_measures.csv``. The
item files keep the text, so an annotation made on one version of the corpus is matched to a
later version only where the text is unchanged (:func:`match_items`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from policytext.paths import annotation_path
from policytext.text.sentences import split_sentences

ITEM_COLUMNS = ("item_id", "doc_id", "para_id", "sentence_no", "kind", "text")


def annotated_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``paragraphs`` that hold an item of some annotation task
    (``data/annotations/*/items.csv``). Items are compared only there, so the validation
    producers split and read these paragraphs alone and their cost does not grow with the corpus."""
    annotated = set()
    for path in sorted(annotation_path("").glob("*/items.csv")):
        annotated.update(pd.read_csv(path, usecols=["para_id"], dtype=str, keep_default_na=False)["para_id"])
    return paragraphs[paragraphs["para_id"].isin(annotated)]


def sentence_items(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of ``paragraphs`` (columns :data:`ITEM_COLUMNS`), in text order."""
    rows = [{"item_id": f"{para_id}.{number}", "doc_id": doc_id, "para_id": para_id,
             "sentence_no": number, "kind": kind, "text": sentence.text}
            for para_id, doc_id, kind, text in zip(paragraphs["para_id"], paragraphs["doc_id"],
                                                    paragraphs["kind"], paragraphs["text"])
            for number, sentence in enumerate(split_sentences(text), start=1)]
    return pd.DataFrame(rows, columns=list(ITEM_COLUMNS))


def paragraph_items(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph (columns :data:`ITEM_COLUMNS`, ``sentence_no`` 0), in text order."""
    return pd.DataFrame({"item_id": paragraphs["para_id"], "doc_id": paragraphs["doc_id"],
                         "para_id": paragraphs["para_id"], "sentence_no": 0,
                         "kind": paragraphs["kind"], "text": paragraphs["text"]},
                        columns=list(ITEM_COLUMNS)).reset_index(drop=True)


def sample_items(items: pd.DataFrame, n: int | None, seed: int) -> pd.DataFrame:
    """``n`` items drawn without replacement with ``seed`` (all items when ``n`` is None or not
    smaller than their number), returned in text order."""
    if n is None or n >= len(items):
        return items.reset_index(drop=True)
    drawn = items.sample(n=n, random_state=seed)
    return items.loc[sorted(drawn.index)].reset_index(drop=True)


class NotCovered(LookupError):
    """An annotation holds no item of the corpus the book is built on: its readings do not apply."""


def match_items(annotated: pd.DataFrame, current: pd.DataFrame, id_column: str = "item_id",
                text_column: str = "text") -> pd.DataFrame:
    """The rows of ``annotated`` (with ``id_column`` and ``text_column``) whose item still exists
    in ``current`` (``item_id``, ``text``) with the same text; the others cannot be compared and
    are left out."""
    now = dict(zip(current["item_id"], current["text"]))
    keep = [now.get(item) == text for item, text in zip(annotated[id_column], annotated[text_column])]
    return annotated[keep].reset_index(drop=True)


def covered(rows: pd.DataFrame, what: str = "the annotation") -> pd.DataFrame:
    """``rows`` (an annotation's rows of the current corpus), or :class:`NotCovered` when there
    are none: on a corpus without the annotated articles, what rests on them is not stated (the
    chapters show a placeholder) rather than read as zero."""
    if rows.empty:
        raise NotCovered(f"{what} holds no item of this corpus")
    return rows


def annotator_view(items: pd.DataFrame, titles: dict[str, str],
                   paragraph_texts: dict[str, str] | None = None) -> str:
    """The items as an annotator reads them: per article its title, per paragraph its kind (and
    its full text, from ``paragraph_texts`` when given, for items read in context), then each
    item on its own line after its ID (plain text, no rules, no extractor output)."""
    lines: list[str] = []
    for doc_id, in_doc in items.groupby("doc_id", sort=False):
        lines += [f"# Article {doc_id}: {titles.get(doc_id, '')}", ""]
        for para_id, in_para in in_doc.groupby("para_id", sort=False):
            lines.append(f"## Paragraph {para_id} ({in_para['kind'].iloc[0]})")
            if paragraph_texts is not None:
                lines.append(f"Paragraph: {paragraph_texts[para_id]}")
            lines += [f"[{item}] {text}" for item, text in zip(in_para["item_id"], in_para["text"])]
            lines.append("")
    return "\n".join(lines)


def sentences_named(paragraphs: pd.DataFrame, item_ids) -> pd.DataFrame:
    """The sentence items of ``paragraphs`` whose IDs are in ``item_ids``, in text order."""
    items = sentence_items(paragraphs)
    return items[items["item_id"].isin(set(item_ids))].reset_index(drop=True)[list(ITEM_COLUMNS)]


def current_item_ids(folder: Path, sentences: pd.DataFrame) -> list[str]:
    """The sentence items of a task folder's ``items.csv`` that still exist with the same text
    among ``sentences`` (:func:`sentence_items` of the corpus, split once by the caller;
    :func:`match_items`); none when the folder has no items."""
    if not (folder / "items.csv").exists():
        return []
    return list(match_items(read_items(folder / "items.csv"), sentences)["item_id"])


def read_items(path: Path) -> pd.DataFrame:
    """A committed item file (``data/annotations/<task>/items.csv``)."""
    return pd.read_csv(path, dtype={"doc_id": str, "para_id": str, "item_id": str},
                       keep_default_na=False)
