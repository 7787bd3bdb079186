"""Sphinx extension for the report: tables numbered as tables, no code in the PDF, PDF in the site.

- A glued DataFrame is shown with ``{glue:figure}`` and a name starting ``tbl-``; Sphinx would
  number it as a figure. ``TableFigure`` is a figure that Sphinx numbers as a *table*
  ("Table 2.1") in HTML and LaTeX, with its caption above it as tables have.
- A table too tall for a page is a ``longtable`` (``policytext.report.chapter``): in the PDF it is
  not a float, and its caption goes inside the longtable so it heads the table's first page.
- Code cells are hidden behind a toggle in HTML (tag ``hide-input``); the PDF has no code at all.
- The PDF built by ``make pdf`` is copied into the HTML site as ``book.pdf`` for download.
- DataFrames carry a LaTeX version for the PDF, which myst-nb keeps as a math node beside the
  HTML; only real equations should make a page load MathJax (from a CDN), so the site works
  offline and loads nothing it does not use.
- ``{claim} id`` stands beside a finding registered in ``data/claims/``: it shows nothing
  while the claim's check holds on the current derived tables, and a warning admonition (and a
  line in the build log) when it does not.
- A book built on a corpus that does not hold the seed articles (``make book CORPUS=...``) has
  a note at the head of every page: its prose reads the seed articles, and the values it cannot
  take from that corpus are placeholders (``policytext.report.readings``).
- ``{corpus-reader}`` sets every paragraph of the corpus (``data/derived/paragraphs.csv``) under
  its ID as an anchor, with its original line and its document's metadata; every paragraph or
  sentence ID cited in the book, in the prose, captions or glued tables, links to it, in HTML
  and in the PDF (``policytext.report.reader``).
- In the site, each derived table the book names (``data/derived/<table>.csv``, in a caption
  or in the prose) is a download link: the file is copied into ``_static/data/``.
- In the site, every run of Chinese text carries ``lang="zh-Hans"`` (``zh-Hant`` for traditional
  script, as in the corpus reader's original lines) and is set in Noto Sans CJK, subset to the
  characters of the pages and served from ``_static/fonts/`` (``policytext.report.webfonts``).
- The PDF's title page names the corpus it was built from: its articles and their date range
  (``POLICYBOOK-CORPUS`` in the title page of ``_config.yml``).
- In the PDF the bibliography stands in the References chapter, where the ``{bibliography}``
  directive is, not after the appendix, where Sphinx's LaTeX builder gathers all citations.
- Sphinx's Chinese search segments the pages with jieba; it gets the project's domain words
  (with the frequencies the analysis uses), so 深中通道 or 人才驿站 are found as words.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import jieba
import snowballstemmer
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

TABLE_PREFIX = "tbl-"
LONGTABLE_START = re.compile(r"^\\begin\{longtable\}.*\n", re.MULTILINE)


class TableFigure(nodes.figure):
    """A captioned table pasted from a notebook: a figure numbered as a table."""


def _is_table_figure(node: nodes.Node) -> bool:
    return isinstance(node, nodes.figure) and any(i.startswith(TABLE_PREFIX) for i in node["ids"])


class NumberGluedTablesAsTables(SphinxTransform):
    """Turn figures whose label starts with ``tbl-`` into ``TableFigure`` nodes."""

    default_priority = 900

    def apply(self, **kwargs) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            if type(figure) is nodes.figure and _is_table_figure(figure):
                captions = [c for c in figure.children if isinstance(c, nodes.caption)]
                others = [c for c in figure.children if not isinstance(c, nodes.caption)]
                table = TableFigure(figure.rawsource, *captions, *others, **figure.attributes)
                figure.replace_self(table)
                for node_id in table["ids"]:  # references find their target through these
                    self.document.ids[node_id] = table


class LatexTablesAsRawLatex(SphinxTransform):
    """Pass the LaTeX tables of ``policytext.report.chapter`` to LaTeX as they are, not as equations."""

    default_priority = 900

    def apply(self, **kwargs) -> None:
        from policytext.report.chapter import LATEX_TABLE_MARKER

        for block in list(self.document.findall(nodes.math_block)):
            latex = block.astext()
            if latex.lstrip().startswith(LATEX_TABLE_MARKER):
                if LONGTABLE_START.search(latex) and not _inside_table_figure(block):
                    latex += "\\addtocounter{table}{-1}% an uncaptioned longtable is not numbered\n"
                block.replace_self(nodes.raw("", latex, format="latex"))


def _inside_table_figure(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if _is_table_figure(parent):
            return True
        parent = parent.parent
    return False


class RemoveCodeFromPdf(SphinxPostTransform):
    """Drop the source of code cells from the LaTeX output: the PDF reads as a report."""

    default_priority = 190
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.container)):
            if node.get("nb_element") == "cell_code_source":
                node.parent.remove(node)


def _visit_html(self, node):
    # docutils closes <figcaption> at the end of the figure (a legend may follow the caption);
    # with the caption first, the table would end up inside it.
    self.visit_figure(node)
    for child in node.children:
        self.body.append(_rendered(self, child))
        if isinstance(child, nodes.caption):
            self.body.append("</figcaption>\n")
    self.body.append("</figure>\n")
    raise nodes.SkipNode


def _rendered(self, node: nodes.Node) -> str:
    """What the writer makes of ``node``, without adding it to the body."""
    body, self.body = self.body, []
    try:
        node.walkabout(self)
        return "".join(self.body)
    finally:
        self.body = body


def _visit_latex(self, node):
    if any(LONGTABLE_START.search(raw.astext()) for raw in node.findall(nodes.raw)
           if "latex" in raw.get("format", "").split()):
        # Not a float: a longtable breaks across pages and carries its own caption row.
        caption = "".join(_rendered(self, c) for c in node.children if isinstance(c, nodes.caption))
        table = "".join(_rendered(self, c) for c in node.children if not isinstance(c, nodes.caption))
        self.body.append("\n" + LONGTABLE_START.sub(lambda m: m.group(0) + caption + "\\\\\n",
                                                    table, count=1))
        raise nodes.SkipNode
    start = len(self.body)
    self.visit_figure(node)
    self.body[start:] = [part.replace(r"\begin{figure}", r"\begin{table}") for part in self.body[start:]]
    if self.context and self.context[-1].startswith(r"\end{figure}"):
        self.context[-1] = self.context[-1].replace(r"\end{figure}", r"\end{table}")


def _depart_latex(self, node):
    self.depart_figure(node)


def copy_pdf_into_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pdf = Path(app.outdir).parent / "latex" / "book.pdf"
    if pdf.is_file():
        shutil.copyfile(pdf, Path(app.outdir) / "book.pdf")
    else:
        logger.info("policybook: %s not built yet; the site's PDF link needs `make pdf` first", pdf)


def _inside_mime_bundle(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.container) and parent.get("nb_element") == "mime_bundle":
            return True
        parent = parent.parent
    return False


def count_only_real_equations(app: Sphinx, doctree: nodes.document) -> None:
    """A page has equations only if it has math outside notebook outputs' alternative forms."""
    maths = doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))
    real = any(not _inside_mime_bundle(node) for node in maths)
    app.env.get_domain("math").data["has_equations"][app.env.docname] = real


