"""What the network's reading of one glyph says: which letters look alike, and sums over its probability row.

Shared by the rules that settle a line's readings (`ocr.context`) and its letters' case (`ocr.case`).
"""

from __future__ import annotations

import numpy as np

from models.charset import LIGATURES

# Letters whose lowercase is a small copy of the capital: case follows the height against the x-height.
X_HEIGHT_ALIKE = frozenset("cosuvwxzm")
# Letters whose lowercase differs from the capital by a descender below the baseline.
DESCENDER_ALIKE = frozenset("pyj")
CASE_BY_HEIGHT = X_HEIGHT_ALIKE | DESCENDER_ALIKE
# k and K are one EMNIST class, and as tall as each other: a hand's K often reads as a sure k. Its case comes
# from its word and line alone.
CASE_BY_WORD = CASE_BY_HEIGHT | frozenset("k")
# One bare upright stroke: a 1, l, I or | to the eye, whatever the network called it.
BARE_STROKES = frozenset("1lI|")
LOW_MARKS = frozenset(".,")


def best_alnum(row: np.ndarray, index: dict[str, int], ligatures: bool = True) -> str:
    """The letter or digit the network ranks highest for a glyph (or, without `ligatures`, the single one)."""
    return max((c for c in index if c.isalnum() and (ligatures or c not in LIGATURES)), key=lambda c: row[index[c]])


def mass(row: np.ndarray, labels: str | frozenset[str], index: dict[str, int]) -> float:
    """The probability the network gives these labels together (those the model has)."""
    return float(sum(row[index[c]] for c in labels if c in index))
