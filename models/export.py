"""From a trained Keras model to the files the reader runs: LiteRT flatbuffers, the choice of one, the metadata.

Three flatbuffers are made and scored exactly as the reader runs them: float32, float16 weights, and int8
convolutions (weights and activations, ranges measured on training glyphs). The smallest-and-fastest one that
stays within 0.3 points of float32 on both test sets ships.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from models import KERAS_NAME, METADATA_NAME, TFLITE_NAME
from models.datasets import GlyphSet, concat, emnist_epoch, emnist_test_set, printed_glyphs, shuffled
from models.emnist import EmnistSplit, load_emnist
from models.network import build_network
from models.scoring import emnist_accuracy, printed_accuracy
from ocr.errors import PageocrError
from ocr.files import write_bytes_atomic, write_text_atomic
from segmentation.normalise import standardise

PREFERENCE = ("int8", "float16", "float32")  # fastest and smallest first
TOLERANCE = 0.003  # the "within 0.3 points" of float32, on each test set
CALIBRATION_GLYPHS = 1500
# The dense layers are a sliver of the work: kept in float, the probabilities keep their fine steps (an int8
# softmax moves in steps of 1/256, so the context rules and the cut choices would compare rounded scores).
FLOAT_OPS = ("FULLY_CONNECTED", "SOFTMAX")


class ModelExistsError(Exception):
    """The output folder already holds a model and --force was not given."""


def import_tf() -> tuple[Any, Any]:
    """Tensorflow and Keras, quietly; a readable error where the `train` extra is not installed."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        import keras
        import tensorflow as tf
    except ImportError as exc:
        raise PageocrError(f"training and exporting need tensorflow: pip install 'pageocr[train]' ({exc})") from None
    return tf, keras


def calibration_glyphs(train: EmnistSplit, seed: int, font_limit: int | None = None) -> GlyphSet:
    """A training-like draw (augmented EMNIST and rendered print) to measure the int8 activation ranges on."""
    mixed = shuffled(concat(emnist_epoch(train, CALIBRATION_GLYPHS // 2, seed),
                            printed_glyphs(1, seed, held_out=False, font_limit=font_limit)), seed)  # fmt: skip
    keep = slice(0, CALIBRATION_GLYPHS)
    return GlyphSet(mixed.frames[keep], mixed.targets[keep], mixed.chars[keep])


def export_flatbuffers(model: Any, tf: Any, calibration: np.ndarray) -> dict[str, bytes]:
    """float32, float16-weight and int8-convolution LiteRT flatbuffers (dynamic batch) of `model`.

    `calibration` holds standardised frames, as the network receives them.
    """
    samples = np.asarray(calibration, np.float32).reshape(-1, 1, 28, 28, 1)

    def representative() -> Iterator[list[np.ndarray]]:
        for sample in samples:
            yield [sample]

    with tempfile.TemporaryDirectory() as tmp:
        model.export(tmp, format="tf_saved_model", verbose=False)
        float32 = tf.lite.TFLiteConverter.from_saved_model(tmp).convert()
        converter = tf.lite.TFLiteConverter.from_saved_model(tmp)
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
        float16 = converter.convert()
        converter = tf.lite.TFLiteConverter.from_saved_model(tmp)
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = representative
        # Selective quantisation is only offered through the quantisation debugger's options.
        options = tf.lite.experimental.QuantizationDebugOptions(denylisted_ops=list(FLOAT_OPS))
        debugger = tf.lite.experimental.QuantizationDebugger(
            converter=converter, debug_dataset=representative, debug_options=options
        )
        int8 = debugger.get_nondebug_quantized_model()
    return {"float32": float32, "float16": float16, "int8": int8}


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
    """The first of PREFERENCE whose scores stay within TOLERANCE of float32's on both test sets."""
    scores = {name: _litert_scores(data, metadata, emnist, printed) for name, data in flatbuffers.items()}
    reference = scores["float32"]

    def close(name: str) -> bool:
        return all(abs(a - b) <= TOLERANCE for a, b in zip(scores[name], reference, strict=True))

    chosen = next(name for name in PREFERENCE if name in scores and close(name))
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
    write_text_atomic(out / METADATA_NAME, json.dumps(metadata, indent=2, ensure_ascii=False) + "\n")


def ship(
    model: Any,
    libraries: tuple[Any, Any],
    metadata: dict[str, Any],
    tests: tuple[GlyphSet, GlyphSet],
    calibration: GlyphSet,
    out: Path,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Export, choose, record the choice and its scores in the metadata, write the model files; the metadata."""
    tf, keras = libraries
    calibration_frames = standardise(calibration.frames, metadata["mean"], metadata["std"])
    flatbuffers = export_flatbuffers(model, tf, calibration_frames)
    chosen, export = choose_flatbuffer(flatbuffers, metadata, *tests)
    export["calibration_glyphs"] = len(calibration.chars)
    hw, pr = (export["flatbuffers"][chosen][k] for k in ("emnist_test", "printed_held_out"))
    metadata = {**metadata, "export": export, "emnist_test_accuracy": hw, "printed_held_out_accuracy": pr}
    log(f"shipping the {chosen} flatbuffer: EMNIST test {hw:.4f}, held-out print {pr:.4f}")
    save_model_files(out, model, flatbuffers[chosen], metadata, keras)
    return metadata


def reexport(
    base: Path,
    data: Path,
    out: Path,
    force: bool = False,
    limit: int | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """`pageocr model export`: `base`'s Keras weights exported again, with this version's choice of flatbuffer.

    `limit` (smoke runs) scores on the first N EMNIST test images and print of a few faces only.
    """
    from models.evaluate import PRINTED_TEST_SEED

    base, out = Path(base), Path(out)
    if (out / TFLITE_NAME).exists() and not force:
        raise ModelExistsError(f"{out / TFLITE_NAME} exists; pass --force to replace it")
    metadata = json.loads((base / METADATA_NAME).read_text(encoding="utf-8"))
    tf, keras = import_tf()
    # Loaded whole into memory before anything is written, so `out` may be `base` itself.
    model = keras.models.load_model(base / KERAS_NAME, compile=False)
    seed = int(metadata.get("training", {}).get("seed", 0))
    font_limit = None if limit is None else 3
    calibration = calibration_glyphs(load_emnist(data, "train", limit), seed, font_limit)
    emnist_test = emnist_test_set(load_emnist(data, "test", limit))
    printed_test = printed_glyphs(4, PRINTED_TEST_SEED, held_out=True, font_limit=font_limit)
    return ship(model, (tf, keras), metadata, (emnist_test, printed_test), calibration, out, log)