def use_domain_words_in_search(app: Sphinx) -> None:
    """Point Sphinx's jieba-based Chinese search at a plain copy of the domain dictionary.

    The copy is rewritten only when the domain dictionary changes: making it loads jieba,
    which would take most of a second of every rebuild.
    """
    if app.builder.format != "html":
        return
    from policytext.text import segment

    source = segment.domain_dictionary_path()
    stamp = hashlib.sha256(source.read_bytes()).hexdigest() + f" jieba {jieba.__version__}"
    path = Path(app.doctreedir) / "search_domain_words.txt"
    stamp_path = path.with_suffix(".stamp")
    if not (path.is_file() and stamp_path.is_file() and stamp_path.read_text() == stamp):
        tokenizer = segment.tokenizer()
        words = [word for word, _, _ in segment.read_user_dictionary(source)]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{word} {tokenizer.FREQ[word]}\n" for word in words), encoding="utf-8")
        stamp_path.write_text(stamp)
    app.config.html_search_options = {**app.config.html_search_options, "dict": str(path)}


class LazyChineseSearch(SearchChinese):
    """Sphinx's Chinese search, loading jieba and the dictionary only when a page is indexed:
    a rebuild with nothing changed indexes no page and need not load them."""

    def init(self, options: dict[str, str]) -> None:
        self.stemmer = snowballstemmer.stemmer("english")
        self._dictionary, self._loaded = options.get("dict"), False

    def split(self, input: str) -> list[str]:
        if not self._loaded:
            super().init({"dict": self._dictionary} if self._dictionary else {})
            self._loaded = True
        return super().split(input)


