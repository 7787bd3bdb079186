"""Command line: ``python -m policytext build --corpus seeds --out data/derived``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policytext.corpus.build import build_tables, write_tables
from policytext.corpus.reading import DEFAULT_MAX_BYTES
from policytext.pipeline import write_analysis


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policytext", description=__doc__)
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
    args = parser.parse_args(argv)

    try:
        tables = build_tables(args.corpus, args.metadata, args.corrections, args.max_bytes)
    except (FileNotFoundError, ValueError) as error:
        print(f"policytext: {error}", file=sys.stderr)
        return 2
    write_tables(tables, args.out)
    write_analysis(args.out)
    problems = [d for d in tables.documents if d["status"] != "ok"]
    print(f"{len(tables.documents)} files, {len(tables.documents) - len(problems)} ok, "
          f"{len(tables.paragraphs)} paragraphs, {len(tables.removed_lines)} removals -> {args.out}")
    for warning in tables.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    for doc in problems:
        print(f"  {doc['status']}: {doc['message']}", file=sys.stderr)
    return 1 if (args.strict and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
