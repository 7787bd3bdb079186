"""The project's paths: the cache's files are made once and whole."""
import pytest

from policytext.paths import cached_file


def test_a_cached_file_is_made_once_and_whole(tmp_path):
    made = []

    def write(partial):
        made.append(partial)
        partial.write_text("bundle", encoding="utf-8")

    target = tmp_path / "cache" / "vega" / "bundle.js"
    assert cached_file(target, write).read_text(encoding="utf-8") == "bundle"
    assert cached_file(target, write) == target and len(made) == 1
    assert made[0] != target and not made[0].exists()  # written under another name, then moved


def test_a_cached_file_whose_making_fails_is_not_left_behind(tmp_path):
    def fail(partial):
        partial.write_text("half", encoding="utf-8")
        raise RuntimeError("cut short")

    target = tmp_path / "font.woff2"
    with pytest.raises(RuntimeError, match="cut short"):
        cached_file(target, fail)
    assert not target.exists()
