"""The writer's slant: handwriting that leans far is sheared back, line by line, before its characters are boxed.

Most people's writing leans the same way throughout a page. Leaning strokes overlap in the column projection
(one letter's top reaches over the next one's foot, so the gap between them closes) and a leaning 1 or I is
read as `/`. The lean is measured from the edges of the near-upright strokes: a stroke leaning by s has
its edges' gradient along (1, s). A horizontal shear leaves every row where it was,
so the lines found before stay the lines; each line is sheared about its own middle row, which moves no ink
more than a fraction of a line height sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.pieces import INK_LEVEL, ink_pieces
from segmentation.types import Box, Line

# Leans are measured up to MAX_SHEAR (31 degrees) in LEAN_ROUNDS rounds from edges within UPRIGHT_EDGE of
# upright (tan 0.6: 31 degrees) and at least EDGE_SHARE of the strongest edge.
MAX_SHEAR = 0.6
LEAN_ROUNDS = 3
UPRIGHT_EDGE = 0.6
EDGE_SHARE = 0.2
LEAN_STEP = 0.005
# The network learnt handwriting from EMNIST, whose writers lean 0.2 on average by this measure (0.19-0.23 on
# pages of its training images; print measures 0.00). A lean more than MIN_SHEAR (6 degrees) past TRAINED_LEAN is
# taken back to TRAINED_LEAN, one under -MIN_SHEAR to upright; leans in between are left alone. Of 0.0, 0.1,
# 0.15 and 0.2 as the target, 0.1 read generated pages best (0.2 left fine-pen pages leaning too far for the
# network; upright moved ordinary EMNIST pages away from what it learnt).
TRAINED_LEAN = 0.1
MIN_SHEAR = 0.1
# Each line is measured at STRIP_HEIGHT rows (fast, and every line weighs alike); a page needs MIN_PIXELS of
# ink to measure at all.
STRIP_HEIGHT = 40
MIN_PIXELS = 200
# A piece this many times longer than wide (by its second moments) is one straight stroke and does not count
# towards the lean. 4 read generated pages best: 6 left slanted hands worse, and hand-written dates better only
# a little; the slanted pages themselves read better without their bare strokes (0.0073 -> 0.0058).
BARE_STROKE_ELONGATION = 4.0
MIN_STROKE_PIXELS = 20
# A page photographed from below or above its middle (its top edge further away, or nearer) has its upright
# strokes fan out: on an upright page, when the right third of the text leans SPREAD_LEAN (3 degrees) more or
# less than the left third, and the middle third within STEADY_LEAN of that spread of halfway between (a
# writer's lean wanders from word to word; a fan changes steadily), each column is sheared by its own lean.
SPREAD_LEAN = 0.05
STEADY_LEAN = 0.3
UPRIGHT_LEAN = 0.08  # only a page leaning less than this (print) is measured so: a hand leans 0.1-0.3


@dataclass(frozen=True)
class Slant:
    """The lean found and whether it was taken out. The shear applied at column x is shear + gradient * (x -
    centre): x += that * (y - middle) for each band's rows; bands are the lines' bands it was applied to (each
    as wide as its text block). The gradient is the fan of upright strokes on a page seen from below or above."""

    shear: float  # 0.0 when the lean was left alone
    measured: float  # the lean measured (x moves this much per row up), 0.0 when there was too little ink
    bands: tuple[Box, ...] = ()
    gradient: float = 0.0  # the shear's change per column: strokes that fan out across the page
    centre: float = 0.0  # the column where the shear is `shear`

    @property
    def applied(self) -> bool:
        return self.shear != 0.0 or self.gradient != 0.0

    def source_column(self, x: np.ndarray | float, rise: np.ndarray | float) -> np.ndarray | float:
        """The unsheared column of what lies at column x, `rise` rows below its band's middle, once sheared."""
        return (x - (self.shear - self.gradient * self.centre) * rise) / (1.0 + self.gradient * rise)

    def to_page(self, box: Box) -> Box:
        """A box found on the sheared ink, as the smallest box around the same ink before shearing."""
        band = self._band_of(box)
        if not self.applied or band is None:
            return box
        middle = band.y + band.h / 2
        rises = [y - middle for y in (box.y, box.bottom)]
        x0 = min(float(self.source_column(box.x, r)) for r in rises)
        x1 = max(float(self.source_column(box.right, r)) for r in rises)
        left = int(np.floor(x0))
        return Box(left, box.y, max(1, int(np.ceil(x1)) - left), box.h)

    def _band_of(self, box: Box) -> Box | None:
        y, x = box.y + box.h / 2, box.x + box.w / 2
        return next((b for b in self.bands if b.y <= y < b.bottom and b.x <= x < b.right), None)


