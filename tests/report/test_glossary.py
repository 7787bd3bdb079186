"""Glossary: pinyin spelling and order, validation of the curated file, counts on the real corpus."""
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from policytext import tables
from policytext.report import glossary, prose

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("term, kwargs, expected", [
    ("干部", {}, "gànbù"),                                   # 干 read gàn, not gān
    ("市长", {}, "shìzhǎng"),                                 # 长 read zhǎng in a title
    ("深中通道", {"proper": True, "words": "深中 通道"}, "Shēnzhōng Tōngdào"),
    ("编者按", {"words": "编者按"}, "biānzhě'àn"),            # apostrophe before a vowel
    ("向深圳学习", {"proper_words": frozenset({"深圳"})}, "xiàng Shēnzhèn xuéxí"),
    ("粤港澳大湾区", {"proper": True, "words": "粤-港-澳 大湾区"}, "Yuè-Gǎng-Ào Dàwānqū"),
    ("深中一体化", {"words": "深-中 一体化", "proper_words": frozenset({"深中"})},
     "Shēn-Zhōng yītǐhuà"),                                  # a name inside a common term
    ("中国式现代化", {"words": "^中国式 现代化"}, "Zhōngguóshì xiàndàihuà"),
    ("可复制、可推广", {"words": "可 复制 、 可 推广"}, "kě fùzhì, kě tuīguǎng"),
])
def test_pinyin(term, kwargs, expected):
    assert glossary.pinyin(term, **kwargs) == expected


def test_tones_count_the_neutral_tone_as_five():
    assert glossary.tones("摸着深圳过河", "摸着 深圳 过河") == (1, 5, 1, 4, 4, 2)


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
    with pytest.raises(ValueError, match="unknown kind.* palce"):
        glossary.read_glossary(write(tmp_path, "term,kind,english\n深圳,palce,Shenzhen\n"))


def test_marks_in_words_still_spell_the_term(tmp_path):
    frame = glossary.read_glossary(write(
        tmp_path, "term,words,kind,english\n粤港澳大湾区,粤-港-澳 大湾区,place,GBA\n"
                  "中国式现代化,^中国式 现代化,slogan,Chinese modernisation\n"))
    assert frame["note"].tolist() == ["", ""]  # the note is optional


def test_glossary_table_counts_occurrences_and_documents():
    built = pd.DataFrame({"term": ["人才", "深圳"], "words": ["", ""], "kind": ["concept", "place"],
                          "english": ["talent", "Shenzhen"], "note": ["people sought by policy", ""]})
    paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"],
                               "text": ["人才人才", "深圳的人才", "没有"]})
    table = glossary.glossary_table(built, paragraphs).set_index("term")
    assert table.loc["人才", ["occurrences", "documents"]].tolist() == [3, 1]
    assert table.loc["深圳", "pinyin"] == "Shēnzhèn"
    assert table.loc["人才", "english"] == "talent — people sought by policy"
    assert table.loc["深圳", "english"] == "Shenzhen"
    assert list(table.index) == ["人才", "深圳"]  # réncái before Shēnzhèn


def test_glossary_table_is_in_pinyin_order():
    """Letters first, ignoring tone marks, capitals and spaces (ā, à and D sort as a and d);
    then tones, syllable by syllable."""
    terms = ["事实", "广州", "对标", "实施", "北京", "大湾区", "干部", "时事", "党建", "安全"]
    kinds = {"广州": "place", "北京": "place", "大湾区": "place"}
    built = pd.DataFrame({"term": terms, "words": ["大湾区" if t == "大湾区" else "" for t in terms],
                          "kind": [kinds.get(t, "concept") for t in terms], "english": "x"})
    table = glossary.glossary_table(built, pd.DataFrame({"doc_id": ["a"], "text": ["无"]}))
    assert table["term"].tolist() == [
        "安全",    # ānquán: ā is a
        "北京",    # Běijīng
        "党建",    # dǎngjiàn: dang before dawan, letter by letter
        "大湾区",  # Dàwānqū: capital D is d
        "对标",    # duìbiāo
        "干部",    # gànbù before Guǎngzhōu although G is a capital
        "广州",
        "实施",    # shíshī, shíshì, shìshí: same letters, ordered by tones
        "时事",
        "事实",
    ]


@pytest.fixture(scope="module")
def real_table():
    return glossary.glossary_table(glossary.read_glossary(), tables.load("paragraphs"))


def _letters(spelled):
    """Toneless lower-case letters, computed here independently of the module."""
    return "".join(c for c in unicodedata.normalize("NFD", spelled.lower()) if c.isascii() and c.isalpha())


def test_the_books_glossary_is_sorted_by_pinyin(real_table):
    letters = [_letters(p) for p in real_table["pinyin"]]
    out_of_order = [(a, b) for a, b in zip(letters, letters[1:]) if a > b]
    assert not out_of_order, out_of_order


def _book_prose_outside_the_glossary():
    return "\n".join(prose.markdown_of(path) for path in prose.book_sources(ROOT)
                     if path.stem != "glossary")


def test_every_term_occurs_in_the_corpus_or_the_books_prose(real_table):
    unused = real_table.loc[real_table["occurrences"] == 0, "term"]
    book = _book_prose_outside_the_glossary()
    assert [t for t in unused if t not in book] == []
    assert real_table.loc[real_table["term"] == "郴州", "documents"].item() == 1  # only 004


def test_the_terms_the_referee_found_unexplained_are_glossed(real_table):
    explained = {"干将闯将", "上门取经", "摸着深圳过河", "党管人才", "市直管镇", "先行先试",
                 "可复制、可推广", "招商引资", "东承", "市管干部", "干事创业"}
    assert explained <= set(real_table["term"])
    gloss = real_table.set_index("term")["english"]
    assert gloss["市管干部"].startswith("cadres managed by the municipal Party committee")


def test_paragraphs_cited_in_notes_exist():
    notes = " ".join(glossary.read_glossary()["note"])
    cited = set(re.findall(r"\b\d{3}:\d+\b", notes))
    known = set(tables.load("paragraphs")["para_id"])
    assert cited and cited <= known, sorted(cited - known)
