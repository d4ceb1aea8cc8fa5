"""Binding holes: the punched or spiral holes down the edge of a notebook page, which are no text.

Through each hole shows whatever lies under the page, usually darker than the paper, so a photo of a notebook
page carries a column of dark blobs along one edge. Read, they become a column of `:`, `;`, `o` or `F` at the
start of every line. They are told from text by how regular they are: many pieces of one size and shape (each
about as wide as tall, filling most of its box), in one straight column close to the side of the page (or one
row along its top or bottom), evenly spaced along it over much of the page. A column of bullets or list numbers is
as regular, but every bullet has its line's text in its rows; holes run on past the text and between its lines.
And nothing lies beyond holes, towards the page's edge, while a column of round letters has writing on both sides.
"""

from __future__ import annotations

import numpy as np

from segmentation.pieces import INK_LEVEL, Pieces, ink_pieces

MIN_HOLES = 5  # fewer evenly spaced blobs are not enough to tell holes from chance
MIN_FILL = 0.45  # a hole fills most of its box (an ellipse fills 79%), strokes of letters far less ...
# ... and a column of holes does so all along (punched or photographed, a hole's median fill is 0.72-0.83), while
# a line of letters written with a marker fills a half (0.49-0.68: their counters and the gaps between strokes)
COLUMN_FILL = 0.65
MAX_ASPECT = 2.5  # ... and is at most this elongated
SAME_SIZE = 2.0  # every hole's area within this factor of the column's median
MAX_TILT = 8  # degrees: how far off upright the column may run
EDGE_SHARE = 0.2  # the column lies within this share of the page's width of its left or right side
SPAN_SHARE = 0.4  # and runs along at least this share of the page's height
EVEN_SPACING = 0.3  # gaps within this fraction of the median gap ...
EVEN_SHARE = 0.7  # ... for at least this share of them
MIN_PITCH = 1.4  # holes stand at least this many of their own lengths apart, centre to centre ...
CROWD = 0.2  # ... with at most this many other pieces (per hole) between them in their column ...
SPECK = 0.2  # ... not counting specks under this share of the smallest hole
# Bullets down a list are as regular as holes, but every one has its line's text in its rows; holes are spaced
# as the binding is, not as the writing, and some fall between lines or beyond the text.
ALONE_SHARE = 0.08  # at least this share of the holes have no ink in their rows towards the page's middle ...
OUTWARD_SHARE = 0.25  # ... and at most this share have ink in their rows towards its edge
# A column found, it is followed on past its ends one hole at a time, the next about one step on, where a page
# curled or seen in perspective bends it off the straight line, or the photo's edge cuts the last holes short.
STEP_SLACK = 0.3  # the next hole's middle within this share of a step of where the step puts it
CUT_SLACK = 0.5  # (a hole the edge cut across keeps its middle; one cut along the column loses up to half)


def find_binding_holes(ink: np.ndarray, pieces: Pieces | None = None) -> tuple[np.ndarray, int]:
    """The pixels (bool) of binding holes along any side of a white-balanced page (ink bright, 0..1), and how
    many holes; none when there is no such column or row. Run before deskew and the choice to enlarge small
    print: a column of small round blobs would pass for small text. `pieces`: the page's ink pieces, when
    already found."""
    pieces = pieces if pieces is not None else ink_pieces(ink > INK_LEVEL)
    found = np.zeros(len(pieces), bool)
    for transposed in (False, True):
        found |= _column_of_holes(pieces, ink.shape, transposed)
    if not found.any():
        return np.zeros(ink.shape, bool), 0
    return np.concatenate([[False], found])[pieces.labels], int(found.sum())


