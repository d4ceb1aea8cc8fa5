"""Ink under a lamp's reflection: lifted towards the paper, found again by its depth against the page's ink."""

import cv2
import numpy as np

from segmentation.glare import CLIPPED, ink_depth, restore_glare
from segmentation.pieces import INK_LEVEL
from segmentation.whitebalance import estimate_background, white_balance

LINES = ["GLARE ON THE PAGE", "LIFTS THE INK", "TO A PALE GREY", "THE EYE READS IT"]


def _with_glare(page: np.ndarray, centre: tuple[int, int], radius: int, light: float) -> np.ndarray:
    """The page with `light` grey levels added over a soft disc (a reflection), clipped as a sensor clips."""
    patch = np.zeros(page.shape, np.float32)
    cv2.circle(patch, centre, radius, 1.0, -1)
    patch = cv2.GaussianBlur(patch, (0, 0), radius / 4)
    return np.clip(page.astype(np.float32) + light * patch, 0, 255).astype(np.uint8)


def _flat(gray: np.ndarray) -> np.ndarray:
    return gray.astype(np.float32) / np.maximum(estimate_background(gray).astype(np.float32), 1.0)


def test_strokes_under_glare_are_ink_again_and_its_paper_stays_paper(draw_page) -> None:
    page = draw_page(LINES, paper=215)
    strokes = page < 100
    h, w = page.shape
    glared = _with_glare(page, (w // 3, h // 2), h // 3, 160.0)
    under = np.zeros(page.shape, bool)
    cv2.circle(under.view(np.uint8), (w // 3, h // 2), h // 5, 1, -1)
    assert (glared[under & ~strokes] >= CLIPPED).mean() > 0.9  # the reflection's core is blown out
    balance = white_balance(glared)
    assert 0.05 < balance.glare < 0.6
    assert (balance.ink[under & strokes] > INK_LEVEL).mean() > 0.8
    assert (balance.ink[under & (page > 200)] > INK_LEVEL).mean() < 0.002
    # Without the restoring, flattening alone loses the strokes under the reflection.
    flat = _flat(glared)
    assert (flat[under & strokes] > 0.7).mean() > 0.5


def test_a_page_without_glare_comes_back_unchanged(draw_page) -> None:
    page = draw_page(LINES, paper=215)
    flat = _flat(page)
    restored, share = restore_glare(flat, page, 0.01)
    assert restored is flat and share == 0.0


def test_a_blown_out_corner_of_ruled_paper_gains_no_ink(draw_page) -> None:
    page = draw_page(LINES, paper=215)
    h, w = page.shape
    ruled = np.hstack([page, np.full((h, w // 2), 215, np.uint8)])
    for y in range(20, h, 40):
        cv2.line(ruled, (0, y), (ruled.shape[1] - 1, y), 170, 2)
    light = np.clip((np.arange(ruled.shape[1]) - w) / (w // 2), 0, 1)[None, :] * 80.0  # clips the right part
    lit = np.clip(ruled + light, 0, 255).astype(np.uint8)
    flat = _flat(lit)
    restored, _ = restore_glare(flat, lit, 0.01)
    assert np.array_equal(restored[:, w + 40 :], flat[:, w + 40 :])


def test_ink_depth_sees_glyphs_not_rules() -> None:
    flat = np.ones((400, 400), np.float32)
    for y in range(10, 400, 30):
        flat[y : y + 2, :] = 0.7  # a ruled page's lines, 0.3 deep
    flat[300:320, 300:306] = 0.2  # one stroke of a glyph (5% of the page tall), 0.8 deep
    depth = ink_depth(flat, floor=0.1)
    assert depth[100, 100] < 0.1  # only rules round here
    assert depth[310, 303] > 0.7


def test_a_scan_white_all_over_is_no_reflection(draw_page) -> None:
    page = draw_page(LINES, paper=255)
    page[10:14, 10:14] = 200  # a faint speck of dust, far shallower than the print: no glare to deepen it from
    flat = _flat(page)
    restored, share = restore_glare(flat, page, 0.0)
    assert restored is flat and share == 0.0
