"""From the network's probabilities to readings: charset mask, context rules, word list, confidence, reject."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from models.charset import ligature_letters
from ocr.charset import mask_probabilities
from ocr.context import resolve_line
from ocr.layout import attach_marks
from ocr.lexicon import correct_words, letter_share, part_share
from ocr.remnants import is_rule_remnant
from ocr.result import GlyphReading, LineReading
from ocr.splits import Cut
from segmentation.types import Box, Line

TOP_K = 3


@dataclass(frozen=True)
class ReadOptions:
    """Choices a user makes about a reading."""

    charset: frozenset[str] | None = None  # only these labels may be read
    reject_below: float | None = None  # glyphs less sure than this print the placeholder
    placeholder: str = "~"
    context: bool = True  # settle case, marks and look-alikes from line geometry and words
    orient: bool = True  # turn a page that reads better upside down or sideways (ocr/orientation.py)
    words: frozenset[str] | None = None  # correct non-words from this word list (ocr/lexicon.py); None: don't


def _top_k(probs: np.ndarray, classes: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    order = np.argsort(-probs, kind="stable")[:TOP_K]
    return tuple((ligature_letters(classes[i]), float(probs[i])) for i in order)


def _shown(label: str, confidence: float, options: ReadOptions) -> str:
    """The label, or the placeholder when the glyph is less sure than the user's --reject."""
    unsure = options.reject_below is not None and confidence < options.reject_below
    return options.placeholder if unsure else label


def _labels(rows: np.ndarray, classes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(classes[i] for i in rows.argmax(axis=1))


def _cut_glyphs(
    cut: Cut, letters: str, space: bool, classes: tuple[str, ...], options: ReadOptions
) -> list[GlyphReading]:
    """The parts of a box the word list read as its cut, each as sure as the network was of its letter."""
    out = []
    for j, (box, row, letter) in enumerate(zip(cut.boxes, cut.rows, letters, strict=True)):
        confidence = min(part_share(row, classes, letter), 1.0)
        out.append(
            GlyphReading(box, _shown(letter, confidence, options), confidence, _top_k(row, classes), space and j == 0)
        )
    return out


def decode_lines(
    lines: tuple[Line, ...],
    probs: np.ndarray,
    classes: tuple[str, ...],
    spaces: list[list[bool]],
    options: ReadOptions,
    cuts: tuple[dict[Box, Cut], ...] | None = None,
) -> tuple[LineReading, ...]:
    """Readings of every line; `probs` holds one row per box, lines in order. `cuts` (per line, from
    ocr.splits.passed_over_cuts) are the cuts the word list may prefer to a box read whole."""
    probs = mask_probabilities(probs, classes, options.charset)
    index = {c: i for i, c in enumerate(classes)}
    readings, start = [], 0
    for n, (line, flags) in enumerate(zip(lines, spaces, strict=True)):
        line_cuts = {box: replace(cut, rows=mask_probabilities(cut.rows, classes, options.charset))
                     for box, cut in (cuts[n] if cuts else {}).items()}  # fmt: skip
        rows = probs[start : start + len(line.boxes)]
        start += len(line.boxes)
        best = [classes[i] for i in rows.argmax(axis=1)]
        if options.context:
            flags = attach_marks(best, flags)
        labels = resolve_line(line.boxes, rows, classes, flags) if options.context else best
        if options.context and is_rule_remnant(labels):
            continue  # no writing (ocr/remnants.py)
        settled = labels
        if options.words is not None:
            cut_labels = [_labels(line_cuts[box].rows, classes) if box in line_cuts else None for box in line.boxes]
            labels, flags = correct_words(settled, rows, classes, flags, options.words, cut_labels)
        glyphs = []
        # A glyph the word list emptied is the second piece of a letter cut in two: it joins the glyph before.
        pieces = [k + 1 < len(labels) and not labels[k + 1] and bool(settled[k + 1]) for k in range(len(labels))]
        for k, (box, row, label, first, old, space) in enumerate(
            zip(line.boxes, rows, labels, best, settled, flags, strict=True)
        ):
            if not label:
                continue  # a speck the context found inside a word, or a joined letter's second piece
            if len(label) > 1 and box in line_cuts:  # the word list read the box as its cut: a glyph per part
                glyphs.extend(_cut_glyphs(line_cuts[box], label, space, classes, options))
                continue
            if pieces[k]:  # as sure as the network was of the two pieces
                box = box.joined(line.boxes[k + 1])
                confidence = min(float(row[index[old]]), float(rows[k + 1][index[settled[k + 1]]]))
            elif label != old and len(label) > 1:  # a ligature respelt as the pair it looks like: as sure as it
                confidence = float(row[index[old]])
            elif label != old:  # a word's correction: as sure as the network was of that letter
                confidence = letter_share(row, classes, label)
            else:  # a context swap is between shapes the network cannot tell apart: their mass is one reading
                confidence = float(row[index[label]] + (row[index[first]] if first != label else 0.0))
            label = ligature_letters(_shown(label, confidence, options))  # a typeset "fi" is one glyph of two letters
            # (a joined letter was read by no one network pass: it has no runners-up of its own)
            top = ((label, confidence),) if pieces[k] else _top_k(row, classes)
            glyphs.append(GlyphReading(box, label, min(confidence, 1.0), top, space))
        readings.append(LineReading(top=line.top, bottom=line.bottom, glyphs=tuple(glyphs)))
    return tuple(readings)
