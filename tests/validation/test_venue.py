"""Version 2 of the venue-only decision: its items and its scores."""
import pandas as pd

from policytext import tables
from policytext.analysis.vocabulary import analysable_paragraphs
from policytext.paths import annotation_path
from policytext.validation import venue


def test_version_1_rows_count_only_course_relations_and_missing_items_are_na():
    annotation = pd.DataFrame({"item_id": ["a", "a", "b", "c"], "mode": ["visit", "course", "visit", "course"],
                               "venue_only": ["no", "yes", "yes", "no"]})
    assert venue._venue_flags(annotation, ["a", "b", "c", "d"]) == ["yes", "na", "no", "na"]


def test_scores_leave_out_items_the_annotation_codes_na():
    annotation = pd.DataFrame({"item_id": ["a", "b", "c", "d", "e"], "venue_only": ["yes", "yes", "no", "no", "na"]})
    row = venue.venue_scores(["a", "b", "c", "d", "e"], annotation, {"a", "c", "e"}, "first")
    assert (row["items"], row["annotated_yes"], row["extracted_yes"], row["both"]) == (4, 2, 2, 1)
    assert row["precision"] == 0.5 and row["recall"] == 0.5


def test_the_committed_items_are_the_version_1_course_sentences():
    documents = tables.load("documents")
    drawn = venue.venue_items(analysable_paragraphs(tables.load("paragraphs"), documents)).astype(str)
    committed = pd.read_csv(annotation_path(venue.TASK) / "items.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, drawn)
    assert len(committed) == len(venue.version_1_courses()) > 30


def test_on_a_corpus_without_the_annotated_sentences_the_tables_are_empty():
    other = pd.DataFrame({"para_id": ["900:1"], "doc_id": ["900"], "kind": ["body"], "text": ["甲市干部赴乙市培训。"]})
    edges = pd.DataFrame({"para_id": ["900:1"], "sentence_no": [1], "venue_only": [True]})
    made = venue.venue_tables(edges, other)
    assert all(table.empty for table in made.values())
