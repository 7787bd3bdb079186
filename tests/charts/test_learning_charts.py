"""The learning chapter's charts: the network of learner -> teacher cities and the teacher
places below the city level."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from policytext import charts, tables  # noqa: E402
from policytext.text.gazetteer import KIND_LABELS  # noqa: E402
from policytext.analysis import learning  # noqa: E402
from policytext.text.gazetteer import Gazetteer, load_gazetteer  # noqa: E402


@pytest.fixture(scope="module")
def places():
    return load_gazetteer()


@pytest.fixture(scope="module")
def edges():
    return tables.load("learning_edges")


def test_network_figure_draws_every_node_and_edge(edges, places):
    graph = learning.learning_graph(edges, places)
    fig = charts.learning.network_figure(graph)
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == 1
        ax = fig.axes[0]
        assert not ax.axison
        texts = [t.get_text() for t in ax.texts]
        # a label 中文\nEnglish per node, and the weight of every edge
        for node in graph.nodes:
            assert f"{node}\n{places.places[node].english}" in texts
        weights = [str(graph.edges[e]["weight"]) for e in graph.edges]
        assert sorted(t for t in texts if t.isdigit()) == sorted(weights)
        assert len(ax.collections[0].get_offsets()) == graph.number_of_nodes()
        assert len(ax.patches) == graph.number_of_edges()  # one arrow per edge
    finally:
        plt.close(fig)


def test_network_layout_is_fixed_by_the_seed(edges, places):
    graph = learning.learning_graph(edges, places)
    images = []
    for _ in range(2):
        fig = charts.learning.network_figure(graph)
        images.append(fig.axes[0].collections[0].get_offsets().tolist())
        plt.close(fig)
    assert images[0] == images[1]


def test_teacher_place_bars_on_the_corpus(edges, places):
    weights = learning.edge_weights(edges, by=["teacher", "teacher_place"])
    sites = weights[weights["teacher_place"] != weights["teacher"]]
    fig = charts.learning.teacher_place_bars(sites, places)
    try:
        ax = fig.axes[0]
        bars = ax.containers[0]
        assert len(bars) == len(sites) > 0
        # the heaviest place on top: the rows are drawn bottom-up
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[::-1] == [f"{p}  {places.places[p].english}" for p in sites["teacher_place"]]
        assert [bar.get_width() for bar in bars][::-1] == list(sites["sentences"])
        for bar, place in zip(bars, sites["teacher_place"].iloc[::-1]):
            assert to_hex(bar.get_facecolor()) == charts.learning.KIND_COLOURS[places.places[place].kind]
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == [KIND_LABELS[kind] for kind in ("district", "town_street", "institution")]
        assert ax.get_xlabel() == "sentences"
    finally:
        plt.close(fig)


def test_teacher_place_bars_on_a_built_gazetteer():
    small = Gazetteer(pd.DataFrame([
        {"name": "甲", "aliases": "", "english": "Jia", "kind": "city", "city": ""},
        {"name": "甲区", "aliases": "", "english": "Jia District", "kind": "district", "city": "甲"},
        {"name": "甲学院", "aliases": "", "english": "Jia Academy", "kind": "institution", "city": "甲"},
    ]))
    sites = pd.DataFrame({"teacher": ["甲", "甲"], "teacher_place": ["甲学院", "甲区"],
                          "sentences": [3, 1]})
    fig = charts.learning.teacher_place_bars(sites, small)
    try:
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_yticklabels()] == ["甲区  Jia District", "甲学院  Jia Academy"]
        assert [to_hex(b.get_facecolor()) for b in ax.containers[0]] == ["#3182bd", "#e6550d"]
        assert fig.get_size_inches()[1] == pytest.approx(0.32 * 2 + 0.8)
    finally:
        plt.close(fig)
