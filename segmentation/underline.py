"""Underlines: a stroke drawn under a word or a line, by hand or in print, which is no text.

An underline touches the descenders above it and spans the whole word, so the column projection finds no gap
between its letters: an underlined title was read as one wide glyph or a few (`-#we-`, `@WN+WWW+`). It is too short
and too wavy for a ruled line (a third of the page, straight), but it is what no letter is: a thin stroke running
level for several glyphs on end. Found at the ink level, with a little room to wave up and down, it goes to the
rules stage, whose bridging keeps the descenders that cross it.
"""

from __future__ import annotations

import cv2
import numpy as np

from segmentation.pieces import INK_LEVEL

UNDERLINE_GLYPHS = 3.0  # an underline runs level for at least this many glyph heights ...
WAVE = 0.15  # ... wandering up and down by at most this share of a glyph height ...
THIN = 0.3  # ... and is at most this share of a glyph height thick (in its typical column)
# An underline lies under writing along most of its length; a ruled line runs on past the writing, to the
# page's edges, and is the rules stage's (which leaves alone the ones it cannot tell from writing: taking a rule
# out of grainy pencil letters that cross it costs them more than the rule does).
UNDER_WRITING = 0.4  # writing in at least this share of its columns, a glyph height above it ...
OVERSHOOT = 0.2  # ... and at most this share of its length beyond the writing's ends


def find_underlines(ink: np.ndarray, glyph: float) -> tuple[np.ndarray, int]:
    """The pixels (bool) of underlines on a white-balanced, levelled page (ink bright, 0..1) whose typical glyph
    is `glyph` pixels tall, and how many there are."""
    if glyph <= 0:
        return np.zeros(ink.shape, bool), 0
    binary = (ink > INK_LEVEL).astype(np.uint8)
    wave = max(1, round(WAVE * glyph))
    length = max(3, round(UNDERLINE_GLYPHS * glyph))
    # Thickened up and down by its wave, a hand-drawn underline runs straight through; letters stay apart.
    thick = cv2.dilate(binary, np.ones((wave, 1), np.uint8))
    runs = cv2.morphologyEx(thick, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs & binary, connectivity=8)
    keep = np.zeros(count, bool)
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i, :5])
        # Its thickness is the typical column's: letters resting on it thicken it only where they touch.
        if w < length or np.median((labels[y : y + h, x : x + w] == i).sum(axis=0)) > THIN * glyph:
            continue
        band = slice(max(0, y - round(glyph)), y), slice(x, x + w)
        written = (binary[band] & (labels[band] != i)).any(axis=0)
        if written.mean() < UNDER_WRITING:
            continue
        ends = np.flatnonzero(written)
        keep[i] = (w - (ends[-1] - ends[0] + 1)) <= OVERSHOOT * w
    return keep[labels], int(keep.sum())
