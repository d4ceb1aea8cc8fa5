"""Word spaces from the page's own gap distribution.

Gaps between neighbouring boxes of a line fall into two families when the line holds several words: the
narrow gaps inside words and the wide gaps between them. A line's sorted gaps are split where Otsu's
criterion separates them best, provided the split is a clear jump. Lines with too few gaps to tell borrow the
threshold the other lines chose, in units of their own glyph height; a page where no line can decide alone
pools all its gaps. No fixed pixel count is involved.
"""

from __future__ import annotations

import itertools

import numpy as np

from ocr.readings import BARE_STROKES
from segmentation.types import Box

# Widest gap family must be this many times the narrow one (by their means) to count as word gaps.
MIN_FAMILY_RATIO = 2.2
# And the boundary itself must be a jump: the smallest word gap this many times the largest letter gap.
MIN_JUMP = 1.4
MIN_GAPS_TO_DECIDE = 4
MIN_LETTER_SHARE = 0.4  # the narrow family holds at least this share of a line's gaps
NEAR_BEST = 0.9  # splits scoring this share of the best one's are about as good (the widest jump wins)
# A page where no line decides, its pooled gaps no better, may split at a smaller jump between families three
# times apart, when it has this many gaps.
RELAXED_GAPS = 12
RELAXED_JUMP = 1.2
RELAXED_RATIO = 3.0
# With this many lines deciding, a line's threshold under OUTLIER_SHARE of the page's median is overruled.
MIN_LINES_TO_OVERRULE = 3
OUTLIER_SHARE = 0.6
MARK_HEIGHT = 0.6  # a box under this share of its line's median height is a mark, not a letter
OTHER_DIGITS = frozenset("023456789")
DIGIT_GAP = 0.3


def _gaps(boxes: tuple[Box, ...]) -> np.ndarray:
    return np.array([max(0, b.x - a.right) for a, b in itertools.pairwise(boxes)], float)


def _letter_gaps(boxes: tuple[Box, ...]) -> np.ndarray:
    """The gaps between boxes neither of which is a mark: a narrow apostrophe or period leaves wider gaps
    beside it than letters do ("column's"), which would pull the word-gap threshold down."""
    if len(boxes) < 2:
        return np.zeros(0)
    tall = MARK_HEIGHT * float(np.median([b.h for b in boxes]))
    letters = np.array([a.h >= tall and b.h >= tall for a, b in itertools.pairwise(boxes)], bool)
    return _gaps(boxes)[letters]


def _split_threshold(gaps: np.ndarray, min_gaps: int = MIN_GAPS_TO_DECIDE, min_jump: float = MIN_JUMP,
                     min_ratio: float = MIN_FAMILY_RATIO) -> float | None:  # fmt: skip
    """The word-gap threshold of a set of gaps, or None when they do not form two families.

    Touching glyphs (gap 0) are inside a word by definition and say nothing about the letter-gap family.
    """
    gaps = gaps[gaps > 0]
    if len(gaps) < max(min_gaps, 2):
        return None
    ordered = np.sort(gaps)
    # Smallest gaps can be zero (touching boxes): compare on a log scale with one pixel of slack.
    logs = np.log(ordered + 1.0)
    splits: list[tuple[float, float, float]] = []  # (score, jump, threshold) of every split that qualifies
    # Gaps inside words outnumber gaps between them: a "letter" family of one odd narrow gap (two letters that
    # nearly touch on an evenly spaced line) is no family.
    first = max(2, int(np.ceil(MIN_LETTER_SHARE * len(ordered))))
    for i in range(first, len(ordered)):
        low, high = ordered[:i], ordered[i:]
        jump = (ordered[i] + 1.0) / (ordered[i - 1] + 1.0)
        ratio = (high.mean() + 1.0) / (low.mean() + 1.0)
        if jump < min_jump or ratio < min_ratio:
            continue
        # Otsu's between-class variance on the log gaps: the split that best separates two families.
        score = i * (len(logs) - i) * (logs[i:].mean() - logs[:i].mean()) ** 2
        splits.append((score, jump if len(ordered) - i >= 2 else 0.0, (ordered[i - 1] + ordered[i]) / 2.0))
    if not splits:
        return None
    # With few gaps, letter gaps of two widths (3 and 6 pixels against 9 and 12) can separate about as well as
    # letters from words: of the splits about as good as the best, the one at the widest jump. (Not a jump to
    # one odd gap alone: a speck far beyond the line's end opens the widest jump of all.)
    best = max(splits)
    near = [(jump, threshold) for score, jump, threshold in splits if score >= NEAR_BEST * best[0] and jump]
    return max(near)[1] if near else best[2]