def _claim_status(app: Sphinx):
    """Every registered claim evaluated once per build on the current derived tables."""
    if getattr(app, "_policytext_claims", None) is None:
        from policytext.report import claims

        app._policytext_claims = claims.evaluate(claims.read_claims()).set_index("claim_id")
    return app._policytext_claims


class ClaimDirective(SphinxDirective):
    """``{claim} id``: nothing while the claim holds, a warning admonition when it does not."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from policytext.paths import derived_dir
        from policytext.report import claims

        env = self.env
        for path in sorted(claims.claims_dir().glob("*.yml")):
            env.note_dependency(str(path))
        for table in sorted(derived_dir().glob("*.csv")):  # re-read the page when a table changes
            env.note_dependency(str(table))
        status = _claim_status(env.app)
        claim_id = self.arguments[0]
        if claim_id not in status.index:
            logger.warning(f"no claim {claim_id!r} in data/claims/", location=self.get_location())
            return []
        row = status.loc[claim_id]
        if row["holds"]:
            return []
        logger.info(f"claim {claim_id} does not hold on the current corpus: {row['values']}",
                    location=self.get_location())
        warning = nodes.warning()
        warning += nodes.paragraph(text=claims.warning_text(claim_id, row))
        return [warning]


def _corpus_status(app: Sphinx) -> tuple[bool, int]:
    """Whether the derived tables hold the seed articles, and how many documents were read."""
    if getattr(app, "_policytext_corpus", None) is None:
        from policytext import tables
        from policytext.report import readings

        documents = tables.load("documents")
        app._policytext_corpus = (readings.holds_seed_articles(documents),
                                  int((documents["status"] == "ok").sum()))
        if not app._policytext_corpus[0]:
            logger.info(f"the book is built on a corpus without the seed articles "
                        f"({app._policytext_corpus[1]} documents): every page is headed by a note")
    return app._policytext_corpus


def note_another_corpus(app: Sphinx, doctree: nodes.document) -> None:
    """Head every page with a note when the corpus is not the seed articles."""
    from policytext.paths import derived_dir

    app.env.note_dependency(str(derived_dir() / "documents.csv"))
    holds_seeds, n_documents = _corpus_status(app)
    if holds_seeds:
        return
    note = nodes.note()
    note += nodes.paragraph(text=(
        f"This book was built on a corpus of {n_documents} documents that does not hold the five "
        "seed articles. Its tables and figures are computed from that corpus, but its prose is a "
        "reading of the seed articles: a value it cannot take from this corpus is shown as "
        "\u2013, a table or figure that rests on the seed articles is marked as not "
        "available, and a registered finding whose check fails is flagged beside it."))
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        titles = [i for i, child in enumerate(section.children) if isinstance(child, nodes.title)]
        section.insert(titles[0] + 1 if titles else 0, note)
    else:
        doctree.insert(0, note)


def show_placeholders_unformatted() -> None:
    """A placeholder glued for a value another corpus cannot give (``readings.UNAVAILABLE``) is
    shown as it is where the text asks for a number format (``:d``, ``:.0f``), which myst-nb
    would otherwise fail to apply. myst-nb 1.4 imports the formatter into two modules."""
    from myst_nb.ext.glue import crossref, roles

    from policytext.report.readings import UNAVAILABLE

    def format_unless_unavailable(text: str, fmt_spec: str, _format=roles.format_plain_text) -> str:
        return UNAVAILABLE if text.strip("'\"") == UNAVAILABLE else _format(text, fmt_spec)

    roles.format_plain_text = crossref.format_plain_text = format_unless_unavailable


class BibliographyInReferencesChapter(SphinxPostTransform):
    """Move the bibliography Sphinx gathers at the end of the LaTeX document (after the
    appendix) into the chapter that holds the ``{bibliography}`` directive (References)."""

    default_priority = 751  # after sphinx.builders.latex.transforms.BibliographyTransform
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        from sphinx.builders.latex.nodes import thebibliography

        from sphinx import addnodes

        gathered = [n for n in self.document.children if isinstance(n, thebibliography)]
        start = next((n for n in self.document.findall(addnodes.start_of_file)
                      if n.get("docname") == REFERENCES_DOCUMENT), None)
        chapter = None if start is None else next(start.findall(nodes.section), None)
        if not gathered or chapter is None:
            return
        for bibliography in gathered:
            bibliography.parent.remove(bibliography)
            chapter += bibliography


class CorpusReaderDirective(SphinxDirective):
    """Every paragraph of the current corpus, by document, each under its ID as an anchor."""

    def run(self) -> list[nodes.Node]:
        from policytext import tables
        from policytext.paths import derived_dir
        from policytext.report import reader

        for name in ("paragraphs", "documents"):
            self.env.note_dependency(str(derived_dir() / f"{name}.csv"))
        shown, left_out = reader.reader_documents(tables.load("paragraphs"), tables.load("documents"))
        result: list[nodes.Node] = []
        if left_out:
            result.append(nodes.paragraph(text=(
                f"The corpus is large: {left_out:,} paragraphs of its later documents are not shown "
                "here; data/derived/paragraphs.csv holds every paragraph.")))
        for document in shown:
            result.append(nodes.rubric(text=f"{document.doc_id} {document.title}".strip()))
            details = nodes.paragraph(classes=["reader-metadata"])
            details += nodes.emphasis(text="; ".join(f"{label}: {value}" for label, value in document.metadata))
            result.append(details)
            for row in document.paragraphs.itertuples(index=False):
                label = reader.paragraph_anchor(row.para_id)
                # a target of its own: Sphinx's LaTeX writer labels targets, not paragraphs
                target = nodes.target("", "", ids=[label], names=[label])
                self.state.document.note_explicit_target(target)
                result.append(target)
                paragraph = nodes.paragraph(classes=["reader-paragraph"])
                paragraph += nodes.literal(text=row.para_id)
                paragraph += nodes.Text(f" ({row.kind}, line {row.line_no}) {row.text}")
                result.append(paragraph)
                if reader.shows_original(row.text, row.text_original):
                    original = nodes.paragraph(classes=["reader-original"])
                    original += nodes.emphasis(text="original: ")
                    original += nodes.Text(row.text_original)
                    result.append(original)
        return result


class CorpusExplorerDirective(SphinxDirective):
    """The concordance explorer: controls and empty panels that ``_static/policybook-explorer.js``
    fills from the corpus data written at build (``policytext.report.explorer``); in the PDF, the
    directive's content: where the static equivalents are."""

    has_content = True  # what the PDF says instead

    def run(self) -> list[nodes.Node]:
        # the explorer's page and the corpus reader are both in book/
        html = ('<div id="concordance-explorer" data-reader="corpus_reader.html">'
                '<form class="explorer-controls" onsubmit="return false">'
                '<label>Term <input id="explorer-term" list="explorer-terms" autocomplete="off"></label>'
                '<datalist id="explorer-terms"></datalist>'
                '<label>Document <select id="explorer-document"><option value="">all documents</option></select></label>'
                '<label>Sort lines by <select id="explorer-sort"><option value="order">corpus order</option>'
                '<option value="left">left context</option><option value="right">right context</option></select></label>'
                '</form><p id="explorer-count"></p><div id="explorer-trend"></div>'
                '<table id="explorer-lines" class="explorer-kwic"><tbody></tbody></table>'
                '<p id="explorer-note"></p></div>')
        site_only = nodes.raw("", html, format="html")
        in_print = addnodes.only(expr="latex")
        in_print += nodes.paragraph(text=" ".join(self.content).strip())
        return [site_only, in_print]


