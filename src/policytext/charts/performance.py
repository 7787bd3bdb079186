"""Charts of appendix A1 (performance and scale): pipeline throughput against raw jieba."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from policytext.charts.fonts import use_cjk_font
from policytext.perf.benchmarks import segmenter_name
from policytext.text.segmenters import BACKENDS

#: Colour of the raw ``jieba.lcut`` bar and of the target lines.
REFERENCE_COLOUR = "grey"
#: Colour of each segmenter's pipeline runs, in the order of :data:`BACKENDS`.
SEGMENTER_COLOURS = {segmenter_name(b): f"C{i}" for i, b in enumerate(BACKENDS)}


def throughput_bars(frame: pd.DataFrame, limits: Sequence[float]) -> Figure:
    """Thousand characters per second of each run, labelled with its ratio to raw
    ``jieba.lcut`` (the first row, in grey), coloured by segmenter, with a dashed line at each
    target ratio in ``limits``; ``frame`` is :func:`policytext.perf.benchmarks.throughput_table`."""
    use_cjk_font()
    raw_k = frame["Chars/s"].iloc[0] / 1000
    fig, ax = plt.subplots(figsize=(6.5, 3.4))
    ax.barh(frame["Run"], frame["Chars/s"] / 1000,
            color=[REFERENCE_COLOUR] + [SEGMENTER_COLOURS[run.split(", ")[1]] for run in frame["Run"][1:]])
    for limit in limits:
        ax.axvline(raw_k * limit, color=REFERENCE_COLOUR, ls="--", lw=1)
        ax.text(raw_k * limit, -0.75, f"{limit:g}× target", fontsize=8, color=REFERENCE_COLOUR,
                ha="center", va="bottom")
    for y, (value, ratio) in enumerate(zip(frame["Chars/s"], frame["× jieba.lcut"])):
        ax.text(value / 1000, y, f" {ratio:.2f}×", va="center", fontsize=8)
    ax.set_ylim(len(frame) - 0.5, -1.1)
    ax.set_xlabel("thousand characters per second")
    ax.set_xlim(0, max(frame["Chars/s"].max() / 1000, raw_k * max(limits)) * 1.15)
    fig.tight_layout()
    return fig
