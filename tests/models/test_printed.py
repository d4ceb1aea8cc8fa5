import numpy as np
import pytest

from models.charset import (
    CLASSES,
    LIGATURES,
    emnist_class,
    emnist_readings,
    ligature_letters,
    ligature_of,
    printed_readings,
)
from models.fonts import FAMILIES, HELD_OUT, drawing_scale, draws, font_files
from models.printed import draw_char, has_glyph, render_glyph, render_set


@pytest.fixture(scope="module")
def dejavu():
    faces = [path for family, path in font_files(False) if family == "DejaVu Sans"]
    if not faces:
        pytest.skip("DejaVu Sans is not installed (Debian package fonts-dejavu-core)")
    return faces[0]


def test_rendered_glyphs_are_normalised_frames(dejavu) -> None:
    rng = np.random.default_rng(0)
    frames = [render_glyph(c, dejavu, rng) for c in "A0g."]
    for frame in frames:
        assert frame is not None and frame.shape == (28, 28)
        assert frame[:2].max() == 0 and frame[-2:].max() == 0 and frame.max() > 0.5
    # The glyph fills the 24x24 inner box in its longer direction, as normalise_glyph promises.
    rows = np.flatnonzero(frames[0].max(axis=1) > 0.1)
    assert rows[-1] - rows[0] >= 20


def test_render_set_is_deterministic_and_labelled(dejavu) -> None:
    fonts = [("DejaVu Sans", dejavu)]
    a_frames, a_chars, a_families = render_set(("x", "7"), fonts, copies=2, seed=5)
    b_frames, b_chars, _ = render_set(("x", "7"), fonts, copies=2, seed=5)
    assert a_chars == b_chars == ["x", "7", "x", "7"]
    assert set(a_families) == {"DejaVu Sans"}
    assert np.array_equal(a_frames, b_frames)


def test_missing_glyphs_are_detected(dejavu) -> None:
    assert has_glyph(dejavu, "A")
    assert not has_glyph(dejavu, "\U0001d11e")  # a musical symbol DejaVu Sans does not draw


def test_held_out_families_are_never_trained_on() -> None:
    assert len(FAMILIES) - len(HELD_OUT) >= 20 and len(HELD_OUT) >= 3
    trained = {family for family, _ in font_files(False)}
    assert not trained & HELD_OUT


def test_reading_sets() -> None:
    assert printed_readings("o") == {"o", "O"} and printed_readings("a") == {"a"}
    assert printed_readings(",") == {",", "'"}
    # A printed bare stroke may be 1 as well (handwritten 1s are bare strokes); a printed 1 keeps its flag.
    assert printed_readings("l") == printed_readings("I") == {"l", "I", "1"} and printed_readings("1") == {"1"}
    assert emnist_readings("C") == {"c", "C"} and emnist_readings("a") == {"a"} and emnist_readings("D") == {"D"}
    assert emnist_class("c", tuple("0123ABCa")) == "C" and emnist_class(".", tuple("ABC")) is None
    assert len(CLASSES) == len(set(CLASSES)) == 87
    # Symbols, then ligatures last, so older models extend to them.
    assert "".join(CLASSES[-13:-5]) == "$%&@+=#*" and "".join(CLASSES[-5:]) == LIGATURES


def test_a_ligature_is_one_glyph_of_its_letters(dejavu) -> None:
    assert [ligature_letters(c) for c in LIGATURES] == ["ff", "fi", "fl", "ffi", "ffl"]
    assert ligature_of("fi") == "\ufb01" and ligature_of("h") == "h" and ligature_letters("h") == "h"
    assert has_glyph(dejavu, "\ufb01")  # DejaVu draws it, so it is rendered for training
    fi = render_glyph("\ufb01", dejavu, np.random.default_rng(0))
    assert fi is not None and fi.max() > 0.5


def test_small_capitals_are_not_trained_as_lowercase() -> None:
    # Humor Sans draws a and A alike: only its capitals carry their labels; other fonts give both cases.
    assert draws("Humor Sans", "A") and not draws("Humor Sans", "a") and draws("Humor Sans", "7")
    assert draws("Breip", "a") and draws("DejaVu Sans", "a")
    # School cursive: its lowercase, digits and marks are trained, its calligraphic capitals are not.
    assert draws("Ecolier", "a") and draws("Ecolier", "7") and not draws("Ecolier", "A")
    capitals_only = {f.name for f in FAMILIES if f.caps_only}
    faces = [(family, path) for family, path in font_files(False) if family in capitals_only]
    if not faces:
        pytest.skip("no capitals-only handwriting font installed (fonts-humor-sans, fonts-bwht)")
    _, chars, _ = render_set(("a", "A", "b", "1"), faces[:1], copies=1, seed=0)
    assert set(chars) <= {"A", "1"} and "A" in chars


def test_faces_with_small_letters_are_drawn_larger(dejavu) -> None:
    # School cursive's x-height is half most faces' at the same size: drawn at its scale it matches them.
    faces = [path for family, path in font_files(False) if family == "Ecolier"]
    if not faces:
        pytest.skip("the school-cursive face is not installed (Debian package fonts-ecolier-court)")

    def x_height(path, size: int) -> int:
        rows = np.flatnonzero(draw_char("x", path, size).max(axis=1) > 0.5)
        return int(rows[-1] - rows[0] + 1)

    plain, cursive = x_height(dejavu, 60), x_height(faces[0], 60)
    assert cursive < 0.6 * plain
    assert 0.75 * plain < x_height(faces[0], round(60 * drawing_scale("Ecolier"))) < 1.25 * plain
    assert drawing_scale("DejaVu Sans") == 1.0
