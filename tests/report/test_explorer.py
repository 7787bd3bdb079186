"""Interactive tables: the whole table in the site, a static twin in the PDF, DataTables offline."""
import json
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


def test_the_loader_carries_the_datatables_module_for_file_pages(tmp_path):
    written = explorer.write_site_files(tmp_path)
    assert [p.name for p in written] == [explorer.LOADER, explorer.STYLESHEET]
    loader = (tmp_path / explorer.LOADER).read_text(encoding="utf-8")
    literal = re.search(r"^  const text = (.*);$", loader, re.MULTILINE)[1]
    module = json.loads(literal)  # a JSON string is a JavaScript string literal
    assert module == explorer.bundle_files()[0].read_text(encoding="utf-8")
    assert "export{" in module and "window.policybookDataTables = import(url)" in loader
    assert "http" not in loader.split("const text")[0]  # nothing fetched from the network


def _corpus():
    documents = pd.DataFrame({"doc_id": ["002", "001", "003"], "title": ["乙", "甲", "丙"],
                              "date": ["2024-01-02", None, "2023-05-06"], "status": ["ok", "ok", "empty"]})
    paragraphs = pd.DataFrame({"doc_id": ["001", "001", "002"], "para_id": ["001:2", "001:1", "002:1"],
                               "para_no": [2, 1, 1], "text": ["深圳学习", "中山", "向深圳学习"]})
    terms = pd.DataFrame({"term": ["学习", "深圳", "中山"], "freq": [2, 2, 1]})
    return paragraphs, documents, terms


def test_the_explorer_carries_documents_in_order_with_their_paragraphs():
    data = explorer.corpus_data(*_corpus())
    assert data["documents"] == [["001", "甲", "", 6], ["002", "乙", "2024-01-02", 5]]
    assert data["paragraphs"] == [[0, "001:1", "中山"], [0, "001:2", "深圳学习"], [1, "002:1", "向深圳学习"]]
    assert data["terms"] == ["学习", "深圳", "中山"] and data["left_out"] == 0
    script = explorer.corpus_script(data)
    assert script.startswith("window.policybookCorpus = {") and "向深圳学习" in script


def test_a_large_corpus_is_explored_in_its_first_documents_and_says_so():
    data = explorer.corpus_data(*_corpus(), max_characters=7)
    assert [d[0] for d in data["documents"]] == ["001"] and data["left_out"] == 1
    assert all(row[0] == 0 for row in data["paragraphs"])


def test_a_table_longer_than_the_site_carries_names_its_file(measures):
    with pytest.raises(ValueError, match="name the file"):
        explorer.InteractiveTable(measures, "m-test", site_rows=4)
    assert len(measures) <= explorer.SITE_ROWS  # by default the site holds all of it
    explorer.InteractiveTable(measures, "m-test")
    html = explorer.InteractiveTable(measures, "m-test", source="data/derived/talent_measures.csv",
                                     site_rows=4)._repr_html_()
    assert len(re.findall(r"<tr>", html.split("<tbody>")[1])) == 4
    assert "The first 4 of 7 rows" in html and "talent_measures.csv" in html


def test_a_corpus_without_text_gives_an_empty_explorer(tmp_path):
    paragraphs = pd.DataFrame({"doc_id": [], "para_id": [], "para_no": [], "text": []})
    documents = pd.DataFrame({"doc_id": ["001"], "title": ["x"], "date": [""], "status": ["empty"]})
    path = explorer.write_corpus_data(tmp_path, paragraphs, documents, pd.DataFrame({"term": [], "freq": []}))
    assert path.read_text(encoding="utf-8") == (
        'window.policybookCorpus = {"documents":[],"paragraphs":[],"terms":[],"left_out":0};\n')


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
