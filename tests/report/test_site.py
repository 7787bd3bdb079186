"""The built site as a reader sees it: pages load in Chromium, images load, Chinese search works.

Builds the HTML book into a temporary folder (from the committed, executed notebooks) and opens
it in Debian's chromium through Playwright (no browser download).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from policytext import tables
from policytext.report import prose, webfonts

from conftest import open_offline

ROOT = Path(__file__).resolve().parents[2]
#: Domain words that plain jieba cuts apart; the search must find them as words.
SEARCH_TERMS = ["深中通道", "人才集团"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(build_book):
    html = build_book("html")
    handler = functools.partial(QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield html, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def book_pages() -> list[str]:
    return [str(p.relative_to(ROOT).with_suffix(".html")) for p in prose.book_sources(ROOT)]


@pytest.mark.parametrize("page_path", book_pages())
def test_page_loads_with_all_its_images(site, browser, page_path):
    _, base = site
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    # The browser asks every site for /favicon.ico; the book has none, which is not a fault.
    page.on("response", lambda r: failed.append(r.url)
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    response = page.goto(f"{base}/{page_path}", wait_until="load")
    assert response.status == 200
    assert page.locator("article h1").first.inner_text().strip()
    broken = page.evaluate("""() => Array.from(document.images)
        .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)""")
    assert broken == []
    assert failed == []
    page.close()


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_chinese_search_finds_domain_words(site, browser, term):
    html, base = site
    page = browser.new_page()
    page.goto(f"{base}/search.html?q={quote(term)}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    first_hit = results.first.locator("a").first.get_attribute("href").split("?")[0].split("#")[0]
    assert term in (html / first_hit).read_text(encoding="utf-8")
    page.close()


def test_pdf_is_offered_for_download(site):
    html, _ = site
    intro = (html / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../book.pdf"' in intro


def test_glued_tables_have_their_caption_above_and_outside_the_table(site):
    import lxml.html

    html, _ = site
    tables = []
    for page in book_pages():
        tree = lxml.html.parse(str(html / page))
        tables += tree.xpath("//figure[starts-with(@id, 'tbl-')]")
    assert len(tables) > 20
    for figure in tables:
        caption = figure.find("figcaption")
        assert caption is not None and "Table" in caption.text_content(), figure.get("id")
        assert not caption.xpath(".//table"), f"{figure.get('id')}: the table is inside its caption"
        assert figure.index(caption) == 0, f"{figure.get('id')}: the caption is not first"


#: Text that only a program's log or error puts on a page: a traceback, a Python warning
#: (``UserWarning: ...``), matplotlib's font-search message, an uncaught error's name.
STRAY_MESSAGE = re.compile(r"Traceback \(most recent call last\)|\b[A-Z]\w*Warning: |findfont|"
                           r"\b[A-Z]\w*Error: |^WARNING:|^ERROR:", re.MULTILINE)


def stray_messages(text: str) -> list[str]:
    """The lines of ``text`` that carry a log or error message."""
    return [line.strip() for line in text.splitlines() if STRAY_MESSAGE.search(line)]


def test_stray_messages_are_found():
    page = "A sentence.\n/x.py:3: UserWarning: findfont: Font family 'Noto' not found.\nTraceback (most recent call last):"
    assert len(stray_messages(page)) == 2
    assert stray_messages("UserWarnings are discussed here, and a ValueError is named.") == []


def test_no_page_shows_a_stray_message_or_stderr_output(site):
    import lxml.html

    html, _ = site
    for page in book_pages():
        tree = lxml.html.parse(str(html / page))
        assert not tree.xpath("//*[contains(concat(' ', @class, ' '), ' stderr ')]"), f"{page}: stderr output"
        for code in tree.xpath("//*[contains(concat(' ', @class, ' '), ' cell_input ')]"):
            code.getparent().remove(code)  # the code itself may name warnings; its output may not
        article = tree.xpath("//article")
        text = "\n".join(element.text_content() for element in article)
        assert stray_messages(text) == [], page


def chapter_pages() -> list[str]:
    """The chapters' pages in the order of the table of contents (the root page is not numbered)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [f"{chapter['file']}.html" for part in toc["parts"] for chapter in part["chapters"]]


