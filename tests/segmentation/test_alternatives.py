"""Cuts and joins offered for touching, kerned and broken glyphs, on ink drawn in each test."""

import cv2
import numpy as np

from segmentation.alternatives import (
    CORE_LEVEL,
    carries_dot,
    faintly_joined,
    glyph_ink,
    other_cuts,
    propose_alternatives,
    split_at_cores,
)
from segmentation.characters import box_characters
from segmentation.lines import find_text_lines
from segmentation.pieces import INK_LEVEL
from segmentation.types import Line
from segmentation.whitebalance import white_balance


def _boxes(page: np.ndarray):
    ink = white_balance(page).ink
    (line,) = find_text_lines(ink)
    return box_characters(ink, line), line


def test_touching_letters_are_cut_at_their_thinnest_column() -> None:
    font, scale, thick = cv2.FONT_HERSHEY_SIMPLEX, 1.6, 3
    page = np.full((120, 420), 235, np.uint8)
    x = 30
    for char, gap in (("H", 14), ("O", -10), ("N", 14), ("E", 14)):  # O and N overlap: they touch
        (w, _), _ = cv2.getTextSize(char, font, scale, thick)
        cv2.putText(page, char, (x, 80), font, scale, 30, thick, cv2.LINE_AA)
        x += w + gap
    boxes, line = _boxes(page)
    assert len(boxes) == 3  # H, the touching ON, E
    proposals = propose_alternatives(white_balance(page).ink, line, boxes).splits
    assert list(proposals) == [1]  # only the wide box is proposed for cutting
    o, n = proposals[1]
    assert o.right == n.x  # cut, not separated by empty columns
    assert 0.6 < o.w / n.w < 1.6


def test_two_letters_joined_by_a_thin_bridge_are_proposed_for_cutting() -> None:
    # A box only 1.3 glyphs wide, but its middle is a one-pixel bridge: an f's hook kerned over the next letter.
    ink = np.zeros((60, 300), np.float32)
    for x in (20, 60, 100, 200, 240):
        ink[20:50, x : x + 20] = 1.0  # ordinary glyphs
    ink[20:50, 140:151] = 1.0  # the kerned pair: two blocks of 11 columns ...
    ink[20:50, 155:166] = 1.0
    ink[22, 151:155] = 1.0  # ... joined by a thin stroke
    line = find_text_lines(ink)[0]
    boxes = box_characters(ink, line)
    assert len(boxes) == 6 and boxes[3].w == 26
    (parts,) = propose_alternatives(ink, line, boxes).splits.values()
    assert len(parts) == 2 and 151 <= parts[0].right <= 155


def test_a_cut_part_is_tightened_to_its_own_ink_not_a_neighbours_overhang() -> None:
    # An "fo": the f's hook reaches over the o without touching it, so no empty column parts them.
    ink = np.zeros((70, 320), np.float32)
    for x in (20, 60, 220, 260):
        ink[25:50, x : x + 20] = 1.0  # small letters
    ink[10:50, 100:106] = 1.0  # the f's stem ...
    ink[10:13, 100:128] = 1.0  # ... and its hook, over the o's columns
    ink[25:50, 112:134] = 1.0  # the o, as tall as the other small letters
    line = find_text_lines(ink)[0]
    boxes = box_characters(ink, line)
    assert len(boxes) == 5 and boxes[2].y == 10 and boxes[2].w == 34
    (parts,) = propose_alternatives(ink, line, boxes).splits.values()
    f, o = parts
    assert f.y == 10 and f.bottom == 50
    assert o.y == 25 and o.bottom == 50  # the hook above it is the f's


def test_wide_letters_among_narrow_ones_are_not_proposed_for_cutting(draw_page) -> None:
    page = draw_page(["I W I M I"])
    boxes, line = _boxes(page)
    assert len(boxes) == 5
    assert propose_alternatives(white_balance(page).ink, line, boxes).splits == {}


