"""Accuracy measures: character and word error rates between a reading and its ground truth."""

from __future__ import annotations

import re
from collections.abc import Sequence


def canonical_text(text: str) -> str:
    """Runs of spaces and tabs become one space, each line break one newline; blank lines and edges go."""
    lines = [re.sub(r"[ \t\f\v\r]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) between two sequences."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def character_error_rate(predicted: str, truth: str, case_sensitive: bool = True) -> float:
    """Edits needed to turn the reading into the truth, per character of the truth (spaces and breaks count)."""
    p, t = canonical_text(predicted), canonical_text(truth)
    if not case_sensitive:
        p, t = p.lower(), t.lower()
    if not t:
        return 0.0 if not p else 1.0
    return edit_distance(p, t) / len(t)


def word_error_rate(predicted: str, truth: str) -> float:
    """Word-level edits per word of the truth."""
    p, t = canonical_text(predicted).split(), canonical_text(truth).split()
    if not t:
        return 0.0 if not p else 1.0
    return edit_distance(p, t) / len(t)
