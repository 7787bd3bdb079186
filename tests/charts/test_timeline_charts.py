"""Figures of the timeline chapter, drawn from the derived tables and the curated milestones."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402

from policytext import tables  # noqa: E402
from policytext.analysis import events  # noqa: E402
from policytext.charts import timeline  # noqa: E402


@pytest.fixture(scope="module")
def derived():
    return {name: tables.load(name) for name in ("paragraphs", "documents", "events", "quantities")}


@pytest.fixture(scope="module")
def inputs(derived):
    event_rows = derived["events"]
    dated = event_rows[event_rows["kind"].isin(events.DATED_KINDS)]
    documents = derived["documents"]
    lanes = tables.document_labels(documents[documents["status"] == "ok"])
    milestones = events.read_milestones(event_rows, derived["paragraphs"])
    return events.timeline_rows(dated, lanes), lanes, milestones


@pytest.fixture
def timeline_figure(inputs):
    fig = timeline.timeline(*inputs)
    yield fig
    plt.close(fig)


def test_time_axis_spans_the_years_of_the_dated_events():
    plotted = pd.DataFrame({"start": pd.to_datetime(["2021-11-09", "2020-01-01"]),
                            "end": pd.to_datetime(["2021-11-11", "2024-12-31"])})
    assert timeline.time_limits(plotted) == (pd.Timestamp("2019-12-01"), pd.Timestamp("2025-01-31"))


def test_timeline_has_one_lane_per_article_and_a_key(timeline_figure, inputs):
    plotted, lanes, _ = inputs
    ax, key = timeline_figure.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == list(lanes.values())
    assert ax.get_xlim() == pytest.approx(tuple(mdates.date2num(timeline.time_limits(plotted))))
    assert ax.get_xlim() == pytest.approx(tuple(mdates.date2num([pd.Timestamp("2019-12-01"),
                                                                 pd.Timestamp("2025-01-31")])))
    assert not key.axison
    drawn = plotted[plotted["precision"] != "year"]
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in dots) == len(drawn)
    bands = [line for line in ax.get_lines() if line.get_linewidth() == 7]
    assert len(bands) == len(drawn)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["year stated", "year inferred"]


def test_timeline_numbers_every_milestone_and_lists_it_in_the_key(timeline_figure, inputs):
    plotted, _, milestones = inputs
    ax, key = timeline_figure.axes
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert numbers == [str(n) for n in range(1, len(milestones) + 1)]
    key_lines = key.texts[0].get_text().split("\n")
    assert len(key_lines) == len(milestones)
    for line, milestone in zip(key_lines, milestones.itertuples()):
        assert line.endswith(f"{milestone.label} ({milestone.para_id})")
    assert key_lines[1] == " 2  ● 2021 end  15th municipal Party congress: 全面学习拥抱深港 (000:13)"
    assert key_lines[0].startswith(" 1  ○ 2021-11-09")  # Chenzhou: the year is inferred
    assert key_lines[3].startswith(" 4  ○ 2022-10  ")  # month precision; 同年: year inferred


def test_timeline_draws_a_dashed_line_for_the_link_opening(timeline_figure):
    ax, _ = timeline_figure.axes
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1
    assert pd.Timestamp(dashed[0].get_xdata()[0]) == pd.Timestamp("2024-06-30")
    assert " 深中通道" in [t.get_text() for t in ax.texts]


def test_training_bars_keep_people_and_person_times_on_separate_axes(derived):
    scale = events.training_scale(derived["quantities"], derived["documents"])
    fig = timeline.training_bars(scale)
    try:
        assert len(fig.axes) == 2  # people, then person-times: never one axis
        for ax, counts in zip(fig.axes, ["people", "person-times"]):
            part = scale[scale["counts"] == counts].iloc[::-1]
            assert ax.get_xlabel() == timeline.TRAINING_PANELS[counts]
            assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
            assert ax.get_xlim()[1] > part["value"].max()
            bars = ax.patches
            assert [bar.get_width() for bar in bars] == part["value"].tolist()
            assert [bool(bar.get_hatch()) for bar in bars] == part["approximate"].tolist()
            assert [t.get_text() for t in ax.texts] == part["expression"].tolist()
            labels = [t.get_text() for t in ax.get_yticklabels()]
            assert labels[-1].startswith(part["para_id"].iloc[-1])  # the first count on top
        people, person_times = fig.axes
        assert all(t.get_text().endswith(("人", "名")) for t in people.texts)
        assert all(t.get_text().endswith("人次") for t in person_times.texts)
        published = derived["documents"].set_index("doc_id")["date"]
        assert [t.get_text() for t in fig.legends[0].get_texts()] == [
            f"article {doc} ({published[doc]})" for doc in ("000", "001")]
    finally:
        plt.close(fig)


def test_training_bars_with_one_unit_draw_one_panel(derived):
    scale = events.training_scale(derived["quantities"], derived["documents"])
    fig = timeline.training_bars(scale[scale["counts"] == "person-times"])
    try:
        assert len(fig.axes) == 1 and fig.axes[0].get_xlabel() == timeline.TRAINING_PANELS["person-times"]
    finally:
        plt.close(fig)


def test_a_timeline_without_milestones_is_drawn_with_an_empty_key(inputs):
    plotted, lanes, milestones = inputs
    fig = timeline.timeline(plotted, lanes, milestones.iloc[:0])
    ax, key = fig.axes
    assert len(ax.get_yticklabels()) == len(lanes)
    assert key.texts[0].get_text() == ""
    plt.close(fig)
