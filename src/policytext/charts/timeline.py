"""Charts of the timeline chapter (dates and quantities)."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from policytext.charts.fonts import use_cjk_font

#: Room left on the time axis before the first and after the last year with a dated event.
YEAR_MARGIN = pd.DateOffset(months=1)
#: Height (in lanes, above the first) of the label of a dashed milestone line.
LINE_LABEL_Y = -0.55


def time_limits(plotted: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The whole years of the dated events (those dated only to a year included), with a
    month's margin either side; ``plotted`` is :func:`policytext.analysis.events.timeline_rows`."""
    first, last = plotted["start"].min().year, plotted["end"].max().year
    return pd.Timestamp(first, 1, 1) - YEAR_MARGIN, pd.Timestamp(last, 12, 31) + YEAR_MARGIN


def _key_date(row: pd.Series) -> str:
    """A milestone's date in the key: the day, ``YYYY end`` for a year-end, else the month."""
    return {"day": row["date_start"], "year_end": row["date_start"][:4] + " end"}.get(
        row["precision"], row["date_start"][:7])


def timeline(plotted: pd.DataFrame, lanes: dict[str, str], milestones: pd.DataFrame) -> Figure:
    """Dated events on one time axis, one lane per article (a dot at the middle, a band for the
    extent, hollow when the year is inferred), with numbered milestones listed in a key below
    and a dashed line for each milestone with a ``line_label``.

    ``plotted`` is :func:`policytext.analysis.events.timeline_rows`, ``lanes`` the lane labels by
    ``doc_id`` and ``milestones`` :func:`policytext.analysis.events.read_milestones`.
    """
    use_cjk_font()
    indexed = plotted.set_index(["para_id", "expression"])
    # the key goes below the time axis, so that the figure prints at page width
    key_rows = max(1, len(milestones))  # an empty key keeps a sliver of height (ratios must be positive)
    fig, (ax, key) = plt.subplots(2, 1, figsize=(6.5, 3.4 + 0.19 * key_rows),
                                  height_ratios=[3.0, 0.19 * key_rows])
    for row in plotted[plotted["precision"] != "year"].itertuples():
        ax.plot([row.start, row.end], [row.lane, row.lane], color=f"C{row.lane}", alpha=0.35, lw=7,
                solid_capstyle="butt")
    for inferred, face in ((False, None), (True, "white")):
        part = plotted[(plotted["inferred"] == inferred) & (plotted["precision"] != "year")]
        ax.scatter(part["middle"], part["lane"], s=46, zorder=3, linewidths=1.4,
                   edgecolors=[f"C{lane}" for lane in part["lane"]],
                   facecolors=face or [f"C{lane}" for lane in part["lane"]],
                   label="year inferred" if inferred else "year stated")
    for milestone in milestones[milestones["line_label"] != ""].itertuples(index=False):
        when = indexed.loc[(milestone.para_id, milestone.expression), "start"]
        ax.axvline(when, color="grey", ls="--", lw=1)
        ax.text(when, LINE_LABEL_Y, f" {milestone.line_label}", fontsize=8, color="grey", va="center")
    key_lines = []
    for number, milestone in enumerate(milestones.itertuples(index=False), start=1):
        row = indexed.loc[(milestone.para_id, milestone.expression)]
        ax.annotate(str(number), (row["middle"], row["lane"]), xytext=(0, 9 if number % 2 else -15),
                    textcoords="offset points", fontsize=8, ha="center", fontweight="bold")
        marker = "○" if row["inferred"] else "●"
        key_lines.append(f"{number:>2}  {marker} {_key_date(row)}  {milestone.label} ({milestone.para_id})")
    key.text(0, 1, "\n".join(key_lines), fontsize=8, va="top", ha="left", linespacing=1.6)
    key.axis("off")
    ax.set_yticks(range(len(lanes)), list(lanes.values()), fontsize=8)
    ax.set_ylim(len(lanes) - 0.4, -0.7)
    ax.set_xlim(*time_limits(plotted))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig


#: The panels of :func:`training_bars`: the ``counts`` of :func:`policytext.analysis.events.training_scale`
#: and the axis label of each. People and person-times are different units: never one axis.
TRAINING_PANELS = {"people": "people (人, 名)", "person-times": "person-times (人次)"}
#: Room right of the longest bar for its label, as a fraction of the bar.
LABEL_ROOM = 0.3


def training_bars(scale: pd.DataFrame) -> Figure:
    """One panel per unit (people, then person-times), each with its own linear axis: a bar per
    count read from the text, coloured by article (the legend gives its date), hatched when
    approximate, labelled with the paragraph, the counted words and the clause's date
    expression; ``scale`` is :func:`policytext.analysis.events.training_scale`."""
    use_cjk_font()
    articles = scale.drop_duplicates("doc_id").set_index("doc_id")["date"]
    colour_of = {doc: f"C{i}" for i, doc in enumerate(articles.index)}
    panels = [(counts, label) for counts, label in TRAINING_PANELS.items() if (scale["counts"] == counts).any()]
    sizes = [int((scale["counts"] == counts).sum()) for counts, _ in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(6.5, 1.6 + 0.34 * sum(sizes) + 0.6 * len(panels)),
                             height_ratios=sizes, squeeze=False)
    for ax, (counts, label) in zip(axes[:, 0], panels):
        chart = scale[scale["counts"] == counts].iloc[::-1]
        bars = ax.barh(range(len(chart)), chart["value"], color=[colour_of[doc] for doc in chart["doc_id"]],
                       hatch=["//" if approx else "" for approx in chart["approximate"]], edgecolor="white")
        ax.set_yticks(range(len(chart)),
                      [f"{p}  {m[-10:]}" + (f"（{period}）" if period else "") for p, m, period
                       in zip(chart["para_id"], chart["measures"], chart["period"])], fontsize=8)
        ax.bar_label(bars, labels=chart["expression"], fontsize=8, padding=3)
        ax.set_xlim(0, chart["value"].max() * (1 + LABEL_ROOM))
        ax.set_xlabel(label, fontsize=9)
        ax.tick_params(axis="x", labelsize=8)
    fig.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=colour_of[doc]) for doc in articles.index],
               labels=[f"article {doc} ({date})" for doc, date in articles.items()], fontsize=8,
               loc="lower center", ncol=len(articles))
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig
