import numpy as np
import pytest

from ocr.charset import CharsetError, mask_probabilities, parse_charset

CLASSES = tuple("01AaB.")


def test_named_and_literal_charsets() -> None:
    assert parse_charset("digits", tuple("0123456789AB")) == set("0123456789")
    assert parse_charset("AB1", (*CLASSES, "1")) == {"A", "B", "1"}


def test_charset_the_model_cannot_read_is_refused() -> None:
    with pytest.raises(CharsetError, match="'#'"):
        parse_charset("AB#", CLASSES)


def test_masking_moves_the_choice_to_the_best_allowed_class() -> None:
    probs = np.array([[0.1, 0.0, 0.7, 0.1, 0.1, 0.0]], np.float32)  # "A" is best
    masked = mask_probabilities(probs, CLASSES, frozenset("01"))
    assert CLASSES[int(masked.argmax())] == "0"
    assert masked.sum() == pytest.approx(1.0)
    assert mask_probabilities(probs, CLASSES, None) is probs


def test_a_ligature_is_allowed_when_all_its_letters_are() -> None:
    classes = ("f", "i", "h", "\ufb01")  # the typeset "fi" is one class
    probs = np.array([[0.1, 0.1, 0.3, 0.5]], np.float32)
    assert classes[int(mask_probabilities(probs, classes, frozenset("fhi")).argmax())] == "\ufb01"
    assert classes[int(mask_probabilities(probs, classes, frozenset("fh")).argmax())] == "h"  # no i: no fi