def _column_of_holes(pieces: Pieces, shape: tuple[int, ...], transposed: bool) -> np.ndarray:
    """Which pieces form a column of holes down the left or right side (with `transposed`, a row of holes along
    the top or bottom)."""
    x, y, w, h = (pieces.y, pieces.x, pieces.h, pieces.w) if transposed else (pieces.x, pieces.y, pieces.w, pieces.h)
    rows, cols = (shape[1], shape[0]) if transposed else (shape[0], shape[1])
    chosen = np.zeros(len(pieces), bool)
    blob = (pieces.area >= MIN_FILL * w * h) & (np.maximum(w, h) <= MAX_ASPECT * np.minimum(w, h)) & (w >= 3)
    centre, middle = x + w / 2, y + h / 2
    for side, inward in ((centre < EDGE_SHARE * cols, True), (centre > (1 - EDGE_SHARE) * cols, False)):
        candidates = np.flatnonzero(blob & side)
        if len(candidates) < MIN_HOLES:
            continue
        reach = float(np.median(w[candidates])) / 2  # a hole's centre lies this close to the column's line
        slope, offset = _straightest_line(candidates, centre, middle, reach)
        in_band = np.abs(centre - slope * middle - offset) <= reach
        column = candidates[in_band[candidates]]
        area = pieces.area[column]
        column = column[np.abs(np.log(area / np.median(area))) <= np.log(SAME_SIZE)]
        fill = pieces.area[column] / (w[column] * h[column])
        if len(column) < MIN_HOLES or float(np.median(fill)) < COLUMN_FILL:
            continue
        middles = np.sort(middle[column])
        gaps = np.diff(middles)
        pitch = float(np.median(gaps))
        even = np.abs(gaps - pitch) <= EVEN_SPACING * pitch
        if even.mean() < EVEN_SHARE or middles[-1] - middles[0] < SPAN_SHARE * rows:
            continue
        # Round letters of a line of text along the page's edge are as regular, but they stand closer together,
        # with other letters between them; holes stand apart, with nothing between them.
        between = in_band & (middle > middles[0]) & (middle < middles[-1]) & (pieces.area >= SPECK * area.min())
        if pitch < MIN_PITCH * float(np.median(h[column])) or between.sum() - len(column) > CROWD * len(column):
            continue
        level = y + slope * centre  # a text line runs square to the column, so its rows are counted so
        if not transposed and _alone_share(pieces, column, x, level, w, h, inward) < ALONE_SHARE:
            continue  # (lists have no bullets along the top: under a row of holes, text fills every column)
        # Holes lie beyond the writing: a column of round letters inside the text has more letters outside it.
        if 1.0 - _alone_share(pieces, column, x, level, w, h, not inward) > OUTWARD_SHARE:
            continue
        chosen[column] = True
        chosen[_run_on(pieces, column, blob, (centre, middle, w), rows)] = True
    return chosen


def _run_on(
    pieces: Pieces, column: np.ndarray, blob: np.ndarray, geometry: tuple[np.ndarray, ...], length: int
) -> list[int]:
    """The holes past the column's ends: from each end, the blob one step on (the step between the last two
    holes) whose box meets the box a hole would have there, until there is none. `geometry`: the pieces'
    centres across and along the column and their widths across it; `length`: the page's length along it. A
    hole cut short by the photo's edge counts however small it is left."""
    across, along, width = geometry
    rows, cols = pieces.labels.shape
    cut = (pieces.x <= 0) | (pieces.y <= 0) | (pieces.x + pieces.w >= cols) | (pieces.y + pieces.h >= rows)
    area = pieces.area[column]
    fits = blob & (pieces.area <= SAME_SIZE * area.max()) & (cut | (pieces.area >= SPECK * area.min()))
    reach = float(np.median(width[column])) / 2
    taken = set(column.tolist())
    order = column[np.argsort(along[column])]
    for end, before in ((order[-1], order[-2]), (order[0], order[1])):
        while True:
            next_across, next_along = 2 * across[end] - across[before], 2 * along[end] - along[before]
            step = abs(along[end] - along[before])
            if not -step / 2 <= next_along <= length + step / 2:  # (a hole half out of the frame still shows)
                break
            meets = np.abs(along - next_along) <= np.where(cut, CUT_SLACK, STEP_SLACK) * step
            meets &= np.abs(across - next_across) <= reach + width / 2
            found = [int(k) for k in np.flatnonzero(fits & meets) if int(k) not in taken]
            if not found:
                break
            end, before = min(found, key=lambda k: abs(along[k] - next_along)), end
            taken.add(end)
    return sorted(taken - set(column.tolist()))


def _straightest_line(
    candidates: np.ndarray, across: np.ndarray, along: np.ndarray, reach: float
) -> tuple[float, float]:
    """The straight line down the page (across = slope * along + offset), at up to MAX_TILT degrees off upright,
    that passes within `reach` of the most candidates' centres (a page photographed in perspective is not quite
    upright once its text is levelled)."""
    best, line = -1, (0.0, 0.0)
    for slope in np.tan(np.radians(np.arange(-MAX_TILT, MAX_TILT + 0.5, 1.0))):
        shifted = across[candidates] - slope * along[candidates]
        near = (np.abs(shifted[:, None] - shifted[None, :]) <= reach).sum(axis=1)
        seed = int(near.argmax())
        if near[seed] > best:
            best, line = int(near[seed]), (float(slope), float(shifted[seed]))
    return line


def _alone_share(
    pieces: Pieces, column: np.ndarray, x: np.ndarray, y: np.ndarray, w: np.ndarray, h: np.ndarray, inward: bool
) -> float:
    """The share of the column's pieces with no other ink in their rows (over half their height) on one side:
    towards the page's middle with `inward` (to the right of a left-hand column), else towards its edge; `y`
    counts rows square to the column, as the text runs on a page not yet levelled."""
    others = np.setdiff1d(np.arange(len(pieces)), column)
    alone = 0
    for i in column:
        near = x[others] >= x[i] + w[i] if inward else x[others] + w[others] <= x[i]
        overlap = np.minimum(y[others] + h[others], y[i] + h[i]) - np.maximum(y[others], y[i])
        alone += not bool((near & (overlap >= h[i] / 2)).any())
    return alone / len(column)
