"""Charts of the corpus chapter."""
from __future__ import annotations
