"""A smoke training on a few hundred EMNIST images: the real training path end to end, in seconds."""

import json

import numpy as np
import pytest

from models import KERAS_NAME, METADATA_NAME, TFLITE_NAME
from models.charset import CLASSES
from ocr.classifier import Classifier

pytest.importorskip("tensorflow", reason="training needs the `train` extra (tensorflow)")


def test_training_writes_keras_litert_and_metadata(smoke_model) -> None:
    out, report = smoke_model
    for name in (KERAS_NAME, TFLITE_NAME, METADATA_NAME):
        assert (out / name).stat().st_size > 0
    meta = json.loads((out / METADATA_NAME).read_text())
    assert "".join(meta["classes"]) == "".join(CLASSES)
    assert 0.05 < meta["mean"] < 0.4 and 0.2 < meta["std"] < 0.5
    assert meta["parameters"] == report.parameters > 100_000
    assert meta["emnist_test_accuracy"] == pytest.approx(report.emnist_accuracy, abs=1e-4)
    assert meta["export"]["shipped"] in ("int8", "float16", "float32")


def test_the_exported_litert_model_runs_and_beats_chance(smoke_model, emnist_path) -> None:
    from models.evaluate import evaluate_emnist

    out, report = smoke_model
    evaluation = evaluate_emnist(emnist_path, Classifier(out), limit=940)
    assert evaluation.accuracy > 2 / 47  # chance is 1/47; 800 images and one epoch learn a little
    # The smoke run scored its LiteRT export on the same 940 test images.
    assert evaluation.accuracy == pytest.approx(report.emnist_accuracy, abs=1e-3)


def test_refuses_to_overwrite_a_model_without_force(smoke_model, emnist_path) -> None:
    from models.train import ModelExistsError, TrainConfig, train_model

    out, _ = smoke_model
    before = (out / TFLITE_NAME).read_bytes()
    with pytest.raises(ModelExistsError, match="--force"):
        train_model(TrainConfig(data=emnist_path, out=out, epochs=1, limit=100))
    assert (out / TFLITE_NAME).read_bytes() == before


def test_training_is_reproducible_from_the_seed(smoke_model, emnist_path, tmp_path) -> None:
    from models.train import TrainConfig, train_model

    out, _ = smoke_model
    config = TrainConfig(data=emnist_path, out=tmp_path, epochs=1, limit=800, batch_size=64)
    train_model(config, log=lambda m: None)
    frames = np.random.default_rng(3).random((16, 28, 28), dtype=np.float32)
    first, second = Classifier(out).predict(frames), Classifier(tmp_path).predict(frames)
    assert np.allclose(first, second, atol=1e-5)
