"""`pageocr model train`: train the character CNN on EMNIST, export it to LiteRT, write its metadata.

Tensorflow is imported inside the functions: it is only needed here (the `train` extra), never for reading.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models import KERAS_NAME, METADATA_NAME, TFLITE_NAME
from models.augment import augment_batch
from models.emnist import load_emnist
from models.network import build_network
from ocr.files import write_bytes_atomic, write_text_atomic
from segmentation.normalise import normalise_glyphs, standardise


class ModelExistsError(Exception):
    """The output folder already holds a model and --force was not given."""


@dataclass(frozen=True)
class TrainConfig:
    data: Path
    out: Path
    epochs: int = 12
    seed: int = 20261121
    batch_size: int = 256
    learning_rate: float = 2e-3
    limit: int | None = None  # keep only the first N training images (smoke runs)
    force: bool = False


@dataclass(frozen=True)
class TrainReport:
    test_accuracy: float
    parameters: int
    seconds: float
    metadata_path: Path


def balanced_indices(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draw one epoch of indices so that every class carries the same mass (the test split is balanced)."""
    counts = np.bincount(labels)
    weights = 1.0 / counts[labels]
    return rng.choice(len(labels), size=len(labels), replace=True, p=weights / weights.sum())


def _import_tf() -> tuple[Any, Any]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    return tf, keras


def export_tflite(model: Any, tf: Any) -> bytes:
    """Convert to a LiteRT flatbuffer (dynamic batch) through a SavedModel, which freezes the weights in."""
    with tempfile.TemporaryDirectory() as tmp:
        model.export(tmp, format="tf_saved_model", verbose=False)
        return tf.lite.TFLiteConverter.from_saved_model(tmp).convert()


def train_model(config: TrainConfig, log: Callable[[str], None] = print) -> TrainReport:
    out = Path(config.out)
    if (out / TFLITE_NAME).exists() and not config.force:
        raise ModelExistsError(f"{out / TFLITE_NAME} exists; pass --force to replace it")
    started = time.time()
    tf, keras = _import_tf()
    keras.utils.set_random_seed(config.seed)
    tf.config.experimental.enable_op_determinism()

    train = load_emnist(config.data, "train", config.limit)
    test = load_emnist(config.data, "test", None if config.limit is None else max(config.limit // 4, 470))
    classes = train.classes
    clean = normalise_glyphs(train.images)
    mean, std = float(clean.mean()), float(clean.std())
    log(f"training on {len(train.labels)} EMNIST images, {len(classes)} classes, mean {mean:.4f} std {std:.4f}")

    model = build_network(len(classes), keras)
    steps = int(np.ceil(len(train.labels) / config.batch_size)) * config.epochs
    schedule = keras.optimizers.schedules.CosineDecay(config.learning_rate, decay_steps=steps, alpha=0.02)
    model.compile(
        optimizer=keras.optimizers.Adam(schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    rng = np.random.default_rng(config.seed)
    x_test = standardise(normalise_glyphs(test.images), mean, std)

    def epoch_data(epoch: int) -> tuple[np.ndarray, np.ndarray]:
        idx = balanced_indices(train.labels, np.random.default_rng([config.seed, epoch]))
        return augment_batch(train.images[idx], seed=config.seed * 1000 + epoch), train.labels[idx]

    verbose = 1 if os.isatty(2) else 2
    with ThreadPoolExecutor(max_workers=1) as pool:
        upcoming = pool.submit(epoch_data, 0)
        for epoch in range(config.epochs):
            frames, labels = upcoming.result()
            if epoch + 1 < config.epochs:  # augment the next epoch while this one trains
                upcoming = pool.submit(epoch_data, epoch + 1)
            order = rng.permutation(len(labels))
            log(f"epoch {epoch + 1}/{config.epochs}")
            model.fit(
                standardise(frames[order], mean, std),
                labels[order],
                batch_size=config.batch_size,
                epochs=1,
                shuffle=False,
                verbose=verbose,
                validation_data=(x_test, test.labels),
            )

    probs = model.predict(x_test, batch_size=1024, verbose=0)
    accuracy = float((probs.argmax(axis=1) == test.labels).mean())
    log(f"test accuracy {accuracy:.4f}")
    tflite = export_tflite(model, tf)
    metadata = {
        "classes": list(classes),
        "mean": mean,
        "std": std,
        "input": [28, 28, 1],
        "architecture": "conv24-pool-conv48-pool-conv96-conv96-pool-dense128 (BN, ReLU, dropout 0.3)",
        "parameters": int(model.count_params()),
        "training": {
            **{k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(config).items() if k != "force"},
            "train_images": len(train.labels),
            "test_images": len(test.labels),
        },
        "test_accuracy": accuracy,
    }
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        keras_tmp = Path(tmp) / KERAS_NAME
        # An uncompiled copy: the weights without Adam's state, a third of the size.
        bare = build_network(len(classes), keras)
        bare.set_weights(model.get_weights())
        bare.save(keras_tmp)
        write_bytes_atomic(out / KERAS_NAME, keras_tmp.read_bytes())
    write_bytes_atomic(out / TFLITE_NAME, tflite)
    write_text_atomic(out / METADATA_NAME, json.dumps(metadata, indent=2) + "\n")
    return TrainReport(accuracy, metadata["parameters"], time.time() - started, out / METADATA_NAME)
