"""Ruled lines and page borders: long thin strokes that are not text, removed before the projections.

A horizontal rule fills every row profile it crosses and would glue lines together; a margin line or the
edge of the page fills a column and would glue characters. Both are much longer than any character stroke
and thin for their length, which is what finds them. The outline of a page lying on a darker desk is neither
straight nor thin once the background is flattened (the paper's edge smears into a ragged rim), but it is one
piece of ink that surrounds the text, many glyphs tall and wide, which no character is.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.page import glyphs_around, text_beyond
from segmentation.pieces import INK_LEVEL, Pieces, glyph_height, ink_height, ink_pieces
from segmentation.underline import find_underlines

# Rules are looked for down to this faint an ink level: a light-blue rule is barely ink, yet full-width it
# outweighs a line of text in the row profile.
RULE_LEVEL = 0.06
# A ruled line runs across much of the page, a margin line or page border down most of it; no stroke of a
# character on a page of text is that long, nor that thin for its length.
HORIZONTAL_FRACTION = 0.3
VERTICAL_FRACTION = 0.4
MIN_ASPECT = 15.0
# An upright rule also runs past the text's lines: on a photo cropped tight round a line or a word the stems of
# 1, H and l run most of the way down the page, long and thin for it. A stroke is a stem when it is shorter than
# RULE_LINES times the tallest band of rows the text fills (rows with LINE_ROW_SHARE of the fullest row's ink,
# level rules and strokes PAGE_TALL of the page aside) and than RULE_GLYPHS times its typical piece of ink.
RULE_LINES = 1.5
LINE_ROW_SHARE = 0.1
PAGE_TALL = 0.9
RULE_GLYPHS = 3.0
# A curled page bends its rules out of any straight run that long, and glare breaks them into pieces. A bent rule
# (or a piece of one) is a curve: a piece at least BENT_PIECE glyph heights wide along BENT_SPAN of whose width one
# stroke runs straight for BENT_RUN glyph heights at some slope within BENT_SLOPE degrees (no stroke of a letter
# is that long, and a joined-up word's connecting strokes are short and curved), that stroke at most BENT_THIN
# glyph heights thick (a smear of blurred text is as long, but a glyph tall), drifting at least BENT_DRIFT glyph
# heights up or down (a level one glues no lines together, and taking it would cut the letters standing on it),
# not hung on GRID_UPRIGHTS upright lines (graph paper), and not one the straight rules or underlines already run
# along over STRAIGHT_ENOUGH of its width.
BENT_PIECE = 6.0
BENT_SPAN = 0.6
BENT_RUN = 2.0
BENT_SLOPE = 12
BENT_THIN = 0.2
BENT_DRIFT = 0.5
GRID_UPRIGHTS = 3
STRAIGHT_ENOUGH = 0.9
# An outline: one piece of ink at least this many typical glyph heights tall and wide, with at least
# OUTLINE_ENCLOSES other pieces inside its box and nothing of itself in there: its ink keeps within
# OUTLINE_RIM glyph heights of its box's edges (a page edge, a hand-drawn frame), which rules that glyphs
# link into one piece do not (they cross the middle).
OUTLINE_GLYPHS = 4.0
OUTLINE_RIM = 1.5
OUTLINE_ENCLOSES = 3
# Outside an outline is a desk, not more page, when its paper brightness is under this share of the inside's
# and it holds no text (a sharp shadow's edge and the page's far edges can enclose the lit part of a page): text
# is at least TEXT_BEYOND glyph-like pieces, a word or two (a coarse grain leaves a few blots of a glyph's size),
# judged as confirm_page judges what lies beyond a grained desk.
DESK_SHARE = 0.7
TEXT_BEYOND = 8


@dataclass(frozen=True)
class RuleRemoval:
    ink: np.ndarray  # the page without its rules
    mask: np.ndarray  # bool, the pixels taken away
    horizontal: int  # how many horizontal rules were found
    vertical: int
    outlines: int = 0  # page edges and frames around the text
    underlines: int = 0  # strokes under words or lines (segmentation/underline.py)


def _long_thin(binary: np.ndarray, length: int, horizontal: bool) -> tuple[np.ndarray, int, int]:
    """Pixels of strokes at least `length` long and thin for it; how many there are; the thickest one's width."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    opened = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    keep = np.zeros(count, bool)
    thickest = 0
    for i in range(1, count):
        w, h = int(stats[i, cv2.CC_STAT_WIDTH]), int(stats[i, cv2.CC_STAT_HEIGHT])
        long_side, short_side = (w, h) if horizontal else (h, w)
        keep[i] = long_side >= length and long_side >= MIN_ASPECT * short_side
        thickest = max(thickest, short_side) if keep[i] else thickest
    return keep[labels], int(keep.sum()), thickest


