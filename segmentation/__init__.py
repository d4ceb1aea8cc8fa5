"""Image stages of the pageocr pipeline: plain functions, arrays in, frozen dataclasses out, no I/O."""

from segmentation.alternatives import Alternatives, propose_alternatives
from segmentation.characters import box_characters
from segmentation.deskew import SkewEstimate, estimate_skew, rotate
from segmentation.errors import BlankPageError, ImageDecodeError, ImageTooLargeError, SegmentationError
from segmentation.keystone import Keystone, estimate_keystone, straighten
from segmentation.lines import LineSearch, find_text_lines, search_text_lines
from segmentation.load import decode_image
from segmentation.normalise import GLYPH_SIZE, normalise_glyph, normalise_glyphs, standardise
from segmentation.rules import RuleRemoval, remove_rules
from segmentation.slant import Slant, deslant, estimate_slant
from segmentation.surround import Surround, clear_beyond_page
from segmentation.types import Box, Line
from segmentation.whitebalance import WhiteBalance, white_balance

__all__ = [
    "GLYPH_SIZE",
    "Alternatives",
    "BlankPageError",
    "Box",
    "ImageDecodeError",
    "ImageTooLargeError",
    "Keystone",
    "Line",
    "LineSearch",
    "RuleRemoval",
    "SegmentationError",
    "SkewEstimate",
    "Slant",
    "Surround",
    "WhiteBalance",
    "box_characters",
    "clear_beyond_page",
    "decode_image",
    "deslant",
    "estimate_keystone",
    "estimate_skew",
    "estimate_slant",
    "find_text_lines",
    "normalise_glyph",
    "normalise_glyphs",
    "propose_alternatives",
    "remove_rules",
    "rotate",
    "search_text_lines",
    "standardise",
    "straighten",
    "white_balance",
]
