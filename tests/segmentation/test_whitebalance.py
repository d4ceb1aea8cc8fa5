import cv2
import numpy as np
import pytest

from segmentation.errors import BlankPageError
from segmentation.pieces import INK_LEVEL
from segmentation.whitebalance import estimate_background, join_faint_ink, white_balance


def _lit_unevenly(page: np.ndarray) -> np.ndarray:
    """The same page under light that falls from full on the left to 45% on the right."""
    light = np.linspace(1.0, 0.45, page.shape[1])[None, :]
    return (page.astype(np.float32) * light).astype(np.uint8)


def test_strokes_are_ink_and_paper_is_not(draw_page) -> None:
    page = draw_page(["HELLO"])
    balance = white_balance(page)
    strokes = page < 100
    assert balance.ink[strokes].mean() > 0.9
    assert balance.ink[page > 200].max() < 0.05
    assert balance.black_point < balance.white_point < 1.0


def test_a_light_gradient_keeps_all_ink_and_adds_none(draw_page) -> None:
    page = draw_page(["LEFT SIDE TEXT", "RIGHT SIDE TEXT"])
    strokes = page < 100
    balance = white_balance(_lit_unevenly(page))
    # The darkened right half of the paper is still paper, and the text there is still ink.
    assert (balance.ink[~strokes & (page > 200)] > 0.5).mean() < 0.001
    right = np.zeros_like(strokes)
    right[:, page.shape[1] // 2 :] = True
    assert balance.ink[strokes & right].mean() > 0.8


def test_a_shadow_stays_paper(draw_page) -> None:
    page = draw_page(["SHADOW"]).astype(np.float32)
    page[:, : page.shape[1] // 3] *= 0.55  # a hand's shadow over the left third
    balance = white_balance(page.astype(np.uint8))
    assert (balance.ink[:, 5 : page.shape[1] // 3 - 5][page[:, 5 : page.shape[1] // 3 - 5] > 100] > 0.5).mean() < 0.002


def test_the_sharp_edge_of_a_shadow_is_no_band_of_ink(draw_page) -> None:
    # A phone's shadow under a ceiling lamp over half of a 2,000-pixel photo: 50% darker, its edge 2 pixels
    # soft, through text in a ballpoint's grey. The paper beside the edge in the shadow must flatten to paper,
    # not to a grey band along the edge: the max filter alone carries the lit paper's level 20 pixels into the
    # shadow, and a third of that band came out as ink.
    page = draw_page(["SHADOW OVER THE TEXT", "ITS EDGE IS SHARP", "THE PAPER STAYS", "PAPER UP TO IT"],
                     size=4.8, thickness=9, margin=120, ink=60)  # fmt: skip
    light = np.ones(page.shape, np.float32)
    edge = page.shape[1] // 2
    light[:, :edge] = 0.5
    shaded = (page * cv2.GaussianBlur(light, (0, 0), 2.0)).astype(np.uint8)
    ink = white_balance(shaded).ink > INK_LEVEL
    beside = np.zeros(page.shape, bool)
    beside[:, edge - 40 : edge + 10] = True
    assert (ink[beside & (page > 200)]).mean() < 0.002
    assert ink[page < 100].mean() > 0.99  # the text in the shadow and in the light stays ink


def test_a_blob_broader_than_a_stroke_is_not_taken_for_shade(draw_page) -> None:
    # A dark blob (a binding hole, a filled bullet) about 4% of the page across is wider than the max filter
    # reaches but no shadow: its paper level is not taken back, so it stays a dark blob, not a hollow ring.
    page = draw_page(["A HOLE BESIDE", "THE WRITING"], margin=80)
    radius = max(page.shape) // 50
    cv2.circle(page, (40, page.shape[0] // 2), radius, 40, -1, cv2.LINE_AA)
    ink = white_balance(page).ink
    assert ink[page.shape[0] // 2, 40] > INK_LEVEL


def test_background_follows_the_paper_not_the_ink(draw_page) -> None:
    page = draw_page(["INK"])
    background = estimate_background(page)
    assert background.shape == page.shape
    assert np.abs(background.astype(int) - 235).max() < 12


def test_blank_and_faint_pages_raise_blank_page() -> None:
    rng = np.random.default_rng(1)
    with pytest.raises(BlankPageError):
        white_balance(np.full((300, 400), 230, np.uint8))
    noisy = np.clip(230 + rng.normal(0, 2, (300, 400)), 0, 255).astype(np.uint8)
    with pytest.raises(BlankPageError):
        white_balance(noisy)


def test_faint_pencil_is_ink_not_a_blank_page(draw_page) -> None:
    # Ink only 38 grey levels under the paper (a light pencil stroke, 16% contrast), with sensor noise.
    page = draw_page(["PENCIL"]).astype(np.float32)
    faint = 197 + (page - page.min()) / (page.max() - page.min()) * 38
    faint += np.random.default_rng(2).normal(0, 2.5, faint.shape)
    balance = white_balance(np.clip(faint, 0, 255).astype(np.uint8))
    strokes = page < 128
    assert balance.ink[strokes].mean() > 0.6 and balance.ink[~strokes].mean() < 0.05


def test_light_writing_on_a_dark_ground_is_turned_and_a_page_on_a_dark_desk_is_not(draw_page) -> None:
    page = draw_page(["CHALK 42"])
    normal, turned = white_balance(page), white_balance(255 - page)
    assert turned.inverted and not normal.inverted
    strokes = page < 128
    assert turned.ink[strokes].mean() > 0.8 and turned.ink[~strokes].mean() < 0.05
    # The same page photographed on a dark desk that fills most of the frame is still dark ink on paper.
    desk = np.full((page.shape[0] * 3, page.shape[1] * 3), 50, np.uint8)
    desk[page.shape[0] : 2 * page.shape[0], page.shape[1] : 2 * page.shape[1]] = page
    assert not white_balance(desk).inverted


def test_a_small_page_on_a_grainy_dark_desk_is_not_blank(draw_page) -> None:
    # The desk fills most of the frame; flattened by its own level, its grain would pass for the paper's noise.
    page = draw_page(["A SMALL NOTE"], margin=30)
    h, w = page.shape
    rng = np.random.default_rng(4)
    photo = np.clip(70 + cv2.GaussianBlur(rng.normal(0, 40, (h * 3, w * 2)), (0, 0), 2.0), 0, 255).astype(np.uint8)
    photo[h : 2 * h, w // 2 : w // 2 + w] = page
    balance = white_balance(photo)
    assert balance.paper_noise < 0.05
    assert (balance.ink[h : 2 * h, w // 2 : w // 2 + w] > 0.5).sum() > 0.5 * (white_balance(page).ink > 0.5).sum()


def test_a_long_strip_keeps_its_text(draw_page) -> None:
    # 100 times as long as it is tall (a receipt photographed sideways, a banner): shrunk by its length to
    # estimate the paper, the text would be averaged away and the strip read as blank.
    strip = np.hstack([draw_page(["HELLO THERE"], size=1.6, thickness=3)] * 60)
    assert strip.shape[1] >= 100 * strip.shape[0] / 2
    ink = white_balance(strip).ink
    assert (ink > 0.5).mean() > 0.02


def test_faint_ink_joined_to_a_stroke_counts_and_faint_ink_on_its_own_does_not() -> None:
    ink = np.zeros((40, 120), np.float32)
    ink[10:30, 10:13] = 0.9  # a stroke ...
    ink[18:21, 13:30] = 0.3  # ... and the faint bar of the same letter: a pencil's grain, a blurred join
    ink[10:30, 30:33] = 0.9  # the letter's other stroke (an H)
    ink[5:9, 60:64] = 0.3  # a faint speck of its own
    ink[10:30, 80:82] = 0.9  # a stroke in grain that outweighs it: the faint part is paper, not the stroke's
    ink[5:38, 70:100] = np.where(ink[5:38, 70:100] > 0, ink[5:38, 70:100], 0.3)
    joined = join_faint_ink(ink)
    assert (joined[18:21, 13:30] > INK_LEVEL).all()  # the H's bar joins its stems
    assert (joined[5:9, 60:64] == 0.3).all()  # the speck stays faint
    assert (joined[5:38, 70:80] == 0.3).all()  # so does the grain
    assert np.array_equal(joined > 0.5, ink > 0.5)  # strong ink is untouched


def test_a_pencil_letter_stays_in_one_piece(draw_page) -> None:
    # Graphite leaves the paper showing through the stroke: every pixel lighter by its own random share. Faint
    # pixels would break the letter into 2-5 pieces at the ink level; joined to its strokes it is one, at worst two.
    page = draw_page(["H"], size=2.0, thickness=3)
    pieces = []
    for seed in range(5):
        grain = np.random.default_rng(seed).uniform(0.3, 1.0, page.shape)
        pencil = (235 - (235 - page.astype(np.float32)) * 0.55 * grain).astype(np.uint8)
        mask = (white_balance(pencil).ink > INK_LEVEL).astype(np.uint8)
        pieces.append(cv2.connectedComponents(mask, connectivity=8)[0] - 1)
    assert max(pieces) <= 2 and sum(pieces) <= 7


def test_a_dim_grainy_photo_is_read_smoothed_but_grain_alone_stays_blank(draw_page) -> None:
    # Sensor noise of 30 grey levels: a stroke stands far out of the paper, but single paper pixels reach as
    # deep as 8 times the noise allows, and the page passed for blank. Smoothed by a 3x3 median it reads.
    rng = np.random.default_rng(7)
    page = draw_page(["HELLO 42", "GRAINY"])
    noisy = np.clip(page + rng.normal(0, 30, page.shape), 0, 255).astype(np.uint8)
    balance = white_balance(noisy)
    assert (balance.ink > INK_LEVEL)[page < 100].mean() > 0.9  # the strokes
    assert (balance.ink > INK_LEVEL)[page > 200].mean() < 0.01  # not the grain
    for sigma in (15, 30, 45):
        grain = np.clip(230 + rng.normal(0, sigma, page.shape), 0, 255).astype(np.uint8)
        with pytest.raises(BlankPageError):
            white_balance(grain)
