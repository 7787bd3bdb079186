"""Write the reference corpus of official prose: the State Council's government work reports.

The reports come from Chinese Wikisource (zh.wikisource.org, one page per year), as collected in
the JSON Lines file ``government_work_reports.jsonl`` of github.com/aldohemsn/chinese-political-corpora
(commit 99bc4b0). Each report of ``FIRST_YEAR`` on is written to
``data/reference/government_work_reports/gwr_<year>.txt``: Wikisource's licence notice at the end
is dropped, and the line breaks Wikisource leaves around links inside a paragraph are joined
(paragraphs are separated by blank lines). Run once; the files are committed.

    .venv/bin/python scripts/import_reference_reports.py /path/to/government_work_reports.jsonl
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from policytext.paths import reference_dir

FIRST_YEAR = 2005
LICENCE_NOTICE = "本作品是中华人民共和国的"


def clean(content: str) -> str:
    """The report's text: paragraphs (blocks between blank lines) with their inner line breaks
    joined, Wikisource's licence notice and empty blocks dropped."""
    content = content.split(LICENCE_NOTICE)[0]
    blocks = [re.sub(r"\s*\n\s*", "", block).strip() for block in re.split(r"\n\s*\n", content)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("jsonl", type=Path)
    args = parser.parse_args()
    folder = reference_dir() / "government_work_reports"
    folder.mkdir(parents=True, exist_ok=True)
    with open(args.jsonl, encoding="utf-8") as lines:
        reports = [json.loads(line) for line in lines]
    for report in sorted(reports, key=lambda r: str(r["year"])):
        if report["year"] is None or "决议" in report["title"] or int(report["year"]) < FIRST_YEAR:
            continue
        text = clean(report["content"])
        (folder / f"gwr_{report['year']}.txt").write_text(text, encoding="utf-8")
        print(f"gwr_{report['year']}.txt  {len(text):,} characters  {report['url']}")


if __name__ == "__main__":
    main()
