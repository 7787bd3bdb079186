"""The site's own files: DataTables offline, the concordance explorer's data, and an import
path light enough for a quick rebuild."""
import json
import re
import subprocess
import sys

import pandas as pd

from policytext.report import site_assets


def test_the_loader_carries_the_datatables_module_for_file_pages(tmp_path):
    written = site_assets.write_site_files(tmp_path)
    assert [p.name for p in written] == [site_assets.LOADER, site_assets.STYLESHEET]
    loader = (tmp_path / site_assets.LOADER).read_text(encoding="utf-8")
    literal = re.search(r"^  const text = (.*);$", loader, re.MULTILINE)[1]
    module = json.loads(literal)  # a JSON string is a JavaScript string literal
    assert module == site_assets.bundle_files()[0].read_text(encoding="utf-8")
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
    data = site_assets.corpus_data(*_corpus())
    assert data["documents"] == [["001", "甲", "", 6], ["002", "乙", "2024-01-02", 5]]
    assert data["paragraphs"] == [[0, "001:1", "中山"], [0, "001:2", "深圳学习"], [1, "002:1", "向深圳学习"]]
    assert data["terms"] == ["学习", "深圳", "中山"] and data["left_out"] == 0
    script = site_assets.corpus_script(data)
    assert script.startswith("window.policybookCorpus = {") and "向深圳学习" in script


def test_a_large_corpus_is_explored_in_its_first_documents_and_says_so():
    data = site_assets.corpus_data(*_corpus(), max_characters=7)
    assert [d[0] for d in data["documents"]] == ["001"] and data["left_out"] == 1
    assert all(row[0] == 0 for row in data["paragraphs"])


def test_a_corpus_without_text_gives_an_empty_explorer(tmp_path):
    paragraphs = pd.DataFrame({"doc_id": [], "para_id": [], "para_no": [], "text": []})
    documents = pd.DataFrame({"doc_id": ["001"], "title": ["x"], "date": [""], "status": ["empty"]})
    path = site_assets.write_corpus_data(tmp_path, paragraphs, documents, pd.DataFrame({"term": [], "freq": []}))
    assert path.read_text(encoding="utf-8") == (
        'window.policybookCorpus = {"documents":[],"paragraphs":[],"terms":[],"left_out":0};\n')


def test_writing_the_site_files_imports_none_of_the_chapters_machinery():
    # the site build imports this module on every run, also when nothing changed
    probe = ("import sys, policytext.report.site_assets; "
             "print(sorted(m for m in ('scipy', 'matplotlib', 'policytext.report.labels', "
             "'policytext.analysis.themes') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
