"""Straight strokes at any angle: a pen or a pencil lying on the page, a ruler, a folded sheet's crease.

A ruled line runs along the text and the rules stage takes it away once the page is level. A pen left on the
page does not: it lies at its own angle, and being the longest, darkest thing on the page it can outweigh the
text in the deskew search (the page is turned to level the pen, and its lines run together), then lies across
the row projection. What marks it is what marks a rule, at any angle: one piece of ink much longer than any
character stroke, thin for its length, and straight (it fills the narrow rectangle along its own axis). A line
of joined-up writing is long too, but its ink spreads a glyph's height about its axis; an underline drawn by
hand is straight and thin, and is no text either.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segmentation.pieces import INK_LEVEL, Pieces, glyph_height, ink_pieces
from segmentation.rules import MIN_ASPECT  # thin for its length as a rule is

# A straight stroke is at least this share of the page's longer side long, MIN_ASPECT times longer than thick ...
LENGTH_SHARE = 0.25
# ... and fills at least this share of the rectangle along its axis (a crooked or curved piece does not).
MIN_FILL = 0.5
# A stroke within this many degrees of the text's own direction (level or upright) is a rule or a margin line
# and is left to the rules stage.
ALONG_TEXT = 2.0


@dataclass(frozen=True)
class Stroke:
    top: int
    left: int
    own: np.ndarray  # bool, the stroke's pixels within its box, whose corner is (top, left)
    angle: float  # direction in degrees, counter-clockwise from level, in [-90, 90)


@dataclass(frozen=True)
class StraightStrokes:
    shape: tuple[int, ...]  # the page's
    pieces: tuple[Stroke, ...]

    @property
    def angles(self) -> tuple[float, ...]:
        return tuple(p.angle for p in self.pieces)

    @property
    def mask(self) -> np.ndarray:
        """Every straight stroke's pixels."""
        return self._pixels(self.pieces)

    def across_angles(self, skew_angle: float) -> tuple[float, ...]:
        """The directions of the strokes that lie neither along the text nor upright once the page is turned by
        `skew_angle`."""
        return tuple(p.angle for p in self._across(skew_angle))

    def across(self, skew_angle: float) -> np.ndarray:
        """The pixels of those strokes."""
        return self._pixels(self._across(skew_angle))

    def along(self, skew_angle: float) -> tuple[np.ndarray, np.ndarray]:
        """The pixels of the strokes along the text once the page is turned by `skew_angle`: the level ones and
        the upright ones (rules and margin lines, for the rules stage)."""
        along = [p for p in self.pieces if _off_the_text(p.angle, skew_angle) <= ALONG_TEXT]
        upright = [abs((p.angle + skew_angle) % 180.0 - 90.0) < 45.0 for p in along]
        return (self._pixels([p for p, up in zip(along, upright, strict=True) if not up]),
                self._pixels([p for p, up in zip(along, upright, strict=True) if up]))  # fmt: skip

    def _across(self, skew_angle: float) -> list[Stroke]:
        return [p for p in self.pieces if _off_the_text(p.angle, skew_angle) > ALONG_TEXT]

    def _pixels(self, strokes: tuple[Stroke, ...] | list[Stroke]) -> np.ndarray:
        out = np.zeros(self.shape, bool)
        for p in strokes:
            out[p.top : p.top + p.own.shape[0], p.left : p.left + p.own.shape[1]] |= p.own
        return out


def _off_the_text(angle: float, skew_angle: float) -> float:
    """Degrees between a stroke and the nearest of the text's two directions (level, upright) on the turned page."""
    off = (angle + skew_angle) % 90.0
    return min(off, 90.0 - off)


def _axis(points: np.ndarray) -> tuple[float, float, float]:
    """A point cloud's direction (degrees, counter-clockwise, image rows grow downwards), its extent along that
    direction and across it."""
    centred = points - points.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(centred.T))
    along, across = vectors[:, 1], vectors[:, 0]  # eigh sorts ascending: the last is the main axis
    length = float(np.ptp(centred @ along)) + 1.0
    width = float(np.ptp(centred @ across)) + 1.0
    angle = float(np.degrees(np.arctan2(-along[1], along[0])))  # (x, y) with y down
    angle = (angle + 90.0) % 180.0 - 90.0
    return angle, length, width


def find_straight_strokes(ink: np.ndarray, pieces: Pieces | None = None) -> StraightStrokes:
    """The long, thin, straight pieces of ink on a white-balanced page (ink bright, 0..1); `pieces`: the page's
    ink pieces, when already found."""
    pieces = pieces if pieces is not None else ink_pieces(ink > INK_LEVEL)
    least = LENGTH_SHARE * max(ink.shape)
    found = []
    for i in np.flatnonzero(np.hypot(pieces.w, pieces.h) >= least):
        x, y, w, h = int(pieces.x[i]), int(pieces.y[i]), int(pieces.w[i]), int(pieces.h[i])
        own = pieces.labels[y : y + h, x : x + w] == i + 1
        rows, cols = np.nonzero(own)
        angle, length, width = _axis(np.column_stack([cols, rows]).astype(np.float64))
        if length >= least and length >= MIN_ASPECT * width and pieces.area[i] >= MIN_FILL * length * width:
            found.append(Stroke(y, x, own, angle))
    return StraightStrokes(ink.shape, tuple(found))


# A curled page bends its rules: no longer straight, they still outweigh faint writing in the deskew search (a
# page's rules all curve the same way, and turned to level their ends they line up). Such a piece is long for the
# page and for its glyphs, and thin: its ink per unit of length is a stroke's, where a joined-up word's is a
# glyph's worth of strokes (Dancing Script's longest words: 8 glyphs long, 0.2-0.23 glyph heights of ink).
LONG_IN_GLYPHS = 20.0
THIN_IN_GLYPHS = 0.25


def long_thin_pieces(pieces: Pieces, shape: tuple[int, ...]) -> np.ndarray:
    """The pixels (bool) of pieces that are long (a LENGTH_SHARE of the page's longer side and LONG_IN_GLYPHS
    glyph heights) and thin (THIN_IN_GLYPHS glyph heights of ink per pixel of length), curved or straight."""
    glyph = glyph_height(pieces)
    length = np.maximum(pieces.w, pieces.h)
    thin = (length >= LENGTH_SHARE * max(shape)) & (length >= LONG_IN_GLYPHS * glyph)
    thin &= pieces.area <= THIN_IN_GLYPHS * glyph * length
    if not glyph or not thin.any():
        return np.zeros(shape, bool)
    return np.concatenate([[False], thin])[pieces.labels]
