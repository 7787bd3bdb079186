"""Matplotlib set-up shared by every chart: the project's own fonts and nothing else.

A figure must come out the same on any machine, so it may not depend on the fonts the system
happens to have (Debian's ``fonts-noto-cjk``, say, installed for the PDF). Text is set in
Noto Sans SC, regular and bold, made as static instances of the variable font shipped on PyPI
by ``justmytype-intl-cjk`` (Google Fonts' build, SIL OFL) and registered by file path;
matplotlib's font list is cut to those two files and the fonts bundled with matplotlib itself
(DejaVu, for mathtext and any explicit fallback).
"""
from __future__ import annotations

import warnings
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from policytext.paths import cache_dir, cached_file

#: The variable font (weight axis 100-900) inside its PyPI package.
VARIABLE_FONT = ("justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf")
#: The static instances the charts use, by name and OS/2 weight.
WEIGHTS = {"regular": 400, "bold": 700}


def variable_font() -> Path:
    """Path of the variable Noto Sans SC installed from PyPI."""
    package, resource = VARIABLE_FONT
    path = Path(str(files(package).joinpath(resource)))
    if not path.is_file():
        raise FileNotFoundError(f"{package} ships no {resource}; reinstall requirements.txt")
    return path


@lru_cache(maxsize=None)
def font_path(weight: str = "regular") -> str:
    """Path of the static Noto Sans SC instance at ``weight`` (``regular`` or ``bold``).

    Made once per machine with fontTools' instancer (about 15 s each) into the project's
    cache; the file name carries the versions of fontTools and of the package that ships the
    variable font, so an upgrade of either makes it anew.
    """
    from importlib.metadata import version

    import fontTools
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    source = version("justmytype-intl-cjk")
    target = cache_dir() / "fonts" / f"NotoSansSC-{weight.capitalize()}-cjk{source}-fonttools{fontTools.version}.ttf"

    def make(partial: Path) -> None:
        instancer.instantiateVariableFont(TTFont(variable_font()), {"wght": WEIGHTS[weight]},
                                          updateFontNames=True).save(partial)

    # kernels that execute side by side wait for one another instead of each making the font
    return str(cached_file(target, make))


def cjk_font_path() -> str:
    """The regular CJK font file, for tools that take a path (wordcloud)."""
    return font_path("regular")


@lru_cache(maxsize=None)
def register_fonts() -> str:
    """Cut matplotlib's font list to its bundled fonts plus the project's regular and bold
    instances, registered by path; return their family name."""
    paths = [font_path(weight) for weight in WEIGHTS]
    bundled = Path(matplotlib.get_data_path(), "fonts").resolve()
    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if Path(f.fname).resolve().is_relative_to(bundled)]
    manager.afmlist = [f for f in manager.afmlist if Path(f.fname).resolve().is_relative_to(bundled)]
    for path in paths:
        manager.addfont(path)  # also clears findfont's cache
    return font_manager.FontProperties(fname=paths[0]).get_name()


def use_cjk_font() -> str:
    """Make the project's Noto Sans SC the only text font of matplotlib; return its family."""
    family = register_fonts()
    matplotlib.rcParams["font.family"] = [family]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "policytext"
    return family


#: Width of the PDF's text block (US letter, 1in margins): a wider figure is scaled down to it.
PRINT_WIDTH_INCHES = 6.5
#: The smallest text a reader should have to read in print, in points.
MIN_PRINTED_POINTS = 8.0


def printed_text_sizes(fig) -> list[tuple[str, float]]:
    """Every visible, non-empty text of ``fig`` with its size in points once the figure (as saved,
    with a tight bounding box) is scaled to :data:`PRINT_WIDTH_INCHES`, smallest first."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    if not hasattr(fig.canvas, "get_renderer"):  # a closed figure: draw it on an Agg canvas
        FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    width = fig.get_tightbbox(renderer).width  # inches
    scale = min(1.0, PRINT_WIDTH_INCHES / width)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
             and t.get_window_extent(renderer).overlaps(fig.bbox)]
    return sorted(((t.get_text(), t.get_fontsize() * scale) for t in texts), key=lambda pair: pair[1])


def check_print_size(fig) -> None:
    """Warn (naming the text) if any text of ``fig`` prints below :data:`MIN_PRINTED_POINTS`."""
    small = [(text, size) for text, size in printed_text_sizes(fig) if size < MIN_PRINTED_POINTS - 0.05]
    if small:
        shown = ", ".join(f"{text!r} {size:.1f} pt" for text, size in small[:3])
        warnings.warn(f"figure text prints below {MIN_PRINTED_POINTS:g} pt at page width: {shown}",
                      stacklevel=2)
