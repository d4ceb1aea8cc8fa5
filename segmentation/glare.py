"""Ink under glare: a lamp's reflection on the page adds light to ink and paper alike.

Flattening divides the photo by its paper level, which undoes light that *multiplies* (fall-off, shadows) but
not light that *adds*: under a reflection the paper is lifted to white and the ink to a pale grey, so the
strokes keep only a fraction of their depth below the paper and fall under the white point. A reader's eye
finds them by their contrast against what is around them. Here the same: where the paper is blown out in part
of a page that is not white all over (a reflection is a patch: a scan or a screenshot is white everywhere) and
the ink nearby is much shallower than the page's ink elsewhere, the depth below the paper is stretched back
towards the page's.
"""

from __future__ import annotations

import cv2
import numpy as np

from segmentation.shrink import shrink_scale, shrunk

GLARE_SIDE = 400  # the depth of the ink nearby is measured on a grid of about this many cells along the long side
WINDOW = 15  # cells: the neighbourhood whose deepest ink is "the ink nearby" (about 4% of the page across)
RULE_CELLS = 25  # cells: a straight run of ink this long is a rule, not a stroke of a glyph
TYPICAL_QUANTILE = 0.75  # the page's ink depth: this quantile of the depths of the cells that hold ink
MAX_GAIN = 5.0  # no stroke is deepened more than this many times: beyond it, it is lost to the sensor
MIN_DEPTH_NOISE = 6.0  # a cell holds ink when its deepest ink is this many paper-noise spreads below the paper ...
MIN_DEPTH = 0.06  # ... and at least this deep
# Glare is paper lit up to where the sensor clips: light added on top of a page's own cannot be told from it
# otherwise (a page lit brighter on one side is no glare, and its ink there is as deep as anywhere) ...
CLIPPED = 253.0
USUAL_BELOW = 5.0  # ... on a page whose usual paper is at least this many grey levels darker ...
MAX_LIT_SHARE = 0.5  # ... over at most this share of the page ...
LIFTED = 0.6  # ... where the ink nearby is under this share of the page's ink depth


def ink_depth(flat: np.ndarray, floor: float, side: int = GLARE_SIDE) -> np.ndarray:
    """How far below the paper the deepest ink near each cell of a `side`-long grid lies (flattened scale, paper
    at 1): the page lightly smoothed (sensor noise would pass for ink), its minimum over each cell, its rules
    (pieces of cells at least `floor` deep, see _rules) taken away, then the deepest over WINDOW cells."""
    smooth = cv2.GaussianBlur(flat, (0, 0), 1.0)
    cell = int(1.0 / shrink_scale(flat.shape, side))
    if cell > 1:  # each cell's minimum, before shrinking averages a thin stroke away into its paper
        smooth = cv2.erode(smooth, cv2.getStructuringElement(cv2.MORPH_RECT, (cell, cell)))
    dark = 1.0 - shrunk(smooth, side)
    deepest = cv2.dilate(dark * ~_rules(dark, floor), cv2.getStructuringElement(cv2.MORPH_RECT, (WINDOW, WINDOW)))
    return np.clip(deepest, 0.0, 1.0)


def _rules(dark: np.ndarray, floor: float) -> np.ndarray:
    """Cells of ruled lines and page edges (bool): straight runs of ink RULE_CELLS long across or down the page
    (thickened first, so that a rule a few degrees off still runs straight through). In a bright corner of
    ruled paper they would pass for text whose ink the light lifted."""
    thick = cv2.dilate((dark >= floor).astype(np.uint8), np.ones((3, 3), np.uint8))
    rules = np.zeros(dark.shape, bool)
    for kernel in ((RULE_CELLS, 1), (1, RULE_CELLS)):
        rules |= cv2.morphologyEx(thick, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel)) > 0
    return rules


def restore_glare(flat: np.ndarray, gray: np.ndarray, noise: float) -> tuple[np.ndarray, float]:
    """The flattened page (paper ~1, ink lower) with the ink under a reflection deepened back towards the depth
    of the page's ink elsewhere. `gray` is the photo (ink dark) and `noise` the paper's spread on the flattened
    scale. Also returns the share of the page whose ink was deepened; pages without glare come back unchanged,
    as the very same array, with 0.0."""
    # The paper's level in each cell: the photo averaged over the cell and the cells around it (its noise with
    # it, and the overshoot of a sharpened or smoothly enlarged stroke's edge; the background estimate is a
    # maximum filter, which a noisy page near white pushes up to the clip), the ink skipped by taking the
    # brightest average around. Most photos clip nowhere, and are done here.
    paper = cv2.dilate(cv2.blur(shrunk(gray, GLARE_SIDE), (5, 5)), np.ones((3, 3), np.uint8))
    lit = paper >= CLIPPED
    if not lit.any() or lit.mean() > MAX_LIT_SHARE or float(np.median(paper)) > CLIPPED - USUAL_BELOW:
        return flat, 0.0
    floor = max(MIN_DEPTH, MIN_DEPTH_NOISE * noise)
    depth = ink_depth(flat, floor)
    holds_ink = depth >= floor
    if holds_ink.sum() < 0.02 * depth.size:
        return flat, 0.0
    typical = float(np.quantile(depth[holds_ink], TYPICAL_QUANTILE))
    lifted = holds_ink & lit & (depth < LIFTED * typical)
    gain = np.where(lifted, np.clip(typical / np.maximum(depth, 1e-6), 1.0, MAX_GAIN), 1.0)
    if float(gain.max()) <= 1.05:
        return flat, 0.0
    # The gain covers the cells around a lifted one (the ink it measured lies up to a window away) and fades
    # out smoothly, so that no edge of it is drawn into the page; no stroke is taken deeper than the page's ink.
    window = cv2.getStructuringElement(cv2.MORPH_RECT, (WINDOW, WINDOW))
    spread = cv2.GaussianBlur(cv2.dilate((gain - 1.0).astype(np.float32), window), (0, 0), WINDOW / 2)
    full = cv2.resize(spread, flat.shape[::-1], interpolation=cv2.INTER_LINEAR)
    deepened = np.maximum(1.0 - (1.0 + full) * (1.0 - flat), 1.0 - typical)
    return np.minimum(flat, deepened).astype(np.float32), float((spread > 0.05).mean())
