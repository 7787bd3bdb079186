"""Tables in the PDF: a table taller than a page breaks across pages and keeps its caption and number.

Builds the book's LaTeX (not the PDF; ``.ci/run`` compiles it) from the committed notebooks into
a temporary folder and reads ``book.tex``.
"""
from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def book_tex(build_book) -> str:
    return (build_book("latex") / "book.tex").read_text(encoding="utf-8")


def _environments(tex: str, name: str) -> list[str]:
    return re.findall(rf"\\begin{{{name}}}.*?\\end{{{name}}}", tex, flags=re.DOTALL)


def test_the_talent_measures_are_a_longtable_headed_by_their_numbered_caption(book_tex):
    measures = [t for t in _environments(book_tex, "longtable") if "tbl-talent-measures" in t]
    assert len(measures) == 1
    head = measures[0].split("\n", 1)[1].split(r"\toprule", 1)[0]  # between the start and the rules
    assert head.startswith(r"\caption{Talent measures in corpus order")
    assert r"\label{\detokenize{notebooks/04_talent_policy:tbl-talent-measures}}" in head
    assert r"\endhead" in measures[0]  # the column header repeats on every page


def test_no_longtable_sits_inside_a_float(book_tex):
    for environment in ("table", "figure"):
        for float_ in _environments(book_tex, environment):
            assert "longtable" not in float_


def test_short_glued_tables_are_floats_with_the_caption_above_the_table(book_tex):
    decisions = [t for t in _environments(book_tex, "table") if "tbl-talent-decisions" in t]
    assert len(decisions) == 1
    assert decisions[0].index(r"\caption{") < decisions[0].index(r"\begin{tabular}")


def test_an_uncaptioned_longtable_does_not_take_a_table_number(book_tex):
    """longtable steps the table counter even without a caption; the glossary has none."""
    glossary = book_tex[book_tex.index(r"\chapter{Glossary of Chinese terms}"):]
    table = _environments(glossary, "longtable")[0]
    assert r"\caption" not in table
    after = glossary[glossary.index(table) + len(table):]
    assert after.startswith("\n}" + r"\addtocounter{table}{-1}")


def test_the_bibliography_is_in_the_references_chapter_before_the_appendix(book_tex):
    references = book_tex.index(r"\chapter{References}")
    bibliography = book_tex.index(r"\begin{sphinxthebibliography}")
    appendix = book_tex.index(r"\chapter{Performance and scale}")
    assert references < bibliography < appendix
    assert book_tex.count(r"\begin{sphinxthebibliography}") == 1


def test_chapters_open_on_any_page(book_tex):
    """No blank page is left before a chapter that would start on a left-hand page."""
    options = re.search(r"\\documentclass\[([^\]]*)\]", book_tex)[1]
    assert "openany" in options


def test_the_title_page_gives_the_corpus_and_its_date_range(book_tex):
    from policytext.report.readings import corpus_description

    title_page = book_tex[book_tex.index(r"\begin{titlepage}"):book_tex.index(r"\end{titlepage}")]
    assert corpus_description() in title_page and "dated" in corpus_description()
    assert "POLICYBOOK-CORPUS" not in book_tex


def test_every_link_to_a_cited_paragraph_has_its_label_in_the_corpus_reader(book_tex):
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{(book/corpus_reader:para-[\d-]+)\}\]", book_tex))
    labels = set(re.findall(r"\\label\{\\detokenize\{(book/corpus_reader:para-[\d-]+)\}\}", book_tex))
    assert len(targets) > 100 and targets <= labels
