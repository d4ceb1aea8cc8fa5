"""Lines that are no writing: what the image stages left of rules, holes and the page's edge.

The stages take away rules and holes by their shape; a stroke too short or bent to be a rule, or a hole or a
rule's end that the photo's edge cut through, survives as a line of its own and reads as dashes and dots.
These rules run on the readings (with the context rules), where what a glyph was read as is known.
"""

from __future__ import annotations

from ocr.result import LineReading

# A line read as nothing but these is a stroke the rule stage left (a bit of a rule, an underline, an edge).
RULE_REMNANTS = frozenset("-_=~")
EDGE_MARGIN = 3  # pixels: a box this close to the photo's edge was cut by it
WORDLIKE_SHARE = 0.5  # a line with at least this share of letters and digits is writing, cut or not


def is_rule_remnant(labels: list[str]) -> bool:
    """Whether a line read as `labels` is nothing but the strokes a rule leaves."""
    return bool(labels) and all(label in RULE_REMNANTS for label in labels)


def drop_cut_off_marks(lines: tuple[LineReading, ...], width: int, height: int) -> tuple[LineReading, ...]:
    """The lines without those the photo's edge cut through: every glyph touches the edge and most read as marks
    (the holes of a notebook, or the ends of rules, running out of the frame). A line of words cropped tight
    to the frame reads as letters and stays."""

    def cut(line: LineReading) -> bool:
        touching = all(
            g.box.x <= EDGE_MARGIN
            or g.box.y <= EDGE_MARGIN
            or g.box.right >= width - EDGE_MARGIN
            or g.box.bottom >= height - EDGE_MARGIN
            for g in line.glyphs
        )
        wordlike = sum(g.label.isalnum() for g in line.glyphs)
        return touching and wordlike < WORDLIKE_SHARE * len(line.glyphs)

    return tuple(line for line in lines if not cut(line))
