"""One corpus of every kind of bad input, built here, checked against the outcome table that
``book/adding_articles.md`` documents: the page and the pipeline cannot drift apart."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest

from policytext.corpus.build import build_tables
from policytext.corpus.reading import DEFAULT_MAX_BYTES, read_corpus

from test_reading import SAVED_PAGE

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "book" / "adding_articles.md"

#: An article whose text is markup: HTML, Markdown, MyST and LaTeX specials. The pipeline keeps
#: it as text; the book must show it as text. Also the hostile article of test_hostile_build.
HOSTILE_ARTICLE = "\n".join([
    "中山向深圳学习<script>alert(1)</script>%&#_{}\\input{/etc/passwd}",
    "",
    "中山市委组织部表示，将继续向深圳学习<img src=x onerror=alert(1)>，推动深中一体化发展。",
    "",
    "2024年3月1日，中山选派30名干部赴深圳跟班学习<b onmouseover=alert(1)>人才政策</b>。",
    "",
    "向深圳学习的做法写成 **加粗**、[链接](javascript:alert(1)) 与 {glue:text}`n_documents` 以及 $$\\input{/etc/passwd}$$。",
    "",
    "```{raw} html",
    "<script>alert('raw')</script>",
    "```",
    "",
    ":::{warning}",
    "深中通道 <iframe src=javascript:alert(1)></iframe> 注意 \\(x\\) 与 $x^2$。",
    ":::",
    "",
    "人才政策要写清楚：\\input{/etc/passwd} 100% & #1 a_b {} ~ ^ \\\\ 等符号照样保留。",
    "",
    "责任编辑：<script>alert('editor')</script>",
])


def _articles(seed_tables, count: int) -> list[str]:
    """``count`` different articles, each a title line and four body paragraphs of the seeds
    (clean, simplified text), so that no two are near-duplicates of each other."""
    body = [p["text"] for p in seed_tables.paragraphs if p["kind"] == "body" and p["n_chars"] >= 40]
    assert len(body) >= 4 * count
    return [f"第{i + 1}篇：中山向深圳学习\n\n" + "\n\n".join(body[4 * i:4 * i + 4]) for i in range(count)]


def _write(text: str, encoding: str = "utf-8", newline: str = "\n") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.replace("\n", newline).encode(encoding))


def _mixed_line_ends(text: str) -> bytes:
    ends = ["\r\n", "\n", "\r"]
    lines = text.split("\n")
    return "".join(line + ends[i % 3] for i, line in enumerate(lines)).encode("utf-8")


def _web_page(article: str) -> str:
    """An article as a saved web page: title, menus, paragraphs, footer."""
    title, *paragraphs = [line for line in article.split("\n") if line]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> &gt; <a href='/news'>新闻中心</a></div>"
            f"<article><h1>{title}</h1>{body}</article><div class='footer'>版权所有 某某网</div></body></html>")


def _large_file(path: Path, article: str) -> None:
    chunk = (article + "\n\n").encode("utf-8")
    with open(path, "wb") as handle:
        for _ in range(DEFAULT_MAX_BYTES // len(chunk) + 2):
            handle.write(chunk)


def bad_corpus(folder: Path, seed_tables) -> dict[str, str]:
    """Write one file per documented input case into ``folder``; return case -> file name.

    Files are numbered in case order, so the original of a copy sorts before the copy.
    """
    a = iter(_articles(seed_tables, 14))
    plain = next(a)
    near = plain.split("\n")
    writers: dict[str, tuple[str, Callable[[Path], None]]] = {
        "Article in UTF-8": ("utf8.txt", _write(plain)),
        "UTF-8 with a byte-order mark (BOM)": ("utf8_bom.txt", _write(next(a), "utf-8-sig")),
        "UTF-16 with a BOM": ("utf16_bom.txt", _write(next(a), "utf-16")),
        "UTF-16 without a BOM": ("utf16_le.txt", _write(next(a), "utf-16-le")),
        "GB18030 or GBK": ("gb18030.txt", _write(next(a), "gb18030")),
        "Big5, traditional script": ("big5.txt", _write(opencc.OpenCC("s2tw").convert(next(a)), "big5")),
        "Windows line ends (CRLF)": ("crlf.txt", _write(next(a), newline="\r\n")),
        "Mixed line ends (CRLF, LF, CR)": ("mixed.txt", lambda p, t=next(a): p.write_bytes(_mixed_line_ends(t))),
        "File name with spaces and Chinese characters": ("深中 一体化 报道.txt", _write(next(a))),
        "Web page saved as .html": ("page.html", _write(SAVED_PAGE)),
        "Web page saved as .txt": ("page_as_text.txt", _write(_web_page(next(a)))),
        "Text with HTML, Markdown, MyST and LaTeX markup": ("markup.txt", _write(HOSTILE_ARTICLE)),
        "Same article under a second name": ("copy_of_utf8.txt", _write(plain)),
        "Near-duplicate (one paragraph added)": (
            "near_copy.txt", _write("\n".join(near[:4] + ["中山市另有一段新增的说明文字。", ""] + near[4:]))),
        "Web page with no text": ("blank_page.html", _write("<html><body><div><a href='/'></a></div></body></html>")),
        "Web page of menus only": (
            "navigation.html", _write("<html><body><div><a href='/'>首页</a> | <a>登录</a></div></body></html>")),
        "Empty file": ("empty.txt", _write("")),
        "Whitespace-only file": ("blank.txt", _write(" \n\t\r\n \n")),
        "Only full-width (ideographic) spaces": ("full_width_blank.txt", _write("\u3000\u3000\n\u3000\n")),
        "Binary file named .txt": ("picture.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)),
        "Bytes that fit no text encoding": ("garbled.txt", lambda p: p.write_bytes(bytes(range(128, 256)) * 3)),
        "Text without Chinese characters": ("english.txt", _write("Zhongshan learns from Shenzhen.\n" * 5)),
        "Only web-page debris (menus, banners, credits)": (
            "debris.txt", _write("欢迎来到测试网！\n当前所在：首页 > 新闻\n图片\n责任编辑：李明\n")),
        "Very large file (above `--max-bytes`)": ("huge.txt", lambda p, t=next(a): _large_file(p, t)),
    }
    names = {}
    for number, (case, (name, write)) in enumerate(writers.items(), start=100):
        file_name = name if re.search(r"[\u4e00-\u9fff]", name) else f"{number}_{name}"
        write(folder / file_name)
        names[case] = file_name
    return names


def documented_outcomes(guide: Path = GUIDE) -> dict[str, dict[str, str]]:
    """The rows of the outcome table in the guide: case -> status, message, counted."""
    text = guide.read_text(encoding="utf-8")
    section = text.split("## What happens to each file", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == ["Input", "Status", "Message in documents.csv", "Counted"], header
    outcomes = {}
    for row in rows[2:]:
        case, status, message, counted = (cell.strip() for cell in row.strip("|").split("|"))
        outcomes[case] = dict(status=status.strip("`"), message=message.strip("`"), counted=counted)
    return outcomes


def message_pattern(template: str, file_name: str) -> re.Pattern:
    """A documented message as a regex: ``{file}`` is the file name, ``…`` any text, ``—`` none."""
    if template == "—":
        return re.compile("")
    parts = [re.escape(part).replace(re.escape("{file}"), re.escape(file_name)) for part in template.split("…")]
    return re.compile(".+".join(parts))


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory, seed_tables):
    folder = tmp_path_factory.mktemp("bad_corpus")
    names = bad_corpus(folder, seed_tables)
    return names, build_tables(folder), folder


def test_the_guide_documents_exactly_the_generated_cases(bad_build):
    names, _, _ = bad_build
    assert list(documented_outcomes()) == list(names)


@pytest.mark.parametrize("case", list(documented_outcomes()))
def test_each_case_has_its_documented_outcome(bad_build, case):
    names, tables, _ = bad_build
    expected = documented_outcomes()[case]
    doc = next(d for d in tables.documents if d["file_name"] == names[case])
    assert doc["status"] == expected["status"]
    assert message_pattern(expected["message"], names[case]).fullmatch(doc["message"]), doc["message"]
    counted = any(p["doc_id"] == doc["doc_id"] for p in tables.paragraphs)
    assert counted == expected["counted"].startswith("Yes"), expected["counted"]


def test_nothing_is_lost_and_every_problem_names_its_file(bad_build):
    names, tables, folder = bad_build
    assert sorted(d["file_name"] for d in tables.documents) == sorted(p.name for p in folder.iterdir())
    for doc in tables.documents:
        assert (doc["status"] == "ok") == (doc["message"] == ""), doc
        if doc["status"] != "ok":
            assert doc["file_name"] in doc["message"]


def test_decoded_cases_keep_their_text(bad_build):
    names, tables, _ = bad_build
    by_file = {d["file_name"]: d for d in tables.documents}
    text = {d: "\n".join(p["text"] for p in tables.paragraphs if p["doc_id"] == d) for d in
            {p["doc_id"] for p in tables.paragraphs}}
    reference = text[by_file[names["Article in UTF-8"]]["doc_id"]]
    assert reference.count("\n") == 4
    for case, encoding in [("UTF-16 without a BOM", "utf_16_le"), ("Big5, traditional script", "big5"),
                           ("GB18030 or GBK", "gb18030"), ("UTF-8 with a byte-order mark (BOM)", "utf_8_sig")]:
        doc = by_file[names[case]]
        assert encoding in doc["encoding"] or (encoding == "big5" and "cp950" in doc["encoding"]), doc["encoding"]
        assert text[doc["doc_id"]].count("\n") == 4, case
    assert by_file[names["Big5, traditional script"]]["script"] == "traditional"
    for case in ("Windows line ends (CRLF)", "Mixed line ends (CRLF, LF, CR)"):
        assert "\r" not in text[by_file[names[case]]["doc_id"]] and text[by_file[names[case]]["doc_id"]].count("\n") == 4
    assert by_file[names["File name with spaces and Chinese characters"]]["doc_id"] == "深中 一体化 报道"


def test_markup_in_an_article_is_kept_as_text(bad_build):
    names, tables, _ = bad_build
    doc = next(d for d in tables.documents if d["file_name"] == names["Text with HTML, Markdown, MyST and LaTeX markup"])
    joined = "\n".join(p["text"] for p in tables.paragraphs if p["doc_id"] == doc["doc_id"])
    assert doc["title"] == "中山向深圳学习<script>alert(1)</script>%&#_{}\\input{/etc/passwd}"
    for markup in ("<img src=x onerror=alert(1)>", "{glue:text}`n_documents`", "$$\\input{/etc/passwd}$$",
                   ":::{warning}", "```{raw} html", "100% & #1 a_b {} ~ ^ \\\\"):
        assert markup in joined, markup
    editor = [r for r in tables.removed_lines if r["doc_id"] == doc["doc_id"] and r["rule"] == "credit"]
    assert [r["removed_text"] for r in editor] == ["责任编辑：<script>alert('editor')</script>"]


def test_copies_point_at_the_first_file(bad_build):
    names, tables, _ = bad_build
    by_file = {d["file_name"]: d for d in tables.documents}
    original = by_file[names["Article in UTF-8"]]["doc_id"]
    assert by_file[names["Same article under a second name"]]["duplicate_of"] == original
    assert by_file[names["Near-duplicate (one paragraph added)"]]["duplicate_of"] == original


def test_a_very_large_file_is_listed_without_being_read(tmp_path):
    huge = tmp_path / "050_huge.txt"
    with open(huge, "wb") as handle:  # 200 MB, sparse on disk
        handle.truncate(200_000_000)
    small = "中山全面向深圳学习，推动深中一体化发展。"
    (tmp_path / "051_small.txt").write_text(small, encoding="utf-8")
    tracemalloc.start()
    try:
        docs = read_corpus(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000, f"reading used {peak:,} bytes"
    assert [(d.file_name, d.status, d.n_bytes) for d in docs] == [
        ("050_huge.txt", "too_large", 200_000_000), ("051_small.txt", "ok", len(small.encode()))]
    assert docs[0].message == "050_huge.txt: 200,000,000 bytes, above the limit of 5,000,000 (--max-bytes); not read"
    zeros = hashlib.sha256()
    for _ in range(200):
        zeros.update(bytes(1_000_000))
    assert docs[0].sha256 == zeros.hexdigest()


def test_the_size_limit_is_a_command_line_option(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    long_text = "中山全面向深圳学习，推动深中一体化发展。" * 20
    (corpus / "001_a.txt").write_text(long_text, encoding="utf-8")
    (corpus / "002_b.txt").write_text("深中通道通车，人才政策持续加码。", encoding="utf-8")
    args = [sys.executable, "-m", "policytext", "build", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
            "--max-bytes", "500"]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"too_large: 001_a.txt: {len(long_text.encode()):,} bytes, above the limit of 500 (--max-bytes); not read" in result.stderr
    strict = subprocess.run(args + ["--strict"], cwd=tmp_path, capture_output=True, text=True)
    assert strict.returncode == 1


def test_styler_tables_escape_labels_as_well_as_cells():
    import pandas as pd

    from policytext.report.chapter import escaped_html, latex_table

    title = "中山向深圳学习<script>alert(1)</script>"
    frame = pd.DataFrame({"<b>标题</b>": [title], "n": [3]}, index=pd.Index(["<img src=x onerror=alert(1)>"]))
    with pd.option_context("styler.format.escape", "html"):
        styler = frame.style
        page = escaped_html(styler)
        assert "<img src=x" in styler.to_html()  # what pandas gives: labels unescaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert "&lt;b&gt;标题&lt;/b&gt;" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    hidden = escaped_html(frame.style.hide(axis="index"))
    assert "onerror" not in hidden
    latex = latex_table(pd.DataFrame({"title": ["100% & #1 a_b {} ~ ^ \\input{/etc/passwd} $x$"]}))
    assert r"100\% \& \#1 a\_\allowbreak{}b \{\} \textasciitilde \space \textasciicircum \space \textbackslash input\{/etc/passwd\} \$x\$" in latex
