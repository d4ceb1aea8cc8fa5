import itertools

import cv2
import numpy as np

from segmentation.characters import box_characters
from segmentation.lines import find_text_lines
from segmentation.whitebalance import white_balance


def _boxes(page: np.ndarray):
    ink = white_balance(page).ink
    (line,) = find_text_lines(ink)
    return box_characters(ink, line), line


def test_separate_letters_get_one_box_each_left_to_right(draw_page) -> None:
    boxes, _ = _boxes(draw_page(["A B C D"]))
    assert len(boxes) == 4
    assert [b.x for b in boxes] == sorted(b.x for b in boxes)
    assert all(a.right <= b.x for a, b in itertools.pairwise(boxes))


def test_boxes_are_tightened_vertically_to_their_own_ink(draw_page) -> None:
    page = draw_page(["T y"])  # a cap and a letter with a descender: different vertical extents
    boxes, line = _boxes(page)
    cap, low = boxes
    for box in boxes:
        crop = page[box.slices] < 128
        assert crop[0].any() and crop[-1].any() and crop[:, 0].any() and crop[:, -1].any()
    assert low.bottom > cap.bottom  # the descender goes below the baseline
    assert line.top <= cap.y and low.bottom <= line.bottom


def test_specks_inside_the_line_are_dropped(draw_page) -> None:
    page = draw_page(["A    B"])
    (_, h), _ = cv2.getTextSize("A", cv2.FONT_HERSHEY_SIMPLEX, 1.6, 3)
    mid_x = page.shape[1] // 2
    page[40 + h // 2, mid_x] = 60  # one dark pixel of dust between the letters
    boxes, _ = _boxes(page)
    assert len(boxes) == 2
