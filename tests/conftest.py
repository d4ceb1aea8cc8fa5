"""Shared fixtures. Pages are drawn in code so that each test shows exactly what it checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EMNIST = SHARED / "data" / "emnist-bymerge.npz"
REAL = SHARED / "real"

DrawPage = Callable[..., np.ndarray]


def _draw_page(
    lines: list[str],
    size: float = 1.6,
    thickness: int = 3,
    line_gap: float = 2.2,
    margin: int = 40,
    paper: int = 235,
    ink: int = 30,
) -> np.ndarray:
    """A gray page with `lines` written in OpenCV's Hershey simplex stroke font, dark ink on light paper."""
    font = cv2.FONT_HERSHEY_SIMPLEX
    (_, h), _ = cv2.getTextSize("H", font, size, thickness)
    width = margin * 2 + max((cv2.getTextSize(t, font, size, thickness)[0][0] for t in lines), default=10)
    height = int(margin * 2 + h * line_gap * max(len(lines), 1))
    page = np.full((height, width), paper, np.uint8)
    for i, text in enumerate(lines):
        baseline = int(margin + h + i * h * line_gap)
        cv2.putText(page, text, (margin, baseline), font, size, ink, thickness, cv2.LINE_AA)
    return page


@pytest.fixture
def draw_page() -> DrawPage:
    return _draw_page


def _lean_page(page: np.ndarray, lean: float, paper: int = 235) -> np.ndarray:
    """The page's writing leaning `lean` (x moves that much per row up), as a writer's slant: rows are shifted,
    not the page turned, so its lines stay level."""
    h, w = page.shape
    m = np.float32([[1, -lean, max(lean, 0.0) * h], [0, 1, 0]])
    return cv2.warpAffine(page, m, (w + int(abs(lean) * h) + 1, h), borderValue=paper)


@pytest.fixture
def lean_page() -> Callable[..., np.ndarray]:
    return _lean_page


def _streak_page(page: np.ndarray, length: int, angle: float) -> np.ndarray:
    """The page as a shaking hand photographs it: averaged along a straight streak `length` pixels long at
    `angle` degrees (x to the right, y down)."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    # OpenCV turns anticlockwise on screen, so the kernel turned by -angle runs along `angle` with y down.
    turn = cv2.getRotationMatrix2D(((length - 1) / 2, (length - 1) / 2), -angle, 1.0)
    kernel = cv2.warpAffine(kernel, turn, (length, length))
    return cv2.filter2D(page, -1, kernel / kernel.sum(), borderType=cv2.BORDER_REPLICATE)


@pytest.fixture
def streak_page() -> Callable[..., np.ndarray]:
    return _streak_page


@pytest.fixture(scope="session")
def emnist_path() -> Path:
    if not EMNIST.is_file():
        pytest.skip(f"EMNIST data not found at {EMNIST} (it lives in ../shared, outside the repository)")
    return EMNIST


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real pages not found at {REAL} (they live in ../shared, outside the repository)")
    return REAL


@pytest.fixture(scope="session")
def classifier():
    from ocr.classifier import Classifier

    return Classifier()