def test_figures_and_tables_are_numbered_per_chapter_as_in_the_pdf(site):
    """Chapter k's tables are Table k.1, k.2 ... in the site as in the PDF, so one citation works in both."""
    import lxml.html

    html, _ = site
    numbered = 0
    for number, page in enumerate(chapter_pages(), start=1):
        tree = lxml.html.parse(str(html / page))
        for caption in tree.xpath("//figure[starts-with(@id, 'tbl-') or starts-with(@id, 'fig-')]//figcaption"):
            label = re.match(r"\s*(Table|Figure) ([\d.]+)", caption.text_content())
            assert label and label[2].startswith(f"{number}."), f"{page}: {caption.text_content()[:40]}"
            numbered += 1
    assert numbered > 40


def test_every_cited_paragraph_id_links_to_its_paragraph_in_the_corpus_reader(site):
    """Paragraph and sentence IDs in the prose, captions and tables are links, and each link
    lands on an anchor of the corpus reader that holds that paragraph."""
    import lxml.html

    from policytext import tables
    from policytext.report import reader

    html, _ = site
    reader_page = lxml.html.parse(str(html / "book" / "corpus_reader.html"))
    anchors = {element.get("id"): element.text_content() for element in
               reader_page.xpath("//p[contains(concat(' ', @class, ' '), ' reader-paragraph ')]")}
    assert len(anchors) == len(tables.load("paragraphs"))
    links = 0
    for page in book_pages():
        tree = lxml.html.parse(str(html / page))
        for code in tree.xpath("//article//*[contains(concat(' ', @class, ' '), ' cell_input ')]"):
            code.getparent().remove(code)
        for element in tree.xpath("//article//code | //article//td"):
            cited = element.text_content().strip()
            if reader.anchor(cited) not in anchors or "reader-paragraph" in (element.getparent().get("class") or ""):
                continue  # not an ID, or an example of one (an added article's 005:1), or the reader's own
            link = element if element.tag == "a" else next(iter(element.xpath("ancestor-or-self::a | a")), None)
            assert link is not None, f"{page}: {cited} is not a link"
            target, _, fragment = link.get("href").partition("#")
            assert (target == "" or target.endswith("corpus_reader.html")) and fragment == reader.anchor(cited), (page, cited)
            assert anchors[fragment].startswith(cited.split(".")[0]), (page, cited)
            links += 1
    assert links > 100


def test_every_derived_table_the_book_names_is_a_working_download_link(site):
    import lxml.html

    html, _ = site
    linked = set()
    for page in book_pages():
        tree = lxml.html.parse(str(html / page))
        for code in tree.xpath("//article//code"):
            text = code.text_content().strip()
            if re.fullmatch(r"data/derived/[\w.-]+\.csv", text) and (ROOT / text).is_file():
                link = code.getparent()
                assert link.tag == "a", f"{page}: {text} is not a link"
                target = (html / page).parent / link.get("href")
                assert target.resolve().read_bytes() == (ROOT / text).read_bytes(), (page, text)
                linked.add(text)
    assert len(linked) > 20


def test_chinese_text_is_tagged_with_its_language_and_set_in_fonts_served_by_the_site(site):
    import lxml.html

    html, _ = site
    untagged, tagged = [], {"zh-Hans": 0, "zh-Hant": 0}
    for page in book_pages():
        tree = lxml.html.parse(str(html / page))
        for code in tree.xpath("//article//*[contains(concat(' ', @class, ' '), ' cell_input ')]"):
            code.getparent().remove(code)
        for text in tree.xpath("//article//text()[normalize-space()]"):
            if not webfonts.CJK_RUN.search(text) or text.getparent().tag in ("script", "style"):
                continue
            lang = next(iter(text.getparent().xpath("ancestor-or-self::*[@lang][1]/@lang")), "")
            if lang not in tagged:
                untagged.append((page, text[:30]))
            else:
                tagged[lang] += 1
    assert not untagged, untagged[:5]
    assert tagged["zh-Hans"] > 1000 and tagged["zh-Hant"] > 100  # the reader's original lines
    css = (html / "_static" / "policybook-cjk.css").read_text(encoding="utf-8")
    for lang, name in webfonts.FONT_FILES.items():
        assert f"url(\"fonts/{name}\")" in css and f":lang({lang})" in css
        if webfonts.NOTO_CJK.is_file():
            assert (html / "_static" / "fonts" / name).stat().st_size > 100_000
    assert "policybook-cjk.css" in (html / "book" / "intro.html").read_text(encoding="utf-8")


