"""Shared fixtures: the project's own seed corpus."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_tables(seeds_dir):
    from policytext.corpus import build_tables

    return build_tables(seeds_dir, ROOT / "data" / "metadata.csv", ROOT / "data" / "corrections.csv")
