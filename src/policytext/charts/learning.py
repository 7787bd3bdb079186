"""Charts of the learning chapter: the network of who learns from whom, and the places below
the city level where the learning happens."""
from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure

from policytext.charts.fonts import use_cjk_font
from policytext.text.gazetteer import KIND_LABELS, Gazetteer

#: Colour and legend name of each kind of teacher place below the city level.
KIND_COLOURS = {"district": "#3182bd", "town_street": "#9ecae1", "institution": "#e6550d"}


def draw_learning_network(graph: nx.DiGraph, ax, seed: int = 7) -> dict:
    """Draw the network on ``ax``: nodes sized by weighted degree, edges as wide as their
    weight and labelled with it, node labels ``中文`` over ``English``; return the positions."""
    family = use_cjk_font()
    positions = nx.spring_layout(graph, weight=None, seed=seed, k=1.6)
    degree = dict(graph.degree(weight="weight"))
    sizes = [1300 + 300 * degree[n] ** 0.5 for n in graph.nodes]  # area grows with sqrt(degree)
    weights = [graph.edges[e]["weight"] for e in graph.edges]
    widths = [1 + 6 * w / max(weights) for w in weights]
    curve = "arc3,rad=0.15"  # keeps the two directions of a pair apart
    nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=sizes, node_color="#c6dbef",
                           edgecolors="#3182bd")
    nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color="#636363",
                           arrowsize=16, node_size=sizes, connectionstyle=curve)
    nx.draw_networkx_edge_labels(graph, positions, ax=ax, font_size=9, font_family=family, rotate=False,
                                 connectionstyle=curve, node_size=sizes,
                                 edge_labels={e: graph.edges[e]["weight"] for e in graph.edges})
    labels = {n: f"{n}\n{graph.nodes[n].get('english', '')}".strip() for n in graph.nodes}
    nx.draw_networkx_labels(graph, positions, labels=labels, ax=ax, font_size=9,
                            font_family=family)
    ax.set_axis_off()
    ax.margins(0.18)
    return positions


def network_figure(graph: nx.DiGraph, seed: int = 7) -> Figure:
    """The learning network (:func:`draw_learning_network`) at page width."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.5, 4.4))
    draw_learning_network(graph, ax, seed=seed)
    fig.tight_layout()
    return fig


def teacher_place_bars(sites: pd.DataFrame, gazetteer: Gazetteer) -> Figure:
    """Horizontal bars of sentences per teacher place, the first row of ``sites`` on top,
    labelled ``中文  English`` and coloured by kind (:data:`KIND_COLOURS`); ``sites`` has the
    columns ``teacher_place`` and ``sentences`` (:func:`policytext.analysis.learning.edge_weights`
    by teacher and teacher place), its places in the gazetteer."""
    use_cjk_font()
    plotted = sites.iloc[::-1]
    fig, ax = plt.subplots(figsize=(6.5, 0.32 * len(plotted) + 0.8))
    ax.barh([f"{p}  {gazetteer.places[p].english}" for p in plotted["teacher_place"]], plotted["sentences"],
            color=[KIND_COLOURS[gazetteer.places[p].kind] for p in plotted["teacher_place"]])
    ax.set_xlabel("sentences")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelsize=8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in KIND_COLOURS.values()]
    ax.legend(handles, [KIND_LABELS[k] for k in KIND_COLOURS], fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
