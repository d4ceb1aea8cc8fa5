"""Lines that are no writing: cut off by the photo's edge, left of a rule, or a desk's grain."""

from dataclasses import replace

from ocr.remnants import drop_cut_off_marks, drop_grain_lines, is_rule_remnant
from ocr.result import GlyphReading, LineReading
from segmentation.types import Box


def _line(labels: str, y: int, h: int = 20, x0: int = 40, sure: float = 0.9) -> LineReading:
    glyphs = tuple(GlyphReading(Box(x0 + 30 * k, y, 20, h), c, sure, ((c, sure),)) for k, c in enumerate(labels))
    return LineReading(top=y, bottom=y + h, glyphs=glyphs)


def test_marks_the_photo_edge_cut_through_are_dropped() -> None:
    holes = _line("i=**", y=0, h=9)  # the ends of a row of holes running out of the top of the frame
    words = _line("NOTES", y=60)
    dash = _line("-", y=392, h=8)  # a rule's end at the bottom edge
    assert drop_cut_off_marks((holes, words, dash), 400, 400) == (words,)


def test_marks_cut_off_at_a_lines_ends_go_from_it() -> None:
    line = _line('"*NOTES.', y=30)
    glyphs = (replace(line.glyphs[0], box=Box(0, 0, 6, 8)), replace(line.glyphs[1], box=Box(40, 0, 8, 8)))
    glyphs += tuple(replace(g, space_before=True) if k == 2 else g for k, g in enumerate(line.glyphs) if k >= 2)
    (read,) = drop_cut_off_marks((replace(line, glyphs=glyphs),), 400, 400)
    assert read.text == "NOTES." and not read.glyphs[0].space_before  # the period is away from the edge


def test_writing_cropped_tight_to_the_frame_stays() -> None:
    # A word cropped to its own box touches the frame all round; marks away from the edge are not touched.
    word, dots = _line("HELLO.", y=0, h=40, x0=0), _line("..", y=100, h=4)
    assert drop_cut_off_marks((word, dots), 180, 200) == (word, dots)


def test_a_line_of_dashes_is_a_rule_remnant() -> None:
    assert is_rule_remnant(list("--=")) and is_rule_remnant(["_"]) and is_rule_remnant(list("----,--"))
    assert not is_rule_remnant(list("-1-")) and not is_rule_remnant(list("...")) and not is_rule_remnant([])
    assert not is_rule_remnant(list("*-*"))  # a section break of stars, say


def test_lines_of_tiny_unsure_marks_beside_large_writing_are_a_desks_grain() -> None:
    writing = (_line("QUICK", y=100, h=75), _line("YELLOW", y=200, h=74))
    grain = _line('",I"-.u,-i"\'', y=20, h=6, sure=0.4)  # three of twelve read as letters
    assert drop_grain_lines((grain, *writing)) == writing
    # Small print under a title reads as letters, surely; tiny marks read surely are kept too.
    footnote, dots = _line("page 2 of 3", y=300, h=12, sure=0.95), _line("...", y=330, h=6, sure=0.95)
    assert drop_grain_lines((*writing, footnote, dots)) == (*writing, footnote, dots)
    # Without writing to compare with, nothing is grain.
    assert drop_grain_lines((grain,)) == (grain,)
