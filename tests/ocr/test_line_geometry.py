"""A line's baseline, x-height and cap height from the glyphs whose readings say where they reach."""

from ocr.line_geometry import level_boxes, line_metrics
from segmentation.types import Box

BASE, XH, CAP = 100, 20, 30  # baseline y, x-height and cap height in pixels


def test_metrics_come_from_unambiguous_letters() -> None:
    boxes = (Box(0, BASE - CAP, 16, CAP), Box(20, BASE - XH, 14, XH), Box(40, BASE - XH, 14, XH + 8))
    metrics = line_metrics(boxes, ["T", "a", "g"])
    assert metrics.baseline == BASE
    assert metrics.x_height == XH
    assert metrics.cap_top == BASE - CAP
    # A "capital" no taller than the small letters: one side is misread; the side with more witnesses wins.
    short_t = (Box(0, BASE - XH, 16, XH), *boxes[1:2], Box(60, BASE - XH, 14, XH))
    assert line_metrics(short_t, ["T", "a", "e"]).cap_top is None


def test_a_sagging_line_is_levelled_along_its_own_baseline() -> None:
    # Five x-height letters whose line falls 2 pixels per glyph, and a capital among them.
    boxes = (*tuple(Box(20 * k, BASE - XH + 2 * k, 14, XH) for k in range(5)), Box(100, BASE - CAP + 10, 16, CAP))
    level = level_boxes(boxes, ["a", "e", "n", "r", "a", "T"])
    assert len({b.bottom for b in level[:5]}) == 1  # the small letters now share one baseline
    assert level[5].bottom == level[0].bottom  # and the capital sits on it too


def test_a_bowed_line_is_levelled_along_its_bend() -> None:
    # A curled book page: fourteen small letters whose baseline sags 10 pixels in the middle of the line, with
    # a capital at each end and one in the middle. A straight fit leaves the middle 5 pixels low.
    sag = [round(10 * (1 - ((k - 6.5) / 6.5) ** 2)) for k in range(14)]
    small = tuple(Box(20 * k, BASE - XH + sag[k], 14, XH) for k in range(14))
    capitals = (Box(-20, BASE - CAP, 16, CAP), Box(130, BASE - CAP + 10, 16, CAP), Box(280, BASE - CAP, 16, CAP))
    level = level_boxes(small + capitals, ["a", "e", "n", "r"] * 3 + ["a", "e"] + ["T"] * 3)
    assert max(b.bottom for b in level[:14]) - min(b.bottom for b in level[:14]) <= 3
    assert all(abs(b.bottom - level[0].bottom) <= 3 for b in level[14:])  # the capitals sit on it too
    # Metrics measured along the bend see the capitals as taller than the small letters everywhere.
    metrics = line_metrics(level, ["a", "e", "n", "r"] * 3 + ["a", "e"] + ["T"] * 3)
    assert metrics.cap_top is not None and metrics.x_top is not None
    assert metrics.baseline - metrics.cap_top > 1.3 * (metrics.baseline - metrics.x_top)
