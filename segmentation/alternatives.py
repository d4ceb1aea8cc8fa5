"""Other ways to cut a text line into glyphs, proposed for the classifier to choose from (ocr/splits.py).

A box much wider than the line's typical glyph may be touching glyphs: cut at thin columns, or along its ink
pieces when two glyphs are kerned into each other. Narrow boxes close together, or linked by faint ink, may be
one broken glyph: joined. Segmentation only proposes; the network's confidence decides.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import cv2
import numpy as np

from segmentation.characters import reach_faint_bars, rows_box, tight_box, typical_width
from segmentation.lines import true_runs
from segmentation.pieces import INK_LEVEL
from segmentation.types import Box, Line

# A run of inked columns this many times wider than the line's typical glyph may hold touching glyphs.
SPLIT_RATIO = 1.45
# A cut part keeps only the ink pieces mostly its own unless that leaves it under OWN_SHARE of its columns' ink.
OWN_SHARE = 0.5  # 0.3 and 0.7 read generated pages the same
# A narrower run, from KERNED_RATIO typical glyphs, may still be two glyphs if a column in its middle half holds
# under BRIDGE_SHARE of its heaviest column's ink.
KERNED_RATIO = 1.15
BRIDGE_SHARE = 0.2
# A cut into two glyphs is also tried at up to MORE_CUTS other thin columns, none nearer the run's edges
# than CUT_EDGE of its width (an i beside a W is a fifth of the pair).
MORE_CUTS = 2
CUT_EDGE = 0.15
# A run from CORE_RATIO typical glyphs wide whose columns of ink over CORE_LEVEL fall apart is cut there too.
CORE_RATIO = 1.15
CORE_LEVEL = 0.4
# Or two separate ink pieces, each holding at least PIECE_SHARE of the box's ink, kerned into each other.
PIECE_SHARE = 0.2
# Two boxes may be one broken glyph when one is narrower than MERGE_NARROW typical glyphs, the gap between them
# is under MERGE_GAP glyph heights, and together they are no wider than MERGE_WIDTH typical glyphs.
MERGE_NARROW = 0.6
MERGE_GAP = 0.12
MERGE_WIDTH = 1.3
# Pieces further apart may still be one glyph whose hairline fell under INK_LEVEL (blurred high-contrast serif
# print: an o seen as "()", an n as two stems) when fainter ink, above FAINT_LEVEL, still connects them. A blurred
# hairline keeps about a tenth of its stems' ink: 0.07 read generated page sets best (0.05-0.10 tried; lower
# links separate letters through blur, higher misses the bowls of u and the arches of n and m).
FAINT_LEVEL = 0.07
FAINT_MARGIN = 0.15  # rows above and below the boxes searched for the faint link, in glyph heights
# In a line of LINKED_LINE_PAIRS neighbours or more where faint ink links over LINKED_LINE of them (small print
# under blur), a link says nothing of pieces: such a line's pieces are not taken for broken glyphs' on its account.
LINKED_LINE = 0.6
LINKED_LINE_PAIRS = 6
# Twin stems (_twin_stems): each under TWIN_WIDTH of its height wide, alike in height and top within TWIN_ALIKE,
# under TWIN_SHORT of the line's tall glyphs, at most TWIN_GAP of their height apart.
TWIN_WIDTH = 0.5
TWIN_ALIKE = 0.2
TWIN_SHORT = 0.8
TWIN_GAP = 0.45
MARK_HEIGHT = 0.4  # a box under this share of its neighbour's height, low beside it, is a mark, not a piece
WIDEST_PIECES = 2.0  # linked pieces (an m's stems) may be one glyph up to this many glyph heights wide
# A dot: the box's topmost ink piece, apart from the ink below it, holding under DOT_SHARE of the box's ink and
# under DOT_HEIGHT of its height, round (its sides within DOT_ASPECT of each other) and filling at least DOT_FILL
# of its own box (the dot of an i or j; a colon's dots are alike, a t's bar is not on top, the broken-off end of
# an arc is long and thin); and it rises DOT_RISE glyph heights above the line's typical glyph top (an i's dot
# stands above the small letters, the detached hook of a broken a does not).
DOT_SHARE = 0.25
DOT_HEIGHT = 0.35
DOT_ASPECT = 2.0
DOT_FILL = 0.4
DOT_RISE = 0.2


def _tight_parts(band: np.ndarray, top: int, cuts: list[tuple[int, int]]) -> list[Box]:
    """Boxes of the parts of a cut run, each tightened to the ink that belongs to it.

    A stroke of the neighbour that reaches over a part (the hook of an f over the next letter) is not the
    part's ink: every connected piece of ink counts for the part holding most of it.
    """
    x0, x1 = cuts[0][0], cuts[-1][1]
    count, labels = cv2.connectedComponents(band[:, x0:x1].astype(np.uint8), connectivity=8)
    owner = np.full(count, -1)  # component 0 is the background
    for piece in range(1, count):
        owner[piece] = int(np.argmax([np.count_nonzero(labels[:, a - x0 : b - x0] == piece) for a, b in cuts]))
    boxes = []
    for k, (a, b) in enumerate(cuts):
        mine = owner[labels[:, a - x0 : b - x0]] == k
        # Touching glyphs are one piece of ink, which goes to one side: the other keeps its columns' ink (an i
        # whose stem touches the R before it would be left with its dot alone).
        if np.count_nonzero(mine) < OWN_SHARE * np.count_nonzero(band[:, a:b]):
            box = tight_box(band, top, a, b)
        else:
            box = rows_box(mine, top, a, b) or tight_box(band, top, a, b)
        if box is not None:
            boxes.append(box)
    return boxes


def split_touching(band: np.ndarray, x0: int, x1: int, typical: float) -> list[tuple[int, int]]:
    """Cut a run of columns much wider than the line's typical glyph at its thinnest columns.

    The run is cut into round(width / typical) parts; each cut goes to the column with the least ink within
    a third of a glyph of where an even split would put it.
    """
    width = x1 - x0
    parts = round(width / typical)
    profile = band[:, x0:x1].sum(axis=0)
    if KERNED_RATIO * typical <= width < SPLIT_RATIO * typical:
        # Two glyphs kerned into each other (an f's hook over the next letter) join by a thin bridge.
        lo, hi = width // 4, width - width // 4
        if hi > lo and profile[lo:hi].min() <= BRIDGE_SHARE * profile.max():
            cut = lo + int(np.argmin(profile[lo:hi]))
            return [(x0, x0 + cut), (x0 + cut, x1)]
    if width < SPLIT_RATIO * typical or parts < 2:
        return [(x0, x1)]
    reach = max(1, int(typical / 3))
    cuts = []
    for k in range(1, parts):
        centre = round(k * width / parts)
        lo, hi = max(1, centre - reach), min(width - 1, centre + reach)
        cuts.append(lo + int(np.argmin(profile[lo:hi])) if hi > lo else centre)
    edges = [x0, *(x0 + c for c in sorted(set(cuts))), x1]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def split_at_cores(ink_band: np.ndarray, x0: int, x1: int) -> list[tuple[int, int]]:
    """Cut a run of columns where its strokes' cores part: blur spreads faint ink between touching glyphs (small
    print photographed), so the columns with ink above CORE_LEVEL fall into one run per glyph. Each cut goes to
    the column of least ink between two such runs; [(x0, x1)] when the cores do not part."""
    window = ink_band[:, x0:x1]
    runs = true_runs((window > CORE_LEVEL).any(axis=0))
    if len(runs) < 2:
        return [(x0, x1)]
    profile = window.sum(axis=0)
    cuts = [x0 + end + int(np.argmin(profile[end:start])) for (_, end), (start, _) in itertools.pairwise(runs)]
    edges = [x0, *cuts, x1]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def other_cuts(band: np.ndarray, x0: int, x1: int, chosen: int) -> list[int]:
    """Other columns to cut a two-glyph run at, thinnest first: its profile's other local minima away from the
    edges. The thinnest column is not always the glyphs' border (a W's own joins are thin), so the
    classifier gets to try a few."""
    width = x1 - x0
    profile = band[:, x0:x1].sum(axis=0).astype(float)
    lo, hi = max(1, round(CUT_EDGE * width)), min(width - 1, round((1 - CUT_EDGE) * width))
    minima = [c for c in range(lo, hi) if profile[c] <= profile[c - 1] and profile[c] <= profile[c + 1]]
    found: list[int] = []
    for c in sorted(minima, key=lambda c: (profile[c], c)):
        if all(abs(c - other) > 2 for other in [chosen - x0, *found]):
            found.append(c)
    return [x0 + c for c in found[:MORE_CUTS]]


@dataclass(frozen=True)
class Alternatives:
    """Other ways to cut a line into glyphs, for the classifier to choose from (ocr/splits.py).

    A box much wider than the line's typical glyph may be touching glyphs (`splits`: its parts); two narrow
    boxes close together may be one broken glyph (`merges`: the box covering box i and box i + 1), and three
    pieces linked by faint ink may be one too (`triples`: the box covering boxes i to i + 2, an m in three stems).
    """

    splits: dict[int, tuple[Box, ...]] = field(default_factory=dict)
    more_splits: dict[int, tuple[tuple[Box, ...], ...]] = field(default_factory=dict)  # other cuts of box i
    merges: dict[int, Box] = field(default_factory=dict)
    triples: dict[int, Box] = field(default_factory=dict)
    # Parts cut along ink pieces rather than columns overlap their kerned neighbour (a T's bar over the a):
    # for such a part, the pixels of its box that are the neighbour's, to leave out of its glyph.
    foreign_ink: dict[Box, np.ndarray] = field(default_factory=dict, compare=False)
    # The pairs (i, i + 1) whose ink faint ink links: pieces of one glyph more likely than two glyphs.
    linked: frozenset[int] = frozenset()
    # The line's boxes and split parts whose ink has a dot on top (`carries_dot`): an i or j, if read so.
    dotted: frozenset[Box] = frozenset()

    def extra_boxes(self) -> list[Box]:
        """The boxes to classify besides the line's own: split parts, merged pairs, then triples, in index order."""
        parts = [p for _, split in sorted(self.splits.items()) for p in split]
        parts += [p for _, cuts in sorted(self.more_splits.items()) for split in cuts for p in split]
        return parts + [box for _, box in sorted(self.merges.items())] + [b for _, b in sorted(self.triples.items())]


