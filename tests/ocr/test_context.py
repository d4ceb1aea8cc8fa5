"""Context rules on hand-made lines: boxes where a real line would put them, probabilities that hesitate."""

import numpy as np

from models.charset import CLASSES
from ocr.context import resolve_line
from segmentation.types import Box

BASE, XH, CAP = 100, 20, 30  # baseline y, x-height and cap height in pixels


def _glyph(kind: str, x: int) -> Box:
    """A box of a given vertical kind: x-height, cap, descender, or a small mark at some height."""
    return {
        "x": Box(x, BASE - XH, 14, XH),
        "cap": Box(x, BASE - CAP, 16, CAP),
        "desc": Box(x, BASE - XH, 14, XH + 8),
        "dot": Box(x, BASE - 4, 4, 4),
        "comma": Box(x, BASE - 4, 4, 9),
        "high": Box(x, BASE - CAP, 4, 8),
        "dash": Box(x, BASE - XH // 2 - 2, 10, 3),
    }[kind]


def _probs(*readings: dict[str, float]) -> np.ndarray:
    out = np.full((len(readings), len(CLASSES)), 1e-4, np.float32)
    for row, reading in enumerate(readings):
        for label, p in reading.items():
            out[row, CLASSES.index(label)] = p
    return out / out.sum(axis=1, keepdims=True)


def _resolve(kinds: list[str], readings: list[dict[str, float]], spaces: list[bool] | None = None) -> str:
    boxes = tuple(_glyph(kind, 20 * i) for i, kind in enumerate(kinds))
    spaces = spaces or [False] * len(kinds)
    labels = resolve_line(boxes, _probs(*readings), CLASSES, spaces)
    return "".join((" " if space else "") + label for label, space in zip(labels, spaces, strict=True))


def test_case_of_look_alike_letters_follows_height() -> None:
    # "Sons": S at cap height, o and s at x-height; the network has no idea about case.
    kinds = ["cap", "x", "x", "x"]
    readings = [{"s": 0.6, "S": 0.4}, {"O": 0.7, "o": 0.3}, {"n": 0.9}, {"S": 0.55, "s": 0.45}]
    assert _resolve(kinds, readings) == "Sons"


def test_descender_decides_p_and_y() -> None:
    kinds = ["cap", "desc", "x", "cap"]
    readings = [{"T": 0.9}, {"P": 0.6, "p": 0.4}, {"e": 0.9}, {"p": 0.6, "P": 0.4}]
    assert _resolve(kinds, readings) == "TpeP"


def test_small_marks_by_position() -> None:
    kinds = ["x", "dot", "x", "comma", "x", "high", "x", "dash", "x"]
    readings = [{"a": 0.9}, {",": 0.5, ".": 0.4}, {"n": 0.9}, {"'": 0.6, ",": 0.4}, {"a": 0.9},
                {",": 0.7, "'": 0.3}, {"r": 0.9}, {".": 0.5, "-": 0.4}, {"e": 0.9}]  # fmt: skip
    assert _resolve(kinds, readings) == "a.n,a'r-e"
    # A high mark the network reads as an asterisk stays one (a footnote mark); one it hesitates over is a quote.
    readings = [{"a": 0.9}, {"*": 0.6, "'": 0.3}, {"b": 0.9}, {"'": 0.5, "*": 0.2, ",": 0.3}]
    assert _resolve(["x", "high", "x", "high"], readings) == "a*b'"


def test_a_round_dot_a_little_under_the_baseline_is_a_period_a_tall_one_a_comma() -> None:
    # A full stop on a curled line's end sits 3 px low: round, and read as a period, it stays one.
    low_dot, comma = Box(20, BASE - 1, 4, 4), Box(20, BASE - 1, 4, 7)
    readings = [{"n": 0.9}, {".": 0.45, ",": 0.3}]
    for mark, label in ((low_dot, "."), (comma, ",")):
        assert "".join(resolve_line((_glyph("x", 0), mark), _probs(*readings), CLASSES, [False, False])) == "n" + label
    # Round but read as a comma (its tail blurred into it): the position decides.
    readings = [{"n": 0.9}, {",": 0.45, ".": 0.3}]
    assert "".join(resolve_line((_glyph("x", 0), low_dot), _probs(*readings), CLASSES, [False, False])) == "n,"


def test_a_flat_bar_at_the_middle_of_the_small_letters_is_a_hyphen_though_it_clears_their_middle() -> None:
    # A sans hyphen sits a little high: its bottom is above the middle of the x-height, where a quote floats.
    high_bar = Box(40, BASE - XH // 2 - 5, 12, 4)
    boxes = (_glyph("x", 0), _glyph("x", 20), high_bar, _glyph("x", 60), _glyph("x", 80))
    probs = _probs({"r": 0.99}, {"e": 0.99}, {"-": 0.5, '"': 0.5}, {"b": 0.99}, {"a": 0.99})
    assert "".join(resolve_line(boxes, probs, CLASSES, [False] * 5)) == "re-ba"
    # A mark as high but no wider than tall is a quote (opening a word: inside one it would be a stray stroke).
    boxes = (*boxes[:2], Box(40, BASE - XH // 2 - 7, 6, 6), *boxes[3:])
    spaces = [False, False, True, False, False]
    labels = resolve_line(boxes, probs, CLASSES, spaces)
    assert "".join((" " if space else "") + c for c, space in zip(labels, spaces, strict=True)) == 're "ba'


def test_look_alikes_follow_the_word() -> None:
    # "2O1S" is a number: O -> 0, l -> 1, S -> 5. "B0X" is a word: 0 -> O.
    number = _resolve(["cap"] * 4, [{"2": 0.9}, {"O": 0.6, "0": 0.4}, {"l": 0.7, "1": 0.3}, {"S": 0.8}])
    assert number == "2015"
    word = _resolve(["cap"] * 3, [{"B": 0.9}, {"0": 0.6, "O": 0.4}, {"X": 0.9}])
    assert word == "BOX"
    # A handwritten z often reads as 2; among small letters it is a z.
    assert _resolve(["x"] * 4, [{"a": 0.9}, {"2": 0.8}, {"u": 0.9}, {"r": 0.9}]) == "azur"


def test_l_and_capital_i_from_the_words_case() -> None:
    kinds = ["cap", "x", "x", "cap", "cap", "cap", "cap"]
    readings = [{"I": 0.6, "l": 0.4}, {"o": 0.9}, {"w": 0.9}, {"H": 0.9}, {"l": 0.6, "I": 0.4}, {"L": 0.9}, {"L": 0.9}]
    assert _resolve(kinds, readings, [False, False, False, True, False, False, False]) == "low HILL"


def test_a_stroke_only_as_tall_as_small_letters_is_an_i() -> None:
    # "hint" with the i's dot missing: the network sees a bare stroke and says l, but it stops at the x-height.
    kinds = ["cap", "x", "x", "cap"]
    readings = [{"h": 0.9}, {"l": 0.6, "1": 0.3}, {"n": 0.9}, {"t": 0.9}]
    assert _resolve(kinds, readings) == "hint"
    assert _resolve(["cap", "x", "cap", "x"], [{"h": 0.9}, {"e": 0.9}, {"1": 0.6, "l": 0.3}, {"o": 0.9}]) == "helo"


def test_a_stroke_starting_a_word_before_a_consonant_is_a_capital_i() -> None:
    kinds = ["cap", "x", "cap", "cap", "x", "x", "cap"]
    readings = [{"l": 0.6, "1": 0.3}, {"n": 0.9}, {"k": 0.9}, {"l": 0.6, "I": 0.3}, {"a": 0.9}, {"s": 0.9},
                {"t": 0.9}]  # fmt: skip
    assert _resolve(kinds, readings, [False, False, False, True, False, False, False]) == "Ink last"


def test_a_lone_stroke_is_the_word_i_among_words_and_1_among_numbers() -> None:
    words = _resolve(["cap", "cap", "x", "x"], [{"1": 0.5, "l": 0.4}, {"A": 0.9}, {"m": 0.9}, {"o": 0.9}],
                     [False, True, False, False])  # fmt: skip
    assert words == "I Amo"
    numbers = _resolve(["cap", "cap", "cap"], [{"l": 0.5, "1": 0.4}, {"4": 0.9}, {"7": 0.9}], [False, True, False])
    assert numbers == "1 47"


def test_a_lone_bracket_inside_a_word_is_a_letter() -> None:
    # "raja" with a dotless j read as ")": no "(" in the word, so it is the best letter, a j by its descender.
    kinds = ["x", "x", "desc", "x"]
    readings = [{"r": 0.9}, {"a": 0.9}, {")": 0.7, "J": 0.2}, {"a": 0.9}]
    assert _resolve(kinds, readings) == "raja"
    # "word(s)" keeps both brackets.
    kinds = ["x", "x", "x", "cap", "desc", "x", "desc"]
    readings = [{"w": 0.9}, {"o": 0.9}, {"r": 0.9}, {"d": 0.9}, {"(": 0.9}, {"s": 0.9}, {")": 0.9}]
    assert _resolve(kinds, readings) == "word(s)"


def test_a_colon_or_semicolon_between_letters_is_a_letter() -> None:
    # "hit" with its dotted i read as ";", next to "10:30", which keeps its colon.
    kinds = ["cap", "cap", "cap", "cap", "cap", "x", "cap", "cap"]
    readings = [{"h": 0.9}, {";": 0.6, "i": 0.3}, {"t": 0.9}, {"1": 0.9}, {"0": 0.9}, {":": 0.9}, {"3": 0.9},
                {"0": 0.9}]  # fmt: skip
    assert _resolve(kinds, readings, [False, False, False, True, False, False, False, False]) == "hit 10:30"


def test_a_hands_t_read_as_a_plus_in_a_word_of_small_letters_is_a_t() -> None:
    cross = {"+": 0.8, "t": 0.15}
    assert _resolve(["x", "cap", "x", "cap"], [{"o": 0.9}, cross, {"a": 0.9}, {"l": 0.9}]) == "otal"
    assert _resolve(["cap", "x", "x"], [cross, {"h": 0.9}, {"e": 0.9}]) == "the"
    # Capitals and digits keep theirs.
    assert _resolve(["cap", "x", "cap"], [{"A": 0.9}, cross, {"B": 0.9}]) == "A+B"
    assert _resolve(["cap", "x", "cap"], [{"2": 0.9}, cross, {"3": 0.9}]) == "2+3"


def test_a_double_quote_between_two_letters_is_a_stray_piece_of_a_stroke() -> None:
    # A t's cross-bar reaching left past its stem, cut off: s"treet.
    quote = Box(20, BASE - CAP, 8, 6)
    boxes = (_glyph("x", 0), quote, _glyph("cap", 40), _glyph("x", 60))
    probs = _probs({"s": 0.9}, {'"': 0.9}, {"t": 0.9}, {"r": 0.9})
    assert "".join(resolve_line(boxes, probs, CLASSES, [False] * 4)) == "str"


def test_a_number_with_a_unit_keeps_its_digits() -> None:
    assert _resolve(["cap"] * 4, [{"5": 0.9}, {"0": 0.6, "O": 0.3}, {"0": 0.6, "O": 0.3}, {"G": 0.9}]) == "500G"
    assert _resolve(["cap", "cap", "cap"], [{"B": 0.9}, {"0": 0.6, "O": 0.3}, {"X": 0.9}]) == "BOX"
    strokes = [{"1": 0.8, "l": 0.15}, {"1": 0.8, "l": 0.15}]
    assert _resolve(["cap"] * 4, [*strokes, {"t": 0.9}, {"h": 0.9}]) == "11th"  # an ordinal
    # Bare strokes before anything but a unit are letters: a blurred "light" whose l and dotless i read 1s.
    assert _resolve(["cap", "cap", "desc", "cap", "cap"], [*strokes, {"g": 0.9}, {"h": 0.9}, {"t": 0.9}]) == "llght"


def test_every_letter_in_a_number_is_a_digit_but_a_unit_that_ends_it() -> None:
    # A hand's open 4 read as Y and its 6 as b, side by side at the start of a number.
    four, six = {"Y": 0.8, "4": 0.15}, {"b": 0.7, "6": 0.25}
    digits = [{"8": 0.99}, {"7": 0.99}, {"4": 0.99}, {"1": 0.9}]
    assert _resolve(["cap"] * 6, [four, six, *digits]) == "468741"
    assert _resolve(["cap"] * 5, [*digits, {"U": 0.7, "0": 0.2}]) == "87410"  # a closing letter too
    # A hand's 1 read as a sure U keeps a few thousandths for the 1: enough inside a number.
    assert _resolve(["cap"] * 4, [{"3": 0.99}, {"1": 0.99}, {"U": 0.99, "1": 0.003}, {"6": 0.99}]) == "3116"
    units = [{"k": 0.9}, {"g": 0.9}]
    assert _resolve(["cap", "cap", "cap", "desc"], [{"1": 0.9}, {"2": 0.9}, *units]) == "12kg"


def test_a_lone_look_alike_goes_by_its_line() -> None:
    numbers = [{"4": 0.99}, {"0": 0.99}, {"8": 0.99}]
    spaces = [False, True, False, False]
    assert _resolve(["cap"] * 4, [{"q": 0.8, "9": 0.15}, *numbers], spaces) == "9 408"
    assert _resolve(["cap"] * 4, [*numbers, {"O": 0.8, "0": 0.15}], [False, False, False, True]) == "408 0"
    # So does a lone letter among numbers (a hand's 4 read as Y), but not a unit ("5 x 3", "250 g").
    sure = [{"4": 0.99}, {"7": 0.99}, {"3": 0.99}]
    assert _resolve(["cap"] * 4, [{"Y": 0.8, "4": 0.15}, *sure], spaces) == "4 473"
    assert _resolve(["cap", "cap", "cap", "x"], [*sure, {"x": 0.8, "4": 0.15}], [False, False, False, True]) == "473 x"


def test_a_word_of_look_alikes_goes_by_what_the_network_read() -> None:
    # "Oslo": O, s, l, o all have digit look-alikes; read as O s 1 o it is three letters to one digit.
    readings = [{"O": 0.9}, {"s": 0.9}, {"1": 0.6, "l": 0.3}, {"o": 0.9}]
    assert _resolve(["cap", "x", "cap", "x"], readings) == "Oslo"
    # "10" read as 1 0 stays a number even on a line of words.
    kinds = ["cap", "x", "x", "cap", "cap"]
    readings = [{"A": 0.9}, {"n": 0.9}, {"d": 0.9}, {"1": 0.6, "l": 0.3}, {"0": 0.6, "O": 0.3}]
    assert _resolve(kinds, readings, [False, False, False, True, False]) == "And 10"


def test_a_slash_in_a_word_that_is_nearly_a_stroke_is_an_italic_capital_i() -> None:
    # "RIVER /NVOICE" in italic capitals: both I's read as "/" first, a bare stroke second.
    italic_i = {"/": 0.55, "l": 0.25, "1": 0.15}
    kinds = ["cap"] * 12
    readings = [{"R": 0.9}, italic_i, {"V": 0.9}, {"E": 0.9}, {"R": 0.9}, italic_i, {"N": 0.9}, {"V": 0.9},
                {"O": 0.9}, italic_i, {"C": 0.9}, {"E": 0.9}]  # fmt: skip
    spaces = [False] * 5 + [True] + [False] * 6
    assert _resolve(kinds, readings, spaces) == "RIVER INVOICE"
    # A slanted handwritten I: the stroke readings hold a tenth of the probability.
    readings[1] = {"/": 0.85, "l": 0.06, "1": 0.05}
    assert _resolve(kinds, readings, spaces) == "RIVER INVOICE"
    # A slash the network is sure of stays one, between words ("km/h") and numbers ("12/03") alike.
    kinds = ["cap", "x", "cap", "cap", "cap", "cap", "cap", "cap"]
    readings = [{"k": 0.9}, {"m": 0.9}, {"/": 0.97}, {"h": 0.9}, {"1": 0.9}, {"2": 0.9}, {"/": 0.97}, {"3": 0.9}]
    assert _resolve(kinds, readings, [False] * 4 + [True] + [False] * 3) == "km/h 12/3"


def test_a_tall_stroke_read_as_a_1_inside_a_small_word_is_an_l() -> None:
    # "line", its l read as a 1 with next to nothing left for l or i: no dot was seen, so it is not an i.
    readings = [{"1": 0.97, "i": 0.02, "l": 0.005}, {"i": 0.95, "j": 0.04}, {"n": 0.99}, {"e": 0.99}]
    assert _resolve(["cap", "cap", "x", "x"], readings) == "line"


def test_a_j_the_network_is_sure_of_keeps_its_case_wherever_it_hangs() -> None:
    # "Jeans" in a font whose J descends like a j: the network saw no dot and is sure of the capital.
    readings = [{"J": 0.98, "j": 0.01}, {"e": 0.99}, {"a": 0.99}, {"n": 0.99}, {"s": 0.99}]
    assert _resolve(["desc", "x", "x", "x", "x"], readings) == "Jeans"
    # Unsure between the two, the descender decides.
    readings[0] = {"J": 0.5, "j": 0.45}
    assert _resolve(["desc", "x", "x", "x", "x"], readings) == "jeans"


def test_letters_cased_by_height_follow_the_rest_of_their_word() -> None:
    # "JUMPS" written by hand, its M a little short: geometry alone makes it an m.
    readings = [{"J": 0.99}, {"u": 0.99}, {"M": 0.99}, {"P": 0.99}, {"S": 0.99}]
    assert _resolve(["cap", "cap", "x", "cap", "cap"], readings) == "JUMPS"
    # A capitalised word keeps its capital, and a letter whose shape shows its case keeps it ("McDonald").
    readings = [{"S": 0.99}, {"u": 0.99}, {"m": 0.99}, {"m": 0.99}, {"e": 0.99}, {"r": 0.99}]
    assert _resolve(["cap"] + ["x"] * 5, readings) == "Summer"
    readings = [{"M": 0.99}, {"c": 0.99}, {"D": 0.99}, {"o": 0.99}, {"n": 0.99}, {"a": 0.99}, {"l": 0.99}, {"d": 0.99}]
    assert _resolve(["cap", "x", "cap", "x", "x", "x", "cap", "cap"], readings) == "McDonald"


def test_a_letter_whose_shape_shows_its_case_follows_its_word_when_the_network_allows_the_other_case() -> None:
    # A hand's B in "ROBERT" read as a b that still has some B; with no B in it at all it stays as read.
    caps = ["cap"] * 6
    readings = [{"R": 0.99}, {"O": 0.99}, {"b": 0.9, "B": 0.09}, {"E": 0.99}, {"R": 0.99}, {"T": 0.99}]
    assert _resolve(caps, readings) == "ROBERT"
    readings[2] = {"b": 0.99}
    assert _resolve(caps, readings) == "RObERT"
    readings = [{"r": 0.99}, {"o": 0.99}, {"B": 0.8, "b": 0.19}, {"e": 0.99}, {"r": 0.99}, {"t": 0.99}]
    assert _resolve(["x", "x", "cap", "x", "x", "cap"], readings) == "robert"


def test_k_takes_its_case_from_its_word_alone() -> None:
    # EMNIST's k and K are one class and equally tall: a hand's K in "MARKET" often reads as a sure k.
    caps = ["cap"] * 6
    readings = [{"M": 0.99}, {"A": 0.99}, {"R": 0.99}, {"k": 0.99}, {"E": 0.99}, {"T": 0.99}]
    assert _resolve(caps, readings) == "MARKET"
    readings = [{"m": 0.99}, {"a": 0.99}, {"r": 0.99}, {"K": 0.99}, {"e": 0.99}, {"t": 0.99}]
    assert _resolve(["x", "x", "x", "cap", "x", "cap"], readings) == "market"


def test_a_letter_that_hesitates_between_cases_does_not_count_against_a_line_in_capitals() -> None:
    # "TABLE QUICK" by hand: U and C written small, the I a bare stroke, the K read k at 0.6 and K at 0.4.
    kinds = ["cap"] * 6 + ["x", "x", "x", "cap"]
    stroke = {"i": 0.35, "1": 0.3, "l": 0.25, "I": 0.05}
    readings = [{"T": 0.99}, {"A": 0.99}, {"B": 0.99}, {"L": 0.99}, {"E": 0.99}, {"Q": 0.99}, {"u": 0.99}, stroke,
                {"c": 0.99}, {"k": 0.6, "K": 0.4}]  # fmt: skip
    spaces = [False] * 5 + [True] + [False] * 4
    assert _resolve(kinds, readings, spaces) == "TABLE QUICK"


def test_a_comma_as_tall_as_the_letters_is_a_misread_stroke() -> None:
    # "LIGHT DATE" by hand: the I a short slanted stroke the network reads as a comma.
    kinds = ["cap"] * 9
    readings = [{"L": 0.99}, {",": 0.9, "1": 0.05, "i": 0.02}, {"G": 0.99}, {"H": 0.99}, {"T": 0.99}, {"D": 0.99},
                {"A": 0.99}, {"T": 0.99}, {"E": 0.99}]  # fmt: skip
    spaces = [False] * 5 + [True] + [False] * 3
    assert _resolve(kinds, readings, spaces) == "LIGHT DATE"
    # A real comma is short: "LIGHT, DATE" keeps it.
    readings.insert(5, {",": 0.9, "1": 0.05})
    assert _resolve([*kinds[:5], "comma", *kinds[5:]], readings, [*spaces[:5], False, *spaces[5:]]) == "LIGHT, DATE"


def test_a_period_before_a_word_of_small_letters_is_a_comma_whose_tail_blurred_away() -> None:
    # "on, so": the comma's tail lost, it sits on the baseline like a period.
    kinds = ["x", "x", "dot", "x", "x"]
    readings = [{"o": 0.99}, {"n": 0.99}, {".": 0.9, ",": 0.05}, {"n": 0.99}, {"o": 0.99}]
    spaces = [False, False, False, True, False]
    assert _resolve(kinds, readings, spaces) == "on, no"
    # Before a capital, a sentence begins: "on. No"; inside a number or after a period, a point stays.
    assert _resolve([*kinds[:3], "cap", "x"], [*readings[:3], {"N": 0.99}, {"o": 0.99}], spaces) == "on. No"
    readings[1] = {".": 0.9}
    assert _resolve(["x", "dot", *kinds[2:]], readings, spaces) == "o.. no"


def test_a_stroke_with_more_t_than_l_in_it_is_a_t_whose_bar_faded() -> None:
    # "total" in blurred print: both t's read as a 1 first, then t; the l as a 1 first, then l.
    t = {"1": 0.55, "t": 0.2, "l": 0.1, "i": 0.05}
    readings = [t, {"o": 0.99}, t, {"a": 0.99}, {"1": 0.6, "l": 0.3, "t": 0.02}]
    assert _resolve(["cap", "x", "cap", "x", "cap"], readings) == "total"


def test_a_line_in_capitals_has_its_height_cased_letters_in_capitals_too() -> None:
    # "HOUSE DATE" by hand, its U and S written small: the line's other letters are all capitals.
    kinds = ["cap", "cap", "x", "x", "cap", "cap", "cap", "cap", "cap"]
    readings = [{"H": 0.99}, {"O": 0.99}, {"U": 0.99}, {"S": 0.99}, {"E": 0.99}, {"D": 0.99}, {"A": 0.99}, {"T": 0.99},
                {"E": 0.99}]  # fmt: skip
    spaces = [False] * 5 + [True] + [False] * 3
    assert _resolve(kinds, readings, spaces) == "HOUSE DATE"
    # In a line of small letters, a capital stays where its height puts it.
    readings = [{"T": 0.99}, {"o": 0.99}, {"t": 0.99}, {"a": 0.99}, {"l": 0.99}]
    assert _resolve(["cap", "x", "cap", "x", "cap"], readings) == "Total"


def test_bare_strokes_in_a_line_of_capitals_are_capital_i_and_do_not_count_against_it() -> None:
    # "QUICK EVENING" by hand, both I's short bare strokes the network half reads as an undotted i: they show
    # no case, so the line is all capitals, and its small-looking C follows the line.
    stroke = {"i": 0.35, "1": 0.3, "l": 0.25, "I": 0.05}
    kinds = ["cap", "cap", "x", "x", "cap", "cap", "cap", "cap", "cap", "x", "cap", "cap"]
    readings = [{"Q": 0.99}, {"U": 0.99}, stroke, {"c": 0.99}, {"K": 0.99}, {"E": 0.99}, {"V": 0.99}, {"E": 0.99},
                {"N": 0.99}, stroke, {"N": 0.99}, {"G": 0.99}]  # fmt: skip
    spaces = [False] * 5 + [True] + [False] * 6
    assert _resolve(kinds, readings, spaces) == "QUICK EVENING"
    # A dotted i the network is sure of is no bare stroke: in a line of small letters it stays an i.
    readings = [{"l": 0.99}, {"i": 0.99}, {"n": 0.99}, {"e": 0.99}]
    assert _resolve(["cap", "x", "x", "x"], readings) == "line"


def test_a_tall_mark_floating_above_the_letters_is_an_apostrophe() -> None:
    # A serif font's apostrophe in "one's": taller than half the x-height, but wholly above its middle.
    tall_mark = Box(60, BASE - CAP, 4, 14)
    boxes = (_glyph("x", 0), _glyph("x", 20), _glyph("x", 40), tall_mark, _glyph("x", 70))
    probs = _probs({"o": 0.99}, {"n": 0.99}, {"e": 0.99}, {"1": 0.5, ",": 0.41}, {"s": 0.99})
    assert "".join(resolve_line(boxes, probs, CLASSES, [False] * 5)) == "one's"
    # A letter as tall, sitting on the baseline, stays a letter.
    boxes = (*boxes[:3], Box(60, BASE - 14, 4, 14), *boxes[4:])
    assert "".join(resolve_line(boxes, probs, CLASSES, [False] * 5)) != "one's"


def test_a_slanted_1_read_as_a_slash_inside_a_number_is_a_1_but_a_dates_slash_stays() -> None:
    digit = {"2": 0.99}
    slanted_one = {"/": 0.5, "l": 0.25, "1": 0.2}
    kinds = ["cap"] * 4
    assert _resolve(kinds, [digit, {"0": 0.99}, slanted_one, {"4": 0.99}]) == "2014"
    assert _resolve(kinds[:3], [digit, {"0": 0.99}, slanted_one]) == "201"  # at the end of the number too
    sure_slash = {"/": 0.9, "1": 0.05}
    assert _resolve(kinds, [{"1": 0.99}, digit, sure_slash, {"3": 0.99}]) == "12/3"
    # Opening or closing a number no date or fraction does: a little of a stroke is enough there.
    leaning_one = {"/": 0.85, "l": 0.07, "1": 0.06}
    assert _resolve(kinds, [leaning_one, {"7": 0.99}, {"4": 0.99}, {"4": 0.99}]) == "1744"
    assert _resolve(kinds, [digit, digit, {"8": 0.99}, leaning_one]) == "2281"
    assert _resolve(kinds, [digit, leaning_one, {"8": 0.99}, {"6": 0.99}]) == "2/86"  # inside: maybe a fraction
    assert _resolve(kinds[:3], [{"/": 0.97, "l": 0.02, "1": 0.01}, digit, digit]) == "/22"  # the network is sure


def test_a_letter_inside_a_number_is_its_best_digit_and_strokes_in_a_line_of_numbers_are_ones() -> None:
    nine, seven = {"9": 0.99}, {"7": 0.99}
    assert _resolve(["cap"] * 4, [nine, nine, {"Y": 0.8, "7": 0.15}, seven]) == "9977"
    # Opening a long number too; but not when the network gives no digit a chance.
    assert _resolve(["cap"] * 4, [{"b": 0.7, "6": 0.25}, {"5": 0.99}, seven, nine]) == "6579"
    assert _resolve(["cap"] * 3, [nine, {"K": 0.999}, seven]) == "9K7"
    # "21 11 2029": the middle token is two bare strokes, which go by the line of numbers.
    stroke = {"l": 0.6, "1": 0.35}
    kinds = ["cap"] * 8
    readings = [{"2": 0.99}, {"1": 0.99}, stroke, stroke, {"2": 0.99}, {"0": 0.99}, {"2": 0.99}, nine]
    spaces = [False, False, True, False, True, False, False, False]
    assert _resolve(kinds, readings, spaces) == "21 11 2029"


def test_a_digit_inside_a_word_is_its_best_letter() -> None:
    e, x, t, r = {"E": 0.99}, {"X": 0.99}, {"T": 0.99}, {"R": 0.99}
    seven = {"7": 0.8, "T": 0.15}  # a handwritten T with a short left arm
    assert _resolve(["cap"] * 4, [seven, e, x, t]) == "TEXT"  # opening a word of four
    assert _resolve(["cap"] * 5, [{"W": 0.99}, {"N": 0.99}, seven, e, r]) == "WNTER"  # between letters
    assert _resolve(["cap"] * 4, [t, e, x, seven]) == "TEXT"  # closing a word of four
    sure_seven = {"7": 0.995, "T": 0.003}  # a little for the T is enough between letters
    assert _resolve(["cap"] * 4, [{"S": 0.99}, {"A": 0.99}, sure_seven, {"I": 0.99}]) == "SATI"
    # Not when the network gives no letter a chance, nor opening a short word ("4TH").
    assert _resolve(["cap"] * 3, [e, {"7": 0.999}, x]) == "E7X"
    assert _resolve(["cap"] * 3, [{"4": 0.9, "H": 0.05}, t, {"H": 0.99}]) == "4TH"


def test_a_ligature_in_a_word_of_capitals_is_its_best_single_letter() -> None:
    # A hand's A read as the typeset "fl" (one glyph of two small letters): no capital word holds one.
    readings = [{"S": 0.9}, {"C": 0.9}, {"\ufb02": 0.6, "A": 0.3}, {"N": 0.9}]
    assert _resolve(["cap"] * 4, readings) == "SCAN"
    # Among small letters it stays (the reader writes it as its letters).
    readings = [{"\ufb02": 0.6, "A": 0.3}, {"o": 0.9}, {"o": 0.9}, {"r": 0.9}]
    assert _resolve(["cap", "x", "x", "x"], readings) == "\ufb02oor"


def test_a_period_inside_a_word_of_capitals_is_a_speck_but_abbreviation_points_stay() -> None:
    cap, dot = {"S": 0.9}, {".": 0.9}
    word = [cap, {"T": 0.9}, dot, {"A": 0.9}, {"T": 0.9}, {"I": 0.9}, {"O": 0.9}, {"N": 0.9}]
    assert _resolve(["cap", "cap", "dot", *["cap"] * 5], word) == "STATION"
    usa = [{"U": 0.9}, dot, cap, dot, {"A": 0.9}, dot]
    assert _resolve(["cap", "dot", "cap", "dot", "cap", "dot"], usa) == "U.S.A."
    # Lowercase print keeps its points: a file or web name.
    name = [{"a": 0.9}, {"b": 0.9}, dot, {"e": 0.9}, {"n": 0.9}]
    assert _resolve(["x", "x", "dot", "x", "x"], name) == "ab.en"


def test_strokes_the_network_finds_somewhat_a_slash_are_a_dates_slashes() -> None:
    # "14/07/2026" by hand: its slashes lean like its 1s and read as 1s, but keep some '/' that a 1 does not.
    slash_read_as_1 = {"1": 0.9, "/": 0.05, "l": 0.04}
    one = {"1": 0.99, "/": 0.0005}
    digits = {c: {c: 0.99} for c in "0123456789"}
    readings = [one, digits["4"], slash_read_as_1, digits["0"], digits["7"], slash_read_as_1, digits["2"],
                digits["0"], digits["2"], digits["6"]]  # fmt: skip
    assert _resolve(["cap"] * 10, readings) == "14/07/2026"
    # The same strokes where no date could stand (45 then 2345), and a number's own 1s, stay 1s.
    readings = [digits["4"], digits["5"], slash_read_as_1, digits["2"], digits["3"], digits["4"], digits["5"]]
    assert _resolve(["cap"] * 7, readings) == "4512345"
    readings = [digits["5"], digits["5"], one, one, digits["2"], one, digits["2"], digits["3"]]
    assert _resolve(["cap"] * 8, readings) == "55112123"
    # Without a year a date is as likely a number: a hand's 1 in 8104 can be as much a slash.
    readings = [digits["8"], {"1": 0.7, "/": 0.25}, digits["0"], digits["4"]]
    assert _resolve(["cap"] * 4, readings) == "8104"


def test_a_ligature_no_taller_than_the_small_letters_is_its_best_single_letter() -> None:
    # Small blurred print runs "um" together and the network reads ffl; a typeset ligature's f would reach the
    # ascenders. One that does is kept.
    readings = [{"s": 0.9}, {"\ufb04": 0.6, "m": 0.3}, {"m": 0.9}, {"e": 0.9}, {"r": 0.9}, {"h": 0.9}]
    assert _resolve(["x", "x", "x", "x", "x", "cap"], readings) == "smmerh"
    assert _resolve(["x", "cap", "x", "x", "x", "cap"], readings) == "s\ufb04merh"
