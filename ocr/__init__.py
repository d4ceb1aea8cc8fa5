"""pageocr: read text from photos of pages.

Library use:

    from ocr import Classifier, read_file
    gray, result = read_file("page.jpg", Classifier())
    print(result.text)

As `pageocr read` does, with the English word list correcting non-words:

    from ocr import ReadOptions, load_lexicon
    gray, result = read_file("page.jpg", Classifier(), ReadOptions(words=load_lexicon("english")))
"""

from ocr.classifier import Classifier
from ocr.decode import ReadOptions
from ocr.lexicon import load_lexicon
from ocr.pipeline import load_page, read_file, read_page, segment_page
from ocr.result import GlyphReading, LineReading, PageResult

__all__ = [
    "Classifier",
    "GlyphReading",
    "LineReading",
    "PageResult",
    "ReadOptions",
    "load_lexicon",
    "load_page",
    "read_file",
    "read_page",
    "segment_page",
]
