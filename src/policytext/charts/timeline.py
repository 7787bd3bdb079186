"""Charts of the timeline chapter (dates and quantities)."""
from __future__ import annotations
