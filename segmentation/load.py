"""Decoding image bytes into one 8-bit gray page, whatever the file's mode and orientation."""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from segmentation.errors import ImageDecodeError, ImageTooLargeError

# 60 megapixels: a 48 MP phone photo passes, a decompression bomb does not.
DEFAULT_MAX_PIXELS = 60_000_000
# An ISO media file's "ftyp" brands that mark a HEIF still image: what an iPhone's camera saves (.heic).
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})


def is_heif(data: bytes) -> bool:
    """Whether the bytes are a HEIF/HEIC image, from the file-type box at their start."""
    return len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def _heif_decoder_ready() -> bool:
    """Pillow reads HEIF only through the pillow-heif plugin (the `heic` extra); register it when installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()  # idempotent
    return True


def decode_image(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Decode an image file's bytes to a 2-D uint8 gray array (0 black, 255 white).

    EXIF orientation is applied; transparency is laid over white paper; 16-bit and float images are
    scaled to their own range. Raises ImageDecodeError or ImageTooLargeError with a readable reason.
    """
    if not data:
        raise ImageDecodeError("the file is empty")
    if data.startswith(b"%PDF-"):
        raise ImageDecodeError(
            "a PDF document, not an image: export its pages as PNG or JPEG first (e.g. pdftoppm -r 300 -png)"
        )
    heif = is_heif(data) and not _heif_decoder_ready()  # the same file box starts some AVIF, which Pillow reads
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            # The header gives the size before any pixel is decoded, so a bomb never gets expanded.
            if width * height > max_pixels:
                raise ImageTooLargeError(
                    f"the image is {width}x{height} = {width * height:,} pixels, over the limit of {max_pixels:,}"
                )
            if width == 0 or height == 0:
                raise ImageDecodeError("the image has no pixels")
            image.load()
            image = ImageOps.exif_transpose(image)
    except UnidentifiedImageError:
        if heif:
            raise ImageDecodeError(
                "a HEIC/HEIF photo (an iPhone camera's format): install pageocr's heic extra "
                "(pip install 'pageocr[heic]') or save the photo as JPEG"
            ) from None
        raise ImageDecodeError("not an image file (unknown or unsupported format)") from None
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"the image is too large to decode safely ({exc})") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageDecodeError(f"the image data is damaged or truncated ({exc})") from None
    return _to_gray(image)


def frame_count(data: bytes) -> int:
    """How many pages (frames) an image file's bytes hold: several in a multi-page TIFF or an animated GIF or
    WebP, of which decode_image reads the first; 1 when the header does not say."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return max(1, int(getattr(image, "n_frames", 1)))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError):
        return 1


def _to_gray(image: Image.Image) -> np.ndarray:
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I", "F") or mode.startswith("I;"):
        values = np.asarray(image, dtype=np.float64)
        lo, hi = float(values.min()), float(values.max())
        scaled = (values - lo) * (255.0 / (hi - lo)) if hi > lo else np.full_like(values, 255.0)
        return np.clip(scaled + 0.5, 0, 255).astype(np.uint8)
    if mode == "P":
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, rgba)
    return np.asarray(image.convert("L"), dtype=np.uint8).copy()