class LinkCitedParagraphs(SphinxPostTransform):
    """Make each cited paragraph or sentence ID a link to the corpus reader, where the reader
    shows that paragraph: inline code in the prose and captions, and cells of glued tables
    (raw HTML and raw LaTeX)."""

    default_priority = 20  # after references are resolved: the links are made here

    def run(self, **kwargs) -> None:
        from sphinx.util.nodes import make_refnode

        from policytext.report import reader, webfonts

        labels = self.env.get_domain("std").anonlabels
        builder, here = self.app.builder, self.env.docname
        for literal in list(self.document.findall(nodes.literal)):
            target = self._target(literal.astext(), labels)
            if target is None or isinstance(literal.parent, nodes.reference) \
                    or "reader-paragraph" in literal.parent.get("classes", []):
                continue
            literal.replace_self(make_refnode(builder, here, *target, literal.deepcopy()))
        if here != READER_DOCUMENT:
            for text in list(self.document.findall(nodes.Text)):
                if not isinstance(text.parent, (nodes.literal, nodes.reference, nodes.raw,
                                                nodes.literal_block, nodes.FixedTextElement)):
                    self._link_in_text(text, labels, builder, here)
        for raw in list(self.document.findall(nodes.raw)):
            formats = raw.get("format", "").split()
            if "html" in formats:
                text = webfonts.HTML_TEXT.sub(lambda m: reader.CITED_ID_IN_TEXT.sub(
                    lambda c: self._html_link(c[1], labels, builder, here), m[1]), raw.astext())
            elif "latex" in formats:
                text = reader.CITED_ID_IN_TEXT.sub(lambda c: self._latex_link(c[1], labels), raw.astext())
            else:
                continue
            if text != raw.astext():
                raw.replace_self(nodes.raw("", text, format=raw["format"]))

    @staticmethod
    def _target(cited: str, labels) -> tuple[str, str] | None:
        """The reader's (document, anchor) for a cited ID, if the reader shows its paragraph."""
        from policytext.report import reader

        return labels.get(reader.anchor(cited))

    @classmethod
    def _link_in_text(cls, text: nodes.Text, labels, builder, here: str) -> None:
        """Split a text node around the cited IDs it holds (a glued list of IDs, a sentence
        naming one), each ID a link set as code."""
        from sphinx.util.nodes import make_refnode

        from policytext.report import reader

        pieces, last, value = [], 0, str(text)
        for found in reader.CITED_ID_IN_TEXT.finditer(value):
            target = cls._target(found[1], labels)
            if target is None:
                continue
            pieces += [nodes.Text(value[last:found.start()]),
                       make_refnode(builder, here, *target, nodes.literal(text=found[1]))]
            last = found.end()
        if pieces:
            pieces.append(nodes.Text(value[last:]))
            text.parent.replace(text, [piece for piece in pieces if not isinstance(piece, nodes.Text) or str(piece)])

    @classmethod
    def _html_link(cls, cited: str, labels, builder, here: str) -> str:
        target = cls._target(cited, labels)
        if target is None:
            return cited
        uri = builder.get_relative_uri(here, target[0]) + "#" + target[1]
        return f'<a class="reference internal" href="{uri}">{cited}</a>'

    @classmethod
    def _latex_link(cls, cited: str, labels) -> str:
        target = cls._target(cited, labels)
        return cited if target is None else rf"\hyperref[\detokenize{{{target[0]}:{target[1]}}}]{{{cited}}}"


