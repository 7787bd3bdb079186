"""Charts: every figure function of the book, one module per chapter, all drawn with the
project's own fonts (:mod:`policytext.charts.fonts`).

``from policytext import charts`` then ``charts.vocabulary.zipf_figure(...)``.
"""
from policytext.charts import (corpus, fonts, interactive, learning, performance, places, talent, themes, timeline,
                               vocabulary)

__all__ = ["corpus", "fonts", "interactive", "learning", "performance", "places", "talent", "themes", "timeline", "vocabulary"]
