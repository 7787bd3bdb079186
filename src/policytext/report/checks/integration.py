"""Checks of the findings of the chapter on regional integration
(``notebooks/05_regional_integration.ipynb``, claims in ``data/claims/05_regional_integration.yml``)."""
from __future__ import annotations

import networkx as nx

from policytext.analysis import places
from policytext.report.claims import Result, Tables, check
from policytext.text.gazetteer import read_gazetteer

#: The chapter's network keeps pairs named together in at least this many paragraphs.
MIN_PARAGRAPHS = 3


def place_network(load: Tables) -> nx.Graph:
    """The chapter's network of places below and at the city level."""
    mentions = load("place_mentions")
    pairs = load("place_cooccurrence")
    by_paragraph = places.places_by_paragraph(mentions, "entry")
    return places.cooccurrence_graph(pairs[pairs["level"] == "entry"], by_paragraph, read_gazetteer(),
                                     min_paragraphs=MIN_PARAGRAPHS)


def chenzhou_part(graph: nx.Graph) -> set[str]:
    """The places that stay linked to Chenzhou once the regions are taken out of ``graph``."""
    regions = {node for node in graph if graph.nodes[node]["kind"] == "region"}
    return nx.node_connected_component(graph.subgraph(set(graph) - regions), "郴州")


@check
def chenzhou_tied_only_through_regions(load: Tables) -> Result:
    """Without the regions (the Greater Bay Area, Guangdong ...), the Chenzhou case stands apart
    from Zhongshan and Shenzhen in the network of places."""
    part = chenzhou_part(place_network(load))
    joined = sorted({"中山", "深圳"} & part)
    return Result(not joined, {"Chenzhou's part": "、".join(sorted(part)), "Zhongshan or Shenzhen in it": "、".join(joined) or "none"})
