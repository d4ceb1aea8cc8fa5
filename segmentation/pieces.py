"""Connected pieces of ink, and the page's typical glyph height measured on them.

Stages that judge a shape against "a glyph" (is this piece a page's outline? is this gutter wider than a word
space?) measure the glyph here, the same way: the height of the pieces that hold most of the ink.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# A pixel is ink for the page's structure (pieces, boxes, lines) above this level; the glyph image itself keeps
# the grey levels.
INK_LEVEL = 0.35


@dataclass(frozen=True)
class Pieces:
    labels: np.ndarray  # int32 label image, 0 = no ink, k = piece k - 1
    x: np.ndarray  # per piece: box left, top, width, height, and ink pixels
    y: np.ndarray
    w: np.ndarray
    h: np.ndarray
    area: np.ndarray

    def __len__(self) -> int:
        return len(self.area)


def ink_pieces(mask: np.ndarray) -> Pieces:
    """The 8-connected pieces of a boolean ink mask."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    columns = (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT, cv2.CC_STAT_AREA)
    x, y, w, h, area = (stats[1:, k].astype(np.int64) for k in columns)
    return Pieces(labels, x, y, w, h, area)


def glyph_height(pieces: Pieces, share: float = 0.5) -> float:
    """The height of the piece that holds the median ink pixel of the glyph-sized pieces, taken in order of
    height (with `share`, the ink pixel that far along instead); 0 when there are none. Weighing by ink lets
    paper grain (hundreds of one-pixel pieces on textured paper) count for what it weighs, next to nothing;
    pieces over half the page tall or wide (rules, borders, the page's outline) are not glyphs and do not count."""
    if not len(pieces):
        return 0.0
    rows, cols = pieces.labels.shape
    glyphs = (pieces.h <= rows / 2) & (pieces.w <= cols / 2)
    heights, area = (pieces.h[glyphs], pieces.area[glyphs]) if glyphs.any() else (pieces.h, pieces.area)
    return ink_height(heights, area, share)


def ink_height(heights: np.ndarray, area: np.ndarray, share: float = 0.5) -> float:
    """The height of the piece that holds the ink pixel `share` of the way along the pieces taken in order of
    height (the median one by default); 0 for no pieces."""
    if not heights.size:
        return 0.0
    order = np.argsort(heights, kind="stable")
    mass = np.cumsum(area[order])
    return float(heights[order][min(np.searchsorted(mass, mass[-1] * share), len(mass) - 1)])


def stroke_width(ink: np.ndarray) -> float:
    """The typical stroke width in pixels: twice the ink's area over its outline (a stroke of width w and length
    L has area wL and outline 2L)."""
    body = np.greater(ink, INK_LEVEL).view(np.uint8)
    area = cv2.countNonZero(body)
    outline = area - cv2.countNonZero(cv2.erode(body, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT))
    return 2.0 * area / outline if outline else 0.0


def broaden_strokes(ink: np.ndarray, grow: int) -> np.ndarray:
    """The ink drawn with a pen `grow` pixels broader (grey levels kept: a round maximum filter)."""
    return cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow + 1, grow + 1)))
