"""The one I/O step before the stages: an image file read into a gray page, with what the file itself says."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ocr.errors import InputNotFoundError
from ocr.result import PageResult
from segmentation.errors import ImageDecodeError, ImageTooLargeError
from segmentation.load import DEFAULT_MAX_PIXELS, decode_image, frame_count


@dataclass(frozen=True)
class SourcePage:
    """A page as loaded from its file, and warnings about the file (not the page's reading)."""

    gray: np.ndarray
    warnings: tuple[str, ...] = ()


def open_page(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> SourcePage:
    """The first page of an image file, gray, and a warning when the file holds more (a multi-page TIFF from a
    scanner, an animated GIF): those are not read, and nobody should think they were. Errors name the file."""
    data = _read_bytes(Path(path))
    try:
        gray = decode_image(data, max_pixels=max_pixels)
    except (ImageDecodeError, ImageTooLargeError) as exc:
        raise type(exc)(f"{path}: {exc}") from None
    pages = frame_count(data)
    unread = (f"the file holds {pages} pages; only the first was read (split it into one image per page)",)
    return SourcePage(gray, unread if pages > 1 else ())


def with_file_warnings(result: PageResult, source: SourcePage) -> PageResult:
    """The page's reading with the warnings about its file first."""
    return replace(result, warnings=source.warnings + result.warnings) if source.warnings else result


def load_page(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Read an image file's first page into a gray page; errors name the file."""
    return open_page(path, max_pixels).gray


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    if not path.is_file():
        raise InputNotFoundError(
            f"{path}: is a directory, not an image file" if path.is_dir() else f"{path}: not a regular file"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImageDecodeError(f"{path}: cannot be read ({exc.strerror or exc})") from None
