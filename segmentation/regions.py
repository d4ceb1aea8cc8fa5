"""Text regions: the columns of a page (two columns of print, the two pages of an open book) read one by one.

The row projection takes a whole row of the page as one line; beside a second column whose lines do not sit
on the same rows it interleaves the two. So before lines are looked for, the page is cut recursively at wide
empty gutters, an X-Y cut: down the page at a gutter between two tall, wide blocks of text, and across it at
an empty band of rows, which frees a heading or a footer spanning both columns so that the columns below
can be cut. A page that has no such gutter stays one region and is read exactly as before.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from segmentation.lines import true_runs
from segmentation.pieces import INK_LEVEL, glyph_height, ink_pieces

# A gutter between columns is an empty run of columns at least this many glyph heights wide: wider than any
# word space, which is under one glyph height.
GUTTER_WIDTH = 1.5
# Each column beside it is text: at least this many glyph heights wide (a dozen letters or more, so a
# receipt's prices or a form's values beside their labels are no column) and this many tall (three lines).
COLUMN_WIDTH = 10.0
COLUMN_HEIGHT = 5.0
# And each holds at least COLUMN_LINES lines, at least LINE_BALANCE as many as the other.
COLUMN_LINES = 3
LINE_BALANCE = 0.5
# A gutter is wider than the word gaps of the lines beside it, by at least this factor: ragged lines whose word
# gaps happen to line up down a short page leave an empty run of columns no wider than their other word gaps
# (the lines' widest gaps, median 0.8-1.2 of such a run), while print's columns keep a gutter of 2-3 glyph
# heights beside word gaps under one.
GUTTER_OVER_WORD_GAP = 1.5
# Rows are cut across at an empty band this many glyph heights tall, more than the gap between lines.
ROW_GAP = 1.2
SPECK_HEIGHT = 0.3  # pieces shorter than this many glyph heights are specks and dots
MAX_DEPTH = 6  # cuts nest no deeper (a page has few columns and fewer headings)


@dataclass(frozen=True)
class Region:
    """A block of the page read on its own: rows [top, bottom), columns [left, right)."""

    top: int
    bottom: int
    left: int
    right: int

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.top, self.bottom), slice(self.left, self.right)


def _solid_ink(ink: np.ndarray) -> tuple[np.ndarray, float]:
    """The ink without its specks (dots, periods, noise: they never block a gutter), and the glyph height."""
    pieces = ink_pieces(ink > INK_LEVEL)
    glyph = glyph_height(pieces)
    keep = np.concatenate([[False], pieces.h >= SPECK_HEIGHT * glyph])
    return keep[pieces.labels], glyph


def find_text_regions(ink: np.ndarray) -> tuple[Region, ...]:
    """The page cut into its text blocks, in reading order: columns left to right, blocks above and below
    them in turn. The regions tile the page (every pixel is in one); a page of one column is one region."""
    h, w = ink.shape
    whole = Region(0, h, 0, w)
    mask, glyph = _solid_ink(ink)
    if glyph <= 0:
        return (whole,)
    return tuple(_cut(mask, whole, glyph, 0))


def _cut(mask: np.ndarray, region: Region, glyph: float, depth: int) -> list[Region]:
    """Cut a region down the middle of its widest gutter between columns, or else across the middle of its
    empty row bands when a band so freed can be cut down; a region that cannot be cut down comes back whole."""
    inked = _trimmed(mask, region)
    if inked is None or depth >= MAX_DEPTH:
        return [region]
    sub = mask[inked.slices]
    gutter = _gutter(sub, glyph)
    if gutter is not None:
        middle = inked.left + (gutter[0] + gutter[1]) // 2
        left = Region(region.top, region.bottom, region.left, middle)
        right = Region(region.top, region.bottom, middle, region.right)
        return _cut(mask, left, glyph, depth + 1) + _cut(mask, right, glyph, depth + 1)
    rows = [region.top] + [inked.top + (a + b) // 2 for a, b in _row_gaps(sub, glyph)] + [region.bottom]
    if len(rows) < 3:
        return [region]
    parts = [_cut(mask, Region(a, b, region.left, region.right), glyph, depth + 1) for a, b in itertools.pairwise(rows)]
    if all(len(p) == 1 for p in parts):
        return [region]  # no band holds columns: the region reads as one
    return [r for p in parts for r in p]


def _trimmed(mask: np.ndarray, region: Region) -> Region | None:
    """The bounds of the region's ink, or None when it holds none."""
    sub = mask[region.slices]
    rows, cols = np.flatnonzero(sub.any(axis=1)), np.flatnonzero(sub.any(axis=0))
    if rows.size == 0:
        return None
    return Region(region.top + int(rows[0]), region.top + int(rows[-1]) + 1,
                  region.left + int(cols[0]), region.left + int(cols[-1]) + 1)  # fmt: skip


def _gutter(sub: np.ndarray, glyph: float) -> tuple[int, int] | None:
    """[start, stop) of the widest empty run of columns with a column of text on each side, or None."""
    height, width = sub.shape
    if height < COLUMN_HEIGHT * glyph:
        return None
    best = None
    for a, b in true_runs(~sub.any(axis=0)):
        if b - a < GUTTER_WIDTH * glyph or a < COLUMN_WIDTH * glyph or width - b < COLUMN_WIDTH * glyph:
            continue
        sides = (sub[:, :a], sub[:, b:])
        if not all(_tall_enough(side, glyph) for side in sides):
            continue
        # Columns are full of lines on both sides; ragged lines whose word gaps happen to line up leave a
        # "column" of a line or two beside many.
        counts = [len(_line_runs(side, glyph)) for side in sides]
        if (
            min(counts) >= COLUMN_LINES
            and min(counts) >= LINE_BALANCE * max(counts)
            and b - a >= GUTTER_OVER_WORD_GAP * _word_gap(sides, glyph)
            and (best is None or b - a > best[1] - best[0])
        ):
            best = (a, b)
    return best


def _tall_enough(side: np.ndarray, glyph: float) -> bool:
    rows = np.flatnonzero(side.any(axis=1))
    return rows.size > 0 and rows[-1] - rows[0] + 1 >= COLUMN_HEIGHT * glyph


def _line_runs(side: np.ndarray, glyph: float) -> list[tuple[int, int]]:
    """The side's lines of text: [start, stop) of its runs of inked rows at least half a glyph tall."""
    return [(a, b) for a, b in true_runs(side.any(axis=1)) if b - a >= 0.5 * glyph]


def _word_gap(sides: tuple[np.ndarray, ...], glyph: float) -> float:
    """The median over the lines of the sides of each line's widest empty run of columns inside its ink."""
    widest = []
    for side in sides:
        for a, b in _line_runs(side, glyph):
            cols = side[a:b].any(axis=0)
            inked = np.flatnonzero(cols)
            widest.append(max((q - p for p, q in true_runs(~cols[inked[0] : inked[-1] + 1])), default=0))
    return float(np.median(widest)) if widest else 0.0


def _row_gaps(sub: np.ndarray, glyph: float) -> list[tuple[int, int]]:
    """[start, stop) of the empty bands of rows at least ROW_GAP glyph heights tall inside the ink's bounds."""
    return [(a, b) for a, b in true_runs(~sub.any(axis=1)) if b - a >= ROW_GAP * glyph]
