"""Columns and blocks found before the lines, so that a second column's lines never interleave with the first's."""

import numpy as np

from segmentation.lines import search_text_lines
from segmentation.regions import Region, find_text_regions
from segmentation.whitebalance import white_balance

PAPER = 235


def _beside(*pages: np.ndarray, gap: int = 60) -> np.ndarray:
    """Pages side by side, top-aligned, `gap` pixels of paper between them."""
    h = max(p.shape[0] for p in pages)
    padded = [np.vstack([p, np.full((h - p.shape[0], p.shape[1]), PAPER, np.uint8)]) for p in pages]
    parts = [padded[0]]
    for p in padded[1:]:
        parts += [np.full((h, gap), PAPER, np.uint8), p]
    return np.hstack(parts)


def _above(top: np.ndarray, body: np.ndarray) -> np.ndarray:
    width = max(top.shape[1], body.shape[1])
    return np.vstack([np.hstack([p, np.full((p.shape[0], width - p.shape[1]), PAPER, np.uint8)]) for p in (top, body)])


def _tiles(regions: tuple[Region, ...], shape: tuple[int, int]) -> bool:
    """Whether the regions cover every pixel exactly once."""
    count = np.zeros(shape, np.int32)
    for r in regions:
        count[r.slices] += 1
    return bool((count == 1).all())


def test_two_columns_under_a_heading_are_read_heading_then_left_then_right(draw_page) -> None:
    left = draw_page(["LEFT COLUMN ONE", "SECOND LEFT LINE", "THIRD LEFT LINE", "FOURTH LEFT ROW"], line_gap=2.2)
    right = draw_page(["RIGHT SIDE TEXT", "MORE ON THE RIGHT", "AND SO IT GOES", "UNTIL THE END", "LAST RIGHT"],
                      line_gap=1.75)  # fmt: skip
    heading = draw_page(["A HEADING ACROSS BOTH"], size=2.0)
    page = _above(heading, _beside(left, right))
    ink = white_balance(page).ink
    regions = find_text_regions(ink)
    assert _tiles(regions, ink.shape)
    assert len(regions) == 3
    top, first, second = regions
    assert top.bottom <= first.top and first.top == second.top  # the heading first, then the two columns
    assert first.right == second.left and first.left == 0 and second.right == ink.shape[1]
    assert first.right > left.shape[1] and second.left < left.shape[1] + 60  # cut inside the gutter
    only = [np.where(_inside(r, ink.shape), ink, 0) for r in regions]
    # Lines that the whole page's row projection would run together are found column by column.
    assert [len(search_text_lines(x).lines) for x in only] == [1, 4, 5]


def _inside(region: Region, shape: tuple[int, int]) -> np.ndarray:
    mask = np.zeros(shape, bool)
    mask[region.slices] = True
    return mask


def test_a_single_column_page_is_one_region(draw_page) -> None:
    page = draw_page(["ONE COLUMN OF TEXT", "WITH A FEW LINES", "AND NOTHING BESIDE", "IT AT ALL"])
    ink = white_balance(page).ink
    assert find_text_regions(ink) == (Region(0, ink.shape[0], 0, ink.shape[1]),)


def test_labels_and_values_far_apart_are_no_columns(draw_page) -> None:
    # A receipt: each item's price far to its right. The prices are no column of text, so rows read across.
    items = draw_page(["MILK", "BREAD AND JAM", "COFFEE BEANS", "TEA", "APPLES"], line_gap=2.0)
    prices = draw_page(["2.50", "4.10", "9.99", "3.20", "1.75"], line_gap=2.0)
    ink = white_balance(_beside(items, prices, gap=300)).ink
    assert len(find_text_regions(ink)) == 1


def test_a_blank_page_is_one_region() -> None:
    ink = np.zeros((50, 80), np.float32)
    assert find_text_regions(ink) == (Region(0, 50, 0, 80),)


def test_ragged_lines_whose_word_gaps_line_up_are_no_columns(draw_page) -> None:
    # Two long lines of handwriting whose wide word gaps happen to sit one above the other, among short lines:
    # the empty stripe runs down the whole block, but beside it stand only two lines, not a column.
    page = draw_page(["CAMERA READ ORANGE     TABLE 2658 AND MORE", "ORANGE WINTER", "NUMBER TABLE",
                      "RIVER AMOUNT SOUTH     TOTAL 6092 IN CASH", "SOUTH QUICK", "FOX ORDER THE"])  # fmt: skip
    ink = white_balance(page).ink
    assert len(find_text_regions(ink)) == 1


def test_a_short_page_whose_word_gaps_line_up_down_the_middle_is_no_two_columns(draw_page) -> None:
    # Three lines of widely spaced words whose gaps happen to stand one above the other at the middle: the
    # stripe between them is no wider than the lines' other word gaps, so it is no gutter and the lines
    # read across it (as two columns they read "BROWN RIVER / PHOTO ORDER / ..." and then the right half).
    left = draw_page(["BROWN    RIVER    LAKE", "PHOTO    ORDER    SIGN", "PHOTO    PHOTO    HALL"])
    right = draw_page(["DOG    WINTER    SNOW", "TICKET    PAGE    FOX", "TABLE    8576    NEW"])
    ink = white_balance(_beside(left, right, gap=0)).ink
    assert len(find_text_regions(ink)) == 1
    # The same blocks set a gutter apart that is wider than any of their word gaps are two columns.
    ink = white_balance(_beside(left, right, gap=120)).ink
    assert len(find_text_regions(ink)) == 2