def line_bands(lines: Sequence[Line], left: int, right: int) -> tuple[Box, ...]:
    """The lines' bands as boxes from column `left` to `right`."""
    return tuple(Box(left, line.top, right - left, line.bottom - line.top) for line in lines)


def estimate_slant(ink: np.ndarray, lines: Sequence[Line]) -> Slant:
    """The shear that takes the lines' lean to the trained one (0 and not applied when the lean lies between
    upright and the trained lean, give or take MIN_SHEAR, or there is too little ink to measure)."""
    bands = line_bands(lines, 0, ink.shape[1])
    clean = _without_bare_strokes(ink)
    strips = _band_strips(clean, bands)
    if not strips:
        return Slant(0.0, 0.0, bands)
    lean = _lean(strips)
    # Back to upright from the left, back to the trained lean from the right: never leaning the other way.
    shear = lean if lean <= -MIN_SHEAR else lean - TRAINED_LEAN if lean >= TRAINED_LEAN + MIN_SHEAR else 0.0
    gradient, centre = _lean_gradient(clean, bands) if abs(lean) < UPRIGHT_LEAN else (0.0, 0.0)
    return Slant(round(shear, 3), round(lean, 3), bands, gradient, centre)


def _lean(strips: list[np.ndarray]) -> float:
    """The strips' lean. Only strokes near upright are measured, so a strong lean is underestimated: it is
    measured again on the strips with the lean found so far taken out, and what is left added."""
    lean = 0.0
    for _ in range(LEAN_ROUNDS):
        lean = float(np.clip(lean + _residual_lean([_sheared(s, lean) for s in strips]), -MAX_SHEAR, MAX_SHEAR))
    return lean


def _lean_gradient(ink: np.ndarray, bands: tuple[Box, ...]) -> tuple[float, float]:
    """How the lean of an upright page changes from its text's left third to its right one, per column, and
    the text's middle column; (0, 0) unless the thirds lean SPREAD_LEAN apart and the middle third between."""
    columns = np.flatnonzero(ink.max(axis=0) > INK_LEVEL)
    if columns.size == 0:
        return 0.0, 0.0
    left, width = int(columns[0]), int(columns[-1] - columns[0] + 1)
    leans = []
    for k in range(3):
        a, b = left + k * width // 3, left + (k + 1) * width // 3
        strips = _band_strips(np.ascontiguousarray(ink[:, a:b]), tuple(Box(0, d.y, b - a, d.h) for d in bands))
        if not strips:
            return 0.0, 0.0
        leans.append(_lean(strips))
    spread = leans[2] - leans[0]
    if abs(spread) < SPREAD_LEAN or abs(leans[1] - (leans[0] + leans[2]) / 2) > STEADY_LEAN * abs(spread):
        return 0.0, 0.0
    return round(spread / (2 * width / 3), 6), left + width / 2


def _band_strips(ink: np.ndarray, bands: tuple[Box, ...]) -> list[np.ndarray]:
    """Each band's ink scaled to STRIP_HEIGHT rows and smoothed, with margins wide enough that no shear moves
    its ink out; none without enough ink to measure. (Bands are kept apart: side by side, a page of many lines
    would be wider than OpenCV's warps take.)"""
    pad = int(MAX_SHEAR * STRIP_HEIGHT / 2) + 2
    strips = []
    for band in bands:
        rows = np.clip(ink[band.y : band.bottom], 0.0, 1.0).astype(np.float32)
        if band.h == 0 or not (rows > INK_LEVEL).any():
            continue
        width = max(1, round(band.w * STRIP_HEIGHT / band.h))
        small = cv2.resize(rows, (width, STRIP_HEIGHT), interpolation=cv2.INTER_AREA)
        strips.append(cv2.GaussianBlur(cv2.copyMakeBorder(small, 0, 0, pad, pad, cv2.BORDER_CONSTANT), (0, 0), 1.0))
    if sum(int((s > INK_LEVEL).sum()) for s in strips) < MIN_PIXELS:
        return []
    return strips


