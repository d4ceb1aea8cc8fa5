import cv2
import numpy as np
import pytest

from segmentation import normalise
from segmentation.normalise import (
    GLYPH_SIZE,
    INNER_SIZE,
    normalise_glyph,
    normalise_glyphs,
    standardise,
)
from segmentation.pieces import stroke_width


def _ink_bbox(frame: np.ndarray) -> tuple[int, int, int, int]:
    rows = np.flatnonzero(frame.max(axis=1) > 0.05)
    cols = np.flatnonzero(frame.max(axis=0) > 0.05)
    return rows[0], rows[-1], cols[0], cols[-1]


def test_tall_glyph_fills_24_rows_and_is_centred_with_a_2px_border() -> None:
    crop = np.zeros((60, 30), np.float32)
    crop[5:55, 10:20] = 1.0  # a bar 50 tall, 10 wide, with empty margins that must be cropped away
    frame = normalise_glyph(crop)
    assert frame.shape == (GLYPH_SIZE, GLYPH_SIZE) and frame.dtype == np.float32
    top, bottom, left, right = _ink_bbox(frame)
    assert (top, bottom) == (2, 2 + INNER_SIZE - 1)
    width = right - left + 1
    assert 4 <= width <= 6  # 10/50 of 24 px: the aspect ratio is kept, not stretched
    assert abs((left + right) / 2 - (GLYPH_SIZE - 1) / 2) <= 1.0
    assert frame[:2].max() == 0 and frame[-2:].max() == 0


def test_wide_glyph_fills_24_columns() -> None:
    crop = np.zeros((10, 80), np.float32)
    crop[3:7, :] = 1.0
    top, bottom, left, right = _ink_bbox(normalise_glyph(crop))
    assert (left, right) == (2, 25)
    assert bottom - top + 1 <= 3


def test_uint8_input_is_scaled_to_0_1_and_empty_crop_gives_zeros() -> None:
    crop = np.zeros((20, 20), np.uint8)
    crop[4:16, 8:12] = 255
    assert normalise_glyph(crop).max() == pytest.approx(1.0, abs=0.01)
    assert not normalise_glyph(np.zeros((5, 5))).any()


def test_batch_and_standardise_shapes_and_values() -> None:
    crops = [np.ones((10, 10)), np.zeros((3, 3))]
    batch = normalise_glyphs(crops)
    assert batch.shape == (2, 28, 28)
    x = standardise(batch, mean=0.2, std=0.5)
    assert x.shape == (2, 28, 28, 1)
    assert x[1].max() == pytest.approx(-0.4)


def test_rejects_non_2d_crops() -> None:
    with pytest.raises(ValueError, match="2-D"):
        normalise_glyph(np.zeros((3, 3, 3)))


def _ring(pen: int, size: int = 80) -> np.ndarray:
    crop = np.zeros((size + 10, size + 10), np.float32)
    cv2.circle(crop, (size // 2 + 5, size // 2 + 5), size // 2 - pen, 1.0, pen, lineType=cv2.LINE_AA)
    return crop


def test_a_fine_pen_is_drawn_like_emnist_s_broad_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # An O written with a 2 px pen 80 px tall (a fine pen in a phone photo) would shrink to a faint hairline;
    # it reaches the network as the same O written with a pen a tenth of its size.
    fine, broad = normalise_glyph(_ring(2)), normalise_glyph(_ring(8))
    assert stroke_width(fine) >= 0.07 * INNER_SIZE
    assert np.abs(fine - broad).mean() < 0.06
    # Without the broader pen the fine O would reach the network as a hairline; a broad pen is left alone.
    monkeypatch.setattr(normalise, "THIN_STROKE", 0.0)
    assert normalise_glyph(_ring(2)).sum() < 0.6 * fine.sum()
    assert np.array_equal(normalise_glyph(_ring(8)), broad)


def test_a_glyph_thousands_of_pixels_across_reads_as_its_small_self() -> None:
    # A whole page that segmentation left as one box, or a close-up's heading, in a fine pen: it is shrunk
    # before its pen is broadened (a maximum filter a hundred pixels wide took minutes on such a crop) and
    # reaches the network as the same O drawn small.
    huge, small = normalise_glyph(_ring(20, size=2000)), normalise_glyph(_ring(2, size=200))
    assert np.abs(huge - small).mean() < 0.03
    assert stroke_width(huge) >= 0.07 * INNER_SIZE
