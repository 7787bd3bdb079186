"""Interactive tables: the whole table in the site, a static twin in the PDF, DataTables offline."""
import re

import pandas as pd
import pytest

from policytext.report import chapter, explorer
from policytext.report.views import PRINTED_ROWS


@pytest.fixture
def measures():
    return pd.DataFrame({"measure_id": [f"000:{n}.1" for n in range(1, 8)],
                         "target": ["talent", "cadre"] * 3 + ["talent"], "n_docs": range(7)})


def test_the_site_gets_every_row_labelled_and_marked_for_datatables(measures):
    html = explorer.InteractiveTable(measures, "m-test")._repr_html_()
    assert re.search(rf'<table [^>]*class="[^"]*\b{explorer.TABLE_CLASS}\b[^"]*" id="T_m-test"', html)
    assert "row0" not in html  # plain cells, no per-cell ids: a long table stays light
    assert len(re.findall(r"<tr>", html.split("<tbody>")[1])) == len(measures)
    assert "Documents" in html and "n_docs" not in html  # labelled like every chapter table


def test_the_pdf_gets_the_first_rows_and_names_the_file_with_all(measures):
    cut = explorer.InteractiveTable(measures, "m-test", print_rows=3, source="data/derived/talent_measures.csv")
    latex = cut._repr_latex_()
    assert latex.startswith(chapter.LATEX_TABLE_MARKER)
    assert "000:3.1" in latex and "000:4.1" not in latex
    assert r"\par{\small\emph{The first 3 of 7 rows" in latex  # below the table, not beside it and r"data/derived/talent\_measures.csv" in latex
    whole = explorer.InteractiveTable(measures, "m-test")._repr_latex_()
    assert "000:7.1" in whole and "The first" not in whole
    assert "0x" not in repr(cut)  # plain text without a memory address (stable outputs)


def test_a_table_cut_short_in_print_must_name_its_source(measures):
    with pytest.raises(ValueError, match="name the file"):
        explorer.InteractiveTable(measures, "m-test", print_rows=3)


def test_a_table_longer_than_the_site_carries_names_its_file(measures):
    with pytest.raises(ValueError, match="name the file"):
        explorer.InteractiveTable(measures, "m-test", site_rows=4)
    assert len(measures) <= explorer.SITE_ROWS  # by default the site holds all of it
    explorer.InteractiveTable(measures, "m-test")
    html = explorer.InteractiveTable(measures, "m-test", source="data/derived/talent_measures.csv",
                                     site_rows=4)._repr_html_()
    assert len(re.findall(r"<tr>", html.split("<tbody>")[1])) == 4
    assert "The first 4 of 7 rows" in html and "talent_measures.csv" in html


def test_running_text_keeps_a_readable_width_beside_many_short_columns():
    sentence = "2023年7月24日至28日，三乡镇组织干部到深圳改革开放干部学院开展专题培训班，学员到深圳湾科技生态展示中心学习。"
    frame = pd.DataFrame({"id": ["000:6.1", "000:7.1"], "place": ["三乡镇", "中山"], "text": [sentence, "短句"]})
    html = explorer.InteractiveTable(frame, "w-test")._repr_html_()
    assert f'<td style="min-width: {explorer.TEXT_CELL_WIDTH}">{sentence}</td>' in html
    assert html.count("min-width") == 1  # short cells as they were


def test_print_can_leave_out_columns_the_pdf_holds_elsewhere_and_says_so(measures):
    with pytest.raises(ValueError, match="name the file"):
        explorer.InteractiveTable(measures, "m-test", print_columns=["measure_id", "target"])
    table = explorer.InteractiveTable(measures, "m-test", print_columns=["measure_id", "target"],
                                      source="data/derived/talent_measures.csv")
    latex = table._repr_latex_()
    assert "000:7.1" in latex and "Documents &" not in latex and r"\end{" in latex.split("Not printed")[0]
    assert r"\emph{Not printed: Documents; in \texttt{data/derived/talent\_measures.csv}" in latex
    assert "Documents" in table._repr_html_()  # the site keeps every column


def test_a_long_table_prints_its_first_rows_by_default():
    frame = pd.DataFrame({"sentence": [f"s{i}" for i in range(PRINTED_ROWS + 5)]})
    table = explorer.InteractiveTable(frame, "long-test", source="data/derived/x.csv")
    latex = table._repr_latex_()
    assert f"The first {PRINTED_ROWS} of {PRINTED_ROWS + 5} rows" in latex
    assert "s4" in repr(table) and f"s{PRINTED_ROWS}" not in repr(table)
