"""The case of a line's letters, from the case of their word and of their line.

A glyph's own shape shows its case only for some letters (A/a, E/e, R/r), and in handwriting not always:
EMNIST's writers' k and K, and l and L, are one class each. Line geometry settles c/C, o/O, p/P ... by height
(`ocr.context`), but a hand's letters vary in height more than print's. So a letter whose case neither its shape
nor its height shows for sure follows its word (a "JUMPS" stays in capitals) and its line (block capitals, or a
line of small letters where a hand's l with a foot reads L).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from models.charset import LIGATURES
from ocr.readings import BARE_STROKES, CASE_BY_WORD, LOW_MARKS, best_alnum, mass

# A line is in capitals (or in small letters) when this share of at least this many letters whose shape shows
# their case are capitals (small letters).
# A bare stroke shows no case: a glyph the network gives at least half to the strokes and i (EMNIST's I class
# holds undotted i's) is left out of the count, and in a capitals line its letter reading is an I.
LINE_CASE_SHARE = 0.9
BARE_SHARE = 0.5
LINE_CASE_MIN = 4
# A letter whose shape shows its case follows its word's or line's case when the network gives the other case
# this much (EMNIST's k and K are one class: a hand's "MARKET" reads MARkET; print's "McDonald" keeps its D):
# 0.001-0.01 read generated pages best, 0.05 and 0.2 worse. It shows the line its case only when the network
# gives its other case under CASE_SHOWN (a k at 0.6 beside a K at 0.4 shows nothing; 0.03 read as well).
CASE_EVIDENCE = 0.003
CASE_SHOWN = 0.1
# A hand's l is often written with a foot, as a small L (EMNIST's L class holds both): in a word or a line of
# small letters an L is an l whatever the network gives the l, and it does not count against a line of them.
FOOTED_L = "L"


def capitals_line(labels: list[str], probs: np.ndarray, index: dict[str, int]) -> None:
    """In a line written in capitals (block-letter handwriting, a heading), letters whose case only their
    height told are capitals too: a hand's letters vary in height more than print's x-height and cap height.
    So are bare strokes read as letters: an undotted i or an l there is an I."""
    case, bare = _line_case(labels, probs, index)
    if case is not str.upper:
        return
    for k, c in enumerate(labels):
        labels[k] = "I" if bare[k] and "I" in index else _as_capital(c, probs[k], index)


def _line_case(
    labels: list[str], probs: np.ndarray, index: dict[str, int]
) -> tuple[Callable[[str], str] | None, list[bool]]:
    """The case of a line (str.upper, str.lower or None) from its letters whose shape shows their case, and
    which of its glyphs are bare strokes (they show none)."""
    stroke_like = BARE_STROKES | {"i"} | LOW_MARKS  # a short stroke reads as a comma too
    bare = [c in "iIl" and mass(probs[k], stroke_like, index) >= BARE_SHARE for k, c in enumerate(labels)]
    shown = [
        c
        for k, (c, b) in enumerate(zip(labels, bare, strict=True))
        if c.isalpha() and c.lower() not in CASE_BY_WORD and not b and mass(probs[k], c.swapcase(), index) < CASE_SHOWN
    ]
    # A hand's footed l shows no case against small letters (it reads L); among capitals it is an L.
    for case, letters in ((str.upper, shown), (str.lower, [c for c in shown if c not in FOOTED_L])):
        if len(letters) >= LINE_CASE_MIN and sum(case(c) == c for c in letters) >= LINE_CASE_SHARE * len(letters):
            return case, bare
    return None, bare


def _as_capital(label: str, row: np.ndarray, index: dict[str, int]) -> str:
    """A letter among capitals: a ligature becomes its best single letter (no capital is a ligature's letters),
    then its capital when it may follow the case around it (`_takes_case`)."""
    if label in LIGATURES:
        label = best_alnum(row, index, ligatures=False)
    return label.upper() if _takes_case(label, str.upper, row, index) else label


def _takes_case(label: str, case: Callable[[str], str], row: np.ndarray, index: dict[str, int]) -> bool:
    """Whether a letter may follow its word's or line's case: its shape does not show its case (c/C), it is a
    hand's footed l among small letters, or the network still gives the other case CASE_EVIDENCE (EMNIST's
    writers' K and k are one class)."""
    other = case(label)
    if other == label or other not in index:
        return False
    footed_l = case is str.lower and label in FOOTED_L
    return label.lower() in CASE_BY_WORD or footed_l or float(row[index[other]]) >= CASE_EVIDENCE


def follow_the_words_case(labels: list[str], letters: list[int], probs: np.ndarray, index: dict[str, int]) -> None:
    """Letters whose case only their height told (c/C, m/M, p/P ...) follow the case of the rest of their word
    when the rest clearly has one: a glyph that came out short or tall stays "JUMPS", not "JUmPS".

    The first letter counts for capitals but may differ from small letters ("Summer"); other letters keep the
    case the network read from their shape ("McDonald").
    """
    if len(letters) < 3:
        return
    upper = sum(labels[k].isupper() for k in letters)
    lower = sum(labels[k].islower() for k in letters[1:])
    target = str.upper if upper >= 2 * max(lower, 1) else str.lower if lower >= 2 * max(upper, 1) else None
    if target is None:
        return
    for k in letters[1:] if target is str.lower else letters:
        if target is str.upper:
            labels[k] = _as_capital(labels[k], probs[k], index)
        elif _takes_case(labels[k], str.lower, probs[k], index):
            labels[k] = labels[k].lower()


def small_letters_line(
    labels: list[str], probs: np.ndarray, index: dict[str, int], words: list[tuple[int, int]]
) -> None:
    """In a line of small letters (handwriting, body text), a capital inside a word of small letters is small
    too when it may follow the case around it (`_takes_case`): "leTTer", "yelLow". A word's first letter keeps
    its case (names, sentences), and so does a word mostly in capitals ("the NASA rocket")."""
    if _line_case(labels, probs, index)[0] is not str.lower:
        return
    for start, end in words:
        letters = [k for k in range(start, end) if labels[k].isalpha()]
        if sum(labels[k].isupper() for k in letters) >= sum(labels[k].islower() for k in letters):
            continue
        for k in letters[1:]:
            if labels[k].isupper() and _takes_case(labels[k], str.lower, probs[k], index):
                labels[k] = labels[k].lower()
