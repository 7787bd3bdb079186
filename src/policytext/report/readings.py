"""Chapters built on another corpus: their readings of the seed articles give way, the build does not.

The chapters do two things: they compute tables and figures from whatever corpus the book is
built on, and their prose reads the five seed articles closely (article 000's learners, the
Shenzhen-Zhongshan edge, a saying in paragraph ``000:52``). On a corpus that does not hold the
seed articles those readings have nothing to look up. So, on such a corpus only,
:func:`tolerate_missing_readings` (called by ``chapter.setup()``) makes the kernel run each
statement of a cell on its own: a statement that raises is skipped and recorded, and the
statements after it still run. :func:`finish`, the last cell of a chapter, then glues a
placeholder (:data:`UNAVAILABLE`) for every value the chapter's text pastes that no statement
could glue, so the page builds and shows the gap. The book's Sphinx extension heads each such
chapter with a note saying which corpus it was built on.

On the seed corpus (the seeds, with or without added articles) nothing changes: a failing
statement stops the build, as it must.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from policytext import tables
from policytext.corpus.metadata import read_curated
from policytext.paths import curation_path, project_root

#: What the page shows for a value the corpus cannot give, whatever format the text asks for
#: (the book's Sphinx extension shows it as it is where a number format is asked).
UNAVAILABLE = "–"
#: Shown in place of a glued figure or table the corpus cannot give.
UNAVAILABLE_FIGURE = "*Not available for this corpus: it rests on the seed articles.*"
#: ``{glue:text}`key:fmt```, ``{glue}`key``` and ``{glue:figure} key`` in a chapter's Markdown.
GLUE_REFERENCE = re.compile(r"\{glue(?::(?P<role>text|md|any))?\}`(?P<key>[^`]+)`|"
                            r"\{glue:figure\}\s+(?P<figure>[^\s`]+)")
#: Name under which the kernel holds the chapter's :class:`Readings`.
STATE = "__policytext_readings"


def seed_files(path: Path | None = None) -> set[str]:
    """File names of the seed articles, as the curated metadata (``data/metadata.csv``) lists them."""
    return {file_name for _, file_name in read_curated(curation_path("metadata.csv") if path is None else path)}


def holds_seed_articles(documents: pd.DataFrame | None = None) -> bool:
    """Whether every seed article is among the corpus's read documents (status ``ok``)."""
    documents = tables.load("documents") if documents is None else documents
    read = set(documents.loc[documents["status"] == "ok", "file_name"])
    return seed_files() <= read


@dataclass
class Readings:
    """What a chapter's kernel glued and what it had to skip."""

    glued: set[str] = field(default_factory=set)
    #: ``(line in the cell, error)`` of each skipped statement, in order
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def skip(self, line: int, error: BaseException) -> None:
        self.skipped.append((line, f"{type(error).__name__}: {error}"))


class SkipFailingStatements(ast.NodeTransformer):
    """Wrap every statement of a cell (and of the loops and branches in it) in ``try``: a
    statement that raises is recorded in the kernel's :class:`Readings` and skipped. A cell's
    last expression is still displayed when it can be computed."""

    KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
            ast.Global, ast.Nonlocal, ast.Pass)

    def visit_Module(self, module: ast.Module) -> ast.Module:
        body = module.body
        last = body.pop() if body and isinstance(body[-1], ast.Expr) else None
        module.body = self._guarded(body)
        if last is not None:  # shown value: None (nothing shown) if it cannot be computed
            shown = "__policytext_shown"
            module.body += [ast.Assign([ast.Name(shown, ast.Store())], ast.Constant(None)),
                            self._guard(ast.Assign([ast.Name(shown, ast.Store())], last.value), last),
                            ast.Expr(ast.Name(shown, ast.Load()))]
        return ast.fix_missing_locations(module)

    def _guarded(self, statements: list[ast.stmt]) -> list[ast.stmt]:
        result = []
        for statement in statements:
            if isinstance(statement, self.KEEP):
                result.append(statement)
                continue
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(statement, name, None)
                if inner and not isinstance(statement, ast.Try):
                    setattr(statement, name, self._guarded(inner))
            result.append(self._guard(statement, statement))
        return result

    @staticmethod
    def _guard(statement: ast.stmt, origin: ast.stmt) -> ast.Try:
        record = ast.parse(f"{STATE}.skip({origin.lineno}, __policytext_error)").body
        handler = ast.ExceptHandler(ast.Name("Exception", ast.Load()), "__policytext_error", record)
        return ast.copy_location(ast.Try([statement], [handler], [], []), origin)


