from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.metrics import character_error_rate
from ocr.pipeline import enlargement, read_page, segment_page
from segmentation.whitebalance import white_balance


def test_segmentation_finds_every_glyph_and_makes_network_inputs(draw_page) -> None:
    seg = segment_page(draw_page(["AB CD", "EFG"]))
    assert [len(line.boxes) for line in seg.lines] == [4, 3]
    assert seg.frames.shape == (7, 28, 28)
    assert seg.frames[:, :2].max() == 0  # the 2-pixel border of every 28x28 input is empty
    assert not seg.warnings


def test_reading_keeps_lines_words_and_boxes_in_original_pixels(draw_page, classifier) -> None:
    page = draw_page(["AB CD", "EFG"])
    result = read_page(page, classifier)
    assert (result.width, result.height) == (page.shape[1], page.shape[0])
    lines = result.text.split("\n")
    assert [len(w) for w in lines[0].split(" ")] == [2, 2]
    assert len(lines[1]) == 3 and " " not in lines[1]
    for glyph in result.glyphs:
        assert glyph.label == glyph.alternatives[0][0]
        assert 0.0 < glyph.confidence <= 1.0
        assert len(glyph.alternatives) == 3
        crop = page[glyph.box.slices]
        assert crop.min() < 100  # each box sits on ink of the original page


def test_a_page_scaled_up_reads_the_same_number_of_glyphs(draw_page, classifier) -> None:
    page = draw_page(["HELLO 42"])
    big = cv2.resize(page, None, fx=2.5, fy=2.5, interpolation=cv2.INTER_CUBIC)
    small_text, big_text = read_page(page, classifier).text, read_page(big, classifier).text
    assert [len(w) for w in small_text.split()] == [len(w) for w in big_text.split()] == [5, 2]


def test_blank_page_reads_as_empty_text_with_a_warning(classifier) -> None:
    result = read_page(np.full((400, 300), 240, np.uint8), classifier)
    assert result.text == "" and result.lines == ()
    assert "blank" in result.warnings[0]


def test_reading_is_deterministic(draw_page, classifier) -> None:
    page = draw_page(["SAME PAGE", "SAME TEXT 123"])
    first, second = read_page(page, classifier), read_page(page, classifier)
    assert first == second


def test_a_skewed_page_is_levelled_and_boxes_come_back_in_original_pixels(draw_page, classifier) -> None:
    from segmentation.deskew import rotate

    page = np.pad(draw_page(["SKEWED LINE ONE", "AND LINE SIX"], size=1.2, thickness=2), 60, constant_values=235)
    turned = rotate(page, 7.0, fill=235)
    seg = segment_page(turned)
    assert abs(seg.skew_angle + 7.0) < 0.5
    assert [len(line.boxes) for line in seg.lines] == [13, 10]
    result = read_page(turned, classifier)
    assert result.skew_angle == seg.skew_angle
    for glyph in result.glyphs:
        assert turned[glyph.box.slices].min() < 100  # every mapped box still covers ink of the photo


def test_leaning_writing_is_boxed_upright_and_its_boxes_come_back_on_its_ink(draw_page, lean_page, classifier):
    # Leaning this far, each letter's top reaches over the next one's foot: the column projection sees no gaps.
    # (Read as it leans, the lines give 5 and 3 boxes.)
    page = lean_page(draw_page(["WHEEL 1471", "HILL NINE"], size=1.6, thickness=3), 0.5)
    seg = segment_page(page)
    assert seg.slant is not None and seg.slant.applied
    assert [len(line.boxes) for line in seg.lines] == [9, 8]
    assert seg.skew_angle == 0.0  # the lines are level: only the lean maps the boxes back
    result = read_page(page, classifier)
    assert len(result.glyphs) == 17
    covered = np.zeros(page.shape, bool)
    for glyph in result.glyphs:
        covered[glyph.box.slices] = True
    ink = page < 100
    assert covered[ink].mean() > 0.97  # the boxes lean with the writing: they hold its ink, not the upright copy's


