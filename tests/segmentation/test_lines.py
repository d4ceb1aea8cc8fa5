import itertools

import cv2
import numpy as np

from segmentation.lines import find_text_lines, row_profile, split_merged, with_broad_pen
from segmentation.pieces import ink_pieces, stroke_width
from segmentation.whitebalance import white_balance


def _ink(page: np.ndarray) -> np.ndarray:
    return white_balance(page).ink


def test_three_lines_are_found_in_order_and_cover_their_ink(draw_page) -> None:
    page = draw_page(["FIRST LINE", "SECOND", "THIRD ONE"])
    ink = _ink(page)
    lines = find_text_lines(ink)
    assert len(lines) == 3
    assert [line.top for line in lines] == sorted(line.top for line in lines)
    covered = np.zeros(len(ink), bool)
    for line in lines:
        covered[line.top : line.bottom] = True
    inked_rows = row_profile(ink) > 1
    assert covered[inked_rows].all()
    assert all(a.bottom <= b.top for a, b in itertools.pairwise(lines))


def test_same_page_at_two_resolutions_gives_the_same_lines(draw_page) -> None:
    page = draw_page(["ONE", "TWO", "THREE", "FOUR"])
    big = cv2.resize(page, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    small, large = find_text_lines(_ink(page)), find_text_lines(_ink(big))
    assert len(small) == len(large) == 4
    for a, b in zip(small, large, strict=True):
        assert abs(b.top - 3 * a.top) <= 6 and abs(b.bottom - 3 * a.bottom) <= 6


def test_dots_above_a_line_join_it_rather_than_forming_a_line(draw_page) -> None:
    page = draw_page(["IIIIII"])
    tops = np.flatnonzero((page < 100).any(axis=1))
    for x in range(50, page.shape[1] - 50, 30):  # i-dots a little above the letters
        cv2.circle(page, (x, int(tops[0]) - 12), 3, 30, -1)
    lines = find_text_lines(_ink(page))
    assert len(lines) == 1
    assert lines[0].top <= tops[0] - 14


def test_a_lone_speck_is_not_a_line(draw_page) -> None:
    page = draw_page(["REAL TEXT", "MORE TEXT"])
    page = np.vstack([page, np.full((120, page.shape[1]), 235, np.uint8)])
    cv2.circle(page, (60, page.shape[0] - 50), 2, 30, -1)
    assert len(find_text_lines(_ink(page))) == 2


def test_empty_ink_gives_no_lines() -> None:
    assert find_text_lines(np.zeros((50, 50), np.float32)) == []


def test_two_lines_run_together_by_a_descender_are_cut_apart(draw_page) -> None:
    page = draw_page(["FIRST", "SECOND", "THIRD", "FOURTH"], line_gap=1.6)
    ink = _ink(page)
    before = find_text_lines(ink)
    assert len(before) == 4
    # Long strokes from line two down into line three (flourished descenders) glue their bands together.
    for x in range(60, page.shape[1] - 60, 24):
        page[before[1].top : before[2].top + 4, x : x + 3] = 30
    lines = find_text_lines(_ink(page))
    assert len(lines) == 4
    assert abs(lines[2].top - before[2].top) < 0.4 * before[2].height


def test_a_row_where_the_ascender_zone_meets_the_bodies_does_not_split_the_line() -> None:
    # One line drawn by hand: tall strokes (ascenders) over rows 40-70, letter bodies over rows 56-70, and the
    # row where the bodies start (55) happens to carry too little ink for a core, as the top of an x-height can.
    ink = np.zeros((120, 400), np.float32)
    for x in range(20, 380, 12):
        ink[56:70, x : x + 8] = 1.0  # bodies
    for x in range(20, 380, 36):
        ink[40:55, x : x + 3] = 1.0  # ascenders
    lines = find_text_lines(ink)
    assert len(lines) == 1
    assert lines[0].top <= 40 and lines[0].bottom >= 70


def _tall_band_with_a_valley() -> tuple[list[tuple[int, int]], np.ndarray]:
    """Three 40-row lines and one 100-row band whose ink per row falls to almost nothing in its middle."""
    profile = np.zeros(400)
    bands = [(0, 40), (60, 100), (120, 160), (200, 300)]
    for a, b in bands:
        profile[a:b] = 100.0
    profile[245:255] = 2.0
    return bands, profile


def test_a_tall_band_is_cut_at_its_valley_when_few_letters_cross_it() -> None:
    bands, profile = _tall_band_with_a_valley()
    ink = np.zeros((400, 300), bool)
    for k in range(10):  # two lines of ten letters each, one letter reaching from the upper into the lower
        ink[205:240, 30 * k : 30 * k + 20] = True
        ink[260:295, 30 * k : 30 * k + 20] = True
    ink[230:270, 0:20] = True
    assert split_merged(bands, profile, ink_pieces(ink)) == [*bands[:3], (200, 250), (250, 300)]
    # Flourishes that run from some letters of one line into the next glue them into pieces two lines tall:
    # those join lines, they are not letters of one.
    ink[238:262, 30:90:30] = True
    assert split_merged(bands, profile, ink_pieces(ink)) == [*bands[:3], (200, 250), (250, 300)]


def test_a_tall_band_whose_letters_cross_its_valley_is_one_wandering_line() -> None:
    # Letters whose tops rise above the line's middle and whose bodies reach below it: a line written uphill,
    # or with a few letters well above the others, is tall and thin in the middle, but it is one line.
    bands, profile = _tall_band_with_a_valley()
    ink = np.zeros((400, 300), bool)
    for k in range(10):
        top = (212, 222, 232)[k % 3]
        ink[top : top + 45, 30 * k : 30 * k + 20] = True
    assert split_merged(bands, profile, ink_pieces(ink)) == bands
    assert len(split_merged(bands, profile)) == 5  # without the pieces, only the profile speaks


def _fine_pen_capitals(ink: np.ndarray, top: int, height: int = 60) -> None:
    """Capitals E and F drawn with a 1 px pen: their bars are rows of ink, their stems a pixel each."""
    for k, x in enumerate(range(20, 380, 40)):
        cv2.line(ink, (x, top), (x, top + height), 1.0, 1)
        for bar in (0, height // 2) if k % 2 else (0, height // 2, height):
            cv2.line(ink, (x, top + bar), (x + 28, top + bar), 1.0, 2)


def test_letters_written_with_a_fine_pen_are_one_line_not_a_line_per_bar() -> None:
    # Between the bars only the 1 px stems carry ink, too little for a line core: each bar row is a core of its
    # own, but every bar hangs from a stem that runs through the others.
    ink = np.zeros((300, 400), np.float32)
    _fine_pen_capitals(ink, 40)
    _fine_pen_capitals(ink, 170)
    lines = find_text_lines(ink)
    assert [(line.top <= 40 + 1, line.bottom >= 40 + 60) for line in lines[:1]] == [(True, True)]
    assert len(lines) == 2 and lines[1].top <= 171 and lines[1].bottom >= 230


def test_the_row_projection_sees_a_fine_pen_page_drawn_with_a_broader_pen() -> None:
    fine = np.zeros((300, 400), np.float32)
    _fine_pen_capitals(fine, 40)
    _fine_pen_capitals(fine, 170)
    broad = with_broad_pen(fine)
    assert stroke_width(broad) >= 2 * stroke_width(fine)  # about a tenth of the 60 px letters
    # A page written with a pen a tenth of its letters' height is left as it is.
    ink = cv2.dilate(fine, np.ones((5, 5), np.uint8))
    assert with_broad_pen(ink) is ink


def test_a_heading_far_taller_than_the_body_text_is_one_line() -> None:
    # Its capitals rise alone above its small letters (no ascenders among them): the rows of their tops are light,
    # a valley as deep as the one between two lines, but the capitals cross it and they are letters, if the
    # heading's own, not the body text's.
    page = np.full((420, 900), 235, np.uint8)
    cv2.putText(page, "Camera Summer", (30, 110), cv2.FONT_HERSHEY_SIMPLEX, 2.6, 30, 4, cv2.LINE_AA)
    for row, text in enumerate(["the body text is read", "in three lines under it", "all of them small"]):
        cv2.putText(page, text, (30, 220 + 60 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 3, cv2.LINE_AA)
    lines = find_text_lines(_ink(page))
    assert len(lines) == 4
    assert lines[0].top <= 55 and lines[0].bottom >= 110  # the capitals' tops and the small letters' feet


def _small_hand(ink: np.ndarray, word: str, x: int, baseline: int, x_height: int = 20) -> None:
    """Lowercase handwriting: o and n as tall as the x-height, the stems of l, d and h nearly twice as tall (a
    hand's ascenders, taller than print's), the tails of p and g as far below."""
    reach = int(1.8 * x_height)
    for char in word:
        middle = (x + 8, baseline - x_height // 2)
        if char in "odpg":
            cv2.ellipse(ink, middle, (8, x_height // 2), 0, 0, 360, 1.0, 3)
        if char in "nh":
            cv2.ellipse(ink, middle, (8, x_height // 2), 0, 180, 360, 1.0, 3)
            cv2.line(ink, (x + 16, middle[1]), (x + 16, baseline), 1.0, 3)
        if char in "n":
            cv2.line(ink, (x, baseline - x_height), (x, baseline), 1.0, 3)
        if char in "lhd":
            stem = x + 16 if char == "d" else x
            cv2.line(ink, (stem, baseline - reach), (stem, baseline), 1.0, 3)
        if char in "pg":
            stem = x if char == "p" else x + 16
            cv2.line(ink, (stem, baseline - x_height), (stem, baseline + reach - x_height), 1.0, 3)
        x += 18 if char == " " else 24


def test_a_line_of_small_hand_keeps_its_tails_beside_a_sliver_of_page_edge() -> None:
    # The tails of a line of p's and g's form a band of their own under the bodies, folded into the line; the
    # line is then twice as tall as a line of x-height letters and may be two lines run together, but its tails
    # hang from letters that cross the valley. A strip of the page's edge at the foot of the photo is a band
    # too, heavy but a few rows tall: measured against it, the line was cut from its tails.
    ink = np.zeros((300, 560), np.float32)
    _small_hand(ink, "noon on no noon", 30, 60)
    _small_hand(ink, "hold on noon", 30, 140)
    _small_hand(ink, "gpo pop gong pg", 30, 220)
    ink[284:292, 10:550] = 1.0  # the page's edge
    text_lines = [(line.top, line.bottom) for line in find_text_lines(ink) if line.bottom < 280]
    assert len(text_lines) == 3
    assert text_lines[1][0] <= 140 - 36 and text_lines[1][1] >= 140  # the stems of h, l, d with their bodies
    assert text_lines[2][0] <= 220 - 20 and text_lines[2][1] >= 220 + 16  # the tails with theirs
