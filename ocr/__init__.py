"""pageocr: read text from photos of pages.

Library use:

    from ocr import Classifier, read_file
    gray, result = read_file("page.jpg", Classifier())
    print(result.text)
"""

from ocr.classifier import Classifier
from ocr.pipeline import load_page, read_file, read_page, segment_page
from ocr.result import GlyphReading, LineReading, PageResult

__all__ = [
    "Classifier",
    "GlyphReading",
    "LineReading",
    "PageResult",
    "load_page",
    "read_file",
    "read_page",
    "segment_page",
]
