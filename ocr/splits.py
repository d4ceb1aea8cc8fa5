"""Touching and broken glyphs: cut a wide box, join two narrow ones, or keep them, as the classifier reads best.

Segmentation proposes the alternatives (segmentation.alternatives.propose_alternatives); the network's
confidence in each decides. A handwritten 'm' reads well whole; a touching 'ef' reads well cut; a serif 'n'
whose thin arch broke off reads well joined.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from models.scoring import shape_key
from ocr.line_geometry import X_HEIGHT_EVIDENCE
from ocr.readings import BARE_STROKES, X_HEIGHT_ALIKE
from segmentation.alternatives import Alternatives
from segmentation.characters import typical_width
from segmentation.types import Box, Line

# A cut or join must read this much more confidently than what it replaces. Confidence of several glyphs is the
# product of theirs: the chance that all of them are right.
SPLIT_MARGIN = 0.05
MERGE_MARGIN = 0.05
# A cut is also taken when its parts are this many times less likely wrong than the whole: a kerned "Ta" read as
# a B at 0.97 cuts into a T and an a at 0.9999, while an m at 0.99999 keeps whole against an "rn" at 0.9998.
SPLIT_ODDS = 10.0
# No glyph is this many times as wide as the line's typical one (a W is about 1.5 to 2): such a box is cut when
# its parts read about as well as the whole ("Wo" reads as a confident m too).
WIDEST_GLYPH = 2.2
# A stroke or an arc reads as itself whatever it was broken from (the two stems of an n whose arch fell under
# the ink level, the first stem of an m): such a piece is weak evidence against joining it to its neighbour,
# however sure the network is of its shape, when faint ink links the two or every piece is one.
PIECE_SHAPES = BARE_STROKES | frozenset("()/")
PIECE_EVIDENCE = 0.85
# An i or j with its dot is whole: no other glyph holds a dot beside its strokes. So it is joined to a neighbour
# only into a tall glyph read nearly certainly (DOTTED_JOIN: the ball of a serif 6 whose hairlines broke off
# stands over the bowl like an i's dot), never into a small letter, which cannot reach up to where the dot is
# (a blurred serif "in" reads as an m at 0.998, "ri" as an h at 0.88); and a box one of whose cut parts is one
# is cut (a serif "fi" reads as a sure h) unless it reads as an i or j itself or its parts read very badly
# (DOTTED_CUT).
DOTTED = frozenset("ij")
# A mark cut off a letter (the period an r's ear reaches over) is a small blob that the network spreads over
# every small mark; the line's geometry, not its shape, tells them apart (ocr/context.py).
DOT_MARKS = frozenset(".,'\"*")  # without * and ": 7 more errors on generated pages
# A bar cut off a glyph is a stroke of it (a hand's 2 whose foot ran on thin, an E whose middle bar did not touch
# its stem), never a hyphen, when it lies mostly within the other part's columns (TUCKED_SHARE of its width) or
# level with its top or bottom (its middle outside the middle LEVEL_BAND of the other's height): a hyphen
# stands between glyphs, halfway up the small letters.
BARS = frozenset("-_~=")
TUCKED_SHARE = 0.5
LEVEL_BAND = (0.25, 0.75)
DOTTED_JOIN = 0.99
DOTTED_CUT = 0.25
SMALL_LETTERS = X_HEIGHT_ALIKE | X_HEIGHT_EVIDENCE  # the letters that stay within the x-height


def shape_confidence(row: np.ndarray, classes: tuple[str, ...]) -> float:
    """How sure the network is of the glyph's *shape*: the best class's probability plus its look-alikes'
    (its other case, or a bare stroke's 1, l, I and |), which only context can tell apart."""
    best = classes[int(row.argmax())]
    key, other = shape_key(best), best.swapcase()
    return float(sum(p for c, p in zip(classes, row, strict=True) if shape_key(c) == key or c == other))


def piece_confidence(row: np.ndarray, classes: tuple[str, ...]) -> float:
    """`shape_confidence` of a glyph that may be a piece of a larger one."""
    confidence = shape_confidence(row, classes)
    return min(confidence, PIECE_EVIDENCE) if classes[int(row.argmax())] in PIECE_SHAPES else confidence


def apart_confidence(rows: np.ndarray, classes: tuple[str, ...], linked: bool = False) -> float:
    """How sure the network is of several glyphs read apart: the product of their shape confidences, each
    stroke- or arc-shaped piece's capped at PIECE_EVIDENCE when the glyphs are `linked` or all such pieces, and
    a dot-like mark's counting every dot-like mark (where it sits says which one it is)."""
    if linked or all(classes[int(r.argmax())] in PIECE_SHAPES for r in rows):
        return float(np.prod([piece_confidence(r, classes) for r in rows]))
    return float(np.prod([_mark_or_shape_confidence(r, classes) for r in rows]))


def _mark_or_shape_confidence(row: np.ndarray, classes: tuple[str, ...]) -> float:
    if classes[int(row.argmax())] not in DOT_MARKS:
        return shape_confidence(row, classes)
    return float(sum(p for c, p in zip(classes, row, strict=True) if c in DOT_MARKS))


def _w_as_two_vs(whole: np.ndarray, parts: np.ndarray, classes: tuple[str, ...]) -> bool:
    """Whether a cut would read a W as the two V's any W is made of (a wide W is cut as readily as a pair)."""
    shapes = [shape_key(classes[int(row.argmax())]) for row in (whole, *parts)]
    return shapes == ["W", "V", "V"]


@dataclass(frozen=True)
class Cut:
    """Another reading of a chosen box: its best cut's parts (or, for a joined box, the pieces it was joined
    from) and their probability rows. The word list may prefer it (a blurred "th" read as a sure M leaves "Mere"
    where the cut spells "there")."""

    boxes: tuple[Box, ...]
    rows: np.ndarray = field(compare=False)


def _rows_by_line(
    lines: tuple[Line, ...], alternatives: tuple[Alternatives, ...], probs: np.ndarray
) -> Iterator[tuple[Line, Alternatives, np.ndarray, np.ndarray]]:
    """Each line with its alternatives, its own boxes' rows and its extra boxes' rows. `probs` holds the rows of
    every box in reading order, then, line by line, the rows of that line's extra boxes (extra_boxes)."""
    row = sum(len(line.boxes) for line in lines)
    start = 0
    for line, alt in zip(lines, alternatives, strict=True):
        own = probs[start : start + len(line.boxes)]
        start += len(line.boxes)
        n_extra = len(alt.extra_boxes())
        yield line, alt, own, probs[row : row + n_extra]
        row += n_extra


def choose_alternatives(
    lines: tuple[Line, ...], alternatives: tuple[Alternatives, ...], probs: np.ndarray, classes: tuple[str, ...]
) -> tuple[tuple[Line, ...], np.ndarray]:
    """Final lines and their probability rows. `probs` holds the rows of every box in reading order, then, line
    by line, the rows of that line's extra boxes (Alternatives.extra_boxes)."""
    out_lines, out_rows = [], []
    for line, alt, own, extra in _rows_by_line(lines, alternatives, probs):
        boxes, rows = _choose_in_line(line, alt, own, extra, classes)
        out_lines.append(Line(top=line.top, bottom=line.bottom, boxes=tuple(boxes)))
        out_rows.extend(rows)
    stacked = np.stack(out_rows) if out_rows else np.zeros((0, probs.shape[1]), np.float32)
    return tuple(out_lines), stacked


def passed_over_cuts(
    lines: tuple[Line, ...],
    alternatives: tuple[Alternatives, ...],
    probs: np.ndarray,
    classes: tuple[str, ...],
    found: tuple[Line, ...],
) -> tuple[dict[Box, Cut], ...]:
    """Per line of `found` (choose_alternatives' lines), its boxes that were read whole though they could be cut,
    each with its best cut (the one whose parts read surest), and the boxes it joined, each with its pieces (a
    blurred i beside an n joins into a sure m)."""
    out = []
    for (line, alt, own, extra), chosen in zip(_rows_by_line(lines, alternatives, probs), found, strict=True):
        row_of = dict(zip(alt.extra_boxes(), extra, strict=True))
        kept = set(chosen.boxes)
        cuts = {}
        for i in alt.splits:
            if line.boxes[i] in kept:
                _, parts, rows = _best_cut(i, alt, row_of, classes)
                cuts[line.boxes[i]] = Cut(parts, rows)
        for span, table in ((2, alt.merges), (3, alt.triples)):
            for i, box in table.items():
                if box in kept and i + span <= len(line.boxes):
                    cuts[box] = Cut(line.boxes[i : i + span], own[i : i + span])
        out.append(cuts)
    return tuple(out)


def _choose_in_line(
    line: Line, alt: Alternatives, own: np.ndarray, extra: np.ndarray, classes: tuple[str, ...]
) -> tuple[list[Box], list[np.ndarray]]:
    """The line's best reading over every way to join and cut its boxes, not box by box from the left.

    Going left to right, an "r" and the first stem of the n after it join into a sure "n" before the two stems
    are looked at together. Here each box may stand alone (whole or cut), join the next one or the next two;
    the path with the highest product of confidences wins, a join or a cut counting only when it is MARGIN
    surer than what it replaces, as it did when boxes were judged one at a time.
    """
    # A box's frame depends only on the box, so its reading can be looked up by it.
    row_of = dict(zip(alt.extra_boxes(), extra, strict=True))
    n = len(line.boxes)
    typical = typical_width(list(line.boxes), line)
    alone = [_alone(i, line, alt, own, row_of, classes, typical) for i in range(n)]
    joins = {i: (alt.merges[i], row_of[alt.merges[i]], 2) for i in alt.merges if i + 1 < n}
    joins3 = {i: (alt.triples[i], row_of[alt.triples[i]], 3) for i in alt.triples if i + 2 < n}
    dotted = [_is_dotted(box, row, alt, classes) for box, row in zip(line.boxes, own, strict=True)]
    # best[k]: the best log-confidence of boxes 0..k-1, and how its last step got there.
    best = [0.0] + [-np.inf] * n
    step: list[tuple[int, list[Box], list[np.ndarray]]] = [(0, [], [])] * (n + 1)
    for i in range(n):
        if best[i] == -np.inf:
            continue
        options = [(i + 1, alone[i][0], alone[i][1], alone[i][2])]
        for table in (joins, joins3):
            if i in table:
                box, row, span = table[i]
                joined = shape_confidence(row, classes)
                if any(dotted[i : i + span]) and (joined < DOTTED_JOIN or classes[int(row.argmax())] in SMALL_LETTERS):
                    continue
                score = joined - MERGE_MARGIN
                options.append((i + span, score, [box], [row]))
        for end, score, boxes, rows in options:
            total = best[i] + np.log(max(score, 1e-12))
            if total > best[end]:
                best[end], step[end] = total, (i, boxes, rows)
    out_boxes: list[Box] = []
    out_rows: list[np.ndarray] = []
    k = n
    while k > 0:
        k, boxes, rows = step[k]
        out_boxes[:0], out_rows[:0] = boxes, rows
    return out_boxes, out_rows


def _best_cut(
    i: int, alt: Alternatives, row_of: dict[Box, np.ndarray], classes: tuple[str, ...]
) -> tuple[float, tuple[Box, ...], np.ndarray]:
    """Box i's cut whose parts read surest (of alt.splits[i] and alt.more_splits[i]): its apart_confidence,
    parts and their rows."""
    cuts = [(parts, np.stack([row_of[p] for p in parts])) for parts in (alt.splits[i], *alt.more_splits.get(i, ()))]
    return max(((apart_confidence(rows, classes), parts, rows) for parts, rows in cuts), key=lambda c: c[0])


def _is_dotted(box: Box, row: np.ndarray, alt: Alternatives, classes: tuple[str, ...]) -> bool:
    return box in alt.dotted and classes[int(row.argmax())] in DOTTED


def _alone(
    i: int,
    line: Line,
    alt: Alternatives,
    own: np.ndarray,
    row_of: dict[Box, np.ndarray],
    classes: tuple[str, ...],
    typical: float,
) -> tuple[float, list[Box], list[np.ndarray]]:
    """Box i read on its own: whole, or cut when a cut reads better; its confidence, boxes and rows.

    A stroke- or arc-shaped box that faint ink links to a neighbour, or that sits beside another such piece it
    could join, is weak evidence of itself (PIECE_EVIDENCE): it may be a piece of a broken glyph.
    """
    box, row = line.boxes[i], own[i]
    piece_like = classes[int(row.argmax())] in PIECE_SHAPES
    neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(own) and min(i, j) in alt.merges]
    linked = any(min(i, j) in alt.linked for j in neighbours)
    beside_piece = any(classes[int(own[j].argmax())] in PIECE_SHAPES for j in neighbours)
    conf = piece_confidence(row, classes) if linked or (piece_like and beside_piece) else shape_confidence(row, classes)
    if i not in alt.splits:
        return conf, [box], [row]
    whole = shape_confidence(row, classes)
    apart, parts, part_probs = _best_cut(i, alt, row_of, classes)
    margin = -SPLIT_MARGIN if box.w > WIDEST_GLYPH * typical else SPLIT_MARGIN
    better = apart > whole + margin or (1 - apart) * SPLIT_ODDS < 1 - whole
    if classes[int(row.argmax())] not in DOTTED and any(
        _is_dotted(p, r, alt, classes) for p, r in zip(parts, part_probs, strict=True)
    ):
        better = apart > DOTTED_CUT
    if better and not _w_as_two_vs(row, part_probs, classes) and not _bar_of_a_glyph(parts, part_probs, classes):
        return apart, list(parts), list(part_probs)
    return conf, [box], [row]


def _bar_of_a_glyph(parts: tuple[Box, ...], rows: np.ndarray, classes: tuple[str, ...]) -> bool:
    """Whether a cut part read as a bar is a stroke of another part (see BARS)."""
    for k, (part, row) in enumerate(zip(parts, rows, strict=True)):
        if classes[int(row.argmax())] not in BARS:
            continue
        for j, other in enumerate(parts):
            if j == k or classes[int(rows[j].argmax())] in BARS:
                continue
            shared = min(part.right, other.right) - max(part.x, other.x)
            height = (part.y + part.h / 2 - other.y) / max(other.h, 1)
            if shared >= TUCKED_SHARE * part.w or not LEVEL_BAND[0] <= height <= LEVEL_BAND[1]:
                return True
    return False
