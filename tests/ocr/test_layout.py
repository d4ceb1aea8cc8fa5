from ocr.layout import attach_marks, find_word_gaps
from segmentation.types import Box


def _line(xs_widths: list[tuple[int, int]], h: int = 30) -> tuple[Box, ...]:
    return tuple(Box(x, 10, w, h) for x, w in xs_widths)


def _from_gaps(gaps: list[int], w: int = 20, h: int = 30) -> tuple[Box, ...]:
    x, boxes = 0, []
    for gap in [0, *gaps]:
        x += gap
        boxes.append(Box(x, 10, w, h))
        x += w
    return tuple(boxes)


def test_two_gap_families_split_into_words() -> None:
    # "ab cde fg": letter gaps 3-5 px, word gaps 18-20 px
    (flags,) = find_word_gaps([_from_gaps([4, 19, 3, 5, 18, 4])])
    assert flags == [False, False, True, False, False, True, False]


def test_evenly_spaced_letters_get_no_spaces_even_when_wide() -> None:
    # Wide but even spacing (letters written apart, like an alphabet line) is not a word boundary.
    (flags,) = find_word_gaps([_from_gaps([35, 36, 47, 56, 52, 40, 43, 60, 49])])
    assert not any(flags)


def test_a_short_line_borrows_the_pages_threshold_in_glyph_heights() -> None:
    long_line = _from_gaps([4, 19, 3, 5, 18, 4, 3])  # threshold ~11 px at height 30
    short_twice = _from_gaps([8, 45], w=40, h=60)  # same writing at double size: 8 is a letter gap, 45 a word gap
    _, flags = find_word_gaps([long_line, short_twice])
    assert flags == [False, False, True]


def test_no_lines_and_single_glyph_lines() -> None:
    assert find_word_gaps([]) == []
    assert find_word_gaps([_line([(0, 10)])]) == [[False]]


def test_a_page_of_short_lines_pools_its_gaps() -> None:
    flags = find_word_gaps([_from_gaps([5, 25, 6]), _from_gaps([4, 7])])  # "AB CD" and "EFG"
    assert flags == [[False, False, True, False], [False, False, False]]


def test_a_photo_of_one_line_splits_its_words_though_one_gap_falls_between_the_families() -> None:
    # "This is a lot of 12 point text": letter gaps 1-5, word gaps 10-14, and one word gap of 7 (a narrow letter's
    # side bearing) that blurs the jump; no other line to borrow a threshold from.
    gaps = [2, 3, 12, 1, 11, 7, 2, 3, 10, 1, 4, 2, 13, 2, 2, 5, 3, 2, 14, 3, 2, 1]
    (flags,) = find_word_gaps([_from_gaps(gaps)])
    assert all(flags[k + 1] for k, g in enumerate(gaps) if g >= 10)
    assert not any(flags[k + 1] for k, g in enumerate(gaps) if g <= 5)


def test_few_gaps_split_at_the_wider_jump_between_letters_and_words() -> None:
    # "of file format." read enlarged: letter gaps of 3 and 6 pixels and of 9 and 12 separate as well as the
    # letters from the word gaps of 24 and 30, but the jump to the words is the wider one.
    gaps = [3, 24, 3, 12, 9, 30, 12, 6, 9, 6]
    (flags,) = find_word_gaps([_from_gaps(gaps)])
    assert [k for k, flag in enumerate(flags) if flag] == [2, 6]


def test_a_speck_far_beyond_the_lines_end_does_not_take_its_word_spaces() -> None:
    # The jump to the speck's gap (20 to 90) is the widest of all, but one gap alone is no family of word gaps.
    gaps = [4, 5, 5, 15, 6, 7, 7, 19, 5, 6, 20, 7, 8, 9, 90]
    (flags,) = find_word_gaps([_from_gaps(gaps)])
    assert [k for k, flag in enumerate(flags) if flag] == [k + 1 for k, g in enumerate(gaps) if g >= 15]


def test_one_odd_narrow_gap_does_not_make_every_other_gap_a_space() -> None:
    # Letters written far apart, two of them nearly touching: still one word.
    (flags,) = find_word_gaps([_from_gaps([20, 47, 61, 37, 10, 44, 36, 28, 38, 26], w=40, h=60)])
    assert not any(flags)


