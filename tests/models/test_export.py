"""LiteRT export: the three flatbuffers, the choice among them, and `pageocr model export`."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from models import KERAS_NAME, METADATA_NAME, TFLITE_NAME
from models import export as export_module
from models.datasets import GlyphSet
from ocr.classifier import Classifier
from ocr.cli import app
from ocr.errors import ExitCode

pytest.importorskip("tensorflow", reason="exporting needs the `train` extra (tensorflow)")

runner = CliRunner()


def _no_glyphs() -> GlyphSet:
    return GlyphSet(np.zeros((0, 28, 28), np.float32), np.zeros((0, 1), np.float32), ())


@pytest.mark.parametrize(
    ("scores", "chosen"),
    [
        ({"float32": (0.90, 0.97), "float16": (0.90, 0.97), "int8": (0.899, 0.968)}, "int8"),
        ({"float32": (0.90, 0.97), "float16": (0.90, 0.97), "int8": (0.896, 0.97)}, "float16"),  # 0.4 points off
        ({"float32": (0.90, 0.97), "float16": (0.90, 0.95), "int8": (0.90, 0.96)}, "float32"),
    ],
)
def test_the_smallest_flatbuffer_within_three_tenths_of_a_point_ships(monkeypatch, scores, chosen) -> None:
    monkeypatch.setattr(export_module, "_litert_scores", lambda data, *rest: scores[data.decode()])
    flatbuffers = {name: name.encode() for name in scores}
    name, summary = export_module.choose_flatbuffer(flatbuffers, {}, _no_glyphs(), _no_glyphs())
    assert name == chosen == summary["shipped"]
    assert summary["flatbuffers"]["int8"]["emnist_test"] == round(scores["int8"][0], 4)


def test_int8_export_reads_like_float_and_keeps_fine_probabilities(smoke_model, tmp_path) -> None:
    from models.export import export_flatbuffers, import_tf

    out, _ = smoke_model
    meta = json.loads((out / METADATA_NAME).read_text())
    tf, keras = import_tf()
    model = keras.models.load_model(out / KERAS_NAME, compile=False)
    frames = np.random.default_rng(5).random((64, 28, 28), dtype=np.float32) ** 4  # sparse bright strokes
    flatbuffers = export_flatbuffers(model, tf, (frames - meta["mean"]) / meta["std"])
    readings = {}
    for name, data in flatbuffers.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / TFLITE_NAME).write_bytes(data)
        (folder / METADATA_NAME).write_text(json.dumps(meta))
        readings[name] = Classifier(folder).predict(frames)
    assert len(flatbuffers["int8"]) < len(flatbuffers["float32"]) * 0.7
    assert np.mean(readings["int8"].argmax(1) == readings["float32"].argmax(1)) > 0.9
    assert np.allclose(readings["int8"].sum(1), 1.0, atol=1e-3)
    # The softmax runs in float: probabilities are not rounded to an int8 output's steps of 1/256.
    steps = readings["int8"] * 256
    assert np.mean(np.abs(steps - np.round(steps)) > 0.01) > 0.5


def test_model_export_rewrites_the_flatbuffer_from_the_same_weights(smoke_model, emnist_path, tmp_path) -> None:
    out, _ = smoke_model
    target = tmp_path / "exported"
    args = ["model", "export", "--data", str(emnist_path), "--base", str(out), "--out", str(target), "--limit", "940"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.OK, result.stderr
    meta = json.loads((target / METADATA_NAME).read_text())
    assert f"accuracy: {meta['emnist_test_accuracy']:.4f}" in result.stdout
    assert meta["export"]["shipped"] in ("int8", "float16", "float32")
    assert meta["classes"] == json.loads((out / METADATA_NAME).read_text())["classes"]
    frames = np.random.default_rng(6).random((32, 28, 28), dtype=np.float32) ** 4
    agree = Classifier(target).predict(frames).argmax(1) == Classifier(out).predict(frames).argmax(1)
    assert agree.mean() > 0.9

    before = (target / TFLITE_NAME).read_bytes()
    again = runner.invoke(app, args)
    assert again.exit_code == ExitCode.OUTPUT_ERROR
    assert again.stderr.startswith("pageocr: error: ") and "--force" in again.stderr
    assert (target / TFLITE_NAME).read_bytes() == before
