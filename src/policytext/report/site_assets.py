"""The files the site needs beside its pages, written into ``_static`` once the HTML is built.

DataTables (for :class:`policytext.report.explorer.InteractiveTable`) comes from the PyPI package
``itables`` (its ``dt_bundle.js``, DataTables and jQuery as one ES module). A module file cannot be
imported from a ``file://`` page, so the build writes it into :data:`LOADER` as a classic script
holding the module's text, which imports it from a blob URL (as itables' own offline mode does):
the site works offline, from ``file://`` or any host. Vega (for
:class:`policytext.report.explorer.InteractiveChart`) is one script bundled by ``vl-convert``, and
the concordance explorer reads the corpus the book was built on from :data:`CORPUS_DATA`.

This module imports nothing of the chapters' machinery (labels, themes, statistics), so that a
site build with nothing changed stays quick.
"""
from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pandas as pd

from policytext.paths import cache_dir, cached_file

#: Files of DataTables written into the site's ``_static`` folder.
LOADER = "datatables-offline.js"
STYLESHEET = "datatables.css"


def bundle_files() -> tuple[Path, Path]:
    """DataTables as shipped in the ``itables`` wheel: its ES module bundle and stylesheet."""
    folder = files("itables") / "html"
    script, style = Path(str(folder / "dt_bundle.js")), Path(str(folder / "dt_bundle.css"))
    if not script.is_file() or not style.is_file():
        raise FileNotFoundError(f"itables ships no dt_bundle.js/.css in {folder}; reinstall requirements.txt")
    return script, style


def loader_script(bundle: Path) -> str:
    """A classic script that imports the ES module ``bundle`` from a blob URL and leaves the
    promise of the module in ``window.policybookDataTables``."""
    # the module's text as a string literal (not base64, which would weigh a third more and
    # compress worse), written as UTF-8
    text = json.dumps(bundle.read_text(encoding="utf-8"), ensure_ascii=False)
    return ("// DataTables (itables' dt_bundle.js), imported from a blob URL so that it loads from file://\n"
            "(function () {\n"
            f"  const text = {text};\n"
            '  const url = URL.createObjectURL(new Blob([text], {type: "text/javascript"}));\n'
            "  window.policybookDataTables = import(url);\n"
            "})();\n")


def write_site_files(static: Path) -> list[Path]:
    """Write :data:`LOADER` and :data:`STYLESHEET` into the site's ``static`` folder."""
    script, style = bundle_files()
    static.mkdir(parents=True, exist_ok=True)
    loader, sheet = static / LOADER, static / STYLESHEET
    loader.write_text(loader_script(script), encoding="utf-8")
    sheet.write_text(style.read_text(encoding="utf-8"), encoding="utf-8")
    return [loader, sheet]


# ---------------------------------------------------------------- the concordance explorer

#: The explorer's data, written into the site's ``_static`` folder at build time.
CORPUS_DATA = "corpus-data.js"
#: Characters of text the explorer carries at most (a page must stay light): a larger corpus
#: is explored in its first documents, and the page says how many were left out.
MAX_CHARACTERS = 1_000_000
#: Terms offered as suggestions, the most frequent first.
SUGGESTED_TERMS = 200


def corpus_data(paragraphs: pd.DataFrame, documents: pd.DataFrame, terms: pd.DataFrame,
                max_characters: int = MAX_CHARACTERS) -> dict:
    """What the explorer needs, compact: the documents (ID, title, date, characters) in ID order,
    their paragraphs (document index, paragraph ID, text) in order, the most frequent terms, and
    how many documents were left out to stay under ``max_characters``."""
    own = {doc_id: frame.sort_values("para_no") for doc_id, frame in paragraphs.groupby("doc_id")}
    kept, rows, used, left_out = [], [], 0, 0
    for row in documents[documents["doc_id"].isin(own)].sort_values("doc_id").itertuples(index=False):
        texts = own[row.doc_id]
        size = int(texts["text"].str.len().sum())
        if left_out or (kept and used + size > max_characters):
            left_out += 1
            continue
        used += size
        rows += [[len(kept), para_id, text] for para_id, text in zip(texts["para_id"], texts["text"])]
        date = "" if pd.isna(row.date) else str(row.date)
        kept.append([row.doc_id, str(row.title).strip(), date, size])
    suggested = terms.sort_values(["freq", "term"], ascending=[False, True])["term"].head(SUGGESTED_TERMS)
    return {"documents": kept, "paragraphs": rows, "terms": suggested.tolist(), "left_out": left_out}


def corpus_script(data: dict) -> str:
    """The explorer's data as a classic script (a page opened from ``file://`` cannot fetch JSON)."""
    return "window.policybookCorpus = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def write_corpus_data(static: Path, paragraphs: pd.DataFrame, documents: pd.DataFrame,
                      terms: pd.DataFrame) -> Path:
    """Write :data:`CORPUS_DATA` for the corpus the book was built on into ``static``."""
    static.mkdir(parents=True, exist_ok=True)
    path = static / CORPUS_DATA
    path.write_text(corpus_script(corpus_data(paragraphs, documents, terms)), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the charts' script

VEGA_BUNDLE = "vega-bundle.js"
#: Raise when the way :func:`write_vega_bundle` wraps the bundle changes: cached copies are per version.
VEGA_WRAPPER_VERSION = 1


def write_vega_bundle(static: Path, cache: Path | None = None) -> Path:
    """Write Vega, Vega-Lite and vega-embed (one classic script from ``vl-convert``, which bundles
    the versions Altair targets) into ``static``. Bundling takes seconds, so the script is kept
    in ``cache`` (default: the project's cache folder) per version of vl-convert and of the
    wrapper below, and copied from there."""
    from importlib import metadata

    static.mkdir(parents=True, exist_ok=True)
    path = static / VEGA_BUNDLE
    folder = cache_dir() / "vega" if cache is None else Path(cache)
    cached = folder / f"{metadata.version('vl-convert-python')}-{VEGA_WRAPPER_VERSION}-{VEGA_BUNDLE}"

    def bundle(partial: Path) -> None:
        import vl_convert

        # in a function of its own: the bundle's top-level names (``_``, ``n``...) would clash
        # with the page's other scripts, which share the global scope of classic scripts
        partial.write_text("(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n", encoding="utf-8")

    shutil.copyfile(cached_file(cached, bundle), path)
    return path
