"""Large test corpora made of real text: the seeds' paragraphs recombined into new articles.

Each generated article is a seed title followed by body and heading paragraphs drawn without
replacement from the seeds, written as they stood in the source files (``text_original``:
traditional script and pinyin annotations included), so reading, cleaning and conversion do
the same work on them as on the seeds. The same ``seed`` gives the same files.
"""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

#: Paragraphs per generated article (inclusive range; the seeds have 9 to 80).
PARAGRAPHS_PER_DOCUMENT = (10, 60)
FILE_SUFFIX = "_synthetic.txt"


def seed_size(paragraphs: pd.DataFrame) -> int:
    """Clean characters of the seed paragraphs: the unit of "100x the seeds"."""
    return int(paragraphs["n_chars"].sum())


def synthetic_documents(paragraphs: pd.DataFrame, n_chars: int, seed: int = 0):
    """Yield article texts until together they hold at least ``n_chars`` clean characters."""
    rng = random.Random(seed)
    titles = paragraphs[paragraphs["kind"] == "title"]
    body = paragraphs[paragraphs["kind"].isin(["body", "heading"])]
    title_texts = list(titles["text_original"])
    body_rows = list(zip(body["text_original"], body["n_chars"]))
    low, high = PARAGRAPHS_PER_DOCUMENT
    total = 0
    while total < n_chars:
        chosen = rng.sample(body_rows, min(rng.randint(low, high), len(body_rows)))
        total += sum(n for _, n in chosen)
        yield "\n\n".join([rng.choice(title_texts), *(text for text, _ in chosen)]) + "\n"


def write_corpus(paragraphs: pd.DataFrame, out_dir: Path, factor: float, seed: int = 0) -> dict:
    """Write ``factor`` times the seeds' size of generated articles into ``out_dir``
    (files ``0000001_synthetic.txt`` ...; earlier generated files there are replaced).
    Returns a summary: documents, characters, bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"*{FILE_SUFFIX}"):
        old.unlink()
    n_docs = n_bytes = 0
    for n_docs, text in enumerate(synthetic_documents(paragraphs, int(factor * seed_size(paragraphs)), seed), 1):
        data = text.encode("utf-8")
        (out_dir / f"{n_docs:07d}{FILE_SUFFIX}").write_bytes(data)
        n_bytes += len(data)
    return {"factor": factor, "seed": seed, "documents": n_docs, "bytes": n_bytes,
            "target_chars": int(factor * seed_size(paragraphs))}
