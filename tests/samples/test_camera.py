"""The sample generator's camera model: a book page's curl, a shaking hand, pencil."""

import importlib.util
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

_SPEC = importlib.util.spec_from_file_location("camera", Path(__file__).resolve().parents[2] / "samples" / "camera.py")
camera = importlib.util.module_from_spec(_SPEC)
sys.modules["camera"] = camera  # its dataclasses look their module up there
_SPEC.loader.exec_module(camera)


def _ink_rows(image: np.ndarray, column: int) -> float:
    """The mean row of the dark pixels in one column."""
    return float(np.flatnonzero(image[:, column, 0] < 128).mean())


def test_a_curled_page_bows_its_lines_and_a_flat_one_does_not() -> None:
    ink = np.zeros((200, 400), np.float32)
    ink[98:102, 20:380] = 1.0  # one straight line of ink across the page
    flat = camera.photograph(ink, camera.Camera(), np.random.default_rng(0))
    assert _ink_rows(flat, 30) == _ink_rows(flat, 200) == _ink_rows(flat, 370)
    for seed in range(4):  # each seed draws its own kind of curl: an arc, or a rise towards either edge
        curled = camera.photograph(ink, camera.Camera(curl=0.05), np.random.default_rng(seed))
        rows = [_ink_rows(curled, c) for c in (30, 200, 370)]
        assert max(rows) - min(rows) >= 4  # bowed by a good part of the 10 pixels asked for
        assert max(abs(r - 100) for r in rows) <= 11


def test_a_page_seen_from_one_side_has_its_lines_fan_out_from_the_far_edge() -> None:
    ink = np.zeros((200, 400), np.float32)
    ink[38:42, 10:390] = ink[158:162, 10:390] = 1.0  # two straight lines across the page, 120 pixels apart
    for side_view, far in ((0.1, 15), (-0.1, 385)):  # the left edge further away, then the right one
        near = 400 - far
        seen = camera.photograph(ink, camera.Camera(side_view=side_view), np.random.default_rng(0))
        apart = {c: _ink_rows(seen[100:], c) + 100 - _ink_rows(seen[:100], c) for c in (far, near)}
        assert abs(apart[near] - 120) <= 2  # the near edge stays as it was
        assert 96 - 2 <= apart[far] <= 96 + 4  # the far edge a fifth shorter, the lines with it


def test_a_page_seen_from_below_has_its_upright_strokes_lean_in_towards_the_top() -> None:
    ink = np.zeros((200, 400), np.float32)
    ink[10:190, 48:52] = ink[10:190, 348:352] = 1.0  # two upright strokes, 300 pixels apart
    seen = camera.photograph(ink, camera.Camera(top_view=0.1), np.random.default_rng(0))[..., 0] < 128

    def columns(row: int) -> list[float]:
        cols = np.flatnonzero(seen[row])
        return [float(cols[cols < 200].mean()), float(cols[cols >= 200].mean())]

    # The page narrows steadily from its full width at the bottom edge to a fifth less at the top.
    for row in (15, 100, 185):
        left, right = columns(row)
        assert right - left == pytest.approx(300 * (1 - 0.2 * (1 - row / 200)), abs=3)


def test_a_shaking_hand_streaks_a_dot_into_a_line_as_long_as_the_shake() -> None:
    ink = np.zeros((60, 60), np.float32)
    ink[29:31, 29:31] = 1.0  # a dot
    still = camera.photograph(ink, camera.Camera(), np.random.default_rng(1))[..., 0] < 200
    shaken = camera.photograph(ink, camera.Camera(shake=11), np.random.default_rng(1))[..., 0] < 240
    assert still.sum() == 4
    rows, cols = np.nonzero(shaken)
    assert max(np.ptp(rows), np.ptp(cols)) >= 9  # drawn out along the streak, 11 pixels long


