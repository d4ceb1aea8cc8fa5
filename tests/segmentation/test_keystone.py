import cv2
import numpy as np
import pytest

from segmentation.keystone import estimate_keystone, straighten, unstraighten_box
from segmentation.types import Box
from segmentation.whitebalance import white_balance


def _photographed_from_the_side(page: np.ndarray, shrink: float, paper: int = 235) -> np.ndarray:
    """The page as a camera off to its right sees it: the left edge `shrink` of its height shorter at each end."""
    h, w = page.shape
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    seen = np.float32([[0, shrink * h], [w, 0], [w, h], [0, (1 - shrink) * h]])
    return cv2.warpPerspective(page, cv2.getPerspectiveTransform(corners, seen), (w, h), borderValue=paper)


def _line_rows(ink: np.ndarray, side: str) -> list[float]:
    """The middle row of each line of ink in a strip a tenth of the text wide near its left or right end."""
    cols = np.flatnonzero(ink.max(axis=0) > 0.5)
    width = cols[-1] - cols[0]
    x0 = cols[0] + width // 10 if side == "left" else cols[-1] - width // 5
    profile = ink[:, x0 : x0 + width // 10].sum(axis=1) > 0.5
    starts = np.flatnonzero(profile[1:] & ~profile[:-1]) + 1
    ends = np.flatnonzero(profile[:-1] & ~profile[1:]) + 1
    return [(a + b) / 2 for a, b in zip(starts, ends, strict=False)]


def test_lines_that_fan_out_are_levelled(draw_page) -> None:
    page = np.pad(draw_page(["AAAA BBBB CCCC", "DDDD EEEE FFFF", "GGGG HHHH IIII", "JJJJ KKKK LLLL"], size=1.2,
                            thickness=2), 40, constant_values=235)  # fmt: skip
    ink = white_balance(_photographed_from_the_side(page, 0.1)).ink
    left, right = _line_rows(ink, "left"), _line_rows(ink, "right")
    assert len(left) == len(right) == 4
    assert max(abs(a - b) for a, b in zip(left, right, strict=True)) > 8  # the outer lines run well off level

    keystone = estimate_keystone(ink)
    assert keystone.applied and keystone.fan > 0  # the lines open out to the right: the top rises, the bottom falls
    level = straighten(ink, keystone)
    left, right = _line_rows(level, "left"), _line_rows(level, "right")
    assert len(left) == len(right) == 4
    assert max(abs(a - b) for a, b in zip(left, right, strict=True)) < 5


@pytest.mark.parametrize("lines", [["PARALLEL LINES", "STAY AS THEY ARE", "ALL THREE"], ["ONE LINE ALONE"]])
def test_parallel_lines_are_left_alone(draw_page, lines) -> None:
    ink = white_balance(draw_page(lines)).ink
    keystone = estimate_keystone(ink)
    assert not keystone.applied and keystone.fan == 0.0
    assert straighten(ink, keystone) is ink


def test_a_box_on_the_levelled_page_maps_back_around_its_ink(draw_page) -> None:
    lines = ["AAAA BBBB CCCC", "DDDD EEEE FFFF", "GGGG HHHH IIII", "JJJJ KKKK LLLL"]
    page = np.pad(draw_page(lines, size=1.2, thickness=2), 40, constant_values=235)
    ink = white_balance(_photographed_from_the_side(page, 0.12)).ink
    keystone = estimate_keystone(ink)
    assert keystone.applied
    marked = np.zeros_like(ink)
    marked[60:80, 30:50] = 1.0  # a small square near the top left corner of the photographed page
    level = straighten(marked, keystone)
    rows, cols = np.flatnonzero(level.max(axis=1) > 0.5), np.flatnonzero(level.max(axis=0) > 0.5)
    found = Box(int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))
    back = unstraighten_box(found, keystone, ink.shape)
    assert back.x <= 31 and back.right >= 49 and back.y <= 61 and back.bottom >= 79
    assert back.w < 26 and back.h < 26