def glyph_ink(ink: np.ndarray, box: Box, alternatives: tuple[Alternatives, ...] = ()) -> np.ndarray:
    """The ink of a glyph's box, without the pixels a kerned neighbour reaches into it with; a stroke-shaped box
    with the faint bar that crosses it (`reach_faint_bars`)."""
    for alt in alternatives:
        if box in alt.foreign_ink:
            crop = ink[box.slices]
            return np.where(alt.foreign_ink[box], 0.0, crop).astype(crop.dtype)
    return ink[reach_faint_bars(ink, box).slices]


def split_kerned(
    band: np.ndarray, top: int, box: Box, wide: bool
) -> tuple[tuple[Box, Box], tuple[np.ndarray, np.ndarray]] | None:
    """Two glyphs whose boxes overlap but whose ink does not touch: the box's two ink pieces, each with the
    other's pixels (grown by one, for their soft edge) to leave out.

    The pieces are two big ones side by side in a `wide` box (kerning: "Ta", "Wo", "fo"), or one big piece
    and a low mark to its right in any box (the period an r's ear reaches over: "r." reads as n). Small
    pieces (a dot, a broken serif) go with the piece nearest them.
    """
    window = band[:, box.x : box.right].astype(np.uint8)
    _, labels, stats, centroids = cv2.connectedComponentsWithStats(window, connectivity=8)
    pair = _two_glyphs(stats, centroids, box, box.y - top, wide)
    if pair is None:
        return None
    left, right = pair
    side = np.array([0] + [left if abs(c[0] - centroids[left][0]) <= abs(c[0] - centroids[right][0]) else right
                           for c in centroids[1:]])  # fmt: skip
    owner = side[labels]
    boxes, foreign = [], []
    grow = np.ones((3, 3), np.uint8)
    for own, other in ((left, right), (right, left)):
        cols = np.flatnonzero((owner == own).any(axis=0))
        part = rows_box(owner[:, cols[0] : cols[-1] + 1] == own, top, box.x + int(cols[0]), box.x + int(cols[-1]) + 1)
        if part is None:
            return None
        others = cv2.dilate((owner == other).astype(np.uint8), grow).astype(bool)
        boxes.append(part)
        foreign.append(others[part.y - top : part.bottom - top, part.x - box.x : part.right - box.x])
    return (boxes[0], boxes[1]), (foreign[0], foreign[1])


