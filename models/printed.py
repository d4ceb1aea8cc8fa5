"""Printed training glyphs, rendered from fonts and made to look photographed.

Each glyph is drawn at a random size, distorted (rotation, shear, stroke weight), laid on uneven paper with
blur, sensor noise and JPEG artefacts, turned back into an ink map the way the reader's white balance does,
boxed around the glyph's own ink at the character boxer's 0.35 level, and normalised by `normalise_glyph`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from models.fonts import drawing_scale, draws
from segmentation.normalise import normalise_glyph
from segmentation.pieces import INK_LEVEL


@lru_cache(maxsize=512)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def draw_char(char: str, path: Path, size: int) -> np.ndarray:
    """`char` drawn white on black at `size` px to the em, baseline two sizes down a three-size canvas."""
    font = _font(path, size)
    canvas = Image.new("L", (size * 3, size * 3), 0)
    ImageDraw.Draw(canvas).text((size, size * 2), char, fill=255, font=font, anchor="ls")
    return np.asarray(canvas, np.float32) / 255.0


def _trim(ink: np.ndarray, margin: int) -> np.ndarray:
    """Cut the drawing down to its ink plus a margin: every later step then works on a small patch."""
    rows, cols = np.flatnonzero(ink.max(axis=1) > 0), np.flatnonzero(ink.max(axis=0) > 0)
    if rows.size == 0:
        return ink
    top, left = max(0, rows[0] - margin), max(0, cols[0] - margin)
    return ink[top : rows[-1] + 1 + margin, left : cols[-1] + 1 + margin]


@lru_cache(maxsize=8192)
def has_glyph(path: Path, char: str) -> bool:
    """Whether the font draws `char` itself rather than its "missing glyph" box."""
    drawn = draw_char(char, path, 32)
    missing = draw_char("\U0010fffd", path, 32)
    return bool(drawn.any()) and not np.array_equal(drawn, missing)


def _distort(ink: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
    h, w = ink.shape
    angle = rng.normal(0, 1.5)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m[0, 1] += rng.uniform(-0.12, 0.12)
    ink = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR)
    roll = rng.random()
    k = max(2, round(size * rng.uniform(0.03, 0.07)))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    if roll < 0.2 and size >= 24:
        thin = cv2.erode(ink, kernel)
        ink = thin if thin.max() > 0.5 else ink
    elif roll < 0.4:
        ink = cv2.dilate(ink, kernel)
    return ink


def _photograph(ink: np.ndarray, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Lay the ink on paper and degrade it like a phone photo: the uint8 gray patch and its paper level."""
    h, w = ink.shape
    paper = rng.uniform(140, 250)
    ramp = np.linspace(0, 1, w)[None, :] * np.cos(rng.uniform(0, 6.3)) + np.linspace(0, 1, h)[:, None] * 0.5
    paper_map = (paper * (1.0 - rng.uniform(0, 0.25) * ramp)).astype(np.float32)
    ink_level = rng.uniform(0, 0.45) * paper
    gray = paper_map * (1 - ink) + ink_level * ink
    if rng.random() < 0.6:
        gray = cv2.GaussianBlur(gray, (0, 0), rng.uniform(0.3, 0.04 * size + 0.3))
    gray = gray + rng.normal(0, rng.uniform(0, 6), gray.shape).astype(np.float32)
    gray = np.clip(gray, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        ok, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 90))])
        gray = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE) if ok else gray
    return gray, paper_map


def _white_balance_patch(gray: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """The reader's white balance in miniature: divide by the paper level, map ink to 1 and paper to 0.

    The reader estimates paper over a window much larger than a glyph, so at glyph scale it is the true
    paper level; the patch uses that directly.
    """
    flat = gray.astype(np.float32) / np.maximum(paper, 1.0)
    black = float(np.quantile(flat, 0.001))
    white = max(min((black + 1.0) / 2.0, 0.92), black + 0.05)
    return np.clip((white - flat) / (white - black), 0, 1)


def render_glyph(char: str, font_path: Path, rng: np.random.Generator, scale: float = 1.0) -> np.ndarray | None:
    """One photographed, normalised 28x28 frame of `char`, or None if nothing legible survived.

    `scale` draws the face larger than the chosen size (whose blur and stroke changes still follow the size).
    """
    size = int(np.exp(rng.uniform(np.log(11), np.log(56))))
    ink = _distort(_trim(draw_char(char, font_path, round(size * scale)), max(4, size // 3)), rng, size)
    balanced = _white_balance_patch(*_photograph(ink, rng, size))
    # The box a good segmenter would draw: around the glyph's own ink, not around noise elsewhere in the patch.
    mask = ink > INK_LEVEL
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return None
    top, left = max(0, rows[0] - 1), max(0, cols[0] - 1)
    frame = normalise_glyph(balanced[top : rows[-1] + 2, left : cols[-1] + 2])
    return frame if frame.any() else None


def render_set(
    chars: tuple[str, ...], fonts: list[tuple[str, Path]], copies: int, seed: int
) -> tuple[np.ndarray, list[str], list[str]]:
    """`copies` frames of every char in every font face that has it: (frames, chars, family names)."""
    rng = np.random.default_rng(seed)
    frames, labels, families = [], [], []
    for _ in range(copies):
        for family, path in fonts:
            for char in chars:
                if not (has_glyph(path, char) and draws(family, char)):
                    continue
                frame = render_glyph(char, path, rng, drawing_scale(family))
                if frame is not None:
                    frames.append(frame)
                    labels.append(char)
                    families.append(family)
    stack = np.stack(frames) if frames else np.zeros((0, 28, 28), np.float32)
    return stack, labels, families
