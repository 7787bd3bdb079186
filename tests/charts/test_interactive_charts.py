"""Interactive twins of the timeline and the theme shares: specifications fixed from run to run,
the numbers a reader hovers for, and the static figure kept for the PDF."""
import base64
import json
from html import unescape

import matplotlib.pyplot as plt
import pytest

from policytext import charts, tables
from policytext.analysis import events
from policytext.report import explorer


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
    bundle = explorer.write_vega_bundle(tmp_path).read_text(encoding="utf-8")
    assert bundle.startswith("(function () {") and "window.vegaEmbed=" in bundle
