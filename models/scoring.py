"""How model readings are scored against the two test sets."""

from __future__ import annotations

import numpy as np

from models.charset import CASE_ALIKE, CLASSES, emnist_class

EMNIST_CLASSES = tuple("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt")
# Shapes that no crop tells apart in print, folded together for the printed score (p and P too: the descender
# that tells them apart is cut off with the box).
_SHAPE_KEY = {**{c: c.upper() for c in CASE_ALIKE + "p"}, "'": ",", "0": "O", "o": "O", "1": "l", "I": "l", "|": "l"}


def shape_key(label: str) -> str:
    return _SHAPE_KEY.get(label, label)


def emnist_predictions(probs: np.ndarray, classes: tuple[str, ...] = CLASSES) -> tuple[str, ...]:
    """The EMNIST class read for each row: the merged class with the most probability summed over its labels
    (c and C both vote for EMNIST's "C"; labels EMNIST lacks, such as punctuation, vote for nothing)."""
    members = np.zeros((len(classes), len(EMNIST_CLASSES)), np.float32)
    for i, label in enumerate(classes):
        merged = emnist_class(label, EMNIST_CLASSES)
        if merged is not None:
            members[i, EMNIST_CLASSES.index(merged)] = 1.0
    return tuple(EMNIST_CLASSES[j] for j in (probs @ members).argmax(axis=1))


def emnist_accuracy(probs: np.ndarray, truth: tuple[str, ...], classes: tuple[str, ...] = CLASSES) -> float:
    """Accuracy on EMNIST's 47 merged classes."""
    predicted = emnist_predictions(probs, classes)
    return float(np.mean([p == t for p, t in zip(predicted, truth, strict=True)])) if truth else 0.0


def printed_accuracy(probs: np.ndarray, truth: tuple[str, ...], classes: tuple[str, ...] = CLASSES) -> float:
    """Accuracy on print where look-alike shapes (case pairs, 0/O, 1/l/I, comma/apostrophe) count as one."""
    predicted = [shape_key(classes[i]) for i in probs.argmax(axis=1)]
    return float(np.mean([p == shape_key(t) for p, t in zip(predicted, truth, strict=True)])) if truth else 0.0