def test_a_page_in_two_columns_is_read_column_by_column(draw_page) -> None:
    left = draw_page(["LEFT COLUMN ONE", "SECOND LEFT LINE", "THIRD LEFT LINE", "FOURTH LEFT ROW"], line_gap=2.2)
    right = draw_page(["RIGHT SIDE TEXT", "MORE ON THE RIGHT", "AND SO IT GOES", "UNTIL THE END", "LAST RIGHT"],
                      line_gap=1.75)  # fmt: skip
    h = max(left.shape[0], right.shape[0])
    left, right = (np.vstack([p, np.full((h - p.shape[0], p.shape[1]), 235, np.uint8)]) for p in (left, right))
    page = np.hstack([left, np.full((h, 60), 235, np.uint8), right])
    seg = segment_page(page)
    assert len(seg.regions) == 2
    # The left column's four lines first, then the right column's five: no line holds glyphs from both.
    sides = [{box.x < left.shape[1] for box in line.boxes} for line in seg.lines]
    assert sides == [{True}] * 4 + [{False}] * 5
    # Each column is boxed exactly as it is on a page of its own.
    alone = [len(line.boxes) for p in (left, right) for line in segment_page(p).lines]
    assert [len(line.boxes) for line in seg.lines] == alone


def test_small_print_is_read_enlarged_and_its_boxes_come_back_in_the_pages_pixels(draw_page) -> None:
    large = draw_page(["SMALL PRINT 42", "READS WELL"], size=1.6, thickness=3)
    small = cv2.resize(large, None, fx=0.3, fy=0.3, interpolation=cv2.INTER_AREA)
    assert enlargement(white_balance(large).ink) == 1.0
    factor = enlargement(white_balance(small).ink)
    assert 1.3 <= factor <= 3.0
    seg = segment_page(small)
    assert seg.scale == factor and seg.ink.shape[0] > 2 * small.shape[0]
    assert [len(line.boxes) for line in seg.lines] == [len(line.boxes) for line in segment_page(large).lines]
    h, w = small.shape
    for line in seg.lines:
        for box in line.boxes:
            page_box = seg.to_page(box)
            assert page_box.right <= w and page_box.bottom <= h
            assert small[page_box.slices].min() < 120  # on the small page's own ink


def test_enlargement_stops_at_the_pixel_budget() -> None:
    def page(h: int, w: int) -> np.ndarray:
        ink = np.zeros((h, w), np.float32)
        for y in range(20, h - 20, 20):  # rows of strokes 8 pixels tall: small print
            ink[y : y + 8, 10 : w - 10 : 10] = 1.0
        return ink

    assert enlargement(page(400, 600)) == 3.0  # 8 px glyphs towards 24 px
    assert abs(enlargement(page(1200, 2000)) - (16_000_000 / 2_400_000) ** 0.5) < 1e-6  # up to the budget
    assert enlargement(page(3000, 4000)) == 1.0  # 1.15 times would not be worth it


def test_a_page_photographed_from_one_side_is_read_line_by_line(draw_page, classifier) -> None:
    # Its left edge is 30% shorter than its right: the lines fan out, and the row projection levelled for the
    # middle line runs the outer ones into their neighbours (read so, the page gave three lines of garbage).
    lines = ["THE FIRST LINE 12", "AND THE SECOND", "THE THIRD LINE", "AND THE FOURTH", "FIFTH LINE 55"]
    page = np.pad(draw_page(lines, size=1.2, thickness=2, line_gap=1.6), 40, constant_values=235)
    h, w = page.shape
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    seen = np.float32([[0, 0.15 * h], [w, 0], [w, h], [0, 0.85 * h]])
    photo = cv2.warpPerspective(page, cv2.getPerspectiveTransform(corners, seen), (w, h), borderValue=235)
    seg = segment_page(photo)
    assert seg.keystone.applied and seg.keystone.fan > 0
    assert [len(line.boxes) for line in seg.lines] == [len(line.boxes) for line in segment_page(page).lines]
    result = read_page(photo, classifier)
    assert result.text.splitlines() == lines
    for glyph in result.glyphs:
        assert photo[glyph.box.slices].min() < 100  # every box mapped back onto the photo's ink


