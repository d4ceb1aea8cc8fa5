"""Underlines: a thin stroke level under a word or line for several glyphs, which is no text."""

import cv2
import numpy as np

from segmentation.characters import box_characters
from segmentation.lines import find_text_lines
from segmentation.pieces import glyph_height, ink_pieces
from segmentation.rules import remove_rules
from segmentation.underline import find_underlines
from segmentation.whitebalance import white_balance

LINES = ["UNDERLINED TITLE", "AND A LINE UNDER IT"]


def _underlined(page: np.ndarray, y: int, x0: int, x1: int, wave: float = 2.0) -> np.ndarray:
    """The page with a hand-drawn underline from x0 to x1 about row y, wandering `wave` pixels up and down."""
    out = page.copy()
    points = np.array([[x, y + wave * np.sin(x / 40.0)] for x in range(x0, x1, 4)], np.int32)
    cv2.polylines(out, [points], False, 30, 3, cv2.LINE_AA)
    return out


def _title_foot(page: np.ndarray) -> tuple[int, int, int]:
    """The first line's bottom row and its first and last inked columns."""
    ink = page < 128
    rows = np.flatnonzero(ink.any(axis=1))
    bottom = rows[np.flatnonzero(np.diff(rows) > 1)[0]]
    cols = np.flatnonzero(ink[: bottom + 1].any(axis=0))
    return int(bottom), int(cols[0]), int(cols[-1])


def test_an_underline_under_a_title_is_found_and_its_letters_are_boxed_again(draw_page) -> None:
    page = draw_page(LINES, line_gap=2.4)
    bottom, left, right = _title_foot(page)
    plain = white_balance(page).ink
    underlined = white_balance(_underlined(page, bottom + 4, left - 5, right + 5)).ink
    glyph = glyph_height(ink_pieces(underlined > 0.35))
    mask, count = find_underlines(underlined, glyph)
    assert count == 1 and mask[bottom + 2 : bottom + 8].any() and not mask[: bottom - 5].any()
    # Read as it is, the title is one box or a few; without the underline, one box a letter again.
    want = [len(box_characters(plain, line)) for line in find_text_lines(plain)]
    removal = remove_rules(underlined)
    assert removal.underlines == 1
    assert [len(box_characters(removal.ink, line)) for line in find_text_lines(removal.ink)] == want


def test_a_rule_running_on_past_the_writing_is_no_underline(draw_page) -> None:
    # Writing along most of it, but the rule runs on from edge to edge of a page half as wide again.
    page = draw_page(LINES, line_gap=2.4)
    bottom, left, right = _title_foot(page)
    page = np.pad(page, ((0, 0), (0, (right - left) // 2)), constant_values=235)
    ruled = white_balance(_underlined(page, bottom + 4, 5, page.shape[1] - 5, wave=0.0)).ink
    mask, count = find_underlines(ruled, glyph_height(ink_pieces(ruled > 0.35)))
    assert count == 0 and not mask.any()


def test_writing_alone_has_no_underline(draw_page) -> None:
    ink = white_balance(draw_page([*LINES, "MINIMUM NUMBER", "LLLL IIII MMMM"], line_gap=2.4)).ink
    mask, count = find_underlines(ink, glyph_height(ink_pieces(ink > 0.35)))
    assert count == 0 and not mask.any()