class cjk_text(nodes.inline):
    """A run of Chinese text with its language tag (``lang``), for the site."""


def _visit_cjk_html(self, node: cjk_text) -> None:
    self.body.append(f'<span lang="{node["lang"]}">')


def _depart_cjk_html(self, node: cjk_text) -> None:
    self.body.append("</span>")


class TagChineseRuns(SphinxPostTransform):
    """In the site, put each run of Chinese text (in the prose and in glued HTML tables) in a
    span with its language tag, so that browsers, screen readers and the CSS know it."""

    default_priority = 30  # after the links made at 20
    formats = ("html",)

    def run(self, **kwargs) -> None:
        from policytext.report import webfonts

        for text in list(self.document.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.raw, nodes.FixedTextElement, cjk_text)) \
                    or not webfonts.CJK_RUN.search(str(text)):
                continue
            pieces = [nodes.Text(piece) if lang is None else cjk_text(piece, piece, lang=lang)
                      for piece, lang in webfonts.tagged_runs(str(text))]
            text.parent.replace(text, pieces)
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split() and webfonts.CJK_RUN.search(raw.astext()):
                raw.replace_self(nodes.raw("", webfonts.tag_html_text(raw.astext()), format=raw["format"]))


def serve_cjk_fonts(app: Sphinx, exception) -> None:
    """Subset the CJK fonts to the characters of the written pages, into ``_static/fonts/``,
    and write the CSS that uses them."""
    from policytext.report import webfonts

    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    pages = "".join(page.read_text(encoding="utf-8") for page in sorted(Path(app.outdir).rglob("*.html")))
    tagged = {lang: "".join(re.findall(rf'<span lang="{lang}">([^<]*)</span>', pages))
              for lang in webfonts.FACES}
    for lang, text in tagged.items():
        characters = "".join(sorted(set(text)))
        if characters and not webfonts.subset_font(characters, lang, static / "fonts" / webfonts.FONT_FILES[lang]):
            logger.info("policybook: %s is not installed; Chinese falls back to the reader's fonts",
                        webfonts.NOTO_CJK)
    (static / "policybook-cjk.css").write_text(webfonts.font_css(), encoding="utf-8")


