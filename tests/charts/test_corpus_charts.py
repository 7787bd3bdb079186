"""The corpus chapter's chart: characters kept and removed per document, by cleaning rule."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from policytext import charts, tables  # noqa: E402


@pytest.fixture(scope="module")
def real():
    documents = tables.load("documents")
    ok = documents[documents["status"] == "ok"]
    return ok, tables.removal_by_rule(tables.load("removed_lines"))


def test_removal_bars_draw_kept_then_every_rule_for_every_document(real):
    ok, by_rule = real
    fig = charts.corpus.removal_bars(ok, by_rule)
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == 1
        ax = fig.axes[0]
        # one stacked segment per document for the kept text and for each rule
        assert len(ax.containers) == 1 + len(by_rule.index)
        assert all(len(bars) == len(ok) for bars in ax.containers)
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == [charts.corpus.KEPT_LABEL, *by_rule.index]
        # the first document is on top (the y axis is inverted)
        assert [t.get_text() for t in ax.get_yticklabels()] == list(ok["doc_id"])
        assert ax.yaxis_inverted()
        kept = [bar.get_width() for bar in ax.containers[0]]
        assert kept == list(ok["chars_clean"])
        removed = [sum(bars[i].get_width() for bars in ax.containers[1:]) for i in range(len(ok))]
        expected = by_rule.drop(columns="total").sum().reindex(ok["doc_id"], fill_value=0)
        assert removed == list(expected)
    finally:
        plt.close(fig)


def test_document_without_removals_has_empty_removal_segments():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "chars_clean": [100, 50]})
    by_rule = pd.DataFrame({"a": [7, 3]}, index=pd.Index(["pinyin", "credit"], name="rule"))
    by_rule["total"] = by_rule.sum(axis=1)
    fig = charts.corpus.removal_bars(documents, by_rule)
    try:
        ax = fig.axes[0]
        assert len(ax.containers) == 3
        assert [bars[1].get_width() for bars in ax.containers] == [50, 0, 0]
        assert [bars[0].get_width() for bars in ax.containers] == [100, 7, 3]
        assert ax.get_xlabel() == "characters (excluding whitespace)"
    finally:
        plt.close(fig)
