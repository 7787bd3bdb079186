"""No number typed into the book's prose: every figure is glued from a notebook."""
from pathlib import Path

import pytest

from policytext.report import prose

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = prose.read_allowed(ROOT / "tests" / "data" / "prose_allowed_numbers.txt")


@pytest.mark.parametrize("markdown, expected", [
    ("The corpus holds 5 articles.", ["5"]),
    ("F1 rises from 0.853 to 0.906.", ["0.853", "0.906"]),
    ("The caption of a figure:\n```{glue:figure} chart\n:name: fig-2\n\nTop 30 terms.\n```", ["30"]),
    # a translation is exempt only right after its Chinese quotation
    ('A batch of flats ("313 flats") was built, “首批313套” ("a first batch of 313 flats").', ["313"]),
    # a translation may repeat its quotation's numbers, not add its own
    ('It says “首批313套” ("a first batch of 313 flats, 40 of them sold").', ["40"]),
])
def test_typed_numbers_are_found(markdown, expected):
    found = prose.typed_numbers(markdown)
    assert [hit for hit in found if any(e in hit for e in expected)] and len(found) == len(expected)


@pytest.mark.parametrize("markdown", [
    "The corpus holds {glue:text}`n_documents` articles.",
    "It says “2022年8月10日” in `000:14`, and 今年6月28日 without quotes.",
    'The quotation “推出首批313套人才房” ("launched a first batch of 313 flats for talent").',
    'It began “2021年底，在党代会上”, "at the end of 2021, at the party congress", in `000:13`.',
    'Clusters “全面对接深圳“20+8”产业集群” ("dock fully with Shenzhen\'s \'20+8\' industry clusters").',
    "Article 004 and paragraph 001:14; F1 and UTF-8 are names.",
    "```python\nx = 42\n```\nSee [the docs](https://example.org/v2).",
    "1. first step\n2. second step",
    "{cite:p}`dunning1993` compares with the base-2 logarithm.",
])
def test_glued_quoted_and_identifier_digits_are_not_typed_numbers(markdown):
    assert prose.typed_numbers(markdown, ["base-2 logarithm"]) == []


def test_book_sources_follow_the_toc(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.md").write_text("# Intro", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("root: book/intro\nchapters:\n  - file: book/missing\n",
                                       encoding="utf-8")
    assert prose.book_sources(tmp_path) == [tmp_path / "book" / "intro.md"]


@pytest.mark.parametrize("source", prose.book_sources(ROOT), ids=lambda p: p.name)
def test_book_prose_has_no_typed_numbers(source):
    assert prose.typed_numbers(prose.markdown_of(source), ALLOWED) == []
