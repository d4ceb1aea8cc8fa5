"""Lines that are no writing: what the image stages left of rules, holes and the page's edge.

The stages take away rules and holes by their shape; a stroke too short or bent to be a rule, or a hole or a
rule's end that the photo's edge cut through, survives as a line of its own and reads as dashes and dots.
These rules run on the readings (with the context rules), where what a glyph was read as is known.
"""

from __future__ import annotations

from dataclasses import replace

from ocr.result import GlyphReading, LineReading

# A line read as these (half of it at least, and no letter or digit) is a stroke the rule stage left (a bit of a
# rule, an underline, an edge).
RULE_REMNANTS = frozenset("-_=~")
EDGE_MARGIN = 3  # pixels: a box this close to the photo's edge was cut by it
WORDLIKE_SHARE = 0.5  # a line with at least this share of letters and digits is writing, cut or not


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
            if sum(g.label.isalnum() for g in glyphs) >= WORDLIKE_SHARE * len(glyphs):
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
