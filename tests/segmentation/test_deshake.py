import cv2
import numpy as np
import pytest

from segmentation import deshake
from segmentation.deshake import (
    LENGTH_STEP,
    MEASURE_PIXELS,
    MIN_LENGTH,
    NO_STREAK,
    STREAKED,
    Streak,
    darkness,
    measure_streak,
    other_lengths,
    remove_streak,
)
from segmentation.whitebalance import estimate_background


def _dark(page: np.ndarray) -> np.ndarray:
    return darkness(page, estimate_background(page))


@pytest.mark.parametrize(("length", "angle"), [(6, 0.0), (9, 30.0), (12, 120.0)])
def test_a_streak_is_measured_along_its_direction_and_length(draw_page, streak_page, length, angle) -> None:
    page = draw_page(["SHAKEN PAGE 42", "MOTION BLUR"], thickness=2)
    streak = measure_streak(_dark(streak_page(page, length, angle)))
    assert streak.applied and streak.evenness <= STREAKED
    assert min(abs(streak.angle - angle), 180 - abs(streak.angle - angle)) <= 10
    assert abs(streak.length - length) <= 2


def test_a_sharp_page_has_even_edges_and_is_left_alone(draw_page) -> None:
    page = draw_page(["SHAKEN PAGE 42", "MOTION BLUR"], thickness=2)
    streak = measure_streak(_dark(page))
    assert not streak.applied and streak.evenness > STREAKED
    assert remove_streak(page, streak) is page
    assert measure_streak(np.zeros((50, 50), np.float32)) == NO_STREAK  # no ink, no edges


def test_taking_the_streak_out_opens_the_gaps_it_closed(streak_page) -> None:
    # Two upright strokes 6 px apart, streaked sideways by 9 px: each stroke is smeared into a pale band and the
    # gap between them is hardly lighter than they are (163 against 141). Deconvolved, the strokes are dark again
    # and the gap stands out from them.
    page = np.full((60, 80), 230, np.uint8)
    page[10:50, 30:34] = page[10:50, 40:44] = 30
    streaked = streak_page(page, 9, 0.0)
    restored = remove_streak(streaked, Streak(0.0, 9, 0.3))
    gap, strokes = (slice(15, 45), slice(36, 38)), (slice(15, 45), slice(28, 46))

    def contrast(image: np.ndarray) -> int:
        return int(image[gap].mean()) - int(image[strokes].min())

    assert contrast(restored) > 3 * contrast(streaked)
    assert int(restored[strokes].min()) < 100 < int(streaked[strokes].min())
    assert restored.dtype == np.uint8 and restored.shape == page.shape


def test_a_large_page_is_measured_shrunk_to_the_same_streak(draw_page, streak_page) -> None:
    page = draw_page(["SHAKEN PAGE 42", "MOTION BLUR"], size=4.8, thickness=6)
    big = cv2.resize(page, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR)
    assert big.size > MEASURE_PIXELS  # measured at half size, the length doubled back
    streak = measure_streak(_dark(streak_page(big, 24, 60.0)))
    assert streak.applied and abs(streak.length - 24) <= 4
    assert min(abs(streak.angle - 60), 180 - abs(streak.angle - 60)) <= 10


def test_a_page_deconvolved_in_tiles_matches_it_deconvolved_whole(draw_page, streak_page, monkeypatch) -> None:
    # Tiles keep a 48-megapixel photo's memory down; their margins are wider than the streak, so the seams
    # do not show. (Tiles made small here, so that a small page has several.)
    photo = streak_page(draw_page(["SHAKEN PAGE 42", "MOTION BLUR"], thickness=2), 9, 30.0)
    streak = Streak(30.0, 9, 0.3)
    whole = remove_streak(photo, streak)
    monkeypatch.setattr(deshake, "TILE", 64)
    tiled = remove_streak(photo, streak)
    difference = np.abs(tiled.astype(int) - whole.astype(int))
    assert photo.shape[0] > 2 * 64 and difference.max() <= 8 and difference.mean() < 0.5


def test_other_lengths_are_a_little_shorter_and_longer_within_the_range_sought() -> None:
    assert [s.length for s in other_lengths(Streak(30.0, 9, 0.3))] == [9 - LENGTH_STEP, 9 + LENGTH_STEP]
    assert all(s.angle == 30.0 for s in other_lengths(Streak(30.0, 9, 0.3)))
    assert [s.length for s in other_lengths(Streak(30.0, MIN_LENGTH, 0.3))] == [MIN_LENGTH + LENGTH_STEP]
