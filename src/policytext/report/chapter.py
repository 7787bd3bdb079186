"""How the chapters show tables: escaped HTML on the site, LaTeX tables that fit the PDF page.

Call :func:`setup` at the top of a notebook. DataFrames and Stylers then carry a ``text/latex``
representation (booktabs rules, wrapped text columns sized to the page, every cell escaped),
which the PDF uses instead of monospaced plain text; Stylers escape their cells in HTML.
"""
from __future__ import annotations

import copy
import importlib
import re
import unicodedata

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler
from pandas.io.formats.style_render import _escape_latex

from policytext.charts.fonts import check_print_size, use_cjk_font
from policytext.corpus.script import IDEOGRAPHS
from policytext.report import readings
from policytext.report.labels import label, labelled

#: Width of the PDF's text block in "half-em" units of the small table font
#: (a Latin letter is about one unit, a Chinese character two).
PAGE_UNITS = 100
#: Text columns are never squeezed below this many units, a column of Chinese prose not below
#: PROSE_COLUMN_UNITS (eight characters a line) unless the table cannot hold it.
MIN_COLUMN_UNITS = 10
PROSE_COLUMN_UNITS = 19
#: First line of every LaTeX table made here; the book's Sphinx extension passes such
#: outputs to LaTeX as they are (myst-nb would otherwise treat ``text/latex`` as an equation).
LATEX_TABLE_MARKER = "% policytext table"
#: Units of space LaTeX puts around each column (2 x \tabcolsep); a ``p{}`` width excludes it.
PADDING_UNITS = 3
#: Length unit of one display unit, as a fraction of the line width.
_UNIT = 1 / PAGE_UNITS
#: Lines of the small table font that fit on a PDF page with a caption; a taller table is set
#: as a ``longtable``, which breaks across pages (a ``tabular`` would run off the page).
PAGE_LINES = 40
#: A run of Chinese characters up to this long is a term, kept on one line in a wrapped column
#: (xeCJK would otherwise break it between any two characters); longer runs are prose.
TERM_CHARACTERS = 8
_CJK_RUN = re.compile(f"[{IDEOGRAPHS}]+")
_CJK_SPACE = re.compile(f"(?<=[{IDEOGRAPHS}]) (?=[{IDEOGRAPHS}])")
_PROSE_PUNCTUATION = re.compile("[，。；：！？…]")
#: A date, which LaTeX would break after a hyphen.
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
#: Where a cell listing terms may break: at spaces and list marks.
_CHUNK_BREAKS = re.compile(r"[\s、,;/]+")


