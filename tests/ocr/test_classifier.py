import json
import shutil

import numpy as np
import pytest

from models import METADATA_NAME, MODEL_DIR, TFLITE_NAME
from ocr.classifier import Classifier
from ocr.errors import ModelError
from segmentation.normalise import normalise_glyph


def test_probabilities_for_a_batch(classifier) -> None:
    frames = np.zeros((5, 28, 28), np.float32)
    frames[:, 4:24, 12:16] = 1.0  # five vertical bars
    probs = classifier.predict(frames)
    assert probs.shape == (5, len(classifier.classes))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    assert np.allclose(probs, probs[0], atol=1e-5)  # same input, same output, whatever the position in the batch


def test_empty_batch_and_batches_larger_than_one_call(classifier) -> None:
    assert classifier.predict(np.zeros((0, 28, 28))).shape == (0, len(classifier.classes))
    rng = np.random.default_rng(0)
    frames = rng.random((2100, 28, 28), dtype=np.float32)
    probs = classifier.predict(frames)
    assert probs.shape[0] == 2100
    assert np.allclose(probs[2050], classifier.predict(frames[2050:2051])[0], atol=1e-5)


def test_a_drawn_bar_reads_as_a_one_like_class(classifier) -> None:
    crop = np.zeros((60, 20), np.float32)
    crop[5:55, 8:13] = 1.0
    probs = classifier.predict(normalise_glyph(crop)[None])[0]
    best = classifier.classes[int(probs.argmax())]
    assert best in {"1", "I", "l", "|", "L", "i"}


def test_missing_or_damaged_model_is_a_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="no model metadata"):
        Classifier(tmp_path)
    shutil.copy(MODEL_DIR / METADATA_NAME, tmp_path / METADATA_NAME)
    with pytest.raises(ModelError, match="no model file"):
        Classifier(tmp_path)
    (tmp_path / TFLITE_NAME).write_bytes(b"not a flatbuffer")
    with pytest.raises(ModelError, match="cannot be loaded"):
        Classifier(tmp_path)


def test_metadata_that_disagrees_with_the_model_is_refused(tmp_path) -> None:
    shutil.copy(MODEL_DIR / TFLITE_NAME, tmp_path / TFLITE_NAME)
    meta = json.loads((MODEL_DIR / METADATA_NAME).read_text())
    meta["classes"] = meta["classes"][:-1]
    (tmp_path / METADATA_NAME).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="outputs"):
        Classifier(tmp_path)
    (tmp_path / METADATA_NAME).write_text("{not json")
    with pytest.raises(ModelError, match="damaged"):
        Classifier(tmp_path)


def test_falls_back_to_tensorflow_when_litert_is_missing(monkeypatch) -> None:
    pytest.importorskip("tensorflow", reason="the fallback runtime is tensorflow (the `train` extra)")
    import sys

    frames = np.zeros((3, 28, 28), np.float32)
    frames[:, 6:22, 12:16] = 1.0
    expected = Classifier().predict(frames)
    monkeypatch.setitem(sys.modules, "ai_edge_litert", None)  # import now fails as if it were not installed
    monkeypatch.setitem(sys.modules, "ai_edge_litert.interpreter", None)
    fallback = Classifier()
    assert type(fallback._interpreter).__module__.startswith("tensorflow")
    assert np.allclose(fallback.predict(frames), expected, atol=1e-4)
