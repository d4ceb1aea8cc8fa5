"""The desk seen along a photo's edges is taken away; the page's own ink, even where it meets the edge, is not."""

import cv2
import numpy as np

from segmentation.surround import clear_beyond_page
from segmentation.whitebalance import white_balance


def _desk_wedge(page: np.ndarray, side: str) -> np.ndarray:
    """The page photographed turned a little: a grey wedge of desk along one side, widest at one end."""
    h, w = page.shape
    out = page.copy()
    if side == "right":
        corner = np.array([[w - 1, 0], [w, 0], [w, h], [w - 7, h]], np.int32)
    else:  # top
        corner = np.array([[0, 0], [w, 0], [w, 1], [0, 6]], np.int32)
    cv2.fillPoly(out, [corner], 140)
    return out


def test_a_wedge_of_desk_along_a_side_is_taken_away_and_the_text_kept(draw_page) -> None:
    page = draw_page(["A FIRST LINE OF TEXT", "THE SECOND", "AND A THIRD ONE", "FOURTH"])
    text = white_balance(page).ink > 0.35
    for side in ("right", "top"):
        ink = white_balance(_desk_wedge(page, side)).ink
        surround = clear_beyond_page(ink)
        assert surround.sides == (side,)
        # The desk is faint ink after white balance, but enough to fill a row or column profile along the edge.
        wedge = (ink > 0.06) & ~cv2.dilate(text.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        assert wedge.sum() > 500
        assert (surround.ink[wedge] > 0.06).sum() < 0.02 * wedge.sum()  # the desk is gone
        assert (surround.ink[text] > 0.35).mean() > 0.99  # the text stays
        assert not surround.mask[text].any()


def test_text_that_runs_off_the_photos_edge_is_kept(draw_page) -> None:
    page = draw_page(["CUT OFF AT THE EDGE", "AND THIS ONE TOO", "AND A THIRD"], margin=40)
    cropped = page[:, 60:-40]  # each line's first letters cut by the left border
    ink = white_balance(cropped).ink
    surround = clear_beyond_page(ink)
    assert surround.sides == ()
    assert surround.ink is ink


def test_a_page_seen_whole_loses_nothing(draw_page) -> None:
    ink = white_balance(draw_page(["NOTHING", "TO TAKE"])).ink
    surround = clear_beyond_page(ink)
    assert surround.sides == () and not surround.mask.any()


def test_the_desks_edge_goes_whole_where_the_desk_is_too_wide_to_be_ink() -> None:
    # Flattening follows a wide desk, so only its edge is ink: a band along the page's edge that starts at the
    # photo's border in the lower rows only (where the desk is a thin wedge), and a glyph clear of it.
    ink = np.zeros((200, 300), np.float32)
    ink[:, 4:9] = 0.6  # the band along the page's edge, one piece
    ink[80:, :4] = 0.3  # the thin part of the wedge, from the border in: 60% of the side
    ink[90:120, 60:64] = 1.0  # a glyph
    surround = clear_beyond_page(ink)
    assert surround.sides == ("left",)
    assert not (surround.ink[:, :9] > 0.06).any()  # the band's upper part too, though it leaves the border
    assert (surround.ink[90:120, 60:64] == 1.0).all()
