"""Charts of appendix A1 (performance and scale)."""
from __future__ import annotations
