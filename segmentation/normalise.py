"""Glyph normalisation: the one path every glyph takes to the network, at training and at reading time.

EMNIST's own recipe: crop to the ink, pad the short side to make a square, scale to 24x24 and centre that in a
28x28 frame (a 2 pixel border), ink bright on black. Doing the same here means the network sees a page glyph
exactly as it saw its training glyphs.
"""

from __future__ import annotations

import cv2
import numpy as np

from segmentation.pieces import broaden_strokes, stroke_width

GLYPH_SIZE = 28
INNER_SIZE = 24
# Pixels fainter than this (ink scale 0..1) do not count when cropping to the ink: anti-aliasing halo and noise.
INK_CROP_LEVEL = 0.12
# Stroke width over the glyph's longer side. EMNIST's pen strokes are 0.075-0.18 of it (5th-95th percentile,
# median 0.115); a fine pen photographed at phone resolution is often 0.03-0.05, a shape the network never saw.
# Strokes thinner than THIN_STROKE are thickened to TARGET_STROKE before scaling.
THIN_STROKE = 0.07
TARGET_STROKE = 0.1
# A crop longer than this is first shrunk to it (area-averaged, as the final resize does): thickening a glyph
# hundreds of pixels across is a maximum filter tens of pixels wide, and a whole page that segmentation left
# as one box took minutes. The frame ends 24 pixels across, so nothing it shows is lost.
WORK_SIDE = 256


def normalise_glyph(ink: np.ndarray) -> np.ndarray:
    """Turn an ink crop (any size, float ink 0..1 or uint8 0..255, ink bright) into a 28x28 float32 frame 0..1.

    An empty crop gives an all-zero frame.
    """
    crop = np.asarray(ink, dtype=np.float32)
    if crop.ndim != 2:
        raise ValueError(f"a glyph crop must be 2-D, got shape {crop.shape}")
    if crop.size and crop.max() > 1.0:
        crop = crop / 255.0
    frame = np.zeros((GLYPH_SIZE, GLYPH_SIZE), np.float32)
    inked = _crop_to_ink(crop)
    if inked is None:
        return frame
    crop = _thicken_thin_strokes(_within_work_side(inked))
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side), np.float32)
    top, left = (side - h) // 2, (side - w) // 2
    square[top : top + h, left : left + w] = crop
    # INTER_AREA averages when shrinking (keeps thin strokes visible); a tiny glyph is enlarged smoothly.
    interp = cv2.INTER_AREA if side > INNER_SIZE else cv2.INTER_LINEAR
    inner = cv2.resize(square, (INNER_SIZE, INNER_SIZE), interpolation=interp)
    border = (GLYPH_SIZE - INNER_SIZE) // 2
    frame[border : border + INNER_SIZE, border : border + INNER_SIZE] = np.clip(inner, 0.0, 1.0)
    return frame


def _thicken_thin_strokes(crop: np.ndarray) -> np.ndarray:
    """A crop (cut to its ink) whose strokes are far thinner than EMNIST's, drawn with a broader pen."""
    side = max(crop.shape)
    # A measured stroke is never under 2 px (a one-pixel line has as much outline as area): a glyph under
    # 2 / THIN_STROKE pixels, most print, cannot be thin, and is not measured (this runs for every glyph).
    if THIN_STROKE * side <= 2.0:
        return crop
    width = stroke_width(crop)
    if width == 0.0 or width >= THIN_STROKE * side:
        return crop
    grow = round(TARGET_STROKE * side - width)
    if grow < 2:
        return crop
    pad = grow // 2 + 1
    thick = _crop_to_ink(
        broaden_strokes(cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0.0), grow)
    )
    return crop if thick is None else thick


def _within_work_side(crop: np.ndarray) -> np.ndarray:
    """The crop shrunk, keeping its shape, so that its longer side is at most WORK_SIDE."""
    scale = WORK_SIDE / max(crop.shape)
    if scale >= 1.0:
        return crop
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    return cv2.resize(crop, size, interpolation=cv2.INTER_AREA)


def _crop_to_ink(crop: np.ndarray) -> np.ndarray | None:
    """The crop cut to the bounds of its ink (pixels over INK_CROP_LEVEL), or None when it has none."""
    if crop.size == 0:
        return None
    # OpenCV's bounding box of the non-zero pixels: this runs for every glyph, and numpy's any() along an
    # axis took most of normalisation's time.
    left, top, width, height = cv2.boundingRect(np.greater(crop, INK_CROP_LEVEL).view(np.uint8))
    if width == 0:
        return None
    return crop[top : top + height, left : left + width]


def normalise_glyphs(crops: list[np.ndarray] | np.ndarray) -> np.ndarray:
    """Normalise many crops into an (N, 28, 28) float32 batch."""
    out = np.zeros((len(crops), GLYPH_SIZE, GLYPH_SIZE), np.float32)
    for i, crop in enumerate(crops):
        out[i] = normalise_glyph(crop)
    return out


def standardise(frames: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Apply the training-time mean/std to normalised frames and add the channel axis the network expects."""
    x = (np.asarray(frames, np.float32) - np.float32(mean)) / np.float32(std)
    return x[..., None]
