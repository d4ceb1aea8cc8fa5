import cv2
import numpy as np
import pytest

from segmentation.pieces import broaden_strokes, glyph_height, ink_pieces, stroke_width


def _letters(mask: np.ndarray, height: int) -> None:
    for x in range(40, 560, 30):
        mask[100 : 100 + height, x : x + 4] = True  # stems
        mask[100:104, x : x + 18] = True  # bars


def test_glyph_height_is_the_letters_not_the_paper_grain_nor_a_rule() -> None:
    rng = np.random.default_rng(0)
    mask = np.zeros((400, 600), bool)
    _letters(mask, 40)
    assert glyph_height(ink_pieces(mask)) == 40
    # Textured paper: hundreds of grains of one to four pixels outnumber the letters twenty to one.
    ys, xs = rng.integers(0, 399, 400), rng.integers(0, 599, 400)
    mask[ys, xs] = True
    mask[ys[:300] + 1, xs[:300]] = True
    mask[ys[:300], xs[:300] + 1] = True
    mask[ys[:300] + 1, xs[:300] + 1] = True
    mask[300:303, :] = True  # a ruled line across the page
    assert abs(glyph_height(ink_pieces(mask)) - 40) <= 2


def test_no_ink_has_no_glyph_height() -> None:
    assert glyph_height(ink_pieces(np.zeros((20, 20), bool))) == 0.0


def test_stroke_width_is_measured_in_pixels() -> None:
    bar = np.zeros((70, 20), np.float32)
    bar[5:65, 7:13] = 1.0
    assert stroke_width(bar) == pytest.approx(6.0, rel=0.15)
    ring = np.zeros((90, 90), np.float32)
    cv2.circle(ring, (45, 45), 36, 1.0, 4, lineType=cv2.LINE_AA)
    assert abs(stroke_width(ring) - 4) <= 1  # anti-aliasing blurs the edge by about a pixel
    assert stroke_width(np.zeros((9, 9))) == 0.0
    assert abs(stroke_width(broaden_strokes(ring, 4)) - 8) <= 1.5  # a pen 4 px broader


def test_a_smaller_share_of_the_ink_finds_the_smaller_text() -> None:
    mask = np.zeros((300, 600), bool)
    mask[20:100, 20:580:40] = True  # a heading: 14 broad glyphs 80 px tall, two thirds of the ink ...
    mask[20:100, 21:580:40] = True
    for x in range(20, 580, 10):  # ... over 56 small ones 10 px tall
        mask[200:210, x : x + 2] = True
    pieces = ink_pieces(mask)
    assert glyph_height(pieces) == 80
    assert glyph_height(pieces, 0.25) == 10
