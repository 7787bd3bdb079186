"""Figures of the vocabulary chapter: word clouds, Zipf plot, keyness chart, term network.

All text is drawn with the project's CJK font (:mod:`policytext.charts.fonts`); layouts
use fixed seeds so that a figure is the same on every run.
"""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from policytext.charts.fonts import cjk_font_path, use_cjk_font

#: Seed for word-cloud placement and network layout.
SEED = 20261123
#: Terms drawn in the corpus word cloud and in each document's cloud.
CLOUD_WORDS = 80
CLOUD_WORDS_PER_DOCUMENT = 25
#: Key terms drawn each way in a keyness chart.
KEYNESS_BARS = 12


def word_cloud(frequencies: Mapping[str, int], width: int = 1600, height: int = 800,
               max_words: int = CLOUD_WORDS, seed: int = SEED, min_font_size: int = 20):
    """A :class:`wordcloud.WordCloud` of term frequencies with the CJK font and a fixed seed."""
    from wordcloud import WordCloud

    cloud = WordCloud(font_path=cjk_font_path(), width=width, height=height, max_words=max_words,
                      background_color="white", colormap="viridis", random_state=seed,
                      prefer_horizontal=1.0, min_font_size=min_font_size,
                      relative_scaling=0.5)
    return cloud.generate_from_frequencies(dict(frequencies))


def word_cloud_figure(frequencies: Mapping[str, int], max_words: int = CLOUD_WORDS) -> Figure:
    """The corpus word cloud at page width."""
    fig, ax = plt.subplots(figsize=(6.5, 3.25))
    ax.imshow(word_cloud(frequencies, max_words=max_words), interpolation="bilinear")
    ax.axis("off")
    fig.tight_layout(pad=0.2)
    return fig


def word_cloud_grid(by_document: Mapping[str, Mapping[str, int]], titles: Mapping[str, str],
                    max_words: int = CLOUD_WORDS_PER_DOCUMENT, columns: int = 2) -> Figure:
    """One word cloud per document in a grid, titled with ``titles[doc_id]``."""
    use_cjk_font()
    docs = list(by_document)
    rows = -(-len(docs) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(6.5, 1.95 * rows))
    for ax in np.ravel(axes):
        ax.axis("off")
    for ax, doc in zip(np.ravel(axes), docs):
        ax.imshow(word_cloud(by_document[doc], width=1000, height=560, max_words=max_words,
                             min_font_size=26),
                  interpolation="bilinear")
        ax.set_title(titles.get(doc, doc), fontsize=9)
    fig.tight_layout(pad=0.4)
    return fig


