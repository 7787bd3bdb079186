"""Appendix A1's chart: pipeline throughput against raw jieba.lcut, with the target lines."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from policytext import charts  # noqa: E402
from policytext.perf import benchmarks  # noqa: E402
from policytext.text.segmenters import BACKENDS  # noqa: E402


@pytest.fixture(scope="module")
def results():
    return benchmarks.load_results()


def limits_of(results):
    targets = {t["target"]: t for t in results["targets"]}
    return (targets["throughput_ratio_single"]["limit"], targets["throughput_ratio_two_processes"]["limit"])


def test_every_segmenter_has_a_colour():
    assert set(charts.performance.SEGMENTER_COLOURS) == {benchmarks.segmenter_name(b) for b in BACKENDS}


def test_throughput_bars_on_the_benchmark_results(results):
    frame = benchmarks.throughput_table(results)
    limits = limits_of(results)
    fig = charts.performance.throughput_bars(frame, limits)
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == 1
        ax = fig.axes[0]
        bars = ax.containers[0]
        assert len(bars) == len(frame)
        assert [bar.get_width() for bar in bars] == list(frame["Chars/s"] / 1000)
        assert [t.get_text() for t in ax.get_yticklabels()] == list(frame["Run"])
        # raw jieba.lcut in grey, each pipeline run in its segmenter's colour
        assert to_hex(bars[0].get_facecolor()) == to_hex("grey")
        for bar, run in zip(bars[1:], frame["Run"][1:]):
            colour = charts.performance.SEGMENTER_COLOURS[run.split(", ")[1]]
            assert to_hex(bar.get_facecolor()) == to_hex(colour)
        # one dashed line per target, at the target times raw jieba.lcut
        raw_k = frame["Chars/s"].iloc[0] / 1000
        lines = [line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == "--"]
        assert lines == pytest.approx([raw_k * limit for limit in limits])
        texts = [t.get_text() for t in ax.texts]
        assert [f"{limit:g}× target" for limit in limits] == texts[:len(limits)]
        assert texts[len(limits):] == [f" {r:.2f}×" for r in frame["× jieba.lcut"]]
        # the fastest run and the furthest target line fit in the axes
        assert ax.get_xlim()[1] > max(frame["Chars/s"].max() / 1000, raw_k * max(limits))
    finally:
        plt.close(fig)


def test_unknown_segmenter_is_an_error():
    frame = pd.DataFrame({"Run": ["raw jieba.lcut, 1 process", "pipeline, pkuseg, 1 process"],
                          "Chars/s": [1000, 2000], "× jieba.lcut": [1.0, 2.0]})
    with pytest.raises(KeyError):
        charts.performance.throughput_bars(frame, (0.85,))
    plt.close("all")
