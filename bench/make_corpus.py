"""Make large test corpora from the seeds' paragraphs: ``python bench/make_corpus.py``.

Writes ``100x`` and ``1000x`` the seeds' size (clean characters) of recombined real articles
under ``/tmp/policytext_corpora/<factor>x`` (never inside the repository).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from policytext import tables
from policytext.perf import synthetic

DEFAULT_ROOT = Path("/tmp/policytext_corpora")
SEED = 2026


def make(factor: float, root: Path = DEFAULT_ROOT, seed: int = SEED) -> tuple[Path, dict]:
    """Write one corpus of ``factor`` times the seeds; return its folder and summary."""
    folder = root / f"{factor:g}x"
    return folder, synthetic.write_corpus(tables.load("paragraphs"), folder, factor, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=float, action="append", help="size in seeds (default 100 and 1000)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    for factor in args.factor or [100, 1000]:
        folder, summary = make(factor, args.root, args.seed)
        print(f"{folder}: {summary['documents']:,} documents, {summary['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