def _sheared(strip: np.ndarray, shear: float) -> np.ndarray:
    """The rows sheared about their middle row: x += shear * (y - middle)."""
    h, w = strip.shape
    m = np.float32([[1, shear, -shear * h / 2], [0, 1, 0]])
    return cv2.warpAffine(strip, m, (w, h), flags=cv2.INTER_LINEAR) if shear else strip


def _residual_lean(strips: list[np.ndarray]) -> float:
    """The median lean of the strips' near-upright stroke edges, weighted by edge strength. A stroke leaning
    by s (x = s * height) has its edges' gradient along (1, s): its lean is gy / gx."""
    gradients = []
    for strip in strips:
        gx, gy = cv2.Sobel(strip, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(strip, cv2.CV_32F, 0, 1, ksize=3)
        gradients.append((gx, gy, cv2.magnitude(gx, gy)))
    strongest = max(float(strength.max()) for _, _, strength in gradients)
    # A weighted histogram of the leans (steps of LEAN_STEP) gives the weighted median without sorting.
    bins = round(UPRIGHT_EDGE / LEAN_STEP)  # leans run from -UPRIGHT_EDGE to UPRIGHT_EDGE
    histogram = np.zeros(2 * bins + 1)
    for gx, gy, strength in gradients:
        edges = (np.abs(gx) > np.abs(gy) / UPRIGHT_EDGE) & (strength > EDGE_SHARE * strongest)
        slot = np.clip(np.round(gy[edges] / gx[edges] / LEAN_STEP).astype(np.int64) + bins, 0, 2 * bins)
        histogram += np.bincount(slot, weights=strength[edges], minlength=2 * bins + 1)
    if histogram.sum() == 0:
        return 0.0
    cumulative = np.cumsum(histogram)
    return float((np.searchsorted(cumulative, cumulative[-1] / 2) - bins) * LEAN_STEP)


def deslant(ink: np.ndarray, slant: Slant) -> np.ndarray:
    """The ink with each band's rows sheared upright about the band's middle row (other rows as they were)."""
    if not slant.applied:
        return ink
    out = ink.copy()
    for top, bottom in sorted({(band.y, band.bottom) for band in slant.bands}):
        if slant.gradient:
            # Each row's columns come from where the shear at their own column puts them.
            rise = np.arange(top, bottom, dtype=np.float32)[:, None] - (top + bottom) / 2
            columns = np.arange(ink.shape[1], dtype=np.float32)[None, :]
            source = slant.source_column(columns, rise).astype(np.float32)
            rows = np.broadcast_to(np.arange(bottom - top, dtype=np.float32)[:, None], source.shape)
            out[top:bottom] = cv2.remap(ink[top:bottom], source, np.ascontiguousarray(rows), cv2.INTER_LINEAR)
        else:
            out[top:bottom] = _sheared(ink[top:bottom], slant.shear)
    return out


def _without_bare_strokes(ink: np.ndarray) -> np.ndarray:
    """The ink without its pieces that are one straight stroke (a 1, l, I or /): a writer's lean shows in every
    letter, but the slashes of a line of dates lean far on their own, and a lean measured from them would
    shear the whole line, slashes into 1s (`12/05/2026` read `1210512026`)."""
    pieces = ink_pieces(ink > INK_LEVEL)
    if not len(pieces):
        return ink
    labels, count = pieces.labels, len(pieces) + 1
    ys, xs = np.nonzero(labels)
    which = labels[ys, xs]
    area = np.concatenate([[1], pieces.area]).astype(np.float64)
    mx, my = np.bincount(which, xs, count) / area, np.bincount(which, ys, count) / area
    sxx = np.bincount(which, xs * xs, count) / area - mx**2
    syy = np.bincount(which, ys * ys, count) / area - my**2
    sxy = np.bincount(which, xs * ys, count) / area - mx * my
    # The spread along a piece's long axis against its short one (the eigenvalues of its second moments).
    half, root = (sxx + syy) / 2, np.sqrt(np.maximum(((sxx - syy) / 2) ** 2 + sxy**2, 0.0))
    elongation = np.sqrt((half + root) / np.maximum(half - root, 1e-6))
    stroke = (elongation >= BARE_STROKE_ELONGATION) & (area >= MIN_STROKE_PIXELS)
    stroke[0] = False
    return np.where(stroke[labels], 0.0, ink).astype(ink.dtype)
