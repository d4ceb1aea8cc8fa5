"""A notebook's binding holes: a regular column of dark blobs along one side, which is no text."""

import cv2
import numpy as np

from segmentation.holes import find_binding_holes
from segmentation.whitebalance import white_balance

LINES = ["SHOPPING LIST", "MILK 2 EGGS 12", "BREAD AND JAM", "COFFEE 500G", "APPLES AND TEA"]


def _page(draw_page, lines: list[str] = LINES) -> np.ndarray:
    return np.pad(draw_page(lines, line_gap=2.0), ((40, 40), (70, 40)), constant_values=235)


def _holes(page: np.ndarray, top: bool = False, size: int = 16, pitch: int = 36) -> np.ndarray:
    out = page.copy()
    h, w = out.shape
    for t in range(pitch // 2, (w if top else h) - pitch // 3, pitch):
        centre = (t, 22) if top else (22, t)
        axes = (size // 2, size * 2 // 3) if top else (size * 2 // 3, size // 2)
        cv2.ellipse(out, centre, axes, 0, 0, 360, 60, -1, cv2.LINE_AA)
    return out


def test_holes_down_the_left_side_are_found_and_the_text_is_not(draw_page) -> None:
    page = _page(draw_page)
    holed = _holes(page)
    mask, count = find_binding_holes(white_balance(holed).ink)
    assert count == len(range(18, holed.shape[0] - 12, 36))
    assert mask[:, :40].sum() > 0 and not mask[:, 60:].any()  # every hole, and nothing of the writing


def test_a_row_of_holes_along_the_top_is_found(draw_page) -> None:
    holed = _holes(_page(draw_page), top=True)
    mask, count = find_binding_holes(white_balance(holed).ink)
    assert count >= 10 and not mask[45:].any()


def test_a_row_of_holes_running_out_of_the_frame_is_followed_to_its_end(draw_page) -> None:
    # Seen at a slant, the row leaves the photo across its top edge: the last holes are cut short, smaller and
    # off the row's line, and would read as a line of dots and dashes.
    page = np.pad(_page(draw_page), ((20, 0), (0, 0)), constant_values=235)
    w = page.shape[1]
    for x in range(18, w, 36):
        cv2.ellipse(page, (x, round(30 - 36 * x / w)), (8, 10), 0, 0, 360, 60, -1, cv2.LINE_AA)
    mask, count = find_binding_holes(white_balance(page).ink)
    assert count == len(range(18, w, 36)) and mask[0, w - 30 :].any()
    assert not mask[50:].any()


def test_a_page_without_holes_has_none(draw_page) -> None:
    mask, count = find_binding_holes(white_balance(_page(draw_page)).ink)
    assert count == 0 and not mask.any()


def test_bullets_of_a_list_are_not_holes(draw_page) -> None:
    # As regular as holes, and as round, but each sits beside its line's text.
    page = _page(draw_page, [f"ITEM NUMBER {k}" for k in range(10)])
    lines_at = np.flatnonzero(np.diff((page[:, 100:] < 128).any(axis=1).astype(int)) == 1)
    for top in lines_at:
        cv2.circle(page, (50, int(top) + 14), 7, 30, -1, cv2.LINE_AA)
    mask, count = find_binding_holes(white_balance(page).ink)
    assert count == 0 and not mask.any()


def test_round_letters_of_a_line_along_the_page_edge_are_not_holes(draw_page) -> None:
    # A line of bold round letters along the foot of the page is as even, alike and round as a row of holes,
    # but its letters stand close together, or have other letters between them.
    page = _page(draw_page)
    h, w = page.shape
    close, between = page.copy(), page.copy()
    for x in range(40, w - 40, 15):  # "oooo...": 13 px letters 15 px apart
        cv2.circle(close, (x, h - 20), 6, 30, -1, cv2.LINE_AA)
    for x in range(40, w - 40, 30):  # "olol...": a stroke between every two
        cv2.circle(between, (x, h - 20), 6, 30, -1, cv2.LINE_AA)
        cv2.line(between, (x + 15, h - 32), (x + 15, h - 14), 30, 3)
    for row in (close, between):
        mask, count = find_binding_holes(white_balance(row).ink)
        assert count == 0 and not mask.any()


def test_a_column_of_round_letters_inside_the_writing_is_not_holes(draw_page) -> None:
    # Bold round letters one above the other near the page's side, evenly spaced and alone on the page's side
    # of some rows; but there is writing beyond them, towards the edge, which there never is beyond holes.
    page = _page(draw_page, ["IL" + ("     THE ROUND LETTERS STAND IN A COLUMN" if k % 2 else "") for k in range(9)])
    lines_at = np.flatnonzero(np.diff((page[:, 70:130] < 128).any(axis=1).astype(int)) == 1)
    for top in lines_at:  # just after the IL, within a fifth of the page's width of its left side
        cv2.circle(page, (200, int(top) + 14), 9, 30, -1, cv2.LINE_AA)
    mask, count = find_binding_holes(white_balance(page).ink)
    assert count == 0 and not mask.any()


def test_a_line_of_marker_letters_along_the_top_is_not_holes(draw_page) -> None:
    # Written with a marker, letters are blobs as round and as evenly spaced as holes, spaced wide apart, with
    # nothing between them, in a line close to the top: but a marker letter fills only half its box (its
    # counters and the gaps between its strokes) and a hole four-fifths of it.
    page = _page(draw_page)
    marked = np.pad(page, ((60, 0), (0, 0)), constant_values=235)
    for k, letter in enumerate("ODBOSDOBQO"):
        cv2.putText(marked, letter, (20 + 45 * k, 44), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 30, 4, cv2.LINE_AA)
    mask, count = find_binding_holes(white_balance(marked).ink)
    assert count == 0 and not mask.any()
