"""Straight strokes at any angle (a pen lying on the page) are found; writing, however long, is not one."""

import cv2
import numpy as np

from segmentation.pieces import INK_LEVEL, ink_pieces
from segmentation.straight import find_straight_strokes, long_thin_pieces


def test_a_pen_lying_on_the_page_is_one_straight_stroke_with_its_angle() -> None:
    ink = np.zeros((300, 600), np.float32)
    cv2.line(ink, (60, 260), (500, 220), 1.0, 8)  # rises to the right: about 5 degrees
    found = find_straight_strokes(ink)
    assert len(found.pieces) == 1
    assert abs(found.angles[0] - np.degrees(np.arctan2(40, 440))) < 0.5
    assert found.mask[240, 280] and not found.mask[100, 280]


def test_writing_and_short_strokes_are_not_straight_strokes() -> None:
    ink = np.zeros((300, 600), np.float32)
    xs = np.arange(40, 560)
    wave = (120 + 25 * np.sin(xs / 9.0)).astype(np.int32)  # joined-up writing: long, but a glyph tall
    cv2.polylines(ink, [np.column_stack([xs, wave]).astype(np.int32)], False, 1.0, 3)
    cv2.line(ink, (100, 250), (200, 250), 1.0, 3)  # a dash: straight, but no longer than a word
    assert not find_straight_strokes(ink).pieces


def test_only_strokes_across_the_text_are_across() -> None:
    ink = np.zeros((400, 600), np.float32)
    cv2.line(ink, (20, 50), (580, 50), 1.0, 2)  # a ruled line, level with the text
    cv2.line(ink, (40, 80), (40, 380), 1.0, 2)  # a margin line, upright (clear of the rule)
    cv2.line(ink, (100, 350), (500, 250), 1.0, 8)  # a pen, 14 degrees
    found = find_straight_strokes(ink)
    assert len(found.pieces) == 3
    across = found.across(0.0)
    assert across[300, 300] and not across[50, 300] and not across[200, 40]
    # Turned by the pen's own angle the page would level the pen: then the rule and margin line are across.
    assert not found.across(-np.degrees(np.arctan2(100, 400)))[300, 300]


def test_strokes_along_the_text_are_split_into_level_and_upright() -> None:
    ink = np.zeros((400, 600), np.float32)
    cv2.line(ink, (20, 50), (580, 56), 1.0, 2)  # a ruled line, half a degree off level
    cv2.line(ink, (40, 80), (48, 380), 1.0, 2)  # a margin line, 1.5 degrees off upright
    cv2.line(ink, (100, 350), (500, 250), 1.0, 8)  # a pen, across
    level, upright = find_straight_strokes(ink).along(0.0)
    assert level[53, 300] and not level[230, 44] and not level[300, 300]
    assert upright[230, 44] and not upright[53, 300] and not upright[300, 300]


def test_a_curled_pages_bent_rules_are_long_thin_pieces_and_writing_is_not() -> None:
    # Bent rules outweigh faint writing in the deskew search, so it looks without them.
    ink = np.zeros((400, 1200), np.float32)
    for row in range(6):  # six lines of 20-px "writing": blocks of strokes, and one joined-up word
        for x in range(40, 700, 60):
            cv2.rectangle(ink, (x, 40 + 60 * row), (x + 30, 60 + 60 * row), 1.0, 3)
    xs = np.arange(760, 1000)
    wave = (60 + 10 * np.sin(xs / 5.0)).astype(np.int32)  # a joined-up word, 12 glyph heights long
    cv2.polylines(ink, [np.column_stack([xs, wave]).astype(np.int32)], False, 1.0, 2)
    bend = (0.00005 * (np.arange(1200) - 600) ** 2).astype(np.int32)  # sags 18 px at the ends
    cv2.polylines(ink, [np.column_stack([np.arange(1200), 330 - bend]).astype(np.int32)], False, 0.8, 2)
    rules = long_thin_pieces(ink_pieces(ink > INK_LEVEL), ink.shape)
    assert rules[330, 600] and rules[:, 1190].any()
    assert not rules[:300, :1000].any()  # neither the blocks nor the joined-up word
