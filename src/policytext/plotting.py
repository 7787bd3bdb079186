"""Matplotlib set-up shared by the notebooks: a CJK font shipped on PyPI."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager


@lru_cache(maxsize=None)
def cjk_font_path(style: str = "Sans") -> str:
    """Path of Noto {Sans,Serif} CJK SC as shipped inside the ``mplfonts`` package."""
    import mplfonts

    fonts = sorted(Path(mplfonts.__file__).parent.rglob(f"Noto{style}CJK*"))
    if not fonts:
        raise FileNotFoundError(f"mplfonts ships no Noto {style} CJK font")
    return str(fonts[0])


def use_cjk_font() -> str:
    """Register the CJK font with matplotlib, make it the default, and return its family."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(path)
    family = font_manager.FontProperties(fname=path).get_name()
    matplotlib.rcParams["font.family"] = [family]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "policytext"
    return family
