"""The sample generator's handwriting from real EMNIST glyphs (benchmarks/pages.py --emnist)."""

import importlib.util
import sys
from pathlib import Path

import numpy as np

_SPEC = importlib.util.spec_from_file_location(
    "generate", Path(__file__).resolve().parents[2] / "samples" / "generate.py"
)
generate = importlib.util.module_from_spec(_SPEC)
sys.modules["generate"] = generate  # its dataclasses look their module up there
_SPEC.loader.exec_module(generate)


def _tile(rows: slice, cols: slice) -> np.ndarray:
    tile = np.zeros((28, 28), np.uint8)
    tile[rows, cols] = 255
    return tile


def test_an_l_with_a_foot_is_told_from_a_bare_stroke() -> None:
    stroke = _tile(slice(2, 26), slice(12, 15))
    ell = stroke.copy()
    ell[22:26, 12:24] = 255
    assert generate._has_a_foot(ell) and not generate._has_a_foot(stroke)


def test_handwriting_from_given_glyphs_sits_on_each_lines_baseline() -> None:
    glyphs = {"A": np.stack([_tile(slice(2, 26), slice(4, 24))]), "B": np.stack([_tile(slice(10, 26), slice(6, 22))])}
    ink = generate.hand_ink("AB\nBA", 40, np.random.default_rng(1), uneven=0.0, glyphs=glyphs)
    rows = np.flatnonzero(ink.max(axis=1) > 0.5)
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    assert len(bands) == 2  # two lines, nothing else
    for band in bands:
        # Both glyphs of a line end on the same row (the baseline), though one is half as tall as the other.
        line = ink[band[0] : band[-1] + 1] > 0.5
        columns = np.flatnonzero(line.sum(axis=0) >= 3)  # not the odd pixel of the scaling's ringing
        bottoms = [np.flatnonzero(line[:, c])[-1] for c in columns]
        assert max(bottoms) - min(bottoms) <= 1