def tolerate_missing_readings(shell) -> Readings:
    """Make ``shell`` (an IPython shell) skip failing statements and track the glued names."""
    readings = Readings()
    shell.user_ns[STATE] = readings
    if not any(isinstance(t, SkipFailingStatements) for t in shell.ast_transformers):
        shell.ast_transformers.append(SkipFailingStatements())
    publish = shell.display_pub.publish

    def publish_and_track(data, metadata=None, *args, **kwargs):
        name = ((metadata or {}).get("scrapbook") or {}).get("name")
        if name:
            readings.glued.add(name)
        return publish(data, metadata, *args, **kwargs)

    shell.display_pub.publish = publish_and_track
    return readings


def glue_references(pages: dict[str, str], notebook: str) -> dict[str, str]:
    """The names of ``notebook``'s glued values that the book's pages paste, each with how it
    is shown: ``figure`` or ``text``. ``pages`` maps each page's name (file stem) to its
    Markdown; the notebook's own page names a value bare, other pages as
    ``../notebooks/<notebook>.ipynb::name``."""
    found: dict[str, str] = {}
    for page_name, markdown in pages.items():
        for match in GLUE_REFERENCE.finditer(markdown):
            reference = match["figure"] or match["key"]
            page, _, name = reference.rpartition("::")
            if (Path(page).stem if page else page_name) != notebook:
                continue
            if match["figure"]:
                found[name] = "figure"
            else:
                found.setdefault(name.partition(":")[0], "text")
    return found


def book_pages(root: Path | None = None) -> dict[str, str]:
    """The Markdown of every page of the book by its file stem: ``book/*.md`` and the
    notebooks' Markdown cells."""
    import nbformat

    root = project_root() if root is None else root
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "book").glob("*.md"))}
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        pages[path.stem] = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    return pages


def placeholder(kind: str):
    """What is glued for a missing value of ``kind`` (see :func:`glue_references`)."""
    from IPython.display import Markdown

    return Markdown(UNAVAILABLE_FIGURE) if kind == "figure" else UNAVAILABLE


def finish(notebook: str) -> list[str]:
    """Last cell of a chapter: on a corpus without the seed articles, glue a placeholder for
    every value the chapter's text pastes that was not glued; return their names."""
    from IPython import get_ipython
    from myst_nb import glue

    shell = get_ipython()
    readings = shell.user_ns.get(STATE) if shell is not None else None
    if readings is None:  # the seed corpus: every value was glued, or the build has stopped
        return []
    references = glue_references(book_pages(), notebook)
    missing = {name: kind for name, kind in references.items() if name not in readings.glued}
    for name, kind in sorted(missing.items()):
        glue(name, placeholder(kind), display=False)
    return sorted(missing)


def corpus_description(documents: pd.DataFrame | None = None) -> str:
    """The corpus in a phrase for the title page: its read documents and the span of their
    dates ("5 articles dated 18 November 2021 to 30 October 2024 (3 of the dates inferred)";
    "6 articles, 5 dated ...")."""
    documents = tables.load("documents") if documents is None else documents
    read = documents[documents["status"] == "ok"]
    count = f"{len(read):,} article{'s' if len(read) != 1 else ''}"
    dates = sorted(d for d in read["date"].astype(str) if d[:4].isdigit())
    if not dates:
        return f"{count}, undated"
    dated = "dated" if len(dates) == len(read) else f"{len(dates):,} dated"
    joiner = " " if len(dates) == len(read) else ", "
    span = f"{count}{joiner}{dated} {_as_written(dates[0])} to {_as_written(dates[-1])}"
    # a date the text does not state in full (its year read from the context or the metadata)
    inferred = int((read.get("date_provenance", pd.Series(dtype=str)) == "inferred").sum())
    return f"{span} ({inferred:,} of the dates inferred)" if inferred else span


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def _as_written(iso: str) -> str:
    """An ISO date as precise as it is, in English whatever the locale: 2023-08-08 -> 8 August
    2023, 2023-08 -> August 2023, 2023 -> 2023."""
    parts = iso[:10].split("-")
    if len(parts) >= 2 and parts[1].isdigit():
        month = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
        return f"{int(parts[2])} {month}" if len(parts) == 3 and parts[2].isdigit() else month
    return parts[0]
