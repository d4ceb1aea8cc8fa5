"""Lines that are no writing: what the image stages left of rules, holes, the page's edge and a desk's grain.

The stages take away rules and holes by their shape; a stroke too short or bent to be a rule, or a hole or a
rule's end that the photo's edge cut through, survives as a line of its own and reads as dashes and dots. And
where the page was not told from a grained desk around it, the grain reads as lines of tiny marks.
These rules run on the readings (with the context rules), where what a glyph was read as is known.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ocr.result import GlyphReading, LineReading

# A line read as these (half of it at least, and no letter or digit) is a stroke the rule stage left (a bit of a
# rule, an underline, an edge).
RULE_REMNANTS = frozenset("-_=~")
EDGE_MARGIN = 3  # pixels: a box this close to the photo's edge was cut by it
WORDLIKE_SHARE = 0.5  # a line with at least this share of letters and digits is writing, cut or not
# A line is grain, not writing, when its glyphs are under GRAIN_HEIGHT of the height of the writing's (the median
# over the page's wordlike lines of each line's median glyph height), under WORDLIKE_SHARE of them are letters
# or digits, and the network is at most GRAIN_CONFIDENCE sure of them (median). Small print beside large writing
# (a footnote under a title) reads as letters, surely.
GRAIN_HEIGHT = 0.2
GRAIN_CONFIDENCE = 0.7


def is_rule_remnant(labels: list[str]) -> bool:
    """Whether a line read as `labels` is nothing but the strokes a rule leaves: no letter or digit, and at
    least half of it dashes (a rule's broken ends leave a speck or two, read as dots and commas, among them)."""
    marks = not any(label.isalnum() for label in labels)
    return bool(labels) and marks and sum(label in RULE_REMNANTS for label in labels) >= len(labels) / 2


def drop_cut_off_marks(lines: tuple[LineReading, ...], width: int, height: int) -> tuple[LineReading, ...]:
    """The lines without what the photo's edge cut through: the holes of a notebook or the ends of rules running
    out of the frame, read as marks. A line goes when every glyph touches the edge and most read as marks (a
    word cropped tight to the frame reads as letters and stays); in a line that reaches in from the edge, the
    marks touching it at the line's start or end go."""

    def cut(glyph: GlyphReading) -> bool:
        box = glyph.box
        return min(box.x, box.y, width - box.right, height - box.bottom) <= EDGE_MARGIN

    kept = []
    for line in lines:
        glyphs = list(line.glyphs)
        if all(cut(g) for g in glyphs):  # a line the edge cut through, or one cropped tight to the frame
            if _wordlike(line):
                kept.append(line)
            continue
        while cut(glyphs[0]) and not glyphs[0].label.isalnum():
            glyphs.pop(0)
        while cut(glyphs[-1]) and not glyphs[-1].label.isalnum():
            glyphs.pop()
        if len(glyphs) < len(line.glyphs):
            glyphs[0] = replace(glyphs[0], space_before=False)
            line = replace(line, glyphs=tuple(glyphs))
        kept.append(line)
    return tuple(kept)


def _wordlike(line: LineReading) -> bool:
    return sum(g.label.isalnum() for g in line.glyphs) >= WORDLIKE_SHARE * len(line.glyphs)


def _median_height(line: LineReading) -> float:
    return float(np.median([g.box.h for g in line.glyphs]))


def drop_grain_lines(lines: tuple[LineReading, ...]) -> tuple[LineReading, ...]:
    """The lines without those that are a desk's grain read as marks (see GRAIN_HEIGHT)."""
    writing = [_median_height(line) for line in lines if line.glyphs and _wordlike(line)]
    if not writing:
        return lines
    floor = GRAIN_HEIGHT * float(np.median(writing))

    def grain(line: LineReading) -> bool:
        return (
            not _wordlike(line)
            and _median_height(line) < floor
            and float(np.median([g.confidence for g in line.glyphs])) <= GRAIN_CONFIDENCE
        )

    return tuple(line for line in lines if not line.glyphs or not grain(line))
