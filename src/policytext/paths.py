"""Where the project's folders are, found from any working directory inside it."""
from __future__ import annotations

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
