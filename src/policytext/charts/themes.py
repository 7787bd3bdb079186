"""Charts of the themes chapter."""
from __future__ import annotations
