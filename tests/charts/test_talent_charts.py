"""The talent chapter's charts: the instrument x stage heatmap stays legible at print size."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from policytext import tables  # noqa: E402
from policytext.analysis import talent  # noqa: E402
from policytext.charts.talent import matrix_heatmap, stacked_label  # noqa: E402


def test_stacked_label_puts_the_chinese_on_its_own_line():
    assert stacked_label("Incentivise and retain (留)") == "Incentivise\nand retain\n(留)"
    assert stacked_label("Use (用)") == "Use\n(用)"
    assert stacked_label("Recruit") == "Recruit"


@pytest.fixture(scope="module")
def heatmap():
    scheme = talent.load_scheme()
    figure = matrix_heatmap(talent.instrument_stage_matrix(tables.load("talent_measures"), scheme), scheme)
    figure.canvas.draw()
    yield figure
    plt.close(figure)


def test_heatmap_stage_labels_do_not_overlap(heatmap):
    ax = heatmap.axes[0]
    renderer = heatmap.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in ax.get_xticklabels() if label.get_text()]
    assert len(boxes) == len(talent.load_scheme().codes_of("stage"))
    for left, right in zip(boxes, boxes[1:]):
        assert left.x1 <= right.x0, "neighbouring stage labels overlap"


def test_heatmap_row_labels_do_not_overlap(heatmap):
    ax = heatmap.axes[0]
    renderer = heatmap.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in ax.get_yticklabels() if label.get_text()]
    assert len(boxes) == len(talent.load_scheme().codes_of("instrument"))
    for upper, lower in zip(boxes, boxes[1:]):
        assert lower.y1 <= upper.y0, "neighbouring sub-type labels overlap"
