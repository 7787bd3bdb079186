"""Chapters on another corpus: which corpus holds the seeds, skipped statements, placeholders."""
import ast

import nbformat

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from policytext import tables
from policytext.paths import project_root
from policytext.report import readings


def test_the_derived_tables_hold_the_seed_articles():
    assert readings.holds_seed_articles()


def test_a_corpus_missing_one_seed_article_does_not():
    documents = tables.load("documents")
    assert readings.holds_seed_articles(documents[documents["doc_id"] != "004"]) is False
    failed = documents.assign(status=documents["status"].where(documents["doc_id"] != "002", "failed"))
    assert readings.holds_seed_articles(failed) is False


def test_added_articles_keep_the_seed_corpus():
    documents = tables.load("documents")
    added = documents.iloc[:1].assign(doc_id="999", file_name="999_added.txt")
    assert readings.holds_seed_articles(pd.concat([documents, added], ignore_index=True))


def _run_guarded(source: str) -> tuple[dict, readings.Readings]:
    tree = readings.SkipFailingStatements().visit(ast.parse(source))
    state = readings.Readings()
    namespace = {readings.STATE: state}
    exec(compile(tree, "<cell>", "exec"), namespace)
    return namespace, state


def test_a_failing_statement_is_skipped_and_the_next_ones_run():
    namespace, state = _run_guarded("table = {'000': 1}\n"
                                    "a = table['001']\n"
                                    "b = a + 1\n"
                                    "c = table['000'] + 1\n")
    assert "a" not in namespace and "b" not in namespace
    assert namespace["c"] == 2
    assert [line for line, _ in state.skipped] == [2, 3]
    assert state.skipped[0][1] == "KeyError: '001'"
    assert state.skipped[1][1].startswith("NameError")


def test_each_pass_of_a_loop_is_guarded_on_its_own():
    namespace, state = _run_guarded("got = []\n"
                                    "for key in ['x', 'y', 'z']:\n"
                                    "    got.append({'x': 1, 'z': 3}[key])\n")
    assert namespace["got"] == [1, 3]
    assert len(state.skipped) == 1


def test_functions_are_defined_and_raise_where_called():
    namespace, state = _run_guarded("def first(rows):\n"
                                    "    return rows[0]\n"
                                    "x = first([])\n"
                                    "y = first([5])\n")
    assert namespace["y"] == 5 and "x" not in namespace
    assert [line for line, _ in state.skipped] == [3]


@pytest.fixture
def shell():
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_a_tolerant_kernel_shows_the_last_value_it_can_and_tracks_glued_names(shell):
    from myst_nb import glue

    state = readings.tolerate_missing_readings(shell)
    shell.user_ns["glue"] = glue
    assert shell.run_cell("missing = {}['a']\nglue('n_docs', 3, display=False)\n40 + 2").result == 42
    assert shell.run_cell("{}['a']").result is None
    assert state.glued == {"n_docs"}
    assert len(state.skipped) == 2


def test_glue_references_of_a_notebook_on_its_own_page_and_on_others():
    pages = {
        "03_learning": "{glue:text}`w_zs_sz` and {glue:text}`share_x:.0f`\n```{glue:figure} network\n```",
        "intro": "{glue:text}`../notebooks/03_learning.ipynb::n_edges:d`, {glue:text}`bare`, "
                 "{glue:text}`../notebooks/01_corpus.ipynb::n_documents:d`",
        "01_corpus": "{glue:text}`w_other`",
    }
    assert readings.glue_references(pages, "03_learning") == {
        "w_zs_sz": "text", "share_x": "text", "network": "figure", "n_edges": "text"}


def test_every_chapter_notebook_ends_by_gluing_placeholders():
    pages = readings.book_pages()
    chapters = [name for name in pages if name[:2].isdigit()]
    assert chapters
    for name in chapters:
        cells = nbformat.read(project_root() / "notebooks" / f"{name}.ipynb", as_version=4).cells
        assert f'readings.finish("{name}")' in cells[-1].source, name
        setup = next(c for c in cells if "chapter.setup()" in c.source)
        # Statements after setup() in its own cell would not be guarded.
        assert setup.source.rstrip().endswith("chapter.setup()"), name


def test_the_corpus_is_described_by_its_read_articles_and_their_dates_as_precise_as_written():
    documents = pd.DataFrame({"status": ["ok", "ok", "ok", "empty"],
                              "date": ["2023-08-08", "2021-11", "", "2020-01-01"]})
    assert readings.corpus_description(documents) == "3 articles, 2 dated November 2021 to 8 August 2023"
    assert readings.corpus_description(documents.iloc[:2]) == "2 articles dated November 2021 to 8 August 2023"
    assert readings.corpus_description(documents.assign(date="")) == "3 articles, undated"
    # dates the texts do not state (read from the context or the metadata) are said to be inferred
    provenance = documents.assign(date_provenance=["stated", "inferred", "", "inferred"])
    assert (readings.corpus_description(provenance)
            == "3 articles, 2 dated November 2021 to 8 August 2023 (1 of the dates inferred)")
