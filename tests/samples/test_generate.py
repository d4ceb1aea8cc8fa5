"""The sample generator's handwriting from real EMNIST glyphs (benchmarks/pages.py --emnist), and in a fine pen."""

import importlib.util
import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

from segmentation.pieces import stroke_width

_SPEC = importlib.util.spec_from_file_location(
    "generate", Path(__file__).resolve().parents[2] / "samples" / "generate.py"
)
generate = importlib.util.module_from_spec(_SPEC)
sys.modules["generate"] = generate  # its dataclasses look their module up there
_SPEC.loader.exec_module(generate)
import emnist_hand  # noqa: E402  (beside generate.py, on the path it set)


def _tile(rows: slice, cols: slice) -> np.ndarray:
    tile = np.zeros((28, 28), np.uint8)
    tile[rows, cols] = 255
    return tile


def test_an_l_with_a_foot_is_told_from_a_bare_stroke() -> None:
    stroke = _tile(slice(2, 26), slice(12, 15))
    ell = stroke.copy()
    ell[22:26, 12:24] = 255
    assert emnist_hand.has_a_foot(ell) and not emnist_hand.has_a_foot(stroke)


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


def test_small_letters_from_given_glyphs_stand_at_the_x_height_and_descenders_hang() -> None:
    # Every tile alike: what differs between a, l and g is only where the hand puts them.
    tile = np.stack([_tile(slice(2, 26), slice(8, 20))])
    glyphs = {c: tile for c in "alg"}
    ink = generate.hand_ink("alg", 60, np.random.default_rng(2), uneven=0.0, glyphs=glyphs) > 0.5
    columns = np.flatnonzero(ink.any(axis=0))
    pieces = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1)
    assert len(pieces) == 3
    spans = [np.flatnonzero(ink[:, piece].any(axis=1))[[0, -1]] for piece in pieces]
    (a_top, a_bottom), (l_top, l_bottom), (g_top, g_bottom) = spans
    assert abs(a_bottom - l_bottom) <= 2 and g_bottom - a_bottom >= 0.2 * 60  # the g hangs
    assert l_top < a_top - 0.1 * 60 and abs(g_top - a_top) <= 0.15 * 60  # the l rises, the g does not


def test_small_hand_and_number_pages_hold_what_they_say() -> None:
    small = [generate.random_spec(i, np.random.default_rng(i), frozenset({"small-hand"})) for i in range(6)]
    assert all(s.kind == "hand" and s.text == s.text.lower() and any(c.isalpha() for c in s.text) for s in small)
    numbers = [generate.random_spec(i, np.random.default_rng(i), frozenset({"numbers"})) for i in range(6)]
    assert all(s.text.replace(" ", "").replace("\n", "").isdigit() for s in numbers)


def test_a_fine_pen_benchmark_page_is_large_handwriting_in_a_thin_pen() -> None:
    rng = np.random.default_rng(3)
    specs = [generate.random_spec(i, rng, frozenset({"fine-pen"})) for i in range(6)]
    assert {s.kind for s in specs} == {"hand"}
    assert all(50 <= s.size < 90 and 0.03 <= s.pen <= 0.06 for s in specs)
    thin = generate.hand_ink("HI", 60, np.random.default_rng(1), pen=0.04) > 0.5
    usual = generate.hand_ink("HI", 60, np.random.default_rng(1)) > 0.5
    assert stroke_width(thin) <= 0.06 * 60 < stroke_width(usual)


def test_a_small_print_benchmark_page_is_dense_blurred_prose_in_small_type() -> None:
    rng = np.random.default_rng(5)
    specs = [generate.random_spec(i, rng, frozenset({"small-print"})) for i in range(6)]
    assert {s.kind for s in specs} == {"print"} and all(15 <= s.size <= 22 for s in specs)
    assert all(s.font in generate.SMALL_PRINT_FONTS and 0.5 <= s.camera.blur <= 1.1 for s in specs)
    for spec in specs:
        lines = spec.text.split("\n")
        assert len(lines) >= 6 and all(len(line.split()) >= 8 for line in lines[:-1])
        assert spec.text[0].isupper() and spec.text.endswith(".") and "," in spec.text
        # Sentences: a full stop inside the text is followed by a capital, and only there.
        words = spec.text.split()
        assert all(b[0].isupper() == a.endswith(".") for a, b in itertools.pairwise(words))


def test_a_hard_shadow_benchmark_page_has_a_dark_sharp_edged_shadow() -> None:
    hard = [generate.random_spec(i, np.random.default_rng(i), frozenset({"hard-shadow"})) for i in range(6)]
    assert all(0.3 <= s.camera.shadow <= 0.6 and s.camera.shadow_edge <= 0.004 for s in hard)
    usual = [generate.random_spec(i, np.random.default_rng(i)) for i in range(6)]
    assert all(s.camera.shadow_edge == 0.04 for s in usual)  # other pages keep the soft shadow they had


def test_an_underline_runs_under_the_first_line_only_and_past_both_its_ends() -> None:
    ink = generate.print_ink("Title here\nbody text below it", "DejaVuSans.ttf", 30)
    before = ink.copy()
    generate.underline_first_line(ink, 30, np.random.default_rng(3))
    added = (ink > 0.5) & ~(before > 0.5)
    rows, cols = np.nonzero(added)
    title = np.flatnonzero((before[: rows.min()] > 0.5).any(axis=0))
    assert np.ptp(rows) <= 10  # one thin, gently waving stroke
    assert cols.min() < title[0] and cols.max() > title[-1]  # a little past the title's ends
    body_top = rows.max() + 1 + np.flatnonzero((before[rows.max() + 1 :] > 0.5).any(axis=1))[0]
    assert body_top - rows.max() > 3  # clear of the line below


def test_the_generators_help_lists_every_effect(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # argparse formats help texts with %, so an effect described as "30-60% darker" broke --help outright
    monkeypatch.setattr(sys, "argv", ["generate.py", "--help"])
    with pytest.raises(SystemExit) as stop:
        generate.main()
    assert stop.value.code == 0
    shown = capsys.readouterr().out
    assert all(f"--{name}" in shown for name in generate.EFFECTS)
