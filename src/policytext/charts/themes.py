"""Charts of the themes chapter: theme shares per article, paragraphs by dominant theme,
shares in order of publication, and themes present in the same paragraphs.

Themes are named with their short names and drawn in :data:`policytext.analysis.themes.THEME_ORDER`
(:mod:`policytext.analysis.themes`)."""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from policytext.analysis.themes import MIXED, NO_THEME, SHORT_NAMES, THEME_ORDER, percent
from policytext.charts.fonts import use_cjk_font

#: Colour of each theme (matplotlib's default cycle in :data:`THEME_ORDER`), and of the
#: paragraphs with a tie (*mixed*) or no dominant theme (*none*).
THEME_COLOURS = {theme: f"C{i}" for i, theme in enumerate(THEME_ORDER)}
DOMINANT_COLOURS = THEME_COLOURS | {MIXED: "#bbbbbb", NO_THEME: "#eeeeee"}
#: Cells above these values get white text: a share in the share heatmap, a fraction of the
#: largest count in the co-occurrence heatmap.
DARK_SHARE = 0.4
DARK_FRACTION = 0.6
#: Characters of an ISO date shown (year and month).
MONTH_CHARS = 7


def share_heatmap(matrix: pd.DataFrame, top: pd.Series, doc_names: Mapping[str, str],
                  published: Mapping[str, str]) -> Figure:
    """Heatmap of theme shares, articles (rows, labelled with their name and month) x themes,
    each cell's share written in it and the article's top theme (``top``) in bold;
    ``matrix`` is :func:`policytext.analysis.themes.share_matrix`."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    ax.imshow(matrix.values, cmap="Blues", vmin=0, vmax=float(matrix.values.max()), aspect="auto")
    for i, doc in enumerate(matrix.index):
        for j, theme in enumerate(matrix.columns):
            value = matrix.loc[doc, theme]
            ax.text(j, i, percent(value), ha="center", va="center", fontsize=9,
                    color="white" if value > DARK_SHARE else "black",
                    fontweight="bold" if theme == top[doc] else "normal")
    ax.set_xticks(range(len(matrix.columns)), [SHORT_NAMES[t] for t in matrix.columns], fontsize=9)
    ax.set_yticks(range(len(matrix.index)),
                  [f"{doc_names[d]} ({published[d][:MONTH_CHARS]})" for d in matrix.index], fontsize=9)
    ax.tick_params(length=0)
    fig.tight_layout()
    return fig


def dominant_bars(dominant: pd.DataFrame, doc_names: Mapping[str, str]) -> Figure:
    """Horizontal bars of each article's paragraphs, stacked by dominant theme;
    ``dominant`` is :func:`policytext.analysis.themes.dominant_by_document`."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    left = np.zeros(len(dominant))
    for column in dominant.columns:
        values = dominant[column].to_numpy()
        ax.barh(range(len(dominant)), values, left=left, color=DOMINANT_COLOURS[column],
                edgecolor="white", label=SHORT_NAMES.get(column, column))
        left += values
    ax.set_yticks(range(len(dominant)), [doc_names[d] for d in dominant.index], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("body paragraphs")
    ax.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.45, -0.22))
    fig.tight_layout()
    return fig


def shares_by_publication(shares: pd.DataFrame, published: Mapping[str, str] | None = None) -> Figure:
    """One line per theme of its share in each article, articles in order of publication
    (ID and month below the axis; spaced by order, not time); ``shares`` is the table
    ``theme_document_shares``, whose ``date`` column gives the order and the months.

    ``published`` is not used: the dates are read from ``shares``, which holds only the scored
    articles (a date table of all documents also names duplicates, which have no shares).
    """
    use_cjk_font()
    dates = shares.drop_duplicates("doc_id").set_index("doc_id")["date"].fillna("").astype(str)
    by_date = list(dates.sort_values(kind="stable").index)
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for theme in THEME_ORDER:
        line = shares[shares["theme"] == theme].set_index("doc_id")["share"].reindex(by_date)
        ax.plot(range(len(by_date)), line.to_numpy(), marker="o", color=THEME_COLOURS[theme],
                label=SHORT_NAMES[theme])
    ax.set_xticks(range(len(by_date)), [f"{doc}\n{dates[doc][:MONTH_CHARS]}" for doc in by_date],
                  fontsize=9)
    ax.set_ylabel("share of the article's matches")
    ax.set_ylim(0, None)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, ncol=3, loc="upper left")
    fig.tight_layout()
    return fig


def cooccurrence_heatmap(co: pd.DataFrame) -> Figure:
    """Heatmap of the paragraphs in which two themes are present, counts written off the
    diagonal; ``co`` is :func:`policytext.analysis.themes.cooccurrence_matrix`."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.2, 4.6))
    values = co.to_numpy(dtype=float)
    ax.imshow(np.nan_to_num(values), cmap="Purples", vmin=0)
    for i in range(len(co)):
        for j in range(len(co)):
            if i != j:
                ax.text(j, i, int(values[i, j]), ha="center", va="center", fontsize=9,
                        color="white" if values[i, j] > values[~np.isnan(values)].max() * DARK_FRACTION
                        else "black")
    ax.set_xticks(range(len(co)), [SHORT_NAMES[t] for t in co.columns], fontsize=9, rotation=30,
                  ha="right")
    ax.set_yticks(range(len(co)), [SHORT_NAMES[t] for t in co.index], fontsize=9)
    ax.tick_params(length=0)
    fig.tight_layout()
    return fig
