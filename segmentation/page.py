"""The page lying on a desk: found in the gray photo, and everything beyond it taken away.

Flattening divides the photo by its local paper level, so a desk darker than the page mostly flattens into
paper too: what stays as ink is the page's edge (a ragged rim where the level steps from desk to paper) and the
desk's own pattern (wood grain, cloth). Both are read as lines of `I`s and glue the text lines together. The
page itself is easy to see before flattening: the largest bright region of the photo once its text is closed
over, much brighter than what surrounds it, with a sharp edge. Light falling off across a page, or a shadow
over part of it, also leaves a brighter region, but its edge is soft, or the darker part holds text: either
keeps the photo whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.pieces import INK_LEVEL, ink_height, ink_pieces
from segmentation.shrink import shrunk

PAGE_SIDE = 400  # the page is looked for on the photo shrunk to about this long side
CLOSE_SHARE = 0.025  # dark marks narrower than this share of the long side (text) are closed over first
MIN_AREA, MAX_AREA = 0.08, 0.92  # the page covers this share of the photo; more is the page filling the frame
LEVEL_STEP = 8  # grey levels between the levels tried under the one that best splits the photo...
MORE_LEVELS = 3  # ...for at most this many further candidates, each at least GROWTH times the area of the last
GROWTH = 1.1
DESK_SHARE = 0.7  # what lies beyond is at most this bright against the page
EDGE_SHARE = 0.5  # across the page's edge (3 px of the shrunk photo) the level steps by this share of the contrast
SOLID = 0.9  # the page's region fills this share of its convex hull (a page is a quadrilateral)
EDGE_MARGIN = 3  # pixels of the shrunk photo left off the page along its edge (its shade, and the hull's steps)
GRAIN_RATIO, GRAIN_FLOOR = 2.5, 0.008  # beyond is grained: this many times rougher than the page, and at least
# this rough (the median departure from the level around, against the level)
OUTSIDE_GLYPHS = 0.05  # glyph-like pieces of ink beyond the page: at most this share of those on it, not
RIM_SHARE = 0.03  # counting those within this share of the long side of its edge (the rim flattening leaves)
# ...or this share beyond a grained ground: a wood or cloth desk's pattern flattens into a few glyph-like
# specks, but a sharp shadow over the page looks grained too (the sensor's noise is the same in grey levels,
# so against the shadow's lower level it is rougher) and the writing in it is as many glyphs as on the rest.
GRAINED_OUTSIDE_GLYPHS = 0.25
GRAINED_OUTSIDE_LETTERS = 0.1  # ...unless at most this share of its pieces that stand upright as letters do
# However few, glyph-like pieces beyond that carry on the page's lines of writing (CONTINUING of them, each
# within LINE_REACH glyph heights along a row of the last, ROW_SLACK up or down; at most LINE_STEPS links) are
# text the candidate's edge cut off: a sharp shadow across the page.
CONTINUING = 3
LINE_REACH = 2.5
ROW_SLACK = 0.4
LINE_STEPS = 30
GRAIN_MEDIANS = (5, 9)  # pixels of the shrunk photo: a fine grain departs from the median 5 wide, a coarse from 9
TEXTURE_WINDOW = 9  # pixels of the shrunk photo over which its grain is averaged (a page by its texture)


@dataclass(frozen=True)
class PageOutline:
    """Where the page is in the photo."""

    mask: np.ndarray  # bool, True on the page (everywhere when no page was found)
    found: bool  # a page lying on a desk was found (False: the photo is taken to be all page)
    why: str  # what was found, or why the photo was taken to be all page
    grained: bool = False  # what lies beyond is grained (wood, cloth, a rough desk), as no paper is

    def clear_beyond(self, ink: np.ndarray) -> np.ndarray:
        """The ink with everything beyond the page set to 0."""
        return np.where(self.mask, ink, 0.0).astype(np.float32) if self.found else ink


def _page_regions(small: np.ndarray) -> list[tuple[np.ndarray | None, str]]:
    """The page in the shrunk photo: the largest bright region once its text is closed over, with its holes
    filled. Tried at the level that best splits the photo in two, and first at the one that splits its darker
    part again (a shadow over part of the page puts that part on the desk's side of the first). Then, as
    further candidates when the second is a page, the ever larger regions that look like a page at levels
    between the two (MORE_LEVELS at most): a sharp shadow across page and desk can leave the page's shaded part
    as dark as the lit desk, and only a level between them takes the whole page in. The first entry is None
    (with why) when nothing looks like a page."""
    side = max(3, round(CLOSE_SHARE * max(small.shape)) | 1)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))
    level, _ = cv2.threshold(closed, 0, 1, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    darker = closed[closed <= level]
    lower, _ = cv2.threshold(darker[None, :], 0, 1, cv2.THRESH_BINARY + cv2.THRESH_OTSU) if darker.size else (0, 0)
    region, why = _region_above(closed, lower) if 0 < lower < level else (None, "")
    if region is not None:
        return [(region, why)]
    found = [_region_above(closed, level)]
    if found[0][0] is None:
        return found
    for below in np.arange(level - LEVEL_STEP, max(lower, 0.0), -LEVEL_STEP):
        if len(found) > MORE_LEVELS:
            break
        region, why = _region_above(closed, float(below))
        if region is not None and int(region.sum()) > GROWTH * int(found[-1][0].sum()):
            found.append((region, why))
    return found


def _filled(region: np.ndarray) -> np.ndarray:
    """The uint8 region with its holes filled: the flood from the border reaches everything outside it."""
    outside = np.pad(1 - region, 1, constant_values=1)
    cv2.floodFill(outside, np.zeros((outside.shape[0] + 2, outside.shape[1] + 2), np.uint8), (0, 0), 2)
    return (outside[1:-1, 1:-1] != 2).astype(np.uint8)


def _largest(binary: np.ndarray) -> np.ndarray | None:
    """The largest 4-connected region of a bool image (uint8, holes filled); None when there is none."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary.astype(np.uint8), connectivity=4)
    if count < 2:
        return None
    return _filled((labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8))


def _page_shape(region: np.ndarray) -> tuple[np.ndarray | None, str]:
    """The region's convex hull (uint8, its edge left off) if it is the size and shape of a page, and how much
    of the photo it covers; else None and what it does instead."""
    share = float(region.mean())
    if not MIN_AREA <= share <= MAX_AREA:
        return None, f"covers {share:.0%} of the photo ({MIN_AREA:.0%}-{MAX_AREA:.0%}: a page)"
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    solid = float(region.sum()) / max(cv2.contourArea(hull), 1.0)
    if solid < SOLID:
        return None, f"fills {solid:.0%} of its outline (a page: {SOLID:.0%})"
    mask = np.zeros(region.shape, np.uint8)
    cv2.fillConvexPoly(mask, hull, 1)
    return cv2.erode(mask, np.ones((3, 3), np.uint8), iterations=EDGE_MARGIN), f"covering {share:.0%} of the photo"


def _region_above(closed: np.ndarray, level: float) -> tuple[np.ndarray | None, str]:
    """The largest region of `closed` brighter than `level`, holes filled, if it looks like a page on a desk."""
    region = _largest(closed > level)
    if region is None:
        return None, "the photo is one level"
    page, shape = _page_shape(region)
    if page is None:
        return None, f"the brightest region {shape}"
    inside_level, outside_level = float(np.median(closed[region > 0])), float(np.median(closed[region == 0]))
    contrast = outside_level / max(inside_level, 1.0)
    if contrast > DESK_SHARE:
        return None, f"beyond the brightest region is {contrast:.2f} as bright (under {DESK_SHARE}: a desk)"
    # A page's edge is a step; light falling off is a slope. Compare the levels 3 px inside and outside the edge.
    ring = np.ones((3, 3), np.uint8)
    inner = region.astype(bool) & ~cv2.erode(region, ring, iterations=3).astype(bool)
    outer = cv2.dilate(region, ring, iterations=3).astype(bool) & ~region.astype(bool)
    step = float(np.median(closed[inner])) - float(np.median(closed[outer]))
    if step < EDGE_SHARE * (inside_level - outside_level):
        return None, f"the bright region's edge is soft (a step of {step:.0f} of {inside_level - outside_level:.0f})"
    return page, f"a page {shape}, beyond it {contrast:.2f} as bright"


def grained_page(gray: np.ndarray) -> PageOutline:
    """The page as the photo's largest smooth region beyond which it is grained (wood, cloth): found by
    texture, not brightness, so a sharp shadow across page and desk, which leaves the shaded page as dark as the
    lit desk, does not cut it in two. A fine grain is looked for first, then a coarse one. Not found (the photo
    all page) when nothing smooth looks like a page."""
    small = shrunk(gray, PAGE_SIDE)
    why = ""
    for median in GRAIN_MEDIANS:
        outline = _smooth_page(gray, small, median)
        if outline.found:
            return outline
        why = why or outline.why
    return PageOutline(np.ones(gray.shape, bool), False, why)


def _smooth_page(gray: np.ndarray, small: np.ndarray, median: int) -> PageOutline:
    """grained_page with the grain measured as each pixel's departure from the median `median` pixels wide
    around it (a grain's stripes depart from it, a shadow's straight edge does not)."""
    around = cv2.medianBlur(small, median).astype(np.float32)
    rough = np.abs(small.astype(np.float32) - around) / np.maximum(around, 1.0)
    rough = cv2.blur(rough, (TEXTURE_WINDOW, TEXTURE_WINDOW))  # a patch's grain, not a pixel's noise
    scaled = np.clip(rough / max(float(rough.max()), 1e-6) * 255, 0, 255).astype(np.uint8)
    level, _ = cv2.threshold(scaled, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    region = _largest(scaled <= level)
    page, shape = _page_shape(region) if region is not None else (None, "is nowhere")
    if page is None:
        return PageOutline(np.ones(gray.shape, bool), False, f"by its grain: the smooth region {shape}")
    # Averaging the grain over a window blurs the region's edge by half of it: so much more is left off.
    page = cv2.erode(page, np.ones((3, 3), np.uint8), iterations=TEXTURE_WINDOW // 2)
    outline = _outline(gray, small, page, f"a smooth page {shape}, found by its grain")
    if not outline.grained:
        return PageOutline(np.ones(gray.shape, bool), False, "by its grain: what lies beyond is not grained")
    return outline


def _glyph_like(ink: np.ndarray, page: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Centres (rows, columns) of the pieces of ink shaped like the glyphs on the `page` (bool mask), which
    of them stand upright (no wider than tall), and the glyphs' height. It is measured on the page alone: a
    wooden desk flattens into long streaks of ink that would set it."""
    pieces = ink_pieces(ink > INK_LEVEL)
    rows, cols = pieces.y + pieces.h // 2, pieces.x + pieces.w // 2
    height, width = ink.shape
    sized = page[rows, cols] & (pieces.h <= height / 2) & (pieces.w <= width / 2)
    glyph = ink_height(pieces.h[sized], pieces.area[sized])
    like = (pieces.h >= 0.5 * glyph) & (pieces.h <= 2.0 * glyph) & (pieces.w <= 3.0 * glyph) & (glyph > 0)
    return rows[like], cols[like], pieces.w[like] <= pieces.h[like], glyph


def _roughness(small: np.ndarray, where: np.ndarray) -> float:
    """How grained the shrunk photo is in `where`: the median departure from its smoothed self, against its level."""
    level = small.astype(np.float32)
    rough = np.abs(level - cv2.GaussianBlur(level, (0, 0), 1.5))
    return float(np.median(rough[where])) / max(float(np.median(level[where])), 1.0)


def page_candidates(gray: np.ndarray) -> tuple[PageOutline, ...]:
    """Where a page lying on a darker desk may be in the gray photo (dark writing on light paper: a light-on-dark
    photo is turned first), likeliest first; one outline that is not found when there is none (the photo is
    then all page). Whether text lies beyond a candidate is for confirm_page to say."""
    small = shrunk(gray, PAGE_SIDE)
    regions = _page_regions(small)
    if regions[0][0] is None:
        return (PageOutline(np.ones(gray.shape, bool), False, regions[0][1]),)
    return tuple(_outline(gray, small, region, why) for region, why in regions if region is not None)


def find_page(gray: np.ndarray) -> PageOutline:
    """The likeliest of the page_candidates."""
    return page_candidates(gray)[0]


def _outline(gray: np.ndarray, small: np.ndarray, region: np.ndarray, why: str) -> PageOutline:
    """The page outline of a region of the shrunk photo, and whether what lies beyond it is grained."""
    # Roughness a few pixels clear of the page's edge, on either side (the edge itself is the roughest step).
    clear = np.ones((9, 9), np.uint8)
    beyond, inside = ~cv2.dilate(region, clear).astype(bool), cv2.erode(region, clear).astype(bool)
    grained = bool(beyond.any() and inside.any()) and (
        _roughness(small, beyond) >= max(GRAIN_FLOOR, GRAIN_RATIO * _roughness(small, inside))
    )
    mask = cv2.resize(region, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST).astype(bool)
    return PageOutline(mask, True, why + (", grained" if grained else ", smooth"), grained)


@dataclass(frozen=True)
class GlyphsAround:
    """Glyph-like pieces of ink on a region and beyond it (those near its edge not counted), and how many of
    each stand upright as letters do (no wider than tall)."""

    on: int
    beyond: int
    upright_on: int
    upright_beyond: int
    continuing: int = 0  # of those beyond, how many carry on the region's lines of writing


def glyphs_around(region: np.ndarray, ink: np.ndarray) -> GlyphsAround:
    """The glyph-like pieces on the `region` (bool mask) and beyond it. Pieces of ink near its edge do not count
    (flattening leaves a page's edge as a rim)."""
    rows, cols, upright, glyph = _glyph_like(ink, region)
    h, w = ink.shape
    reach = max(1, round(RIM_SHARE * max(h, w)))
    near = cv2.dilate(region.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach + 1,) * 2))
    on, off = region[rows, cols], near[rows, cols] == 0
    lines = _along_the_lines(rows, cols, on, glyph)
    return GlyphsAround(
        int(on.sum()), int(off.sum()), int((on & upright).sum()), int((off & upright).sum()), int((lines & off).sum())
    )


def _along_the_lines(rows: np.ndarray, cols: np.ndarray, start: np.ndarray, glyph: float) -> np.ndarray:
    """Which pieces (centres `rows`, `cols`) carry on the lines of writing of the `start` pieces: each within
    LINE_REACH glyph heights along a row of one that does, and ROW_SLACK up or down."""
    text, newest = start.copy(), start
    if glyph <= 0 or not text.any():
        return text
    for _ in range(LINE_STEPS):  # each step reaches out from the pieces the last one added
        dr = np.abs(rows[:, None] - rows[newest][None, :])
        dc = np.abs(cols[:, None] - cols[newest][None, :])
        newest = ~text & ((dr < ROW_SLACK * glyph) & (dc < LINE_REACH * glyph)).any(axis=1)
        if not newest.any():
            break
        text |= newest
    return text


def _few_beyond(count: GlyphsAround, grained: bool) -> bool:
    if count.continuing >= CONTINUING:
        return False  # the region's edge cuts through lines of writing: a shadow's edge, not the page's
    return count.beyond <= (GRAINED_OUTSIDE_GLYPHS if grained else OUTSIDE_GLYPHS) * max(count.on, 1)


def _few_letters_beyond(count: GlyphsAround) -> bool:
    """A grain's pieces lie along it, wider than tall; letters mostly stand no wider than tall."""
    return count.upright_beyond <= GRAINED_OUTSIDE_LETTERS * max(count.upright_on, 1)


def text_beyond(count: GlyphsAround, grained: bool) -> bool:
    """Whether what lies beyond a region holds text, as confirm_page judges it."""
    return not _few_beyond(count, grained) and not (grained and _few_letters_beyond(count))


def confirm_page(outline: PageOutline, ink: np.ndarray) -> PageOutline:
    """The outline, unless what lies beyond it holds text: then it is shadowed page, not desk, and the photo is
    all page. Pieces of ink near the page's edge do not count (flattening leaves the edge as a rim). Beyond a
    grained ground it takes much more text (GRAINED_OUTSIDE_GLYPHS): a wood grain flattens into a few specks;
    and more still when few of the pieces beyond stand upright as letters do (GRAINED_OUTSIDE_LETTERS): a
    coarse grain breaks into many pieces, but they lie along it."""
    if not outline.found:
        return outline
    count = glyphs_around(outline.mask, ink)
    if _few_beyond(count, outline.grained):
        return outline
    if outline.grained and _few_letters_beyond(count):
        return PageOutline(outline.mask, True, f"{outline.why}; beyond it lie {count.beyond} glyph-like pieces of "
                           "ink, but few that stand as letters do: the desk's grain")  # fmt: skip
    why = f"{count.beyond} glyph-like pieces of ink lie beyond the bright region: it is part of the page"
    return PageOutline(np.ones(ink.shape, bool), False, why)
