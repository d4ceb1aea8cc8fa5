"""`pageocr review OUTDIR`: a static, self-contained site to check a batch by eye and correct it.

OUTDIR/review/index.html lists the pages worst first (by mean confidence); data.js holds every page's
glyphs with their crops and 28x28 network inputs as data URIs, so the site opens from disk with no server.
Corrections live in the browser's storage and are exported as corrections.json (ocr/review_site.py).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ocr.errors import InputNotFoundError
from ocr.files import write_bytes_atomic, write_text_atomic
from ocr.glyphs import frames_for_boxes
from ocr.orientation import turn_page
from ocr.pipeline import load_page
from ocr.writers import LOW_CONFIDENCE
from segmentation.types import Box

PAGE_WIDTH = 1400  # pages are shown at most this wide


@dataclass(frozen=True)
class ReviewPage:
    json_path: Path
    document: dict[str, Any]

    @property
    def image(self) -> Path:
        return Path(self.document["image"])

    @property
    def mean_confidence(self) -> float:
        confs = [g["confidence"] for line in self.document["lines"] for g in line["glyphs"]]
        return float(np.mean(confs)) if confs else 1.0


def find_pages(outdir: Path) -> list[ReviewPage]:
    """Every page result (NAME.json from batch or read --json) under OUTDIR that names its image, worst first."""
    pages = []
    for path in sorted(Path(outdir).rglob("*.json")):
        if "review" in path.relative_to(outdir).parts[:1]:
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(document, dict) and document.get("schema") == 1 and document.get("image") and "lines" in document:
            pages.append(ReviewPage(path, document))
    return sorted(pages, key=lambda p: (p.mean_confidence, str(p.json_path)))


def _png_uri(image: np.ndarray) -> str:
    ok, data = cv2.imencode(".png", image)
    return "data:image/png;base64," + base64.b64encode(data.tobytes()).decode() if ok else ""


def _crop(gray: np.ndarray, box: Box) -> np.ndarray:
    pad = max(2, box.h // 5)
    y0, x0 = max(0, box.y - pad), max(0, box.x - pad)
    crop = gray[y0 : box.bottom + pad, x0 : box.right + pad]
    scale = 64 / max(crop.shape)
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)


def page_entry(page: ReviewPage, index: int, folder: Path, outdir: Path) -> dict[str, Any]:
    """One page's data for the site, and its display image written to review/pages/."""
    doc = page.document
    gray = turn_page(load_page(page.image), int(doc.get("orientation_degrees", 0)))  # the page as it was read
    glyph_docs = [g for line in doc["lines"] for g in line["glyphs"]]
    boxes = [Box(**g["box"]) for g in glyph_docs]
    frames = frames_for_boxes(gray, boxes)
    scale = min(1.0, PAGE_WIDTH / gray.shape[1])
    shown = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ok, jpeg = cv2.imencode(".jpg", shown, [cv2.IMWRITE_JPEG_QUALITY, 88])
    name = f"pages/{index:04d}.jpg"
    if ok:
        write_bytes_atomic(folder / name, jpeg.tobytes())
    lines, k = [], 0
    for line in doc["lines"]:
        glyphs = []
        for g in line["glyphs"]:
            glyphs.append({
                "id": k, "box": g["box"], "label": g["label"], "confidence": g["confidence"],
                "space": g["space_before"], "top3": g["top3"], "crop": _png_uri(_crop(gray, boxes[k])),
                "input": _png_uri((frames[k] * 255).astype(np.uint8)),
            })  # fmt: skip
            k += 1
        lines.append({"top": line["top"], "bottom": line["bottom"], "glyphs": glyphs})
    return {
        "id": index, "source": doc.get("source") or page.image.name, "image": str(page.image),
        "json": str(page.json_path.relative_to(outdir)), "shown": name, "scale": scale,
        "width": doc["width"], "height": doc["height"], "mean_confidence": round(page.mean_confidence, 4),
        "text": doc["text"], "lines": lines,
    }  # fmt: skip


def build_review(outdir: Path) -> tuple[Path, int]:
    """Write OUTDIR/review/ (index.html, data.js, pages/); returns the index path and the number of pages."""
    from ocr.review_site import INDEX_HTML

    outdir = Path(outdir)
    if not outdir.is_dir():
        raise InputNotFoundError(f"{outdir}: not a folder")
    pages = find_pages(outdir)
    if not pages:
        raise InputNotFoundError(f"{outdir}: no page results (NAME.json from batch or read --json) found")
    folder = outdir / "review"
    entries = [page_entry(page, i, folder, outdir) for i, page in enumerate(pages)]
    data = {"low": LOW_CONFIDENCE, "outdir": str(outdir.resolve()), "pages": entries}
    write_text_atomic(folder / "data.js", "window.PAGEOCR_REVIEW = " + json.dumps(data, ensure_ascii=False) + ";\n")
    write_text_atomic(folder / "index.html", INDEX_HTML)
    return folder / "index.html", len(entries)
