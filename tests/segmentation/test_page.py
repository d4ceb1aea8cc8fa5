"""A page lying on a desk is found and the desk taken away; a shadow over part of a page is not a desk."""

import cv2
import numpy as np

from ocr.pipeline import balance_page
from segmentation.page import confirm_page, find_page, grained_page, page_candidates
from segmentation.whitebalance import white_balance

TEXT = ["A FIRST LINE OF TEXT", "THE SECOND", "AND A THIRD ONE", "FOURTH LINE"]


def _wood(shape: tuple[int, int], width: float = 7.0) -> np.ndarray:
    """A wooden desk: bands of grain, brighter and darker, about 6 `width`s apart, that wander across it."""
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32)
    grain = np.sin(ys / width + 3 * np.sin(xs / 90.0))
    return (110 + 25 * grain).astype(np.uint8)


def _on_desk(page: np.ndarray, border: int = 120, grain: float = 7.0) -> tuple[np.ndarray, tuple[slice, slice]]:
    """The page laid on a wooden desk that shows `border` pixels round it; the page's place in the photo."""
    h, w = page.shape
    photo = _wood((h + 2 * border, w + 2 * border), grain)
    where = (slice(border, border + h), slice(border, border + w))
    photo[where] = page
    return photo, where


def test_a_page_on_a_wooden_desk_is_found_and_the_desk_taken_away(draw_page) -> None:
    page = draw_page(TEXT)
    photo, where = _on_desk(page)
    outline = find_page(photo)
    assert outline.found, outline.why
    inside = np.zeros(photo.shape, bool)
    inside[where] = True
    # The outline is the page, less a strip along its edge (its shade, which flattening makes a rim of ink).
    assert (outline.mask & inside).sum() > 0.93 * inside.sum()
    assert (outline.mask & ~inside).sum() < 0.01 * inside.sum()
    balance = white_balance(photo, outline.mask)
    confirmed = confirm_page(outline, balance.ink)
    assert confirmed.found
    ink = confirmed.clear_beyond(balance.ink)
    assert (ink[~inside] > 0.35).sum() == 0  # neither the grain nor the page's rim is left as ink
    text = white_balance(page).ink > 0.35
    assert (ink[where][text] > 0.35).mean() > 0.98  # the text stays


def test_the_desks_grain_is_ink_without_the_outline(draw_page) -> None:
    # What the stage is for: balanced as all page, the desk's edge and grain stand as ink beyond the page.
    photo, where = _on_desk(draw_page(TEXT))
    ink = white_balance(photo).ink
    beyond = np.ones(photo.shape, bool)
    beyond[where] = False
    assert (ink[beyond] > 0.35).sum() > 500


def test_a_page_that_fills_the_photo_is_all_page(draw_page) -> None:
    outline = find_page(draw_page(TEXT))
    assert not outline.found
    assert outline.mask.all()