def _digits(text: str, pitch: int = 20, digit_w: int = 16, one_w: int = 2, word_gap: int = 12) -> tuple[Box, ...]:
    """Fixed-width digits as most fonts set them: every digit has the same advance, a 1 is a thin stroke in
    the middle of it; a space adds `word_gap`."""
    x, boxes = 0, []
    for c in text:
        if c == " ":
            x += word_gap
            continue
        w = one_w if c in "1l" else digit_w
        boxes.append(Box(x + (pitch - w) // 2, 10, w, 30))
        x += pitch
    return tuple(boxes)


def test_a_fixed_width_one_does_not_open_a_space() -> None:
    text = "2345 12 678 2019 4690 81"
    boxes = _digits(text)
    labels = [c for c in text if c != " "]
    without = "".join((" " if s else "") + c for s, c in zip(find_word_gaps([boxes])[0], labels, strict=True))
    assert without != text  # the margins of each 1 look like spaces to the box gaps alone
    (flags,) = find_word_gaps([boxes], [labels])
    assert "".join((" " if s else "") + c for s, c in zip(flags, labels, strict=True)) == text


def test_a_word_ending_in_l_keeps_its_space_before_a_number() -> None:
    # "all 2": the l belongs to a word, so its margins are its own and the space stays.
    boxes = (Box(0, 10, 16, 30), Box(18, 10, 4, 30), Box(24, 10, 4, 30), Box(40, 10, 16, 30), Box(58, 10, 16, 30))
    labels = ["a", "l", "l", "2", "3"]
    assert find_word_gaps([boxes], [labels])[0] == [False, False, False, True, False]


def _text(flags: list[bool], labels: list[str]) -> str:
    return "".join((" " if s else "") + c for s, c in zip(flags, labels, strict=True))


def test_a_run_of_ones_inside_a_number_opens_no_space() -> None:
    # "ate 1112": letters set 1 px apart, digits on a 20 px pitch, so 1s sit 14 px apart, like the word gap.
    letters = "ate"
    boxes = [Box(i * 17, 10, 16, 22) for i in range(len(letters))]
    x = boxes[-1].right + 14
    boxes += [Box(x + k * 20 + 6, 10, 4, 22) for k in range(3)] + [Box(x + 60, 10, 16, 22)]
    labels = [*letters, "1", "1", "1", "2"]
    assert _text(find_word_gaps([tuple(boxes)])[0], labels) != "ate 1112"  # the box gaps alone split it
    assert _text(find_word_gaps([tuple(boxes)], [labels])[0], labels) == "ate 1112"


def test_digits_set_looser_than_the_letters_stay_one_number() -> None:
    # Letters 1 px apart, the digits of "7280" 5 px apart: a quarter of their height, no word space.
    words = [("shadow", 1), ("invoice", 1), ("7280", 5)]
    boxes, labels, x = [], [], 0
    for word, gap in words:
        for c in word:
            boxes.append(Box(x, 10, 14, 22))
            labels.append(c)
            x += 14 + gap
        x += 14 - gap
    assert _text(find_word_gaps([tuple(boxes)], [labels])[0], labels) == "shadow invoice 7280"


def test_a_loosely_set_line_whose_letter_gaps_split_takes_the_pages_threshold() -> None:
    # Gaps of 2-4 and 6-9 px inside words would make two families on their own; the page's other lines put
    # their word spaces near 14 px, so the loose line's 17 px gap is its only space.
    loose = _from_gaps([3, 9, 4, 7, 17, 4, 6, 2, 6, 4], h=25)
    alone = find_word_gaps([loose])[0]
    assert sum(alone) > 1  # left to itself the line splits its letters
    page = [_from_gaps([5, 4, 14, 3, 5, 4, 15, 4, 3, 5], h=25) for _ in range(3)]
    flags = find_word_gaps([loose, *page])[0]
    assert [k for k, f in enumerate(flags) if f] == [5]


def test_the_wider_gaps_beside_a_narrow_apostrophe_open_no_word_space() -> None:
    # "The right column's": letter gaps 0-3 px, word gaps 11-12, and the apostrophe, a 3 px mark high on the
    # line, leaves 3 and 5 px either side of it.
    letters = [(0, 15), (15, 14), (31, 12), (55, 9), (64, 6), (72, 12), (85, 12), (98, 8), (120, 12), (134, 12),
               (149, 6), (156, 12), (169, 18), (189, 12)]  # fmt: skip
    boxes = [Box(x, 10, w, 22) for x, w in letters]
    apostrophe = Box(204, 6, 3, 9)
    boxes += [apostrophe, Box(apostrophe.right + 5, 14, 10, 18)]
    (flags,) = find_word_gaps([tuple(boxes)])
    assert [k for k, f in enumerate(flags) if f] == [3, 8]


def test_no_space_before_a_closing_mark_or_after_an_opening_bracket() -> None:
    labels = ["a", "!", "(", "b", ")", "-", "c", "?"]
    spaces = [False, True, True, True, True, True, True, True]
    assert attach_marks(labels, spaces) == [False, False, True, False, False, True, True, False]
    # "$ 45 , 10 %" and "# 1" as a network might space them: "$45, 10%", "#1".
    labels = ["$", "4", "5", ",", "1", "0", "%", "#", "1"]
    spaces = [False, True, False, True, True, False, True, True, True]
    assert attach_marks(labels, spaces) == [False, False, False, False, True, False, False, True, False]