def display_width(text: object) -> int:
    """Width of ``text`` in units: 2 for a wide (CJK) character, 1 for others."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def column_widths(frame: pd.DataFrame, budget: int = PAGE_UNITS) -> dict[str, int | None]:
    """Units given to each text column that must wrap (``None``: keep on one line).

    Columns keep their natural width while the table fits. Otherwise numbers stay whole and
    the text columns share what is left: narrow ones keep their width, the widest are
    squeezed equally (water-filling), never below :data:`MIN_COLUMN_UNITS`.
    """
    natural = {c: max([display_width(c)] + [display_width(v) for v in frame[c]]) + PADDING_UNITS
               for c in frame.columns}
    if sum(natural.values()) <= budget:
        return {c: None for c in frame.columns}
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    text = sorted((c for c in frame.columns if c not in numeric), key=lambda c: natural[c])
    room = budget - sum(natural[c] for c in numeric)
    floors = {c: min(_term_floor(frame[c]), natural[c]) for c in text}
    for column in sorted(text, key=lambda c: -floors[c]):  # the widest terms give way first
        if sum(floors.values()) <= room:
            break
        floors[column] = MIN_COLUMN_UNITS
    left = max(room, sum(floors.values()))
    widths: dict[str, int | None] = {c: None for c in numeric}
    for position, column in enumerate(text):
        share = (left - sum(floors[c] for c in text[position + 1:])) if position + 1 < len(text) else left
        share = min(share, left // (len(text) - position)) if share > floors[column] else share
        width = natural[column] if natural[column] <= share else max(share, floors[column])
        widths[column] = None if width == natural[column] else width
        left -= width
    return widths


def _term_floor(values: pd.Series) -> int:
    """The narrowest width (units) at which a column of terms (:func:`cjk_cell`) keeps every
    term whole: a chunk between spaces or list marks that holds Chinese has no break point (its
    terms sit in mboxes and digits glue to them: 2023年5月14日至16日), nor does an ISO date;
    Latin words may hyphenate and prose may break anywhere. At least :data:`MIN_COLUMN_UNITS`, or
    :data:`PROSE_COLUMN_UNITS` for a column of Chinese prose."""
    texts = [str(_shortest_float(v)) for v in values]
    if not texts or not all(_is_terms(t, TERM_CHARACTERS) for t in texts):
        # Chinese prose squeezed to a few characters a line is hard to read
        return PROSE_COLUMN_UNITS if any(_CJK_RUN.search(t) for t in texts) else MIN_COLUMN_UNITS
    chunks = [chunk for t in texts for chunk in _CHUNK_BREAKS.split(t)
              if _CJK_RUN.search(chunk) or _ISO_DATE.fullmatch(chunk)]
    widest = max([display_width(chunk) for chunk in chunks] + [0])
    return max(MIN_COLUMN_UNITS, widest + 4 + PADDING_UNITS)


#: ``DataFrame.attrs`` key listing text columns set flush right (a concordance's left context).
RIGHT_ALIGNED = "right_aligned"


def _column_spec(frame: pd.DataFrame, widths: dict[str, int | None]) -> str:
    specs = []
    right = set(frame.attrs.get(RIGHT_ALIGNED, ()))
    for column in frame.columns:
        if widths[column] is not None:
            fraction = (widths[column] - PADDING_UNITS) * _UNIT
            ragged = r"\raggedleft" if column in right else r"\raggedright"
            # \hspace{0pt}: TeX hyphenates no word that opens a paragraph; this lets it
            specs.append(rf">{{{ragged}\arraybackslash\hspace{{0pt}}}}p{{{fraction:.3f}\linewidth}}")
        else:
            specs.append("r" if pd.api.types.is_numeric_dtype(frame[column]) or column in right else "l")
    return "".join(specs)


def kwic_table(concordance: pd.DataFrame, uuid: str) -> Styler:
    """A concordance (KWIC) with its left context set flush right and the node in bold, so the
    node words line up, in the site and in the PDF; ``uuid`` keeps the HTML ids fixed."""
    frame = concordance.copy()
    frame.attrs[RIGHT_ALIGNED] = ["left"]
    return frame.style.set_uuid(uuid).set_table_styles({  # by column: the index repeats
        "left": [{"selector": "td", "props": "text-align: right"}],
        "node": [{"selector": "td", "props": "font-weight: bold; text-align: center"}],
        "right": [{"selector": "td", "props": "text-align: left"}]})


def _lines(values: pd.Series, width: int | None) -> pd.Series:
    """Lines each cell takes when wrapped to ``width`` units (1 when it is not wrapped)."""
    if width is None:
        return pd.Series(1, index=values.index)
    room = max(width - PADDING_UNITS, 1)
    return values.map(lambda v: max(-(-display_width(v) // room), 1))


def table_lines(frame: pd.DataFrame, widths: dict[str, int | None] | None = None) -> int:
    """Estimated height of a table in lines: its header and each row's tallest wrapped cell."""
    widths = column_widths(frame) if widths is None else widths
    header_lines = max([1] + [int(_lines(pd.Series([c]), widths[c]).iloc[0]) for c in frame.columns])
    if frame.empty:
        return header_lines
    rows = pd.concat([_lines(frame[c].reset_index(drop=True), widths[c]) for c in frame.columns], axis=1)
    return header_lines + int(rows.max(axis=1).sum())


def float_format(values: pd.Series) -> str:
    """A format for a column of floats: the decimals its most precise value needs (as the
    notebook rounded it, up to 6 significant digits), the same for every row, like pandas' own
    display (0.853 and 0.5 -> 0.853 and 0.500); 6 significant digits if any needs an exponent."""
    shown = [f"{x:.6g}" for x in values.dropna()]
    if any("e" in text for text in shown):
        return "{:.6g}"
    decimals = max([len(text.partition(".")[2]) for text in shown] + [0])
    return f"{{:.{decimals}f}}"


