"""Grayscale white balance against a locally estimated paper level.

The reference design maps a tiny low quantile of the histogram to black (ink) and the ~1% darkest level to
white (paper), linearly in between. A photo's paper is not one level: light falls off and hands cast
shadows. So the paper level is estimated locally first (a coarse, ink-free "background" image), the page is
divided by it, and the histogram points are then picked on that flattened page, where paper sits near 1.0.
Last, faint ink that is one piece with a stroke is lifted to the ink level (a hysteresis threshold), so that a
pencil's grain or a blurred join does not break the stroke.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.errors import BlankPageError
from segmentation.glare import restore_glare
from segmentation.pieces import INK_LEVEL
from segmentation.shrink import shrunk

BLACK_QUANTILE = 0.001  # the darkest 0.1% is surely ink
WHITE_QUANTILE = 0.01  # above the darkest 1% is paper, as in the reference design
BACKGROUND_SIDE = 400  # the background is estimated on a page shrunk to about this long side
# A shaded area (at most SHADE_SHARE of the paper lit within SHADE_REACH pixels of the shrunk page) at least
# SHADE_BREADTH pixels (5% of the page) across is light, not ink: beside it the paper level is not carried
# over from the lit side. (Measured on generated sets: 0.85 or 15 px read glare and notebook pages worse.)
SHADE_SHARE, SHADE_REACH, SHADE_BREADTH = 0.9, 41, 21
# On a page with more than 1% ink the 1% level lies inside the strokes, which would thin them and cut
# hairlines; the white point is then raised to this fraction of the way from the black point to paper.
WHITE_FLOOR = 0.7
# A page is light on dark when its thin light structures outweigh its thin dark ones this many times over,
# measured on the page shrunk to about POLARITY_SIDE pixels.
POLARITY_RATIO = 1.5
POLARITY_SIDE = 600
LIT_SHARE = 0.6  # the paper is where the background is at least this share of its brightest level
MIN_CONTRAST = 0.1  # ink must be at least this much darker than the paper (flattened scale) to count
FAINT_LEVEL = 0.25  # ink this faint counts when it is one piece with a stroke (see join_faint_ink) ...
FAINT_SHARE = 1.0  # ... and that piece holds no more faint ink than strong


@dataclass(frozen=True)
class WhiteBalance:
    """The white-balanced page (ink bright, 0..1), the paper estimate, and the levels chosen from the histogram."""

    ink: np.ndarray  # float32, 1.0 = surely ink, 0.0 = paper
    background: np.ndarray  # uint8, the estimated paper brightness at every pixel
    black_point: float  # on the flattened scale, where paper is ~1.0
    white_point: float
    paper_noise: float  # robust spread of the paper level
    paper_level: float = 1.0  # median of the flattened page
    low_quantile: float = 0.0  # the 1% level of the flattened page (the reference design's white point)
    inverted: bool = False  # the page was light ink on a dark ground (a chalkboard, a dark screen) and was turned
    glare: float = 0.0  # the share of the page whose ink was deepened under a reflection (segmentation/glare.py)


def estimate_background(gray: np.ndarray) -> np.ndarray:
    """Paper brightness at every pixel: a max filter (strokes are thin and dark) on a shrunken page, smoothed.

    The max filter carries lit paper a kernel's radius into any darker area beside it. Across a soft shadow
    or light falling off that costs nothing, but a sharp-edged shadow (a phone's or hand's, under a ceiling
    lamp) then gets too bright a paper level along its edge, and the edge is flattened into a grey band of
    ink through the text. So next to dark areas too broad to be writing, the paper level is taken back (a
    min filter after the max: a closing, which leaves a step where it was)."""
    h, w = gray.shape
    small = shrunk(gray, BACKGROUND_SIDE)
    # 9 px at ~400 px across covers strokes up to ~2% of the page width: every pen and most headline print.
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    paper = cv2.dilate(small, kernel)
    paper = np.where(_beside_broad_shade(paper, kernel), cv2.erode(paper, kernel), paper)
    paper = cv2.medianBlur(paper, 9)
    paper = cv2.GaussianBlur(paper, (0, 0), 3)
    return cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)


def _beside_broad_shade(paper: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Where the (max-filtered, shrunk) paper level lies within a kernel of a shaded area too broad to be
    writing: SHADE_SHARE or less of the paper lit nearby, and SHADE_BREADTH pixels across at its narrowest.
    A binding hole or a line of bold print the max filter did not fill is narrower, and keeps its level."""
    disc = cv2.MORPH_ELLIPSE
    lit = cv2.dilate(paper, cv2.getStructuringElement(disc, (SHADE_REACH, SHADE_REACH)))
    shade = (paper.astype(np.float32) < SHADE_SHARE * lit).astype(np.uint8)
    broad = cv2.morphologyEx(shade, cv2.MORPH_OPEN, cv2.getStructuringElement(disc, (SHADE_BREADTH, SHADE_BREADTH)))
    return cv2.dilate(broad, kernel).astype(bool)


