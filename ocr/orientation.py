"""Which way up a page is: a scan fed upside down or sideways carries no EXIF turn to undo.

Glyphs read upside down are read with much less confidence than the same glyphs turned the right way up, and
turning a glyph's frame by 180 degrees is the frame of the page turned by 180 degrees. So up to 48 of each
page's glyphs are also read turned (one small pass of the network over frames it already has), and a page that
reads poorly both ways (or on which too few glyphs are found) is segmented once more turned by 90 degrees,
which gives the 90 and 270 degree readings.
"""

from __future__ import annotations

import numpy as np

from segmentation.pieces import INK_LEVEL
from segmentation.types import Line

# Mean log-confidence of a page's glyphs. Upright pages read at -0.02 to -0.21 (generated sets and the real
# ones), the same pages upside down at -0.16 to -0.46 and turned sideways at -0.26 to -0.70. Segmenting a page
# sideways costs as much as reading it: only pages that read poorly, or doubtfully with their ink varying more
# from column to column than from row to row (text lines turned on end), are tried.
# The glyphs turned over must read this much better to turn the page over. 0.08 left some pages upside down
# (38 turned pages 0.0188 at 0.03-0.05, 0.0324 at 0.08); with none, upright pages turn over (698 -> 758 errors).
FLIP_MARGIN = 0.05
# ...and read at least this well turned over: a page upside down reads turned at -0.16 or better (38 turned
# pages), while a blurred page reads poorly both ways and may read a little less poorly turned (-0.59 against
# -0.70) without being upside down.
FLIP_FLOOR = -0.35
POOR_READING = -0.25  # a page reading worse than this both ways is also tried sideways
DOUBTFUL_READING = -0.15  # ...and so is one reading worse than this whose ink looks like it runs in columns
TURN_MARGIN = 0.1  # ...and turned when that reads this much better
# ...and at least this well: sideways, the strokes of a page of poor print can read as confident dashes and
# bars (a blurred page read at -0.42 upright read at -0.32 turned unenlarged, -0.67 enlarged as small print is;
# pages really on end read turned at -0.26 or better)
SIDEWAYS_FLOOR = -0.28
# ...with its letters and digits alone reading at least this well (pages on end: -0.43 or better; a blurred page
# whose strokes read sideways as dashes: -6.3)
SIDEWAYS_LETTERS_FLOOR = -1.0
# Latin text has more letters reaching above the small letters' height (b d f h i k l t, capitals, digits) than
# below their baseline (g j p q y): a glyph whose box passes its line's median top or bottom by REACH of the
# median height is an ascender or a descender. Upright print has 2-10 times as many ascenders as descenders
# (generated pages, samples, ../shared/real: pr_tess_phototest 52 to 22), the same pages turned over the other
# way round; capitals and hand-written block letters have next to none either way. A page with at least
# MIN_ASCENDERS of them and UPRIGHT_RATIO times as many as descenders is not turned over, however poorly its
# glyphs read (a blurred serif page read its h as li and came out upside down).
REACH = 0.3
MIN_ASCENDERS = 8
UPRIGHT_RATIO = 2.0
MIN_GLYPHS = 8  # fewer glyphs say too little about which way is up
# Glyphs read turned over, evenly spread over the page (reading them costs network time); with 24 a page of
# slanted handwriting read upside down when one speck fewer shifted which glyphs were sampled.
SAMPLE_GLYPHS = 48


def reading_score(probs: np.ndarray, among: np.ndarray | None = None) -> float:
    """Mean log of each glyph's best probability (among the classes `among` marks, when given): how surely the
    page reads (0 is certain)."""
    if not len(probs):
        return float("-inf")
    best = probs[:, among].max(axis=1) if among is not None else probs.max(axis=1)
    return float(np.mean(np.log(np.maximum(best, 1e-6))))


def sample(count: int) -> np.ndarray:
    """Indices of at most SAMPLE_GLYPHS of `count` glyphs, evenly spread (the same ones every time)."""
    return np.unique(np.linspace(0, count - 1, min(count, SAMPLE_GLYPHS)).round().astype(int))


def turned_over(frames: np.ndarray) -> np.ndarray:
    """Glyph frames turned by 180 degrees: the frames of the page turned over."""
    return np.ascontiguousarray(frames[:, ::-1, ::-1])


def turn_page(gray: np.ndarray, degrees: int) -> np.ndarray:
    """The page turned clockwise by 0, 90, 180 or 270 degrees."""
    if degrees % 90:
        raise ValueError(f"pages turn by quarter turns, not {degrees} degrees")
    return np.ascontiguousarray(np.rot90(gray, -(degrees // 90) % 4))


def worth_turning_sideways(upright: tuple[float, float], ink: np.ndarray) -> bool:
    """Whether a page whose glyphs read `upright` (as found, turned over) is worth segmenting sideways."""
    best = max(upright)
    return best < POOR_READING or (best < DOUBTFUL_READING and _runs_in_columns(ink))


def _runs_in_columns(ink: np.ndarray) -> bool:
    """Whether the page's ink varies more from column to column than from row to row, each profile measured
    by its squared coefficient of variation over the middle 80% of the page (margins left out)."""
    mask = ink > INK_LEVEL

    def variation(profile: np.ndarray) -> float:
        middle = profile[profile.size // 10 : profile.size - profile.size // 10].astype(np.float64)
        return float(middle.var() / middle.mean() ** 2) if middle.size and middle.mean() > 0 else 0.0

    return variation(mask.sum(axis=0)) > variation(mask.sum(axis=1))


def ascenders_and_descenders(lines: tuple[Line, ...]) -> tuple[int, int]:
    """How many glyphs reach above their line's median top, and how many below its median bottom, by more than
    REACH of its median glyph height (lines of three glyphs or more)."""
    up = down = 0
    for line in lines:
        if len(line.boxes) < 3:
            continue
        top = float(np.median([b.y for b in line.boxes]))
        bottom = float(np.median([b.y + b.h for b in line.boxes]))
        reach = REACH * (bottom - top)
        up += sum(b.y < top - reach for b in line.boxes)
        down += sum(b.y + b.h > bottom + reach for b in line.boxes)
    return up, down


def hangs_upright(lines: tuple[Line, ...]) -> bool:
    """Whether the lines' ascenders clearly outnumber their descenders: upright Latin text."""
    up, down = ascenders_and_descenders(lines)
    return up >= MIN_ASCENDERS and up >= UPRIGHT_RATIO * down


def best_turn(
    upright: tuple[float, float], sideways: tuple[float, float] | None = None, upright_text: bool = False
) -> int:
    """The clockwise turn that makes the page read best, from the reading scores of its glyphs as found
    (`upright`: as they are, turned over) and, when it was tried, of the page turned 90 degrees clockwise
    (`sideways`: as found there, turned over, which is the page turned 270 degrees). A turn must read better than
    the page as it is by its margin. A page of `upright_text` (see hangs_upright) is not turned over."""
    as_is, over = upright
    flip = over - as_is - FLIP_MARGIN if over >= FLIP_FLOOR and not upright_text else 0.0
    gains = {0: 0.0, 180: flip}
    if sideways is not None and max(sideways) >= SIDEWAYS_FLOOR:
        gains |= {90: sideways[0] - as_is - TURN_MARGIN, 270: sideways[1] - as_is - TURN_MARGIN}
    turn = max(gains, key=lambda t: gains[t])
    return turn if gains[turn] > 0 else 0
