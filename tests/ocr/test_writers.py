import json

import cv2
import numpy as np

from ocr.result import GlyphReading, LineReading, PageResult
from ocr.writers import render_boxed, result_to_dict, write_json, write_png
from segmentation.types import Box


def _result() -> PageResult:
    glyphs = (
        GlyphReading(Box(10, 20, 15, 25), "A", 0.97, (("A", 0.97), ("4", 0.02), ("H", 0.01))),
        GlyphReading(Box(30, 20, 15, 25), "B", 0.40, (("B", 0.40), ("8", 0.35), ("R", 0.1))),
        GlyphReading(Box(70, 21, 12, 24), "C", 0.90, (("C", 0.9), ("G", 0.05), ("0", 0.01)), space_before=True),
    )
    return PageResult(width=120, height=80, lines=(LineReading(top=18, bottom=48, glyphs=glyphs),))


def test_json_holds_boxes_labels_confidences_and_top3(tmp_path) -> None:
    path = tmp_path / "page.json"
    write_json(path, _result(), source="page.png")
    doc = json.loads(path.read_text())
    assert doc["text"] == "AB C"
    assert doc["source"] == "page.png"
    (line,) = doc["lines"]
    assert line["glyphs"][1]["box"] == {"x": 30, "y": 20, "w": 15, "h": 25}
    assert [a["label"] for a in line["glyphs"][1]["top3"]] == ["B", "8", "R"]
    assert line["glyphs"][2]["space_before"] is True
    assert result_to_dict(_result())["lines"][0]["glyphs"][0]["confidence"] == 0.97


def test_boxed_image_draws_every_box_in_a_confidence_colour(tmp_path) -> None:
    gray = np.full((80, 120), 230, np.uint8)
    canvas = render_boxed(gray, _result())
    assert canvas.ndim == 3 and canvas.shape[2] == 3
    scale = canvas.shape[0] / 80
    assert scale >= 1.0  # small glyphs are drawn enlarged so the readings stay legible
    # The low-confidence glyph's box edge is red-ish (BGR), the confident one's green-ish.
    y = round(30 * scale)
    left_edge_b = canvas[y, round(30 * scale)]
    left_edge_a = canvas[y, round(10 * scale)]
    assert left_edge_b[2] > 150 and left_edge_b[1] < 120
    assert left_edge_a[1] > 120 and left_edge_a[2] < 120
    path = tmp_path / "boxed.png"
    write_png(path, canvas)
    assert cv2.imread(str(path)).shape == canvas.shape
