"""Tables a reader can search, sort and page in the site, with a static twin in the PDF.

An :class:`InteractiveTable` is shown like any chapter table (:mod:`policytext.report.chapter`):
its HTML is the whole table, escaped and labelled, marked with :data:`TABLE_CLASS`; its LaTeX is
the same table, or its first rows with a note naming the CSV that holds them all. In the site,
``_static/policybook-tables.js`` turns every marked table into a DataTables table (search, sort,
pages) once the page has loaded; without JavaScript, or in Jupyter, the plain table stays.

DataTables comes from the PyPI package ``itables`` (its ``dt_bundle.js``, DataTables and jQuery as
one ES module). A module file cannot be imported from a ``file://`` page, so the build writes it
into :data:`LOADER` as a classic script holding the module's text, which imports it from a blob
URL (as itables' own offline mode does): the site works offline, from ``file://`` or any host, and
the library is loaded once per page that has such a table, from ``_static``.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from pathlib import Path

import pandas as pd

from policytext.charts.fonts import check_print_size
from policytext.paths import cache_dir, cached_file
from policytext.report.chapter import frame_html, latex_table
from policytext.report.labels import label
from policytext.report.views import PRINTED_ROWS

#: Class of the tables the site makes interactive.
TABLE_CLASS = "policybook-interactive"
#: Files written into the site's ``_static`` folder at build time.
LOADER = "datatables-offline.js"
STYLESHEET = "datatables.css"
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


def bundle_files() -> tuple[Path, Path]:
    """DataTables as shipped in the ``itables`` wheel: its ES module bundle and stylesheet."""
    folder = files("itables") / "html"
    script, style = Path(str(folder / "dt_bundle.js")), Path(str(folder / "dt_bundle.css"))
    if not script.is_file() or not style.is_file():
        raise FileNotFoundError(f"itables ships no dt_bundle.js/.css in {folder}; reinstall requirements.txt")
    return script, style


def loader_script(bundle: Path) -> str:
    """A classic script that imports the ES module ``bundle`` from a blob URL and leaves the
    promise of the module in ``window.policybookDataTables``."""
    # the module's text as a string literal (not base64, which would weigh a third more and
    # compress worse), written as UTF-8
    text = json.dumps(bundle.read_text(encoding="utf-8"), ensure_ascii=False)
    return ("// DataTables (itables' dt_bundle.js), imported from a blob URL so that it loads from file://\n"
            "(function () {\n"
            f"  const text = {text};\n"
            '  const url = URL.createObjectURL(new Blob([text], {type: "text/javascript"}));\n'
            "  window.policybookDataTables = import(url);\n"
            "})();\n")


def write_site_files(static: Path) -> list[Path]:
    """Write :data:`LOADER` and :data:`STYLESHEET` into the site's ``static`` folder."""
    script, style = bundle_files()
    static.mkdir(parents=True, exist_ok=True)
    loader, sheet = static / LOADER, static / STYLESHEET
    loader.write_text(loader_script(script), encoding="utf-8")
    sheet.write_text(style.read_text(encoding="utf-8"), encoding="utf-8")
    return [loader, sheet]


# ---------------------------------------------------------------- the concordance explorer

#: The explorer's data, written into the site's ``_static`` folder at build time.
CORPUS_DATA = "corpus-data.js"
#: Characters of text the explorer carries at most (a page must stay light): a larger corpus
#: is explored in its first documents, and the page says how many were left out.
MAX_CHARACTERS = 1_000_000
#: Terms offered as suggestions, the most frequent first.
SUGGESTED_TERMS = 200


def corpus_data(paragraphs: pd.DataFrame, documents: pd.DataFrame, terms: pd.DataFrame,
                max_characters: int = MAX_CHARACTERS) -> dict:
    """What the explorer needs, compact: the documents (ID, title, date, characters) in ID order,
    their paragraphs (document index, paragraph ID, text) in order, the most frequent terms, and
    how many documents were left out to stay under ``max_characters``."""
    own = {doc_id: frame.sort_values("para_no") for doc_id, frame in paragraphs.groupby("doc_id")}
    kept, rows, used, left_out = [], [], 0, 0
    for row in documents[documents["doc_id"].isin(own)].sort_values("doc_id").itertuples(index=False):
        texts = own[row.doc_id]
        size = int(texts["text"].str.len().sum())
        if left_out or (kept and used + size > max_characters):
            left_out += 1
            continue
        used += size
        rows += [[len(kept), para_id, text] for para_id, text in zip(texts["para_id"], texts["text"])]
        date = "" if pd.isna(row.date) else str(row.date)
        kept.append([row.doc_id, str(row.title).strip(), date, size])
    suggested = terms.sort_values(["freq", "term"], ascending=[False, True])["term"].head(SUGGESTED_TERMS)
    return {"documents": kept, "paragraphs": rows, "terms": suggested.tolist(), "left_out": left_out}


def corpus_script(data: dict) -> str:
    """The explorer's data as a classic script (a page opened from ``file://`` cannot fetch JSON)."""
    return "window.policybookCorpus = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def write_corpus_data(static: Path, paragraphs: pd.DataFrame, documents: pd.DataFrame,
                      terms: pd.DataFrame) -> Path:
    """Write :data:`CORPUS_DATA` for the corpus the book was built on into ``static``."""
    static.mkdir(parents=True, exist_ok=True)
    path = static / CORPUS_DATA
    path.write_text(corpus_script(corpus_data(paragraphs, documents, terms)), encoding="utf-8")
    return path


# ---------------------------------------------------------------- interactive charts

#: Class of the elements the site draws a Vega-Lite chart into, and the script it draws with.
CHART_CLASS = "policybook-chart"
VEGA_BUNDLE = "vega-bundle.js"
#: Raise when the way :func:`write_vega_bundle` wraps the bundle changes: cached copies are per version.
VEGA_WRAPPER_VERSION = 1


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


def write_vega_bundle(static: Path, cache: Path | None = None) -> Path:
    """Write Vega, Vega-Lite and vega-embed (one classic script from ``vl-convert``, which bundles
    the versions Altair targets) into ``static``. Bundling takes seconds, so the script is kept
    in ``cache`` (default: the project's cache folder) per version of vl-convert and of the
    wrapper below, and copied from there."""
    from importlib import metadata

    static.mkdir(parents=True, exist_ok=True)
    path = static / VEGA_BUNDLE
    folder = cache_dir() / "vega" if cache is None else Path(cache)
    cached = folder / f"{metadata.version('vl-convert-python')}-{VEGA_WRAPPER_VERSION}-{VEGA_BUNDLE}"

    def bundle(partial: Path) -> None:
        import vl_convert

        # in a function of its own: the bundle's top-level names (``_``, ``n``...) would clash
        # with the page's other scripts, which share the global scope of classic scripts
        partial.write_text("(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n", encoding="utf-8")

    shutil.copyfile(cached_file(cached, bundle), path)
    return path
