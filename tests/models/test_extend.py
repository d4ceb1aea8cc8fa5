"""Extending a model to classes it lacks: it reads as before until trained, and only a prefix base extends."""

import json
from dataclasses import replace

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow", reason="training needs the `train` extra (tensorflow)")
import keras  # noqa: E402

from models import KERAS_NAME, METADATA_NAME  # noqa: E402
from models.charset import CLASSES  # noqa: E402
from models.extend import extend_from  # noqa: E402
from models.network import build_network  # noqa: E402
from ocr.errors import UsageError  # noqa: E402


def _base(folder, classes: tuple[str, ...]) -> keras.Model:
    keras.utils.set_random_seed(5)
    model = build_network(len(classes), keras)
    model.save(folder / KERAS_NAME)
    (folder / METADATA_NAME).write_text(json.dumps({"classes": list(classes), "mean": 0.16, "std": 0.3}))
    return model


def test_an_extended_model_reads_its_old_classes_as_the_base_did_and_new_ones_hardly_at_all(tmp_path) -> None:
    old = CLASSES[:-8]
    base = _base(tmp_path, old)
    model = build_network(len(CLASSES), keras)
    mean, std, found = extend_from(model, tmp_path, keras)
    assert (mean, std, found) == (0.16, 0.3, old)
    x = np.random.default_rng(0).normal(size=(16, 28, 28, 1)).astype(np.float32)
    before, after = base.predict(x, verbose=0), model.predict(x, verbose=0)
    assert after.shape == (16, len(CLASSES))
    # The old classes keep their relative probabilities exactly; the new ones share a sliver of the mass.
    kept = after[:, : len(old)] / after[:, : len(old)].sum(axis=1, keepdims=True)
    np.testing.assert_allclose(kept, before, rtol=1e-4, atol=1e-6)
    assert after[:, len(old) :].sum(axis=1).max() < 0.05


def test_only_a_model_whose_classes_start_this_versions_extends(tmp_path) -> None:
    _base(tmp_path, tuple(reversed(CLASSES[:-8])))
    with pytest.raises(UsageError, match="not the first classes"):
        extend_from(build_network(len(CLASSES), keras), tmp_path, keras)
    with pytest.raises(UsageError, match="no model"):
        extend_from(build_network(len(CLASSES), keras), tmp_path / "missing", keras)


def test_a_model_of_another_network_is_refused_with_its_architecture_named(tmp_path) -> None:
    inputs = keras.Input((28, 28, 1))
    other = keras.Model(inputs, keras.layers.Dense(len(CLASSES))(keras.layers.Flatten()(inputs)))
    other.save(tmp_path / KERAS_NAME)
    meta = {"classes": list(CLASSES), "mean": 0.16, "std": 0.3, "architecture": "dense 87"}
    (tmp_path / METADATA_NAME).write_text(json.dumps(meta))
    with pytest.raises(UsageError, match=r"its network \(dense 87\) is not this version's"):
        extend_from(build_network(len(CLASSES), keras), tmp_path, keras)


def test_a_model_with_every_class_is_continued_reading_exactly_as_before(tmp_path) -> None:
    base = _base(tmp_path, CLASSES)
    model = build_network(len(CLASSES), keras)
    assert extend_from(model, tmp_path, keras)[2] == CLASSES
    x = np.random.default_rng(1).normal(size=(8, 28, 28, 1)).astype(np.float32)
    np.testing.assert_allclose(model.predict(x, verbose=0), base.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


def test_training_new_classes_leaves_the_bases_features_as_they_were(tmp_path, emnist_path) -> None:
    from models.train import TrainConfig, train_model

    (tmp_path / "base").mkdir()
    base = _base(tmp_path / "base", CLASSES[:-5])
    config = TrainConfig(data=emnist_path, out=tmp_path / "out", epochs=1, limit=300, batch_size=64)
    train_model(replace(config, extend=tmp_path / "base"), log=lambda m: None)
    trained = keras.models.load_model(tmp_path / "out" / KERAS_NAME, compile=False)
    for layer, base_layer in zip(trained.layers[:-1], base.layers[:-1], strict=True):
        for w, b in zip(layer.get_weights(), base_layer.get_weights(), strict=True):
            np.testing.assert_array_equal(w, b)  # batch statistics included
    kernel, base_kernel = trained.layers[-1].get_weights()[0], base.layers[-1].get_weights()[0]
    assert np.abs(kernel[:, -5:]).max() > 0  # the new classes were learnt on top of them
    assert not np.array_equal(kernel[:, : len(CLASSES) - 5], base_kernel)  # (the output layer trains whole)
    assert json.loads((tmp_path / "out" / METADATA_NAME).read_text())["trained_layers"] == "output only"