def test_a_photo_cropped_tight_round_one_line_keeps_its_stems(draw_page, classifier) -> None:
    # The stems of F, I, L, T run down most of the page, long and thin for it as a margin line is (read so, the
    # line gave "-I"), but no taller than the line itself.
    page = draw_page(["FILL IT IN"], size=2.0, thickness=2, margin=4)
    assert read_page(page, classifier).text == "FILL IT IN"


def test_a_page_out_of_focus_is_sharpened_before_it_is_read(classifier) -> None:
    # Blurred by 2 pixels, the gaps between small letters fill in: read as it is, the page gave
    # "the minimum w.min / thin ra n m the h Is".
    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font_path.is_file():
        pytest.skip("needs fonts-dejavu-core")
    lines = ["the minimum within", "thin rain in the hills"]
    image = Image.new("L", (22 * 14, 22 * 4), 235)
    for k, text in enumerate(lines):
        ImageDraw.Draw(image).text(
            (11, 22 * (0.4 + 1.5 * k)), text, fill=30, font=ImageFont.truetype(str(font_path), 22)
        )
    page = cv2.GaussianBlur(np.array(image), (0, 0), 2.0)
    assert read_page(page, classifier).text.splitlines() == lines
    sharpened = segment_page(page).sharpened
    assert sharpened is not None and sharpened[0] > 0
    assert segment_page(np.array(image)).sharpened is None  # the same page in focus is read as it is


@pytest.mark.parametrize(("length", "angle"), [(11, 0.0), (9, 100.0)])
def test_a_photo_streaked_by_a_shaking_hand_is_read_with_the_streak_taken_out(
    draw_page, streak_page, classifier, length, angle
) -> None:
    # Streaked 11 px sideways, the letters run into one another and the rows into four bands: read as it is,
    # the page gave '*u *il * " " " *' and three more lines of that; streaked 9 px nearly upright, 34 boxes for
    # 25 letters ("SHAKI N BY A HAND / RI AD II AGAIN 42").
    lines = ["SHAKEN BY A HAND", "READ IT AGAIN 42"]
    page = draw_page(lines, size=1.2, thickness=2)
    photo = streak_page(page, length, angle)
    seg, plain = segment_page(photo), segment_page(photo, unstreak=False)
    assert seg.unstreaked and abs(seg.streak.length - length) <= 2
    assert not plain.unstreaked and plain.streak.length == 0  # asked not to, it is segmented as photographed
    sharp_boxes = sum(len(line.boxes) for line in segment_page(page).lines)
    assert len(seg.lines) == 2 and abs(sum(len(line.boxes) for line in seg.lines) - sharp_boxes) <= 1
    assert len(plain.lines) != 2 or sum(len(line.boxes) for line in plain.lines) - sharp_boxes > 5
    assert character_error_rate(read_page(photo, classifier).text, "\n".join(lines)) <= 0.05
    assert not segment_page(page).unstreaked  # the page itself is sharp


def test_a_pen_lying_on_the_page_does_not_turn_it(draw_page, classifier) -> None:
    # The pen is the longest, darkest thing on the page: levelled, it would tilt the lines and run them together.
    page = np.pad(draw_page(["PEN ON THE PAGE", "SECOND LINE 42", "THIRD ONE"]), ((0, 80), (0, 0)), constant_values=235)
    h, w = page.shape
    cv2.line(page, (30, h - 20), (w - 30, h - 70), 20, 10)
    seg = segment_page(page)
    assert abs(seg.skew_angle) < 0.5
    assert read_page(page, classifier).text == "PEN ON THE PAGE\nSECOND LINE 42\nTHIRD ONE"


