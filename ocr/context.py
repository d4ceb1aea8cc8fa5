"""Choosing between readings the network cannot tell apart, from where a glyph sits in its line and word.

The network sees each glyph alone, cropped and scaled to 24x24, so c/C, o/O, s/S ... (and, in handwriting,
k/K, p/P, y/Y ...) look the same to it, as do comma and apostrophe, and 0/O or 1/l/I nearly so. The line
knows more: its baseline, its x-height and its cap height. So does the word: digits keep company with digits.

`resolve_line` takes the network's probabilities of one line and returns the chosen label of each glyph.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np

from models.charset import LIGATURES
from ocr.case import capitals_line, follow_the_words_case, small_letters_line
from ocr.descenders import hanging_letters
from ocr.line_geometry import LineMetrics, level_boxes, line_metrics
from ocr.readings import (
    BARE_STROKES,
    DESCENDER_ALIKE,
    LOW_MARKS,
    X_HEIGHT_ALIKE,
    best_alnum,
    mass,
)
from ocr.tokens import fix_token, token_kind
from segmentation.types import Box

# ... of which the network tells j from J by the dot: its reading stands when it is sure (over half the
# probability, and this share of the pair's).
DOTTED = frozenset("j")
DOT_DECIDES = 0.9
SMALL_MARKS = ".,'-"
TALL_MARK = 0.8  # a period or comma at least this many x-heights tall is a misread letter
ROUND_DOT = 1.2  # a mark at most this many times as tall as wide is round: a period, though it sits low
# A mark whose bottom is this many x-heights above the baseline floats above every letter's body.
HIGH_MARK_FLOAT = 0.6
# A '/' in a word is an italic stroke when the network gives the bare strokes at least this much probability.
SLASH_AS_STROKE = 0.08
# A '/' after a digit is a slanted 1 when the bare strokes have at least this much of its probability; one that
# opens or closes a number ("/744", "228/": no date or fraction does) with at least SLASH_AT_EDGE_AS_ONE.
SLASH_AS_ONE = 0.3
SLASH_AT_EDGE_AS_ONE = 0.05
# A bare stroke in a number is a date's slash when the network gives '/' at least this much (a hand's 1 gets
# 0.002 or less, its slash 0.01-0.1 once the line is sheared upright, 0.4-0.9 on an upright line).
SLASH_IN_DATE = 0.005


def _is_lowercase_size(box: Box, m: LineMetrics) -> bool | None:
    """Whether a case-alike glyph is x-height sized; None when the line gives nothing to compare with."""
    height = m.baseline - box.y
    if m.x_top is not None and m.cap_top is not None:
        return height < ((m.baseline - m.x_top) + (m.baseline - m.cap_top)) / 2
    if m.cap_top is not None:
        return height < 0.84 * (m.baseline - m.cap_top)
    if m.x_top is not None:
        return height < 1.2 * (m.baseline - m.x_top)
    return None


def _small_mark(box: Box, m: LineMetrics, probs: np.ndarray, index: dict[str, int]) -> str:
    """Period, comma, apostrophe or hyphen from position against the baseline and x-height."""
    xh = m.x_height
    centre = box.y + box.h / 2
    if box.w > 1.6 * box.h and abs(centre - (m.baseline - xh / 2)) < 0.35 * xh:
        return "-"  # a flat bar at the middle of the small letters, even one whose bottom clears their middle
    if box.bottom < m.baseline - 0.45 * xh:  # floats high: apostrophe, or a quote or asterisk if the network says so
        marks = [c for c in ("'", '"', "*") if c in index]
        return max(marks, key=lambda c: probs[index[c]]) if marks else "'"
    if box.bottom > m.baseline + 0.12 * xh and not _a_round_dot(box, probs, index):
        return ","
    return "."


def _a_round_dot(box: Box, probs: np.ndarray, index: dict[str, int]) -> bool:
    """A mark no taller than wide that the network reads as a period rather than a comma: a full stop a
    curled line or a blurred baseline left a little low (a comma's tail makes it taller than wide)."""
    period = probs[index["."]] if "." in index else 0.0
    comma = probs[index[","]] if "," in index else 0.0
    return box.h <= ROUND_DOT * box.w and period > comma


def _commas_before_small_words(labels: list[str], space_before: list[bool], index: dict[str, int]) -> None:
    """A period after a word, before a word that begins with a small letter, is a comma: no sentence begins so,
    and blur takes a small comma's tail, which is all that tells it from a period ("baker. who")."""
    if "," not in index:
        return
    for k in range(1, len(labels) - 1):
        after = labels[k + 1]
        if labels[k] == "." and labels[k - 1].isalpha() and space_before[k + 1] and after.isalpha() and after.islower():
            labels[k] = ","


def _is_small(box: Box, m: LineMetrics) -> bool:
    """A mark rather than a letter: under half the x-height, or a narrow stroke up to the x-height tall that
    floats wholly above the middle of the x-height (a serif font's tall apostrophe; no letter hangs there)."""
    xh = m.x_height
    floating = box.bottom < m.baseline - HIGH_MARK_FLOAT * xh and box.h < xh
    return (box.h < 0.5 * xh or floating) and box.w < 0.8 * xh


def _case_by_geometry(
    label: str, box: Box, m: LineMetrics, index: dict[str, int], probs: np.ndarray | None = None
) -> str:
    low, up = label.lower(), label.upper()
    if low not in index or up not in index or low == up:
        return label
    if low in X_HEIGHT_ALIKE:
        lower = _is_lowercase_size(box, m)
        return label if lower is None else (low if lower else up)
    if low in DOTTED and probs is not None:
        # The dot tells j from J wherever a font hangs its J: a reading the network is sure of stands.
        p_low, p_up = float(probs[index[low]]), float(probs[index[up]])
        if max(p_low, p_up) >= max(DOT_DECIDES * (p_low + p_up), 0.5):
            return low if p_low > p_up else up
    if low in DESCENDER_ALIKE:
        return low if box.bottom > m.baseline + 0.15 * m.x_height else up
    return label


def _marks_inside_words(labels: list[str], start: int, end: int) -> list[int]:
    """Positions in labels[start:end] of marks that cannot stand where they are, so are misread letters.

    A bracket between two letters or digits whose partner is not in the token ("word(s)" keeps its brackets,
    but a lone ")" inside a word is often a dotless j), ; : ! between two letters (a dotted i reads as
    any of them; "10:30" and "http://" keep theirs), and a + anywhere in a word of two or more small letters
    and no digits (a hand's t; "C++" and "A+B" keep theirs).
    """
    token = labels[start:end]
    found = []
    for k in range(start + 1, end - 1):
        mark, before, after = labels[k], labels[k - 1], labels[k + 1]
        if mark in "()" and before.isalnum() and after.isalnum():
            if ("(" if mark == ")" else ")") not in token:
                found.append(k)
        elif mark in ";:!" and before.isalpha() and after.isalpha():
            found.append(k)
    letters = [c for c in token if c.isalpha()]
    if not any(c.isdigit() for c in token) and sum(c.islower() for c in letters) >= max(2, len(letters) - 1):
        found += [k for k in range(start, end) if labels[k] == "+"]
    return found


def _specks_in_words(labels: list[str], start: int, end: int) -> list[int]:
    """Positions of marks inside words that are specks or stray pieces of strokes. A double quote between two
    letters: no word holds one (a t's cross-bar reaching past its stem, cut off, reads as one). And a period
    inside a word of capitals, not an abbreviation point: it stands between two letters and beside a run of two
    or more ("ST.ATION", "QUIC.K"; "U.S.A" keeps its points). Paper grain and pen skips as large as a fine pen's
    dot fall inside handwritten words; lowercase print keeps its points ("example.com")."""
    token = labels[start:end]
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) > sum(c.islower() for c in letters)
    found = []
    for k in range(1, len(token) - 1):
        if token[k] not in '."' or not (token[k - 1].isalpha() and token[k + 1].isalpha()):
            continue
        if token[k] == '"' or (capitals and max(_letters_run(reversed(token[:k])), _letters_run(token[k + 1 :])) >= 2):
            found.append(start + k)
    return found


