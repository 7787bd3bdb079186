"""Progress bars for long work: shown on a terminal, silent otherwise.

A bar (tqdm: done, rate, time left) is drawn only when standard error is a terminal, so logs,
CI and notebooks (nbval compares their outputs) see nothing. ``POLICYTEXT_PROGRESS=0`` turns
bars off on a terminal too, ``=1`` forces them on (for a check of the bar itself).
"""
from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

from tqdm import tqdm

T = TypeVar("T")


def shown() -> bool:
    """Whether progress bars are drawn here."""
    setting = os.environ.get("POLICYTEXT_PROGRESS", "")
    if setting in ("0", "1"):
        return setting == "1"
    return sys.stderr.isatty()


def progress(items: Iterable[T], stage: str, total: int | None = None, unit: str = "doc") -> Iterator[T]:
    """``items`` with a bar named ``stage`` on a terminal; the items unchanged otherwise."""
    if not shown():
        yield from items
        return
    yield from tqdm(items, desc=stage, total=total, unit=unit, file=sys.stderr, dynamic_ncols=True,
                    mininterval=0.5, leave=True)
