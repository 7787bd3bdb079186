"""Tables for the book: widths that fit the PDF page, escaped LaTeX, numbers as rounded."""
import pandas as pd

from policytext import glossary, report, tables


def test_display_width_counts_chinese_characters_double():
    assert report.display_width("深圳 ab") == 7


def test_narrow_tables_keep_every_column_on_one_line():
    frame = pd.DataFrame({"term": ["人才"], "n": [111]})
    assert report.column_widths(frame) == {"term": None, "n": None}


def test_wide_text_columns_share_the_page_and_numbers_stay_whole():
    frame = pd.DataFrame({"short": ["人才"], "long": ["深" * 80], "n": [3]})
    widths = report.column_widths(frame, budget=60)
    assert widths["n"] is None and widths["short"] is None
    assert report.MIN_COLUMN_UNITS <= widths["long"] <= 60


def test_latex_table_escapes_specials_and_keeps_rounded_floats():
    frame = pd.DataFrame({"text": [r"50% & \input{x} #_"], "f1": [0.853]})
    latex = report.latex_table(frame)
    assert latex.startswith(report.LATEX_TABLE_MARKER)
    assert r"50\% \& \textbackslash input\{x\} \#\_" in latex
    assert "0.853" in latex and "\\toprule" in latex


def test_latex_table_shows_a_named_index_and_hides_a_styler_hidden_one():
    frame = pd.DataFrame({"n": [1]}, index=pd.Index(["深圳"], name="place"))
    assert "place & n" in report.latex_table(frame)
    assert "place" not in report.latex_table(frame.style.hide(axis="index"))


def test_the_glossary_table_fits_the_page():
    """The widest table of the book: its wrapped columns must add up to the page."""
    terms = glossary.glossary_table(glossary.read_glossary(), tables.load("paragraphs"))
    widths = report.column_widths(terms.drop(columns="kind"))
    natural = {c: max(report.display_width(v) for v in [c, *terms[c]]) + report.PADDING_UNITS
               for c in widths}
    assert sum(w if w is not None else natural[c] for c, w in widths.items()) <= report.PAGE_UNITS
    assert widths["english"] is not None  # the glosses wrap


def test_styler_plain_text_is_its_data_not_an_address():
    import io

    from IPython.lib.pretty import PrettyPrinter

    stream = io.StringIO()
    printer = PrettyPrinter(stream)
    report.plain_text(pd.DataFrame({"term": ["人才"]}).style.hide(axis="index"), printer)
    printer.flush()
    assert stream.getvalue().split() == ["term", "人才"]
