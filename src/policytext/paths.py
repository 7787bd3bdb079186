"""Every path the project reads or writes, in one place, found from any working directory inside it.

``data/`` holds the curated inputs, each kind in a folder named for what it is: ``lexicons/``
(word lists and theme dictionaries), ``codebooks/`` (coding schemes), ``gazetteer/``,
``annotations/`` (hand labels and gold sets, with their guidelines), plus the corpus curation
files (``metadata.csv``, ``corrections.csv``) and the glossary; ``data/derived/`` holds what
the pipeline makes from them.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Callable


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd, then this package's own
    checkout) holding ``_config.yml`` and ``src/policytext``."""
    starts = [Path(start)] if start else [Path.cwd(), Path(__file__).parent]
    for here in (s.resolve() for s in starts):
        for folder in (here, *here.parents):
            if (folder / "_config.yml").exists() and (folder / "src" / "policytext").is_dir():
                return folder
    raise FileNotFoundError(f"no project root (a folder with _config.yml) above {starts[0]}")


def data_dir(start: Path | None = None) -> Path:
    """``data/`` of the project: the curated inputs."""
    return project_root(start) / "data"


def derived_dir(start: Path | None = None) -> Path:
    """``data/derived``: the tables the pipeline makes."""
    return data_dir(start) / "derived"


def lexicon_path(name: str) -> Path:
    """A word list in ``data/lexicons`` (``domain_words.txt``, ``stopwords_policy.txt``, ...)."""
    return data_dir() / "lexicons" / name


def themes_dir() -> Path:
    """``data/lexicons/themes``: one YAML theme dictionary per theme."""
    return data_dir() / "lexicons" / "themes"


def codebook_path(name: str) -> Path:
    """A coding scheme in ``data/codebooks`` (``learning_codes.yml``, ``talent_instruments.yml``)."""
    return data_dir() / "codebooks" / name


def gazetteer_path() -> Path:
    """``data/gazetteer/places.csv``: the places and institutions with their surface forms."""
    return data_dir() / "gazetteer" / "places.csv"


def talent_platforms_path() -> Path:
    """``data/gazetteer/talent_platforms.txt``: the gazetteer entries that are Zhongshan's talent
    platforms, research institutes and firms named in the regional-integration chapter."""
    return data_dir() / "gazetteer" / "talent_platforms.txt"


def annotation_path(name: str) -> Path:
    """Hand labels or a gold set in ``data/annotations`` (``theme_labels.csv``, ...)."""
    return data_dir() / "annotations" / name


def reference_dir() -> Path:
    """Reference corpora the seed articles are compared with (``data/reference/``)."""
    return data_dir() / "reference"


def curation_path(name: str) -> Path:
    """A corpus curation file or the glossary: ``metadata.csv``, ``corrections.csv``, ``glossary.csv``."""
    return data_dir() / name


def bench_results_path() -> Path:
    """``bench/results.json``: the latest benchmark run, read by appendix A1."""
    return project_root() / "bench" / "results.json"


def cache_dir(start: Path | None = None) -> Path:
    """Machine-local state the project makes for itself (matplotlib's config and font list,
    font instances): ``$POLICYTEXT_CACHE_DIR`` if set, else ``.cache/`` in the project
    (git-ignored), or ``~/.cache/policytext`` when the package is used outside a checkout."""
    if os.environ.get("POLICYTEXT_CACHE_DIR"):
        return Path(os.environ["POLICYTEXT_CACHE_DIR"])
    try:
        return project_root(start) / ".cache"
    except FileNotFoundError:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / "policytext"


def cached_file(path: Path, write: Callable[[Path], object]) -> Path:
    """``path``, a file of a cache folder, made first if it is missing: ``write`` writes it under a
    per-process temporary name, which then replaces ``path`` whole, so a build cut short leaves
    no half file; processes that need it at once wait on a lock in the folder instead of each
    making it."""
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.is_file():
            partial = path.with_suffix(f".{os.getpid()}.part")
            write(partial)
            os.replace(partial, path)
    return path
