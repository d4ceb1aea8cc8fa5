"""Touching glyphs: cut a wide box or keep it whole, whichever the classifier reads with more confidence.

Segmentation proposes the cuts (segmentation.characters.propose_splits); the network's confidence in the
whole box and in its parts decides. A handwritten 'm' reads well whole; a touching 'ef' reads well cut.
"""

from __future__ import annotations

import numpy as np

from segmentation.types import Box, Line

# The parts must read this much more confidently, on average, than the whole.
SPLIT_MARGIN = 0.15


def shape_confidence(row: np.ndarray, classes: tuple[str, ...]) -> float:
    """The best class's probability, with its other case added (the network cannot tell c from C)."""
    index = {c: i for i, c in enumerate(classes)}
    best = classes[int(row.argmax())]
    other = best.swapcase()
    extra = row[index[other]] if other != best and other in index else 0.0
    return float(row.max() + extra)


def choose_splits(
    lines: tuple[Line, ...],
    proposals: tuple[dict[int, tuple[Box, ...]], ...],
    probs: np.ndarray,
    classes: tuple[str, ...],
) -> tuple[tuple[Line, ...], np.ndarray]:
    """Final lines and their probability rows. `probs` holds the rows of every box in reading order, then
    the rows of every proposed part (line by line, box by box, part by part)."""
    n_boxes = sum(len(line.boxes) for line in lines)
    part_row = n_boxes
    row = 0
    out_lines, out_rows = [], []
    for line, proposal in zip(lines, proposals, strict=True):
        boxes = []
        for i, box in enumerate(line.boxes):
            whole = probs[row]
            row += 1
            parts = proposal.get(i, ())
            part_probs = probs[part_row : part_row + len(parts)]
            part_row += len(parts)
            if parts:
                whole_conf = shape_confidence(whole, classes)
                part_conf = float(np.mean([shape_confidence(p, classes) for p in part_probs]))
                if part_conf > whole_conf + SPLIT_MARGIN:
                    boxes.extend(parts)
                    out_rows.extend(part_probs)
                    continue
            boxes.append(box)
            out_rows.append(whole)
        out_lines.append(Line(top=line.top, bottom=line.bottom, boxes=tuple(boxes)))
    stacked = np.stack(out_rows) if out_rows else np.zeros((0, probs.shape[1]), np.float32)
    return tuple(out_lines), stacked
