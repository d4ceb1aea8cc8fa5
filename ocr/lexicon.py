"""Words from a word list: a reading that is no word, whose glyphs' runner-up letters spell one, becomes it.

The network reads each glyph alone; a hand's L that it calls C, or a D it calls O, leaves "YELCOW" or
"INSIOE" where the page says YELLOW and INSIDE. When a word of letters is not in the list, every spelling
that changes at most MAX_CHANGES of its glyphs to a letter the network gave at least MIN_SHARE of its
probability is looked up, and the likeliest that is a word is taken. A word already in the list, a word with
digits or marks inside, and a word with no such spelling stay as read, so names, codes and other languages
keep their readings unless a likely runner-up spells an English word. First, a word gap that splits a word
("LETT ER") goes when the two halves, at least one of them no word, spell one together.
"""

from __future__ import annotations

import gzip
import itertools
import string
from pathlib import Path

import numpy as np

from models import MODEL_DIR
from models.charset import ligature_letters
from ocr.errors import UsageError
from ocr.readings import BARE_STROKES

ENGLISH = MODEL_DIR / "english-words.txt.gz"
MIN_LETTERS = 3  # two-letter words are too many and too alike to correct safely
MAX_CHANGES = 2
MIN_SHARE = 0.01  # a runner-up letter the network gave less than this is not a reading
# Digits the network may give a letter's shape; their probability counts for that letter.
DIGIT_LETTERS = {"0": "o", "1": "l", "5": "s", "2": "z", "|": "l"}
LETTERS = string.ascii_lowercase
ASCII_LETTERS = frozenset(string.ascii_letters)  # a ligature glyph (two letters) leaves its word as read
# A writer's I or l leaning as a slash is read '/' with 0.8-0.98 ("L/NE", "/NVOICE"); in a word it may only be
# read as i or l, with the probability of all the bare strokes, and the word is taken only if that spells one.
STROKES = frozenset("/|")
STROKE_PARTS = BARE_STROKES | STROKES | {"i"}  # a cut's part of these may be an i or an l
# Two glyphs the character boxer cut from one wide letter ("CARNERA", "SLIADOW", "VVINDOW"): a non-word whose
# pair, read as the one letter, spells a word becomes that word, the pair one glyph.
SPLIT_LETTERS = {"rn": "m", "ni": "m", "li": "h", "il": "h", "vv": "w", "cl": "d"}
# Letter pairs that touch in small or blurred print as a typeset ligature's letters do, and are read as that
# ligature ("Afler", "fiom", "leffers", "petifions"): in a non-word, the ligature glyph may be one of these.
LIGATURE_LOOKALIKES = {
    "ff": ("tt", "ft", "tf"),
    "fi": ("ft", "fr", "ti", "tt"),
    "fl": ("ft", "fr", "tl", "tt"),
    "ffi": ("tti", "fti", "ffr"),
    "ffl": ("ttl", "ftl", "fft"),
}


class LexiconError(UsageError):
    """The --lexicon value is neither a known word list nor a readable file of words."""


def load_lexicon(spec: str) -> frozenset[str] | None:
    """`english` (the shipped list), `none` (no word correction), or a UTF-8 text file of words, one per line
    (plain or gzip): the words, lower-cased."""
    if spec == "none":
        return None
    path = ENGLISH if spec == "english" else Path(spec)
    try:
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise LexiconError(f"--lexicon {spec}: cannot read a word list from {path} ({exc})") from None
    words = frozenset(w.strip().lower() for w in text.splitlines() if w.strip())
    if not words:
        raise LexiconError(f"--lexicon {spec}: {path} holds no words")
    return words


def letter_shares(rows: np.ndarray, classes: tuple[str, ...]) -> np.ndarray:
    """(glyphs, 26): the probability of each letter a-z whatever its case (EMNIST's merged classes split a
    letter's mass between cases arbitrarily), with look-alike digits counted for their letter."""
    fold = np.zeros((len(classes), len(LETTERS)))
    for i, label in enumerate(classes):
        letter = DIGIT_LETTERS.get(label, label.lower())
        if len(letter) == 1 and letter in LETTERS:
            fold[i, LETTERS.index(letter)] = 1.0
    return np.asarray(rows, np.float64).reshape(-1, len(classes)) @ fold


def letter_share(row: np.ndarray, classes: tuple[str, ...], letter: str) -> float:
    """The probability the network gave `letter` in either case (and its look-alike digit)."""
    return float(letter_shares(row, classes)[0, LETTERS.index(letter.lower())])