def test_language_tags_follow_the_script():
    assert webfonts.tagged_runs("Learn from 深圳 (深圳學習).") == [
        ("Learn from ", None), ("深圳", "zh-Hans"), (" (", None), ("深圳學習", "zh-Hant"), (").", None)]
    assert webfonts.tag_html_text('<td class="x">人才</td>') == '<td class="x"><span lang="zh-Hans">人才</span></td>'


#: Interactive tables (policytext.report.explorer): the page, and the id of the table.
INTERACTIVE = [("notebooks/01_corpus.html", "T_paragraphs"),
               ("notebooks/02_vocabulary.html", "T_top-terms"),
               ("notebooks/03_learning_from_shenzhen.html", "T_learning-edges"),
               ("notebooks/04_talent_policy.html", "T_talent-measures"),
               ("notebooks/06_timeline_and_figures.html", "T_indicators"),
               ("notebooks/06_timeline_and_figures.html", "T_dated-events")]
#: The heaviest a page may be, with everything it loads.
PAGE_BYTES = 3_000_000


@pytest.mark.parametrize(("page_path", "table_id"), INTERACTIVE)
def test_interactive_tables_work_offline_from_file_urls(site, browser, page_path, table_id):
    """Opened from file:// (no server), the table pages, sorts and narrows as the reader types,
    and nothing is requested from the network."""
    html, _ = site
    page, remote = open_offline(browser, html / page_path)
    page.wait_for_function("document.documentElement.dataset.interactiveTables", timeout=20000)
    rows = page.locator(f"#{table_id} tbody tr")
    total = len(re.findall(r"<tr>", (html / page_path).read_text(encoding="utf-8")
                           .split(f'id="{table_id}"')[1].split("</table>")[0].split("<tbody>")[1]))
    assert rows.count() == min(total, 10)  # the first page of rows
    # DataTables' smart search keeps the rows holding every word typed: the first row's cells
    cells = [text.split()[0] for text in rows.first.locator("th, td").all_inner_texts() if text.strip()]
    page.locator(f"#{table_id}_wrapper input[type=search]").fill(" ".join(cells))
    page.wait_for_timeout(300)
    assert 1 <= rows.count() < min(total, 10) or total == 1
    assert all(cell in rows.first.inner_text() for cell in cells)
    assert remote == []
    page.close()


def page_weight(files: set[Path]) -> int:
    """Bytes a static host that compresses text (gzip, as GitHub Pages does) sends for ``files``:
    text compressed, images and fonts as they are."""
    return sum(len(gzip.compress(f.read_bytes(), 6)) if f.suffix in TEXT_SUFFIXES else f.stat().st_size
               for f in files)


TEXT_SUFFIXES = {".html", ".js", ".css", ".json", ".svg", ".map", ".txt"}


def test_every_page_weighs_under_three_megabytes_with_what_it_loads(site, browser):
    """The page and everything it loads (theme, fonts, DataTables where a table needs it)."""
    html, _ = site
    page = browser.new_page()
    heavy = {}
    for page_path in book_pages():
        loaded = []
        handler = lambda response: loaded.append(response.url)  # noqa: E731
        page.on("response", handler)
        page.goto((html / page_path).as_uri(), wait_until="load")
        if page_path in {path for path, _ in INTERACTIVE}:
            page.wait_for_function("document.documentElement.dataset.interactiveTables", timeout=20000)
        if page_path in CHARTS:
            page.wait_for_function("document.documentElement.dataset.interactiveCharts", timeout=20000)
        page.remove_listener("response", handler)
        files = {Path(unquote(url.split("?")[0].split("#")[0].removeprefix("file://")))
                 for url in loaded + [(html / page_path).as_uri()] if url.startswith("file:")}
        size = page_weight(files)
        if size > PAGE_BYTES:
            heavy[page_path] = size
    page.close()
    assert heavy == {}


