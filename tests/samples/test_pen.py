"""Fine-pen handwriting for sample pages: a glyph's centre line, and the glyph redrawn along it with a thin pen."""

import importlib.util
from pathlib import Path

import cv2
import numpy as np

from segmentation.pieces import stroke_width

_SPEC = importlib.util.spec_from_file_location("pen", Path(__file__).resolve().parents[2] / "samples" / "pen.py")
pen = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(pen)


def _ell(width: int) -> np.ndarray:
    """A thick L: a vertical bar and a foot, `width` pixels wide, on a 60x60 tile."""
    tile = np.zeros((60, 60), bool)
    tile[5:55, 10 : 10 + width] = True
    tile[55 - width : 55, 10:50] = True
    return tile


def test_the_centre_line_of_a_thick_stroke_is_one_pixel_wide_and_keeps_its_length() -> None:
    line = pen.centre_line(_ell(9))
    assert cv2.connectedComponents(line.astype(np.uint8))[0] - 1 == 1  # still one stroke
    rows, cols = np.nonzero(line)
    assert rows.max() - rows.min() >= 40 and cols.max() - cols.min() >= 30  # both arms are there
    # One pixel wide: no 2x2 block of centre-line pixels anywhere.
    blocks = line[:-1, :-1] & line[1:, :-1] & line[:-1, 1:] & line[1:, 1:]
    assert not blocks.any()


def test_a_ring_keeps_its_hole() -> None:
    ring = np.zeros((60, 60), np.uint8)
    cv2.circle(ring, (30, 30), 20, 1, 8)
    line = pen.centre_line(ring.astype(bool)).astype(np.uint8)
    assert line.sum() > 80  # about the circumference, 2 * pi * 20
    assert cv2.connectedComponents(1 - line, connectivity=4)[0] - 1 == 2  # inside and outside are still apart


def test_a_glyph_redrawn_with_a_fine_pen_has_the_pens_width_and_shape() -> None:
    thick = _ell(9).astype(np.float32)
    assert stroke_width(thick > 0.5) > 7
    fine = pen.redraw_with_pen(thick, 3.0, np.random.default_rng(0))
    assert fine.shape == thick.shape and fine.min() >= 0 and fine.max() <= 1
    assert 2 <= stroke_width(fine > 0.3) <= 4.5
    assert (fine > 0.3)[thick == 0].sum() < 0.05 * (fine > 0.3).sum()  # drawn inside the old strokes
