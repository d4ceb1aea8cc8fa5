import itertools

import cv2
import numpy as np

from segmentation.characters import WIDEST_TYPICAL, box_characters, drop_speck_lines, reach_faint_bars, typical_width
from segmentation.lines import find_text_lines
from segmentation.pieces import INK_LEVEL
from segmentation.types import Box, Line
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
    ink = white_balance(page).ink > INK_LEVEL  # what the boxer counts as ink, anti-aliased rims joined
    for box in boxes:
        crop = ink[box.slices]
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


def test_a_hyphen_is_kept_in_a_line_band_stretched_by_a_shadow() -> None:
    # Glyphs 20 px tall in a band of 64 rows (a shadow or page edge widened it); the hyphen is 6x2 pixels.
    ink = np.zeros((64, 200), np.float32)
    for x in (10, 40, 120, 150):
        ink[40:60, x : x + 14] = 1.0
    ink[49:51, 90:96] = 1.0  # the hyphen
    ink[10, 180] = 1.0  # a speck of dust stays dust
    boxes = box_characters(ink, Line(top=0, bottom=64))
    assert [b.x for b in boxes] == [10, 40, 90, 120, 150]


def test_the_tip_of_a_taller_glyph_from_the_next_line_is_not_a_glyph_of_this_one(draw_page) -> None:
    page = draw_page(["ABC", "XYZ"], line_gap=1.9)
    ink = white_balance(page).ink
    first, second = find_text_lines(ink)
    # A tall stroke rising from line two into the bottom of line one's region, below its letters.
    x = page.shape[1] - 60
    page[first.bottom - 6 : second.bottom - 5, x : x + 4] = 30
    ink = white_balance(page).ink
    first, second = find_text_lines(ink)
    assert len(box_characters(ink, first)) == 3
    assert len(box_characters(ink, second)) >= 3  # the stroke itself belongs to line two


def test_a_period_smaller_than_a_speck_is_kept_where_a_period_stands() -> None:
    # Small print: glyphs 10 px tall (blocks), dots of 3 pixels. A dot on the baseline after a word, before a
    # word space, is a period; the same dot followed at once by a letter (a broken t's foot) and one floating
    # at mid-height are dust.
    ink = np.zeros((30, 200), np.float32)
    for x in (10, 18, 26, 60, 68, 76, 88, 110, 118, 126):
        ink[10:20, x : x + 6] = 1.0

    def dot(x: int, bottom: int) -> None:
        ink[bottom - 1, x], ink[bottom, x], ink[bottom, x + 1] = 1.0, 1.0, 1.0

    dot(34, 19)  # after the first word, then a word space
    dot(84, 19)  # then a letter 2 px later
    dot(134, 14)  # after the last word, but floating
    boxes = box_characters(ink, Line(top=0, bottom=30))
    assert [b.x for b in boxes] == [10, 18, 26, 34, 60, 68, 76, 88, 110, 118, 126]


def test_a_line_of_specks_is_dropped_and_a_line_of_small_print_kept() -> None:
    def line(top: int, heights: list[int]) -> Line:
        boxes = tuple(Box(x=20 + 30 * k, y=top, w=max(2, h // 2), h=h) for k, h in enumerate(heights))
        return Line(top=top, bottom=top + max(heights), boxes=boxes)

    grain = line(0, [2, 3, 2, 2, 40, 3, 2])  # paper grain along the page's edge, and a bit of the edge itself
    body = [line(40 + 50 * k, [30, 31, 29, 30, 22, 30]) for k in range(3)]
    footnote = line(200, [12, 13, 9, 12])  # print at 0.4 of the body's size
    assert drop_speck_lines([grain, *body, footnote]) == [*body, footnote]
    assert drop_speck_lines([]) == []


def _stem(bar_level: float = 0.0, halo: float = 0.0, bar_sides: str = "lr") -> tuple[np.ndarray, Box]:
    """A t as ink: a 4 px stem 24 tall (its box), a 2-row cross-bar of `bar_level` 4 px out on `bar_sides`, and a
    soft edge of `halo` one pixel wide down both sides of the stem."""
    ink = np.zeros((40, 60), np.float32)
    ink[8:32, 28:32] = 1.0
    ink[8:32, 27] = ink[8:32, 32] = halo
    if "l" in bar_sides:
        ink[14:16, 23:27] = bar_level
    if "r" in bar_sides:
        ink[14:16, 33:37] = bar_level
    return ink, Box(28, 8, 4, 24)


def test_a_stroke_reaches_over_the_faint_cross_bar_that_crosses_it() -> None:
    ink, box = _stem(bar_level=0.25, halo=0.3)  # the bar under the 0.35 ink level: not in the box
    assert reach_faint_bars(ink, box) == Box(23, 8, 14, 24)


def test_a_stroke_keeps_its_box_without_a_bar_or_with_ink_on_one_side_only() -> None:
    assert reach_faint_bars(*_stem(halo=0.3)) == Box(28, 8, 4, 24)  # a soft edge along the stroke is no bar
    assert reach_faint_bars(*_stem(bar_level=0.25, bar_sides="r")) == Box(28, 8, 4, 24)  # a neighbour's edge
    assert reach_faint_bars(*_stem(bar_level=0.05)) == Box(28, 8, 4, 24)  # haze, not ink
    ink, _ = _stem(bar_level=0.25)
    assert reach_faint_bars(ink, Box(20, 8, 20, 24)) == Box(20, 8, 20, 24)  # not stroke-shaped


def test_a_speck_thinner_than_the_pen_is_dust_even_where_a_period_stands() -> None:
    # Glyphs 20 px tall drawn with a 3-pixel pen. After the first word a 3-pixel speck of paper grain, after
    # the second a period as wide as the pen: both on the baseline, before a word space.
    ink = np.zeros((40, 260), np.float32)
    for x in (10, 26, 42, 90, 106, 122, 170):
        ink[10:30, x : x + 3] = ink[10:30, x + 9 : x + 12] = ink[10:13, x : x + 12] = 1.0  # an n
    ink[29, 57], ink[28, 57], ink[29, 58] = 1.0, 1.0, 1.0  # the speck
    ink[27:30, 137:140] = 1.0  # the period
    boxes = box_characters(ink, Line(top=0, bottom=40))
    assert [b.x for b in boxes] == [10, 26, 42, 90, 106, 122, 137, 170]


def test_a_typical_glyph_is_the_median_of_the_broad_boxes_unless_they_are_words_run_together() -> None:
    line = Line(top=0, bottom=40)
    letters = [Box(20 * k, 10, 14, 20) for k in range(5)] + [Box(100, 10, 3, 20)]  # and a narrow l
    assert typical_width(letters, line) == 14  # the l does not count
    # Blurred small print: letters run together into words, and the median box is a word.
    words = [Box(90 * k, 10, w, 20) for k, w in enumerate((30, 50, 80, 45, 70, 25))]
    assert typical_width(words, line) == WIDEST_TYPICAL * 20
    # A hand's broad capitals are letters still, wider than tall but alike: the median is taken as it is.
    wide = [Box(40 * k, 10, w, 20) for k, w in enumerate((27, 30, 33, 28, 31, 30))]
    assert typical_width(wide, line) == 30
