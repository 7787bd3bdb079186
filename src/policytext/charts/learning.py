"""Charts of the learning chapter: the network of who learns from whom."""
from __future__ import annotations

import networkx as nx

from policytext.charts.fonts import use_cjk_font


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
