"""Glossary: pinyin spelling, validation of the curated file, counts on the real corpus."""
import pandas as pd
import pytest

from policytext import tables
from policytext.report import glossary


@pytest.mark.parametrize("term, kwargs, expected", [
    ("干部", {}, "gànbù"),                                   # 干 read gàn, not gān
    ("市长", {}, "shìzhǎng"),                                 # 长 read zhǎng in a title
    ("深中通道", {"proper": True, "words": "深中 通道"}, "Shēnzhōng Tōngdào"),
    ("编者按", {"words": "编者按"}, "biānzhě'àn"),            # apostrophe before a vowel
    ("向深圳学习", {"proper_words": frozenset({"深圳"})}, "xiàng Shēnzhèn xuéxí"),
])
def test_pinyin(term, kwargs, expected):
    assert glossary.pinyin(term, **kwargs) == expected


def write(tmp_path, text):
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_glossary_names_the_file_and_problem(tmp_path):
    with pytest.raises(ValueError, match=r"glossary\.csv: missing column\(s\) english"):
        glossary.read_glossary(write(tmp_path, "term,kind\n干部,concept\n"))
    with pytest.raises(ValueError, match="listed twice: 干部"):
        glossary.read_glossary(write(tmp_path, "term,kind,english\n干部,concept,cadre\n干部,concept,x\n"))
    with pytest.raises(ValueError, match=r"empty cells in row\(s\) 2"):
        glossary.read_glossary(write(tmp_path, "term,kind,english\n干部,,cadre\n"))
    with pytest.raises(ValueError, match="does not spell the term for: 深中通道"):
        glossary.read_glossary(write(tmp_path, "term,words,kind,english\n深中通道,深中 大道,place,x\n"))


def test_glossary_table_counts_occurrences_and_documents():
    built = pd.DataFrame({"term": ["人才", "深圳"], "words": ["", ""], "kind": ["concept", "place"],
                          "english": ["talent", "Shenzhen"]})
    paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"],
                               "text": ["人才人才", "深圳的人才", "没有"]})
    table = glossary.glossary_table(built, paragraphs).set_index("term")
    assert table.loc["人才", ["occurrences", "documents"]].tolist() == [3, 1]
    assert table.loc["深圳", "pinyin"] == "Shēnzhèn"
    assert list(table.index) == ["人才", "深圳"]  # réncái before Shēnzhèn


def test_every_curated_term_occurs_in_the_corpus():
    table = glossary.glossary_table(glossary.read_glossary(), tables.load("paragraphs"))
    assert (table["occurrences"] > 0).all(), table.loc[table["occurrences"] == 0, "term"].tolist()
    assert table.loc[table["term"] == "郴州", "documents"].item() == 1  # only the Chenzhou article
