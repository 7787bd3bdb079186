"""Charts of the corpus chapter: what the cleaning kept and removed in each document."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from policytext.charts.fonts import use_cjk_font

#: Name of the bar segment of the characters kept.
KEPT_LABEL = "kept (clean text)"


def removal_bars(documents: pd.DataFrame, by_rule: pd.DataFrame) -> Figure:
    """Stacked horizontal bars per document: characters kept, then removed by each cleaning
    rule; ``documents`` are the read articles (``doc_id``, ``chars_clean``), ``by_rule`` is
    :func:`policytext.tables.removal_by_rule` (rules x documents, with a ``total`` column)."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.5, 4.6))
    kept = documents.set_index("doc_id")["chars_clean"].rename(KEPT_LABEL)
    chart = pd.concat([kept, by_rule.drop(columns="total").T], axis=1).reindex(kept.index).fillna(0)
    chart.plot.barh(stacked=True, ax=ax, colormap="tab20", width=0.7)
    ax.invert_yaxis()
    ax.set_xlabel("characters (excluding whitespace)")
    ax.set_ylabel("document")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.45, -0.2), ncol=3, frameon=False)
    fig.tight_layout()
    return fig
