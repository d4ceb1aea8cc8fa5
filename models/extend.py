"""Start a training run from a trained model: `pageocr model train --extend [--base DIR]`.

A model trained on this version's classes minus some new ones at the end (symbols added to the character set)
gives every layer's weights; the output layer keeps its old columns, and the new classes start with zero
weights and a low bias, so the extended network reads at first exactly as its base, the new classes almost
never, and training then teaches it the new classes without relearning the old ones. A model that already has
every class is simply continued: the run teaches it what the training data gained since (new faces, a changed
normalisation) without the hour of a fresh start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from models import KERAS_NAME, METADATA_NAME
from models.charset import CLASSES
from ocr.errors import UsageError

NEW_CLASS_BIAS = 4.0  # the new classes' bias starts this far under the lowest old bias


def extend_from(model: Any, base_dir: Path, keras: Any) -> tuple[float, float, tuple[str, ...]]:
    """Copy a base model's weights into `model` (built for CLASSES); returns the base's mean, std and classes.

    The base's classes must be the first classes of CLASSES (all of them, to continue training it): its output
    columns keep their meaning.
    """
    try:
        meta = json.loads((Path(base_dir) / METADATA_NAME).read_text(encoding="utf-8"))
        old = tuple(meta["classes"])
        base = keras.models.load_model(Path(base_dir) / KERAS_NAME, compile=False)
    except (OSError, ValueError, KeyError) as exc:
        raise UsageError(f"{base_dir}: no model to extend there ({exc})") from None
    if len(old) > len(CLASSES) or CLASSES[: len(old)] != old:
        raise UsageError(f"{base_dir}: its classes are not the first classes of this version's; cannot extend it")
    try:
        for layer, base_layer in zip(model.layers[:-1], base.layers[:-1], strict=True):
            layer.set_weights(base_layer.get_weights())
    except ValueError:
        found = meta.get("architecture", "another network")
        raise UsageError(f"{base_dir}: its network ({found}) is not this version's; cannot go on from it") from None
    kernel, bias = base.layers[-1].get_weights()
    new_kernel = np.zeros((kernel.shape[0], len(CLASSES)), np.float32)
    new_bias = np.full(len(CLASSES), float(bias.min()) - NEW_CLASS_BIAS, np.float32)
    new_kernel[:, : len(old)], new_bias[: len(old)] = kernel, bias
    model.layers[-1].set_weights([new_kernel, new_bias])
    return float(meta["mean"]), float(meta["std"]), old
