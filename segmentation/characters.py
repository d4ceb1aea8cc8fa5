"""Characters boxed column-wise inside a text line, each box then tightened to its ink vertically."""

from __future__ import annotations

import itertools

import numpy as np

from segmentation.lines import _runs
from segmentation.types import Box, Line

# A pixel is ink for the box structure above this level (the glyph image itself keeps the grey levels).
INK_LEVEL = 0.35
# A box with less ink than (SPECK_SIDE x line height)^2 pixels is a speck of dust, not a character.
SPECK_SIDE = 0.06
MIN_SPECK_PIXELS = 4
# A run of inked columns this many times wider than the line's typical glyph holds touching glyphs.
SPLIT_RATIO = 1.8


def column_profile(ink: np.ndarray, line: Line) -> np.ndarray:
    """Ink pixels per column inside the line's band: the column projection."""
    return (ink[line.top : line.bottom] > INK_LEVEL).sum(axis=0)


def _tight(band: np.ndarray, top: int, x0: int, x1: int) -> Box | None:
    rows = np.flatnonzero(band[:, x0:x1].any(axis=1))
    if rows.size == 0:
        return None
    return Box(x=x0, y=top + int(rows[0]), w=x1 - x0, h=int(rows[-1] - rows[0] + 1))


def split_touching(band: np.ndarray, x0: int, x1: int, typical: float) -> list[tuple[int, int]]:
    """Cut a run of columns much wider than the line's typical glyph at its thinnest columns.

    The run is cut into round(width / typical) parts; each cut goes to the column with the least ink within
    a third of a glyph of where an even split would put it.
    """
    width = x1 - x0
    parts = round(width / typical)
    if width < SPLIT_RATIO * typical or parts < 2:
        return [(x0, x1)]
    profile = band[:, x0:x1].sum(axis=0)
    reach = max(1, int(typical / 3))
    cuts = []
    for k in range(1, parts):
        centre = round(k * width / parts)
        lo, hi = max(1, centre - reach), min(width - 1, centre + reach)
        cuts.append(lo + int(np.argmin(profile[lo:hi])) if hi > lo else centre)
    edges = [x0, *(x0 + c for c in sorted(set(cuts))), x1]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def box_characters(ink: np.ndarray, line: Line) -> tuple[Box, ...]:
    """Box each run of inked columns of the line, tighten it to its inked rows, and drop specks."""
    band = ink[line.top : line.bottom] > INK_LEVEL
    speck = max(MIN_SPECK_PIXELS, (SPECK_SIDE * line.height) ** 2)
    boxes = []
    for x0, x1 in _runs(band.any(axis=0)):
        box = _tight(band, line.top, x0, x1) if band[:, x0:x1].sum() >= speck else None
        if box is not None:
            boxes.append(box)
    return tuple(boxes)


def propose_splits(ink: np.ndarray, line: Line, boxes: tuple[Box, ...]) -> dict[int, tuple[Box, ...]]:
    """For every box much wider than the line's typical glyph, the boxes of its parts if cut.

    Whether to cut is left to the classifier (a wide 'm' reads better whole, a touching 'ef' better cut),
    so this only proposes.
    """
    band = ink[line.top : line.bottom] > INK_LEVEL
    typical = typical_width(list(boxes), line)
    proposals = {}
    for i, box in enumerate(boxes):
        cuts = split_touching(band, box.x, box.right, typical)
        parts = tuple(p for a, b in cuts if (p := _tight(band, line.top, a, b)) is not None)
        if len(parts) > 1:
            proposals[i] = parts
    return proposals


def typical_width(boxes: list[Box], line: Line) -> float:
    """The width of a typical glyph of the line: the median of boxes that are not narrow (i, l, 1, marks),
    and never less than half the median glyph height."""
    if not boxes:
        return float(line.height)
    median_h = float(np.median([b.h for b in boxes]))
    broad = [b.w for b in boxes if b.w >= 0.35 * b.h]
    median_w = float(np.median(broad)) if broad else 0.0
    return max(median_w, 0.5 * median_h)