def zipf_figure(rank_frequency: pd.DataFrame, label_top: int = 6) -> Figure:
    """Rank–frequency plot on log–log axes with a Zipf reference line and the top terms named."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.5, 4))
    ranks, freqs = rank_frequency["rank"], rank_frequency["freq"]
    ax.loglog(ranks, freqs, marker=".", linestyle="none", markersize=4, color="#1f77b4",
              label="terms")
    ax.loglog(ranks, freqs.iloc[0] / ranks, color="grey", linewidth=1, linestyle="--",
              label="Zipf: f(r) = f(1) / r")
    for i, (rank, term, freq) in enumerate(rank_frequency.head(label_top).itertuples(index=False)):
        offset = (5, 3) if i % 2 == 0 else (-4, -11)
        ax.annotate(term, (rank, freq), textcoords="offset points", xytext=offset, fontsize=8,
                    ha="left" if i % 2 == 0 else "right")
    ax.set_xlabel("rank")
    ax.set_ylabel("frequency")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def keyness_chart(table: pd.DataFrame, target: str, reference: str, n: int = KEYNESS_BARS) -> Figure:
    """Log ratio of the ``n`` strongest key terms each way (by log-likelihood)."""
    use_cjk_font()
    positive = table[table["log_ratio"] > 0].head(n)
    negative = table[table["log_ratio"] < 0].head(n)
    chart = pd.concat([positive, negative]).sort_values("log_ratio")
    fig, ax = plt.subplots(figsize=(6.5, 0.26 * len(chart) + 1.2))
    colours = ["#d62728" if r > 0 else "#1f77b4" for r in chart["log_ratio"]]
    ax.barh(chart["term"], chart["log_ratio"], color=colours)
    for y, (ratio, ll) in enumerate(zip(chart["log_ratio"], chart["log_likelihood"])):
        ax.annotate(f"{ll:.0f}", (ratio, y), xytext=(3 if ratio > 0 else -3, 0),
                    textcoords="offset points", va="center", ha="left" if ratio > 0 else "right",
                    fontsize=8, color="#444444")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"log ratio (← more in {reference} | more in {target} →)")
    ax.tick_params(axis="y", labelsize=8)
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def network_layout(graph: nx.Graph, seed: int = SEED) -> dict:
    """Positions of the term network's nodes: Kamada–Kawai, started from a spring layout with a
    fixed seed (the static figure and the site's chart share them)."""
    start = nx.spring_layout(graph, seed=seed, weight="jaccard")
    return nx.kamada_kawai_layout(graph, pos=start)


def network_figure(graph: nx.Graph, seed: int = SEED) -> Figure:
    """The term network (:func:`network_layout`): node size by frequency, edge width by Jaccard."""
    family = use_cjk_font()
    positions = network_layout(graph, seed)
    freq = np.array([graph.nodes[n]["freq"] for n in graph.nodes])
    weights = np.array([graph.edges[e]["jaccard"] for e in graph.edges], dtype=float)
    fig, ax = plt.subplots(figsize=(6.5, 5.6))
    nx.draw_networkx_edges(graph, positions, ax=ax, width=0.4 + 2.5 * weights / weights.max(),
                           edge_color="#999999", alpha=0.6)
    nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=60 + 1200 * freq / freq.max(),
                           node_color="#fdd49e", edgecolors="#e6550d", linewidths=0.8)
    nx.draw_networkx_labels(graph, positions, ax=ax, font_family=family, font_size=9)
    ax.axis("off")
    fig.tight_layout()
    return fig


def xray_figure(positions: pd.DataFrame, terms: list[str], labels: Mapping[str, str],
                term_labels: Mapping[str, str] | None = None) -> Figure:
    """Lexical dispersion (x-ray) plot: one panel per document (``labels``: doc_id to title, in
    order), one row per term, a tick at each occurrence's relative position in the document."""
    use_cjk_font()
    docs = list(labels)
    term_labels = term_labels or {}
    fig, axes = plt.subplots(1, len(docs), figsize=(6.5, 0.38 * len(terms) + 1.3), sharey=True,
                             squeeze=False)
    rows = {term: i for i, term in enumerate(terms)}
    for ax, doc in zip(axes[0], docs):
        hits = positions[(positions["doc_id"] == doc) & positions["term"].isin(rows)]
        ax.scatter(hits["position"], [rows[t] for t in hits["term"]], marker="|", s=90,
                   linewidths=1.2, color="#08519c")
        for i in range(len(terms)):
            ax.axhline(i, color="#dddddd", linewidth=0.6, zorder=0)
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.5, 1])
        ax.set_xticklabels(["start", "", "end"], fontsize=8)
        # the labels of neighbouring panels would run together ("endstart"): keep them inside
        for label, align in zip(ax.get_xticklabels(), ("left", "center", "right")):
            label.set_horizontalalignment(align)
        ax.set_title(labels[doc], fontsize=8.5)
        ax.tick_params(axis="y", length=0)
    axes[0][0].set_yticks(range(len(terms)))
    axes[0][0].set_yticklabels([term_labels.get(t, t) for t in terms], fontsize=9)
    axes[0][0].set_ylim(len(terms) - 0.5, -0.5)
    fig.supxlabel("position in the article (share of its tokens)", fontsize=9)
    fig.tight_layout(w_pad=0.6)
    return fig