def serve_explorer_assets(app: Sphinx, exception) -> None:
    """Write DataTables and Vega into ``_static`` for the interactive tables and charts, and the
    data of the concordance explorer for the corpus the book was built on (``policytext.report.site_assets``)."""
    import pandas as pd

    from policytext import tables
    from policytext.paths import derived_dir
    from policytext.report import site_assets

    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        site_assets.write_site_files(static)
        site_assets.write_vega_bundle(static)
        # a corpus without analysable text has no term table: the explorer offers no suggestions
        terms = (tables.load("term_frequencies") if (derived_dir() / "term_frequencies.csv").exists()
                 else pd.DataFrame({"term": [], "freq": []}))
        site_assets.write_corpus_data(static, tables.load("paragraphs"), tables.load("documents"), terms)


#: The theme's Font Awesome script (1.5 MB on every page): it only redraws as SVG the icons that
#: the theme's stylesheet already draws with Font Awesome's web fonts.
ICON_SCRIPT = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js(?:\?digest=[0-9a-f]+)?"></script>\n?')


def drop_icon_script(app: Sphinx, exception) -> None:
    """Take the theme's Font Awesome script out of every page of the site (the icons stay: the
    stylesheet draws them), so that a page does not carry 1.5 MB of script it does not need."""
    if exception is not None or app.builder.format != "html":
        return
    for page in sorted(Path(app.outdir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        lighter = ICON_SCRIPT.sub("", text)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


DERIVED_TABLE = re.compile(r"^data/derived/([\w.-]+\.csv)$")


class LinkDerivedTables(SphinxPostTransform):
    """In the site, make each ``data/derived/<table>.csv`` the book names a link to a copy of
    that table (copied into ``_static/data/`` when the build finishes)."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs) -> None:
        import posixpath

        from policytext.paths import derived_dir

        here = self.env.docname
        for literal in list(self.document.findall(nodes.literal)):
            found = DERIVED_TABLE.match(literal.astext())
            if not found or not (derived_dir() / found[1]).is_file() \
                    or isinstance(literal.parent, nodes.reference):
                continue
            linked_tables(self.app).add(found[1])
            uri = posixpath.relpath(f"_static/data/{found[1]}", posixpath.dirname(here) or ".")
            reference = nodes.reference("", "", internal=False, refuri=uri, classes=["derived-table"])
            reference += literal.deepcopy()
            literal.replace_self(reference)


def linked_tables(app: Sphinx) -> set[str]:
    """The derived tables the pages link to (filled while the pages are written)."""
    if not hasattr(app, "policybook_tables"):
        app.policybook_tables = set()
    return app.policybook_tables


def copy_linked_tables(app: Sphinx, exception) -> None:
    """Copy the derived tables the site links to into ``_static/data/``."""
    from policytext.paths import derived_dir

    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "data"
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(linked_tables(app)):
        shutil.copyfile(derived_dir() / name, target / name)


#: The document of the References chapter, and of the corpus reader.
REFERENCES_DOCUMENT = "book/references"
READER_DOCUMENT = "book/corpus_reader"


CORPUS_PLACEHOLDER = "POLICYBOOK-CORPUS"


def describe_corpus_on_title_page(app: Sphinx, config) -> None:
    """Put the corpus's articles and date range on the PDF's title page."""
    from policytext.report.readings import corpus_description

    title_page = config.latex_elements.get("maketitle", "")
    if CORPUS_PLACEHOLDER not in title_page:
        return
    try:
        corpus = corpus_description()
    except FileNotFoundError:
        corpus = "the articles of its corpus"
    config.latex_elements["maketitle"] = title_page.replace(CORPUS_PLACEHOLDER, corpus)


def setup(app: Sphinx) -> dict:
    show_placeholders_unformatted()
    app.add_directive("claim", ClaimDirective)
    app.add_enumerable_node(TableFigure, "table",
                            html=(_visit_html, None),  # the visit writes the whole figure
                            latex=(_visit_latex, _depart_latex),
                            text=(lambda self, node: self.visit_figure(node),
                                  lambda self, node: self.depart_figure(node)))
    app.add_transform(NumberGluedTablesAsTables)
    app.add_transform(LatexTablesAsRawLatex)
    app.add_post_transform(RemoveCodeFromPdf)
    app.add_post_transform(BibliographyInReferencesChapter)
    app.add_directive("corpus-reader", CorpusReaderDirective)
    app.add_directive("corpus-explorer", CorpusExplorerDirective)
    app.add_post_transform(LinkCitedParagraphs)
    app.add_post_transform(LinkDerivedTables)
    app.add_node(cjk_text, html=(_visit_cjk_html, _depart_cjk_html))
    app.add_post_transform(TagChineseRuns)
    app.add_css_file("policybook-cjk.css")
    app.connect("build-finished", serve_cjk_fonts)
    app.connect("build-finished", serve_explorer_assets)
    app.connect("build-finished", copy_linked_tables)
    app.add_search_language(LazyChineseSearch)
    app.connect("builder-inited", use_domain_words_in_search)
    app.connect("config-inited", describe_corpus_on_title_page)
    app.connect("doctree-read", count_only_real_equations)
    app.connect("doctree-read", note_another_corpus)
    app.connect("build-finished", copy_pdf_into_site)
    app.connect("build-finished", drop_icon_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
