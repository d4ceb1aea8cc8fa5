"""Loading the EMNIST ByMerge file described in ../shared/data/README.md."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class EmnistSplit:
    images: np.ndarray  # (N, 28, 28) uint8, upright, ink bright on 0
    labels: np.ndarray  # (N,) class index into `classes`
    classes: tuple[str, ...]  # the 47 merged classes, e.g. "C" means "c or C"


def load_emnist(path: Path, split: str, limit: int | None = None) -> EmnistSplit:
    """Read the `train` or `test` split; `limit` keeps the first N images (for smoke runs)."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    with np.load(path, allow_pickle=False) as data:
        images = data[f"x_{split}"]
        labels = data[f"y_{split}"].astype(np.int64)
        classes = tuple(chr(int(c)) for c in data["mapping"])
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    return EmnistSplit(images=images, labels=labels, classes=classes)
