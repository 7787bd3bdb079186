"""Interactive twins of the timeline and the theme shares: specifications fixed from run to run,
the numbers a reader hovers for, and the static figure kept for the PDF."""
import base64
import json
from html import unescape

import matplotlib.pyplot as plt
import pytest

from policytext import charts, tables
from policytext.analysis import events
from policytext.report import explorer, site_assets


@pytest.fixture(scope="module")
def timeline_chart():
    event_rows, documents = tables.load("events"), tables.load("documents")
    lanes = tables.document_labels(documents[documents["status"] == "ok"])
    plotted = events.timeline_rows(event_rows[event_rows["kind"].isin(events.DATED_KINDS)], lanes)
    milestones = events.read_milestones(event_rows, tables.load("paragraphs"))
    return plotted, lanes, milestones, charts.interactive.timeline_chart(plotted, lanes, milestones)


def test_the_timeline_draws_what_the_static_figure_draws_and_zooms_in_time(timeline_chart):
    plotted, lanes, milestones, chart = timeline_chart
    spec = chart.to_dict()
    assert spec == charts.interactive.timeline_chart(plotted, lanes, milestones).to_dict()
    rows = next(data for data in spec["datasets"].values() if "expression" in data[0])
    drawn = plotted[plotted["precision"] != "year"]
    assert len(rows) == len(drawn)  # events dated only to a year are not drawn, as in print
    numbers = sorted(int(r["number"]) for r in rows if r["number"])
    assert numbers == list(range(1, len(milestones) + 1))
    points = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"][0]
    (zoom,) = spec["params"]  # named, bound to the time axis of the points' view
    assert (zoom["name"], zoom["select"], zoom["bind"], zoom["views"]) == (
        "zoom", {"type": "interval", "encodings": ["x"]}, "scales", [points["name"]])
    tooltip = [t["field"] for t in points["encoding"]["tooltip"]]
    assert tooltip == ["expression", "start", "end", "paragraph", "year", "milestone"]


def _layers(spec):
    return spec.get("layer", [spec])


def test_the_share_chart_writes_every_share_and_bolds_each_articles_largest():
    shares = tables.load("theme_document_shares")
    documents = tables.load("documents").set_index("doc_id")
    names = {d: d for d in shares["doc_id"]}
    published = documents["date"].to_dict()
    chart = charts.interactive.share_chart(shares, names, published)
    spec = chart.to_dict()
    assert spec == charts.interactive.share_chart(shares, names, published).to_dict()  # the same every run
    data = next(iter(spec["datasets"].values()))
    assert len(data) == len(shares)
    assert sum(row["top"] for row in data) == shares["doc_id"].nunique()
    bold = [layer for layer in _layers(spec) if layer["mark"].get("fontWeight") == "bold"]
    assert bold and bold[0]["transform"] == [{"filter": "datum.top"}]
    tooltips = [t["field"] for layer in _layers(spec) for t in layer["encoding"].get("tooltip", [])]
    assert tooltips == ["article", "theme", "shown", "matches"]


def test_an_interactive_chart_keeps_its_static_figure_for_print(tmp_path):
    shares = tables.load("theme_document_shares")
    published = tables.load("documents").set_index("doc_id")["date"].to_dict()
    chart = charts.interactive.share_chart(shares, {d: d for d in shares["doc_id"]}, published)
    figure, ax = plt.subplots(figsize=(6, 3))
    ax.plot([0, 1], [0, 1])
    shown = explorer.InteractiveChart(chart, figure, "shares-test")
    png = shown._repr_png_()
    assert png.startswith(b"\x89PNG")
    html = shown._repr_html_()
    assert f'class="{explorer.CHART_CLASS}"' in html and 'id="chart-shares-test"' in html
    assert base64.b64encode(png).decode() in html  # the figure stands in until the chart is drawn
    spec = json.loads(unescape(html.split('data-spec="')[1].split('"')[0]))
    assert spec["datasets"] and "url" not in json.dumps(spec.get("data", {}))  # data inline, nothing fetched
    assert repr(shown) == "InteractiveChart('shares-test')"
    plt.close(figure)


