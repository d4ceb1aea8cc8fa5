"""The character set of the model, and which labels a training glyph may be read as.

Some shapes are the same at any size once a glyph is cropped and scaled to 24x24: c/C, o/O, s/S, ... and the
comma and apostrophe. A training glyph of such a shape is trained against the *set* of its readings (the loss
is on the summed probability of the set), and the reader later picks the member from the glyph's size and
position in its line (`ocr/context.py`). EMNIST's merged classes ("C" means c or C) are sets the same way.
"""

from __future__ import annotations

import string
import unicodedata

PUNCTUATION = ".,;:!?'\"-()/"
# Symbols of printed pages (prices, percentages, addresses, sums), added after the first model: last, so that a
# model without them extends to them (models/extend.py).
SYMBOLS = "$%&@+=#*"
# Typeset ligatures (ff fi fl ffi ffl): books, LaTeX and shaped text draw these pairs as one glyph, which no
# cut can split into its letters (an fi reads as a sure h). Added last, like the symbols; the reader writes each
# as its letters (`ligature_letters`).
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04"
CLASSES: tuple[str, ...] = tuple(
    string.digits + string.ascii_uppercase + string.ascii_lowercase + PUNCTUATION + SYMBOLS + LIGATURES
)

# EMNIST ByMerge folds these lowercase letters into their capital's class.
EMNIST_MERGED_LOWERCASE = "cijklmopsuvwxyz"
# Lowercase letters whose printed shape is a scaled copy of the capital.
CASE_ALIKE = "cosuvwxz"
# Printed shapes that no crop can tell apart: one set each. A printed bare stroke (l, I) may also be read as 1:
# handwritten 1s are bare strokes, and without the 1 the printed strokes teach the network that every stroke is
# a letter (EMNIST 1s then read as l). The reader settles 1/l/I from the word around it (ocr/context.py).
# (A printed 1 keeps its flag and foot in most faces, so it stays just 1.)
PRINTED_ALIKE = (*(frozenset({c, c.upper()}) for c in CASE_ALIKE), frozenset({",", "'"}))
_PRINTED_READINGS = {c: group for group in PRINTED_ALIKE for c in group} | dict.fromkeys("lI", frozenset("lI1"))


def ligature_letters(label: str) -> str:
    """The letters a label stands for: a ligature's letters ("\ufb01" is "fi"), any other label itself."""
    return unicodedata.normalize("NFKC", label) if label in LIGATURES else label


def ligature_of(letters: str) -> str:
    """The label that stands for these letters: the ligature of "fi" is "\ufb01"; any other string itself."""
    return next((c for c in LIGATURES if ligature_letters(c) == letters), letters)


def printed_readings(char: str) -> frozenset[str]:
    """Every label a printed glyph of `char` may be read as."""
    return _PRINTED_READINGS.get(char, frozenset({char}))


def emnist_readings(merged: str) -> frozenset[str]:
    """Every label an EMNIST glyph of class `merged` may be read as ("C" is c or C; "a" is only a)."""
    if merged.lower() in EMNIST_MERGED_LOWERCASE and merged.isupper():
        return frozenset({merged, merged.lower()})
    return frozenset({merged})


def emnist_class(label: str, emnist_classes: tuple[str, ...]) -> str | None:
    """The EMNIST class a model label is scored as: itself, or the capital it was merged into; None if absent."""
    if label in emnist_classes:
        return label
    if label in EMNIST_MERGED_LOWERCASE:
        return label.upper()
    return None
