"""Touching and broken glyphs: cut a wide box, join two narrow ones, or keep them, as the classifier reads best.

Segmentation proposes the alternatives (segmentation.alternatives.propose_alternatives); the network's
confidence in each decides. A handwritten 'm' reads well whole; a touching 'ef' reads well cut; a serif 'n'
whose thin arch broke off reads well joined.
"""

from __future__ import annotations

import numpy as np

from models.scoring import shape_key
from ocr.context import BARE_STROKES
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
    stroke- or arc-shaped piece's capped at PIECE_EVIDENCE when the glyphs are `linked` or all such pieces."""
    if linked or all(classes[int(r.argmax())] in PIECE_SHAPES for r in rows):
        return float(np.prod([piece_confidence(r, classes) for r in rows]))
    return float(np.prod([shape_confidence(r, classes) for r in rows]))


def _w_as_two_vs(whole: np.ndarray, parts: np.ndarray, classes: tuple[str, ...]) -> bool:
    """Whether a cut would read a W as the two V's any W is made of (a wide W is cut as readily as a pair)."""
    shapes = [shape_key(classes[int(row.argmax())]) for row in (whole, *parts)]
    return shapes == ["W", "V", "V"]


def choose_alternatives(
    lines: tuple[Line, ...], alternatives: tuple[Alternatives, ...], probs: np.ndarray, classes: tuple[str, ...]
) -> tuple[tuple[Line, ...], np.ndarray]:
    """Final lines and their probability rows. `probs` holds the rows of every box in reading order, then, line
    by line, the rows of that line's extra boxes (Alternatives.extra_boxes)."""
    row = sum(len(line.boxes) for line in lines)
    start = 0
    out_lines, out_rows = [], []
    for line, alt in zip(lines, alternatives, strict=True):
        own = probs[start : start + len(line.boxes)]
        start += len(line.boxes)
        n_extra = len(alt.extra_boxes())
        boxes, rows = _choose_in_line(line, alt, own, probs[row : row + n_extra], classes)
        row += n_extra
        out_lines.append(Line(top=line.top, bottom=line.bottom, boxes=tuple(boxes)))
        out_rows.extend(rows)
    stacked = np.stack(out_rows) if out_rows else np.zeros((0, probs.shape[1]), np.float32)
    return tuple(out_lines), stacked


def _choose_in_line(
    line: Line, alt: Alternatives, own: np.ndarray, extra: np.ndarray, classes: tuple[str, ...]
) -> tuple[list[Box], list[np.ndarray]]:
    # A box's frame depends only on the box, so its reading can be looked up by it.
    row_of = dict(zip(alt.extra_boxes(), extra, strict=True))
    part_rows = {  # box i: each of its cuts with the readings of the parts
        i: [(parts, np.stack([row_of[p] for p in parts])) for parts in (first, *alt.more_splits.get(i, ()))]
        for i, first in alt.splits.items()
    }
    pair_rows = {i: row_of[box] for i, box in alt.merges.items()}
    triple_rows = {i: row_of[box] for i, box in alt.triples.items()}
    conf = [shape_confidence(r, classes) for r in own]
    typical = typical_width(list(line.boxes), line)
    pair = {i: shape_confidence(r, classes) for i, r in pair_rows.items()}
    boxes, rows, i = [], [], 0
    while i < len(line.boxes):
        if i in alt.triples:
            # Against the best other reading of the same three pieces: all apart, or one of the two pairs joined.
            rivals = [apart_confidence(own[i : i + 3], classes)]
            rivals += [pair[i] * piece_confidence(own[i + 2], classes)] if i in pair else []
            rivals += [piece_confidence(own[i], classes) * pair[i + 1]] if i + 1 in pair else []
            if shape_confidence(triple_rows[i], classes) > max(rivals) + MERGE_MARGIN:
                boxes.append(alt.triples[i])
                rows.append(triple_rows[i])
                i += 3
                continue
        if (
            i in alt.merges
            and i + 1 < len(line.boxes)
            and pair[i] > apart_confidence(own[i : i + 2], classes, i in alt.linked) + MERGE_MARGIN
        ):
            boxes.append(alt.merges[i])
            rows.append(pair_rows[i])
            i += 2
            continue
        if i in alt.splits:
            # The cut whose parts read best, against the box read whole.
            scored = [(apart_confidence(readings, classes), cut, readings) for cut, readings in part_rows[i]]
            apart, parts, part_probs = max(scored, key=lambda c: c[0])
            margin = -SPLIT_MARGIN if line.boxes[i].w > WIDEST_GLYPH * typical else SPLIT_MARGIN
            better = apart > conf[i] + margin or (1 - apart) * SPLIT_ODDS < 1 - conf[i]
            if better and not _w_as_two_vs(own[i], part_probs, classes):
                boxes.extend(parts)
                rows.extend(part_probs)
                i += 1
                continue
        boxes.append(line.boxes[i])
        rows.append(own[i])
        i += 1
    return boxes, rows