def test_pencil_is_grey_and_grainy_where_a_pen_is_dark_and_even() -> None:
    ink = np.zeros((40, 200), np.float32)
    ink[10:30, 20:180] = 1.0  # a broad stroke
    pen = camera.photograph(ink, camera.Camera(), np.random.default_rng(2))[10:30, 20:180, 0].astype(float)
    pencil = camera.photograph(ink, camera.Camera(pencil=True), np.random.default_rng(2))[10:30, 20:180, 0]
    assert pen.max() <= 60 and pen.std() == 0
    assert 90 <= np.median(pencil) < 200  # graphite grey on the 245 paper
    assert pencil.std() > 10  # the paper's grain shows through


def test_a_wooden_desk_shows_round_the_page_in_bands_of_grain() -> None:
    ink = np.zeros((100, 160), np.float32)
    plain, wood = (
        camera.photograph(ink, camera.Camera(desk=60, wood=w), np.random.default_rng(1)) for w in (False, True)
    )
    page = (slice(60, 160), slice(60, 220))
    assert np.array_equal(plain[page], wood[page])  # the page itself is the same
    wood_desk, dark_desk = (image[:40].astype(np.float32).mean(axis=2) for image in (wood, plain))
    assert wood_desk.mean() > dark_desk.mean()  # wood is lighter than the dark desk
    # Its grain runs in broad bands that a blur keeps; the dark desk's fine grain blurs away.
    broad = [float(cv2.GaussianBlur(d, (0, 0), 4).std()) for d in (wood_desk, dark_desk)]
    assert broad[0] > 2 * broad[1]


def test_glare_lifts_ink_and_paper_alike_and_clips_the_paper() -> None:
    ink = np.zeros((200, 300), np.float32)
    ink[:, ::10] = 1.0  # strokes everywhere, so that some lie under the reflection wherever it falls
    plain = camera.photograph(ink, camera.Camera(), np.random.default_rng(4))[..., 0].astype(np.float32)
    glared = camera.photograph(ink, camera.Camera(glare=150.0), np.random.default_rng(4))[..., 0].astype(np.float32)
    lifted = glared - plain
    core = lifted[..., ::10] > 100  # strokes under the reflection's core
    assert core.any() and (lifted < 0).sum() == 0
    assert (glared[..., 1::10][core] == 255).all()  # the paper beside them is blown out
    assert np.median(glared[..., ::10][core]) < 255  # the ink is a pale grey, not gone


def test_squared_paper_is_ruled_down_the_page_too() -> None:
    ink = np.zeros((200, 300), np.float32)
    ruled, squared = (
        camera.photograph(ink, camera.Camera(ruled=40, squared=s), np.random.default_rng(5))[..., 0]
        for s in (False, True)
    )
    columns = [float((image < 200).mean(axis=0).max()) for image in (ruled, squared)]
    assert columns[0] < 0.2 and columns[1] > 0.9  # a column of squared paper is a rule from top to bottom


def test_binding_holes_are_dark_ovals_down_the_left_side_or_along_the_top() -> None:
    ink = np.zeros((300, 400), np.float32)
    for seed in range(6):
        image = camera.photograph(ink, camera.Camera(holes=20), np.random.default_rng(seed))[..., 0]
        dark = image < 120
        left, top = dark[:, :50].sum(), dark[:50, :].sum()
        assert dark.sum() == max(left, top) > 0  # all of it along one side, none on the page beyond
        strip = dark[:, :50].any(axis=1) if left > top else dark[:50, :].any(axis=0)
        assert 0.3 < strip.mean() < 0.8  # ovals with paper between them, not a bar


def test_a_shadow_edge_is_as_sharp_as_asked() -> None:
    # Across the shadow's edge, row by row, the light steps from shaded to lit over a few pixels when the edge
    # is sharp and over tens of pixels when it is soft (the default).
    blank = np.zeros((600, 800), np.float32)

    def edge_width(edge: float) -> float:
        shot = camera.photograph(blank, camera.Camera(shadow=0.5, shadow_edge=edge), np.random.default_rng(6))
        row = shot[300, :, 0].astype(np.float32)
        shaded, lit = row.min(), row.max()
        assert lit - shaded > 0.4 * lit  # the shadow is there, half as bright
        return float(((row > shaded + 0.1 * (lit - shaded)) & (row < lit - 0.1 * (lit - shaded))).sum())

    assert edge_width(0.002) <= 6
    assert edge_width(0.04) >= 40
