"""Charts of the regional-integration chapter: coverage of the six integrations and the place
co-occurrence network."""
from __future__ import annotations

import math
from typing import Mapping

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from adjustText import adjust_text
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from policytext.analysis.places import INTEGRATIONS
from policytext.charts.fonts import use_cjk_font
from policytext.text.gazetteer import KIND_LABELS

#: Seed of the network layout.
SEED = 20261123
#: Node colours by kind.
KIND_COLOURS = {"city": "#e6550d", "district": "#fd8d3c", "town_street": "#fdd0a2",
                "institution": "#9ecae1", "region": "#c7e9c0"}


def coverage_figure(coverage: pd.DataFrame, labels: Mapping[str, str] | None = None) -> Figure:
    """Heat map of :func:`policytext.analysis.places.integration_coverage`: one row per document (and ``all``), one column
    per integration; colour and percentage give the share of paragraphs, the number above it
    the paragraphs. ``labels`` names the rows (default: the doc_id)."""
    share = coverage.pivot(index="doc_id", columns="category", values="share")[list(INTEGRATIONS)]
    n_paras = coverage.pivot(index="doc_id", columns="category", values="paragraphs")[list(INTEGRATIONS)]
    fig, ax = plt.subplots(figsize=(6.5, 0.6 + 0.7 * len(share)))
    top = float(share.to_numpy().max()) or 1.0
    ax.imshow(share.to_numpy(dtype=float), cmap="Oranges", vmin=0, vmax=top, aspect="auto")
    ax.set_xticks(range(len(INTEGRATIONS)), [c.replace("_", "\n", 1) for c in INTEGRATIONS],
                  fontsize=9)
    ax.set_yticks(range(len(share)), [(labels or {}).get(d, d) for d in share.index], fontsize=9)
    for row, doc_id in enumerate(share.index):
        for col, category in enumerate(INTEGRATIONS):
            value = float(share.at[doc_id, category])
            ax.text(col, row, f"{int(n_paras.at[doc_id, category])}\n{value:.0%}", ha="center",
                    va="center", fontsize=8, color="white" if value > top / 2 else "black")
    ax.tick_params(length=0)
    fig.tight_layout()
    return fig


#: Iterations of the label-repelling step (adjustText stops earlier once no labels overlap).
ADJUST_ITERATIONS = 1000


def network_layout(graph: nx.Graph, seed: int = SEED) -> dict:
    """Positions of the place network's nodes (the static figure and the site's chart share
    them): Kamada–Kawai on unweighted path lengths, started from a spring layout with ``seed``."""
    start = nx.spring_layout(graph, seed=seed, weight=None)
    return nx.kamada_kawai_layout(graph, pos=start, weight=None)


def network_figure(graph: nx.Graph, seed: int = SEED, figsize: tuple[float, float] = (6.5, 7.2),
                   english: bool = True) -> Figure:
    """The co-occurrence network: node size by paragraphs, colour by kind, edge width by weight,
    labels in Chinese with the English name, moved apart until none overlap (adjustText, a fixed
    number of iterations). Layout: Kamada–Kawai on path lengths (unweighted, so the heaviest pair
    does not collapse the picture), started from a spring layout with a fixed seed
    (:func:`network_layout`)."""
    family = use_cjk_font()
    positions = network_layout(graph, seed)
    fig, ax = plt.subplots(figsize=figsize)
    biggest = max((graph.nodes[n]["paragraphs"] for n in graph.nodes), default=1)
    weights = [graph.edges[e]["weight"] for e in graph.edges]
    top = max(weights, default=1)
    nx.draw_networkx_edges(graph, positions, ax=ax, edge_color="#888888", alpha=0.55,
                           width=[0.5 + 5 * math.sqrt(w / top) for w in weights])
    sizes = {n: 80 + 1400 * math.sqrt(graph.nodes[n]["paragraphs"] / biggest) for n in graph.nodes}
    nx.draw_networkx_nodes(graph, positions, ax=ax, linewidths=0.6, edgecolors="#555555",
                           node_size=list(sizes.values()),
                           node_color=[KIND_COLOURS[graph.nodes[n]["kind"]] for n in graph.nodes])
    labels = [ax.text(x, y, f"{node}\n{graph.nodes[node]['english']}" if english else node,
                      ha="center", va="center", fontsize=8, family=family, linespacing=1.1)
              for node, (x, y) in sorted(positions.items())]
    # labels pushed apart until none overlap, with a leader line to the node; a fixed number of
    # iterations, not adjustText's default time limit, so that the figure is reproducible
    adjust_text(labels, ax=ax, expand=(1.05, 1.15), ensure_inside_axes=True, iter_lim=ADJUST_ITERATIONS,
                arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.5})
    handles = [Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor=colour,
                      markeredgecolor="#555555", label=KIND_LABELS[kind])
               for kind, colour in KIND_COLOURS.items()
               if any(graph.nodes[n]["kind"] == kind for n in graph.nodes)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles),
              fontsize=8, frameon=False)
    ax.axis("off")
    ax.margins(0.08)
    fig.tight_layout()
    return fig
