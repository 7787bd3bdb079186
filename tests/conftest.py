"""Shared fixtures: the project's own seed corpus, and the book built into a temporary folder."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# nbval's kernels and the book builds inherit it: matplotlib's state is the project's own,
# also when pytest is run directly rather than through make.
os.environ.setdefault("MPLCONFIGDIR", str(ROOT / ".cache" / "matplotlib"))


def missing_system_package(message: str) -> None:
    """Skip a test whose Debian package is absent (``make test`` without root works), except in
    CI, which installs them all: there it fails."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_tables(seeds_dir):
    from policytext.corpus.build import build_tables

    return build_tables(seeds_dir, ROOT / "data" / "metadata.csv", ROOT / "data" / "corrections.csv")


@pytest.fixture(scope="session")
def build_book(tmp_path_factory):
    """Build the book from the committed notebooks with a builder (``html``, ``latex``) into a
    temporary folder, with warnings as errors; returns the output folder (``_build/<builder>``)."""
    def build(builder: str) -> Path:
        out = tmp_path_factory.mktemp(builder)
        result = subprocess.run(
            [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--builder", builder,
             "--path-output", str(out), "-W", "-n", "--keep-going"],
            cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return out / "_build" / builder

    return build


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's), driven by Playwright."""
    if not CHROMIUM:
        message = "chromium is needed (Debian package 'chromium'; make system-deps installs it)"
        missing_system_package(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_offline(browser, page_file: Path):
    """A page opened from its file (no server), with the list of requests that left the machine."""
    page = browser.new_page()
    remote = []
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "blob:", "data:")) else None)
    page.goto(page_file.as_uri())
    return page, remote
