"""The case of a line's letters from their word and line: labels and the network's probabilities, made by hand."""

import numpy as np

from models.charset import CLASSES
from ocr.case import capitals_line, follow_the_words_case, small_letters_line

INDEX = {c: i for i, c in enumerate(CLASSES)}


def _line(text: str, unsure: dict[int, dict[str, float]] | None = None) -> tuple[list[str], np.ndarray, list]:
    """Labels of a line (spaces left out), probabilities sure of each unless `unsure` says otherwise at a
    position (counted without the spaces), and its words as (start, end) over the labels."""
    labels = [c for c in text if c != " "]
    probs = np.full((len(labels), len(CLASSES)), 1e-5, np.float32)
    for k, c in enumerate(labels):
        for label, p in (unsure or {}).get(k, {c: 0.99}).items():
            probs[k, INDEX[label]] = p
    words, start = [], 0
    for word in text.split(" "):
        words.append((start, start + len(word)))
        start += len(word)
    return labels, probs, words


def test_a_footed_l_in_a_word_of_small_letters_is_an_l() -> None:
    # A hand's l written as a small L reads as a sure L (EMNIST's L class holds both).
    labels, probs, _ = _line("yelLow")
    follow_the_words_case(labels, list(range(6)), probs, INDEX)
    assert "".join(labels) == "yellow"
    # Another capital the network is sure of keeps its case ("McDonald"), and an L in capitals stays.
    labels, probs, _ = _line("McDonald")
    follow_the_words_case(labels, list(range(8)), probs, INDEX)
    assert "".join(labels) == "McDonald"
    labels, probs, _ = _line("HELLO")
    follow_the_words_case(labels, list(range(5)), probs, INDEX)
    assert "".join(labels) == "HELLO"


def test_capitals_inside_words_of_a_line_of_small_letters_are_small() -> None:
    # "the leTTer came": the T's hesitate towards t (so show the line no case); its other letters are small.
    unsure = {5: {"T": 0.8, "t": 0.15}, 6: {"T": 0.8, "t": 0.15}}
    labels, probs, words = _line("the leTTer came", unsure)
    small_letters_line(labels, probs, INDEX, words)
    assert "".join(labels) == "theletter" + "came"
    # A word's first letter keeps its capital, and so does a word in capitals.
    labels, probs, words = _line("the Letter from NASA came", {14: {"A": 0.8, "a": 0.15}, 16: {"A": 0.8, "a": 0.15}})
    small_letters_line(labels, probs, INDEX, words)
    assert "".join(labels) == "theLetterfromNASAcame"


def test_footed_ls_show_no_case_to_their_line() -> None:
    # "heLLo deep Learning": three L's among ten small letters still make a line of small letters.
    labels, probs, words = _line("heLLo deep Learning")
    small_letters_line(labels, probs, INDEX, words)
    assert "".join(labels) == "hellodeepLearning"


def test_a_line_in_capitals_is_no_line_of_small_letters() -> None:
    labels, probs, words = _line("HOUSE DATe", {8: {"e": 0.75, "E": 0.2}})
    small_letters_line(labels, probs, INDEX, words)
    assert "".join(labels) == "HOUSEDATe"
    capitals_line(labels, probs, INDEX)
    assert "".join(labels) == "HOUSEDATE"
