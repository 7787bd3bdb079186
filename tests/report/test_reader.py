"""The corpus reader: anchors for cited IDs, the documents and paragraphs it shows."""
import pandas as pd

from policytext import tables
from policytext.report import reader


def test_a_cited_paragraph_or_sentence_id_has_the_paragraphs_anchor():
    assert reader.anchor("000:22") == reader.anchor("000:22.1") == "para-000-22"
    assert reader.anchor(" 1234:5 ") == "para-1234-5"
    assert reader.anchor("2023年") is None and reader.anchor("12:30") is None


def test_every_paragraph_has_an_anchor_even_where_its_document_is_not_numbered():
    assert reader.paragraph_anchor("000:22") == reader.anchor("000:22") == "para-000-22"
    # a file named gwr_2024.txt gives document gwr_2024: not an ID the prose cites, still an anchor
    assert reader.anchor("gwr_2024:7") is None
    assert reader.paragraph_anchor("gwr_2024:7") == "para-gwr-2024-7"


def test_ids_are_found_inside_longer_text_but_not_inside_other_numbers():
    text = "see 000:22.1, 004:3 and 000:1. Not 2023:1x, 12:30 or 1.000:2"
    assert reader.CITED_ID_IN_TEXT.findall(text) == ["000:22.1", "004:3", "000:1"]


def test_the_reader_shows_every_paragraph_of_the_seeds_with_metadata():
    paragraphs, documents = tables.load("paragraphs"), tables.load("documents")
    shown, left_out = reader.reader_documents(paragraphs, documents)
    assert left_out == 0
    assert [d.doc_id for d in shown] == sorted(documents["doc_id"])
    assert sum(len(d.paragraphs) for d in shown) == len(paragraphs)
    first = shown[0]
    assert list(first.paragraphs["para_no"]) == sorted(first.paragraphs["para_no"])
    assert ("file", documents.set_index("doc_id").at[first.doc_id, "file_name"]) in first.metadata


def test_a_large_corpus_shows_its_first_documents_and_counts_the_rest():
    paragraphs = pd.DataFrame({"para_id": [f"{d}:{n}" for d in ("001", "002", "003") for n in (1, 2)],
                               "doc_id": [d for d in ("001", "002", "003") for _ in (1, 2)],
                               "para_no": [1, 2] * 3, "kind": "body", "line_no": 1,
                               "text": "文", "text_original": "文"})
    documents = pd.DataFrame({"doc_id": ["003", "001", "002"], "title": ["丙", "甲", "乙"],
                              "status": "ok", "file_name": ["c.txt", "a.txt", "b.txt"]})
    shown, left_out = reader.reader_documents(paragraphs, documents, max_paragraphs=4)
    assert [d.doc_id for d in shown] == ["001", "002"] and left_out == 2
    shown, left_out = reader.reader_documents(paragraphs, documents, max_paragraphs=3)
    assert [d.doc_id for d in shown] == ["001"] and left_out == 4  # 003 would fit, but comes later


def test_the_original_is_shown_only_where_more_than_normalisation_differs():
    assert not reader.shows_original("广州最显著，深圳。", "广州最显著,深圳。")  # ASCII comma only
    assert not reader.shows_original("2024年 ABC", "  ２０２４年\u3000ABC ")  # full-width digits, spaces
    assert reader.shows_original("广州最显着，深圳。", "广州最显著,深圳。")  # a character differs
    assert reader.shows_original("中山学习", "中山學習")
    assert reader.shows_original("11月9日，在全市", "中国访谈网11月18日讯(张国军)11月9日,在全市")  # dateline removed
    texts, originals = ["中山，深圳。", "中山学习", "中山"], ["中山,深圳。", "中山學習", "中山"]
    assert [reader.shows_original(t, o) for t, o in zip(texts, originals)] == [False, True, False]


def test_on_the_seeds_the_original_is_shown_for_converted_or_cut_paragraphs_only():
    paragraphs, documents = tables.load("paragraphs"), tables.load("documents")
    shown, _ = reader.reader_documents(paragraphs, documents)
    with_original = {doc.doc_id: {row.para_id for row in doc.paragraphs.itertuples()
                                  if reader.shows_original(row.text, row.text_original)} for doc in shown}
    assert not with_original["001"]  # simplified, only ASCII punctuation made full-width
    assert "004:2" in with_original["004"]  # its dateline was cut
    assert len(with_original["000"]) == len(paragraphs[paragraphs["doc_id"] == "000"])  # traditional


def test_the_reader_shows_genre_and_copy_codes_as_labels():
    from policytext.report.reader import metadata_value

    assert metadata_value("genre", "sidelights_feature").startswith("侧记 (sidelights")
    assert metadata_value("copy_source", "reprint_site") == "转载网站 (reprint on another site)"
    assert metadata_value("outlet", "中山发布") == "中山发布"
