"""Undoing a shaken photo's streak (motion blur) before the page is read.

A hand that moves while the shutter is open drags every stroke along one direction: edges across that
direction stay steep, edges along it are smeared over the length of the movement, and letters run into each
other along it. Both show on the page's darkness (1 - gray / paper level, unclipped):
- the direction: the ink's steepest slopes (99th percentile) measured along each direction are lowest along
  the streak, and a sharp page's are about even (writing has edges every way);
- the length: along the streak every edge becomes a ramp as long as the movement, so the slope there is a
  copy of the page minus itself shifted by the length, and the slope's autocorrelation dips deepest at that lag.
The streak is then taken out by Wiener deconvolution with a straight line of that length (a real hand's path
curves and slows: the reader also tries the length a little shorter and longer, and the photo as it is, and
keeps the surest reading).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from segmentation.deskew import rotation

STREAKED = 0.6  # steepest slopes along the streak at most this share of those across it: the photo is streaked
MIN_LENGTH, MAX_LENGTH = 4, 40  # streaks shorter than this blur no more than a pen's width; longer are not sought
LENGTH_STEP = 2  # pixels shorter and longer than measured that are tried too (see other_lengths)
DIRECTION_STEP = 5.0  # degrees between the directions measured
EDGE_FLOOR = 0.05  # darkness slopes under this (per pixel) are paper grain, not edges
MEASURE_PIXELS = 2_000_000  # larger pages are measured shrunk to about this size (the length scaled back)
MAX_EDGES = 20_000  # at most this many edge pixels (evenly taken) set the slopes' percentiles
TILE = 2048  # pixels: a larger page is deconvolved tile by tile
NOISE_TO_SIGNAL = 0.02  # the Wiener filter's damping: less rings around every stroke, more leaves the streak


@dataclass(frozen=True)
class Streak:
    """A photo's motion blur: its direction and length, and how uneven its edges' slopes are."""

    angle: float  # degrees, the streak's direction in the image (x to the right, y down)
    length: int  # pixels of the photo
    evenness: float  # steepest slope along the streak against across it (about 1 on a sharp page)

    @property
    def applied(self) -> bool:
        """Whether the streak is worth taking out: uneven enough, and long enough to run letters together."""
        return self.evenness <= STREAKED and MIN_LENGTH <= self.length <= MAX_LENGTH


NO_STREAK = Streak(0.0, 0, 1.0)


def other_lengths(streak: Streak) -> tuple[Streak, ...]:
    """The streak a few pixels shorter and longer: a hand's path is seldom straight or steady, and the length
    measured is that of its straight part."""
    lengths = (streak.length - LENGTH_STEP, streak.length + LENGTH_STEP)
    return tuple(Streak(streak.angle, n, streak.evenness) for n in lengths if MIN_LENGTH <= n <= MAX_LENGTH)


def darkness(gray: np.ndarray, background: np.ndarray, page: np.ndarray | None = None) -> np.ndarray:
    """How much darker than its paper each pixel is (0..1, not clipped at the ink's black point as the
    white-balanced page is: the clipping would shorten the ramps), zero beyond the `page` mask."""
    dark = np.clip(1.0 - gray.astype(np.float32) / np.maximum(background.astype(np.float32), 1.0), 0.0, 1.0)
    return dark if page is None else np.where(page, dark, 0.0).astype(np.float32)


def _slopes_by_direction(dark: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The directions tried (degrees) and the 99th percentile of the darkness's slope along each, over edges."""
    gx = cv2.Sobel(dark, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(dark, cv2.CV_32F, 0, 1, ksize=3) / 8
    edges = np.hypot(gx, gy) > EDGE_FLOOR
    gx, gy = gx[edges], gy[edges]
    step = max(1, gx.size // MAX_EDGES)
    gx, gy = gx[::step], gy[::step]
    angles = np.arange(0.0, 180.0, DIRECTION_STEP)
    if not gx.size:
        return angles, np.zeros(angles.size)
    radians = np.deg2rad(angles).astype(np.float32)[:, None]
    along = np.abs(np.cos(radians) * gx + np.sin(radians) * gy)  # one row per direction
    k = round(0.99 * (gx.size - 1))
    return angles, np.partition(along, k, axis=1)[:, k].astype(np.float64)


def _length_along(dark: np.ndarray, angle: float) -> int:
    """The lag (pixels) at which the slope along `angle` correlates most negatively with itself."""
    h, w = dark.shape
    turn = rotation(dark.shape, angle)  # the streak's direction becomes horizontal, on a canvas that holds it all
    cos, sin = abs(turn[0, 0]), abs(turn[0, 1])
    width, height = int(h * sin + w * cos), int(h * cos + w * sin)
    turn[0, 2] += width / 2 - w / 2
    turn[1, 2] += height / 2 - h / 2
    level = cv2.warpAffine(dark, turn, (width, height), flags=cv2.INTER_LINEAR)
    slope = np.diff(level, axis=1)
    spectrum = np.fft.rfft(slope, n=2 * slope.shape[1], axis=1)
    correlation = np.fft.irfft((spectrum * np.conj(spectrum)).sum(axis=0), n=2 * slope.shape[1])
    lags = correlation[2 : MAX_LENGTH + 2]
    return 2 + int(np.argmin(lags))


def measure_streak(dark: np.ndarray) -> Streak:
    """The streak a shaking hand left on the page's darkness (see `darkness`)."""
    shrink = max(1, int(np.ceil(np.sqrt(dark.size / MEASURE_PIXELS))))
    small = dark if shrink == 1 else cv2.resize(dark, None, fx=1 / shrink, fy=1 / shrink, interpolation=cv2.INTER_AREA)
    angles, slopes = _slopes_by_direction(small)
    if slopes.max() <= 0:
        return NO_STREAK
    along = int(np.argmin(slopes))
    evenness = float(slopes[along] / slopes.max())
    if evenness > STREAKED:
        return Streak(float(angles[along]), 0, evenness)  # even edges: the length is not worth measuring
    return Streak(float(angles[along]), _length_along(small, float(angles[along])) * shrink, evenness)


def _line_kernel(length: int, angle: float, shape: tuple[int, int]) -> np.ndarray:
    """A straight streak `length` pixels long at `angle`, centred on pixel (0, 0) of a wrapped `shape` array
    (the form an FFT filter takes), its weight spread bilinearly between pixels."""
    kernel = np.zeros(shape, np.float64)
    steps = np.linspace(-(length - 1) / 2, (length - 1) / 2, 4 * length + 1)
    xs, ys = steps * np.cos(np.deg2rad(angle)), steps * np.sin(np.deg2rad(angle))
    x0, y0 = np.floor(xs).astype(int), np.floor(ys).astype(int)
    fx, fy = xs - x0, ys - y0
    for dx, dy, weight in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        np.add.at(kernel, ((y0 + dy) % shape[0], (x0 + dx) % shape[1]), weight)
    return kernel / kernel.sum()


def remove_streak(gray: np.ndarray, streak: Streak) -> np.ndarray:
    """The 8-bit page with the streak deconvolved (Wiener); the page itself when there is none to take out.
    A large page is deconvolved in tiles (each with a margin the streak cannot cross), so that a 48-megapixel
    photo needs no more memory than a 4-megapixel one."""
    if not streak.applied:
        return gray
    pad = 2 * streak.length + 8  # a margin wider than the streak: no pixel kept sees the tile's wrap-around
    out = np.empty_like(gray)
    for top in range(0, gray.shape[0], TILE):
        for left in range(0, gray.shape[1], TILE):
            rows, cols = slice(top, min(top + TILE, gray.shape[0])), slice(left, min(left + TILE, gray.shape[1]))
            out[rows, cols] = _deconvolved(gray, rows, cols, pad, streak)
    return out


def _deconvolved(gray: np.ndarray, rows: slice, cols: slice, pad: int, streak: Streak) -> np.ndarray:
    """One tile of the page deconvolved, from the tile with `pad` pixels of the page around it (mirrored past
    the page's own edges)."""
    h, w = gray.shape
    top, bottom = max(rows.start - pad, 0), min(rows.stop + pad, h)
    left, right = max(cols.start - pad, 0), min(cols.stop + pad, w)
    margins = (
        pad - (rows.start - top),
        pad - (bottom - rows.stop),
        pad - (cols.start - left),
        pad - (right - cols.stop),
    )
    tile = cv2.copyMakeBorder(gray[top:bottom, left:right].astype(np.float32), *margins, cv2.BORDER_REFLECT)
    blur = np.fft.rfft2(_line_kernel(streak.length, streak.angle, tile.shape))
    sharp = np.fft.irfft2(np.fft.rfft2(tile) * np.conj(blur) / (np.abs(blur) ** 2 + NOISE_TO_SIGNAL), s=tile.shape)
    return np.clip(sharp[pad:-pad, pad:-pad] + 0.5, 0, 255).astype(np.uint8)
