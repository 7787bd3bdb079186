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
    missing = sorted(doc_id for doc_id, row in zip(read["doc_id"], read[list(SOURCE_FIELDS)].itertuples(index=False))
                     if any(str(value).strip() in ("", "nan", "None") for value in row))
    return Result(not missing and len(read) > 0, {"articles": len(read), "without a source reading": ", ".join(missing) or "none"})