def part_share(row: np.ndarray, classes: tuple[str, ...], letter: str) -> float:
    """The probability the network gave a cut's part `letter` (`_cut_into_word`): for an i or l, that of every
    bare stroke, which the part's letter was taken from."""
    if letter.lower() not in "il":
        return letter_share(row, classes, letter)
    return _stroke_share(letter_shares(row, classes)[0])


def _correct_word(labels: list[str], shares: np.ndarray, words: frozenset[str]) -> list[str]:
    """`shares` holds the word's glyphs' letter_shares."""
    word = "".join(labels).lower()
    strokes = {k for k, c in enumerate(labels) if c in STROKES}
    if len(word) < MIN_LETTERS or word in words or not all(c in ASCII_LETTERS or c in STROKES for c in labels):
        return labels
    if len(strokes) > MAX_CHANGES or len(strokes) == len(labels):
        return labels
    current = [1.0 if k in strokes else max(float(share[LETTERS.index(c)]), 1e-6)
               for k, (share, c) in enumerate(zip(shares, word, strict=True))]  # fmt: skip
    runners = [_stroke_letters(share) if k in strokes else
               [(LETTERS[j], float(share[j])) for j in np.flatnonzero(share >= MIN_SHARE) if LETTERS[j] != c]
               for k, (share, c) in enumerate(zip(shares, word, strict=True))]  # fmt: skip
    best, best_score = labels, -np.inf
    for count in range(max(1, len(strokes)), MAX_CHANGES + 1):
        for places in itertools.combinations([k for k, r in enumerate(runners) if r], count):
            if not strokes <= set(places):
                continue  # a slash inside a word is never kept when the word is corrected
            for letters in itertools.product(*(runners[k] for k in places)):
                spelling = list(word)
                for k, (letter, _) in zip(places, letters, strict=True):
                    spelling[k] = letter
                score = sum(np.log(p / current[k]) for k, (_, p) in zip(places, letters, strict=True))
                if score > best_score and "".join(spelling) in words:
                    best_score = score
                    best = _cased(spelling, labels, list(places))
    return best


def _join_split_letter(labels: list[str], words: frozenset[str]) -> list[str]:
    """A non-word with two neighbouring glyphs that SPLIT_LETTERS reads as one letter spelling a word: the first
    becomes that letter (cased as any corrected letter is) and the second an empty label (no glyph of its own).
    The word joined must still have MIN_LETTERS ("SIL" is no "SH")."""
    word = "".join(labels).lower()
    if len(word) != len(labels) or len(word) <= MIN_LETTERS or word in words or not word.isalpha():
        return labels
    for k in range(len(word) - 1):
        letter = SPLIT_LETTERS.get(word[k : k + 2])
        joined = word[:k] + letter + word[k + 2 :] if letter else None
        if joined is not None and joined in words:
            cased = _cased(list(joined), labels[: k + 1] + labels[k + 2 :], [k])  # the pair cased as one letter
            return [*cased[: k + 1], "", *cased[k + 1 :]]
    return labels


def _cut_into_word(labels: list[str], cuts: list[tuple[str, ...] | None], words: frozenset[str]) -> list[str]:
    """A non-word of letters one of whose glyphs, read as the parts of its best cut (`cuts`, the parts' labels,
    None where there is no cut), spells a word of MIN_LETTERS or more: that glyph's label becomes the parts'
    letters (several characters: decode gives each part its own glyph), cased as any corrected letter is."""
    word = "".join(labels).lower()
    if len(word) != len(labels) or word in words or not word.isalpha():
        return labels
    for k, parts in enumerate(cuts):
        # A bare stroke among the parts may be an i as well as an l (a blurred i's dot is lost).
        readings = [("i", "l") if c in STROKE_PARTS else (DIGIT_LETTERS.get(c, c.lower()),) for c in parts or ()]
        for letters in map("".join, itertools.product(*readings)):
            spelling = word[:k] + letters + word[k + 1 :]
            if len(letters) < 2 or not letters.isalpha() or len(spelling) < MIN_LETTERS or spelling not in words:
                continue
            cased = _cased(list(spelling), [*labels[:k], *parts, *labels[k + 1 :]], list(range(k, k + len(parts))))
            return [*labels[:k], "".join(cased[k : k + len(parts)]), *labels[k + 1 :]]
    return labels