def test_a_glyph_broken_in_two_is_proposed_for_joining(draw_page) -> None:
    page = draw_page(["HUH"])
    ink = white_balance(page).ink
    (line,) = find_text_lines(ink)
    u = box_characters(ink, line)[1]
    page[:, u.x + u.w // 2 - 2 : u.x + u.w // 2 + 2] = 235  # the bowl of the U broken: two stems
    ink = white_balance(page).ink
    boxes = box_characters(ink, line)
    assert len(boxes) == 4
    joins = propose_alternatives(ink, line, boxes).merges
    assert list(joins) == [1]
    assert abs(joins[1].x - u.x) <= 1 and abs(joins[1].right - u.right) <= 1


def _stems_with_an_arch(arch_level: float) -> tuple[np.ndarray, Line, tuple]:
    """An 'n' as ink: two stems 8 px apart joined at the top by an arch of the given ink level, beside an 'o'-wide
    block that sets the line's typical glyph width."""
    ink = np.zeros((40, 120), np.float32)
    ink[10:30, 10:14] = 1.0  # left stem
    ink[10:30, 22:26] = 1.0  # right stem
    ink[10:12, 14:22] = arch_level  # the hairline arch
    for x in (50, 80):
        ink[10:30, x : x + 16] = 1.0
    line = Line(top=0, bottom=40)
    return ink, line, box_characters(ink, line)


def test_stems_joined_only_by_a_faint_hairline_are_proposed_for_joining() -> None:
    ink, line, boxes = _stems_with_an_arch(0.25)  # under the 0.35 ink level, above the faint level
    assert [b.x for b in boxes] == [10, 22, 50, 80]  # the arch is not ink for boxing: two stems
    assert faintly_joined(ink, boxes[0], boxes[1])
    joins = propose_alternatives(ink, line, boxes).merges
    assert list(joins) == [0] and (joins[0].x, joins[0].right) == (10, 26)


def test_a_line_whose_letters_blur_links_all_round_links_none() -> None:
    # Small print under blur: faint ink links every letter to the next, so a link no longer marks the pieces of
    # one broken glyph. Linked pairs are still offered for joining; the classifier decides on their readings.
    ink = np.zeros((40, 260), np.float32)
    for x in range(10, 240, 28):
        ink[5:35, x : x + 20] = 1.0
    line = Line(top=0, bottom=40)
    boxes = box_characters(ink, line)
    ink[19:21, 30:38] = 0.25  # one blurred link: the pieces of a glyph, perhaps
    assert propose_alternatives(ink, line, boxes).linked == frozenset({0})
    for x in range(30, 240, 28):
        ink[19:21, x : x + 8] = 0.25  # every neighbour linked
    proposal = propose_alternatives(ink, line, boxes)
    assert proposal.linked == frozenset() and len(proposal.merges) == len(boxes) - 1


def test_a_hairline_just_above_the_boxes_still_links_them() -> None:
    ink, _, boxes = _stems_with_an_arch(0.0)
    ink[8:10, 10:26] = 0.25  # an o's faint arc, above the rows the boxes hold (their ink is above 0.35)
    assert faintly_joined(ink, boxes[0], boxes[1])


def test_a_blurred_hairline_keeping_a_tenth_of_the_stems_ink_still_links_them_but_haze_does_not() -> None:
    # Blurred serif print: the bowl of a u or the arch of an n keeps about a tenth of its stems' ink.
    ink, _, boxes = _stems_with_an_arch(0.09)
    assert faintly_joined(ink, boxes[0], boxes[1])
    ink, _, boxes = _stems_with_an_arch(0.04)  # the haze between two separate letters
    assert not faintly_joined(ink, boxes[0], boxes[1])


def test_stems_with_nothing_between_them_are_left_apart() -> None:
    # As tall as every other glyph of the line: two 1s or ls, not the stems of a small letter.
    ink, line, boxes = _stems_with_an_arch(0.0)
    assert not faintly_joined(ink, boxes[0], boxes[1])
    assert propose_alternatives(ink, line, boxes).merges == {}


def test_twin_stems_shorter_than_the_lines_tall_glyphs_are_proposed_for_joining() -> None:
    # A blurred serif n whose arch left no ink at all, in a line with an ascender: no two letters look so.
    ink, line, boxes = _stems_with_an_arch(0.0)
    ink[2:30, 100:104] = 1.0  # an l, taller than the small letters
    ink[2:10, 92:96] = 1.0  # and the block at 80 grows a d's ascender
    boxes = box_characters(ink, line)
    joins = propose_alternatives(ink, line, boxes).merges
    assert list(joins) == [0] and (joins[0].x, joins[0].right) == (10, 26)
    # An m leaves three: they are offered as one glyph too.
    ink[10:30, 34:38] = 1.0
    assert list(propose_alternatives(ink, line, box_characters(ink, line)).triples) == [0]
    ink[10:30, 34:38] = 0.0
    # Stems further apart than half their height are two letters.
    ink[10:30, 22:26] = 0.0
    ink[10:30, 26:30] = 1.0
    assert propose_alternatives(ink, line, box_characters(ink, line)).merges == {}


def test_three_stems_linked_by_faint_arches_are_proposed_as_one_glyph() -> None:
    ink = np.zeros((40, 150), np.float32)
    for x in (10, 20, 30):  # an m whose two arches fell under the ink level
        ink[10:30, x : x + 4] = 1.0
    ink[10:12, 14:30] = 0.25
    for x in (60, 90, 120):
        ink[10:30, x : x + 16] = 1.0
    line = Line(top=0, bottom=40)
    alternatives = propose_alternatives(ink, line, box_characters(ink, line))
    assert sorted(alternatives.merges) == [0, 1]
    assert list(alternatives.triples) == [0] and (alternatives.triples[0].x, alternatives.triples[0].right) == (10, 34)


def _kerned_t_and_o() -> tuple[np.ndarray, Line, tuple]:
    """A 'T' whose bar reaches over the 'o' beside it (kerning), with a block of ordinary glyphs after them."""
    ink = np.zeros((50, 200), np.float32)
    ink[10:13, 10:40] = 1.0  # the T's bar, 30 px
    ink[10:40, 23:27] = 1.0  # its stem
    ink[20:40, 30:46] = 1.0  # the o: under the bar's end, not touching it
    ink[23:37, 33:43] = 0.0
    for x in (60, 85, 110):
        ink[20:40, x : x + 18] = 1.0
    line = Line(top=0, bottom=50)
    return ink, line, box_characters(ink, line)


def test_kerned_glyphs_are_cut_along_their_ink_not_at_a_column() -> None:
    ink, line, boxes = _kerned_t_and_o()
    assert (boxes[0].x, boxes[0].right) == (10, 46)  # one run of columns
    alternatives = propose_alternatives(ink, line, boxes)
    t, o = alternatives.splits[0]
    assert (t.x, t.right, t.y, t.bottom) == (10, 40, 10, 40) and (o.x, o.right, o.y, o.bottom) == (30, 46, 20, 40)
    t_ink, o_ink = glyph_ink(ink, t, (alternatives,)), glyph_ink(ink, o, (alternatives,))
    assert t_ink[10:, 20:].max() == 0.0  # the o's ring is left out of the T
    assert o_ink.shape == (20, 16) and o_ink[:3].min() == 1.0  # below the T's bar: the o's ring, whole
    assert np.array_equal(glyph_ink(ink, boxes[1], (alternatives,)), ink[boxes[1].slices])  # others: their box


def test_a_glyph_of_two_stacked_pieces_is_not_cut_along_them() -> None:
    ink = np.zeros((50, 120), np.float32)
    ink[15:18, 10:40] = 1.0  # an "=" wide enough to be proposed for cutting: two bars one above the other
    ink[28:31, 10:40] = 1.0
    for x in (50, 70, 90):
        ink[10:35, x : x + 14] = 1.0
    line = Line(top=0, bottom=50)
    boxes = box_characters(ink, line)
    assert propose_alternatives(ink, line, boxes).foreign_ink == {}


def test_a_period_right_after_a_narrow_letter_is_not_offered_as_its_piece() -> None:
    ink = np.zeros((40, 140), np.float32)
    for x in (10, 35, 60):
        ink[10:30, x : x + 18] = 1.0
    ink[10:30, 85:93] = 1.0  # a narrow letter (an r)
    ink[26:30, 95:99] = 1.0  # the period after it, 2 px away
    line = Line(top=0, bottom=40)
    boxes = box_characters(ink, line)
    assert [b.x for b in boxes] == [10, 35, 60, 85, 95]
    assert propose_alternatives(ink, line, boxes).merges == {}
    ink[10:14, 95:99], ink[26:30, 95:99] = 1.0, 0.0  # the same piece high up (an r's broken ear) is offered
    assert list(propose_alternatives(ink, line, box_characters(ink, line)).merges) == [3]


def test_a_period_under_an_r_s_ear_is_offered_as_its_own_glyph() -> None:
    ink = np.zeros((40, 140), np.float32)
    for x in (40, 65, 90):
        ink[10:30, x : x + 18] = 1.0
    ink[10:30, 10:14] = 1.0  # the r's stem
    ink[10:13, 14:23] = 1.0  # its ear, reaching over the period
    ink[26:30, 19:23] = 1.0  # the period: same columns as the ear, so one box with the r
    line = Line(top=0, bottom=40)
    boxes = box_characters(ink, line)
    assert (boxes[0].x, boxes[0].right) == (10, 23)
    r, period = propose_alternatives(ink, line, boxes).splits[0]
    assert (r.x, r.right, r.bottom) == (10, 23, 30) and (period.x, period.y, period.w, period.h) == (19, 26, 4, 4)


def test_touching_letters_whose_cores_part_under_a_blur_are_proposed_for_cutting() -> None:
    # Small print photographed: blur smears faint ink, over the ink level but under the strokes' cores, all the
    # way between two letters, so no column is thin; the cores still part there.
    ink = np.zeros((60, 300), np.float32)
    for x in (20, 60, 100, 200, 240):
        ink[20:50, x : x + 20] = 1.0  # ordinary glyphs
    ink[20:50, 140:152] = 1.0  # the touching pair: two cores of 12 columns ...
    ink[20:50, 152:156] = (INK_LEVEL + CORE_LEVEL) / 2  # ... and the blur between them
    ink[20:50, 153] = INK_LEVEL + 0.01  # (its faintest column)
    ink[20:50, 156:168] = 1.0
    line = find_text_lines(ink)[0]
    boxes = box_characters(ink, line)
    assert len(boxes) == 6 and boxes[3].w == 28
    (parts,) = propose_alternatives(ink, line, boxes).splits.values()
    assert [(p.x, p.right) for p in parts] == [(140, 153), (153, 168)]
    assert split_at_cores(ink[line.top : line.bottom], 20, 40) == [(20, 40)]  # one core: left whole


def test_other_cuts_are_the_profiles_other_thin_columns_away_from_the_edges() -> None:
    band = np.zeros((20, 40), bool)
    band[:, 2:38] = True
    for column, ink in ((5, 0), (12, 3), (20, 5), (21, 6), (28, 2), (36, 0)):
        band[ink:, column] = False  # column keeps `ink` inked rows
    # The chosen cut is 12; 5 and 36 lie within 15% of an edge; 20 and 21 are one valley.
    assert other_cuts(band, 0, 40, chosen=12) == [28, 20]


def test_an_m_broken_before_its_last_stem_is_offered_whole_though_wider_than_a_typical_glyph() -> None:
    ink = np.zeros((40, 160), np.float32)
    for x in (60, 85, 110, 135):
        ink[10:30, x : x + 18] = 1.0
    ink[10:30, 10:14], ink[10:30, 26:30], ink[10:12, 10:30] = 1.0, 1.0, 1.0  # the m's first two stems and arch
    ink[10:30, 38:42], ink[10:12, 30:38] = 1.0, 0.25  # its last stem, linked by a faint second arch
    line = Line(top=0, bottom=40)
    boxes = box_characters(ink, line)
    assert [(b.x, b.right) for b in boxes[:2]] == [(10, 30), (38, 42)]
    joined = propose_alternatives(ink, line, boxes).merges[0]
    assert (joined.x, joined.right) == (10, 42)  # 32 px: 1.6 glyph heights wide


def _stem(dot: tuple[int, int, int, int] | None) -> np.ndarray:
    glyph = np.zeros((30, 8), bool)
    glyph[10:30, 2:6] = True  # a stem as tall as the small letters
    if dot is not None:
        top, bottom, left, right = dot
        glyph[top:bottom, left:right] = True
    return glyph


def test_a_round_piece_clear_above_a_stem_is_a_dot() -> None:
    assert carries_dot(_stem((2, 6, 2, 6)))  # an i
    assert not carries_dot(_stem(None))  # a bare stroke
    assert not carries_dot(_stem((2, 4, 0, 8)))  # a long thin piece: the broken-off end of an arc, not a dot
    assert not carries_dot(_stem((4, 11, 2, 6)))  # touching the stem: one piece


def test_only_an_i_whose_dot_rises_above_the_small_letters_is_marked_dotted() -> None:
    ink = np.zeros((40, 120), np.float32)
    ink[20:35, 10:20] = ink[20:35, 30:40] = ink[20:35, 70:80] = 1.0  # small letters: tops at row 20
    ink[20:35, 52:55] = 1.0  # an i's stem ...
    ink[14:17, 52:55] = 1.0  # ... and its dot, above the small letters
    ink[28:35, 92:95] = 1.0  # a stem with a speck over it, all within the small letters' height
    ink[22:25, 92:95] = 1.0
    line = Line(top=0, bottom=40)
    boxes = box_characters(ink, line)
    dotted = propose_alternatives(ink, line, boxes).dotted
    assert [b.x for b in dotted] == [52]


def test_a_cut_part_whose_stem_touches_its_neighbour_keeps_its_stem_not_just_its_dot() -> None:
    # Serif "Ri" touching at the foot: one piece of ink, which the R holds most of. Cut, the i must still be an
    # i, not the dot alone.
    ink = np.zeros((50, 160), np.float32)
    for x in (10, 40, 70):
        ink[10:36, x : x + 14] = 1.0  # ordinary glyphs, for the line's typical width
    ink[10:36, 100:114] = 1.0  # the R
    ink[32:36, 114:117] = 1.0  # its foot serif, touching ...
    ink[18:36, 117:122] = 1.0  # ... the i's stem
    ink[10:15, 117:122] = 1.0  # and the i's dot
    line = Line(top=0, bottom=50)
    boxes = box_characters(ink, line)
    alternatives = propose_alternatives(ink, line, boxes)
    (k,) = alternatives.splits
    left, right = alternatives.splits[k]
    assert left.x == 100 and right.right == 122
    assert (right.y, right.bottom) == (10, 36)  # dot and stem
