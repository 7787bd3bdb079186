"""Where the project's folders are, found from any working directory inside it."""
from __future__ import annotations

import os
from pathlib import Path


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd, then this package's own
    checkout) holding ``_config.yml`` and ``src/policytext``."""
    starts = [Path(start)] if start else [Path.cwd(), Path(__file__).parent]
    for here in (s.resolve() for s in starts):
        for folder in (here, *here.parents):
            if (folder / "_config.yml").exists() and (folder / "src" / "policytext").is_dir():
                return folder
    raise FileNotFoundError(f"no project root (a folder with _config.yml) above {starts[0]}")


def derived_dir(start: Path | None = None) -> Path:
    """``data/derived`` of the project."""
    return project_root(start) / "data" / "derived"


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