def _respell_ligature(labels: list[str], words: frozenset[str]) -> list[str]:
    """A non-word of letters with a glyph read as a ligature: that glyph's label becomes the first of its
    LIGATURE_LOOKALIKES that spells a word (in capitals when the word's other glyphs are)."""
    letters = [ligature_letters(label) for label in labels]
    word = "".join(letters).lower()
    if len(word) < MIN_LETTERS or word in words or not word.isascii() or not word.isalpha():
        return labels
    for k, glyph in enumerate(letters):
        for pair in LIGATURE_LOOKALIKES.get(glyph, ()):
            if "".join([*letters[:k], pair, *letters[k + 1 :]]).lower() in words:
                others = "".join(letters[:k] + letters[k + 1 :])
                return [*labels[:k], pair.upper() if others.isupper() else pair, *labels[k + 1 :]]
    return labels


def _stroke_letters(share: np.ndarray) -> list[tuple[str, float]]:
    """The letters a bare stroke read as a slash may be: i and l, each with all the bare strokes' share."""
    stroke = _stroke_share(share)
    return [("i", stroke), ("l", stroke)] if stroke >= MIN_SHARE else []


def _stroke_share(share: np.ndarray) -> float:
    """A bare stroke's share of a glyph's letter_shares: an i's and an l's together."""
    return float(share[LETTERS.index("i")] + share[LETTERS.index("l")])


def _cased(spelling: list[str], labels: list[str], changed: list[int]) -> list[str]:
    """The new spelling in the reading's case. A changed letter takes the case of the word's other letters
    when they agree (a hand's L read as a small c in "YELcOW" is a capital), else the case it was read in."""
    kept = [labels[k] for k in range(len(labels)) if k not in changed]
    out = []
    for k, (letter, old) in enumerate(zip(spelling, labels, strict=True)):
        if k not in changed:
            out.append(old)
        elif kept and all(c.isupper() for c in kept):
            out.append(letter.upper())
        elif k > 0 and kept and all(c.islower() for c in kept):
            out.append(letter)
        else:
            out.append(letter.upper() if old.isupper() else letter)
    return out


def _word_spans(labels: list[str], space_before: list[bool]) -> list[list[int]]:
    """Each word's letters and digits: the glyphs between word gaps, leading and trailing marks (quotes,
    brackets, a full stop, but not a slash or bar that may be a letter) and dropped specks (empty labels) aside."""
    starts = [k for k in range(len(labels)) if k == 0 or space_before[k]]
    spans = []
    for start, end in zip(starts, [*starts[1:], len(labels)], strict=True):
        core = [k for k in range(start, end) if labels[k]]
        while core and not (labels[core[0]].isalnum() or labels[core[0]] in STROKES):
            core.pop(0)
        while core and not (labels[core[-1]].isalnum() or labels[core[-1]] in STROKES):
            core.pop()
        spans.append(core)
    return spans


def _join_split_words(labels: list[str], space_before: list[bool], words: frozenset[str]) -> list[bool]:
    """Word gaps without the ones that split a word: two neighbours of letters, at least one no word, that
    together spell one ("LETT ER", "I nvoice") and have no mark between them."""
    flags = list(space_before)
    spans = _word_spans(labels, flags)
    for left, right in itertools.pairwise(spans):
        if not left or not right or right[0] != left[-1] + 1:
            continue  # a mark or speck between them, or an empty word
        first, second = ("".join(labels[k] for k in span) for span in (left, right))
        if not (first.isalpha() and second.isalpha()) or (first.lower() in words and second.lower() in words):
            continue
        if (first + second).lower() in words:
            flags[right[0]] = False
    return flags


def correct_words(
    labels: list[str],
    rows: np.ndarray,
    classes: tuple[str, ...],
    space_before: list[bool],
    words: frozenset[str],
    cuts: list[tuple[str, ...] | None] | None = None,
) -> tuple[list[str], list[bool]]:
    """The labels and word gaps of one line: a word split by a gap joined, then each non-word corrected where
    its runner-up letters spell a word, or else where a glyph read whole spells one read as its cut's parts
    (`cuts`, per glyph; its label then holds several letters), or else where two of its glyphs read as one
    letter do (the second glyph's label is then empty: it is part of the first), or else where a glyph read as
    a ligature spells one as letters that look like it (LIGATURE_LOOKALIKES)."""
    flags = _join_split_words(labels, space_before, words)
    shares = letter_shares(rows, classes)
    cuts = cuts or [None] * len(labels)
    out = list(labels)
    for core in _word_spans(labels, flags):
        read = [labels[k] for k in core]
        fixed = _correct_word(read, shares[core], words)
        fixed = _cut_into_word(read, [cuts[k] for k in core], words) if fixed == read else fixed
        fixed = _join_split_letter(fixed, words) if fixed == read else fixed
        fixed = _respell_ligature(fixed, words) if fixed == read else fixed
        for k, label in zip(core, fixed, strict=True):
            out[k] = label
    return out, flags
