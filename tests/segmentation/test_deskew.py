import numpy as np
import pytest

from segmentation.deskew import estimate_skew, rotate, unrotate_box
from segmentation.types import Box
from segmentation.whitebalance import white_balance


@pytest.mark.parametrize("tilt", [-12.0, -4.0, 3.0, 9.5])
def test_finds_the_angle_a_page_was_turned_by(draw_page, tilt) -> None:
    page = draw_page(["THE FIRST LINE OF TEXT", "AND A SECOND LINE", "A THIRD ONE HERE", "FOURTH"], size=1.0,
                     thickness=2)  # fmt: skip
    page = np.pad(page, 80, constant_values=235)
    turned = rotate(page, tilt, fill=235)
    estimate = estimate_skew(white_balance(turned).ink)
    assert estimate.angle == pytest.approx(-tilt, abs=0.4)
    assert estimate.applied
    assert estimate.scores.max() >= 1.0


def test_a_level_page_is_left_alone(draw_page) -> None:
    estimate = estimate_skew(white_balance(draw_page(["LEVEL TEXT", "STAYS LEVEL"])).ink)
    assert abs(estimate.angle) < 0.25 and not estimate.applied


def test_unrotate_box_maps_back_to_the_original_page() -> None:
    shape = (400, 600)
    ink = np.zeros(shape, np.float32)
    ink[190:210, 280:320] = 1.0  # a small block near the centre
    turned = rotate(ink, 10.0)
    rows, cols = np.flatnonzero(turned.max(axis=1) > 0.5), np.flatnonzero(turned.max(axis=0) > 0.5)
    found = Box(int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))
    back = unrotate_box(found, 10.0, shape)
    assert back.x <= 282 and back.right >= 318 and back.y <= 192 and back.bottom >= 208
    assert back.w < 60 and back.h < 40
    assert unrotate_box(found, 0.0, shape) == found
