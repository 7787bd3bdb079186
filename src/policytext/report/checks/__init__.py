"""Checks of the chapters' findings, one module per chapter; each registers its checks with
:func:`policytext.report.claims.check`. Add a chapter's module to the imports below."""
from policytext.report.checks import corpus, integration, learning, themes, timeline, vocabulary

__all__ = ["corpus", "integration", "learning", "themes", "timeline", "vocabulary"]
