"""Derived-table helpers for the chapters: article labels."""
import pandas as pd
import pytest

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


def test_a_curated_file_that_cannot_be_parsed_is_an_error_naming_it(tmp_path):
    from policytext.report import glossary

    path = tmp_path / "glossary.csv"
    # an unquoted comma in a gloss gives the row one field too many
    path.write_text("term,kind,english,note\n干部,concept,cadre, official,the corps\n"
                    "人才,concept,talent,\"people, skills\"\n深圳,place,Shenzhen,x,y,z\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"glossary\.csv: cannot read this CSV file \(ParserError"):
        glossary.read_glossary(path)
    path.write_bytes("term,kind\n干部".encode("gbk"))
    with pytest.raises(ValueError, match=r"glossary\.csv: cannot read this CSV file \(UnicodeDecodeError"):
        tables.read_curated(path)
    assert tables.read_curated(tmp_path / "glossary.csv", encoding="gbk").iloc[0, 0] == "干部"


def test_removals_per_rule_can_show_every_document():
    removed = pd.DataFrame({"doc_id": ["000", "000", "002"], "line_no": [1, 2, 1], "rule": ["credit", "seo_spam", "credit"],
                            "n_chars": [4, 42, 18]})
    table = tables.removal_by_rule(removed, doc_ids=["000", "001", "002"])
    assert table.columns.tolist() == ["000", "001", "002", "total"]
    assert table.loc["credit"].tolist() == [4, 0, 18, 22] and table.loc["seo_spam", "001"] == 0
    assert table.index.tolist() == ["seo_spam", "credit"]
