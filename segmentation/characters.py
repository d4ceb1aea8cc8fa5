"""Characters boxed column-wise inside a text line, each box then tightened to its ink vertically."""

from __future__ import annotations

import numpy as np

from segmentation.lines import _runs
from segmentation.types import Box, Line

# A pixel is ink for the box structure above this level (the glyph image itself keeps the grey levels).
INK_LEVEL = 0.35
# A box with less ink than (SPECK_SIDE x line height)^2 pixels is a speck of dust, not a character.
SPECK_SIDE = 0.06
MIN_SPECK_PIXELS = 4


def column_profile(ink: np.ndarray, line: Line) -> np.ndarray:
    """Ink pixels per column inside the line's band: the column projection."""
    return (ink[line.top : line.bottom] > INK_LEVEL).sum(axis=0)


def box_characters(ink: np.ndarray, line: Line) -> tuple[Box, ...]:
    """Box each run of inked columns of the line, tighten it to its inked rows, and drop specks."""
    band = ink[line.top : line.bottom] > INK_LEVEL
    speck = max(MIN_SPECK_PIXELS, (SPECK_SIDE * line.height) ** 2)
    boxes = []
    for x0, x1 in _runs(band.any(axis=0)):
        part = band[:, x0:x1]
        if part.sum() < speck:
            continue
        rows = np.flatnonzero(part.any(axis=1))
        boxes.append(Box(x=x0, y=line.top + int(rows[0]), w=x1 - x0, h=int(rows[-1] - rows[0] + 1)))
    return tuple(boxes)