def _bent_rules(found: Pieces, glyph: float, straight: np.ndarray) -> tuple[np.ndarray, int, int]:
    """Pixels of bent rules (see BENT_PIECE) among the pieces of ink at the rule level, how many there are, and
    the thickest one's ink per column; `straight`: the straight rules and underlines already found."""
    out = np.zeros(found.labels.shape, bool)
    if glyph <= 0:
        return out, 0, 0
    run = max(9, int(BENT_RUN * glyph)) | 1
    kernels = []
    for slope in range(-BENT_SLOPE, BENT_SLOPE + 1, 3):
        kernel = np.zeros((run, run), np.uint8)
        rise = round(np.tan(np.radians(slope)) * (run // 2))
        kernels.append(cv2.line(kernel, (0, run // 2 + rise), (run - 1, run // 2 - rise), 1, 1))
    count, thickest = 0, 0
    for i in np.flatnonzero(found.w >= BENT_PIECE * glyph):
        box = (slice(found.y[i], found.y[i] + found.h[i]), slice(found.x[i], found.x[i] + found.w[i]))
        own = (found.labels[box] == i + 1).astype(np.uint8)
        if (straight[box] & own.astype(bool)).any(axis=0).mean() >= STRAIGHT_ENOUGH:
            continue
        core = np.zeros(own.shape, np.uint8)
        for kernel in kernels:
            core |= cv2.morphologyEx(own, cv2.MORPH_OPEN, kernel, borderValue=0)
        column_ink = core.sum(axis=0)
        along = column_ink > 0
        if along.mean() < BENT_SPAN or np.median(column_ink[along]) > BENT_THIN * glyph:
            continue
        rows = np.flatnonzero(core.any(axis=1))
        upright = cv2.morphologyEx(own, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8), borderValue=0)
        if rows[-1] - rows[0] < BENT_DRIFT * glyph or _count(upright) >= GRID_UPRIGHTS:
            continue
        # The rule is that curve and the piece's ink within two pixels of it (its rim, where no kernel fitted).
        out[box] |= cv2.dilate(core, np.ones((5, 1), np.uint8)).astype(bool) & own.astype(bool)
        count += 1
        thickest = max(thickest, int(np.median(column_ink[along])) + 4)  # (and its two-pixel rims)
    return out, count, thickest


def _outlines(found: Pieces, glyph: float) -> tuple[np.ndarray, list[tuple[slice, slice]]]:
    """Pixels of pieces of ink (at the rule level) that surround the text (many glyphs tall and wide, hollow,
    with pieces inside), and the box of each."""
    if len(found) < OUTLINE_ENCLOSES + 1 or glyph <= 0:
        return np.zeros(found.labels.shape, bool), []
    x, y, w, h, area = found.x, found.y, found.w, found.h, found.area
    rim = int(np.ceil(OUTLINE_RIM * glyph))
    keep = np.zeros(len(found) + 1, bool)
    for i in np.flatnonzero((h >= OUTLINE_GLYPHS * glyph) & (w >= OUTLINE_GLYPHS * glyph)):
        inside = (x >= x[i]) & (y >= y[i]) & (x + w <= x[i] + w[i]) & (y + h <= y[i] + h[i])
        middle = found.labels[y[i] + rim : y[i] + h[i] - rim, x[i] + rim : x[i] + w[i] - rim] == i + 1
        keep[i + 1] = int(inside.sum()) - 1 >= OUTLINE_ENCLOSES and middle.sum() <= 0.02 * area[i]
    boxes = [(slice(y[i], y[i] + h[i]), slice(x[i], x[i] + w[i])) for i in np.flatnonzero(keep[1:])]
    return keep[found.labels], boxes


def _beyond_the_page(boxes: list[tuple[slice, slice]], background: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Everything outside the outlines when what lies outside them is much darker than inside (a desk round a
    page, not a frame drawn on one) and holds no text, only the desk's grain (judged as confirm_page judges a
    page beyond a grained desk: a shadow falling across the page is darker too, and its writing is text)."""
    inside = np.zeros(background.shape, bool)
    for box in boxes:
        inside[box] = True
    if not boxes or inside.all():
        return np.zeros(background.shape, bool)
    if float(np.median(background[~inside])) > DESK_SHARE * float(np.median(background[inside])):
        return np.zeros(background.shape, bool)
    count = glyphs_around(inside, ink)
    if count.beyond >= TEXT_BEYOND and text_beyond(count, grained=True):
        return np.zeros(background.shape, bool)
    return ~inside


def _bridge(rest: np.ndarray, rule: np.ndarray, span: int, horizontal: bool) -> np.ndarray:
    """Pixels of a rule with the same stroke's ink on both sides of it (a character crossing the rule)."""
    if not rule.any():
        return rule
    kernel = np.ones((span, 1) if horizontal else (1, span), np.uint8)
    closed = cv2.morphologyEx(rest.astype(np.uint8), cv2.MORPH_CLOSE, kernel).astype(bool)
    return rule & closed


def _past_the_lines(cols: np.ndarray, ink: np.ndarray, piece_height: float) -> np.ndarray:
    """The upright strokes of `cols` but those that may be stems: no taller than RULE_LINES times the tallest
    band of text rows, nor RULE_GLYPHS times the height of the piece holding the median ink pixel (on a page of
    many lines that blur into one band, the glyphs are far shorter than it). The strokes as tall as the page
    (margin lines, graph paper) are no text and are left out of the text's rows."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cols.astype(np.uint8), connectivity=8)
    if count < 2:
        return cols
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    page_tall = np.concatenate([[False], heights[1:] >= PAGE_TALL * cols.shape[0]])
    profile = (ink & ~page_tall[labels]).sum(axis=1)
    filled = np.concatenate([[False], profile > LINE_ROW_SHARE * profile.max(initial=0), [False]])
    edges = np.flatnonzero(np.diff(filled.astype(np.int8)))
    tallest = int(np.max(edges[1::2] - edges[::2], initial=0))
    stems = (heights < RULE_LINES * tallest) & (heights < RULE_GLYPHS * piece_height)
    return np.concatenate([[False], ~stems[1:]])[labels]


def _count(mask: np.ndarray) -> int:
    return cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)[0] - 1 if mask.any() else 0


def _thickness(mask: np.ndarray, horizontal: bool) -> int:
    """The most pixels of a mask of level (or upright) strokes across any one of them: the thickest stroke's."""
    return int(mask.sum(axis=0 if horizontal else 1).max(initial=0))


def remove_rules(
    ink: np.ndarray, background: np.ndarray | None = None, along: tuple[np.ndarray, np.ndarray] | None = None
) -> RuleRemoval:
    """Take away ruled lines and borders; strokes of characters that cross a rule are kept. With the page's
    estimated paper brightness (`background`), a desk seen beyond a page's outline is taken away too. `along`:
    the level and the upright straight strokes found along the text (segmentation/straight.py, turned with the
    page), which are rules too: a margin line a degree or two off upright drifts out of any one column, and the
    straight runs looked for here miss it."""
    binary = (ink > RULE_LEVEL).astype(np.uint8)
    h, w = ink.shape
    rows, n_h, thick_h = _long_thin(binary, max(25, int(HORIZONTAL_FRACTION * w)), horizontal=True)
    cols, n_v, thick_v = _long_thin(binary, max(25, int(VERTICAL_FRACTION * h)), horizontal=False)
    if along is not None:
        rows, thick_h = rows | along[0], max(thick_h, _thickness(along[0], horizontal=True))
        cols, thick_v = cols | along[1], max(thick_v, _thickness(along[1], horizontal=False))
        n_h, n_v = n_h + _count(along[0]), n_v + _count(along[1])
    # The glyph is measured on the ink proper: faint specks of paper grain at the rule level would make it tiny.
    proper = ink_pieces(ink > INK_LEVEL)
    glyph = glyph_height(proper)
    if n_v:
        cols = _past_the_lines(cols, (ink > INK_LEVEL) & ~rows, ink_height(proper.h, proper.area))
        n_v, thick_v = _count(cols), _thickness(cols, horizontal=False)
    underlines, n_u = find_underlines(ink, glyph)
    pieces = ink_pieces(binary.astype(bool))  # for the bent rules and the outlines
    bent, n_b, thick_b = _bent_rules(pieces, glyph, rows | underlines)
    if n_b:  # (a bent rule's straight middle may have been found above too)
        n_h, thick_h = _count(rows | bent), max(thick_h, thick_b)
    rows, thick_h = rows | bent | underlines, max(thick_h, _thickness(underlines, horizontal=True))
    grow = np.ones((3, 3), np.uint8)  # the rule's faint anti-aliased edge goes with it
    rows = cv2.dilate(rows.astype(np.uint8), grow).astype(bool)
    cols = cv2.dilate(cols.astype(np.uint8), grow).astype(bool)
    outlines, boxes = _outlines(pieces, glyph)
    n_o = len(boxes)
    if not (n_h or n_v or n_o or n_u):
        return RuleRemoval(ink, np.zeros(ink.shape, bool), 0, 0)
    rest = (ink > INK_LEVEL) & ~(rows | cols)
    keep = _bridge(rest, rows, thick_h + 4, horizontal=True) | _bridge(rest, cols, thick_v + 4, horizontal=False)
    mask = ((rows | cols) & ~keep) | cv2.dilate(outlines.astype(np.uint8), grow).astype(bool)
    if background is not None:
        mask |= _beyond_the_page(boxes, background, ink)
    return RuleRemoval(np.where(mask, 0.0, ink).astype(np.float32), mask, n_h, n_v, n_o, n_u)
