"""Characters boxed column-wise inside a text line, each box then tightened to its ink vertically.

Other ways to cut a line (touching and broken glyphs) are proposed in segmentation/alternatives.py.
"""

from __future__ import annotations

import cv2
import numpy as np

from segmentation.lines import true_runs
from segmentation.pieces import INK_LEVEL, stroke_width
from segmentation.types import Box, Line

# A box with less ink than (SPECK_SIDE x line height)^2 pixels is a speck of dust, not a character.
SPECK_SIDE = 0.06
LINE_PER_GLYPH = 1.4  # a line band is about this many times its median glyph's height
MIN_SPECK_PIXELS = 4
# Nor is one with less ink than a dot DOT_OF_STROKE of the line's pen wide (paper grain beside a word reads as
# a period; a period is at least about as wide as the pen), nor DOT_OF_GLYPH of its glyph height.
# 0.5 and 0.8 read generated pages a little worse than 0.7.
DOT_OF_STROKE = 0.7
DOT_OF_GLYPH = 0.15
# A line whose median box is under this fraction of the page's median glyph height holds only specks.
SPECK_LINE = 0.3
# A smaller box is kept as a period when it holds this many pixels, sits within PERIOD_BASELINE glyph heights
# of the baseline, follows a glyph by no more than PERIOD_GAP glyph heights and is followed by PERIOD_SPACE.
MIN_PERIOD_PIXELS = 2
PERIOD_BASELINE = 0.15
PERIOD_GAP = 0.4
PERIOD_SPACE = 0.25
# A box cut off at the line's edge whose connected ink lies more than this share beyond the edge belongs to the
# neighbouring line.
ELSEWHERE_SHARE = 0.6
# A stroke-shaped box (narrower than BAR_BOX of its height) reaches out over ink above BAR_LEVEL joined to its own
# when that ink is a bar, in at most BAR_ROWS of its height per column (the faint cross-bar of a blurred t or f),
# past HALO columns of soft edge along the stroke; out to at most half its height.
BAR_BOX = 0.45
BAR_LEVEL = 0.15
BAR_ROWS = 0.4
HALO = 2
# A line whose median broad box is over RUN_TOGETHER times as wide as tall, its boxes' widths spread (the
# quartiles over RUN_SPREAD of the median apart), holds words, not letters (small print under blur): its typical
# glyph is taken as WIDEST_TYPICAL of its height instead.
RUN_TOGETHER = 1.2
WIDEST_TYPICAL = 0.8
RUN_SPREAD = 0.4


def column_profile(ink: np.ndarray, line: Line) -> np.ndarray:
    """Ink pixels per column inside the line's band: the column projection."""
    return (ink[line.top : line.bottom] > INK_LEVEL).sum(axis=0)


def tight_box(band: np.ndarray, top: int, x0: int, x1: int) -> Box | None:
    """The box over columns x0..x1 of a line's ink mask `band` (its first row at page row `top`), tightened to
    the rows that hold ink."""
    return rows_box(band[:, x0:x1], top, x0, x1)


def rows_box(mask: np.ndarray, top: int, x0: int, x1: int) -> Box | None:
    """The box over columns x0..x1 from the first to the last row of `mask` (those columns) with ink."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    return Box(x=x0, y=top + int(rows[0]), w=x1 - x0, h=int(rows[-1] - rows[0] + 1))


def _mostly_elsewhere(binary: np.ndarray, box: Box, line: Line) -> bool:
    """Whether a box touching the line's edge is the tip of a glyph that lives mostly beyond that edge."""
    height = line.bottom - line.top
    if box.bottom == line.bottom:
        y0, y1, edge = box.y, min(binary.shape[0], line.bottom + height), line.bottom - box.y
    elif box.y == line.top:
        y0, y1, edge = max(0, line.top - height), box.bottom, line.top - max(0, line.top - height)
    else:
        return False
    window = binary[y0:y1, box.x : box.right].astype(np.uint8)
    _, labels = cv2.connectedComponents(window, connectivity=8)
    inside = labels[:edge] if box.bottom == line.bottom else labels[edge:]
    outside = labels[edge:] if box.bottom == line.bottom else labels[:edge]
    ids = np.unique(inside[inside > 0])
    if ids.size == 0:
        return False
    mass_in = int(np.isin(inside, ids).sum())
    mass_out = int(np.isin(outside, ids).sum())
    return mass_out > ELSEWHERE_SHARE * (mass_in + mass_out)


