"""Charts: every figure function of the book, one module per chapter, all drawn with the
project's own fonts (:mod:`policytext.charts.fonts`).

``from policytext import charts`` then ``charts.vocabulary.zipf_figure(...)``. A chapter module
is imported when first used, so a caller that needs one (the site build needs only the fonts)
does not import every chart's libraries.
"""
from importlib import import_module

__all__ = ["corpus", "fonts", "interactive", "learning", "performance", "places", "talent", "themes", "timeline", "vocabulary"]


def __getattr__(name: str):
    if name in __all__:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
