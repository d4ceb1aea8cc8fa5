"""Deskew: find the angle at which text lines run level, and turn the page by it.

Lines are level when the row projection is most peaked: rows cross either a line or the gap between lines,
so the variance of the row profile is largest. The search runs on a shrunken copy of the ink, coarse then
fine, over +-15 degrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.types import Box

MAX_ANGLE = 15.0
SEARCH_WIDTH = 700  # the ink is shrunk to about this width for the search
MIN_CORRECTION = 0.25  # degrees: below this, turning the page costs more sharpness than it gains


@dataclass(frozen=True)
class SkewEstimate:
    angle: float  # degrees; the page is turned by this much (counter-clockwise positive) to level its lines
    angles: np.ndarray  # every angle tried
    scores: np.ndarray  # the row-profile variance at each angle, relative to the unturned page

    @property
    def applied(self) -> bool:
        return abs(self.angle) >= MIN_CORRECTION


def rotation(shape: tuple[int, ...], angle: float) -> np.ndarray:
    """The 2x3 map that turns a page of `shape` about its centre by `angle` degrees (counter-clockwise)."""
    h, w = shape[:2]
    return cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)


def rotate(image: np.ndarray, angle: float, fill: float = 0.0) -> np.ndarray:
    """Turn an image about its centre, keeping its size (corners cut off hold `fill`)."""
    h, w = image.shape[:2]
    return cv2.warpAffine(image, rotation(image.shape, angle), (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)  # fmt: skip


def _profile_score(ink: np.ndarray, angle: float) -> float:
    return float(rotate(ink, angle).sum(axis=1).var())


def estimate_skew(ink: np.ndarray, max_angle: float = MAX_ANGLE) -> SkewEstimate:
    """The angle in [-max_angle, max_angle] that maximises the variance of the row profile."""
    scale = min(1.0, SEARCH_WIDTH / ink.shape[1])
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    coarse_scores = np.array([_profile_score(small, a) for a in coarse])
    centre = float(coarse[int(np.argmax(coarse_scores))])
    fine = np.round(np.arange(centre - 0.4, centre + 0.41, 0.1), 2)
    fine_scores = np.array([_profile_score(small, a) for a in fine])
    angles = np.concatenate([coarse, fine])
    scores = np.concatenate([coarse_scores, fine_scores])
    order = np.argsort(angles, kind="stable")
    base = _profile_score(small, 0.0) or 1.0
    # Prefer no turn when it scores within a hair of the best: text with no clear lines has flat scores.
    best = float(fine[int(np.argmax(fine_scores))])
    if fine_scores.max() <= base * 1.02:
        best = 0.0
    return SkewEstimate(angle=best, angles=angles[order], scores=scores[order] / base)


def unrotate_box(box: Box, angle: float, shape: tuple[int, ...]) -> Box:
    """The axis-aligned box, in the unturned page, around a box found on the page turned by `angle`."""
    if angle == 0.0:
        return box
    inverse = np.vstack([cv2.invertAffineTransform(rotation(shape, angle)), [0.0, 0.0, 1.0]])
    return box_through(box, inverse, shape)


def box_through(box: Box, matrix: np.ndarray, shape: tuple[int, ...]) -> Box:
    """The axis-aligned box, clipped to a page of `shape`, around `box`'s corners taken through the 3x3 map."""
    corners = np.array([[box.x, box.y, 1], [box.right, box.y, 1], [box.x, box.bottom, 1], [box.right, box.bottom, 1]],
                       float)  # fmt: skip
    mapped = corners @ matrix.T
    mapped = mapped[:, :2] / mapped[:, 2:]
    x0, y0 = np.floor(mapped.min(axis=0)).astype(int)
    x1, y1 = np.ceil(mapped.max(axis=0)).astype(int)
    h, w = shape[:2]
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    return Box(int(x0), int(y0), int(max(1, x1 - x0)), int(max(1, y1 - y0)))
