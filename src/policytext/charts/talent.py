"""Figures of the talent-policy chapter: instrument x stage heatmap, counts by sub-type,
measures linked to Shenzhen. Labels come from the coding scheme (:mod:`policytext.analysis.talent`)."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from policytext.analysis.talent import LINKS, TalentScheme, code_key
from policytext.charts.fonts import use_cjk_font

#: Colours of the talent targets and of the Shenzhen link categories.
TARGET_COLOURS = {"cadre": "#4C72B0", "talent": "#DD8452", "talent+cadre": "#8C8C8C"}
LINK_COLOURS = {"sentence": "#2A6F97", "paragraph": "#89C2D9", "none": "#D9D9D9"}
LINK_NAMES = {"sentence": "named in the sentence", "paragraph": "named in the paragraph only",
              "none": "not linked"}


def code_labels(scheme: TalentScheme, scheme_name: str) -> dict[str, str]:
    """Display label per code key: ``type.sub_type`` for instruments, the stage name for stages."""
    return {c.key: c.label for c in scheme.codes_of(scheme_name)}


def stacked_label(label: str, width: int = 11) -> str:
    """A code label ``English (中文)`` as lines for a narrow space: the English wrapped at
    ``width`` characters (a longer word is not split), the Chinese in brackets on a line of its own."""
    english, bracket, chinese = label.partition(" (")
    lines = textwrap.wrap(english, width, break_long_words=False) or [english]
    return "\n".join(lines + ([f"({chinese}"] if bracket else []))


def matrix_heatmap(matrix: pd.DataFrame, scheme: TalentScheme) -> Figure:
    """Heatmap of measures per instrument sub-type (rows) and stage (columns), counts written
    in the cells, a line between the instrument types."""
    use_cjk_font()
    rows, stages = code_labels(scheme, "instrument"), code_labels(scheme, "stage")
    values = matrix.to_numpy()
    fig, ax = plt.subplots(figsize=(6.5, 6.6))
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(matrix.columns)),
                  [stacked_label(stages[c]) for c in matrix.columns], fontsize=9)
    ax.set_yticks(range(len(matrix.index)), [stacked_label(rows[r], 28) for r in matrix.index],
                  fontsize=9)
    ax.xaxis.tick_top()
    threshold = values.max() / 2 if values.size and values.max() else 1
    for (i, j), n in np.ndenumerate(values):
        ax.text(j, i, str(n) if n else "·", ha="center", va="center", fontsize=9,
                color="white" if n > threshold else "black")
    groups = [r.split(".")[0] for r in matrix.index]
    for group in dict.fromkeys(groups):
        rows_of_group = [i for i, g in enumerate(groups) if g == group]
        if rows_of_group[0] > 0:
            ax.axhline(rows_of_group[0] - 0.5, color="black", linewidth=1)
        ax.text(1.02, np.mean(rows_of_group), group, rotation=90, va="center", ha="left",
                fontsize=9, transform=ax.get_yaxis_transform())
    fig.colorbar(image, ax=ax, orientation="horizontal", shrink=0.5, pad=0.03, label="measures")
    fig.tight_layout()
    return fig


def sub_type_bars(counts: pd.DataFrame, scheme: TalentScheme) -> Figure:
    """Horizontal bars of measures per instrument sub-type, stacked by target group;
    ``counts`` is :func:`policytext.analysis.talent.counts_by_code` with ``by="target"``."""
    use_cjk_font()
    labels = code_labels(scheme, "instrument")
    instruments = counts.xs("instrument", level="scheme")
    keys = [code_key("instrument", group, code) for group, code in instruments.index]
    fig, ax = plt.subplots(figsize=(6.3, 5))
    left = np.zeros(len(keys))
    positions = np.arange(len(keys))[::-1]
    for target in [t for t in TARGET_COLOURS if t in instruments.columns]:
        values = instruments[target].to_numpy()
        ax.barh(positions, values, left=left, color=TARGET_COLOURS[target], label=target)
        left += values
    for y, total in zip(positions, left):
        ax.text(total + 0.3, y, str(int(total)), va="center", fontsize=8)
    ax.set_yticks(positions, [labels[k] for k in keys], fontsize=9)
    ax.set_xlabel("measures (a measure may have several sub-types)")
    ax.legend(title="target", fontsize=8, title_fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def shenzhen_bars(comparison: pd.DataFrame, scheme: TalentScheme) -> Figure:
    """Stacked horizontal bars per instrument type and stage: measures whose sentence names
    Shenzhen, whose paragraph does, and neither
    (:func:`policytext.analysis.talent.shenzhen_comparison`)."""
    use_cjk_font()
    stage_labels = code_labels(scheme, "stage")
    type_labels = dict(scheme.type_labels)
    labels = [type_labels.get(c, stage_labels.get(c, c)) for c in comparison.index]
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    positions = np.arange(len(labels))[::-1]
    left = np.zeros(len(labels))
    for link in LINKS:
        values = comparison[link].to_numpy()
        ax.barh(positions, values, left=left, color=LINK_COLOURS[link], label=LINK_NAMES[link])
        left += values
    n_types = sum(c in type_labels for c in comparison.index)
    ax.axhline(positions[n_types - 1] - 0.5, color="black", linewidth=0.8)
    ax.set_yticks(positions, labels, fontsize=9)
    ax.set_xlabel("measures")
    ax.legend(title="Shenzhen", fontsize=8, title_fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
