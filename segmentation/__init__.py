"""Image stages of the pageocr pipeline: plain functions, arrays in, frozen dataclasses out, no I/O."""

from segmentation.characters import box_characters
from segmentation.errors import BlankPageError, ImageDecodeError, ImageTooLargeError, SegmentationError
from segmentation.lines import find_text_lines
from segmentation.load import decode_image
from segmentation.normalise import GLYPH_SIZE, normalise_glyph, normalise_glyphs
from segmentation.types import Box, Line
from segmentation.whitebalance import WhiteBalance, white_balance

__all__ = [
    "GLYPH_SIZE",
    "BlankPageError",
    "Box",
    "ImageDecodeError",
    "ImageTooLargeError",
    "Line",
    "SegmentationError",
    "WhiteBalance",
    "box_characters",
    "decode_image",
    "find_text_lines",
    "normalise_glyph",
    "normalise_glyphs",
    "white_balance",
]
