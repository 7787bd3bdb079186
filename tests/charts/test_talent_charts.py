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


@pytest.mark.parametrize("axis, scheme_name", [("x", "stage"), ("y", "instrument")])
def test_heatmap_labels_do_not_overlap(heatmap, axis, scheme_name):
    ax = heatmap.axes[0]
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    boxes = [label.get_window_extent(heatmap.canvas.get_renderer()) for label in labels if label.get_text()]
    assert len(boxes) == len(talent.load_scheme().codes_of(scheme_name))
    for first, second in zip(boxes, boxes[1:]):
        # stages run left to right, sub-types top to bottom
        assert first.x1 <= second.x0 if axis == "x" else second.y1 <= first.y0, "neighbouring labels overlap"
