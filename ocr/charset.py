"""Charset restriction: which labels a reading may use (`--charset digits|upper|lower|alnum|"ABC123"`)."""

from __future__ import annotations

import string

import numpy as np

from models.charset import ligature_letters
from ocr.errors import UsageError

NAMED = {
    "digits": string.digits,
    "upper": string.ascii_uppercase,
    "lower": string.ascii_lowercase,
    "alpha": string.ascii_letters,
    "alnum": string.digits + string.ascii_letters,
}


class CharsetError(UsageError):
    """The --charset value names characters the model cannot read, or nothing at all."""


def parse_charset(spec: str, classes: tuple[str, ...]) -> frozenset[str]:
    """A named set or a literal string of characters, checked against what the model knows."""
    chars = frozenset(NAMED.get(spec, spec))
    if not chars:
        raise CharsetError("--charset is empty")
    unknown = sorted(chars - set(classes) - {" "})
    if unknown:
        raise CharsetError(f"--charset names characters the model cannot read: {''.join(unknown)!r}")
    return chars


def mask_probabilities(probs: np.ndarray, classes: tuple[str, ...], allowed: frozenset[str] | None) -> np.ndarray:
    """Zero the disallowed classes and renormalise, so the choice is made among the allowed ones only. A
    ligature is allowed when all its letters are ("fi" in `lower`)."""
    if allowed is None:
        return probs
    keep = np.array([set(ligature_letters(c)) <= allowed for c in classes])
    masked = np.where(keep[None, :], probs, 0.0)
    total = masked.sum(axis=1, keepdims=True)
    return np.where(total > 0, masked / np.maximum(total, 1e-12), keep[None, :] / keep.sum()).astype(np.float32)
