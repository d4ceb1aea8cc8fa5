"""Distillation: a network trained on a teacher model's readings as well as the labels reads more as it does."""

import json

import numpy as np
import pytest

from models import METADATA_NAME
from models.distil import teacher_readings
from ocr.classifier import Classifier


class _FixedReadings:
    """Stands in for a classifier: the same probabilities for every frame."""

    def __init__(self, probs: np.ndarray) -> None:
        self.probs = probs

    def predict(self, frames: np.ndarray) -> np.ndarray:
        return np.repeat(self.probs[None], len(frames), axis=0)


def test_softened_readings_keep_the_order_and_flatten_the_peak() -> None:
    probs = np.array([0.9, 0.09, 0.01, 0.0], np.float32)
    frames = np.zeros((3, 28, 28), np.float32)
    same = teacher_readings(_FixedReadings(probs), frames, temperature=1.0)
    np.testing.assert_allclose(same, np.repeat(probs[None], 3, axis=0), atol=1e-6)
    soft = teacher_readings(_FixedReadings(probs), frames, temperature=2.0)[0]
    assert soft.sum() == pytest.approx(1.0, abs=1e-6)
    assert list(np.argsort(-soft)[:3]) == [0, 1, 2]
    assert soft[0] < 0.9 and soft[1] > 0.09 and soft[2] > 0.01  # the second and third choices gain weight
    assert soft[1] / soft[2] == pytest.approx(np.sqrt(9.0), rel=1e-4)  # ratios are square-rooted at T = 2


def test_the_loss_is_the_set_loss_without_a_teacher_share_and_least_where_the_network_reads_as_the_teacher() -> None:
    tf = pytest.importorskip("tensorflow", reason="training needs the `train` extra (tensorflow)")
    from models.distil import distillation_loss
    from models.train import set_loss

    labels = np.array([[1.0, 1.0, 0.0]], np.float32)  # a set of two acceptable readings
    teacher = np.array([0.7, 0.2, 0.1], np.float32)
    student = np.array([[0.5, 0.3, 0.2]], np.float32)
    soft = teacher_readings(_FixedReadings(teacher), np.zeros((1, 28, 28), np.float32))
    targets = np.concatenate([labels, soft], axis=1)
    hard_only = distillation_loss(tf, 3, share=0.0)(targets, student)
    np.testing.assert_allclose(hard_only.numpy(), set_loss(tf)(labels, student).numpy(), rtol=1e-6)
    soft_only = distillation_loss(tf, 3, share=1.0)
    as_teacher = float(soft_only(targets, teacher[None])[0])
    for other in ([[0.5, 0.3, 0.2]], [[0.8, 0.15, 0.05]], [[0.2, 0.7, 0.1]]):
        assert as_teacher < float(soft_only(targets, np.array(other, np.float32))[0])


def test_a_network_fitted_to_the_teachers_readings_alone_reads_as_the_teacher() -> None:
    tf = pytest.importorskip("tensorflow", reason="training needs the `train` extra (tensorflow)")
    import keras

    from models.distil import distillation_loss

    keras.utils.set_random_seed(5)
    inputs = np.random.default_rng(5).standard_normal((256, 8)).astype(np.float32)
    teacher = np.array([0.7, 0.2, 0.1], np.float32)
    soft = teacher_readings(_FixedReadings(teacher), np.zeros((256, 28, 28), np.float32))
    labels = np.zeros((256, 3), np.float32)
    labels[:, 2] = 1.0  # the labels say otherwise, and carry no weight here
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss=distillation_loss(tf, 3, share=1.0))
    model.fit(inputs, np.concatenate([labels, soft], axis=1), epochs=60, batch_size=64, verbose=0)
    # The softened readings match only where the network's own readings are the teacher's (0.7, 0.2, 0.1).
    np.testing.assert_allclose(model.predict(inputs, verbose=0).mean(axis=0), teacher, atol=0.03)


def test_training_with_a_teacher_records_it_and_learns_from_its_readings(smoke_model, emnist_path, tmp_path) -> None:
    pytest.importorskip("tensorflow", reason="training needs the `train` extra (tensorflow)")
    from dataclasses import replace

    from models.train import TrainConfig, train_model

    teacher_dir, _ = smoke_model
    config = TrainConfig(data=emnist_path, out=tmp_path / "labels", epochs=1, limit=300, batch_size=64)
    train_model(config, log=lambda m: None)
    train_model(replace(config, out=tmp_path / "taught", teacher=teacher_dir), log=lambda m: None)
    meta = json.loads((tmp_path / "taught" / METADATA_NAME).read_text())
    assert meta["training"]["teacher"] == meta["distilled_from"]["path"] == str(teacher_dir)
    teacher_meta = json.loads((teacher_dir / METADATA_NAME).read_text())
    assert meta["distilled_from"]["emnist_test_accuracy"] == teacher_meta["emnist_test_accuracy"]
    frames = np.random.default_rng(2).random((32, 28, 28), dtype=np.float32)
    # The same seed and data: only the teacher's readings in the loss tell the two networks apart.
    taught = Classifier(tmp_path / "taught").predict(frames)
    assert np.abs(taught - Classifier(tmp_path / "labels").predict(frames)).max() > 1e-3
