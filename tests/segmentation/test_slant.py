import cv2
import numpy as np
import pytest

from segmentation.lines import search_text_lines
from segmentation.slant import TRAINED_LEAN, Slant, deslant, estimate_slant
from segmentation.types import Box, Line
from segmentation.whitebalance import white_balance


def _ink_and_lines(page: np.ndarray) -> tuple[np.ndarray, tuple[Line, ...]]:
    ink = white_balance(page).ink
    return ink, search_text_lines(ink).lines


@pytest.mark.parametrize("lean", [-0.3, 0.35, 0.5])
def test_measures_a_writers_lean_and_takes_it_back(draw_page, lean_page, lean) -> None:
    page = lean_page(draw_page(["HILL TIMBER 1471", "LINE FIVE 141"], size=1.6, thickness=3), lean)
    ink, lines = _ink_and_lines(page)
    slant = estimate_slant(ink, lines)
    assert slant.measured == pytest.approx(lean, abs=0.05)
    assert slant.applied
    target = 0.0 if lean < 0 else TRAINED_LEAN  # left leans go upright, right leans to the network's own
    assert slant.shear == pytest.approx(lean - target, abs=0.05)
    after = estimate_slant(deslant(ink, slant), lines)
    assert after.measured == pytest.approx(target, abs=0.05)


@pytest.mark.parametrize("lean", [0.0, 0.15])
def test_upright_or_gently_leaning_writing_is_left_alone(draw_page, lean_page, lean) -> None:
    ink, lines = _ink_and_lines(lean_page(draw_page(["HILL TIMBER 1471", "LINE FIVE"]), lean))
    slant = estimate_slant(ink, lines)
    assert not slant.applied and slant.shear == 0.0
    assert slant.measured == pytest.approx(lean, abs=0.05)
    assert deslant(ink, slant) is ink


def test_rows_stay_where_they_were_so_the_lines_stay_the_lines(draw_page, lean_page) -> None:
    ink, lines = _ink_and_lines(lean_page(draw_page(["TIMBER HILL", "FIVE LINES"]), 0.45))
    upright = deslant(ink, estimate_slant(ink, lines))
    assert np.allclose(upright.sum(axis=1), ink.sum(axis=1), rtol=0.05, atol=1.0)  # each row keeps its ink
    assert [(line.top, line.bottom) for line in search_text_lines(upright).lines] == [
        (line.top, line.bottom) for line in lines
    ]


def test_too_little_ink_measures_nothing() -> None:
    ink = np.zeros((60, 200), np.float32)
    ink[20:40, 50:53] = 1.0  # one short stroke
    slant = estimate_slant(ink, [Line(10, 50)])
    assert not slant.applied and slant.measured == 0.0
    assert not estimate_slant(np.zeros((60, 200), np.float32), []).applied


@pytest.mark.parametrize(
    ("foot", "lean", "slant"),
    [
        (100, 0.5, Slant(shear=0.5, measured=0.5, bands=(Box(0, 0, 400, 100),))),  # its top 30 px right of its foot
        # near the right end of a line whose strokes fan out: the shear there is -0.2
        (320, -0.2, Slant(0.0, 0.0, (Box(0, 0, 400, 100),), gradient=-0.001, centre=120.0)),
    ],
)
def test_a_box_on_the_sheared_line_maps_back_around_the_same_ink(foot: int, lean: float, slant: Slant) -> None:
    ink = np.zeros((100, 400), np.float32)
    for y in range(20, 80):  # one stroke leaning as the shear at its place takes back
        x = foot + round(lean * (80 - y))
        ink[y, x : x + 4] = 1.0
    upright = deslant(ink, slant)
    rows, cols = np.flatnonzero(upright.max(axis=1) > 0.5), np.flatnonzero(upright.max(axis=0) > 0.5)
    assert cols[-1] - cols[0] < 8  # the stroke now stands in a few columns
    found = Box(int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))
    back = slant.to_page(found)
    cols0 = np.flatnonzero(ink.max(axis=0) > 0.5)
    assert back.x <= cols0[0] + 1 and back.right >= cols0[-1] and back.y == found.y and back.h == found.h
    assert back.w <= cols0[-1] - cols0[0] + 6


def test_a_box_outside_every_band_is_not_moved() -> None:
    outside = Box(10, 0, 5, 100)  # left of every band: mapped only if a band holds it
    assert Slant(0.5, 0.5, (Box(50, 0, 250, 100),)).to_page(outside) == outside


def test_a_page_of_many_long_lines_is_measured() -> None:
    # Forty lines of 2,400 px at 30 px each: laid side by side they would be wider than OpenCV's warps take.
    ink = np.zeros((40 * 40, 2400), np.float32)
    lines = []
    for k in range(40):
        top = k * 40 + 5
        for x in range(10, 2370, 30):
            for y in range(top, top + 24):  # two stems leaning 0.5 joined by a flat diagonal (no bare strokes)
                for stem in (x, x + 10):
                    ink[y, stem + round(0.5 * (top + 24 - y)) : stem + round(0.5 * (top + 24 - y)) + 3] = 1.0
                diagonal = x + round(0.5 * (top + 24 - y)) + round(10 * (top + 23 - y) / 23)
                ink[y, diagonal : diagonal + 3] = 1.0
        lines.append(Line(top, top + 30))
    slant = estimate_slant(ink, lines)
    assert slant.measured == pytest.approx(0.5, abs=0.05) and slant.applied


def test_the_slashes_of_a_line_of_dates_are_no_writers_lean() -> None:
    # Upright digits with slashes between them: the slashes lean far on their own, and measured with them the
    # lines leaned 0.25 and were sheared back, the slashes into upright strokes read as 1s.
    ink = np.zeros((200, 900), np.float32)
    for row, text in enumerate(["12/05/2026 14/07/2026", "11/10/2025 01/11/2021"]):
        cv2.putText(ink, text, (20, 70 + 80 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 1.0, 4, cv2.LINE_AA)
    slant = estimate_slant(ink, [Line(top=20, bottom=90), Line(top=100, bottom=170)])
    assert abs(slant.measured) < TRAINED_LEAN
    assert not slant.applied


def _seen_from_below(page: np.ndarray, shrink: float, paper: int = 235) -> np.ndarray:
    """The page as a camera below its middle sees it: the top edge `shrink` of its width shorter at each end."""
    h, w = page.shape
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    seen = np.float32([[shrink * w, 0], [(1 - shrink) * w, 0], [w, h], [0, h]])
    return cv2.warpPerspective(page, cv2.getPerspectiveTransform(corners, seen), (w, h), borderValue=paper)


def test_upright_strokes_that_fan_out_are_each_sheared_upright(draw_page) -> None:
    # Seen from below, the page's left strokes lean right and its right strokes lean left.
    lines = ["HILL TIMBER HILL NINE", "LINE FIVE TIMBER HILL", "NINE HILL LINE FIVE"]
    page = np.pad(draw_page(lines, size=1.2, thickness=2), 30, constant_values=235)
    ink, found = _ink_and_lines(_seen_from_below(page, 0.12))
    slant = estimate_slant(ink, found)
    assert slant.applied and slant.shear == 0.0 and slant.gradient < 0  # the lean falls from left to right
    after = estimate_slant(deslant(ink, slant), found)
    assert after.gradient == 0.0  # the thirds now lean alike
    flat_ink, flat_lines = _ink_and_lines(page)
    assert estimate_slant(flat_ink, flat_lines).gradient == 0.0
