"""From probabilities to readings: a typeset ligature is one glyph that reads as its letters."""

import numpy as np

from models.charset import CLASSES
from ocr.decode import ReadOptions, decode_lines
from segmentation.types import Box, Line


def _line_of(readings: list[str]) -> tuple[Line, np.ndarray]:
    boxes = tuple(Box(20 * k, 10, 14, 20) for k in range(len(readings)))
    probs = np.full((len(readings), len(CLASSES)), 1e-4, np.float32)
    for row, label in enumerate(readings):
        probs[row, CLASSES.index(label)] = 0.9
    return Line(top=5, bottom=35, boxes=boxes), probs / probs.sum(axis=1, keepdims=True)


def test_a_ligature_glyph_reads_as_its_letters() -> None:
    line, probs = _line_of(["\ufb01", "r", "s", "t"])  # "first" set with an fi ligature
    (reading,) = decode_lines((line,), probs, CLASSES, [[False] * 4], ReadOptions(context=False))
    assert reading.text == "first"
    assert reading.glyphs[0].label == "fi" and reading.glyphs[0].box == line.boxes[0]
    assert reading.glyphs[0].alternatives[0][0] == "fi"
    # A charset without an i cannot read an fi.
    (masked,) = decode_lines((line,), probs, CLASSES, [[False] * 4], ReadOptions(charset=frozenset("frst")))
    assert masked.glyphs[0].label != "fi"


def test_a_speck_the_context_drops_is_no_glyph_of_the_reading() -> None:
    line, probs = _line_of(["S", "T", ".", "A", "T", "I", "O", "N"])  # a speck read as a period mid-word
    boxes = list(line.boxes)
    boxes[2] = Box(boxes[2].x, 26, 4, 4)  # small, on the baseline
    line = Line(top=line.top, bottom=line.bottom, boxes=tuple(boxes))
    (reading,) = decode_lines((line,), probs, CLASSES, [[False] * 8], ReadOptions())
    assert reading.text == "STATION" and len(reading.glyphs) == 7
    assert line.boxes[2] not in [g.box for g in reading.glyphs]


def _flat_dashes(line: Line, readings: list[str]) -> Line:
    """The line with its dashes drawn as dashes are: flat, at mid-height."""
    boxes = tuple(Box(b.x, 18, b.w, 3) if r in "-=" else b for b, r in zip(line.boxes, readings, strict=True))
    return Line(top=line.top, bottom=line.bottom, boxes=boxes)


def test_a_line_of_nothing_but_dashes_is_a_rule_remnant_and_dropped() -> None:
    text, dashes = ["T", "O", "-", "D", "O"], ["-", "-", "="]
    (words, word_probs), (remnant, dash_probs) = _line_of(text), _line_of(dashes)
    lines = (_flat_dashes(words, text), _flat_dashes(remnant, dashes))
    both, flags = np.concatenate([word_probs, dash_probs]), [[False] * 5, [False, True, True]]
    assert [r.text for r in decode_lines(lines, both, CLASSES, flags, ReadOptions())] == ["TO-DO"]
    # Without the context rules every line is read as the network sees it.
    plain = decode_lines(lines, both, CLASSES, flags, ReadOptions(context=False))
    assert [r.text for r in plain] == ["TO-DO", "- - ="]
