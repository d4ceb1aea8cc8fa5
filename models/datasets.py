"""Training and test data for the character model: EMNIST handwriting plus rendered print, as target sets.

A target is a multi-hot row over `CLASSES`: every label the glyph may correctly be read as (see charset.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.augment import augment_batch
from models.charset import CLASSES, emnist_readings, printed_readings
from models.emnist import EmnistSplit
from models.fonts import font_files
from models.printed import render_set

INDEX = {c: i for i, c in enumerate(CLASSES)}


@dataclass(frozen=True)
class GlyphSet:
    frames: np.ndarray  # (N, 28, 28) float32, normalised
    targets: np.ndarray  # (N, len(CLASSES)) float32 multi-hot
    chars: tuple[str, ...]  # the true character (EMNIST: its merged class)


def targets_for(readings: list[frozenset[str]]) -> np.ndarray:
    out = np.zeros((len(readings), len(CLASSES)), np.float32)
    for row, group in enumerate(readings):
        out[row, [INDEX[c] for c in group]] = 1.0
    return out


def balanced_indices(labels: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """`size` indices drawn so that every class carries the same mass (EMNIST's test split is balanced)."""
    counts = np.bincount(labels)
    weights = 1.0 / counts[labels]
    return rng.choice(len(labels), size=size, replace=True, p=weights / weights.sum())


def emnist_epoch(split: EmnistSplit, size: int, seed: int) -> GlyphSet:
    """A balanced, augmented draw of EMNIST training glyphs."""
    idx = balanced_indices(split.labels, size, np.random.default_rng(seed))
    chars = tuple(split.classes[i] for i in split.labels[idx])
    return GlyphSet(augment_batch(split.images[idx], seed), targets_for([emnist_readings(c) for c in chars]), chars)


def printed_glyphs(copies: int, seed: int, held_out: bool, font_limit: int | None = None) -> GlyphSet:
    """Rendered, photo-degraded print of every class in every installed face of the chosen families."""
    fonts = font_files(held_out)[:font_limit]
    frames, chars, _ = render_set(CLASSES, fonts, copies, seed)
    return GlyphSet(frames, targets_for([printed_readings(c) for c in chars]), tuple(chars))


def concat(*sets: GlyphSet) -> GlyphSet:
    return GlyphSet(
        np.concatenate([s.frames for s in sets]),
        np.concatenate([s.targets for s in sets]),
        tuple(c for s in sets for c in s.chars),
    )


def shuffled(data: GlyphSet, seed: int) -> GlyphSet:
    order = np.random.default_rng(seed).permutation(len(data.chars))
    return GlyphSet(data.frames[order], data.targets[order], tuple(data.chars[i] for i in order))


def emnist_test_set(split: EmnistSplit) -> GlyphSet:
    from segmentation.normalise import normalise_glyphs

    chars = tuple(split.classes[i] for i in split.labels)
    return GlyphSet(normalise_glyphs(split.images), targets_for([emnist_readings(c) for c in chars]), chars)


def describe(path: Path) -> str:
    return f"{path.name} ({path.stat().st_size:,} bytes)"
