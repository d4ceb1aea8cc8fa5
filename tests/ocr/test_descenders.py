"""Letters that hang below the baseline, on hand-made lines of boxes and readings."""

import numpy as np

from models.charset import CLASSES
from ocr.descenders import hanging_letters
from ocr.line_geometry import LineMetrics
from segmentation.types import Box

BASE, XH = 100, 20  # baseline y and x-height in pixels
METRICS = LineMetrics(baseline=BASE, x_top=BASE - XH, cap_top=BASE - 30, typical_height=XH)
INDEX = {c: i for i, c in enumerate(CLASSES)}


def _row(reading: dict[str, float]) -> np.ndarray:
    row = np.full(len(CLASSES), 1e-5, np.float32)
    for label, p in reading.items():
        row[INDEX[label]] = p
    return row / row.sum()


def _relabel(labels: str, hang: float, reading: dict[str, float], metrics: LineMetrics = METRICS) -> str:
    """The middle glyph of a line reaches `hang` x-heights below the baseline, read as `reading` says; the others
    sit on the baseline, read surely as what `labels` says."""
    middle = len(labels) // 2
    boxes = tuple(Box(20 * k, BASE - XH, 14, XH + round(hang * XH) if k == middle else XH) for k in range(len(labels)))
    probs = np.stack([_row(reading) if k == middle else _row({c: 0.99}) for k, c in enumerate(labels)])
    out = list(labels)
    hanging_letters(out, boxes, metrics, probs, INDEX)
    return "".join(out)


def test_a_looped_g_read_as_a_b_becomes_the_g_it_hangs_like() -> None:
    assert _relabel("eBe", 0.6, {"B": 0.98, "g": 0.005, "q": 0.001}) == "ege"


def test_a_hands_f_whose_tail_hangs_is_not_a_t() -> None:
    assert _relabel("atb", 0.5, {"t": 0.49, "F": 0.25, "f": 0.2}) == "afb"


def test_a_letter_a_little_under_the_baseline_keeps_its_reading() -> None:
    assert _relabel("eBe", 0.25, {"B": 0.98, "g": 0.005}) == "eBe"


def test_letters_that_hang_and_capitals_that_may_keep_their_readings() -> None:
    assert _relabel("apa", 0.6, {"p": 0.9, "q": 0.05}) == "apa"
    assert _relabel("aQa", 0.6, {"Q": 0.9, "g": 0.05}) == "aQa"


def test_no_hanging_letter_in_the_reading_leaves_it() -> None:
    assert _relabel("eBe", 0.6, {"B": 0.999}) == "eBe"


def test_a_line_of_capitals_or_without_an_x_height_is_left_alone() -> None:
    # A hand's capitals wander under their baseline; there a low letter is likelier than a descender.
    assert _relabel("HBE", 0.6, {"B": 0.98, "g": 0.005}) == "HBE"
    unknown = LineMetrics(baseline=BASE, x_top=None, cap_top=BASE - 30, typical_height=XH)
    assert _relabel("eBe", 0.6, {"B": 0.98, "g": 0.005}, unknown) == "eBe"