def word_gap_thresholds(lines: list[tuple[Box, ...]]) -> list[float | None]:
    """Per line, the gap in pixels above which a gap is a word space (None: the line has no word spaces)."""
    heights = [float(np.median([b.h for b in boxes])) if boxes else 1.0 for boxes in lines]
    thresholds = [_split_threshold(_letter_gaps(boxes)) for boxes in lines]
    relative = [t / h for t, h in zip(thresholds, heights, strict=True) if t is not None]
    if relative:
        page_relative: float | None = float(np.median(relative))
        if len(relative) >= MIN_LINES_TO_OVERRULE:
            # A line whose split lies far under the page's has split its letters (a loosely set font makes
            # two letter-gap families): it takes the page's threshold instead.
            thresholds = [
                None if t is not None and t / h < OUTLIER_SHARE * page_relative else t
                for t, h in zip(thresholds, heights, strict=True)
            ]
    else:
        # No line can decide alone (a short page): pool every gap, in units of its line's glyph height.
        # Pixels at the page's median glyph height keep the one-pixel slack of _split_threshold meaningful.
        unit = float(np.median(heights)) if heights else 1.0
        pooled = np.concatenate([_letter_gaps(b) * unit / h for b, h in zip(lines, heights, strict=True)] or [[]])
        pooled_threshold = _split_threshold(pooled, min_gaps=2)
        if pooled_threshold is None:
            # A photo of one line has nothing to borrow from: with enough gaps, a gap between the families (a
            # word gap narrowed by a letter's side bearing) may blur the jump, when the families stand far apart.
            pooled_threshold = _split_threshold(pooled, RELAXED_GAPS, RELAXED_JUMP, RELAXED_RATIO)
        page_relative = None if pooled_threshold is None else pooled_threshold / unit
    return [
        t if t is not None or page_relative is None else page_relative * h
        for t, h in zip(thresholds, heights, strict=True)
    ]


def find_word_gaps(lines: list[tuple[Box, ...]], labels: list[list[str]] | None = None) -> list[list[bool]]:
    """For each line, for each box, whether a word space comes before it (never before the first box).

    With the network's `labels`, a space inside a number is judged again: most fonts draw digits on one fixed
    width, so the box of a 1 leaves wide margins and digits sit further apart than letters, which would
    otherwise split "12" into "1 2".
    """
    result = []
    for n, (boxes, threshold) in enumerate(zip(lines, word_gap_thresholds(lines), strict=True)):
        gaps = _gaps(boxes)
        flags = [False] + [threshold is not None and bool(g > threshold) for g in gaps]
        if labels is not None and threshold is not None:
            _join_number_gaps(flags, gaps, boxes, labels[n], threshold)
        result.append(flags[: len(boxes)])
    return result


def _join_number_gaps(flags: list[bool], gaps: np.ndarray, boxes: tuple[Box, ...], labels: list[str],
                     threshold: float) -> None:  # fmt: skip
    """Drop the spaces inside numbers that the digits' fixed width opened (flags[k] is the space before box k):
    the side margins of a narrow 1, and digit spacing looser than the letters'."""
    widths = [b.w for b, c in zip(boxes, labels, strict=True) if c in OTHER_DIGITS]
    if not widths:
        return
    digit_width = float(np.median(widths))

    def in_a_word(k: int, side: int) -> bool:  # box k has letters on `side` (-1 left, +1 right), no space between
        j = k + side
        while 0 <= j < len(boxes) and not flags[max(j, j - side)]:
            if labels[j] not in BARE_STROKES:
                return labels[j].isalpha()
            j += side
        return False

    def reaches_a_digit(k: int, side: int) -> bool:  # through bare strokes only, whatever the gaps
        j = k + side
        while 0 <= j < len(boxes) and labels[j] in BARE_STROKES:
            j += side
        return 0 <= j < len(boxes) and labels[j] in OTHER_DIGITS

    numeric = BARE_STROKES | OTHER_DIGITS
    for k in range(1, len(boxes)):
        pair = (k - 1, k)
        if not flags[k] or not all(labels[j] in numeric for j in pair):
            continue
        # Part of a number: a digit in the pair, or reached through a run of strokes ("1112" has one at its end).
        if not (any(labels[j] in OTHER_DIGITS for j in pair) or reaches_a_digit(k - 1, -1) or reaches_a_digit(k, 1)):
            continue
        margin = sum(
            max(0.0, (digit_width - boxes[j].w) / 2)
            for j, side in ((k - 1, -1), (k, 1))
            if labels[j] in BARE_STROKES and not in_a_word(j, side)
        )
        # Digits are set on their own fixed width, often looser than the letters around them: inside a number
        # a gap up to DIGIT_GAP of the digits' height is no space, whatever the letters' spacing says.
        height = min(boxes[j].h for j in pair)
        if gaps[k - 1] - margin <= max(threshold, DIGIT_GAP * height):
            flags[k] = False


CLOSING_MARKS = frozenset(".,;:!?)%")
OPENING_MARKS = frozenset("($#")


def attach_marks(labels: list[str], space_before: list[bool]) -> list[bool]:
    """Word spaces without the ones before a closing mark (or a percent sign) or after an opening bracket (or a
    dollar or number sign): English sets none there, and a narrow mark's side margins often look like one
    ("evening !", "$ 45")."""
    return [
        space and label not in CLOSING_MARKS and not (k > 0 and labels[k - 1] in OPENING_MARKS)
        for k, (label, space) in enumerate(zip(labels, space_before, strict=True))
    ]
