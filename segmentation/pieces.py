"""Connected pieces of ink, and the page's typical glyph height measured on them.

Stages that judge a shape against "a glyph" (is this piece a page's outline? is this gutter wider than a word
space?) measure the glyph here, the same way: the median height of the pieces that are not specks.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


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


def glyph_height(pieces: Pieces) -> float:
    """The median height of the pieces that are not specks (under a quarter of the median piece's ink);
    0 when there are none."""
    if not len(pieces):
        return 0.0
    solid = pieces.area >= max(4.0, float(np.median(pieces.area)) / 4)
    return float(np.median(pieces.h[solid])) if solid.any() else float(np.median(pieces.h))