def _two_glyphs(stats: np.ndarray, centroids: np.ndarray, box: Box, box_top: int, wide: bool) -> tuple[int, int] | None:
    """The labels of the two pieces that are separate glyphs (see split_kerned), left one first, or None."""
    mass = stats[:, cv2.CC_STAT_AREA].astype(float)
    mass[0] = 0.0  # the background
    big = [int(k) for k in np.flatnonzero(mass >= PIECE_SHARE * mass.sum())]
    if len(big) == 2 and wide:
        left, right = sorted(big, key=lambda k: centroids[k][0])
        # Stacked pieces ("=", a colon) are one glyph.
        return (left, right) if centroids[right][0] - centroids[left][0] >= 0.25 * box.w else None
    if len(big) != 1:
        return None
    main = big[0]
    marks = [
        k
        for k in range(1, len(stats))
        if k != main
        and stats[k, cv2.CC_STAT_TOP] >= box_top + box.h / 2
        and stats[k, cv2.CC_STAT_HEIGHT] < MARK_HEIGHT * box.h
        and centroids[k][0] > centroids[main][0] + 0.25 * box.w
    ]
    return (main, marks[0]) if len(marks) == 1 else None


def propose_alternatives(ink: np.ndarray, line: Line, boxes: tuple[Box, ...]) -> Alternatives:
    """Cuts for boxes much wider than the line's typical glyph, joins for narrow neighbours nearly touching.

    Whether to cut or join is left to the classifier (a wide 'm' reads better whole, a touching 'ef' better cut,
    a serif 'n' broken into two stems better joined), so this only proposes.
    """
    band = ink[line.top : line.bottom] > INK_LEVEL
    typical = typical_width(list(boxes), line)
    splits, more_splits, foreign_ink = {}, {}, {}
    for i, box in enumerate(boxes):
        kerned = split_kerned(band, line.top, box, box.w >= KERNED_RATIO * typical)
        if kerned is not None:
            splits[i] = kerned[0]
            foreign_ink.update(zip(*kerned, strict=True))
            continue
        cuts = split_touching(band, box.x, box.right, typical)
        parts = tuple(_tight_parts(band, line.top, cuts)) if len(cuts) > 1 else ()
        if len(parts) > 1:
            splits[i] = parts
        more = []
        if len(parts) == 2:
            more = [
                tuple(_tight_parts(band, line.top, [(box.x, c), (c, box.right)]))
                for c in other_cuts(band, box.x, box.right, cuts[0][1])
            ]
        cores = split_at_cores(ink[line.top : line.bottom], box.x, box.right) if box.w >= CORE_RATIO * typical else []
        if len(cores) > 1 and (core_parts := tuple(_tight_parts(band, line.top, cores))) not in (parts, *more):
            if parts:
                more.append(core_parts)
            else:
                splits[i] = parts = core_parts
        more_splits[i] = tuple(m for m in more if len(m) >= 2)
    height = float(np.median([b.h for b in boxes])) if boxes else 0.0  # the line's glyph height
    pairs, triples, linked = _propose_joins(ink, band, line, boxes, typical, height)
    more_splits = {i: m for i, m in more_splits.items() if m}
    candidates = [*boxes, *(p for parts in splits.values() for p in parts)]
    typical_top = float(np.median([b.y for b in boxes])) if boxes else 0.0
    dotted = frozenset(
        b
        for b in candidates
        if b.y < typical_top - DOT_RISE * height
        and carries_dot(band[b.y - line.top : b.bottom - line.top, b.x : b.right])
    )
    links = frozenset(np.flatnonzero(linked).tolist())
    return Alternatives(splits, more_splits, pairs, triples, foreign_ink, links, dotted)