def box_characters(ink: np.ndarray, line: Line) -> tuple[Box, ...]:
    """Box each run of inked columns of the line, tighten it to its inked rows, and drop specks and intruders.

    An intruder is the tip of a neighbouring line's glyph (a tall 6, a long descender) cut off at this line's
    edge: the ink it is connected to lies mostly beyond the edge.
    """
    binary = ink > INK_LEVEL
    band = binary[line.top : line.bottom]
    runs = [(x0, x1, int(band[:, x0:x1].sum())) for x0, x1 in true_runs(band.any(axis=0))]
    tight = [(box, mass) for x0, x1, mass in runs if (box := tight_box(band, line.top, x0, x1)) is not None]
    # Specks are judged against the glyphs' own height: a band stretched by a shadow or a page edge would
    # make a hyphen or a period look like dust.
    median_mass = float(np.median([mass for _, mass in tight])) if tight else 0.0
    heavy = [box for box, mass in tight if mass >= median_mass]  # not the specks
    glyph_height = float(np.median([b.h for b in heavy])) if heavy else float(line.height)
    speck = max(MIN_SPECK_PIXELS, (SPECK_SIDE * min(line.height, LINE_PER_GLYPH * glyph_height)) ** 2)
    stroke = stroke_width(band[:, [c for b in heavy for c in range(b.x, b.right)]]) if heavy else 0.0
    least_dot = min(DOT_OF_STROKE * stroke, DOT_OF_GLYPH * glyph_height) ** 2
    baseline = float(np.median([b.bottom for b in heavy])) if heavy else float(line.bottom)
    kept = []
    for k, (box, mass) in enumerate(tight):
        # Small print's period is a few pixels: under the speck size it still counts where a period stands,
        # on the baseline right after a glyph.
        # It ends a word: a word space or the line's end follows (a broken t's foot is followed by a letter).
        after = tight[k - 1][0] if k else None
        before = tight[k + 1][0] if k + 1 < len(tight) else None
        period = (
            mass >= max(MIN_PERIOD_PIXELS, least_dot)
            and after is not None
            and abs(box.bottom - baseline) <= PERIOD_BASELINE * glyph_height
            and box.x - after.right <= PERIOD_GAP * glyph_height
            and (before is None or before.x - box.right >= PERIOD_SPACE * glyph_height)
        )
        if (mass >= max(speck, least_dot) or period) and not _mostly_elsewhere(binary, box, line):
            kept.append(box)
    return tuple(kept)


def reach_faint_bars(ink: np.ndarray, box: Box) -> Box:
    """The box of a stroke-shaped glyph widened over a faint bar joined to it: a blurred t's cross-bar falls
    under the ink level, and the stem alone reads as an l. Other boxes come back as they are."""
    if box.w >= BAR_BOX * box.h:
        return box
    reach = box.h // 2
    x0, x1 = max(0, box.x - reach), min(ink.shape[1], box.right + reach)
    window = ink[box.y : box.bottom, x0:x1]
    _, labels = cv2.connectedComponents((window > BAR_LEVEL).astype(np.uint8), connectivity=8)
    own = labels[:, box.x - x0 : box.right - x0][window[:, box.x - x0 : box.right - x0] > INK_LEVEL]
    joined = np.isin(labels, np.unique(own[own > 0])).sum(axis=0)
    left = _bar_end(joined[: box.x - x0][::-1], box.h)
    right = _bar_end(joined[box.right - x0 :], box.h)
    # A cross-bar crosses: it shows on both sides (a one-sided reach is more often a neighbour's faint edge).
    return box if left == 0 or right == 0 else Box(box.x - left, box.y, box.w + left + right, box.h)


def _bar_end(columns: np.ndarray, height: int) -> int:
    """How many columns outward (from the stroke's edge) a bar runs: columns of joined ink no taller than
    BAR_ROWS of the height, after at most HALO taller ones; 0 when there is no such bar of two columns or more."""
    end = 0
    for k, rows in enumerate(columns):
        if rows == 0 or (rows > BAR_ROWS * height and k >= HALO):
            break
        if rows <= BAR_ROWS * height:
            end = k + 1
    thin = int(np.count_nonzero((columns[:end] > 0) & (columns[:end] <= BAR_ROWS * height)))
    return end if thin >= 2 else 0


def drop_speck_lines(lines: list[Line]) -> list[Line]:
    """The lines that hold glyphs: a line whose median box is under SPECK_LINE of the page's median glyph
    height is a row of specks (paper grain and bits of the page's edge along it, dust), not text."""
    heights = [box.h for line in lines for box in line.boxes]
    if not heights:
        return lines
    least = SPECK_LINE * float(np.median(heights))
    return [line for line in lines if float(np.median([box.h for box in line.boxes])) >= least]


def typical_width(boxes: list[Box], line: Line) -> float:
    """The width of a typical glyph of the line: the median of boxes that are not narrow (i, l, 1, marks),
    and never less than half the median glyph height."""
    if not boxes:
        return float(line.height)
    median_h = float(np.median([b.h for b in boxes]))
    broad = [b.w for b in boxes if b.w >= 0.35 * b.h]
    median_w = float(np.median(broad)) if broad else 0.0
    if median_w > RUN_TOGETHER * median_h and len(broad) >= 4:  # blurred small print run together into words?
        q1, q3 = np.percentile(broad, [25, 75])
        if q3 - q1 > RUN_SPREAD * median_w:  # words are of all lengths; a hand's broad letters are alike
            return WIDEST_TYPICAL * median_h
    return max(median_w, 0.5 * median_h)