def _letters_run(labels: Iterable[str]) -> int:
    """How many letters the labels start with."""
    return sum(1 for _ in itertools.takewhile(str.isalpha, labels))


def _slashes_in_words(labels: list[str], probs: np.ndarray, index: dict[str, int], start: int, end: int) -> list[int]:
    """Positions of '/' opening or inside a word of letters that the network finds nearly as much a bare
    stroke: an italic I or l ("R/VER"); and of '/' after a digit, inside or ending a number, that it finds
    a third a stroke: a slanted handwritten 1 ("20/4" for 2014), or a twentieth where it opens or closes a
    number ("/744" for 1744). A true slash between words ("and/or") or in a date, which the network is sure of,
    is left."""

    def stroke(k: int, level: float) -> bool:
        return mass(probs[k], BARE_STROKES, index) >= level

    in_word = [
        k
        for k in range(start, end - 1)
        if labels[k] == "/"
        and labels[k + 1].isalpha()
        and (k == start or labels[k - 1].isalpha())
        and stroke(k, SLASH_AS_STROKE)
    ]
    in_number = [
        k
        for k in range(start + 1, end)
        if labels[k] == "/"
        and labels[k - 1].isdigit()
        and (k == end - 1 or labels[k + 1].isdigit())
        and stroke(k, SLASH_AS_ONE)
    ]
    number = end - start >= 3 and sum(labels[k] == "/" for k in range(start, end)) == 1
    number = number and all(labels[k].isdigit() or labels[k] == "/" for k in range(start, end))
    at_edge = [k for k in (start, end - 1) if number and labels[k] == "/" and stroke(k, SLASH_AT_EDGE_AS_ONE)]
    return in_word + sorted(set(in_number) | set(at_edge))


