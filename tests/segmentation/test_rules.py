import cv2
import numpy as np

from segmentation.characters import box_characters
from segmentation.lines import find_text_lines
from segmentation.rules import remove_rules
from segmentation.whitebalance import white_balance


def _ruled(page: np.ndarray, every: int, margin_x: int | None = None, level: int = 80) -> np.ndarray:
    """The page printed on ruled paper: pen ink lies over the rules, so the darker of the two wins."""
    paper = np.full_like(page, 255)
    for y in range(every // 2, page.shape[0], every):
        cv2.line(paper, (0, y), (page.shape[1] - 1, y), level, 2)
    if margin_x is not None:
        cv2.line(paper, (margin_x, 0), (margin_x, page.shape[0] - 1), 90, 2)
    return np.minimum(page, paper)


def test_ruled_lines_and_a_margin_line_are_removed_and_text_stays(draw_page) -> None:
    page = draw_page(["RULED PAPER", "SECOND LINE", "THIRD LINE"], line_gap=2.4)
    clean = white_balance(page).ink
    ruled_ink = white_balance(_ruled(page, every=37, margin_x=20)).ink
    removal = remove_rules(ruled_ink)
    assert removal.horizontal >= 3 and removal.vertical == 1
    text = clean > 0.5
    assert (removal.ink[text] > 0.35).mean() > 0.9  # text ink survives (crossing strokes are bridged)
    assert (removal.ink[~text] > 0.35).mean() < 0.01  # rules are gone
    lines = find_text_lines(removal.ink)
    assert len(lines) == 3
    assert [len(box_characters(removal.ink, line)) for line in lines] == [10, 10, 9]


def _bent_rules(page: np.ndarray, every: int, sag: float, gap: tuple[int, int] | None = None) -> np.ndarray:
    """The page on ruled paper that curls: every rule sags `sag` pixels in the middle (a parabola); `gap`: the
    columns where glare wipes the rules out, leaving them in pieces."""
    paper = np.full_like(page, 255)
    h, w = page.shape
    xs = np.arange(w)
    bend = sag * (1 - ((xs - w / 2) / (w / 2)) ** 2)
    for y in range(every // 2, h, every):
        points = np.column_stack([xs, np.round(y + bend)]).astype(np.int32)
        cv2.polylines(paper, [points], False, 80, 2)
    if gap is not None:
        paper[:, gap[0] : gap[1]] = 255
    return np.minimum(page, paper)


def test_rules_a_curled_page_bends_are_removed_and_text_stays(draw_page) -> None:
    # Sagging 30 px over the page (a glyph height), no rule runs straight for 30% of the width; glare cuts them
    # into pieces.
    page = draw_page(["A CURLED NOTEBOOK PAGE", "BENDS ITS RULED LINES", "THIRD LINE"], line_gap=2.4)
    clean = white_balance(page).ink
    for gap in (None, (page.shape[1] // 2 - 20, page.shape[1] // 2 + 20)):
        removal = remove_rules(white_balance(_bent_rules(page, every=50, sag=30.0, gap=gap)).ink)
        text = clean > 0.5
        assert removal.horizontal >= 3
        assert (removal.ink[text] > 0.35).mean() > 0.85  # letters crossing a rule keep their strokes
        assert (removal.ink[~text] > 0.35).mean() < 0.015  # (a rule's rim along a letter's edge may stay)
        assert len(find_text_lines(removal.ink)) == 3


def test_a_page_without_rules_is_untouched(draw_page) -> None:
    ink = white_balance(draw_page(["NO RULES HERE"])).ink
    removal = remove_rules(ink)
    assert removal.horizontal == removal.vertical == 0
    assert np.array_equal(removal.ink, ink)


def test_a_photo_cropped_round_one_line_keeps_its_tall_strokes() -> None:
    # The stems of 1 and H run down most of a photo of "1HO" cropped tight round it: long and thin for the page,
    # yet no taller than the line, where a rule runs past it.
    page = np.full((150, 300), 235, np.uint8)
    for x in (40, 120, 180):
        cv2.line(page, (x, 20), (x, 130), 30, 6)
    cv2.line(page, (120, 75), (180, 75), 30, 6)
    cv2.ellipse(page, (245, 75), (30, 55), 0, 0, 360, 30, 6)
    removal = remove_rules(white_balance(page).ink)
    assert removal.vertical == removal.horizontal == 0
    assert not removal.mask.any()


def test_faint_rules_never_become_ink(draw_page) -> None:
    page = draw_page(["FAINT RULES", "STAY PAPER"], line_gap=2.4)
    ink = white_balance(_ruled(page, every=37, level=150)).ink
    assert len(find_text_lines(remove_rules(ink).ink)) == 2


def _on_a_desk(page: np.ndarray, border: int = 120, desk: int = 70) -> np.ndarray:
    """The page photographed lying on a dark, grainy desk that shows all round it, the shade of the paper's
    own edge a dark rim along it (what flattening leaves as a ruled outline round the page)."""
    h, w = page.shape
    grain = np.random.default_rng(5).normal(0, 12, (h + 2 * border, w + 2 * border))
    photo = np.clip(desk + grain, 0, 255).astype(np.uint8)
    photo[border : border + h, border : border + w] = page
    cv2.rectangle(photo, (border, border), (border + w - 1, border + h - 1), 30, 3)
    return cv2.GaussianBlur(photo, (0, 0), 1.0)


def test_the_edge_of_a_page_on_a_dark_desk_is_removed_and_the_text_read(draw_page) -> None:
    page = draw_page(["ON THE DESK", "PAGE EDGE"], line_gap=2.4, margin=60)
    ink = white_balance(_on_a_desk(page)).ink
    assert (ink > 0.35).sum() > 1.5 * (white_balance(page).ink > 0.35).sum()  # the flattened edge reads as ink
    removal = remove_rules(ink)
    assert removal.outlines == 1
    lines = find_text_lines(removal.ink)
    assert [len(box_characters(removal.ink, line)) for line in lines] == [9, 8]


def test_the_desk_beyond_a_page_is_taken_away_but_text_outside_a_drawn_frame_is_not(draw_page) -> None:
    page = draw_page(["ON THE DESK", "PAGE EDGE"], line_gap=2.4, margin=60)
    photo = _on_a_desk(page, border=120)
    grain = np.random.default_rng(9).random(photo.shape) < 0.002  # dark flecks in the desk's grain
    photo[grain] = 20
    for x in range(30, 450, 70):  # and six blots of a glyph's size: a word or two would be text, six are grain
        cv2.circle(photo, (x, 40), 12, 10, -1)
    balance = white_balance(photo)
    removal = remove_rules(balance.ink, balance.background)
    outside = np.ones(photo.shape, bool)
    outside[90:-90, 90:-90] = False  # 30 pixels off the page: beyond its outline
    assert (balance.ink[outside] > 0.35).any() and not removal.ink[outside].any()
    assert [len(box_characters(removal.ink, line)) for line in find_text_lines(removal.ink)] == [9, 8]
    # A frame drawn round some words on the page: the paper outside it is as bright, so its text stays.
    framed = draw_page(["FRAMED WORDS", "INSIDE A BOX", "AND MORE HERE"], line_gap=2.4, margin=60)
    h, w = framed.shape
    cv2.rectangle(framed, (20, 20), (w - 20, int(h * 0.6)), 30, 3)
    balance = white_balance(framed)
    removal = remove_rules(balance.ink, balance.background)
    assert removal.outlines == 1
    assert len(find_text_lines(removal.ink)) == 3


def test_a_shadow_across_the_page_is_not_taken_for_a_desk_beyond_an_outline(draw_page) -> None:
    """A sharp shadow over most of the page, the light falling on its corner: the page's edges there against
    the desk are one L-shaped piece round the last glyphs of each line, and all beyond it is darker. But the
    writing in the shadow is text, so it is page, not desk."""
    page = draw_page(["SHADED WORDS 71", "MORE TEXT IN 83", "THIRD LINE 42"], line_gap=2.4, margin=60)
    h, w = page.shape
    lit = int(w * 0.72)
    photo = np.pad(page, ((0, 16), (0, 16)), mode="edge").astype(np.float32)
    photo[h:, lit:] = photo[:, w:] = 70  # the desk beyond the page's corner, where the light falls
    photo[:, :lit] *= 0.5
    balance = white_balance(cv2.GaussianBlur(photo, (0, 0), 1.0).astype(np.uint8))
    removal = remove_rules(balance.ink, balance.background)
    assert removal.outlines == 1  # the edges are still taken away...
    lines = find_text_lines(removal.ink)  # ...but not the shaded page
    assert [len(box_characters(removal.ink, line)) for line in lines] == [13, 12, 11]


def test_rules_that_glyphs_link_together_are_not_an_outline() -> None:
    """Slanted rules (a tilted photo: the straight-rule search misses them) that tall strokes link into one
    zigzag piece around three lines of text: its middle rule crosses the middle, so it is no page edge."""
    ink = np.zeros((300, 640), np.float32)
    for row, y in enumerate((30, 120, 210)):
        cv2.line(ink, (0, y), (639, y + 15), 1.0, 2)
        cv2.putText(ink, "TEXT LINE " + "ABC"[row], (60, y + 60), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 1.0, 2)
    cv2.line(ink, (20, 25), (20, 125), 1.0, 2)  # tall strokes across two rules each
    cv2.line(ink, (600, 130), (600, 230), 1.0, 2)
    removal = remove_rules(ink)
    assert removal.horizontal == removal.vertical == removal.outlines == 0
    assert np.array_equal(removal.ink, ink)


def test_a_margin_line_off_upright_is_taken_away_when_the_straight_strokes_stage_found_it(draw_page) -> None:
    # A degree and a half off upright, the line drifts out of every single column before 40% of the page: the
    # runs looked for here miss it, and it was read as an I before every line. Found as a straight stroke along
    # the text, it is a rule, and the letters that touch it keep their strokes.
    page = np.pad(draw_page(["RULED PAPER", "SECOND LINE", "THIRD LINE"], line_gap=2.4), ((0, 0), (40, 0)),
                  constant_values=235)  # fmt: skip
    h = page.shape[0]
    margin = np.zeros(page.shape, np.uint8)
    cv2.line(margin, (30, 0), (30 + round(h * np.tan(np.radians(1.5))), h - 1), 1, 2)
    ink = white_balance(np.where(margin > 0, 90, page).astype(np.uint8)).ink
    assert remove_rules(ink).vertical == 0
    removal = remove_rules(ink, along=(np.zeros(page.shape, bool), margin > 0))
    assert removal.vertical == 1 and not (removal.ink[margin > 0] > 0.35).any()
    assert [len(box_characters(removal.ink, line)) for line in find_text_lines(removal.ink)] == [10, 10, 9]
