"""The articles read as sources: curated genre, original publisher and copy source in
``data/metadata.csv``, validated on reading, carried into ``documents.csv`` and checked
against the raw text they cite."""
import re
from pathlib import Path

import pytest

from policytext.corpus.metadata import (
    COPY_SOURCES, GENRES, NOT_STATED, SOURCE_FIELDS, merge_metadata, read_curated,
)

ROOT = Path(__file__).resolve().parents[2]
METADATA = ROOT / "data" / "metadata.csv"
PINYIN_GLOSS = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
CITED_PARAGRAPH = re.compile(r"\b(\d{3}:\d+)\b")

HEADER = "doc_id,file_name,genre,original_publisher,copy_source,source_note,what_it_shows\n"


def _write(tmp_path, text):
    path = tmp_path / "metadata.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_complete_source_row_is_read(tmp_path):
    path = _write(tmp_path, HEADER + f"000,a.txt,conference_report,{NOT_STATED},not_stated,evidence,meaning\n")
    row = read_curated(path)["000", "a.txt"]
    assert (row["genre"], row["copy_source"], row["original_publisher"]) == ("conference_report", "not_stated", NOT_STATED)


def test_an_unknown_genre_names_the_file_and_line(tmp_path):
    path = _write(tmp_path, HEADER + "000,a.txt,press_conference,某报,outlet_page,evidence,meaning\n")
    with pytest.raises(ValueError, match=r"metadata\.csv: line 2: genre 'press_conference' is not one of"):
        read_curated(path)


def test_an_unknown_copy_source_names_the_file_and_line(tmp_path):
    path = _write(tmp_path, HEADER + "000,a.txt,news_report,某报,mirror,evidence,meaning\n")
    with pytest.raises(ValueError, match=r"metadata\.csv: line 2: copy_source 'mirror' is not one of"):
        read_curated(path)


def test_source_columns_are_filled_together(tmp_path):
    path = _write(tmp_path, HEADER + "000,a.txt,news_report,,outlet_page,,meaning\n")
    with pytest.raises(ValueError, match=r"metadata\.csv: line 2: .*original_publisher, source_note empty") as error:
        read_curated(path)
    assert NOT_STATED in str(error.value)


def test_a_row_without_source_columns_is_still_valid(tmp_path):
    path = _write(tmp_path, "doc_id,file_name,date\n000,a.txt,2023-08-08\n")
    assert read_curated(path)["000", "a.txt"]["date"] == "2023-08-08"


def test_a_misspelt_column_names_the_file(tmp_path):
    path = _write(tmp_path, "doc_id,file_name,genra\n000,a.txt,news_report\n")
    with pytest.raises(ValueError, match=r"metadata\.csv: unknown column\(s\) genra"):
        read_curated(path)


def test_source_columns_are_merged_only_from_the_curated_row():
    merged = merge_metadata({"title": "T"}, {"genre": "sidelights_feature", "copy_source": "outlet_page"})
    assert (merged["genre"], merged["copy_source"], merged["source_note"]) == ("sidelights_feature", "outlet_page", "")
    assert all(merge_metadata({"title": "T"}, None)[f] == "" for f in SOURCE_FIELDS)


def test_every_seed_is_read_as_a_source_in_documents(seed_tables):
    curated = {doc_id: row for (doc_id, _), row in read_curated(METADATA).items()}
    for doc in seed_tables.documents:
        for field in SOURCE_FIELDS:
            assert doc[field], f"{doc['doc_id']} lacks {field}"
            assert doc[field] == curated[doc["doc_id"]][field]
        assert doc["genre"] in GENRES and doc["copy_source"] in COPY_SOURCES


def test_cited_paragraphs_exist(seed_tables):
    ids = {p["para_id"] for p in seed_tables.paragraphs}
    for doc in seed_tables.documents:
        cited = {c for f in SOURCE_FIELDS for c in CITED_PARAGRAPH.findall(doc[f])}
        assert cited and cited <= ids, (doc["doc_id"], sorted(cited - ids))


def test_mirrored_copies_carry_the_marks_of_a_mirror(seed_tables, seeds_dir):
    """A copy called a content-farm mirror has pinyin glued into its text, or a spam line."""
    spam = {r["doc_id"] for r in seed_tables.removed_lines if r["rule"] == "seo_spam"}
    for doc in seed_tables.documents:
        raw = (seeds_dir / doc["file_name"]).read_text(encoding="utf-8")
        glossed = len(PINYIN_GLOSS.findall(raw)) > 0
        if doc["copy_source"] == "content_farm_mirror":
            assert glossed or doc["doc_id"] in spam, doc["doc_id"]
        else:
            assert not glossed and doc["doc_id"] not in spam, doc["doc_id"]


def _raw_lines(seeds_dir, doc_id):
    path = next(seeds_dir.glob(f"{doc_id}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


def test_the_cited_evidence_is_in_the_raw_text(seed_tables, seeds_dir):
    text = {p["para_id"]: p["text"] for p in seed_tables.paragraphs}
    # 000: a People's Daily app feature reposted by 中山发布, scraped from a spam-lined mirror.
    lines = _raw_lines(seeds_dir, "000")
    assert "精品" in lines[0] and "信息來源:中山發(fā)布" in lines[7]
    assert "人民日报新闻客户端推出长篇报道" in text["000:2"] and text["000:61"].startswith("链接")
    # 001: provincial organisation-department publicity on a site run by a company.
    lines = _raw_lines(seeds_dir, "001")
    assert "来源: 中共广东省委组织部" in lines[7] and "gdzz.gov.cn" in lines[164]
    assert "有限公司主办" in lines[169]
    # 002: only a contributor's credit.
    assert "供稿" in _raw_lines(seeds_dir, "002")[11]
    # 003: a cadre conference, the Party secretary's speech.
    assert "干部大会" in text["003:3"] and all(text[f"003:{n}"].startswith("郭文海") for n in range(5, 9))
    # 004: a 侧记 by a contributing writer, with TV-caption lines.
    assert "侧记" in text["004:1"] and "特约撰稿人胡立强" in _raw_lines(seeds_dir, "004")[1]
    assert all(text[p].startswith("市委书记 刘志仁：") for p in ("004:7", "004:23", "004:28", "004:32"))


def test_a_curated_stated_date_overrides_the_date_line_and_names_its_source():
    assert merge_metadata({"date_stated": "11月18日"}, {"date_stated": "11月9日"})["date_stated"] == "11月9日"
    merged = merge_metadata({"date_stated": "11月18日"}, {})
    assert (merged["date_stated"], merged["date_stated_source"]) == ("11月18日", "text")
    assert merge_metadata({}, {"date_stated": "4月18日"})["date_stated_source"] == "metadata.csv"
    assert merge_metadata({}, None)["date_stated_source"] == ""


def test_every_curated_stated_date_is_written_in_its_article(seed_tables):
    texts = {}
    for paragraph in seed_tables.paragraphs:
        texts.setdefault(paragraph["doc_id"], []).append(paragraph["text"])
    stated = {doc_id: row["date_stated"] for (doc_id, _), row in read_curated(METADATA).items() if row.get("date_stated")}
    assert stated
    for doc_id, date in stated.items():
        assert any(date in text for text in texts[doc_id]), (doc_id, date)