def _date_slashes(labels: list[str], probs: np.ndarray, index: dict[str, int], start: int, end: int) -> list[int]:
    """Positions of bare strokes in a token of digits that are the slashes of a date: a hand's slash leans like
    a hand's 1, and the network reads most of them as 1s ("14/07/2026" as "1410712026"), yet gives them far more
    of '/' than it gives a 1 (0.01-0.1 against 0.002 or less). Taken as slashes only where every one of them has
    SLASH_IN_DATE and they split the token as a date does: day and month (either order, 1-31 and 1-12) and a
    year of 2 or 4 digits. Not without the year: a hand's 1 in a 4-digit number can be as much a slash (8104
    read 8/04 with '/' at 0.1 and more), and a slanted 1 the network read as '/' is a 1 in "2014"."""
    if "/" not in index:
        return []
    token = labels[start:end]
    if not 4 <= len(token) <= 10 or not all(c.isdigit() or c in BARE_STROKES or c == "/" for c in token):
        return []
    slash = index["/"]
    able = [k for k in range(len(token)) if token[k] == "/"
            or (token[k] in BARE_STROKES and probs[start + k][slash] >= SLASH_IN_DATE)]  # fmt: skip
    digits = "".join("1" if c in BARE_STROKES else c for c in token)  # a stroke left uncut is a 1
    best: tuple[float, list[int]] = (-np.inf, [])
    for cuts in itertools.combinations(able, 2):
        groups = [digits[a + 1 : b] for a, b in itertools.pairwise([-1, *cuts, len(token)])]
        if any(token[k] == "/" for k in range(len(token)) if k not in cuts) or not _is_date(groups):
            continue
        score = float(sum(np.log(probs[start + k][slash]) for k in cuts))
        if score > best[0]:
            best = (score, [start + k for k in cuts if token[k] != "/"])
    return best[1]


def _is_date(groups: list[str]) -> bool:
    """Whether three digit groups read as day and month (either order) and a year of 2 or 4 digits."""
    if len(groups) != 3 or not all(g.isdigit() for g in groups):
        return False
    if not all(1 <= len(g) <= 2 for g in groups[:2]) or len(groups[2]) not in (2, 4):
        return False
    first, second = int(groups[0]), int(groups[1])
    return min(first, second) >= 1 and max(first, second) <= 31 and min(first, second) <= 12


def resolve_line(
    boxes: tuple[Box, ...], probs: np.ndarray, classes: tuple[str, ...], space_before: list[bool]
) -> list[str]:
    """The label of every glyph of a line: the network's choice, settled by line geometry and word context; an
    empty label for a speck to drop (a period inside a word of capitals)."""
    index = {c: i for i, c in enumerate(classes)}
    labels = [classes[i] for i in probs.argmax(axis=1)]
    boxes = level_boxes(boxes, labels)
    metrics = line_metrics(boxes, labels)
    has_marks = any(c in index for c in SMALL_MARKS)
    for k, box in enumerate(boxes):
        if labels[k] in LOW_MARKS and box.h >= TALL_MARK * metrics.x_height:
            # A period or comma as tall as the small letters is a stroke (a hand's short I) the network misread.
            labels[k] = best_alnum(probs[k], index)
        if has_marks and (labels[k] in SMALL_MARKS or _is_small(box, metrics)):
            labels[k] = _small_mark(box, metrics, probs[k], index)
        else:
            if labels[k] in LIGATURES and _is_lowercase_size(box, metrics) is True:
                # Every typeset ligature begins with an f, which reaches the ascenders: one no taller than the
                # small letters is two of them run together by blur ("um" read as ffl in small print).
                labels[k] = best_alnum(probs[k], index, ligatures=False)
            labels[k] = _case_by_geometry(labels[k], box, metrics, index, probs[k])
    line_kind = token_kind([c for c in labels if c.isalnum()])
    start, tokens = 0, []
    for end in range(1, len(labels) + 1):
        if end < len(labels) and not space_before[end]:
            continue
        for k in _marks_inside_words(labels, start, end) + _slashes_in_words(labels, probs, index, start, end):
            best = best_alnum(probs[k], index)
            labels[k] = _case_by_geometry(best, boxes[k], metrics, index, probs[k])
        for k in _date_slashes(labels, probs, index, start, end):
            labels[k] = "/"
        core = [k for k in range(start, end) if labels[k].isalnum()]
        short = [_is_lowercase_size(boxes[k], metrics) is True for k in core]
        fixed = fix_token([labels[k] for k in core], probs[core], index, short, line_kind)
        for k, label in zip(core, fixed, strict=True):
            if label != labels[k] and label in index:  # a look-alike swap: settle its case by geometry too
                labels[k] = _case_by_geometry(label, boxes[k], metrics, index, probs[k])
        follow_the_words_case(labels, [k for k in range(start, end) if labels[k].isalpha()], probs, index)
        tokens.append((start, end))
        start = end
    hanging_letters(labels, boxes, metrics, probs, index)
    capitals_line(labels, probs, index)
    small_letters_line(labels, probs, index, tokens)
    _commas_before_small_words(labels, space_before, index)
    for k in [k for start, end in tokens for k in _specks_in_words(labels, start, end)]:
        labels[k] = ""  # dropped from the reading
    return labels