def carries_dot(glyph: np.ndarray) -> bool:
    """Whether a glyph's ink (boolean) has a dot on top: its topmost piece small and clear of the ink below."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(glyph.astype(np.uint8), connectivity=8)
    if count < 3:  # the background and one piece
        return False
    pieces = sorted(range(1, count), key=lambda k: stats[k, cv2.CC_STAT_TOP])
    dot, rest = stats[pieces[0]], stats[pieces[1:]]
    width, height, area = dot[cv2.CC_STAT_WIDTH], dot[cv2.CC_STAT_HEIGHT], dot[cv2.CC_STAT_AREA]
    return bool(
        area < DOT_SHARE * stats[1:, cv2.CC_STAT_AREA].sum()
        and height < DOT_HEIGHT * glyph.shape[0]
        and max(width, height) <= DOT_ASPECT * min(width, height)
        and area >= DOT_FILL * width * height
        and dot[cv2.CC_STAT_TOP] + height < rest[:, cv2.CC_STAT_TOP].min()
    )


def _propose_joins(
    ink: np.ndarray, band: np.ndarray, line: Line, boxes: tuple[Box, ...], typical: float, height: float
) -> tuple[dict[int, Box], dict[int, Box], list[bool]]:
    """Pairs of narrow boxes nearly touching or linked by faint ink, runs of three linked pieces, and which
    neighbours faint ink links."""
    reach = max(2.0, MERGE_GAP * height)
    # Pieces linked by faint ink are judged against the glyph height, and may make up the widest glyph (an m):
    # when a line's hairlines are lost, its pieces are what the typical width was measured on.
    glyph = max(typical, height)
    # Only neighbours that could be one glyph are worth the connected-component search (the hot path).
    linked = [
        b.right - a.x <= WIDEST_PIECES * glyph and faintly_joined(ink, a, b) for a, b in itertools.pairwise(boxes)
    ]
    tall = float(np.percentile([b.h for b in boxes], 90)) if boxes else 0.0  # the line's ascenders or capitals
    # Twin stems are as good as linked: an m may leave three.
    one = [k or _twin_stems(a, b, tall) for k, (a, b) in zip(linked, itertools.pairwise(boxes), strict=True)]
    pairs, triples = {}, {}
    for i, (a, b) in enumerate(itertools.pairwise(boxes)):
        narrow = min(a.w, b.w) < MERGE_NARROW * typical
        near = narrow and b.x - a.right <= reach and b.right - a.x <= MERGE_WIDTH * typical
        if _mark_beside(a, b) or _mark_beside(b, a):
            continue  # "r." joined reads as a confident n; a broken glyph's pieces are not a low, small mark
        if near or one[i]:
            pairs[i] = tight_box(band, line.top, a.x, b.right)
        if i + 2 < len(boxes) and one[i] and one[i + 1] and boxes[i + 2].right - a.x <= WIDEST_PIECES * glyph:
            triples[i] = tight_box(band, line.top, a.x, boxes[i + 2].right)
    if len(linked) >= LINKED_LINE_PAIRS and sum(linked) > LINKED_LINE * len(linked):
        linked = [False] * len(linked)  # blur links every letter to its neighbours: no evidence of pieces
    # Boxes that hold ink always have a tight box; the filter only satisfies the type.
    return {i: b for i, b in pairs.items() if b}, {i: b for i, b in triples.items() if b}, linked


def _twin_stems(a: Box, b: Box, tall: float) -> bool:
    """Whether two boxes are the stems of one small letter whose arch or bowl fell under the ink level (a blurred
    serif n or u seen as "ii"): two thin strokes alike in height and top, shorter than the line's tall glyphs,
    closer than TWIN_GAP of their height. No two letters look so; two 1s or Is are as tall as the capitals."""
    h = max(a.h, b.h)
    thin = max(a.w, b.w) <= TWIN_WIDTH * h
    alike = abs(a.h - b.h) <= TWIN_ALIKE * h and abs(a.y - b.y) <= TWIN_ALIKE * h
    return thin and alike and h < TWIN_SHORT * tall and b.x - a.right <= TWIN_GAP * h


def _mark_beside(small: Box, tall: Box) -> bool:
    """Whether `small` is a low mark beside `tall` (a period or comma after a letter): short, in its lower half."""
    return small.h < MARK_HEIGHT * tall.h and small.y >= tall.y + tall.h / 2


def faintly_joined(ink: np.ndarray, a: Box, b: Box) -> bool:
    """Whether faint ink (above FAINT_LEVEL) connects the ink of box a to the ink of box b (a left of b)."""
    # The faint hairline may lie just outside the boxes, which hold only the ink above INK_LEVEL (an o's arcs).
    margin = max(2, round(FAINT_MARGIN * max(a.h, b.h)))
    top, bottom = max(0, min(a.y, b.y) - margin), max(a.bottom, b.bottom) + margin
    window = ink[top:bottom, a.x : b.right]
    _, labels = cv2.connectedComponents((window > FAINT_LEVEL).astype(np.uint8), connectivity=8)
    strong = window > INK_LEVEL
    left = set(np.unique(labels[:, : a.w][strong[:, : a.w]]).tolist())
    right = set(np.unique(labels[:, b.x - a.x :][strong[:, b.x - a.x :]]).tolist())
    return bool((left & right) - {0})
