"""Digits among letters and letters among digits: a token's glyphs settled by what most of it is.

A written 0 and O, 1 and l, 5 and S are one shape; the word around a glyph says which it is ("STA7ION", "2O26").
A bare stroke in a word of small letters is an l, an i whose dot was lost, a capital I or a t whose bar faded.
"""

from __future__ import annotations

import numpy as np

from ocr.readings import BARE_STROKES, mass

# Look-alikes across digits and letters, used when the word around a glyph says which kind it is.
TO_DIGIT = {"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "s": "5", "Z": "2", "z": "2", "B": "8",
            "g": "9", "q": "9"}  # fmt: skip
TO_LETTER = {"0": "O", "1": "l", "5": "S", "8": "B", "2": "Z"}
# A letter inside a number becomes its best digit when that digit has at least this much probability (a hand's
# 1 read as U keeps a few thousandths for the 1; 0.01 left 4 more errors on 70 pages of handwritten numbers); a
# digit inside a word its best letter with at least LETTER_EVIDENCE (a T read as 7 keeps 0.003 for the T, and
# in "STA7ION" any letter is likelier than a digit).
DIGIT_EVIDENCE = 0.001
LETTER_EVIDENCE = 0.001
# Below this much probability for l and i together, a tall bare stroke in a small word is an l.
SMALL_STROKE_EVIDENCE = 0.1
# A bare stroke in a word of small letters is a t when the network gives t this much and more than l or i (a
# blurred serif t whose cross-bar faded reads 1 first, t second). 0.05 read generated pages the same.
STROKE_AS_T = 0.1
# Letters that follow a capital I but never an l at the start of an English word.
WORD_START_AFTER_I = frozenset("bcdfghjkmnpqrstvwxz")
# What may follow a number of bare strokes read as 1s: a unit or an ordinal's ending.
# fmt: off
UNITS = frozenset({"st", "nd", "rd", "th", "am", "pm", "g", "kg", "mg", "m", "km", "cm", "mm", "ml", "l", "h", "s",
                   "min", "ft", "in", "lb", "lbs", "mph", "x", "k"})
# fmt: on
# Labels that say nothing about whether a word is a number (a written 2 is more often a 2 than a Z).
AMBIGUOUS = frozenset(TO_DIGIT) | frozenset("0158")


def token_kind(labels: list[str]) -> str | None:
    digits = sum(c.isdigit() for c in labels if c not in AMBIGUOUS)
    letters = sum(c.isalpha() for c in labels if c not in AMBIGUOUS)
    if digits > letters:
        return "digits"
    if letters > digits:
        return "letters"
    return None


def fix_token(
    labels: list[str], rows: np.ndarray, index: dict[str, int], short: list[bool], line_kind: str | None
) -> list[str]:
    """Digits in a word become their look-alike letters, letters in a number their look-alike digits.

    `short` says which glyphs reach no higher than the line's small letters; `line_kind` is what most of the
    line is, for a token too short to say: a lone bare stroke is the word I among words, 1 among numbers.
    """
    kind = token_kind(labels)
    if kind is None and (all(c in BARE_STROKES for c in labels) or len(labels) == 1):
        kind = line_kind  # "1", "11", a lone O or q: strokes and look-alikes alone go by their line
    if len(labels) == 1 and labels[0].isalpha() and line_kind == "digits" and labels[0].lower() not in UNITS:
        kind = line_kind  # a lone letter among numbers (a hand's 4 read Y, 6 read G), but for a unit ("5 x 3")
    if kind is None:  # only look-alikes: go by what the network read them as ("Os1o", "10"), then by the line
        digits, letters = sum(c.isdigit() for c in labels), sum(c.isalpha() for c in labels)
        kind = "digits" if digits > letters else "letters" if letters > digits else line_kind
    if kind == "digits":
        return _digits_of(labels, rows, index)
    if kind == "letters":
        # A number with a unit ("500g", "12kg", "2nd"): the leading digits the network read stay digits.
        lead = next((k for k, c in enumerate(labels) if not c.isdigit()), len(labels))
        number = lead if lead >= 2 and _a_number(labels[:lead], labels[lead:]) else 0
        fixed = labels[:number] + _letters_of([TO_LETTER.get(c, c) for c in labels[number:]], rows[number:], index)
        caps = sum(c.isupper() for c in fixed if c.isalpha() and c not in "Il")
        lower = sum(c.islower() for c in fixed if c.isalpha() and c not in "Il")
        # l and I are one shape: a capital in an all-caps word or alone, a small l among small letters.
        upper_word = caps > lower or len(fixed) == 1
        return [
            c if c not in "Il|" else "I" if upper_word else _small_stroke(fixed, k, rows[k], index, short[k])
            for k, c in enumerate(fixed)
        ]
    return labels


