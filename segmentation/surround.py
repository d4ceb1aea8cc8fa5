"""What lies beyond the page: the desk or table that shows along the photo's edges, taken away before deskew.

A phone photo of a page rarely has the page square in its frame: a strip of desk shows along an edge, a wedge
where the page is turned or tilted. Flattening the background makes that strip a grey band of faint ink along
the photo's border, which the row projection reads as a line and the column projection as a column of `I`s.
It is not a rule (it is a wedge, not straight along the page's lines once the page is deskewed) and not an
outline (it runs along one edge, round nothing). What marks it is that it clings to the photo's border: in
row after row, over much of the side, the ink starts right at the border. Text that runs off the photo's edge
touches it only where its lines are, a glyph height at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segmentation.lines import true_runs
from segmentation.pieces import INK_LEVEL, ink_pieces

# The surround is looked for down to this faint an ink level: a grey desk is faint ink after white balance.
SURROUND_LEVEL = 0.06
# A stretch of the border over which ink starts at the border in every row (or column) is the surround when
# it covers at least this share of that side.
SIDE_SHARE = 0.3
MOSTLY = 0.5  # a piece of ink this much in the surround is the surround's, whole


@dataclass(frozen=True)
class Surround:
    ink: np.ndarray  # the page without what lies beyond it
    mask: np.ndarray  # bool, the pixels taken away
    sides: tuple[str, ...]  # the photo's sides where the surround was found: "top", "bottom", "left", "right"


def _from_border(binary: np.ndarray) -> np.ndarray:
    """For each row of `binary`, how many pixels from its left end on are all set."""
    full = binary.all(axis=1)
    return np.where(full, binary.shape[1], np.argmin(binary, axis=1))


def _clear_left(binary: np.ndarray) -> np.ndarray:
    """The pixels of the surround along the left side of `binary` (see the module's docstring)."""
    run = _from_border(binary)
    mask = np.zeros(binary.shape, bool)
    cols = np.arange(binary.shape[1])
    for start, stop in true_runs(run > 0):
        if stop - start >= SIDE_SHARE * binary.shape[0]:
            mask[start:stop] = cols[None, :] < run[start:stop, None]
    return mask


def _mostly_cleared(ink: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The pieces of ink with at least half their pixels in `mask`, whole. Where the desk is wide, flattening
    follows it and it is no ink, but its edge still is: a band along the page's edge that no longer starts at the
    photo's border, yet runs on from the part that does (a pencilled page's faint ink makes it a column of `I`s)."""
    pieces = ink_pieces(ink > INK_LEVEL)
    cleared = np.bincount(pieces.labels[mask], minlength=len(pieces) + 1)[1:]
    whole = np.concatenate([[False], cleared >= MOSTLY * pieces.area])
    return whole[pieces.labels]


def clear_beyond_page(ink: np.ndarray) -> Surround:
    """Take away the desk or table seen along the photo's edges (ink bright, 0..1)."""
    binary = ink > SURROUND_LEVEL
    mask = np.zeros(ink.shape, bool)
    sides = []
    # Each side turned to be the left one, cleared there, and turned back.
    for name, turn, back in (
        ("left", lambda a: a, lambda a: a),
        ("right", lambda a: a[:, ::-1], lambda a: a[:, ::-1]),
        ("top", lambda a: a.T, lambda a: a.T),
        ("bottom", lambda a: a[::-1].T, lambda a: a.T[::-1]),
    ):
        side = back(_clear_left(turn(binary)))
        if side.any():
            mask |= side
            sides.append(name)
    if not sides:
        return Surround(ink, mask, ())
    mask |= _mostly_cleared(ink, mask)
    return Surround(np.where(mask, 0.0, ink).astype(np.float32), mask, tuple(sides))
