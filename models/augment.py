"""Training-time augmentation: make clean EMNIST tiles look like glyphs cut from photographed pages.

Everything here works on ink-bright uint8/float tiles and ends with `normalise_glyph`, the same function the
reader uses, so augmented training glyphs and page glyphs share one normalisation.
"""

from __future__ import annotations

import cv2
import numpy as np

from segmentation.normalise import normalise_glyph

UPSCALE = 3  # work at 84x84 so that stroke thickening/thinning can be finer than one 28-pixel
# A share of tiles is only normalised: the network also sees handwriting exactly as the writer made it, not
# only the distorted copies (an all-distorted diet cost EMNIST test accuracy).
CLEAN_SHARE = 0.25


def random_affine(rng: np.random.Generator, size: int) -> np.ndarray:
    """A small random rotation, shear and anisotropic scale about the tile centre (a 2x3 matrix)."""
    angle = np.deg2rad(rng.uniform(-9.0, 9.0))
    shear = rng.uniform(-0.25, 0.25)
    sx, sy = rng.uniform(0.8, 1.2), rng.uniform(0.8, 1.2)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    lin = rot @ np.array([[1.0, shear], [0.0, 1.0]]) @ np.diag([sx, sy])
    centre = np.array([size / 2.0, size / 2.0])
    offset = centre - lin @ centre
    return np.hstack([lin, offset[:, None]]).astype(np.float32)


def augment_tile(tile: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One augmented, normalised 28x28 frame (float 0..1) from one ink-bright tile."""
    size = tile.shape[0] * UPSCALE
    big = cv2.resize(tile.astype(np.float32) / 255.0, (size, size), interpolation=cv2.INTER_LINEAR)
    # Pad so rotations and enlargements do not clip the glyph.
    pad = size // 4
    big = cv2.copyMakeBorder(big, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0.0)
    big = cv2.warpAffine(big, random_affine(rng, big.shape[0]), big.shape[::-1], flags=cv2.INTER_LINEAR)
    # Pen and print strokes range from hairline to heavy: thin or thicken about a third of the time each.
    roll = rng.random()
    if roll < 0.3:
        k = int(rng.integers(2, 2 + UPSCALE))
        big = cv2.erode(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        if big.max() < 0.3:  # thinned away: fall back to the untouched tile
            return normalise_glyph(tile)
    elif roll < 0.6:
        k = int(rng.integers(2, 3 + UPSCALE))
        big = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    if rng.random() < 0.25:
        big = cv2.GaussianBlur(big, (0, 0), rng.uniform(0.8, 2.5))
        big = big / max(float(big.max()), 1e-6)
    return normalise_glyph(big)


def augment_batch(tiles: np.ndarray, seed: int) -> np.ndarray:
    """Augment and normalise a whole array of tiles deterministically from `seed`."""
    rng = np.random.default_rng(seed)
    out = np.empty((len(tiles), 28, 28), np.float32)
    for i, tile in enumerate(tiles):
        out[i] = normalise_glyph(tile) if rng.random() < CLEAN_SHARE else augment_tile(tile, rng)
    return out
