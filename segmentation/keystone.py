"""Keystone: lines that fan out because the page was photographed from one side.

A page photographed at an angle to its left or right edge is nearer the camera on one side: its lines run
closer together there and fan out towards the other side, so no single turn levels them all and the row
projection smears neighbouring lines together. Lines that fan out meet at one point off the page, and one
perspective map levels them all: the one taking the text's top line, tilted by half the fan one way, and its
bottom line, tilted half the fan the other way, to level lines. The fan is searched as the deskew searches its
angle, for the map after which the text's row profile is most peaked, and taken only when the text's left,
middle and right thirds then cross their lines at the same rows better than before: a map also squashes the
text on one side, which can sharpen a profile without levelling anything.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.deskew import box_through, rotate, rotation
from segmentation.types import Box

MAX_FAN = 20.0  # degrees between the text's top and bottom lines searched either way
MIN_FAN = 4.0  # degrees: a smaller fan smears no line into the next (and a hand's lines wander)
MIN_GAIN = 1.1  # the levelled page's row profile must be this many times as peaked as the deskewed page's
MIN_AGREEMENT = 0.02  # and the row profiles of its thirds must agree this much better (see _agreement)
EDGE_SHARE = 0.01  # the text's edges: where this share of its ink lies beyond, on each side
MIN_TEXT = 8  # pixels: text shorter or narrower than this (on the search copy) is not searched
EDGE_SPACING = 0.6  # see estimate_keystone
MID_STRIP = 0.2  # share of the text's width, about its middle, whose row profile counts the lines
SEARCH_WIDTH = 400  # the ink is shrunk to about this width for the search


@dataclass(frozen=True)
class Keystone:
    fan: float  # degrees between the levelling angles of the text's bottom and top lines (0: parallel)
    fans: np.ndarray  # every fan tried
    scores: np.ndarray  # how peaked the text's row profile is after each (see _peakedness)
    level: float  # the same for the deskewed page as it is
    matrix: np.ndarray  # 3x3 map from the deskewed page to the levelled one (identity when not applied)

    @property
    def applied(self) -> bool:
        return self.fan != 0.0


NO_KEYSTONE = Keystone(0.0, np.zeros(0), np.zeros(0), 0.0, np.eye(3))


def _extent(profile: np.ndarray) -> tuple[int, int]:
    """Where the text starts and ends along a profile, EDGE_SHARE of its ink beyond either end."""
    cumulative = np.cumsum(profile)
    start, end = np.searchsorted(cumulative, cumulative[-1] * np.array([EDGE_SHARE, 1 - EDGE_SHARE]))
    return int(start), int(end)


def _lines_mid_page(text: np.ndarray) -> int:
    """How many lines cross the middle strip of the text (runs of inked rows; a fan cannot blur them there)."""
    w = text.shape[1]
    strip = text[:, int(w * (0.5 - MID_STRIP / 2)) : int(w * (0.5 + MID_STRIP / 2)) + 1].sum(axis=1)
    inked = strip > strip.max() * 0.05
    return int(np.count_nonzero(inked[1:] & ~inked[:-1]) + inked[0])


def _peakedness(text: np.ndarray) -> float:
    """How peaked the text's row profile is, as its variance over its squared mean: unlike the variance
    alone, it does not grow when a map squashes the ink on one side into fewer rows."""
    profile = text.sum(axis=1).astype(np.float64)
    mean = profile.mean()
    return float(profile.var() / mean**2) if mean > 0 else 0.0


def _agreement(text: np.ndarray) -> float:
    """How well the row profiles of the text's left, middle and right thirds agree: the mean correlation of
    the pairs with ink in both."""
    w = text.shape[1]
    thirds = [text[:, k * w // 3 : (k + 1) * w // 3].sum(axis=1).astype(np.float64) for k in range(3)]
    pairs = [(a, b) for a, b in itertools.combinations(thirds, 2) if a.std() > 0 and b.std() > 0]
    return float(np.mean([np.corrcoef(a, b)[0, 1] for a, b in pairs])) if pairs else 0.0


def estimate_keystone(ink: np.ndarray) -> Keystone:
    """The fan of the deskewed page's lines, and the perspective map that levels them (identity when they run
    parallel)."""
    if ink.sum() <= 0:
        return NO_KEYSTONE
    scale = min(1.0, SEARCH_WIDTH / ink.shape[1])
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    (top, bottom), (left, right) = _extent(small.sum(axis=1)), _extent(small.sum(axis=0))
    if bottom - top < MIN_TEXT or right - left < MIN_TEXT or _lines_mid_page(small[top:bottom, left:right]) < 2:
        return NO_KEYSTONE
    # The lines must meet well off the text: at its edges the top and bottom lines stay EDGE_SPACING of their
    # mid-page distance apart at least (a larger fan squashes the text rather than levelling it).
    widest = 2.0 * np.degrees(np.arctan((1 - EDGE_SPACING) * (bottom - top) / (right - left)))
    limit = min(MAX_FAN, np.floor(widest))
    # The search maps the text alone, with room for its ends to move up or down by (1 - EDGE_SPACING) / 2.
    pad = int((1 - EDGE_SPACING) / 2 * (bottom - top)) + 2
    y0, y1 = max(0, top - pad), min(small.shape[0], bottom + pad)
    text = small[y0:y1, left:right]

    def levelled(fan: float) -> np.ndarray:
        level_map = _levelling_map(fan, top - y0, bottom - y0, 0, right - left)
        return cv2.warpPerspective(text, level_map, text.shape[::-1], flags=cv2.INTER_LINEAR)

    def score(fan: float) -> float:
        return _peakedness(levelled(fan))

    level = score(0.0)
    # Most pages' lines run parallel: a fan either way that leaves the profile no more peaked ends the search.
    near = np.array([-1.0, 0.0, 1.0])
    near_scores = np.array([score(-1.0), level, score(1.0)])
    if limit < MIN_FAN or near_scores.max() <= level:
        return Keystone(0.0, near, near_scores, level, np.eye(3))
    coarse = np.arange(-limit, limit + 1e-9, 1.0)
    coarse_scores = np.array([score(f) for f in coarse])
    centre = float(coarse[int(np.argmax(coarse_scores))])
    fine = np.clip(np.round(np.arange(centre - 0.9, centre + 0.91, 0.1), 2), -limit, limit)
    fine_scores = np.array([score(f) for f in fine])
    fans, scores = np.concatenate([coarse, fine]), np.concatenate([coarse_scores, fine_scores])
    order = np.argsort(fans, kind="stable")
    best = float(fine[int(np.argmax(fine_scores))])
    # A best fan at the end of the search is no peak: the score only keeps growing as the text is squashed.
    # And levelled lines cross the text's left, middle and right thirds at the same rows: a squash that only
    # sharpens the profile leaves them no more in agreement than before.
    peaked = abs(best) >= MIN_FAN and abs(centre) < limit and fine_scores.max() >= level * MIN_GAIN
    if not (peaked and _agreement(levelled(best)) >= _agreement(levelled(0.0)) + MIN_AGREEMENT):
        best = 0.0
    # The map found on the search copy, for the page's own pixels.
    matrix = np.eye(3)
    if best:
        matrix = _levelling_map(best, top / scale, bottom / scale, left / scale, right / scale)
    return Keystone(best, fans[order], scores[order], level, matrix)


def _levelling_map(fan: float, top: float, bottom: float, left: float, right: float) -> np.ndarray:
    """The perspective map taking the text's top line (row `top` mid-text, tilted by -fan/2) and its bottom line
    (row `bottom`, tilted by +fan/2) to level lines at those rows, from column `left` to column `right`."""
    middle = (left + right) / 2.0

    def row(y: float, angle: float, x: float) -> float:
        # A positive levelling angle (the deskew's) turns the page counter-clockwise: the line falls to the right.
        return y + np.tan(np.radians(angle)) * (x - middle)

    source = np.float32([[x, row(y, a, x)] for y, a in ((top, -fan / 2), (bottom, fan / 2)) for x in (left, right)])
    target = np.float32([[x, y] for y in (top, bottom) for x in (left, right)])
    return cv2.getPerspectiveTransform(source, target).astype(np.float64)


def straighten(image: np.ndarray, keystone: Keystone, angle: float = 0.0, fill: float = 0.0) -> np.ndarray:
    """The page turned by `angle` (the deskew's) and then through the keystone's map, in one resampling (the
    same size)."""
    if not keystone.applied:
        return rotate(image, angle, fill) if angle else image
    h, w = image.shape[:2]
    matrix = keystone.matrix @ np.vstack([rotation(image.shape, angle), [0.0, 0.0, 1.0]])
    return cv2.warpPerspective(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=fill)  # fmt: skip


def unstraighten_box(box: Box, keystone: Keystone, shape: tuple[int, ...]) -> Box:
    """The axis-aligned box, in the deskewed page, around a box found on the straightened page."""
    return box_through(box, np.linalg.inv(keystone.matrix), shape) if keystone.applied else box