def _shortest_float(value: object) -> object:
    return f"{value:.6g}" if isinstance(value, float) else value


def cjk_cell(text: object, room: int | None = None) -> str:
    """LaTeX for a table cell (escaped). A space between two Chinese characters is a word
    boundary (a segmentation) and is kept (xeCJK would drop it). In a column ``room`` units
    wide, a cell that lists terms (no sentence punctuation) has each run of Chinese characters up
    to :data:`TERM_CHARACTERS` and narrower than the column in an mbox, so that it is not broken
    mid-word (a longer run may break); quoted prose may break anywhere."""
    text = str(_shortest_float(text))
    latex = _escape_latex(text)
    if room is not None and not _PROSE_PUNCTUATION.search(text):
        limit = min(TERM_CHARACTERS, (room - 4) // 2)
        latex = _CJK_RUN.sub(lambda m: rf"\mbox{{{m[0]}}}" if len(m[0]) <= limit else m[0], latex)
    return _CJK_SPACE.sub(r"\ ", latex)


def _is_terms(text: str, limit: int) -> bool:
    """Whether a cell lists terms (every run of Chinese characters at most ``limit`` long, no
    sentence punctuation) rather than quoting prose, which may break anywhere."""
    return not _PROSE_PUNCTUATION.search(text) and all(len(run) <= limit for run in _CJK_RUN.findall(text))


def latex_table(table: pd.DataFrame | Styler) -> str:
    """A LaTeX table for a DataFrame or Styler: escaped, booktabs rules, fitted to the page.

    A ``tabular``, or a ``longtable`` that breaks across pages when the table is taller than
    :data:`PAGE_LINES`. A named or non-default index is shown as a first column; a Styler's
    hidden index stays hidden.
    """
    if isinstance(table, Styler):
        frame, show_index = table.data, not any(table.hide_index_)
    else:
        named = any(name is not None for name in table.index.names)
        frame, show_index = table, named or not isinstance(table.index, pd.RangeIndex)
    right = [label(c) for c in frame.attrs.get(RIGHT_ALIGNED, ())]
    frame = labelled(frame)
    if show_index:
        frame = frame.reset_index()
    frame = frame.copy()
    frame.columns = [" ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    frame.attrs[RIGHT_ALIGNED] = right
    styler = frame.style.hide(axis="index").format(escape="latex").format_index(escape="latex", axis=1)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            styler = styler.format(float_format(frame[column]), subset=[column], na_rep="")
    widths = column_widths(frame)
    for column, width in widths.items():  # text: escaped, a float among strings shortened
        if not pd.api.types.is_numeric_dtype(frame[column]):
            room = None if width is None else width - PADDING_UNITS
            styler = styler.format(lambda v, room=room: cjk_cell(v, room), subset=[column],
                                   escape=None, na_rep="")
    environment = "longtable" if table_lines(frame, widths) > PAGE_LINES else None
    body = styler.to_latex(column_format=_column_spec(frame, widths), hrules=True, environment=environment)
    # Identifiers such as open_end_set_to_publication may break after an underscore.
    body = body.replace(r"\_", r"\_\allowbreak{}")
    # A long table is set where it stands, not floated: the floating tables before it are
    # placed first (placeins), so that tables print in the order of their numbers.
    barrier = "\\FloatBarrier\n" if environment == "longtable" else ""
    return f"{LATEX_TABLE_MARKER}\n{barrier}{{\\small\n{body}}}\n"


def escaped_html(styler: Styler) -> str:
    """A Styler's HTML with its columns labelled (:mod:`policytext.report.labels`) and index and
    column labels escaped as well as the cells (``styler.format.escape`` escapes only the cells)."""
    shown = copy.deepcopy(styler)
    shown.data = labelled(shown.data)
    shown.index, shown.columns = shown.data.index, shown.data.columns
    html = shown.format_index(escape="html", axis=0).format_index(escape="html", axis=1).to_html()
    return aligned_cells(_index_name_in_header(html))


#: A Styler's header of one row of column labels followed by a row holding only the index's name.
_INDEX_NAME_ROW = re.compile(
    r'(<thead>\s*<tr>\s*)<th class="blank level0" >&nbsp;</th>((?:\s*<th [^>]*class="col_heading level0[^>]*>.*?</th>)*'
    r'\s*</tr>)\s*<tr>\s*<th class="index_name level0" >(.*?)</th>(?:\s*<th class="blank col\d+" >&nbsp;</th>)*\s*</tr>',
    re.DOTALL)


def _index_name_in_header(html: str) -> str:
    """The index's name as the first column label, not in a row of its own under the labels (as
    :func:`frame_html` does for a DataFrame); tables with several header rows stay as they are."""
    return _INDEX_NAME_ROW.sub(r'\1<th class="index_name level0" >\3</th>\2', html, count=1)


def frame_html(frame: pd.DataFrame, table_id: str | None = None, classes: str = "policybook-frame") -> str:
    """A DataFrame's HTML with its columns labelled (:mod:`policytext.report.labels`), every row
    and every character of a cell shown (as in the PDF); a named index is a first column (pandas
    would put its name in a row of its own), a default one (0, 1, 2 ...) is not shown."""
    shown = labelled(frame)
    named = any(name is not None for name in shown.index.names)
    if named:
        shown = shown.reset_index()
    index = not named and not isinstance(frame.index, pd.RangeIndex)
    with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
        return aligned_cells(shown.to_html(index=index, escape=True, border=1, classes=classes,
                                           table_id=table_id))


#: A cell holding only a number (a count, a share, a rate) or only a date.
_NUMBER_CELL = re.compile(r"(<td\b[^>]*?)\s*>(\s*[-−]?\d[\d,]*(?:\.\d+)?%?\s*)</td>")
_DATE_CELL = re.compile(rf"(<td\b[^>]*?)\s*>(\s*{_ISO_DATE.pattern}\s*)</td>")
#: A cell holding one Chinese term (a browser would break it between any two characters).
_TERM_CELL = re.compile(rf"(<td\b[^>]*?)\s*>(\s*[{IDEOGRAPHS}]{{1,{TERM_CHARACTERS + 4}}}\s*)</td>")


def aligned_cells(html: str) -> str:
    """Table HTML whose number cells are set flush right and whose date and term cells do not wrap
    (``_static/policybook.css`` sets the text of tables flush left)."""
    html = _DATE_CELL.sub(r'\1 style="white-space: nowrap">\2</td>', html)
    html = _TERM_CELL.sub(r'\1 style="white-space: nowrap">\2</td>', html)
    return _NUMBER_CELL.sub(r'\1 style="text-align: right">\2</td>', html)


def plain_text(styler: Styler, printer, cycle: bool = False) -> None:
    """IPython pretty-printer for a Styler: its data as text (no memory address)."""
    printer.text(styler.data.to_string(index=not any(styler.hide_index_)))


def setup() -> None:
    """Prepare a chapter's kernel: CJK font for figures, escaped Stylers, LaTeX tables; on a
    corpus without the seed articles, statements that fail are skipped (``report.readings``)."""
    use_cjk_font()
    pd.set_option("styler.format.escape", "html")
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(Styler, escaped_html)
    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html)
    # A Styler's default plain text names its memory address, which changes on every run.
    shell.display_formatter.formatters["text/plain"].for_type(Styler, plain_text)
    _check_figures_when_shown(shell)
    latex = shell.display_formatter.formatters["text/latex"]
    latex.for_type(pd.DataFrame, latex_table)
    latex.for_type(Styler, latex_table)
    if not readings.holds_seed_articles():
        readings.tolerate_missing_readings(shell)


def _check_figures_when_shown(shell) -> None:
    """Check every figure the notebook shows for text too small in print
    (:func:`policytext.charts.fonts.check_print_size`): a warning in the cell's output fails the
    notebook tests. The inline backend registers its PNG formatter when its module is loaded."""
    if "inline" not in matplotlib.get_backend():  # a terminal or a script: nothing is shown in a page
        return
    importlib.import_module("matplotlib_inline.backend_inline")  # registers the figure formatters

    png = shell.display_formatter.formatters["image/png"]
    try:
        draw = png.lookup_by_type(Figure)
    except KeyError:  # not the inline backend: nothing is drawn into the page
        return
    if getattr(draw, "checks_print_size", False):
        return

    def checked(fig):
        check_print_size(fig)
        return draw(fig)

    checked.checks_print_size = True
    png.for_type(Figure, checked)
