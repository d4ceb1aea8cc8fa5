"""A letter that hangs far below its line's baseline is one of the letters that do.

The network sees each glyph cropped and scaled alone, so a looped g (two bowls one above the other) can look
like an 8 or a B to it, and a hand's f with its tail below the line like a t. Where the glyph sits says more:
no B, t or L ever reaches below the baseline by half a small letter.
"""

from __future__ import annotations

import numpy as np

from models.charset import LIGATURES
from ocr.line_geometry import LineMetrics
from segmentation.types import Box

# Small letters that hang below the baseline in print or in a hand (a hand's f and z loop down too).
HANGING_LETTERS = "gjpqyfz"
# ...and capitals that may (Q's tail; a hand's J often drops below the line) and an italic face's ligatures,
# whose f hangs: never changed.
MAY_HANG = frozenset(HANGING_LETTERS) | frozenset("QJ") | frozenset(LIGATURES)
# A glyph whose bottom lies this many x-heights under the baseline hangs (a print descender reaches 0.4-0.6
# of the x-height; a hand's letters wander around their baseline by a quarter of it and less).
HANGS = 0.4
# The hanging letter the network ranks highest takes the glyph when it has at least this much probability.
HANGING_EVIDENCE = 0.001


def hanging_letters(
    labels: list[str], boxes: tuple[Box, ...], metrics: LineMetrics, probs: np.ndarray, index: dict[str, int]
) -> None:
    """Relabel in place each letter that cannot hang but does: it becomes the likeliest hanging letter.

    Only on lines of mostly small letters whose x-height the readings located: on a line of capitals a
    letter written low is more likely than a descender (and the x-height is a guess there).
    """
    if metrics.x_top is None:
        return
    letters = [c for c in labels if c.isalpha()]
    if sum(c.islower() for c in letters) <= len(letters) / 2:
        return
    candidates = [c for c in HANGING_LETTERS if c in index]
    if not candidates:
        return
    reach = metrics.baseline + HANGS * metrics.x_height
    for k, (label, box) in enumerate(zip(labels, boxes, strict=True)):
        if not label.isalpha() or label in MAY_HANG or box.bottom <= reach:
            continue
        best = max(candidates, key=lambda c: probs[k, index[c]])
        if probs[k, index[best]] >= HANGING_EVIDENCE:
            labels[k] = best
