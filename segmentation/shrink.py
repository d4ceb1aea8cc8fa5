"""A page shrunk for the stages that look at it whole: its background, its outline, its glare."""

from __future__ import annotations

import cv2
import numpy as np


def shrink_scale(shape: tuple[int, ...], side: int) -> float:
    """The scale (at most 1) that brings a page's long side to about `side` pixels, but its short side not under
    a sixth of that: a long strip (a receipt, a banner) shrunk by its length would average its text away."""
    h, w = shape[:2]
    return min(1.0, max(side / max(h, w), side / 6 / min(h, w)))


def shrunk(gray: np.ndarray, side: int) -> np.ndarray:
    """The page scaled down by `shrink_scale`."""
    h, w = gray.shape
    scale = shrink_scale(gray.shape, side)
    return cv2.resize(gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
