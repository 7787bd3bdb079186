"""Tables a reader can search, sort and page in the site, with a static twin in the PDF.

An :class:`InteractiveTable` is shown like any chapter table (:mod:`policytext.report.chapter`):
its HTML is the whole table, escaped and labelled, marked with :data:`TABLE_CLASS`; its LaTeX is
the same table, or its first rows with a note naming the CSV that holds them all. In the site,
``_static/policybook-tables.js`` turns every marked table into a DataTables table (search, sort,
pages) once the page has loaded; without JavaScript, or in Jupyter, the plain table stays.
An :class:`InteractiveChart` is drawn by Vega in the site and shown as its matplotlib figure
elsewhere. The scripts both need are written into the site by :mod:`policytext.report.site_assets`.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from policytext.charts.fonts import check_print_size
from policytext.report.chapter import frame_html, latex_table
from policytext.report.labels import label
from policytext.report.views import PRINTED_ROWS

#: Class of the tables the site makes interactive.
TABLE_CLASS = "policybook-interactive"
#: A cell of running text (a sentence, a paragraph): in a table with many short columns the
#: browser would squeeze it to a few characters a line, so it keeps a readable width, and a table
#: wider than the page scrolls sideways (``_static/policybook.css``).
_TEXT_CELL = re.compile(r"<td>([^<]{25,})</td>")
TEXT_CELL_WIDTH = "12em"
#: Rows an interactive table carries into the site at most (a page must stay light); a longer
#: table names the file that holds it all.
SITE_ROWS = 3000


@dataclass
class InteractiveTable:
    """``frame`` as a searchable, sortable table in the site (its first ``site_rows`` rows); in
    the PDF its first ``print_rows`` rows (all of a short table), or only its ``print_columns`` (long
    text that the PDF holds elsewhere, such as sentences the corpus reader sets under their
    IDs); a table cut short says that the full table is ``source`` (a file in data/derived)."""

    frame: pd.DataFrame
    uuid: str
    print_rows: int = PRINTED_ROWS
    source: str | None = None
    show_index: bool = False
    site_rows: int = SITE_ROWS
    print_columns: list[str] | None = None

    def __post_init__(self) -> None:
        cut = (len(self.frame) > min(self.print_rows, self.site_rows)) or self.print_columns is not None
        if cut and self.source is None:
            raise ValueError("a table cut short in print or in the site must name the file that holds it all")

    @property
    def _printed(self) -> pd.DataFrame:
        shown = self.frame if self.print_columns is None else self.frame[self.print_columns]
        return shown.head(self.print_rows)

    def _repr_html_(self) -> str:
        # plain cells (no per-cell ids and classes as a Styler writes): a long table stays light
        frame = self.frame if self.show_index else self.frame.reset_index(drop=True)
        html_table = _TEXT_CELL.sub(rf'<td style="min-width: {TEXT_CELL_WIDTH}">\1</td>',
                                    frame_html(frame.head(self.site_rows), table_id=f"T_{self.uuid}",
                                               classes=f"policybook-frame {TABLE_CLASS}"))
        if len(frame) > self.site_rows:
            html_table += (f"<p><em>The first {self.site_rows:,} of {len(frame):,} rows; all are in "
                           f"<code>{html.escape(str(self.source))}</code>.</em></p>")
        return html_table

    def _repr_latex_(self) -> str:
        shown = self._printed
        latex = latex_table(shown.style if self.show_index else shown.style.hide(axis="index"))
        path = str(self.source).replace("_", r"\_")
        # notes in a paragraph of their own, under the table (a tabular sits in the line of text)
        if len(shown) < len(self.frame):
            latex += (rf"\par{{\small\emph{{The first {len(shown)} of {len(self.frame)} rows; "
                      rf"all are in \texttt{{{path}}} and in the site's table.}}}}\par" "\n")
        left_out = [str(label(c)) for c in self.frame.columns if c not in shown.columns]
        if left_out:
            latex += (rf"\par{{\small\emph{{Not printed: {', '.join(left_out)}; "
                      rf"in \texttt{{{path}}} and in the site's table.}}}}\par" "\n")
        return latex

    def __repr__(self) -> str:
        return self._printed.to_string(index=self.show_index)


# ---------------------------------------------------------------- interactive charts

#: Class of the elements the site draws a Vega-Lite chart into, and the script it draws with.
CHART_CLASS = "policybook-chart"


@dataclass
class InteractiveChart:
    """A chart with its numbers on hover in the site (Vega-Lite, ``chart``: an Altair chart) and
    its static ``figure`` (matplotlib) in the PDF, in Jupyter and wherever JavaScript does not
    run: the HTML holds the figure as an image, which the site's script replaces by the chart."""

    chart: object
    figure: object
    uuid: str

    @cached_property
    def _png(self) -> bytes:
        """The figure as PNG, drawn (and its print size checked) once for both representations."""
        check_print_size(self.figure)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self._png

    def _repr_html_(self) -> str:
        spec = html.escape(json.dumps(self.chart.to_dict(), ensure_ascii=False, sort_keys=True), quote=True)
        image = base64.b64encode(self._png).decode("ascii")
        return (f'<div id="chart-{self.uuid}" class="{CHART_CLASS}" data-spec="{spec}">'
                f'<img src="data:image/png;base64,{image}" alt="{html.escape(self.uuid)}" style="max-width: 100%"></div>')

    def __repr__(self) -> str:
        return f"InteractiveChart({self.uuid!r})"


