"""The whole book built from a copy of the project with a hostile article added to its seeds:
the article's markup must reach the pages as text, never as code, and the PDF must still build.

Slow (minutes: pipeline, every notebook of ``_toc.yml``, HTML and PDF); deselect with
``-m "not slow"``.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from policytext.paths import cache_dir

from conftest import missing_system_package
from test_bad_inputs import HOSTILE_ARTICLE

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
JBFLAGS = ["-W", "-n", "--keep-going"]
#: Marks the hostile article's payloads: none may be live in the HTML.
PAYLOAD = "alert("
HAN = re.compile(r"[\u4e00-\u9fff]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

pytestmark = pytest.mark.slow


def project_files(root: Path = ROOT) -> list[Path]:
    """The files of the working tree git would see: tracked and untracked, minus ignored ones."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    return [Path(name) for name in sorted(set(listed.split("\0"))) if name and (root / name).is_file()]


def toc_files(toc: Path) -> list[str]:
    """Every ``root`` and ``file`` entry of a Jupyter Book ``_toc.yml``, in order."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    found.append(str(node[key]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(toc.read_text(encoding="utf-8")))
    return found


def offline_prefix() -> list[str]:
    """A command prefix that blocks the network but keeps loopback up (the Jupyter kernel talks
    to its client over it), where network namespaces are permitted; else no prefix."""
    if shutil.which("unshare") and shutil.which("ip"):
        prefix = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "offline"]
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return []


def _run(command: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    # The copy shares the project's fonts and matplotlib state instead of making them anew.
    env = {**os.environ, "PYTHONPATH": str(cwd / "src"), "PYTHONHASHSEED": "0",
           "POLICYTEXT_CACHE_DIR": str(cache_dir())}
    result = subprocess.run([*offline_prefix(), *command], cwd=cwd, env=env, capture_output=True, text=True)
    if check:
        assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return result


def copy_project(copy: Path) -> Path:
    """A copy of the project's working tree (what git would see) at ``copy``."""
    for name in project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy


def execute_chapters(copy: Path) -> dict[str, str]:
    """Execute every notebook of the copy's ``_toc.yml``; notebook -> the last lines of its error,
    for those that failed (they keep their committed outputs)."""
    failed = {}
    for entry in toc_files(copy / "_toc.yml"):
        if (copy / f"{entry}.ipynb").is_file():
            result = _run([str(BIN / "python"), "scripts/execute_notebooks.py", f"{entry}.ipynb"], copy, check=False)
            if result.returncode:
                failed[entry] = "\n".join(ANSI.sub("", result.stderr).strip().splitlines()[-3:])
    return failed


@dataclass
class HostileBuild:
    project: Path
    #: notebook -> the last lines of its error, for chapters that failed to execute
    failed_notebooks: dict[str, str]


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> HostileBuild:
    """A copy of the project with the hostile article as a new seed: tables, notebooks and HTML
    built as ``make html`` does, with the network blocked (the PDF is built by its own test).
    A chapter that fails to execute keeps its committed outputs and is reported."""
    copy = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    numbers = [int(p.name.split("_")[0]) for p in (copy / "seeds").glob("[0-9]*_*")]
    (copy / "seeds" / f"{max(numbers) + 1:03d}_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    python = str(BIN / "python")
    _run([python, "-m", "policytext", "build", "--corpus", "seeds", "--out", "data/derived"], copy)
    failed = execute_chapters(copy)
    _run([str(BIN / "jupyter-book"), "build", ".", "--builder", "html", *JBFLAGS], copy)
    return HostileBuild(copy, failed)


def test_every_chapter_executes_with_the_article_added(hostile_book):
    assert hostile_book.failed_notebooks == {}


def test_the_hostile_article_is_read_as_an_article(hostile_book):
    documents = (hostile_book.project / "data" / "derived" / "documents.csv").read_text(encoding="utf-8")
    row = next(line for line in documents.splitlines() if "_hostile.txt" in line)
    assert ",ok," in row


def test_the_pages_show_the_article_as_text_and_run_none_of_it(hostile_book):
    site = hostile_book.project / "_build" / "html"
    pages = sorted(page for page in site.rglob("*.html") if "_static" not in page.relative_to(site).parts)
    assert pages
    shown = []
    for page in pages:
        tree = lxml_html.parse(str(page))
        where = page.relative_to(site)
        for script in tree.iter("script"):
            # Sphinx's and the theme's scripts: files of the site, or inline settings without
            # Chinese text. Article text in a script would bring its Han characters.
            assert PAYLOAD not in (script.text or "") and not HAN.search(script.text or ""), (
                f"{where}: script with article text: {script.text[:200]}")
            source = script.get("src")
            local = source and (page.parent / source.split("?")[0]).resolve()
            assert source is None or source.startswith("https://") or local.is_relative_to(site) and local.is_file(), (
                where, source)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                assert not (name.lower().startswith("on") and PAYLOAD in value), f"{where}: {name}={value}"
                assert name.lower() not in ("onerror", "onmouseover"), f"{where}: {name}={value}"
                assert not value.strip().lower().startswith("javascript:"), f"{where}: {name}={value}"
            assert element.tag not in ("iframe", "img") or element.get("src") != "x", f"{where}: {element.tag}"
        shown += [text for text in tree.xpath("//text()") if "<script>alert(1)</script>" in text]
    assert shown, "the hostile title should appear (as text) in the corpus chapter"


def test_the_pdf_builds_and_sets_the_markup_as_text(hostile_book):
    if not shutil.which("xelatex"):
        message = "the PDF needs xelatex (Debian packages; make system-deps installs them)"
        missing_system_package(message)
    _run([str(BIN / "jupyter-book"), "build", ".", "--builder", "pdflatex", *JBFLAGS], hostile_book.project)
    pdf = hostile_book.project / "_build" / "latex" / "book.pdf"
    assert pdf.stat().st_size > 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # The title's LaTeX specials are typeset as characters (the table cell may be shortened,
    # and may wrap after the underscore).
    assert "<script>alert(1)</script>%&#_{}\\input{/et" in "".join(text.split())
    assert "root:x:0:0" not in text  # \input{/etc/passwd} was not executed
