"""The sample generator's camera model: a book page's curl bows its lines."""

import importlib.util
import sys
from pathlib import Path

import numpy as np

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


def test_a_shaking_hand_streaks_a_dot_into_a_line_as_long_as_the_shake() -> None:
    ink = np.zeros((60, 60), np.float32)
    ink[29:31, 29:31] = 1.0  # a dot
    still = camera.photograph(ink, camera.Camera(), np.random.default_rng(1))[..., 0] < 200
    shaken = camera.photograph(ink, camera.Camera(shake=11), np.random.default_rng(1))[..., 0] < 240
    assert still.sum() == 4
    rows, cols = np.nonzero(shaken)
    assert max(np.ptp(rows), np.ptp(cols)) >= 9  # drawn out along the streak, 11 pixels long
