"""Draw the sentences of the gold segmentation made from scratch (data/annotations/segmentation/).

Body sentences of 15-90 characters of the seed articles (the items of the blind annotation tasks),
not already in the older gold set, shuffled with a fixed seed and taken until about 1,300
characters; printed as "[ID] sentence" lines in the order drawn, as the annotator received them.

    .venv/bin/python scripts/draw_segmentation_sample.py > sentences.txt
"""
from __future__ import annotations

import random

from policytext.paths import annotation_path
from policytext.text import segment
from policytext.validation.items import read_items

SEED = 20261202
CHARACTERS = 1300


def draw() -> list[tuple[str, str]]:
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
    for item_id, text in draw():
        print(f"[{item_id}] {text}")