def white_balance(
    gray: np.ndarray, page: np.ndarray | None = None, inverted: bool | None = None, smoothed: bool = False
) -> WhiteBalance:
    """Map the page to ink (1) / paper (0) using histogram points picked on the locally flattened page.

    `page` (bool, the photo's shape) is where the page lies when a desk shows around it: the histogram points
    and the paper's level and noise are then picked there only, not on the desk's grain. `inverted` is
    `light_on_dark(gray)` when the caller has it already (None: it is measured here). A page whose ink stands
    out of its paper's grain only as whole strokes, not pixel by pixel (a dim, grainy photo), is balanced
    again smoothed by a 3x3 median, which keeps strokes and takes the grain (`smoothed`: it has been).

    Raises BlankPageError when nothing on the page is dark enough against its paper to be ink.
    """
    if gray.ndim != 2 or gray.size == 0:
        raise ValueError("white_balance needs a non-empty 2-D gray image")
    photo = gray
    inverted = light_on_dark(gray) if inverted is None else inverted
    if inverted:
        gray = 255 - gray
    background = estimate_background(gray)
    flat = gray.astype(np.float32) / np.maximum(background.astype(np.float32), 1.0)
    flat = np.minimum(flat, 1.5)
    step = (max(1, flat.shape[0] // 600), max(1, flat.shape[1] // 600))
    within = np.ones(flat[:: step[0], :: step[1]].size, bool) if page is None else page[:: step[0], :: step[1]].ravel()
    # Paper level and noise are measured where the background is lit like paper: a dark, grainy desk around a
    # small page is flat too once divided by itself, but its grain would pass for the paper's noise.
    lit_background = background[:: step[0], :: step[1]].ravel()[within].astype(np.float32)
    lit = lit_background >= LIT_SHARE * float(np.quantile(lit_background, 0.95))
    sample = flat[:: step[0], :: step[1]].ravel()[within]
    on_paper = sample[lit] if lit.sum() >= 0.1 * sample.size else sample
    paper = float(np.median(on_paper))
    noise = 1.4826 * float(np.median(np.abs(on_paper - paper)))
    # A light-on-dark page turned is no photo of paper under a lamp: its blown-out "paper" is the dark ground.
    flat, glare = (flat, 0.0) if inverted else restore_glare(flat, gray, noise)
    sample = flat[:: step[0], :: step[1]].ravel()[within]
    black, low = (float(q) for q in np.quantile(sample, [BLACK_QUANTILE, WHITE_QUANTILE]))
    if paper - black < max(MIN_CONTRAST, 8 * noise):
        if not smoothed and paper - black >= MIN_CONTRAST:
            return white_balance(cv2.medianBlur(photo, 3), page, inverted, smoothed=True)
        raise BlankPageError("no ink found: the page is blank or too faint to read")
    # Paper must map to 0 even where it is noisy, and faint anti-aliased ink must not drown strokes on dense
    # pages: the white point is the 1% level, raised to WHITE_FLOOR of the way to paper, below the noise floor.
    ceiling = paper - max(4 * noise, 0.08)
    white = min(max(low, black + WHITE_FLOOR * (paper - black)), ceiling)
    white = max(white, black + 0.05)
    ink = join_faint_ink(np.clip((white - flat) / (white - black), 0.0, 1.0).astype(np.float32))
    return WhiteBalance(ink, background, black, white, noise, paper, low, inverted, glare)


def join_faint_ink(ink: np.ndarray) -> np.ndarray:
    """Faint ink that belongs to a stroke, lifted to the ink level (a hysteresis threshold).

    A pencil's grain, a blurred or fine pen's edges and the thin joins of a serif letter fall below INK_LEVEL and
    break the strokes they belong to. Ink above FAINT_LEVEL in one piece with ink above INK_LEVEL counts as ink,
    unless the piece's faint part outweighs its strong part (FAINT_SHARE): then it is paper grain that happens to
    touch a stroke, not part of it. Pieces with no strong ink stay faint: a speck is not made a glyph.
    """
    faint = ink > FAINT_LEVEL
    strong = ink > INK_LEVEL
    count, labels = cv2.connectedComponents(faint.astype(np.uint8), connectivity=8)
    strong_area = np.bincount(labels[strong], minlength=count)
    faint_area = np.bincount(labels[faint & ~strong], minlength=count)
    joined = (strong_area > 0) & (faint_area <= FAINT_SHARE * strong_area)
    joined[0] = False
    out = ink.copy()
    out[joined[labels] & faint & ~strong] = INK_LEVEL + 0.01
    return out


def light_on_dark(gray: np.ndarray) -> bool:
    """Whether the page is light writing on a dark ground. Writing is thin strokes: compare the thin light
    structures (white top-hat) with the thin dark ones (black top-hat) on a shrunken page. Large dark areas
    (a desk around the page, a shadow) are not thin and count for neither."""
    small = shrunk(gray, POLARITY_SIDE)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    light = float(cv2.morphologyEx(small, cv2.MORPH_TOPHAT, kernel).mean())
    dark = float(cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, kernel).mean())
    return light > POLARITY_RATIO * max(dark, 0.5)
