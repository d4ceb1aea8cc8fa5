"""Recovering a glyph's network input from its box on the original page (for review and fine-tuning).

The reader cut each glyph from the white-balanced, deskewed page; its reported box is that cut mapped back to
the original pixels. Segmenting the page again gives the same cuts, so a reported box finds its own 28x28
input exactly; a box that no longer matches (a page read by another version) is cut from the white-balanced
page directly.
"""

from __future__ import annotations

import numpy as np

from ocr.pipeline import frame_boxes, segment_page
from segmentation.errors import BlankPageError
from segmentation.normalise import normalise_glyph
from segmentation.types import Box
from segmentation.whitebalance import white_balance


def frames_for_boxes(gray: np.ndarray, boxes: list[Box]) -> list[np.ndarray]:
    """The normalised 28x28 network input of each box (in original page pixels)."""
    seg = segment_page(gray)
    # The reader's own inputs, already cut and normalised, by their box in page pixels.
    cut = frame_boxes(seg.lines, seg.alternatives)
    by_page_box = {seg.to_page(box): frame for box, frame in zip(cut, seg.frames, strict=True)}
    fallback = None
    frames = []
    for box in boxes:
        own = by_page_box.get(box)
        if own is not None:
            frames.append(own)
            continue
        if fallback is None:
            try:
                fallback = white_balance(gray).ink
            except BlankPageError:
                fallback = np.zeros(gray.shape, np.float32)
        frames.append(normalise_glyph(fallback[box.slices]))
    return frames
