"""Writers: the page result as JSON, and the annotated `boxed.png` drawn over the page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ocr.errors import OutputError
from ocr.files import write_bytes_atomic
from ocr.orientation import turn_page
from ocr.result import PageResult

JSON_SCHEMA_VERSION = 1
LOW_CONFIDENCE = 0.5
MID_CONFIDENCE = 0.8


def result_to_dict(result: PageResult, source: str | None = None, image: Path | None = None) -> dict[str, Any]:
    """The JSON document of a page: per line and per glyph the box, label, confidence and top 3."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "source": source,
        "image": str(Path(image).resolve()) if image is not None else None,  # where review tools find the page
        "width": result.width,
        "height": result.height,
        "text": result.text,
        "skew_degrees": round(result.skew_angle, 2),
        "orientation_degrees": result.orientation,
        "warnings": list(result.warnings),
        "lines": [
            {
                "top": line.top,
                "bottom": line.bottom,
                "text": line.text,
                "glyphs": [
                    {
                        "box": {"x": g.box.x, "y": g.box.y, "w": g.box.w, "h": g.box.h},
                        "label": g.label,
                        "confidence": round(g.confidence, 6),
                        "space_before": g.space_before,
                        "top3": [{"label": label, "p": round(p, 6)} for label, p in g.alternatives],
                    }
                    for g in line.glyphs
                ],
            }
            for line in result.lines
        ],
    }


def _confidence_colour(confidence: float) -> tuple[int, int, int]:
    """BGR: green when sure, orange when unsure, red when it is probably wrong."""
    if confidence >= MID_CONFIDENCE:
        return (40, 160, 40)
    if confidence >= LOW_CONFIDENCE:
        return (0, 140, 255)
    return (30, 30, 220)


def render_boxed(gray: np.ndarray, result: PageResult) -> np.ndarray:
    """The page in BGR with line bands tinted, every glyph box drawn and its reading printed under it; `gray` is
    the page as loaded, turned here as it was turned to be read (`result.orientation`)."""
    gray = turn_page(gray, result.orientation) if result.orientation else gray
    glyphs = result.glyphs
    typical = float(np.median([g.box.h for g in glyphs])) if glyphs else 30.0
    # Small print is drawn enlarged so that the readings under the boxes stay legible.
    scale = float(np.clip(36.0 / max(typical, 1.0), 1.0, 4.0))
    scale = min(scale, 8000.0 / max(gray.shape))
    scale = max(scale, 1e-3)
    page = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR) if scale != 1.0 else gray
    canvas = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    tint = canvas.copy()
    for i, line in enumerate(result.lines):
        colour = (255, 230, 200) if i % 2 == 0 else (200, 240, 255)
        cv2.rectangle(tint, (0, round(line.top * scale)), (canvas.shape[1] - 1, round(line.bottom * scale)), colour, -1)
    canvas = cv2.addWeighted(tint, 0.35, canvas, 0.65, 0)
    thickness = max(1, round(typical * scale / 30))
    font_scale = max(0.35, typical * scale / 60)
    for g in glyphs:
        b = g.box.scaled(scale)
        colour = _confidence_colour(g.confidence)
        cv2.rectangle(canvas, (b.x, b.y), (b.right - 1, b.bottom - 1), colour, thickness)
        (tw, th), _ = cv2.getTextSize(g.label, cv2.FONT_HERSHEY_SIMPLEX, font_scale, thickness)
        org = (b.x + (b.w - tw) // 2, b.bottom + th + 3 * thickness)
        cv2.putText(
            canvas,
            g.label,
            org,
            cv2.FONT_HERSHEY_SIMPLEX,
            font_scale,
            (255, 255, 255),
            thickness + 2,
            cv2.LINE_AA,
        )
        cv2.putText(canvas, g.label, org, cv2.FONT_HERSHEY_SIMPLEX, font_scale, colour, thickness, cv2.LINE_AA)
    return canvas


def write_png(path: Path, image: np.ndarray) -> None:
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise OutputError(f"{path}: the image could not be encoded as PNG")
    _write(path, encoded.tobytes())


def write_json(path: Path, result: PageResult, source: str | None = None, image: Path | None = None) -> None:
    document = result_to_dict(result, source, image)
    _write(path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())


def write_text(path: Path, result: PageResult) -> None:
    write_utf8(path, result.text + "\n")


def write_utf8(path: Path, text: str) -> None:
    _write(path, text.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
