"""The character classifier: a LiteRT flatbuffer run on a whole page's glyphs in one batch.

LiteRT (`ai-edge-litert`) loads in a fraction of a second; tensorflow's own interpreter is only a fallback
for machines without it, because importing tensorflow costs seconds and hundreds of MB.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models import METADATA_NAME, MODEL_DIR, TFLITE_NAME
from ocr.errors import ModelError
from segmentation.normalise import standardise

BATCH_LIMIT = 2048  # glyphs per interpreter call: bounds memory on very dense pages


@dataclass(frozen=True)
class ModelInfo:
    """What the reader must know about a model: its classes and the input normalisation it was trained with."""

    path: Path
    classes: tuple[str, ...]
    mean: float
    std: float


def load_model_info(model_dir: Path) -> ModelInfo:
    meta_path = Path(model_dir) / METADATA_NAME
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return ModelInfo(
            path=Path(model_dir) / TFLITE_NAME,
            classes=tuple(meta["classes"]),
            mean=float(meta["mean"]),
            std=float(meta["std"]),
        )
    except FileNotFoundError:
        raise ModelError(f"no model metadata at {meta_path}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"model metadata {meta_path} is damaged: {exc}") from None


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Hide the runtime's native "Created TensorFlow Lite XNNPACK delegate" banner: stderr is for our messages."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # stderr replaced by an object without a descriptor
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def _make_interpreter(model_path: Path, threads: int | None) -> Any:
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        try:
            import tensorflow as tf

            Interpreter = tf.lite.Interpreter  # noqa: N806 - the class, named as LiteRT names it
        except (ImportError, AttributeError):
            raise ModelError("neither ai-edge-litert nor tensorflow is installed: cannot run the model") from None
    if not model_path.is_file():
        raise ModelError(f"no model file at {model_path}")
    try:
        with _quiet_native_stderr():
            interpreter = Interpreter(model_path=str(model_path), num_threads=threads)
            interpreter.allocate_tensors()
        return interpreter
    except (ValueError, RuntimeError) as exc:
        raise ModelError(f"model file {model_path} cannot be loaded: {exc}") from None


class Classifier:
    """Classifies normalised 28x28 glyph frames. Load once, call `predict` per page (or per many pages)."""

    def __init__(self, model_dir: Path | None = None, threads: int | None = None) -> None:
        self.info = load_model_info(Path(model_dir) if model_dir else MODEL_DIR)
        self._interpreter = _make_interpreter(self.info.path, threads)
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]
        self._batch = -1
        n_out = int(self._interpreter.get_output_details()[0]["shape"][-1])
        if n_out != len(self.info.classes):
            raise ModelError(f"the model has {n_out} outputs but its metadata names {len(self.info.classes)} classes")

    @property
    def classes(self) -> tuple[str, ...]:
        return self.info.classes

    def predict(self, frames: np.ndarray) -> np.ndarray:
        """Class probabilities (N, classes) for normalised frames (N, 28, 28) with values 0..1."""
        frames = np.asarray(frames, np.float32)
        if len(frames) == 0:
            return np.zeros((0, len(self.classes)), np.float32)
        x = standardise(frames, self.info.mean, self.info.std)
        return np.concatenate([self._run(x[i : i + BATCH_LIMIT]) for i in range(0, len(x), BATCH_LIMIT)])

    def _run(self, x: np.ndarray) -> np.ndarray:
        if len(x) != self._batch:
            self._interpreter.resize_tensor_input(self._input, list(x.shape))
            self._interpreter.allocate_tensors()
            self._batch = len(x)
        self._interpreter.set_tensor(self._input, np.ascontiguousarray(x))
        self._interpreter.invoke()
        return self._interpreter.get_tensor(self._output).copy()
