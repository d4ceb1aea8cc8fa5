"""Redraw a handwritten glyph with a fine pen, for sample pages like phone photos of ballpoint writing.

EMNIST's strokes are 0.075-0.18 of the glyph's size; a ballpoint photographed at phone resolution draws
0.03-0.06. A glyph is thinned to its one-pixel centre line (Zhang-Suen thinning, written here with numpy so the
generator needs nothing beyond OpenCV) and drawn again along it with a pen of the wanted width, pressing harder
in some places than others.
"""

from __future__ import annotations

import cv2
import numpy as np


def centre_line(mask: np.ndarray) -> np.ndarray:
    """The one-pixel-wide centre line of a boolean ink mask, connected where the ink was (Zhang-Suen)."""
    img = np.pad(mask.astype(np.uint8), 1)
    while True:
        changed = False
        for step in (0, 1):
            centre = img[1:-1, 1:-1]
            # Neighbours clockwise from the one above: p2 p3 p4 p5 p6 p7 p8 p9.
            ring = [img[:-2, 1:-1], img[:-2, 2:], img[1:-1, 2:], img[2:, 2:],
                    img[2:, 1:-1], img[2:, :-2], img[1:-1, :-2], img[:-2, :-2]]  # fmt: skip
            p2, p4, p6, p8 = ring[0], ring[2], ring[4], ring[6]
            count = sum(ring[i].astype(np.int16) for i in range(8))
            rises = sum(((ring[i] == 0) & (ring[(i + 1) % 8] == 1)).astype(np.int16) for i in range(8))
            if step == 0:
                open_sides = ((p2 * p4 * p6) == 0) & ((p4 * p6 * p8) == 0)
            else:
                open_sides = ((p2 * p4 * p8) == 0) & ((p2 * p6 * p8) == 0)
            remove = (centre == 1) & (count >= 2) & (count <= 6) & (rises == 1) & open_sides
            if remove.any():
                centre[remove] = 0
                changed = True
        if not changed:
            return img[1:-1, 1:-1].astype(bool)


def redraw_with_pen(glyph: np.ndarray, pen: float, rng: np.random.Generator) -> np.ndarray:
    """`glyph` (ink 0..1) drawn again along its centre line with a pen `pen` pixels wide; ink 0..1, same shape.

    The pen presses unevenly (0.65-1.0 of full ink along the stroke), as a ballpoint does."""
    line = centre_line(glyph > 0.5).astype(np.uint8)
    width = max(1, round(pen))
    drawn = cv2.dilate(line, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width))).astype(np.float32)
    h, w = glyph.shape
    pressure = cv2.resize(rng.uniform(0.65, 1.0, (3, 3)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    return (cv2.GaussianBlur(drawn, (0, 0), 0.6) * pressure).clip(0, 1)
