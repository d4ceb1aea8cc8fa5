"""`pageocr model evaluate`: accuracy of a model on the EMNIST test split, scored on the 47 merged classes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.emnist import load_emnist
from ocr.classifier import Classifier
from segmentation.normalise import normalise_glyphs


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    images: int
    per_class: dict[str, float]


def merged_class(label: str, emnist_classes: tuple[str, ...]) -> str | None:
    """The EMNIST class a model label falls in: itself, or its uppercase where EMNIST merged the two cases."""
    if label in emnist_classes:
        return label
    if label.upper() in emnist_classes and label.lower() == label:
        return label.upper()
    return None


def evaluate_emnist(data: Path, classifier: Classifier, limit: int | None = None) -> Evaluation:
    test = load_emnist(data, "test", limit)
    probs = classifier.predict(normalise_glyphs(test.images))
    predicted = [merged_class(classifier.classes[i], test.classes) for i in probs.argmax(axis=1)]
    truth = [test.classes[i] for i in test.labels]
    hits = np.array([p == t for p, t in zip(predicted, truth, strict=True)])
    per_class = {c: float(hits[np.array(truth) == c].mean()) for c in test.classes if c in truth}
    return Evaluation(accuracy=float(hits.mean()), images=len(hits), per_class=per_class)
