"""Checks of the findings of the corpus chapter (``notebooks/01_corpus.ipynb``, claims in
``data/claims/01_corpus.yml``)."""
from __future__ import annotations

from policytext.report.claims import Result, Tables, check

#: What the source criticism records for every article (curated in ``data/metadata.csv``).
SOURCE_FIELDS = ("genre", "copy_source", "what_it_shows")


@check
def every_article_read_as_a_source(load: Tables) -> Result:
    """Every article read has a genre, the route of its copy and what it can show recorded."""
    documents = load("documents")
    read = documents[documents["status"] == "ok"]
    empty = read[list(SOURCE_FIELDS)].apply(lambda column: column.astype(str).str.strip() == "").any(axis=1)
    missing = sorted(read.loc[empty, "doc_id"])
    return Result(not missing and len(read) > 0,
                  {"articles": len(read), "without a source reading": ", ".join(missing) or "none"})
