"""The camera model of the sample generator: ink laid on paper and photographed with a phone.

Perspective tilt, rotation, light gradient, a soft or sharp-edged shadow, blur, sensor noise, JPEG, paper tint and
texture, ruled or squared paper, a page seen from one side or from below, a dark or wooden desk around a small
page, the curl of a book page that bows its lines, the streak of a shaking hand, pencil, the glare of a lamp on
glossy paper, and a notebook's binding holes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Camera:
    """Which photographic effects to apply, and how strongly."""

    tilt: float = 0.0  # perspective: corner displacement as a fraction of the page size
    side_view: float = 0.0  # seen from one side: the far edge this share of its height shorter at each end (< 0: right)
    top_view: float = 0.0  # seen from below: the top edge this share of its width shorter at each end (< 0: bottom)
    rotate: float = 0.0  # degrees
    gradient: float = 0.0  # light fall-off across the page, 0..1
    shadow: float = 0.0  # darkness of a soft shadow over part of the page, 0..1
    shadow_edge: float = 0.04  # how soft its edge is: blur as a fraction of the page's long side
    blur: float = 0.0  # gaussian sigma in pixels
    noise: float = 0.0  # sensor noise sigma in grey levels
    jpeg: int = 0  # JPEG quality, 0 = none
    tint: tuple[int, int, int] = (245, 245, 245)  # paper colour (RGB)
    texture: float = 0.0  # paper grain strength
    ruled: int = 0  # ruled-line spacing in pixels, 0 = plain paper
    squared: bool = False  # with ruled: squared (graph) paper, the rules drawn down the page too
    desk: int = 0  # pixels of dark, grainy desk showing around the page, 0 = the page fills the frame
    wood: bool = False  # the desk is wood: lighter, streaked with its grain
    curl: float = 0.0  # a book page's curl: its lines bow by this fraction of the page height
    shake: int = 0  # a shaking hand: the image streaked this many pixels along a random direction
    pencil: bool = False  # written in pencil: grey graphite that leaves the paper's grain showing in the stroke
    glare: float = 0.0  # a lamp's reflection: light added over a patch of the page, in grey levels at its centre
    holes: int = 0  # a notebook's binding holes down its left side or along its top, this many pixels across


def photograph(ink: np.ndarray, camera: Camera, rng: np.random.Generator) -> np.ndarray:
    """Lay ink on paper and take a phone photo of it; returns an RGB uint8 image."""
    h, w = ink.shape
    paper = np.ones((h, w, 3), np.float32) * np.array(camera.tint, np.float32)
    if camera.texture:
        grain = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 1.5)
        paper += camera.texture * grain[..., None] / max(float(grain.std()), 1e-6)
    if camera.ruled:
        for y in range(int(camera.ruled * 0.9), h, camera.ruled):
            cv2.line(paper, (0, y), (w - 1, y), (150, 170, 215), 2, cv2.LINE_AA)
        for x in range(int(camera.ruled * 0.5), w, camera.ruled) if camera.squared else ():
            cv2.line(paper, (x, 0), (x, h - 1), (150, 170, 215), 2, cv2.LINE_AA)
    pen = np.array(rng.uniform(10, 60, 3), np.float32)
    if camera.pencil:  # graphite: grey, and only where the paper's tooth took it
        pen = np.full(3, rng.uniform(90, 140), np.float32)
        ink = ink * (0.55 + 0.45 * rng.random((h, w))).astype(np.float32)
    image = paper * (1 - ink[..., None]) + pen * ink[..., None]
    if camera.holes:
        _punch_holes(image, camera.holes, rng)
    table = np.array(camera.tint, np.float32) * 0.6  # what shows beyond the page
    if camera.desk:
        table = np.array([80, 62, 48], np.float32)
        d = camera.desk
        grain = cv2.GaussianBlur(rng.normal(0, 1, (h + 2 * d, w + 2 * d)).astype(np.float32), (0, 0), 2.0)
        desk = table + 40 * grain[..., None]
        if camera.wood:
            table = np.array([150, 105, 65], np.float32) * rng.uniform(0.7, 1.1)
            desk = table * (0.8 + 0.2 * _wood_grain((h + 2 * d, w + 2 * d), rng))[..., None]
        desk[d : d + h, d : d + w] = image
        image, h, w = desk, h + 2 * d, w + 2 * d
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    if camera.gradient:
        angle = rng.uniform(0, 2 * np.pi)
        ramp = (np.cos(angle) * xs / w + np.sin(angle) * ys / h + 1) / 2
        image *= (1 - camera.gradient * ramp)[..., None]
    if camera.shadow:
        mask = np.zeros((h, w), np.float32)
        corner = np.array([[0, 0], [w * rng.uniform(0.3, 0.6), 0], [w * rng.uniform(0.1, 0.4), h], [0, h]], np.int32)
        cv2.fillPoly(mask, [corner], 1.0)
        mask = cv2.GaussianBlur(mask, (0, 0), max(h, w) * camera.shadow_edge)
        image *= (1 - camera.shadow * mask)[..., None]
    if camera.glare:  # reflected light adds to ink and paper alike, so the sensor clips the paper first
        image += camera.glare * _glare_patch((h, w), rng)[..., None]
    if camera.curl:
        image = _curl(image, camera.curl, rng)
    if camera.rotate or camera.tilt or camera.side_view or camera.top_view:
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        dst = src + rng.uniform(-1, 1, (4, 2)).astype(np.float32) * camera.tilt * np.float32([w, h])
        far = [0, 3] if camera.side_view > 0 else [1, 2]  # the corners of the edge further from the camera
        dst[far, 1] += np.float32([1, -1]) * abs(camera.side_view) * h
        far = [0, 1] if camera.top_view > 0 else [3, 2]
        dst[far, 0] += np.float32([1, -1]) * abs(camera.top_view) * w
        m = cv2.getPerspectiveTransform(src, dst)
        r = cv2.getRotationMatrix2D((w / 2, h / 2), camera.rotate, 1.0)
        m = np.vstack([r, [0, 0, 1]]) @ m
        border = tuple(float(v) for v in table)
        image = cv2.warpPerspective(image, m, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    if camera.blur:
        image = cv2.GaussianBlur(image, (0, 0), camera.blur)
    if camera.shake:
        image = _streak(image, camera.shake, rng)
    if camera.noise:
        image += rng.normal(0, camera.noise, image.shape).astype(np.float32)
    out = np.clip(image, 0, 255).astype(np.uint8)
    if camera.jpeg:
        ok, data = cv2.imencode(".jpg", out[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, camera.jpeg])
        out = cv2.imdecode(data, cv2.IMREAD_COLOR)[..., ::-1] if ok else out
    return out


def _wood_grain(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Wood grain, -1..1: long bands that wander and wobble, at a random angle."""
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32)
    angle = rng.uniform(-0.3, 0.3)
    along, across = np.cos(angle) * xs + np.sin(angle) * ys, np.cos(angle) * ys - np.sin(angle) * xs
    wobble = cv2.GaussianBlur(rng.normal(0, 1, shape).astype(np.float32), (0, 0), 8)
    period = rng.uniform(6, 14)
    return np.sin(across / period + 3 * np.sin(along / rng.uniform(80, 200)) + 6 * wobble)


