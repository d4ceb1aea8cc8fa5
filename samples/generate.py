"""Generate the bundled sample pages and their ground truth: `python samples/generate.py [--out samples]`.

Two kinds of page, both drawn here from nothing but fonts, so anyone can regenerate them bit for bit:
- handwriting-like block letters: OpenCV's Hershey stroke fonts, every glyph with its own jitter of size,
  slant, rotation, baseline and pen width, on paper with uneven light;
- printed text: a TrueType font (DejaVu Sans from Debian's fonts-dejavu-core, else Pillow's built-in font).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

HAND_PAGES = {
    "hand_blocks": "HELLO WORLD\nPAGE OCR 2026\nBLOCK LETTERS\nQUICK FOX 789",
    "hand_digits": "0123456789\n31 12 2025\n4096 8192\nTEL 5550147",
}
PRINT_PAGES = {
    "print_caps": "THE QUICK BROWN FOX\nJUMPS OVER 13 LAZY DOGS\nPACK MY BOX WITH\nFIVE DOZEN JUGS 2468",
}
HERSHEY = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def paper(rng: np.random.Generator, height: int, width: int) -> np.ndarray:
    """Off-white paper lit from one side, with a little sensor noise."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xs / width + np.sin(angle) * ys / height + 1.0) / 2.0
    page = 235.0 - 45.0 * ramp + rng.normal(0, 2.5, (height, width))
    return page.astype(np.float32)


def _stroke_glyph(char: str, rng: np.random.Generator, size: float) -> np.ndarray:
    """One jittered handwritten-looking glyph as an ink mask (float 0..1), trimmed to its ink plus a margin."""
    font = HERSHEY[int(rng.integers(len(HERSHEY)))]
    scale = size / 22.0 * rng.uniform(0.88, 1.12)
    thickness = max(2, round(size / 18 * rng.uniform(0.7, 1.4)))
    (w, h), _ = cv2.getTextSize(char, font, scale, thickness)
    pad = int(size)
    canvas = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
    cv2.putText(canvas, char, (pad, pad + h), font, scale, 255, thickness, cv2.LINE_AA)
    canvas = canvas.astype(np.float32) / 255.0
    centre = (canvas.shape[1] / 2, canvas.shape[0] / 2)
    m = cv2.getRotationMatrix2D(centre, rng.uniform(-7, 7), 1.0)
    m[0, 1] += rng.uniform(-0.18, 0.18)  # slant
    canvas = cv2.warpAffine(canvas, m, canvas.shape[::-1], flags=cv2.INTER_LINEAR)
    cols = np.flatnonzero(canvas.max(axis=0) > 0.1)
    return canvas[:, max(0, cols[0] - 1) : cols[-1] + 2] if cols.size else canvas


def draw_hand_page(text: str, rng: np.random.Generator) -> np.ndarray:
    size, margin = 44.0, 80
    lines = text.split("\n")
    height = int(margin * 2 + len(lines) * size * 2.1)
    width = int(margin * 2 + max(len(line) for line in lines) * size * 1.05)
    ink = np.zeros((height, width), np.float32)
    for row, line in enumerate(lines):
        x = margin + rng.uniform(-10, 10)
        baseline = margin + size * (1.4 + 2.1 * row)
        for char in line:
            if char == " ":
                x += size * rng.uniform(0.9, 1.2)
                continue
            glyph = _stroke_glyph(char, rng, size)
            gh, gw = glyph.shape
            top = int(baseline + rng.uniform(-3, 3) - gh / 2 - size / 2)
            left = int(x)
            region = ink[top : top + gh, left : left + gw]
            np.maximum(region, glyph[: region.shape[0], : region.shape[1]], out=region)
            x += gw + size * rng.uniform(0.18, 0.35)
    pen = rng.uniform(20, 50)
    page = paper(rng, height, width)
    return np.clip(page * (1 - ink) + pen * ink, 0, 255).astype(np.uint8)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if DEJAVU.is_file():
        return ImageFont.truetype(str(DEJAVU), size)
    return ImageFont.load_default(size)


def draw_print_page(text: str, rng: np.random.Generator) -> np.ndarray:
    size, margin = 34, 60
    font = _font(size)
    lines = text.split("\n")
    width = margin * 2 + max(int(font.getlength(line)) for line in lines)
    height = margin * 2 + int(len(lines) * size * 1.5)
    image = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * size * 1.5), line, fill=255, font=font)
    ink = np.asarray(image, np.float32) / 255.0
    page = paper(rng, height, width)
    return np.clip(page * (1 - ink) + 25 * ink, 0, 255).astype(np.uint8)


def generate(out: Path, seed: int = 7) -> list[Path]:
    """Write every sample page (PNG) and its NAME.gt.txt into `out`; returns the image paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    jobs: list[tuple[str, str, Callable[[str, np.random.Generator], np.ndarray]]] = [
        *((name, text, draw_hand_page) for name, text in HAND_PAGES.items()),
        *((name, text, draw_print_page) for name, text in PRINT_PAGES.items()),
    ]
    for i, (name, text, draw) in enumerate(jobs):
        page = draw(text, np.random.default_rng([seed, i]))
        path = out / f"{name}.png"
        cv2.imwrite(str(path), page)
        (out / f"{name}.gt.txt").write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for path in generate(args.out, args.seed):
        print(path)


if __name__ == "__main__":
    main()
