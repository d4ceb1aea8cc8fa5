import cv2
import numpy as np

from segmentation.sharpen import MASK_AMOUNT, MAX_SIGMA, MIN_SIGMA, SAMPLE_PIXELS, edge_steepness, sharpening, unsharp
from segmentation.whitebalance import white_balance


def _small_print(blur: float) -> np.ndarray:
    """A few lines of small Hershey print, drawn at four times the size and shrunk (as a photo samples it),
    then blurred by `blur` pixels."""
    big = np.full((4 * 60, 4 * 260), 235, np.uint8)
    for row, text in enumerate(["minimum in the rain", "thin lines within"]):
        cv2.putText(big, text, (16, 4 * (22 + 26 * row)), cv2.FONT_HERSHEY_SIMPLEX, 2.4, 30, 6, cv2.LINE_AA)
    page = cv2.resize(big, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(page, (0, 0), blur) if blur else page


def test_a_blurred_page_has_shallower_edges_and_asks_for_the_mask() -> None:
    sharp, blurred, more = (white_balance(_small_print(b)).ink for b in (0.0, 1.0, 1.5))
    assert edge_steepness(more) < edge_steepness(blurred) < edge_steepness(sharp)
    assert sharpening(blurred)[0] == sharpening(more)[0] == MASK_AMOUNT
    assert MIN_SIGMA <= sharpening(blurred)[1] < sharpening(more)[1] <= MAX_SIGMA  # the mask's blur follows the page's
    assert sharpening(sharp)[0] == 0.0
    assert sharpening(np.zeros((40, 40), np.float32))[0] == 0.0  # no ink, no edges


def test_the_mask_opens_the_gaps_blur_closed() -> None:
    # Two dark strokes two pixels apart, blurred: the gap between them fills in; sharpened, it clears again.
    page = np.full((20, 30), 230, np.uint8)
    page[:, 10:13] = page[:, 15:18] = 40
    blurred = cv2.GaussianBlur(page, (0, 0), 1.2)
    sharpened = unsharp(blurred, 1.0, 1.2)
    gap, stroke = (slice(None), 13), (slice(None), 11)
    assert int(sharpened[gap].min()) - int(sharpened[stroke].max()) > int(blurred[gap].min()) - int(
        blurred[stroke].max()
    )
    assert unsharp(blurred, 0.0, 1.2) is blurred


def test_a_large_page_is_measured_at_a_stride_to_the_same_slope() -> None:
    small = white_balance(_small_print(1.0)).ink
    large = np.tile(small, (20, 12))  # over SAMPLE_PIXELS: every other pixel is measured
    assert large.size > SAMPLE_PIXELS
    assert abs(edge_steepness(large) - edge_steepness(small)) < 0.03
