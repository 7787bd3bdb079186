"""Derived-table helpers for the chapters: article labels."""
import pandas as pd

from policytext import tables
from policytext.paths import curation_path


def test_every_article_has_a_label_and_an_added_one_is_labelled_by_its_title(tmp_path):
    documents = tables.load("documents")
    labels = tables.document_labels(documents)
    assert list(labels) == list(documents["doc_id"])
    assert labels["000"] == "000 learning campaign" and labels["004"] == "004 Chenzhou–Guangzhou"
    path = tmp_path / "names.csv"
    path.write_text("doc_id,name\n000,learning campaign\n", encoding="utf-8")
    added = pd.DataFrame({"doc_id": ["000", "005"], "title": ["ignored", "中山：深中通道开通一周年观察"]})
    assert tables.document_labels(added, path) == {"000": "000 learning campaign", "005": "005 中山：深中通道开通一"}


def test_the_names_file_names_articles_of_the_corpus_once():
    names = pd.read_csv(curation_path(tables.DOCUMENT_NAMES_FILE), dtype=str, keep_default_na=False)
    assert names["doc_id"].is_unique and (names["name"].str.len() > 0).all()
    assert set(names["doc_id"]) <= set(tables.load("paragraphs")["doc_id"])
