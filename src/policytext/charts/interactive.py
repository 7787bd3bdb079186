"""Charts a reader can query in the site (hover for the numbers, drag or scroll to zoom): the
Vega-Lite twins, made with Altair, of the timeline, the theme shares and the two co-occurrence
networks. In the PDF each is shown as its static matplotlib figure
(:class:`policytext.report.explorer.InteractiveChart`).

Every selection is named, so that a chart's specification is the same on every run (Altair
numbers unnamed ones from a counter that grows with each chart made in a kernel).
"""
from __future__ import annotations

from typing import Mapping

import altair as alt
import networkx as nx
import pandas as pd

from policytext.analysis.themes import SHORT_NAMES, percent
from policytext.charts import places as place_charts
from policytext.charts import vocabulary as vocabulary_charts
from policytext.charts.themes import DARK_SHARE, MONTH_CHARS

#: Pixels of the charts' width in the site (the text column).
WIDTH = 460
#: The family of the site's Chinese text, then the fallbacks (``_static/policybook-cjk.css``).
FONT = "PolicyBook CJK, Noto Sans CJK SC, sans-serif"


def _config(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=FONT).configure_view(stroke=None)


def timeline_chart(plotted: pd.DataFrame, lanes: Mapping[str, str], milestones: pd.DataFrame) -> alt.LayerChart:
    """Dated events, one lane per article, as the static figure draws them (a band for each
    event's extent, a point at its middle, hollow when the year is inferred, the milestones
    numbered and a dashed line for those with a line label; events dated only to a year are
    left out); hovering gives the date expression, its dates, paragraph and milestone; the time
    axis zooms (wheel) and pans (drag). ``plotted`` is
    :func:`policytext.analysis.events.timeline_rows`."""
    keys = list(zip(milestones["para_id"], milestones["expression"]))
    number = {key: n for n, key in enumerate(keys, start=1)}
    named = dict(zip(keys, milestones["label"]))
    drawn = plotted[plotted["precision"] != "year"]
    rows = pd.DataFrame({
        "article": drawn["doc_id"].map(lanes),
        "start": drawn["start"].dt.strftime("%Y-%m-%d"), "end": drawn["end"].dt.strftime("%Y-%m-%d"),
        "middle": drawn["middle"].dt.strftime("%Y-%m-%d"),
        "expression": drawn["expression"], "paragraph": drawn["para_id"],
        "year": drawn["inferred"].map({True: "inferred", False: "stated"}),
        "milestone": [named.get(key, "") for key in zip(drawn["para_id"], drawn["expression"])],
        "number": [str(number.get(key, "")) for key in zip(drawn["para_id"], drawn["expression"])],
    }).sort_values(["article", "middle", "paragraph", "expression"]).reset_index(drop=True)
    order = list(lanes.values())
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom")
    base = alt.Chart(rows).encode(y=alt.Y("article:N", title=None, sort=order))
    colour = alt.Color("article:N", legend=None, sort=order)
    bands = base.mark_rule(strokeWidth=7, opacity=0.35).encode(x="start:T", x2="end:T", color=colour)
    points = base.mark_point(size=70, strokeWidth=1.6, opacity=1).encode(
        x=alt.X("middle:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(padding=12)),
        color=colour,
        fill=alt.condition("datum.year == 'stated'", colour, alt.value("white")),
        tooltip=["expression", alt.Tooltip("start:T", format="%Y-%m-%d"),
                 alt.Tooltip("end:T", format="%Y-%m-%d"), "paragraph", "year", "milestone"],
    ).add_params(zoom)
    numbers = base.transform_filter("datum.number != ''").mark_text(dy=-13, fontWeight="bold", fontSize=11).encode(
        x="middle:T", text="number:N")
    lines = milestones[milestones["line_label"] != ""]
    starts = plotted.set_index(["para_id", "expression"])["start"]
    marked = pd.DataFrame({"when": [starts[key].strftime("%Y-%m-%d") for key in
                                    zip(lines["para_id"], lines["expression"])],
                           "label": list(lines["line_label"])})
    rule = alt.Chart(marked).mark_rule(strokeDash=[4, 3], color="grey").encode(x="when:T")
    rule_label = alt.Chart(marked).mark_text(align="left", dx=3, color="grey", y=6).encode(
        x="when:T", text="label:N")
    chart = alt.layer(bands, rule, points, numbers, rule_label).properties(width=WIDTH, height=45 * len(lanes))
    return _config(chart)


def share_chart(shares: pd.DataFrame, doc_names: Mapping[str, str], published: Mapping[str, str]) -> alt.Chart:
    """Theme shares, articles x themes, each cell's share written in it (the article's largest in
    bold); hovering gives the article, the theme, its share and its dictionary matches.
    ``shares`` is ``theme_document_shares``."""
    rows = pd.DataFrame({
        "article": [f"{doc_names[d]} ({published[d][:MONTH_CHARS]})" for d in shares["doc_id"]],
        "top": shares["rank"].astype(int) == 1,
        "theme": shares["theme"].map(SHORT_NAMES),
        "share": shares["share"].astype(float),
        "shown": shares["share"].map(percent),
        "matches": shares["n_matches"].astype(int),
    }).sort_values(["article", "theme"]).reset_index(drop=True)
    articles = sorted(rows["article"].unique())
    themes = [SHORT_NAMES[t] for t in SHORT_NAMES if t in set(shares["theme"])]
    base = alt.Chart(rows).encode(
        x=alt.X("theme:N", title=None, sort=themes, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("article:N", title=None, sort=articles))
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=["article", "theme", alt.Tooltip("shown", title="share"), "matches"])
    ink = alt.condition(f"datum.share > {DARK_SHARE}", alt.value("white"), alt.value("black"))
    labels = [base.transform_filter(f"{'' if bold else '!'}datum.top")
              .mark_text(fontSize=11, fontWeight="bold" if bold else "normal").encode(text="shown", color=ink)
              for bold in (True, False)]
    return _config(alt.layer(cells, *labels).properties(width=WIDTH - 40, height=36 * len(articles)))


#: Decimals kept of a node's layout position (enough to draw; stable from run to run).
POSITION_DECIMALS = 4


def network_chart(graph: nx.Graph, positions: Mapping, size: str, weight: str, size_title: str,
                  weight_title: str, colours: Mapping[str, str] | None = None) -> alt.LayerChart:
    """A network drawn at the static figure's ``positions``: links as wide as their ``weight``
    attribute, nodes as large as their ``size`` attribute (coloured by their ``kind`` from
    ``colours``, when given) and labelled with their name; hovering a node gives its name, its
    English name where the graph has one, its size, degree and betweenness (unweighted,
    normalised), hovering a link the pair and its weight; both axes zoom (wheel) and pan (drag)."""
    betweenness = nx.betweenness_centrality(graph)
    where = {node: (round(float(x), POSITION_DECIMALS), round(float(y), POSITION_DECIMALS))
             for node, (x, y) in positions.items()}
    nodes = pd.DataFrame({
        "name": list(graph.nodes),
        "english": [graph.nodes[n].get("english", "") for n in graph.nodes],
        "kind": [str(graph.nodes[n].get("kind", "")).replace("_", " / ") for n in graph.nodes],
        size_title: [graph.nodes[n][size] for n in graph.nodes],
        "degree": [graph.degree(n) for n in graph.nodes],
        "betweenness": [round(betweenness[n], 3) for n in graph.nodes],
        "x": [where[n][0] for n in graph.nodes], "y": [where[n][1] for n in graph.nodes],
    }).sort_values("name").reset_index(drop=True)
    links = pd.DataFrame([
        {"pair": " – ".join(sorted((a, b))), weight_title: round(float(graph.edges[a, b][weight]), 3),
         "x": where[a][0], "y": where[a][1], "x2": where[b][0], "y2": where[b][1]}
        for a, b in graph.edges]).sort_values("pair").reset_index(drop=True)
    zoom = alt.selection_interval(bind="scales", name="zoom")
    x = alt.X("x:Q", axis=None, scale=alt.Scale(zero=False, padding=30))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(zero=False, padding=30))
    drawn_links = alt.Chart(links).mark_rule(color="#888888", opacity=0.55).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth(f"{weight_title}:Q", scale=alt.Scale(range=[0.5, 5]), legend=None),
        tooltip=["pair", f"{weight_title}:Q"])
    if colours:
        kinds = [kind for kind in colours if any(graph.nodes[n].get("kind") == kind for n in graph.nodes)]
        colour = alt.Color("kind:N", scale=alt.Scale(domain=[k.replace("_", " / ") for k in kinds],
                                                     range=[colours[k] for k in kinds]),
                           legend=alt.Legend(title=None, orient="bottom"))
    else:
        colour = alt.value("#fdd49e")
    tooltip = ["name"] + (["english"] if nodes["english"].any() else []) + [f"{size_title}:Q", "degree:Q", "betweenness:Q"]
    drawn_nodes = alt.Chart(nodes).mark_circle(opacity=1, stroke="#555555", strokeWidth=0.6).encode(
        x=x, y=y, color=colour,
        size=alt.Size(f"{size_title}:Q", scale=alt.Scale(range=[40, 900]), legend=None),
        tooltip=tooltip).add_params(zoom)
    # the labels sit on the nodes: hovering one gives its node's numbers too
    names = alt.Chart(nodes).mark_text(fontSize=11).encode(x=x, y=y, text="name:N", tooltip=tooltip)
    chart = alt.layer(drawn_links, drawn_nodes, names).properties(width=WIDTH, height=int(WIDTH * 0.85))
    return _config(chart)


def term_network_chart(graph: nx.Graph) -> alt.LayerChart:
    """The term network of :func:`policytext.charts.vocabulary.network_figure`, to query."""
    return network_chart(graph, vocabulary_charts.network_layout(graph), "freq", "jaccard",
                         "frequency", "Jaccard")


def place_network_chart(graph: nx.Graph) -> alt.LayerChart:
    """The place network of :func:`policytext.charts.places.network_figure`, to query."""
    return network_chart(graph, place_charts.network_layout(graph), "paragraphs", "weight",
                         "paragraphs", "shared paragraphs", place_charts.KIND_COLOURS)
