"""Real handwriting for benchmark pages: EMNIST *test* glyphs (never trained on), placed as a hand writes them.

Capitals and digits stand on the baseline, a cap height tall. Small letters are EMNIST's own (a b d e f g h n q
r t) or, where EMNIST merged the two cases (c o s ... k l p y), its merged class (either case, written small):
x-height letters are two thirds of a capital, ascenders as tall as one, and g j p q y hang below the baseline.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from pen import redraw_with_pen

X_HEIGHT = 0.65  # a small letter's body against a capital's height
ASCENDERS = frozenset("bdfhklt")
DESCENDERS = frozenset("gjpqy")
HANG = 0.3  # of a capital's height, a descender below the baseline
DOTTED_HEIGHT = 0.85  # an i with its dot


def load_hand_glyphs(emnist: Path) -> dict[str, np.ndarray]:
    """EMNIST's test images of every digit, capital and small letter, by character. A capital's class holds its
    small letter too where EMNIST merged them (C is c or C), so such pages are scored case-insensitively."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from models.emnist import load_emnist

    test = load_emnist(emnist, "test")
    glyphs = {c: test.images[test.labels == k] for k, c in enumerate(test.classes)}
    for small in "abcdefghijklmnopqrstuvwxyz":
        glyphs.setdefault(small, glyphs[small.upper()])
    # EMNIST's L holds the small l too, a bare stroke: in a word of capitals it is an I to any reader. Block
    # capitals are what such pages show, so an L keeps its foot, and an l is a bare stroke.
    glyphs["l"] = np.array([g for g in glyphs["L"] if not has_a_foot(g)])
    glyphs["L"] = np.array([g for g in glyphs["L"] if has_a_foot(g)])
    return glyphs


def has_a_foot(tile: np.ndarray) -> bool:
    """Whether the ink of its bottom quarter is at least twice as wide as that of its top quarter."""
    rows = np.flatnonzero(tile.max(axis=1) > 60)
    if rows.size < 4:
        return False
    quarter = max(1, rows.size // 4)

    def width(band: np.ndarray) -> int:
        cols = np.flatnonzero(band.max(axis=0) > 60)
        return int(cols[-1] - cols[0] + 1) if cols.size else 0

    return width(tile[rows[-quarter:]]) >= 2 * width(tile[rows[:quarter]])


def glyph_height(char: str) -> float:
    """How tall `char` is written, against a capital's height."""
    if not char.islower() or char in ASCENDERS:
        return 1.0
    if char in DESCENDERS:
        return X_HEIGHT + HANG
    return DOTTED_HEIGHT if char in "ij" else X_HEIGHT


def hang(char: str) -> float:
    """How far below the baseline `char` reaches, against a capital's height."""
    return HANG if char in DESCENDERS else 0.0


def emnist_glyph(
    char: str, glyphs: dict[str, np.ndarray], rng: np.random.Generator, size: float, pen: float = 0.0
) -> np.ndarray:
    """One EMNIST test image of `char`, scaled so that it stands about glyph_height(char) * `size` tall, trimmed
    to its ink; with `pen`, redrawn along its centre line with a pen that fraction of `size` wide."""
    tile = glyphs[char][int(rng.integers(len(glyphs[char])))].astype(np.float32) / 255.0
    rows = np.flatnonzero(tile.max(axis=1) > 0.1)
    ink_rows = max(int(rows[-1] - rows[0] + 1), 1) if rows.size else 24
    # A capital fills EMNIST's 24-pixel box; a small letter's tile is as tall, so it is scaled by its own ink.
    scale = (size / 24.0 if glyph_height(char) == 1.0 else glyph_height(char) * size / ink_rows) * rng.uniform(
        0.85, 1.1
    )
    big = cv2.resize(tile, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC).clip(0, 1)
    if pen:
        big = redraw_with_pen(big, pen * size, rng)
    rows, cols = np.flatnonzero(big.max(axis=1) > 0.1), np.flatnonzero(big.max(axis=0) > 0.1)
    return big[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1] if rows.size else big