def _a_number(lead: list[str], rest: list[str]) -> bool:
    """Whether leading digits are a number before its unit: bare strokes read as 1s ("11ght", a blurred "li")
    only before a unit or an ordinal ("11th", "11am")."""
    return any(c != "1" for c in lead) or "".join(rest).lower() in UNITS


def _digits_of(labels: list[str], rows: np.ndarray, index: dict[str, int]) -> list[str]:
    """A number's glyphs as digits: look-alike letters by the table, any other letter by the digit the network
    ranks highest for it when that has DIGIT_EVIDENCE ("99Y7", "0D68", "Yb8741" for 468741, "2795U"). Letters
    that end it and spell a unit ("12kg", "3rd") stay, unless they are all look-alikes ("20l" is 201)."""
    end = len(labels)
    while end > 0 and labels[end - 1].isalpha():
        end -= 1
    unit = labels[end:]
    if "".join(unit).lower() not in UNITS or all(c in TO_DIGIT for c in unit):
        end = len(labels)
    digits = [c for c in index if c.isdigit()]
    out = [TO_DIGIT.get(c, c) for c in labels[:end]]
    out = [_likeliest(digits, rows[k], index, DIGIT_EVIDENCE, c) if c.isalpha() else c for k, c in enumerate(out)]
    return out + labels[end:]


def _letters_of(labels: list[str], rows: np.ndarray, index: dict[str, int]) -> list[str]:
    """A word's glyphs as letters: a digit standing between letters (or opening or closing a word of four or
    more whose other glyphs are letters) by the letter the network ranks highest for it ("WIN7ER", "TEX7")."""
    letters = [c for c in index if c.isalpha()]
    out, n = list(labels), len(labels)
    for k, c in enumerate(out):
        inside = 0 < k < n - 1 and out[k - 1].isalpha() and out[k + 1].isalpha()
        at_an_end = n >= 4 and k in (0, n - 1) and all(d.isalpha() for j, d in enumerate(out) if j != k)
        if c.isdigit() and (inside or at_an_end):
            out[k] = _likeliest(letters, rows[k], index, LETTER_EVIDENCE, c)
    return out


def _likeliest(choices: list[str], row: np.ndarray, index: dict[str, int], evidence: float, label: str) -> str:
    """The choice the network ranks highest for a glyph when it has at least `evidence`, else its `label`."""
    if not choices:
        return label
    best = max(choices, key=lambda c: row[index[c]])
    return best if row[index[best]] >= evidence else label


def _small_stroke(word: list[str], k: int, row: np.ndarray, index: dict[str, int], is_short: bool) -> str:
    """The bare stroke word[k] in a word of small letters: l, i (EMNIST's "I" is i or I) or a capital I.

    One only as tall as the small letters is an i whose dot was never written or got lost. One that starts a
    word before a consonant is a capital I ("In", "It", "Invoice"): English words do not start with l and a
    consonant other than l or y. Otherwise the network decides between l and i.
    """
    small = [c for c in "li" if c in index]
    if not small:
        return "I"
    if is_short and "i" in index:
        return "i"
    if k == 0 and len(word) > 1 and word[1] in WORD_START_AFTER_I:
        return "I"
    if "t" in index and row[index["t"]] >= STROKE_AS_T and all(row[index["t"]] > row[index[s]] for s in small):
        return "t"  # a blurred t whose cross-bar faded: the network still sees more t in it than l or i
    if mass(row, "li", index) < SMALL_STROKE_EVIDENCE:
        return "l" if "l" in index else small[0]  # read as a 1 or I: a stroke without a dot, as tall as an l
    return max(small, key=lambda s: row[index[s]])
