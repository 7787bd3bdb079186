"""The whole book built on other folders of articles, as ``make book CORPUS=...`` does: every
chapter executes, the HTML builds with warnings as errors, every page says which corpus it
shows, and the values that rest on the seed articles are placeholders, not stale numbers.

Two folders: articles generated from the seeds' paragraphs (with one on another subject), and
real documents the seeds do not contain, the 20 government work reports of ``data/reference/``
(files named ``gwr_<year>.txt``, so document IDs that are not numbers).

Slow (minutes: pipeline, every notebook of ``_toc.yml``, HTML); deselect with ``-m "not slow"``.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from policytext import tables
from policytext.paths import reference_dir
from policytext.perf import synthetic
from policytext.report import views
from policytext.report.readings import UNAVAILABLE

from conftest import open_offline
from test_hostile_build import ANSI, BIN, JBFLAGS, _run, copy_project, execute_chapters, toc_files

pytestmark = pytest.mark.slow

#: Size of the other corpus in seeds (about a hundred articles of recombined seed paragraphs).
FACTOR = 17.5
#: An article on another subject, with none of the campaign's places or words.
UNRELATED_ARTICLE = ("市图书馆举办春季读书节\n\n"
                     "本周六，市图书馆举办春季读书节，邀请作家与读者面对面交流。\n\n"
                     "活动现场设置了亲子阅读区和旧书交换区，吸引了许多市民参加。\n")


@pytest.fixture(scope="module", params=["generated", "official reports"])
def other_book(request, tmp_path_factory):
    """A copy of the project whose derived tables, notebooks and HTML are made from a folder of
    articles outside it (the seeds stay as they are)."""
    base = tmp_path_factory.mktemp("other")
    copy = copy_project(base / "project")
    corpus = base / "articles"
    if request.param == "generated":
        summary = synthetic.write_corpus(tables.load("paragraphs"), corpus, FACTOR, seed=7)
        (corpus / "9999999_library.txt").write_text(UNRELATED_ARTICLE, encoding="utf-8")
        n_documents = summary["documents"] + 1
    else:
        shutil.copytree(reference_dir() / "government_work_reports", corpus)
        n_documents = len(list(corpus.glob("*.txt")))
    python = str(BIN / "python")
    _run([python, "-m", "policytext", "build", "--corpus", str(corpus), "--out", "data/derived"], copy)
    failed = execute_chapters(copy)
    built = _run([str(BIN / "jupyter-book"), "build", ".", "--builder", "html", *JBFLAGS], copy, check=False)
    return {"project": copy, "failed": failed, "build": built, "documents": n_documents}


def _page_text(project: Path, page: str) -> str:
    tree = lxml_html.parse(str(project / "_build" / "html" / f"{page}.html"))
    return " ".join("".join(tree.xpath("//article//text()")).split())


def test_every_chapter_executes_on_the_other_corpus(other_book):
    assert other_book["failed"] == {}


def test_the_html_builds_with_warnings_as_errors(other_book):
    built = other_book["build"]
    assert built.returncode == 0, ANSI.sub("", built.stdout[-3000:] + built.stderr[-3000:])


def test_every_page_says_it_shows_another_corpus(other_book):
    for entry in toc_files(other_book["project"] / "_toc.yml"):
        text = _page_text(other_book["project"], entry)
        assert f"built on a corpus of {other_book['documents']} documents that does not hold" in text, entry


def test_the_corpus_chapter_counts_the_other_corpus(other_book):
    documents = tables.load("documents", other_book["project"] / "data" / "derived")
    assert len(documents) == other_book["documents"]
    assert (documents["status"] == "ok").all()


def test_readings_of_the_seed_articles_are_placeholders(other_book):
    # Chapter 03 reads the edge Zhongshan -> Shenzhen of the seeds' articles 000-004; the generated
    # articles have other identifiers, so the per-article values cannot be taken from them.
    text = _page_text(other_book["project"], "notebooks/03_learning_from_shenzhen")
    assert f"Article 000, the campaign feature, carries {UNAVAILABLE}% of all edges" in text


def test_blind_readings_of_the_seed_articles_are_placeholders(other_book):
    # the annotations and hand codes hold sentences of the seed articles only: read against another
    # corpus they would say "none of the annotated measures is tied to Shenzhen"
    talent_text = _page_text(other_book["project"], "notebooks/04_talent_policy")
    assert f"{UNAVAILABLE} of its {UNAVAILABLE} cadre measures are tied to Shenzhen" in talent_text
    timeline_text = _page_text(other_book["project"], "notebooks/06_timeline_and_figures")
    assert f"{UNAVAILABLE} of the {UNAVAILABLE} quantities the annotator found" in timeline_text
    learning_text = _page_text(other_book["project"], "notebooks/03_learning_from_shenzhen")
    assert f"Neither blind reading names {UNAVAILABLE} among" in learning_text


def test_per_document_views_show_the_largest_documents(other_book):
    # a word cloud per document would fill pages (and minutes) on a corpus of hundreds
    text = _page_text(other_book["project"], "notebooks/02_vocabulary")
    assert re.search(rf"The {views.SHOWN_DOCUMENTS} largest of the [\d,]+ documents \(by term tokens\) are shown", text)
    learning_text = _page_text(other_book["project"], "notebooks/03_learning_from_shenzhen")
    assert f"The {views.SHOWN_COLUMNS} largest of the" in learning_text


def test_the_timeline_is_drawn_for_the_other_corpus(other_book):
    # its milestones were picked from the seed articles; the lanes are the largest articles
    text = _page_text(other_book["project"], "notebooks/06_timeline_and_figures")
    caption = text.index("Dated events, one row per article")
    assert "Not available for this corpus" not in text[caption - 120:caption]
    assert re.search(r"date them\. (The \d+ largest of the [\d,]+ documents \(by dated events\)|"
                     r"Every document with dated events is shown)", text[caption:caption + 200])


def test_the_explorer_holds_the_other_corpus(other_book):
    static = other_book["project"] / "_build" / "html" / "_static"
    script = (static / "corpus-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.policybookCorpus = ").rstrip().rstrip(";"))
    derived = other_book["project"] / "data" / "derived"
    paragraphs = tables.load("paragraphs", derived)
    assert [d[0] for d in data["documents"]] == sorted(paragraphs["doc_id"].unique())
    assert len(data["paragraphs"]) == len(paragraphs)
    assert data["terms"][0] == tables.load("term_frequencies", derived)["term"].iloc[0]



def test_the_explorer_page_finds_the_other_corpus_terms_offline(other_book, browser):
    """Opened from file://, the explorer lists the most frequent term of the other corpus in every
    paragraph that holds it, and nothing is fetched from the network."""
    derived = other_book["project"] / "data" / "derived"
    paragraphs = tables.load("paragraphs", derived)
    term = tables.load("term_frequencies", derived)["term"].iloc[0]
    page, remote = open_offline(browser, other_book["project"] / "_build" / "html" / "book" / "explorer.html")
    page.wait_for_function("document.getElementById('concordance-explorer').dataset.lines !== undefined")
    page.fill("#explorer-term", term)
    lines = page.locator("#concordance-explorer").get_attribute("data-lines")
    assert lines == str(int(paragraphs["text"].str.count(term).sum()))
    assert remote == []
    page.close()
