"""Figures depend only on the project's fonts: Noto Sans SC regular and bold from PyPI."""
from __future__ import annotations

import json
import logging
import shutil
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import pytest
from fontTools.ttLib import TTFont  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from policytext.charts import fonts  # noqa: E402

matplotlib.use("Agg")


ROOT = Path(__file__).resolve().parents[2]
#: Text a matplotlib log or a Python warning leaves in a notebook output.
STRAY = ("findfont", "Warning:", "Traceback (most recent")


@pytest.fixture
def registered():
    fonts.register_fonts.cache_clear()
    family = fonts.use_cjk_font()
    yield family
    fonts.register_fonts.cache_clear()


@pytest.mark.parametrize("weight,weight_class", [("regular", 400), ("bold", 700)])
def test_font_instances_have_their_weight_and_the_corpus_characters(weight, weight_class):
    font = TTFont(fonts.font_path(weight))
    assert font["OS/2"].usWeightClass == weight_class
    assert "fvar" not in font  # a static instance: matplotlib cannot choose a variable weight
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "向深圳学习人才政策深中一体化郴州粤港澳大湾区")


def test_matplotlib_sees_only_its_own_fonts_and_the_projects(registered):
    bundled = Path(matplotlib.get_data_path(), "fonts").resolve()
    project = {fonts.font_path(w) for w in fonts.WEIGHTS}
    files = {f.fname for f in font_manager.fontManager.ttflist}
    assert project <= files
    assert all(f in project or Path(f).resolve().is_relative_to(bundled) for f in files)


def test_a_system_font_of_the_same_family_cannot_change_a_figure(registered, tmp_path):
    """As when Debian's fonts are installed after matplotlib first listed the fonts."""
    impostor = tmp_path / "NotoSansSC-Bold-system.ttf"
    shutil.copy(fonts.font_path("bold"), impostor)
    manager = font_manager.fontManager
    manager.addfont(str(impostor))
    manager.ttflist.insert(0, manager.ttflist.pop())  # first in the list wins a tie
    fonts.register_fonts.cache_clear()
    fonts.use_cjk_font()
    bold = font_manager.FontProperties(family=registered, weight="bold")
    assert font_manager.findfont(bold, fallback_to_default=False) == fonts.font_path("bold")


def test_bold_chinese_text_draws_without_a_findfont_warning(registered, caplog):
    fig, ax = plt.subplots()
    ax.text(0.1, 0.5, "深中一体化", fontweight="bold")
    ax.set_title("人才政策")
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        fig.canvas.draw()
    plt.close(fig)
    assert [r.getMessage() for r in caplog.records] == []
    used = font_manager.findfont(font_manager.FontProperties(family=registered, weight="bold"))
    assert used == fonts.font_path("bold")


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_carry_no_stderr_or_warning_text(notebook):
    found = []
    for number, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        for output in cell.get("outputs", []):
            if output.get("name") == "stderr":
                found.append((number, "stderr", "".join(output["text"])[:120]))
            texts = [output.get("text", "")] + [v for k, v in output.get("data", {}).items()
                                                 if k.startswith("text/")]
            text = "".join("".join(t) if isinstance(t, list) else t for t in texts)
            found += [(number, marker, "") for marker in STRAY if marker in text]
    assert found == []


def test_text_size_in_print_accounts_for_the_figure_being_scaled_to_the_page(registered):
    wide, ax = plt.subplots(figsize=(2 * fonts.PRINT_WIDTH_INCHES, 3))
    ax.set_title("中山", fontsize=10)
    sizes = dict(fonts.printed_text_sizes(wide))
    width = wide.get_tightbbox().width  # the axes and their labels, wider than the page
    assert width > 1.5 * fonts.PRINT_WIDTH_INCHES
    assert sizes["中山"] == pytest.approx(10 * fonts.PRINT_WIDTH_INCHES / width)
    with pytest.warns(UserWarning, match="prints below 8 pt at page width: '0.0'"):
        fonts.check_print_size(wide)
    narrow, ax = plt.subplots(figsize=(fonts.PRINT_WIDTH_INCHES - 1, 3))
    ax.set_title("中山", fontsize=fonts.MIN_PRINTED_POINTS)
    ax.axis("off")
    assert dict(fonts.printed_text_sizes(narrow))["中山"] == fonts.MIN_PRINTED_POINTS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fonts.check_print_size(narrow)
    plt.close("all")
