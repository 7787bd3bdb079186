"""Per-document views and long lists stay readable on a large corpus."""
import pandas as pd

from policytext.report import views


def test_a_small_corpus_shows_every_document_in_id_order():
    assert views.shown_documents({"b": 1, "a": 5, "c": 3}, n=3) == ["a", "b", "c"]
    assert views.shown_note(3, 3, "tokens", "x.csv") == "Every document with tokens is shown."


def test_a_large_corpus_shows_its_largest_documents_ties_to_the_lower_id():
    sizes = {"d1": 10, "d2": 50, "d3": 10, "d4": 70, "d5": 1}
    assert views.shown_documents(sizes, n=3) == ["d1", "d2", "d4"]
    note = views.shown_note(3, 1200, "tokens", "data/derived/term_counts.csv")
    assert note == "The 3 largest of the 1,200 documents (by tokens) are shown; all are in data/derived/term_counts.csv."


def test_first_rows_says_where_the_rest_is():
    frame = pd.DataFrame({"x": range(5)})
    shown, note = views.first_rows(frame, "data/derived/x.csv", n=2)
    assert shown["x"].tolist() == [0, 1]
    assert note == "The first 2 of 5 rows are shown; all are in data/derived/x.csv."
    whole, note = views.first_rows(frame, "data/derived/x.csv", n=5)
    assert len(whole) == 5 and note == "Every row is shown."


def test_largest_documents_gives_the_documents_and_their_caption():
    shown, note = views.largest_documents({"d1": 3, "d2": 9, "d3": 5}, "edges", "data/derived/e.csv", n=2)
    assert shown == ["d2", "d3"]
    assert note == "The 2 largest of the 3 documents (by edges) are shown; all are in data/derived/e.csv."