def test_a_page_on_a_wooden_desk_reads_as_the_page_alone(draw_page) -> None:
    # The desk's grain and the page's edge are ink once the photo is flattened; the page found in the photo
    # takes them away, so the lines and boxes are the page's own.
    page = draw_page(["AB CD", "EFG"], margin=60)
    h, w = page.shape
    ys = np.mgrid[0 : h + 240, 0 : w + 240][0].astype(np.float32)
    photo = (105 + 25 * np.sin(ys / 6.0)).astype(np.uint8)  # wood grain in bands
    photo[120 : 120 + h, 120 : 120 + w] = page
    alone, on_desk = segment_page(page), segment_page(photo)
    assert on_desk.page is not None and on_desk.page.found
    assert [len(line.boxes) for line in on_desk.lines] == [len(line.boxes) for line in alone.lines] == [4, 3]


def test_small_body_text_under_a_large_heading_is_read_enlarged() -> None:
    # The heading's broad strokes hold most of the page's ink; the page's glyph size for enlarging is its
    # smaller text's, which is what must be read.
    page = np.full((300, 900), 235, np.uint8)
    cv2.putText(page, "Big Heading", (30, 100), cv2.FONT_HERSHEY_SIMPLEX, 2.5, 30, 5, cv2.LINE_AA)
    for row in range(4):
        cv2.putText(page, "small body text under a large heading, read enlarged", (30, 160 + 30 * row),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.5, 30, 1, cv2.LINE_AA)  # fmt: skip
    assert enlargement(white_balance(page).ink) >= 2.0


def test_binding_holes_are_taken_away_before_the_page_is_measured_for_enlarging(draw_page) -> None:
    # Small round blobs down the side would pass for small print: the page would be read enlarged for them.
    page = np.pad(draw_page(["SHOPPING LIST", "MILK 2 EGGS 12", "BREAD AND JAM", "COFFEE 500G"], line_gap=2.0),
                  ((40, 40), (70, 40)), constant_values=235)  # fmt: skip
    for y in range(20, page.shape[0] - 12, 30):
        cv2.ellipse(page, (22, y), (8, 6), 0, 0, 360, 60, -1, cv2.LINE_AA)
    seg = segment_page(page)
    assert seg.holes >= 10 and seg.scale == 1.0
    assert [len(line.boxes) for line in seg.lines] == [len(line.boxes) for line in segment_page(page[:, 45:]).lines]


def test_a_page_with_binding_holes_is_balanced_without_them(draw_page) -> None:
    # Black holes beside grey writing set the black point: the writing came out faint. Balanced again without
    # them, its strokes are full ink.
    page = np.pad(draw_page(["SHOPPING LIST", "MILK 2 EGGS 12", "BREAD AND JAM", "COFFEE 500G"], line_gap=2.0, ink=120),
                  ((40, 40), (70, 40)), constant_values=235)  # fmt: skip
    strokes = page < 160
    for y in range(20, page.shape[0] - 12, 30):
        cv2.ellipse(page, (22, y), (8, 6), 0, 0, 360, 5, -1, cv2.LINE_AA)
    seg = segment_page(page)
    assert seg.holes >= 10
    assert np.median(seg.ink[strokes]) > 0.9
    assert seg.balance is not None and seg.balance.black_point > 0.3  # the writing's, not the holes'


def test_a_dim_grainy_photo_is_read_not_taken_for_a_blank_page(draw_page, classifier) -> None:
    # Sensor noise of 30 grey levels: read as it was, the page gave "no ink found" and no text.
    lines = ["HELLO WORLD", "GRAINY 42"]
    page = draw_page(lines)
    noisy = np.clip(page + np.random.default_rng(3).normal(0, 30, page.shape), 0, 255).astype(np.uint8)
    result = read_page(noisy, classifier)
    assert result.text.splitlines() == lines and not result.warnings
