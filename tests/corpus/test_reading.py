"""Reading files in many encodings, and bad files that must not crash the build."""
from pathlib import Path

import pytest

from policytext.corpus.reading import doc_id_for, read_corpus, read_document

ARTICLE = "中山全面向深圳学习，推动深中一体化发展。区域协调发展迈出新步伐，人才政策持续加码。" * 3
TRADITIONAL = "中山全面向深圳學習，推動深中一體化發展。區域協調發展邁出新步伐，人才政策持續加碼。" * 3


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf_8"),
        ("utf-8-sig", "utf_8_sig"),
        ("utf-16", "utf_16"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_simplified_text_in_each_encoding_is_read_back(tmp_path, encoding, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    doc = read_document(path)
    assert doc.status == "ok"
    assert doc.encoding == expected
    assert doc.text == ARTICLE


def test_big5_traditional_text_is_read_back(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    doc = read_document(path)
    assert doc.status == "ok"
    assert "big5" in doc.encoding or "cp950" in doc.encoding
    assert doc.text == TRADITIONAL


def test_crlf_and_cr_line_ends_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一段。\r\n第二段。\r第三段。".encode("utf-8"))
    assert read_document(path).text == "第一段。\n第二段。\n第三段。"


@pytest.mark.parametrize(
    "content, status",
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"plain English text only, no Chinese here.", "not_chinese"),
    ],
)
def test_bad_files_get_a_status_and_a_message_naming_them(tmp_path, content, status):
    path = tmp_path / "bad file 坏.txt"
    path.write_bytes(content)
    doc = read_document(path)
    assert doc.status == status
    assert "bad file 坏.txt" in doc.message
    assert doc.text == "" or status == "not_chinese"


def test_every_file_of_a_folder_is_accounted_for(tmp_path):
    (tmp_path / "010_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "011_empty.txt").write_bytes(b"")
    (tmp_path / "012_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    docs = read_corpus(tmp_path)
    assert [(d.doc_id, d.status) for d in docs] == [("010", "ok"), ("011", "empty"), ("012", "binary")]


def test_doc_ids_come_from_the_number_prefix_and_fall_back_to_the_name(tmp_path):
    assert doc_id_for(Path("001_6198dba705dc196f.txt")) == "001"
    assert doc_id_for(Path("新闻 稿.txt")) == "新闻 稿"
    (tmp_path / "001_a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "001_b.txt").write_text(ARTICLE, encoding="utf-8")
    assert [d.doc_id for d in read_corpus(tmp_path)] == ["001_a.txt", "001_b.txt"]


def test_the_seed_files_are_all_utf8(seeds_dir):
    docs = read_corpus(seeds_dir)
    assert len(docs) == len(list(seeds_dir.glob("*.txt")))
    assert {d.encoding for d in docs} == {"utf_8"}
    assert all(d.status == "ok" for d in docs)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        read_corpus(tmp_path / "nowhere")


SAVED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>深中通道通车，中山迎来大桥时代</title>
<script>document.write("<b>统计代码</b>");</script></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/news">新闻中心</a></div>
<div class="login">登录 | 注册 | 无障碍</div>
<article><h1>深中通道通车，中山迎来大桥时代</h1>
<p>6月30日，深中通道正式通车，深圳至中山车程缩短至半小时。</p>
<p>中山市委组织部表示，将持续深化“向深圳学习”，推动深中两地人才、干部交流。</p>
<p>据统计，今年以来已有56个社区党组织与深圳社区开展结对共建。</p>
</article>
<div class="footer">版权所有 某某网 联系电话：010-12345678</div></body></html>"""


def test_a_saved_web_page_gives_its_main_text_without_boilerplate(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(SAVED_PAGE, encoding="utf-8")
    doc = read_document(path)
    assert (doc.status, doc.source_format) == ("ok", "html")
    lines = doc.text.split("\n")
    assert lines[0] == "深中通道通车，中山迎来大桥时代"
    assert "据统计，今年以来已有56个社区党组织与深圳社区开展结对共建。" in lines
    for boilerplate in ("统计代码", "首页", "登录", "版权所有", "<", ">"):
        assert boilerplate not in doc.text


def test_html_saved_as_txt_is_recognised_and_a_page_without_article_is_reported(tmp_path):
    disguised = tmp_path / "page.txt"
    disguised.write_text(SAVED_PAGE, encoding="utf-8")
    assert read_document(disguised).source_format == "html"
    bare = tmp_path / "nav.html"
    bare.write_text("<html><body><div><a href='/'>首页</a></div></body></html>", encoding="utf-8")
    doc = read_document(bare)
    assert doc.status == "empty" and "nav.html" in doc.message and "web page" in doc.message