def test_the_concordance_explorer_works_offline_from_a_file_url(site, browser):
    """Typing a term lists its lines with the node aligned; a document narrows them; sorting by the
    right context orders them; each line links to a paragraph the corpus reader holds."""
    html, _ = site
    page, remote = open_offline(browser, html / "book" / "explorer.html")
    explorer = page.locator("#concordance-explorer")
    page.wait_for_function("document.getElementById('concordance-explorer').dataset.lines !== undefined")
    paragraphs = tables.load("paragraphs")
    term = "向深圳学习"
    expected = int(paragraphs["text"].str.count(term).sum())
    page.fill("#explorer-term", term)
    assert explorer.get_attribute("data-lines") == str(expected)
    nodes = page.locator("#explorer-lines td.explorer-node").all_inner_texts()
    assert len(nodes) == expected and set(nodes) == {term}
    one = paragraphs[paragraphs["text"].str.contains(term)]["doc_id"].value_counts()
    page.select_option("#explorer-document", label=page.locator("#explorer-document option")
                       .filter(has_text=one.index[-1]).first.inner_text())
    assert explorer.get_attribute("data-lines") == str(int(paragraphs[paragraphs["doc_id"] == one.index[-1]]
                                                           ["text"].str.count(term).sum()))
    page.select_option("#explorer-document", "")
    page.select_option("#explorer-sort", "right")
    rights = page.locator("#explorer-lines td.explorer-right").all_inner_texts()
    assert rights == page.evaluate("r => [...r].sort((a, b) => a.localeCompare(b, 'zh'))", rights)
    reader = (html / "book" / "corpus_reader.html").read_text(encoding="utf-8")
    for href in page.locator("#explorer-lines a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href.startswith("corpus_reader.html#para-") and f'id="{href.split("#")[1]}"' in reader
    assert remote == []
    page.close()


#: Pages with interactive charts and the id of one of them.
CHARTS = {"notebooks/02_vocabulary.html": "chart-term-network",
          "notebooks/05_regional_integration.html": "chart-place-network",
          "notebooks/06_timeline_and_figures.html": "chart-timeline",
          "notebooks/07_themes.html": "chart-theme-shares"}


@pytest.mark.parametrize("page_path", sorted(CHARTS))
def test_interactive_charts_draw_and_answer_a_hover_offline(site, browser, page_path):
    html, _ = site
    chart = CHARTS[page_path]
    page, remote = open_offline(browser, html / page_path)
    page.wait_for_function("document.documentElement.dataset.interactiveCharts", timeout=20000)
    assert page.locator(f"#{chart} img").count() == 0  # the static figure gave way to the chart
    points, cells = page.locator(f"#{chart} svg .mark-symbol path"), page.locator(f"#{chart} svg .mark-rect path")
    assert points.count() + cells.count() > 0
    mark, where = (points.first, None) if points.count() else (cells.first, {"x": 3, "y": 3})
    mark.scroll_into_view_if_needed()
    mark.hover(force=True, position=where)  # a cell's corner: the share written in it has no tooltip
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert re.search(r"\d", tooltip.inner_text())
    assert remote == []
    page.close()


def test_pages_draw_their_icons_without_the_icon_script(site, browser):
    """The theme's 1.5 MB Font Awesome script is taken out of every page; its icons are still
    drawn, by the stylesheet's web font."""
    html, _ = site
    for page_path in book_pages():
        assert "scripts/fontawesome.js" not in (html / page_path).read_text(encoding="utf-8"), page_path
    page, remote = open_offline(browser, html / "book" / "intro.html")
    page.wait_for_load_state("load")
    icon = page.locator("i.fa-solid:visible, i.fas:visible").first
    family = icon.evaluate("i => getComputedStyle(i, '::before').fontFamily")
    content = icon.evaluate("i => getComputedStyle(i, '::before').content")
    assert "Font Awesome" in family and content not in ("none", "normal", '""')
    assert icon.bounding_box()["width"] > 0
    assert remote == []
    page.close()


@pytest.mark.skipif(not webfonts.NOTO_CJK.is_file(), reason="the Noto CJK collection is not installed")
def test_a_subset_font_is_made_once_and_copied_while_the_characters_stay_the_same(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    first, second = tmp_path / "site1" / "cjk.woff2", tmp_path / "site2" / "cjk.woff2"
    assert webfonts.subset_font("人才学习", "zh-Hans", first, cache=tmp_path / "cache")
    assert set(TTFont(str(first)).getBestCmap()) >= {ord(c) for c in "人才学习"}

    def no_subsetting(*args):
        raise AssertionError("subset again although the characters are the same")

    monkeypatch.setattr(webfonts, "_write_subset", no_subsetting)
    assert webfonts.subset_font("人才学习", "zh-Hans", second, cache=tmp_path / "cache")
    assert second.read_bytes() == first.read_bytes()
    with pytest.raises(AssertionError, match="subset again"):
        webfonts.subset_font("人才学习深圳", "zh-Hans", second, cache=tmp_path / "cache")
