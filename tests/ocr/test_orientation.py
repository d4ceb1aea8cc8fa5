import numpy as np
import pytest

from ocr.decode import ReadOptions
from ocr.orientation import (
    FLIP_FLOOR,
    FLIP_MARGIN,
    POOR_READING,
    ascenders_and_descenders,
    best_turn,
    hangs_upright,
    reading_score,
    turn_page,
    turned_over,
    worth_turning_sideways,
)
from ocr.pipeline import read_page, segment_page, which_way_up
from ocr.writers import render_boxed


def test_reading_score_is_the_mean_log_of_each_glyphs_best_probability() -> None:
    probs = np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]])
    assert reading_score(probs) == pytest.approx(np.log(0.5) / 2)
    assert reading_score(np.zeros((0, 3))) == float("-inf")


def test_a_page_is_turned_over_only_when_its_glyphs_read_clearly_better_turned_over() -> None:
    assert best_turn((-0.05, -0.25)) == 0
    assert best_turn((-0.25, -0.05)) == 180
    assert best_turn((-0.10, -0.10 + FLIP_MARGIN / 2)) == 0  # a little better is not enough


def test_a_page_of_upright_text_is_not_turned_over_however_its_glyphs_read() -> None:
    assert best_turn((-0.25, -0.05), upright_text=True) == 0
    assert best_turn((-0.6, -0.45), (-0.05, -0.3), upright_text=True) == 90  # on end is still tried


def test_lower_case_lines_reach_up_more_than_down_and_capitals_neither_way(draw_page) -> None:
    # b d h i k l t reach above the small letters, g y below them; turned over, the other way round. Capitals
    # and digits all stand between the same two lines.
    page = draw_page(["a cat sat on a mat", "we like our dog", "it ran to the big park"], size=1.4, thickness=3)
    up, down = ascenders_and_descenders(segment_page(page).lines)
    assert up >= 2 * down + 8
    assert ascenders_and_descenders(segment_page(turn_page(page, 180)).lines) == (down, up)
    assert hangs_upright(segment_page(page).lines) and not hangs_upright(segment_page(turn_page(page, 180)).lines)
    capitals = draw_page(["HELLO WORLD 42", "THE QUICK FOX"], size=1.4, thickness=3)
    assert ascenders_and_descenders(segment_page(capitals).lines) == (0, 0)


def test_a_page_reading_poorly_both_ways_is_turned_a_quarter_when_that_reads_better() -> None:
    poor = (POOR_READING - 0.2, POOR_READING - 0.3)
    assert best_turn(poor, (-0.05, -0.3)) == 90
    assert best_turn(poor, (-0.3, -0.05)) == 270
    assert best_turn(poor, (poor[0] + 0.02, poor[0])) == 0  # no better sideways: left as it is
    assert best_turn((-0.45, -0.45), (-0.3, -0.5)) == 0  # better, but not well enough to be text on end


def test_turned_over_frames_and_pages_come_back_after_two_turns() -> None:
    page = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert turn_page(page, 90).shape == (4, 3) and turn_page(page, 90)[0, 0] == page[2, 0]  # clockwise
    assert np.array_equal(turn_page(turn_page(page, 90), 270), page)
    assert np.array_equal(turned_over(turned_over(page[None])), page[None])
    with pytest.raises(ValueError, match="quarter turns"):
        turn_page(page, 45)


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_scanned_upside_down_or_sideways_reads_as_upright(draw_page, classifier, turn) -> None:
    page = draw_page(["HELLO WORLD 42", "THE QUICK FOX"], size=1.4, thickness=3)
    upright = read_page(page, classifier)
    turned = turn_page(page, turn)
    result = read_page(turned, classifier)
    assert upright.orientation == 0 and result.text == upright.text
    assert result.orientation == (360 - turn) % 360  # the turn that undoes the scan's
    assert (result.width, result.height) == (page.shape[1], page.shape[0])
    boxed = render_boxed(turned, result)  # drawn on the page as read: upright
    assert boxed.shape[:2] == render_boxed(page, upright).shape[:2]
    assert read_page(turned, classifier, ReadOptions(orient=False)).orientation == 0


def test_only_pages_reading_poorly_or_doubtfully_with_ink_in_columns_are_tried_sideways() -> None:
    rows = np.zeros((200, 200), np.float32)
    rows[20:180:40, 20:180] = 1.0  # ink in lines across
    columns = rows.T.copy()  # the same lines on end
    assert not worth_turning_sideways((-0.05, -0.3), columns)  # reads well
    assert worth_turning_sideways((POOR_READING - 0.1, POOR_READING - 0.2), rows)  # reads poorly
    doubtful = (-0.2, -0.3)
    assert worth_turning_sideways(doubtful, columns) and not worth_turning_sideways(doubtful, rows)


def test_a_page_reading_poorly_both_ways_is_not_turned_over_on_a_little_less_poor_reading() -> None:
    # A blurred page: upright -0.70, turned over -0.59. Better by more than the margin, but no upside-down page
    # reads so poorly when turned the right way.
    assert best_turn((-0.70, -0.59)) == 0
    assert best_turn((-0.30, -0.15)) == 180
    assert -0.59 < FLIP_FLOOR < -0.16


class _Scripted:
    """A classifier whose successive predictions are given: the glyphs as found, turned over, then sideways."""

    def __init__(self, classes: tuple[str, ...], answers: list[str]) -> None:
        self.classes, self.answers = classes, list(answers)

    def predict(self, frames: np.ndarray) -> np.ndarray:
        label = self.answers.pop(0)
        probs = np.full((len(frames), len(self.classes)), 0.01 / len(self.classes), np.float32)
        probs[:, self.classes.index(label)] += 0.99 if label != "?" else 0.0
        return probs / probs.sum(axis=1, keepdims=True)


def test_a_page_is_not_turned_sideways_when_only_dashes_read_well_there(draw_page) -> None:
    page = draw_page(["HELLO WORLD 42", "THE QUICK FOX"], size=1.4, thickness=3)
    seg = segment_page(page)
    classes = ("A", "B", "-", "?")
    poor = _Scripted(classes, ["?"]).predict(seg.frames)  # upright, every glyph unsure
    # Sideways its strokes read as sure dashes: not text on end.
    assert which_way_up(page, seg, poor, _Scripted(classes, ["?", "-", "?"])) == 0
    # Sideways they read as sure letters: the page was on end.
    assert which_way_up(page, seg, poor, _Scripted(classes, ["?", "A", "?"])) == 90
    assert reading_score(np.array([[0.9, 0.1]]), np.array([False, True])) == pytest.approx(np.log(0.1))
