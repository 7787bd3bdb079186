"""Draw the sentences of the gold segmentations made from scratch (data/annotations/segmentation/).

Body sentences of 15-90 characters of the seed articles (the items of the blind annotation tasks),
not already in the older gold set, shuffled with a fixed seed and taken until about 1,300
characters; printed as "[ID] sentence" lines in the order drawn, as the annotator received them.
With ``--reference``, the same draw from the body sentences of the reference corpus of official
prose (``data/reference/government_work_reports/``), text the seed articles do not contain.

    .venv/bin/python scripts/draw_segmentation_sample.py [--reference] > sentences.txt
"""
from __future__ import annotations

import argparse
import random

import pandas as pd

from policytext.corpus.build import build_tables
from policytext.paths import annotation_path, reference_dir
from policytext.text import segment
from policytext.validation.items import read_items, sentence_items

SEED = 20261202
CHARACTERS = 1300


def draw(reference: bool = False) -> list[tuple[str, str]]:
    if reference:
        corpus = build_tables(reference_dir() / "government_work_reports")
        items = sentence_items(pd.DataFrame(corpus.paragraphs))
    else:
        items = read_items(annotation_path("learning") / "items.csv")
    older = {"".join(words) for words in segment.read_gold(annotation_path("gold_segmentation.txt"))}
    pool = items[(items["kind"] == "body") & items["text"].str.len().between(15, 90)
                 & ~items["text"].isin(older)]
    order = list(pool.index)
    random.Random(SEED).shuffle(order)
    chosen, characters = [], 0
    for index in order:
        chosen.append(index)
        characters += len(pool.loc[index, "text"])
        if characters >= CHARACTERS:
            break
    return [(pool.loc[i, "item_id"], pool.loc[i, "text"]) for i in chosen]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", action="store_true", help="draw from the reference corpus")
    for item_id, text in draw(parser.parse_args().reference):
        print(f"[{item_id}] {text}")
