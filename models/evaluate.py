"""`pageocr model evaluate`: a shipped (LiteRT) model scored on the EMNIST test split and on held-out print."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from models.datasets import GlyphSet, emnist_test_set, printed_glyphs
from models.emnist import load_emnist
from models.scoring import emnist_accuracy, emnist_predictions, printed_accuracy, shape_key
from ocr.classifier import Classifier
from ocr.files import write_bytes_atomic, write_text_atomic

PRINTED_TEST_SEED = 20261122  # the training run's seed + 1 by default; fixed so every model meets the same test


@dataclass(frozen=True)
class Evaluation:
    name: str
    accuracy: float
    images: int
    truth: tuple[str, ...]  # scored classes of every image
    predicted: tuple[str, ...]


def evaluate_emnist(data: Path, classifier: Classifier, limit: int | None = None) -> Evaluation:
    test = emnist_test_set(load_emnist(data, "test", limit))
    probs = classifier.predict(test.frames)
    predicted = emnist_predictions(probs, classifier.classes)
    accuracy = emnist_accuracy(probs, test.chars, classifier.classes)
    return Evaluation("EMNIST test (47 merged classes)", accuracy, len(test.chars), test.chars, predicted)


def evaluate_printed(classifier: Classifier, copies: int = 4, seed: int = PRINTED_TEST_SEED) -> Evaluation:
    test: GlyphSet = printed_glyphs(copies, seed, held_out=True)
    probs = classifier.predict(test.frames)
    predicted = tuple(shape_key(classifier.classes[i]) for i in probs.argmax(axis=1))
    truth = tuple(shape_key(c) for c in test.chars)
    accuracy = printed_accuracy(probs, test.chars, classifier.classes)
    return Evaluation("held-out printed families (look-alikes as one)", accuracy, len(truth), truth, predicted)


def per_class_table(evaluation: Evaluation) -> str:
    classes = sorted(set(evaluation.truth))
    rows = ["| class | images | accuracy | most confused with |", "| --- | --- | --- | --- |"]
    truth, predicted = np.array(evaluation.truth), np.array(evaluation.predicted)
    for c in classes:
        mine = truth == c
        wrong = predicted[mine & (predicted != c)]
        common = ", ".join(f"`{k}` {n}" for k, n in _most_common(wrong))
        rows.append(f"| `{c}` | {int(mine.sum())} | {float((predicted[mine] == c).mean()):.4f} | {common} |")
    return "\n".join(rows) + "\n"


def _most_common(values: np.ndarray, k: int = 3) -> list[tuple[str, int]]:
    labels, counts = np.unique(values, return_counts=True)
    order = np.argsort(-counts, kind="stable")[:k]
    return [(str(labels[i]), int(counts[i])) for i in order]


def confusion_png(evaluation: Evaluation, cell: int = 14) -> np.ndarray:
    """A confusion matrix image: rows are the truth, columns the reading, darker is more frequent."""
    classes = sorted(set(evaluation.truth) | set(evaluation.predicted))
    index = {c: i for i, c in enumerate(classes)}
    matrix = np.zeros((len(classes), len(classes)))
    for t, p in zip(evaluation.truth, evaluation.predicted, strict=True):
        matrix[index[t], index[p]] += 1
    matrix /= np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    n, margin = len(classes), 2 * cell
    image = np.full((margin + n * cell, margin + n * cell, 3), 255, np.uint8)
    for i in range(n):
        for j in range(n):
            level = int(255 * (1 - matrix[i, j] ** 0.5))
            colour = (level, level, 255) if i != j and matrix[i, j] > 0 else (level, level, level)
            y, x = margin + i * cell, margin + j * cell
            cv2.rectangle(image, (x, y), (x + cell - 1, y + cell - 1), colour, -1)
        for pos, axis in ((margin + i * cell + cell - 3, "row"), (margin + i * cell + 3, "col")):
            if axis == "row":
                cv2.putText(image, classes[i], (3, pos), cv2.FONT_HERSHEY_PLAIN, 0.8, (0, 0, 0), 1)
            else:
                cv2.putText(image, classes[i], (pos, margin - 6), cv2.FONT_HERSHEY_PLAIN, 0.8, (0, 0, 0), 1)
    return image


def write_report(folder: Path, evaluations: list[Evaluation]) -> list[Path]:
    """Per-class accuracy tables (Markdown) and confusion matrices (PNG), one pair per test set."""
    written = []
    for k, evaluation in enumerate(evaluations):
        stem = folder / f"{k + 1}-{evaluation.name.split(' ')[0].lower()}"
        table = f"# {evaluation.name}\n\naccuracy {evaluation.accuracy:.4f} on {evaluation.images} images\n\n"
        write_text_atomic(stem.with_suffix(".md"), table + per_class_table(evaluation))
        ok, png = cv2.imencode(".png", confusion_png(evaluation))
        if ok:
            write_bytes_atomic(stem.with_suffix(".png"), png.tobytes())
        written += [stem.with_suffix(".md"), stem.with_suffix(".png")]
    return written