def test_a_shadow_over_part_of_the_page_is_not_a_desk(draw_page) -> None:
    # The left half of the page in a hard-edged shadow, with text in it: darker and sharp-edged like a desk,
    # but the text beyond the bright part shows it is page.
    page = draw_page([*TEXT, "A FIFTH LINE", "AND A SIXTH"], margin=60).astype(np.float32)
    page[:, : page.shape[1] // 2] *= 0.45
    page = cv2.GaussianBlur(page, (0, 0), 1.0).astype(np.uint8)
    outline = find_page(page)
    if outline.found:  # the bright half may pass for a page on its own: the text beyond it refutes that
        outline = confirm_page(outline, white_balance(page, outline.mask).ink)
    assert not outline.found
    assert outline.mask.all()


def test_a_sharp_shadow_rougher_than_the_lit_paper_is_still_not_a_desk(draw_page) -> None:
    # The sensor's noise is the same in grey levels in the shadow as in the light, so against the shadow's lower
    # level it is rougher: the shadow passes for a grained desk. The writing in it still makes it page.
    page = draw_page([*TEXT, "A FIFTH LINE", "AND A SIXTH"], margin=60).astype(np.float32)
    page[:, : page.shape[1] // 2] *= 0.4
    noise = np.random.default_rng(3).normal(0, 3.0, page.shape).astype(np.float32)
    photo = np.clip(cv2.GaussianBlur(page, (0, 0), 1.0) + noise, 0, 255).astype(np.uint8)
    outline = find_page(photo)
    assert outline.found and outline.grained, outline.why  # what the shadow looks like before the text is seen
    confirmed = confirm_page(outline, white_balance(photo, outline.mask).ink)
    assert not confirmed.found
    assert confirmed.mask.all()


def test_a_shadow_over_the_first_words_of_each_line_is_not_a_desk(draw_page) -> None:
    # The shadow takes only the lines' first few letters: too few beyond the lit part to outweigh it, as a
    # grained desk's specks may be, but they carry on its lines of writing, so they are page.
    page = draw_page([*TEXT, "A FIFTH LINE", "AND A SIXTH"], margin=60).astype(np.float32)
    page[:, : int(page.shape[1] * 0.22)] *= 0.4
    noise = np.random.default_rng(3).normal(0, 3.0, page.shape).astype(np.float32)
    photo = np.clip(cv2.GaussianBlur(page, (0, 0), 1.0) + noise, 0, 255).astype(np.uint8)
    outline = find_page(photo)
    assert outline.found and outline.grained, outline.why  # the lit part passes for a page on a grained desk...
    confirmed = confirm_page(outline, white_balance(photo, outline.mask).ink)
    assert not confirmed.found and confirmed.mask.all()  # ...until its lines are seen to run on into the shadow


def test_a_wooden_desk_with_a_few_glyph_like_knots_is_still_a_desk(draw_page) -> None:
    # A grained desk's pattern leaves a few specks shaped like glyphs beyond the page: not text enough.
    photo, _ = _on_desk(draw_page(TEXT))
    for x in range(30, 100, 30):  # three dark knots in the wood, letter-sized
        cv2.ellipse(photo, (x, photo.shape[0] // 2), (8, 14), 0, 0, 360, 40, 3)
    outline = find_page(photo)
    assert outline.found and outline.grained, outline.why
    assert confirm_page(outline, white_balance(photo, outline.mask).ink).found


def test_light_falling_off_across_a_page_is_not_its_edge(draw_page) -> None:
    page = draw_page(TEXT, margin=80).astype(np.float32)
    ramp = np.linspace(1.0, 0.35, page.shape[1], dtype=np.float32)[None, :]
    outline = find_page((page * ramp).astype(np.uint8))
    assert not outline.found


def test_a_desk_whose_grain_outweighs_the_text_does_not_set_the_glyph_size(draw_page) -> None:
    # Dark streaks of grain, short and long, 8 px thick, cover the desk: more ink than the page's text. The
    # size of a glyph is measured on the page, so the streaks beyond are no glyphs, however short.
    photo, where = _on_desk(draw_page(TEXT))
    rng = np.random.default_rng(3)
    for y in range(10, photo.shape[0] - 10, 18):
        x = int(rng.integers(0, 40))
        while x < photo.shape[1]:
            length = int(rng.integers(20, 120))
            cv2.line(photo, (x, y), (x + length, y), 40, 8)
            x += length + int(rng.integers(15, 40))
    photo[where] = draw_page(TEXT)
    outline = find_page(photo)
    assert outline.found, outline.why
    confirmed = confirm_page(outline, white_balance(photo, outline.mask).ink)
    assert confirmed.found, confirmed.why


def _shadow_across_page_and_desk(draw_page) -> tuple[np.ndarray, np.ndarray]:
    """A page on a plain desk, a sharp shadow (0.6) over the left half of both: the shaded page is hardly
    brighter than the lit desk. The photo, and where the page is."""
    page = draw_page(TEXT)
    photo = np.full((page.shape[0] + 500, page.shape[1] + 500), 100, np.float32)
    where = (slice(250, 250 + page.shape[0]), slice(250, 250 + page.shape[1]))
    photo[where] = page
    ys, xs = np.mgrid[0 : photo.shape[0], 0 : photo.shape[1]]
    photo = np.where(xs < 0.55 * photo.shape[1] + 0.2 * (ys - photo.shape[0] / 2), 0.6 * photo, photo)
    inside = np.zeros(photo.shape, bool)
    inside[where] = True
    return photo.astype(np.uint8), inside


def test_a_shadow_across_page_and_desk_leaves_the_whole_page_as_a_further_candidate(draw_page) -> None:
    photo, inside = _shadow_across_page_and_desk(draw_page)
    lit, whole = page_candidates(photo)
    # The likeliest is the lit part of the page: the text in the shade lies beyond it.
    assert (lit.mask & inside).sum() < 0.5 * inside.sum()
    assert not confirm_page(lit, white_balance(photo, lit.mask).ink).found
    # A level between the shaded page and the lit desk takes the whole page in, and nothing of the desk.
    assert (whole.mask & inside).sum() > 0.9 * inside.sum() and not (whole.mask & ~inside).any()
    assert confirm_page(whole, white_balance(photo, whole.mask).ink).found
    # The reader takes the first candidate that holds all the text (ocr.pipeline.balance_page).
    _, outline = balance_page(photo)
    assert outline.found and np.array_equal(outline.mask, whole.mask)


def _shaded_wood(draw_page, shade: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """A page on a finely grained wooden desk, a sharp shadow over the left of both: the shaded page is as dark
    as the lit desk, so no brightness level takes in the whole page without lit desk. The photo, and where the
    page is."""
    photo, where = _on_desk(draw_page(TEXT, margin=60), border=160, grain=1.5)
    ys, xs = np.mgrid[0 : photo.shape[0], 0 : photo.shape[1]]
    shaded = xs < 0.45 * photo.shape[1] + 0.3 * (ys - photo.shape[0] / 2)
    photo = np.where(shaded, shade * photo, photo).astype(np.uint8)
    inside = np.zeros(photo.shape, bool)
    inside[where] = True
    return photo, inside


def test_a_shadow_across_page_and_wooden_desk_finds_the_page_by_its_grain(draw_page) -> None:
    photo, inside = _shaded_wood(draw_page)
    by_grain = grained_page(photo)
    assert by_grain.found and by_grain.grained, by_grain.why
    assert (by_grain.mask & inside).sum() > 0.85 * inside.sum() and (by_grain.mask & ~inside).sum() == 0
    # No brightness level holds the page without the lit desk, or the shaded text: the reader takes the grain's.
    for candidate in page_candidates(photo):
        mask = candidate.mask
        assert (mask & ~inside).sum() > 0.1 * inside.sum() or (mask & inside).sum() < 0.8 * inside.sum()
    balance, outline = balance_page(photo)
    assert outline.found and "by its grain" in outline.why
    ink = outline.clear_beyond(balance.ink)
    assert (ink[~inside] > 0.35).sum() == 0  # nothing of the desk, lit or shaded, is left as ink


def test_a_page_on_a_plain_desk_or_filling_the_photo_is_not_found_by_grain(draw_page) -> None:
    page = draw_page(TEXT)
    plain = np.full((page.shape[0] + 300, page.shape[1] + 300), 90, np.uint8)
    plain[150:-150, 150:-150] = page
    assert not grained_page(plain).found  # smooth beyond: the brightness candidates serve
    assert not grained_page(page).found


def test_many_streaks_of_grain_beyond_are_desk_but_letters_standing_there_are_page(draw_page) -> None:
    # Beyond a grained desk, short streaks of grain lying along it, more than a quarter as many as the text's
    # glyphs, are the desk's pattern; marks standing upright as letters do, as many, are shaded page.
    photo, _ = _on_desk(draw_page(TEXT), border=160)
    outline = find_page(photo)
    assert outline.found and outline.grained, outline.why
    streaked, lettered = photo.copy(), photo.copy()
    for k in range(20):  # down the strip of desk left of the page
        cv2.ellipse(streaked, (60, 30 + 34 * k), (30, 13), 0, 0, 360, 30, -1)
        cv2.putText(lettered, "H", (45, 50 + 34 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 3)
    desk = confirm_page(outline, white_balance(streaked, outline.mask).ink)
    assert desk.found and "stand as letters" in desk.why  # past the plain count, let through by their lie
    assert not confirm_page(outline, white_balance(lettered, outline.mask).ink).found
