"""`pageocr model train`: train the character CNN on EMNIST and rendered print, export it to LiteRT.

Tensorflow is imported inside the functions: it is only needed here (the `train` extra), never for reading.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models import METADATA_NAME, TFLITE_NAME
from models.charset import CLASSES
from models.datasets import GlyphSet, concat, emnist_epoch, emnist_test_set, printed_glyphs, shuffled
from models.distil import distillation_loss, load_teacher, teacher_readings, teacher_record
from models.emnist import load_emnist
from models.export import ModelExistsError, calibration_glyphs, import_tf, ship
from models.extend import extend_from
from models.fonts import HELD_OUT, font_files
from models.network import ARCHITECTURE, build_network
from models.scoring import emnist_accuracy, printed_accuracy
from segmentation.normalise import standardise


@dataclass(frozen=True)
class TrainConfig:
    data: Path
    out: Path
    epochs: int = 18
    seed: int = 20261121
    batch_size: int = 256
    learning_rate: float = 2e-3
    emnist_per_epoch: int = 130_000
    printed_copies_per_epoch: int = 8  # renderings of every class in every training face, per epoch
    limit: int | None = None  # smoke runs: the first N EMNIST images, a few fonts, one printed copy
    extend: Path | None = None  # go on from this model's weights (models/extend.py), at a quarter the rate
    teacher: Path | None = None  # also learn this model's readings of every glyph (models/distil.py)
    force: bool = False


@dataclass(frozen=True)
class TrainReport:
    emnist_accuracy: float
    printed_accuracy: float
    parameters: int
    seconds: float
    metadata_path: Path


def set_loss(tf: Any) -> Callable[[Any, Any], Any]:
    """Cross-entropy on the summed probability of every acceptable reading (see models/charset.py)."""

    def loss(targets: Any, probs: Any) -> Any:
        return -tf.math.log(tf.clip_by_value(tf.reduce_sum(targets * probs, axis=-1), 1e-7, 1.0))

    return loss


def train_model(config: TrainConfig, log: Callable[[str], None] = print) -> TrainReport:
    out = Path(config.out)
    if (out / TFLITE_NAME).exists() and not config.force:
        raise ModelExistsError(f"{out / TFLITE_NAME} exists; pass --force to replace it")
    started = time.time()
    tf, keras = import_tf()
    keras.utils.set_random_seed(config.seed)
    tf.config.experimental.enable_op_determinism()

    smoke = config.limit is not None
    font_limit = 3 if smoke else None
    copies = 1 if smoke else config.printed_copies_per_epoch
    per_epoch = min(config.emnist_per_epoch, config.limit) if smoke else config.emnist_per_epoch
    train = load_emnist(config.data, "train", config.limit)
    emnist_test = emnist_test_set(load_emnist(config.data, "test", 940 if smoke else None))
    printed_test = printed_glyphs(1 if smoke else 4, config.seed + 1, held_out=True, font_limit=font_limit)

    teacher = load_teacher(config.teacher) if config.teacher is not None else None

    def epoch_data(epoch: int) -> tuple[GlyphSet, np.ndarray]:
        """The epoch's glyphs, and what the network is fitted to: their label sets (and the teacher's readings)."""
        seed = config.seed * 1000 + epoch
        data = concat(emnist_epoch(train, per_epoch, seed), printed_glyphs(copies, seed, False, font_limit))
        data = shuffled(data, seed)
        if teacher is None:
            return data, data.targets
        return data, np.concatenate([data.targets, teacher_readings(teacher, data.frames)], axis=1)

    first, first_targets = epoch_data(0)
    # Mean and std of what the network actually sees: recorded in the metadata and applied at reading time.
    mean, std = float(first.frames.mean()), float(first.frames.std())
    model = build_network(len(CLASSES), keras)
    rate = config.learning_rate
    if config.extend is not None:  # the base's weights were learnt on its own normalisation: keep it
        mean, std, old = extend_from(model, config.extend, keras)
        rate = config.learning_rate / 4
        added = "".join(CLASSES[len(old) :])
        log(f"extending {config.extend} ({len(old)} classes) with {added}" if added else f"continuing {config.extend}")
        if added:
            # New classes are learnt on the base's features, which stay as they are: a whole-network run moved
            # the old classes' readings too (4 epochs for the ligatures: 21 more errors on generated pages).
            for layer in model.layers[:-1]:
                layer.trainable = False
    faces = len(font_files(False)[:font_limit])
    log(f"{len(train.labels)} EMNIST images, {faces} font faces, {len(CLASSES)} classes; mean {mean:.4f} std {std:.4f}")

    steps = int(np.ceil(len(first.chars) / config.batch_size)) * config.epochs
    schedule = keras.optimizers.schedules.CosineDecay(rate, decay_steps=steps, alpha=0.02)
    loss = set_loss(tf) if teacher is None else distillation_loss(tf, len(CLASSES))
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=loss)
    verbose = 1 if os.isatty(2) else 2

    def predict(data: GlyphSet) -> np.ndarray:
        return model.predict(standardise(data.frames, mean, std), batch_size=1024, verbose=0)

    with ThreadPoolExecutor(max_workers=1) as pool:
        upcoming = None
        for epoch in range(config.epochs):
            data, targets = (first, first_targets) if epoch == 0 else upcoming.result()
            if epoch + 1 < config.epochs:  # render and augment the next epoch while this one trains
                upcoming = pool.submit(epoch_data, epoch + 1)
            log(f"epoch {epoch + 1}/{config.epochs}: {len(data.chars)} glyphs")
            model.fit(
                standardise(data.frames, mean, std),
                targets,
                batch_size=config.batch_size,
                epochs=1,
                shuffle=False,
                verbose=verbose,
            )
            hw, pr = (
                emnist_accuracy(predict(emnist_test), emnist_test.chars),
                printed_accuracy(predict(printed_test), printed_test.chars),
            )
            log(f"epoch {epoch + 1}: EMNIST test {hw:.4f}, held-out print {pr:.4f}")

    metadata = {
        "classes": list(CLASSES),
        "mean": mean,
        "std": std,
        "input": [28, 28, 1],
        "architecture": ARCHITECTURE,
        "parameters": int(model.count_params()),
        "trained_layers": "output only" if any(not layer.trainable for layer in model.layers) else "all",
        "training": {
            **{k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(config).items() if k != "force"},
            "emnist_train_images": len(train.labels),
            "training_font_faces": faces,
            "held_out_families": sorted(HELD_OUT),
        },
        "keras_emnist_test_accuracy": hw,
        "keras_printed_held_out_accuracy": pr,
    }
    if config.teacher is not None:
        metadata["distilled_from"] = teacher_record(config.teacher)
    calibration = calibration_glyphs(train, config.seed, font_limit)
    metadata = ship(model, (tf, keras), metadata, (emnist_test, printed_test), calibration, out, log)
    hw, pr = metadata["emnist_test_accuracy"], metadata["printed_held_out_accuracy"]
    return TrainReport(hw, pr, metadata["parameters"], time.time() - started, out / METADATA_NAME)
