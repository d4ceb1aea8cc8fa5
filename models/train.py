"""`pageocr model train`: train the character CNN on EMNIST and rendered print, export it to LiteRT.

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
from models.charset import CLASSES
from models.datasets import GlyphSet, concat, emnist_epoch, emnist_test_set, printed_glyphs, shuffled
from models.emnist import load_emnist
from models.extend import extend_from
from models.fonts import HELD_OUT, font_files
from models.network import ARCHITECTURE, build_network
from models.scoring import emnist_accuracy, printed_accuracy
from ocr.files import write_bytes_atomic, write_text_atomic
from segmentation.normalise import standardise


class ModelExistsError(Exception):
    """The output folder already holds a model and --force was not given."""


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
    force: bool = False


@dataclass(frozen=True)
class TrainReport:
    emnist_accuracy: float
    printed_accuracy: float
    parameters: int
    seconds: float
    metadata_path: Path


def _import_tf() -> tuple[Any, Any]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    return tf, keras


def set_loss(tf: Any) -> Callable[[Any, Any], Any]:
    """Cross-entropy on the summed probability of every acceptable reading (see models/charset.py)."""

    def loss(targets: Any, probs: Any) -> Any:
        return -tf.math.log(tf.clip_by_value(tf.reduce_sum(targets * probs, axis=-1), 1e-7, 1.0))

    return loss


def export_tflite(model: Any, tf: Any) -> dict[str, bytes]:
    """LiteRT flatbuffers (dynamic batch) in float32 and with float16 weights, through a SavedModel."""
    with tempfile.TemporaryDirectory() as tmp:
        model.export(tmp, format="tf_saved_model", verbose=False)
        float32 = tf.lite.TFLiteConverter.from_saved_model(tmp).convert()
        converter = tf.lite.TFLiteConverter.from_saved_model(tmp)
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
        return {"float32": float32, "float16": converter.convert()}


def _litert_scores(tflite: bytes, metadata: dict[str, Any], emnist: GlyphSet, printed: GlyphSet) -> tuple[float, float]:
    """Accuracy of an exported flatbuffer, run exactly as the reader runs it."""
    from ocr.classifier import Classifier

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / TFLITE_NAME).write_bytes(tflite)
        (Path(tmp) / METADATA_NAME).write_text(json.dumps(metadata))
        classifier = Classifier(Path(tmp))
        return (
            emnist_accuracy(classifier.predict(emnist.frames), emnist.chars),
            printed_accuracy(classifier.predict(printed.frames), printed.chars),
        )


def choose_flatbuffer(
    flatbuffers: dict[str, bytes], metadata: dict[str, Any], emnist: GlyphSet, printed: GlyphSet
) -> tuple[str, dict[str, Any]]:
    """Ship float16 when it stays within 0.3 points of float32 on both test sets (half the size)."""
    scores = {name: _litert_scores(data, metadata, emnist, printed) for name, data in flatbuffers.items()}
    close = all(abs(a - b) <= 0.003 for a, b in zip(scores["float16"], scores["float32"], strict=True))
    chosen = "float16" if close else "float32"
    summary = {
        name: {"bytes": len(flatbuffers[name]), "emnist_test": round(s[0], 4), "printed_held_out": round(s[1], 4)}
        for name, s in scores.items()
    }
    return chosen, {"shipped": chosen, "flatbuffers": summary}


def save_model_files(out: Path, model: Any, tflite: bytes, metadata: dict[str, Any], keras: Any) -> None:
    """The Keras model (for fine-tuning), the LiteRT flatbuffer (for reading) and the metadata, each atomically."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        keras_tmp = Path(tmp) / KERAS_NAME
        # An uncompiled copy: the weights without the optimiser's state, a third of the size.
        bare = build_network(len(metadata["classes"]), keras)
        bare.set_weights(model.get_weights())
        bare.save(keras_tmp)
        write_bytes_atomic(out / KERAS_NAME, keras_tmp.read_bytes())
    write_bytes_atomic(out / TFLITE_NAME, tflite)
    write_text_atomic(out / METADATA_NAME, json.dumps(metadata, indent=2) + "\n")


def train_model(config: TrainConfig, log: Callable[[str], None] = print) -> TrainReport:
    out = Path(config.out)
    if (out / TFLITE_NAME).exists() and not config.force:
        raise ModelExistsError(f"{out / TFLITE_NAME} exists; pass --force to replace it")
    started = time.time()
    tf, keras = _import_tf()
    keras.utils.set_random_seed(config.seed)
    tf.config.experimental.enable_op_determinism()

    smoke = config.limit is not None
    font_limit = 3 if smoke else None
    copies = 1 if smoke else config.printed_copies_per_epoch
    per_epoch = min(config.emnist_per_epoch, config.limit) if smoke else config.emnist_per_epoch
    train = load_emnist(config.data, "train", config.limit)
    emnist_test = emnist_test_set(load_emnist(config.data, "test", 940 if smoke else None))
    printed_test = printed_glyphs(1 if smoke else 4, config.seed + 1, held_out=True, font_limit=font_limit)

    def epoch_data(epoch: int) -> GlyphSet:
        seed = config.seed * 1000 + epoch
        data = concat(emnist_epoch(train, per_epoch, seed), printed_glyphs(copies, seed, False, font_limit))
        return shuffled(data, seed)

    first = epoch_data(0)
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
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=set_loss(tf))
    verbose = 1 if os.isatty(2) else 2

    def predict(data: GlyphSet) -> np.ndarray:
        return model.predict(standardise(data.frames, mean, std), batch_size=1024, verbose=0)

    with ThreadPoolExecutor(max_workers=1) as pool:
        upcoming = None
        for epoch in range(config.epochs):
            data = first if epoch == 0 else upcoming.result()
            if epoch + 1 < config.epochs:  # render and augment the next epoch while this one trains
                upcoming = pool.submit(epoch_data, epoch + 1)
            log(f"epoch {epoch + 1}/{config.epochs}: {len(data.chars)} glyphs")
            model.fit(
                standardise(data.frames, mean, std),
                data.targets,
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
    flatbuffers = export_tflite(model, tf)
    chosen, quantisation = choose_flatbuffer(flatbuffers, metadata, emnist_test, printed_test)
    metadata["export"] = quantisation
    hw, pr = (quantisation["flatbuffers"][chosen][k] for k in ("emnist_test", "printed_held_out"))
    metadata["emnist_test_accuracy"], metadata["printed_held_out_accuracy"] = hw, pr
    log(f"shipping the {chosen} flatbuffer: EMNIST test {hw:.4f}, held-out print {pr:.4f}")
    save_model_files(out, model, flatbuffers[chosen], metadata, keras)
    return TrainReport(hw, pr, metadata["parameters"], time.time() - started, out / METADATA_NAME)
