"""Ruled lines and page borders: long thin strokes that are not text, removed before the projections.

A horizontal rule fills every row profile it crosses and would glue lines together; a margin line or the
edge of the page fills a column and would glue characters. Both are much longer than any character stroke
and thin for their length, which is what finds them. The outline of a page lying on a darker desk is neither
straight nor thin once the background is flattened (the paper's edge smears into a ragged rim), but it is one
piece of ink that surrounds the text, many glyphs tall and wide, which no character is.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

INK_LEVEL = 0.35
# Rules are looked for down to this faint an ink level: a light-blue rule is barely ink, yet full-width it
# outweighs a line of text in the row profile.
RULE_LEVEL = 0.06
# A ruled line runs across much of the page, a margin line or page border down most of it; no stroke of a
# character on a page of text is that long, nor that thin for its length.
HORIZONTAL_FRACTION = 0.3
VERTICAL_FRACTION = 0.4
MIN_ASPECT = 15.0
# An outline: one piece of ink at least this many typical glyph heights tall and wide, with at least
# OUTLINE_ENCLOSES other pieces inside its box and nothing of itself in there: its ink keeps within
# OUTLINE_RIM glyph heights of its box's edges (a page edge, a hand-drawn frame), which rules that glyphs
# link into one piece do not (they cross the middle).
OUTLINE_GLYPHS = 4.0
OUTLINE_RIM = 1.5
OUTLINE_ENCLOSES = 3


@dataclass(frozen=True)
class RuleRemoval:
    ink: np.ndarray  # the page without its rules
    mask: np.ndarray  # bool, the pixels taken away
    horizontal: int  # how many horizontal rules were found
    vertical: int
    outlines: int = 0  # page edges and frames around the text


def _long_thin(binary: np.ndarray, length: int, horizontal: bool) -> tuple[np.ndarray, int, int]:
    """Pixels of strokes at least `length` long and thin for it; how many there are; the thickest one's width."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    opened = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    keep = np.zeros(count, bool)
    thickest = 0
    for i in range(1, count):
        w, h = int(stats[i, cv2.CC_STAT_WIDTH]), int(stats[i, cv2.CC_STAT_HEIGHT])
        long_side, short_side = (w, h) if horizontal else (h, w)
        keep[i] = long_side >= length and long_side >= MIN_ASPECT * short_side
        thickest = max(thickest, short_side) if keep[i] else thickest
    return keep[labels], int(keep.sum()), thickest


def _outlines(binary: np.ndarray) -> tuple[np.ndarray, int]:
    """Pixels of pieces of ink that surround the text: many glyphs tall and wide, hollow, with pieces inside."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if count < OUTLINE_ENCLOSES + 2:
        return np.zeros(binary.shape, bool), 0
    x, y, w, h, area = (stats[1:, k].astype(np.int64) for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP,
                        cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT, cv2.CC_STAT_AREA))  # fmt: skip
    # The typical glyph: the median height of the pieces that are not specks.
    solid = area >= max(4, int(np.median(area)) // 4)
    glyph = float(np.median(h[solid])) if solid.any() else float(np.median(h))
    rim = int(np.ceil(OUTLINE_RIM * glyph))
    keep = np.zeros(count, bool)
    for i in np.flatnonzero((h >= OUTLINE_GLYPHS * glyph) & (w >= OUTLINE_GLYPHS * glyph)):
        inside = (x >= x[i]) & (y >= y[i]) & (x + w <= x[i] + w[i]) & (y + h <= y[i] + h[i])
        middle = labels[y[i] + rim : y[i] + h[i] - rim, x[i] + rim : x[i] + w[i] - rim] == i + 1
        keep[i + 1] = int(inside.sum()) - 1 >= OUTLINE_ENCLOSES and middle.sum() <= 0.02 * area[i]
    return keep[labels], int(keep.sum())


def _bridge(rest: np.ndarray, rule: np.ndarray, span: int, horizontal: bool) -> np.ndarray:
    """Pixels of a rule with the same stroke's ink on both sides of it (a character crossing the rule)."""
    if not rule.any():
        return rule
    kernel = np.ones((span, 1) if horizontal else (1, span), np.uint8)
    closed = cv2.morphologyEx(rest.astype(np.uint8), cv2.MORPH_CLOSE, kernel).astype(bool)
    return rule & closed


def remove_rules(ink: np.ndarray) -> RuleRemoval:
    """Take away ruled lines and borders; strokes of characters that cross a rule are kept."""
    binary = (ink > RULE_LEVEL).astype(np.uint8)
    h, w = ink.shape
    rows, n_h, thick_h = _long_thin(binary, max(25, int(HORIZONTAL_FRACTION * w)), horizontal=True)
    cols, n_v, thick_v = _long_thin(binary, max(25, int(VERTICAL_FRACTION * h)), horizontal=False)
    grow = np.ones((3, 3), np.uint8)  # the rule's faint anti-aliased edge goes with it
    rows = cv2.dilate(rows.astype(np.uint8), grow).astype(bool)
    cols = cv2.dilate(cols.astype(np.uint8), grow).astype(bool)
    outlines, n_o = _outlines(binary)
    if not (n_h or n_v or n_o):
        return RuleRemoval(ink, np.zeros(ink.shape, bool), 0, 0)
    rest = (ink > INK_LEVEL) & ~(rows | cols)
    keep = _bridge(rest, rows, thick_h + 4, horizontal=True) | _bridge(rest, cols, thick_v + 4, horizontal=False)
    mask = ((rows | cols) & ~keep) | cv2.dilate(outlines.astype(np.uint8), grow).astype(bool)
    return RuleRemoval(np.where(mask, 0.0, ink).astype(np.float32), mask, n_h, n_v, n_o)