def test_the_vega_bundle_is_one_script_with_the_embed_function(tmp_path):
    bundle = site_assets.write_vega_bundle(tmp_path / "site", cache=tmp_path / "cache").read_text(encoding="utf-8")
    assert bundle.startswith("(function () {") and "window.vegaEmbed=" in bundle
    # the second site is copied from the cache, byte for byte, and nothing half-written is left
    again = site_assets.write_vega_bundle(tmp_path / "site2", cache=tmp_path / "cache").read_text(encoding="utf-8")
    assert again == bundle and not list((tmp_path / "cache").glob("*.part"))


def _small_network():
    import networkx as nx

    graph = nx.Graph()
    graph.add_node("中山", freq=30, kind="city", english="Zhongshan", paragraphs=9)
    graph.add_node("深圳", freq=20, kind="city", english="Shenzhen", paragraphs=7)
    graph.add_node("翠亨新区", freq=5, kind="district", english="Cuiheng New Area", paragraphs=2)
    graph.add_edge("中山", "深圳", jaccard=0.5, weight=6)
    graph.add_edge("中山", "翠亨新区", jaccard=0.2, weight=2)
    return graph


def test_a_network_chart_draws_the_static_layout_with_centrality_on_hover():
    graph = _small_network()
    positions = {"中山": (0.0, 0.0), "深圳": (1.0, 0.123456789), "翠亨新区": (-1.0, 0.5)}
    spec = charts.interactive.network_chart(graph, positions, "paragraphs", "weight", "paragraphs",
                                            "shared paragraphs", charts.places.KIND_COLOURS).to_dict()
    datasets = list(spec["datasets"].values())
    nodes = next(d for d in datasets if "betweenness" in d[0])
    links = next(d for d in datasets if "pair" in d[0])
    assert [n["name"] for n in nodes] == sorted(graph.nodes)
    by_name = {n["name"]: n for n in nodes}
    # 中山 lies on the only path between the other two: betweenness 1, the others 0
    assert (by_name["中山"]["degree"], by_name["中山"]["betweenness"], by_name["深圳"]["betweenness"]) == (2, 1.0, 0.0)
    assert (by_name["深圳"]["x"], by_name["深圳"]["y"]) == (1.0, 0.1235)
    assert by_name["翠亨新区"]["kind"] == "district" and by_name["中山"]["english"] == "Zhongshan"
    assert {l["pair"]: l["shared paragraphs"] for l in links} == {"中山 – 深圳": 6, "中山 – 翠亨新区": 2}
    link = next(l for l in links if l["pair"] == "中山 – 深圳")
    assert (link["x"], link["y"], link["x2"], link["y2"]) == (0.0, 0.0, 1.0, 0.1235)
    (zoom,) = spec["params"]
    assert (zoom["name"], zoom["bind"], zoom["select"]) == ("zoom", "scales", {"type": "interval"})
    circles = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "circle")
    assert [t["field"] for t in circles["encoding"]["tooltip"]] == [
        "name", "english", "paragraphs", "degree", "betweenness"]
    assert circles["encoding"]["color"]["scale"]["domain"] == ["city", "district"]


def test_the_term_network_chart_uses_the_static_figures_layout():
    from policytext.analysis import vocabulary

    documents = tables.load("documents")
    tokens = vocabulary.token_table(vocabulary.analysable_paragraphs(tables.load("paragraphs"), documents))
    graph = vocabulary.cooccurrence_graph(tokens)
    spec = charts.interactive.term_network_chart(graph).to_dict()
    assert spec == charts.interactive.term_network_chart(graph).to_dict()  # the same every run
    nodes = next(d for d in spec["datasets"].values() if "betweenness" in d[0])
    layout = charts.vocabulary.network_layout(graph)
    assert {n["name"]: (n["x"], n["y"]) for n in nodes} == {
        term: (round(float(x), 4), round(float(y), 4)) for term, (x, y) in layout.items()}
    assert {n["name"]: n["frequency"] for n in nodes} == {t: graph.nodes[t]["freq"] for t in graph.nodes}
    assert sum(len(d) for d in spec["datasets"].values() if "pair" in d[0]) == graph.number_of_edges()
