"""The project's seeds/ is an unchanged copy of the shared originals."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_every_shared_seed_is_in_seeds_unchanged():
    originals = sorted(SHARED.iterdir())
    assert originals
    for original in originals:
        copy = ROOT / "seeds" / original.name
        assert copy.exists(), f"{original.name} missing from seeds/"
        assert copy.read_bytes() == original.read_bytes(), f"seeds/{original.name} differs from the original"
