"""Text lines from the row-intensity projection: rows heavy with ink form bands, and bands are lines.

Every threshold is a fraction of something measured on the page (the profile's own peak level, the median
band height), so the same code works on a 600 px scan and a 4000 px photo.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from segmentation.normalise import TARGET_STROKE, THIN_STROKE
from segmentation.pieces import (
    INK_LEVEL,
    Pieces,
    broaden_strokes,
    glyph_height,
    ink_height,
    ink_pieces,
    stroke_width,
)
from segmentation.types import Line

# A row belongs to a line core when its ink is above this fraction of the page's typical line-row ink.
CORE_FRACTION = 0.12
# Rows with less ink than this (in ink pixels) are empty: anti-aliasing dust, not text.
EMPTY_ROW_INK = 0.5
# A band thinner than this fraction of the median band, or lighter than this fraction of the median band's
# ink, is a fragment (an i-dot row, an accent, a speck) rather than a line of its own.
FRAGMENT_HEIGHT = 0.45
FRAGMENT_MASS = 0.15
# A band this many times taller than the page's reference line may be two lines run together; it is cut
# where its smoothed profile drops below this fraction of its rows' upper-quartile ink (the letters' bodies).
MERGED_HEIGHT = 1.7
VALLEY_DEPTH = 0.35
# Two cores closer than this fraction of the shorter one are one line whose profile dipped for a row or two
# (the ascender zone of a line with many capitals and tall letters sits just around the threshold); between two
# real lines lie at least their descenders and ascenders.
CLOSE_CORES = 0.2
# Two cores are one line when most of the lighter one's ink belongs to pieces that reach into the other: letters
# written with a fine pen leave empty rows between their bars (an E's top bar is a core of its own), yet each bar
# hangs from a stem that runs down into the letter's body. Lines that touch share only a few pieces.
SHARED_INK = 0.5
# A piece up to this many of the page's glyph heights tall is a letter; a taller one joins lines (a flourish,
# a descender run into the letter below).
LETTER_SPAN = 1.5


def row_profile(ink: np.ndarray) -> np.ndarray:
    """Ink per row: the row-intensity projection."""
    return ink.sum(axis=1, dtype=np.float64)


def core_threshold(profile: np.ndarray) -> float:
    """The ink level a row needs to be part of a line core, from the profile's own distribution."""
    inked = profile[profile > EMPTY_ROW_INK]
    if inked.size == 0:
        return float("inf")
    return max(EMPTY_ROW_INK, CORE_FRACTION * float(np.quantile(inked, 0.9)))


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of every run of True in a 1-D mask."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _join_close_cores(bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in bands:
        if out and a - out[-1][1] < CLOSE_CORES * min(b - a, out[-1][1] - out[-1][0]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _join_connected(bands: list[tuple[int, int]], pieces: Pieces) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in bands:
        if out and _shared_ink(out[-1], (a, b), pieces) > SHARED_INK:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _shared_ink(upper: tuple[int, int], lower: tuple[int, int], pieces: Pieces, tallest: float = float("inf")) -> float:
    """The share of the lighter band's ink in pieces (no taller than `tallest`) that also have ink in the other."""
    up, down = pieces.labels[upper[0] : upper[1]], pieces.labels[lower[0] : lower[1]]
    up, down = up[up > 0], down[down > 0]
    lighter = up if up.size <= down.size else down
    if lighter.size == 0:
        return 0.0
    crossing = np.intersect1d(up, down)
    return float(np.isin(lighter, crossing[pieces.h[crossing - 1] <= tallest]).mean())


def _attach_fragments(bands: list[tuple[int, int]], profile: np.ndarray) -> list[tuple[int, int]]:
    """Fold thin or light bands into the nearest real band, or drop them when no band is near."""
    if len(bands) < 2:
        return bands
    heights = np.array([b - a for a, b in bands], float)
    masses = np.array([profile[a:b].sum() for a, b in bands])
    med_h, med_m = float(np.median(heights)), float(np.median(masses))
    # The median of a page with many fragments is itself small: judge against the larger bands too.
    ref_h = max(med_h, 0.5 * float(heights.max()))
    ref_m = max(med_m, 0.3 * float(masses.max()))
    real = [i for i in range(len(bands)) if heights[i] >= FRAGMENT_HEIGHT * ref_h or masses[i] >= FRAGMENT_MASS * ref_m]
    if not real:
        return bands
    merged = {i: list(bands[i]) for i in real}
    for i, (a, b) in enumerate(bands):
        if i in merged:
            continue
        nearest = min(real, key=lambda j: max(bands[j][0] - b, a - bands[j][1], 0))
        gap = max(bands[nearest][0] - b, a - bands[nearest][1], 0)
        if gap <= 0.6 * ref_h:
            merged[nearest][0] = min(merged[nearest][0], a)
            merged[nearest][1] = max(merged[nearest][1], b)
    return sorted((a, b) for a, b in merged.values())


def _extend(bands: list[tuple[int, int]], profile: np.ndarray) -> list[Line]:
    """Grow each core band over its faint ascenders and descenders, never past the emptiest row between bands."""
    if not bands:
        return []
    n = len(profile)
    splits = [0]
    for (_, b), (a, _) in itertools.pairwise(bands):
        gap = profile[b:a]
        if gap.size == 0:  # a band cut in two: the cut is the boundary
            splits.append(b)
            continue
        low = np.flatnonzero(gap <= gap.min() + EMPTY_ROW_INK)
        # The middle of the emptiest stretch: descenders above and ascenders below each keep their side.
        splits.append(b + int(low[len(low) // 2]) if len(low) else b)
    splits.append(n)
    lines = []
    for (a, b), lo, hi in zip(bands, splits[:-1], splits[1:], strict=True):
        top, bottom = a, b
        while top > lo and profile[top - 1] > EMPTY_ROW_INK:
            top -= 1
        while bottom < hi and profile[bottom] > EMPTY_ROW_INK:
            bottom += 1
        lines.append(Line(top=top, bottom=bottom))
    return lines


def split_merged(
    bands: list[tuple[int, int]], profile: np.ndarray, pieces: Pieces | None = None
) -> list[tuple[int, int]]:
    """Cut bands that hold two lines (ascenders touching the descenders above) at their deepest valley.

    A band is suspect when it is much taller than the page's shortest real lines; it is cut only where the
    smoothed profile falls to a small fraction of the band's typical row ink, in its middle half, and (given
    the page's ink `pieces`) not where most of one side's ink is in letter-sized pieces that cross the cut:
    that is one line whose letters wander up and down, not two lines touching at a few letters.
    """
    if len(bands) < 2:
        return bands
    heights = np.array([b - a for a, b in bands], float)
    # The shortest real line, not a sliver kept for its mass (a strip of the page's edge): measured against a
    # 10-row sliver, every line of lowercase handwriting with ascenders and descenders looked like two lines.
    lines = heights[heights >= FRAGMENT_HEIGHT * float(np.median(heights))]
    reference = min(float(np.median(heights)), 1.25 * float(lines.min()))
    letter = glyph_height(pieces) if pieces is not None else 0.0
    out = []
    for a, b in bands:
        out.extend(_cut_band(a, b, profile, reference, pieces, letter))
    return out


def _cut_band(
    a: int, b: int, profile: np.ndarray, reference: float, pieces: Pieces | None, letter: float
) -> list[tuple[int, int]]:
    if b - a < MERGED_HEIGHT * reference:
        return [(a, b)]
    window = max(1, int(reference * 0.15))
    smooth = np.convolve(profile[a:b], np.ones(window) / window, mode="same")
    lo, hi = (b - a) // 4, 3 * (b - a) // 4
    middle = smooth[lo:hi]
    if middle.min() > VALLEY_DEPTH * float(np.quantile(smooth, 0.75)):
        return [(a, b)]
    floor = np.flatnonzero(middle <= middle.min() + 0.1 * (middle.max() - middle.min()))
    valley = lo + int(floor[len(floor) // 2])  # the middle of a flat valley, not its upper edge
    # Most of one side's ink in letters that cross the valley: one wandering line, not two. A letter is measured
    # against the page's letters or the band's own that keep to one side, whichever are taller: a heading's
    # capitals rise far above the body text's letters, and the rows of their tops alone are no line of their own.
    if pieces is not None:
        tallest = LETTER_SPAN * max(letter, _band_letter(pieces, a, b, a + valley))
        if _shared_ink((a, a + valley), (a + valley, b), pieces, tallest) > SHARED_INK:
            return [(a, b)]
    return [*_cut_band(a, a + valley, profile, reference, pieces, letter),
            *_cut_band(a + valley, b, profile, reference, pieces, letter)]  # fmt: skip


def _band_letter(pieces: Pieces, a: int, b: int, valley: int) -> float:
    """The typical height (see glyph_height) of the pieces within rows a..b that keep to one side of the valley."""
    inside = (pieces.y >= a) & (pieces.y + pieces.h <= b) & ((pieces.y + pieces.h <= valley) | (pieces.y >= valley))
    return ink_height(pieces.h[inside], pieces.area[inside])


@dataclass(frozen=True)
class LineSearch:
    """The lines found, and what they were found from (for the debugging view)."""

    lines: tuple[Line, ...]
    profile: np.ndarray  # ink per row
    threshold: float  # row ink needed to be part of a line core
    typical_row_ink: float  # the statistic the threshold is a fraction of (90th percentile of inked rows)
    cores: tuple[tuple[int, int], ...]  # runs of rows above the threshold, before fragments were folded in
    cuts: tuple[int, ...]  # rows where a band holding two lines was cut


def with_broad_pen(ink: np.ndarray, pieces: Pieces | None = None) -> np.ndarray:
    """The page as the row projection should see it. Letters written with a fine pen leave the rows between
    their bars nearly empty (an E is three cores and two gaps); drawn with a pen a tenth of the glyph's height,
    as normalise_glyph draws a fine-pen glyph, their rows fill like those of any other page. (`pieces`: the
    page's ink pieces, when already found.)"""
    height = glyph_height(pieces if pieces is not None else ink_pieces(ink > INK_LEVEL))
    width = stroke_width(ink)
    grow = round(TARGET_STROKE * height - width)
    return broaden_strokes(ink, grow) if width < THIN_STROKE * height and grow >= 2 else ink


def search_text_lines(ink: np.ndarray) -> LineSearch:
    """Find the text lines of a white-balanced page (ink bright, 0..1), top to bottom, without boxes yet."""
    pieces = ink_pieces(ink > INK_LEVEL)
    broad = with_broad_pen(ink, pieces)
    if broad is not ink:
        ink, pieces = broad, ink_pieces(broad > INK_LEVEL)
    profile = row_profile(ink)
    threshold = core_threshold(profile)
    cores = true_runs(profile > threshold)
    joined = _join_close_cores(cores)
    if len(joined) > 1:
        joined = _join_connected(joined, pieces)
    bands = split_merged(_attach_fragments(joined, profile), profile, pieces)
    cuts = tuple(b for (_, b), (a, _) in itertools.pairwise(bands) if a == b)
    inked = profile[profile > EMPTY_ROW_INK]
    typical = float(np.quantile(inked, 0.9)) if inked.size else 0.0
    return LineSearch(tuple(_extend(bands, profile)), profile, threshold, typical, tuple(cores), cuts)


def find_text_lines(ink: np.ndarray) -> list[Line]:
    """The text lines of a white-balanced page, top to bottom (see search_text_lines)."""
    return list(search_text_lines(ink).lines)
