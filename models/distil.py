"""Train a network to read as a trained model reads: `pageocr model train --teacher DIR` (distillation).

The shipped model came out of a chain of runs (a base, then symbols, new faces and ligatures added); a fresh
run of the same recipe scored as well on the test sets but read generated pages worse. So a new, smaller
network learns from the labels *and* from the shipped model's readings of every training glyph: how sure it is,
and which other classes it leans to (an EMNIST 1 that might be l, a kerned "Te" that must not look like one
letter). The teacher is run as the reader runs it (LiteRT, `ocr.classifier.Classifier`), so the student copies
the readings the product actually gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from models import METADATA_NAME

TEMPERATURE = 2.0  # softens the teacher's readings so its second and third choices carry weight
TEACHER_SHARE = 0.5  # of the loss: the rest is the labels' set loss


def teacher_readings(classifier: Any, frames: np.ndarray, temperature: float = TEMPERATURE) -> np.ndarray:
    """The teacher's class probabilities for normalised frames (N, 28, 28), softened by `temperature`.

    Softening a softmax's output p by T is p ** (1/T) renormalised: the same as dividing its logits by T.
    """
    probs = np.clip(np.asarray(classifier.predict(frames), np.float64), 1e-12, 1.0)
    soft = probs ** (1.0 / temperature)
    return (soft / soft.sum(axis=1, keepdims=True)).astype(np.float32)


def distillation_loss(
    tf: Any, classes: int, temperature: float = TEMPERATURE, share: float = TEACHER_SHARE
) -> Callable[[Any, Any], Any]:
    """Loss on targets that are [multi-hot label set | softened teacher readings], each `classes` wide.

    (1 - share) * the set loss on the labels + share * T^2 * cross-entropy between the softened readings of
    teacher and network (T^2 keeps its gradient on the scale of the labels' one, as Hinton et al. advise).
    """

    def loss(targets: Any, probs: Any) -> Any:
        labels, teacher = targets[:, :classes], targets[:, classes:]
        hard = -tf.math.log(tf.clip_by_value(tf.reduce_sum(labels * probs, axis=-1), 1e-7, 1.0))
        soft_log = tf.nn.log_softmax(tf.math.log(tf.clip_by_value(probs, 1e-12, 1.0)) / temperature, axis=-1)
        soft = -tf.reduce_sum(teacher * soft_log, axis=-1)
        return (1.0 - share) * hard + share * temperature**2 * soft

    return loss


def teacher_record(model_dir: Path) -> dict[str, Any]:
    """What the student's metadata keeps of its teacher: its architecture, scores and how it was trained."""
    meta = json.loads((Path(model_dir) / METADATA_NAME).read_text(encoding="utf-8"))
    kept = ("architecture", "parameters", "emnist_test_accuracy", "printed_held_out_accuracy", "training")
    return {"path": str(model_dir), **{k: meta[k] for k in (*kept, "continued_from") if k in meta}}


def load_teacher(model_dir: Path) -> Any:
    """The teacher model, run as the reader runs it (one thread: it reads while the network trains)."""
    from models.charset import CLASSES
    from ocr.classifier import Classifier
    from ocr.errors import UsageError

    teacher = Classifier(model_dir, threads=1)
    if teacher.classes != CLASSES:
        raise UsageError(f"{model_dir}: a teacher must read this version's {len(CLASSES)} classes")
    return teacher
