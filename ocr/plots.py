"""Small plots drawn with OpenCV for the debugging view: labelled axes, curves, bars and marks."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

FONT = cv2.FONT_HERSHEY_SIMPLEX
BLACK, GREY, BLUE, RED, GREEN, ORANGE, MAGENTA = (
    (0, 0, 0), (150, 150, 150), (200, 90, 30), (40, 40, 220), (40, 150, 40), (0, 140, 255), (200, 40, 200)
)  # fmt: skip


def text(image: np.ndarray, label: str, org: tuple[int, int], scale: float = 0.45, colour=BLACK) -> None:
    cv2.putText(image, label, org, FONT, scale, colour, 1, cv2.LINE_AA)


def line_plot(
    xs: Sequence[float],
    ys: Sequence[float],
    title: str,
    x_label: str,
    y_label: str,
    marks: Sequence[tuple[float, str]] = (),
    size: tuple[int, int] = (720, 360),
) -> np.ndarray:
    """A curve of ys against xs with labelled axes, ticks, and vertical marks (x, label) in red."""
    width, height = size
    left, right, top, bottom = 70, 20, 40, 50
    image = np.full((height, width, 3), 255, np.uint8)
    x0, x1 = float(min(xs)), float(max(xs))
    y0, y1 = float(min(ys)), float(max(ys))
    y1 = y1 if y1 > y0 else y0 + 1.0

    def px(x: float, y: float) -> tuple[int, int]:
        u = left + (x - x0) / max(x1 - x0, 1e-9) * (width - left - right)
        v = height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom)
        return round(u), round(v)

    cv2.rectangle(image, (left, top), (width - right, height - bottom), GREY, 1)
    for k in range(5):
        xv, yv = x0 + k * (x1 - x0) / 4, y0 + k * (y1 - y0) / 4
        u, _ = px(xv, y0)
        _, v = px(x0, yv)
        text(image, f"{xv:g}", (u - 12, height - bottom + 18), 0.4)
        text(image, f"{yv:.3g}", (5, v + 4), 0.4)
    points = np.array([px(x, y) for x, y in zip(xs, ys, strict=True)], np.int32)
    cv2.polylines(image, [points], False, BLUE, 2, cv2.LINE_AA)
    for x, label in marks:
        u, _ = px(x, y0)
        cv2.line(image, (u, top), (u, height - bottom), RED, 1)
        text(image, label, (min(u + 4, width - 150), top + 16), 0.45, RED)
    text(image, title, (left, 24), 0.55)
    text(image, x_label, (width // 2 - 40, height - 12), 0.45)
    text(image, y_label, (5, top - 8), 0.4)
    return image


def shade_rows(
    image: np.ndarray, bands: Sequence[tuple[int, int]], colour=(255, 220, 180), alpha: float = 0.35
) -> np.ndarray:
    """Tint horizontal bands of rows, e.g. the text lines."""
    tint = image.copy()
    for top, bottom in bands:
        cv2.rectangle(tint, (0, top), (image.shape[1] - 1, bottom - 1), colour, -1)
    return cv2.addWeighted(tint, alpha, image, 1 - alpha, 0)


def as_page(ink: np.ndarray) -> np.ndarray:
    """Ink (bright, 0..1) shown as a clean page: black ink on white paper, BGR."""
    gray = (255 * (1.0 - np.clip(ink, 0, 1))).astype(np.uint8)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def fit_height(image: np.ndarray, height: int) -> tuple[np.ndarray, float]:
    """The image scaled to at most `height` rows, and the scale used."""
    scale = min(1.0, height / image.shape[0])
    if scale == 1.0:
        return image, 1.0
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale
