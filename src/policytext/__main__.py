"""Command line: ``python -m policytext build --corpus seeds --out data/derived``.

One pipeline: the corpus stage streams the files through :func:`policytext.scale.stream_corpus`
(read, clean, convert, segment and count, document by document, in this process, over local
processes or on a Dask cluster), then the producers of :mod:`policytext.pipeline` make the
analysis tables from the corpus tables.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policytext import scale
from policytext.corpus.reading import DEFAULT_MAX_BYTES
from policytext.pipeline import write_analysis
from policytext.text.segmenters import BACKENDS

STAGES = ("corpus", "all")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policytext", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="read and clean a corpus folder into derived tables")
    build.add_argument("--corpus", type=Path, default=Path("seeds"), help="folder of articles")
    build.add_argument("--out", type=Path, default=Path("data/derived"), help="output folder")
    build.add_argument("--metadata", type=Path, default=Path("data/metadata.csv"),
                       help="curated metadata (ignored if missing)")
    build.add_argument("--corrections", type=Path, default=Path("data/corrections.csv"),
                       help="curated repairs of corrupted source text (ignored if missing)")
    build.add_argument("--strict", action="store_true", help="exit 1 if any file is not ok")
    build.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                       help="files larger than this are listed as too_large and not read (default: %(default)s)")
    build.add_argument("--processes", type=int, default=1, help="local worker processes (corpus stage and analysis)")
    build.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786) instead of local processes")
    build.add_argument("--segmenter", choices=BACKENDS, default=scale.DEFAULT_SEGMENTER,
                       help="segmenter of the corpus stage's term counts (default: %(default)s)")
    build.add_argument("--parquet", choices=("auto", "always", "never"), default="auto",
                       help="also write the corpus tables as Parquet parts (auto: from "
                            f"{scale.LARGE_CORPUS_DOCUMENTS} files on)")
    build.add_argument("--stage", choices=STAGES, default="all",
                       help="corpus: only the corpus tables and term counts; all: also every analysis table")
    args = parser.parse_args(argv)

    options = dict(metadata_csv=args.metadata, corrections_csv=args.corrections,
                   backend=args.segmenter, max_bytes=args.max_bytes,
                   parquet={"auto": None, "always": True, "never": False}[args.parquet])
    try:
        if args.scheduler:
            summary = scale.stream_on_dask(args.corpus, args.out, args.scheduler, **options)
        else:
            summary = scale.stream_corpus(args.corpus, args.out, processes=args.processes, **options)
    except (FileNotFoundError, ValueError) as error:
        print(f"policytext: {error}", file=sys.stderr)
        return 2
    if args.stage == "all":
        write_analysis(args.out, processes=args.processes, scheduler=args.scheduler)
    print(f"{summary.n_documents} files, {summary.n_documents - len(summary.problems)} ok, "
          f"{summary.n_paragraphs} paragraphs, {summary.n_removals} removals -> {args.out}"
          + (" (+ parquet)" if summary.parquet else ""))
    for warning in summary.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    for status, message in summary.problems:
        print(f"  {status}: {message}", file=sys.stderr)
    return 1 if (args.strict and summary.problems) else 0


if __name__ == "__main__":
    sys.exit(main())
