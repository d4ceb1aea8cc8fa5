"""Fine-tuning on reviewed corrections: the corrected glyph is learnt, the base model is never replaced."""

import json

import cv2
import numpy as np
import pytest

from models import TFLITE_NAME
from models.finetune import FinetuneConfig, corrected_glyphs, finetune, load_corrections
from ocr.classifier import Classifier
from ocr.errors import UsageError
from ocr.glyphs import frames_for_boxes
from ocr.pipeline import read_page

pytest.importorskip("tensorflow", reason="fine-tuning needs the `train` extra (tensorflow)")


@pytest.fixture
def corrected_page(tmp_path, draw_page, smoke_model):
    base, _ = smoke_model
    page = draw_page(["HEX"])
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), page)
    glyph = read_page(page, Classifier(base)).glyphs[1]
    new = "Q" if glyph.label != "Q" else "R"
    box = {"x": glyph.box.x, "y": glyph.box.y, "w": glyph.box.w, "h": glyph.box.h}
    corrections = tmp_path / "corrections.json"
    corrections.write_text(json.dumps({"version": 1, "corrections": [
        {"page": "page.png", "image": str(path), "box": box, "old": glyph.label, "new": new}]}))  # fmt: skip
    return page, glyph, new, corrections


def test_the_corrected_glyph_is_learnt(corrected_page, smoke_model, emnist_path, tmp_path) -> None:
    base, _ = smoke_model
    page, glyph, new, corrections = corrected_page
    before = (base / TFLITE_NAME).read_bytes()
    config = FinetuneConfig(corrections=corrections, data=emnist_path, out=tmp_path / "tuned", base=base, epochs=2,
                            base_glyphs=1500)  # fmt: skip
    meta = finetune(config, log=lambda m: None)
    assert meta["finetuned"]["corrections"] == 1 and 0.0 <= meta["emnist_test_accuracy"] <= 1.0
    tuned = Classifier(tmp_path / "tuned")
    (frame,) = frames_for_boxes(page, [glyph.box])
    assert tuned.classes[int(tuned.predict(frame[None]).argmax())] == new
    assert (base / TFLITE_NAME).read_bytes() == before  # the base model is untouched


def test_corrections_are_cut_with_the_readers_normalisation(corrected_page) -> None:
    page, glyph, new, corrections = corrected_page
    glyphs = corrected_glyphs(load_corrections(corrections), copies=5, seed=1)
    assert glyphs.frames.shape == (5, 28, 28) and set(glyphs.chars) == {new}
    assert np.array_equal(glyphs.frames[0], frames_for_boxes(page, [glyph.box])[0])


def test_bad_corrections_files_are_refused(tmp_path) -> None:
    path = tmp_path / "c.json"
    path.write_text("{not json")
    with pytest.raises(UsageError, match="not a corrections file"):
        load_corrections(path)
    path.write_text(json.dumps({"corrections": [{"image": "x.png", "box": {}, "old": "a", "new": "^"}]}))
    with pytest.raises(UsageError, match="no class"):
        load_corrections(path)
