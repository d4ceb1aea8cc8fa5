"""Text lines from the row-intensity projection: rows heavy with ink form bands, and bands are lines.

Every threshold is a fraction of something measured on the page (the profile's own peak level, the median
band height), so the same code works on a 600 px scan and a 4000 px photo.
"""

from __future__ import annotations

import itertools

import numpy as np

from segmentation.types import Line

# A row belongs to a line core when its ink is above this fraction of the page's typical line-row ink.
CORE_FRACTION = 0.12
# Rows with less ink than this (in ink pixels) are empty: anti-aliasing dust, not text.
EMPTY_ROW_INK = 0.5
# A band thinner than this fraction of the median band, or lighter than this fraction of the median band's
# ink, is a fragment (an i-dot row, an accent, a speck) rather than a line of its own.
FRAGMENT_HEIGHT = 0.45
FRAGMENT_MASS = 0.15


def row_profile(ink: np.ndarray) -> np.ndarray:
    """Ink per row: the row-intensity projection."""
    return ink.sum(axis=1, dtype=np.float64)


def core_threshold(profile: np.ndarray) -> float:
    """The ink level a row needs to be part of a line core, from the profile's own distribution."""
    inked = profile[profile > EMPTY_ROW_INK]
    if inked.size == 0:
        return float("inf")
    return max(EMPTY_ROW_INK, CORE_FRACTION * float(np.quantile(inked, 0.9)))


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of every run of True in a 1-D mask."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


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


def find_text_lines(ink: np.ndarray) -> list[Line]:
    """Find the text lines of a white-balanced page (ink bright, 0..1), top to bottom, without boxes yet."""
    profile = row_profile(ink)
    threshold = core_threshold(profile)
    bands = _runs(profile > threshold)
    bands = _attach_fragments(bands, profile)
    return _extend(bands, profile)
