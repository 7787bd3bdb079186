"""Progress bars: drawn on a terminal (or when asked), never in logs, CI or notebooks."""
import pytest

from policytext import progress
from policytext.corpus.build import build_tables


def test_no_bar_when_standard_error_is_not_a_terminal(monkeypatch, capsys, seeds_dir):
    monkeypatch.delenv("POLICYTEXT_PROGRESS", raising=False)
    assert not progress.shown()  # pytest captures standard error: not a terminal
    build_tables(seeds_dir)
    assert capsys.readouterr().err == ""


def test_a_bar_counts_the_documents_when_shown(monkeypatch, capsys, seeds_dir):
    monkeypatch.setenv("POLICYTEXT_PROGRESS", "1")
    tables = build_tables(seeds_dir)
    err = capsys.readouterr().err
    assert "read and clean" in err and f"{len(tables.documents)}/{len(tables.documents)}" in err


@pytest.mark.parametrize("setting, tty, expected", [("0", True, False), ("1", False, True), ("", True, True)])
def test_the_setting_overrides_the_terminal(monkeypatch, setting, tty, expected):
    monkeypatch.setenv("POLICYTEXT_PROGRESS", setting)
    monkeypatch.setattr("sys.stderr.isatty", lambda: tty)
    assert progress.shown() is expected


def test_items_pass_through_unchanged(monkeypatch):
    for setting in ("0", "1"):
        monkeypatch.setenv("POLICYTEXT_PROGRESS", setting)
        assert list(progress.progress(iter(range(5)), "count")) == [0, 1, 2, 3, 4]
