"""Figures of the themes chapter, drawn from the derived tables and from small built frames."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from policytext import charts, tables  # noqa: E402
from policytext.analysis import themes  # noqa: E402


@pytest.fixture(scope="module")
def documents():
    return tables.load("documents")


@pytest.fixture(scope="module")
def shares():
    return tables.load("theme_document_shares")


@pytest.fixture(scope="module")
def published(documents):
    return documents.set_index("doc_id")["date"]


@pytest.fixture(scope="module")
def doc_names(documents):
    return tables.document_labels(documents)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tick_texts(labels) -> list[str]:
    return [label.get_text() for label in labels]


def test_share_heatmap_writes_each_share_and_bolds_the_top_theme(shares, published, doc_names):
    matrix, top = themes.share_matrix(shares), themes.top_theme(shares)
    fig = charts.themes.share_heatmap(matrix, top, doc_names, published)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert len([a for a in ax.get_children() if isinstance(a, AxesImage)]) == 1
    assert len(ax.texts) == matrix.size
    assert tick_texts(ax.get_xticklabels()) == [themes.SHORT_NAMES[t] for t in matrix.columns]
    assert tick_texts(ax.get_yticklabels())[0] == f"000 learning campaign ({published['000'][:7]})"
    bold = [t for t in ax.texts if t.get_fontweight() == "bold"]
    assert len(bold) == sum(top[d] in matrix.columns for d in matrix.index)
    assert ax.texts[0].get_text() == themes.percent(matrix.iloc[0, 0])


def test_share_heatmap_on_a_built_frame_marks_dark_cells_white():
    matrix = pd.DataFrame({"talent_policy": [0.9, 0.2], "cadre_work": [0.1, 0.8]}, index=["x", "y"])
    top = pd.Series({"x": "talent_policy", "y": "cadre_work"})
    fig = charts.themes.share_heatmap(matrix, top, {"x": "x one", "y": "y two"},
                                      {"x": "2024-01-02", "y": "2023-05-06"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["90%", "10%", "20%", "80%"]
    assert [t.get_color() for t in ax.texts] == ["white", "black", "black", "white"]
    assert tick_texts(ax.get_yticklabels()) == ["x one (2024-01)", "y two (2023-05)"]


def test_dominant_bars_stack_one_bar_per_document_and_column(doc_names):
    scores = tables.load("theme_paragraph_scores")
    body = scores[scores["kind"] == "body"]
    dominant = themes.dominant_by_document(body)
    fig = charts.themes.dominant_bars(dominant, doc_names)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == dominant.size
    assert tick_texts(ax.get_yticklabels()) == [doc_names[d] for d in dominant.index]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [themes.SHORT_NAMES.get(c, c) for c in dominant.columns]
    # the stacked bars end at each document's number of body paragraphs
    ends = {}
    for bar in bars:
        y = round(bar.get_y() + bar.get_height() / 2)
        ends[y] = max(ends.get(y, 0), bar.get_x() + bar.get_width())
    assert [ends[i] for i in range(len(dominant))] == body.groupby("doc_id").size().loc[dominant.index].tolist()


def test_dominant_bars_colour_mixed_and_none_grey():
    dominant = pd.DataFrame({"talent_policy": [3], themes.MIXED: [1], themes.NO_THEME: [2]}, index=["x"])
    ax = charts.themes.dominant_bars(dominant, {"x": "x"}).axes[0]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[1:] == ["#bbbbbb", "#eeeeee"]
    assert [p.get_width() for p in ax.patches] == [3, 1, 2]


def test_shares_by_publication_draws_one_line_per_theme_in_date_order(shares, published):
    fig = charts.themes.shares_by_publication(shares, published)
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == [themes.SHORT_NAMES[t] for t in themes.THEME_ORDER]
    by_date = list(published.sort_values().index)
    assert tick_texts(ax.get_xticklabels()) == [f"{d}\n{published[d][:7]}" for d in by_date]
    learning = shares[shares["theme"] == "learning_from_shenzhen"].set_index("doc_id").loc[by_date, "share"]
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), learning.to_numpy())
    assert ax.get_ylim()[0] == 0


def test_cooccurrence_heatmap_writes_counts_off_the_diagonal():
    pairs = tables.load("theme_cooccurrence")
    co = themes.cooccurrence_matrix(pairs)
    fig = charts.themes.cooccurrence_heatmap(co)
    ax = fig.axes[0]
    assert len(ax.texts) == len(co) * (len(co) - 1)
    assert tick_texts(ax.get_yticklabels()) == [themes.SHORT_NAMES[t] for t in co.index]
    first = pairs.iloc[0]
    i, j = list(co.index).index(first["theme_a"]), list(co.columns).index(first["theme_b"])
    assert int(first["n_both"]) in {int(t.get_text()) for t in ax.texts
                                    if t.get_position() == (j, i)}
    # the largest count is written in white
    assert {t.get_color() for t in ax.texts if int(t.get_text()) == int(pairs["n_both"].max())} == {"white"}
    assert not [c for c in ax.get_children() if isinstance(c, PathCollection)]
