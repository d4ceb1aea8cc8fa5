import numpy as np
import pytest

from models.scoring import emnist_accuracy, emnist_predictions, printed_accuracy, shape_key

CLASSES = ("1", "C", "L", "c", "l", ".")


def _probs(*rows: dict[str, float]) -> np.ndarray:
    return np.array([[row.get(c, 0.0) for c in CLASSES] for row in rows], np.float32)


def test_emnist_class_probability_is_summed_over_its_labels() -> None:
    # "1" is the single most likely label, but l and L together (EMNIST's "L") outweigh it.
    probs = _probs({"1": 0.4, "l": 0.35, "L": 0.25}, {"c": 0.3, "C": 0.3, "1": 0.4}, {".": 0.9, "1": 0.1})
    assert emnist_predictions(probs, CLASSES) == ("L", "C", "1")
    assert emnist_accuracy(probs, ("L", "C", "1"), CLASSES) == 1.0
    assert emnist_accuracy(probs, ("1", "1", "1"), CLASSES) == pytest.approx(1 / 3)


def test_printed_look_alikes_count_as_one() -> None:
    assert shape_key("o") == shape_key("O") == shape_key("0") and shape_key("1") == shape_key("I")
    assert shape_key("a") != shape_key("A")
    probs = _probs({"l": 1.0}, {"c": 1.0}, {".": 1.0})
    assert printed_accuracy(probs, ("1", "C", ","), CLASSES) == pytest.approx(2 / 3)
