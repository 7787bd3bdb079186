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
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pandas as pd

from policytext.report.chapter import escaped_html, latex_table

#: Class of the tables the site makes interactive.
TABLE_CLASS = "policybook-interactive"
#: Files written into the site's ``_static`` folder at build time.
LOADER = "datatables-offline.js"
STYLESHEET = "datatables.css"
#: Rows a page of an interactive table shows before the reader asks for more.
PAGE_LENGTH = 10


@dataclass
class InteractiveTable:
    """``frame`` as a searchable, sortable table in the site; in the PDF all of it, or its first
    ``print_rows`` rows and a note that the full table is ``source`` (a file in data/derived)."""

    frame: pd.DataFrame
    uuid: str
    print_rows: int | None = None
    source: str | None = None
    show_index: bool = False

    def __post_init__(self) -> None:
        if self.print_rows is not None and self.source is None:
            raise ValueError("a table cut short in print must name the file that holds it all")

    def _styler(self, frame: pd.DataFrame):
        styler = frame.style.set_uuid(self.uuid).set_table_attributes(f'class="{TABLE_CLASS}"')
        return styler if self.show_index else styler.hide(axis="index")

    def _repr_html_(self) -> str:
        return escaped_html(self._styler(self.frame))

    def _repr_latex_(self) -> str:
        shown = self.frame if self.print_rows is None else self.frame.head(self.print_rows)
        latex = latex_table(self._styler(shown))
        if len(shown) < len(self.frame):
            path = str(self.source).replace("_", r"\_")
            latex += (rf"{{\small\emph{{The first {len(shown)} of {len(self.frame)} rows; "
                      rf"all are in \texttt{{{path}}} and in the site's table.}}}}" "\n")
        return latex

    def __repr__(self) -> str:
        return self.frame.to_string(index=self.show_index)


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
    encoded = base64.b64encode(bundle.read_bytes()).decode("ascii")
    return ("// DataTables (itables' dt_bundle.js), imported from a blob URL so that it loads from file://\n"
            "(function () {\n"
            f'  const text = atob("{encoded}");\n'
            "  const bytes = Uint8Array.from(text, c => c.charCodeAt(0));\n"
            '  const url = URL.createObjectURL(new Blob([bytes], {type: "text/javascript"}));\n'
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
