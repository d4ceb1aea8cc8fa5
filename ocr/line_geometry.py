"""Where a line's letters reach: its baseline, x-height line and cap line, from the glyphs whose readings say so.

Handwritten lines rise or sag, so the boxes are first levelled along the line's own baseline.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from models.charset import LIGATURES
from segmentation.types import Box

# Evidence for the line metrics: letters whose label already says where they reach.
X_HEIGHT_EVIDENCE = frozenset("aenr")
# Not 0 1 2 5 8 9: letters in disguise too often. The typeset ligatures (ff fi fl ffi ffl) reach the ascenders.
TALL_EVIDENCE = frozenset("bdfhkltABDEFGHJKLMNPQRT3467") | frozenset(LIGATURES)
NOT_ON_BASELINE = frozenset("gjpqyQ.,;'\"-()")
# A line with at least this many glyphs on its baseline may bend (a curled page); its local baseline is the
# median of this many nearest ones.
BEND_MIN_SITTERS = 8
BEND_SITTERS = 5


@dataclass(frozen=True)
class LineMetrics:
    """Vertical landmarks of a line in page pixels (y grows downwards); None where the line gives no evidence."""

    baseline: float
    x_top: float | None
    cap_top: float | None
    typical_height: float

    @property
    def x_height(self) -> float:
        if self.x_top is not None:
            return self.baseline - self.x_top
        if self.cap_top is not None:
            return 0.68 * (self.baseline - self.cap_top)  # typical x-height / cap-height ratio
        return 0.75 * self.typical_height


def line_metrics(boxes: tuple[Box, ...], labels: list[str]) -> LineMetrics:
    """Baseline, x-height line and cap line from the glyphs whose labels are unambiguous about them."""
    sitters = [b.bottom for b, c in zip(boxes, labels, strict=True) if c.isalnum() and c not in NOT_ON_BASELINE]
    bottoms = sitters or [b.bottom for b in boxes]
    small = [b.y for b, c in zip(boxes, labels, strict=True) if c in X_HEIGHT_EVIDENCE]
    tall = [b.y for b, c in zip(boxes, labels, strict=True) if c in TALL_EVIDENCE]
    baseline = float(np.median(bottoms))
    x_top = float(np.median(small)) if small else None
    cap_top = float(np.median(tall)) if tall else None
    if x_top is not None and cap_top is not None and baseline - cap_top < 1.15 * (baseline - x_top):
        # Caps no taller than small letters: one of the two is misread. Trust the side with more witnesses.
        x_top, cap_top = (x_top, None) if len(small) >= len(tall) else (None, cap_top)
    return LineMetrics(baseline, x_top, cap_top, typical_height=float(np.median([b.h for b in boxes])))


def level_boxes(boxes: tuple[Box, ...], labels: list[str]) -> tuple[Box, ...]:
    """The boxes shifted up or down so that the line's baseline runs level.

    Handwritten lines rise or sag even on a deskewed page, and a curled book page bends its lines into arcs;
    comparing a glyph's height with the line's x-height only works along the local baseline. The straight
    part is the median slope between pairs of glyph bottoms (Theil-Sen), from the glyphs that sit on the
    baseline; on a long line, what bends away from that straight line is the median of the nearest sitters'
    departures from it.
    """
    on_baseline = [b for b, c in zip(boxes, labels, strict=True) if c.isalnum() and c not in NOT_ON_BASELINE]
    xs = np.array([(b.x + b.right) / 2 for b in on_baseline])
    bottoms = np.array([b.bottom for b in on_baseline])
    points = list(zip(xs, bottoms, strict=True))[:60]
    if len(points) < 3:
        return boxes
    slopes = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in itertools.combinations(points, 2) if x2 != x1]
    slope = float(np.clip(np.median(slopes), -0.2, 0.2)) if slopes else 0.0
    centre = float(np.mean([x for x, _ in points]))
    bend = _bend(xs, bottoms - slope * (xs - centre), boxes)
    return tuple(
        Box(b.x, b.y - round(slope * ((b.x + b.right) / 2 - centre) + bend[k]), b.w, b.h) for k, b in enumerate(boxes)
    )


def _bend(xs: np.ndarray, rests: np.ndarray, boxes: tuple[Box, ...]) -> np.ndarray:
    """How far each box's local baseline lies below the straight fit: the median departure of the BEND_SITTERS
    sitters nearest to it, less the line's median departure. Zero on lines too short to show a bend."""
    if len(xs) < BEND_MIN_SITTERS:
        return np.zeros(len(boxes))
    rests = rests - np.median(rests)
    local = []
    for b in boxes:
        nearest = np.argsort(np.abs(xs - (b.x + b.right) / 2), kind="stable")[:BEND_SITTERS]
        local.append(float(np.median(rests[nearest])))
    return np.array(local)
