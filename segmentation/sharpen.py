"""Sharpening a blurred page before it is read (small print as it is enlarged, or a page out of focus).

Blur (a phone's lens and focus at a few pixels to the letter) smears ink into the narrow gaps between letters,
and every pair of touching letters then reads as one. An unsharp mask (the page less a share of its own blurred
copy) restores the contrast at the edges, so the gaps clear again. A sharp page needs none, and would ring with
it: how blurred a page is shows in how steep its ink's edges are on the white-balanced page (ink 0..1), where a
sharp edge climbs about half the ink per pixel.
"""

from __future__ import annotations

import cv2
import numpy as np

BLURRED_EDGE = 0.55  # edges no steeper than this (the 99th percentile of the ink's slope per pixel) are blurred
SHARP_EDGE = 0.60  # edges this steep are sharp; in between, the mask is weakened in proportion
EDGE_FLOOR = 0.05  # slopes under this are paper grain, not edges
SAMPLE_PIXELS = 2_000_000  # pages larger than this are measured at a stride
MASK_AMOUNT = 1.0  # how much of the blurred copy is taken away, for a blurred page
# The mask's blur (in pixels of the page as photographed) follows the page's: a Gaussian blur of sigma s leaves
# a step's steepest slope at about 0.4 / s of the step, and the white balance's clipping steepens it again.
SIGMA_SLOPE = 0.5
MIN_SIGMA, MAX_SIGMA = 1.0, 3.0


def edge_steepness(ink: np.ndarray) -> float:
    """The 99th percentile of the ink's slope (per pixel, central differences) over its edges; 0 without ink.
    A large page is measured at every other (or n-th) pixel: the percentile does not need them all."""
    ink = ink.astype(np.float32)
    step = max(1, int(np.sqrt(ink.size / SAMPLE_PIXELS)))
    rows, cols = slice(1, -1, step), slice(1, -1, step)
    across = (ink[rows, 2::step] - ink[rows, 0:-2:step]) / 2
    down = (ink[2::step, cols] - ink[0:-2:step, cols]) / 2
    slope = np.hypot(across, down)
    edges = slope[slope > EDGE_FLOOR]
    return float(np.percentile(edges, 99)) if edges.size else 0.0


def sharpening(ink: np.ndarray) -> tuple[float, float]:
    """How much unsharp mask a page's white-balanced ink asks for (MASK_AMOUNT when blurred, none when sharp)
    and the mask's blur in the page's pixels."""
    steepness = edge_steepness(ink)
    if steepness <= 0.0:
        return 0.0, MIN_SIGMA
    amount = MASK_AMOUNT * float(np.clip((SHARP_EDGE - steepness) / (SHARP_EDGE - BLURRED_EDGE), 0.0, 1.0))
    return amount, float(np.clip(SIGMA_SLOPE / steepness, MIN_SIGMA, MAX_SIGMA))


def unsharp(gray: np.ndarray, amount: float, sigma: float) -> np.ndarray:
    """The 8-bit page with `amount` of its blurred copy (Gaussian, `sigma` pixels) taken away."""
    if amount <= 0.0:
        return gray
    page = gray.astype(np.float32)
    soft = cv2.GaussianBlur(page, (0, 0), sigma)
    return np.clip(page * (1.0 + amount) - amount * soft + 0.5, 0, 255).astype(np.uint8)