def _punch_holes(image: np.ndarray, size: int, rng: np.random.Generator) -> None:
    """Binding holes, in place: dark ovals (what lies under the page shows through) `size` pixels across,
    1.8-2.5 sizes apart, down the left side or (a third of the time) along the top, half a size to one size in."""
    h, w = image.shape[:2]
    top = rng.random() < 1 / 3
    pitch, inset = size * rng.uniform(1.8, 2.5), size * rng.uniform(1.0, 1.5)
    shade = tuple(float(v) for v in rng.uniform(30, 90) * np.ones(3))
    along = np.arange(pitch / 2, (w if top else h) - pitch / 3, pitch)
    axes = (size // 2, int(size * 0.65)) if top else (int(size * 0.65), size // 2)
    for t in along:
        centre = (int(t), int(inset)) if top else (int(inset), int(t))
        cv2.ellipse(image, centre, axes, 0, 0, 360, shade, -1, cv2.LINE_AA)


def _glare_patch(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A lamp's reflection, 0..1: a soft elongated blob over a random part of the page, a quarter to a half of it
    across, flat-topped as a reflection's core is."""
    h, w = shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    cy, cx = rng.uniform(0.2, 0.8) * h, rng.uniform(0.2, 0.8) * w
    angle = rng.uniform(0, np.pi)
    along = (np.cos(angle) * (xs - cx) + np.sin(angle) * (ys - cy)) / (rng.uniform(0.12, 0.25) * max(h, w))
    across = (np.cos(angle) * (ys - cy) - np.sin(angle) * (xs - cx)) / (rng.uniform(0.06, 0.12) * max(h, w))
    return np.minimum(1.0, 1.4 * np.exp(-(along**2 + across**2))).astype(np.float32)


def _curl(image: np.ndarray, curl: float, rng: np.random.Generator) -> np.ndarray:
    """The page bowed like an open book's: each column shifted down by a smooth bump (one arc across the page,
    or a rise towards one edge, as near a spine), at most `curl` of the page height."""
    h, w = image.shape[:2]
    u = np.arange(w, dtype=np.float32) / max(w - 1, 1)
    arc = np.sin(np.pi * u) ** 2  # the middle of every line sags
    spine = (u if rng.random() < 0.5 else 1 - u) ** 3  # the lines rise steeply towards one edge
    shift = (arc if rng.random() < 0.5 else spine) * curl * h * (1 if rng.random() < 0.5 else -1)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = tuple(float(v) for v in image[0, 0])
    return cv2.remap(image, xs, ys - shift[None, :], cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=edge)


def _streak(image: np.ndarray, length: int, rng: np.random.Generator) -> np.ndarray:
    """Motion blur: the image averaged along a straight streak `length` pixels long at a random angle."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    turn = cv2.getRotationMatrix2D(((length - 1) / 2, (length - 1) / 2), float(rng.uniform(0, 180)), 1.0)
    kernel = cv2.warpAffine(kernel, turn, (length, length))
    return cv2.filter2D(image, -1, kernel / kernel.sum())
