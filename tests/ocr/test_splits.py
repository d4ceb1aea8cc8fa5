import numpy as np

from ocr.splits import choose_alternatives, passed_over_cuts, shape_confidence
from segmentation.alternatives import Alternatives
from segmentation.types import Box, Line

CLASSES = ("m", "r", "n", "e", "f", "M")


def _row(**probs: float) -> np.ndarray:
    row = np.full(len(CLASSES), 0.01, np.float32)
    for label, p in probs.items():
        row[CLASSES.index(label)] = p
    return row / row.sum()


def _line() -> tuple[tuple[Line, ...], tuple[Alternatives, ...]]:
    wide = Box(10, 0, 40, 20)
    parts = (Box(10, 0, 20, 20), Box(30, 0, 20, 20))
    return (Line(0, 20, (Box(0, 0, 8, 20), wide)),), (Alternatives(splits={1: parts}),)


def test_keeps_a_wide_glyph_whole_when_it_reads_well_whole() -> None:
    lines, proposals = _line()
    probs = np.stack([_row(e=0.9), _row(m=0.5, M=0.4), _row(r=0.6), _row(n=0.6)])
    found, rows = choose_alternatives(lines, proposals, probs, CLASSES)
    assert len(found[0].boxes) == 2 and rows.shape == (2, len(CLASSES))
    assert np.array_equal(rows[1], probs[1])


def test_cuts_a_wide_box_when_its_parts_read_much_better() -> None:
    lines, proposals = _line()
    probs = np.stack([_row(e=0.9), _row(m=0.3, n=0.3), _row(e=0.95), _row(f=0.9)])
    found, rows = choose_alternatives(lines, proposals, probs, CLASSES)
    assert [b.x for b in found[0].boxes] == [0, 10, 30]
    assert np.array_equal(rows[1:], probs[2:])


def test_a_box_read_whole_keeps_its_best_cut_and_a_join_its_pieces_for_the_word_list() -> None:
    lines, proposals = _line()
    probs = np.stack([_row(e=0.9), _row(m=0.5, M=0.4), _row(r=0.6), _row(n=0.6)])
    found, _ = choose_alternatives(lines, proposals, probs, CLASSES)
    (cuts,) = passed_over_cuts(lines, proposals, probs, CLASSES, found)
    wide = lines[0].boxes[1]
    assert list(cuts) == [wide] and cuts[wide].boxes == proposals[0].splits[1]
    assert np.array_equal(cuts[wide].rows, probs[2:])
    # Cut instead, the box is no longer there to be read otherwise.
    probs = np.stack([_row(e=0.9), _row(m=0.3, n=0.3), _row(e=0.95), _row(f=0.9)])
    found, _ = choose_alternatives(lines, proposals, probs, CLASSES)
    assert passed_over_cuts(lines, proposals, probs, CLASSES, found) == ({},)
    # A join keeps the pieces it was made of, read as they were.
    lines, alternatives = _pair()
    probs = np.stack([_row(r=0.3, f=0.3), _row(r=0.3, e=0.3), _row(e=0.9), _row(n=0.95)])
    found, _ = choose_alternatives(lines, alternatives, probs, CLASSES)
    (cuts,) = passed_over_cuts(lines, alternatives, probs, CLASSES, found)
    joined = found[0].boxes[0]
    assert list(cuts) == [joined] and cuts[joined].boxes == lines[0].boxes[:2]
    assert np.array_equal(cuts[joined].rows, probs[:2])


def test_shape_confidence_adds_look_alikes_only() -> None:
    classes = ("o", "O", "0", "l", "1", "a", "A", "b")
    row = np.array([0.4, 0.2, 0.1, 0.1, 0.1, 0.04, 0.03, 0.03])
    assert abs(shape_confidence(row, classes) - 0.7) < 1e-6  # o, O and 0 are one shape
    bar = np.array([0.02, 0.02, 0.02, 0.5, 0.4, 0.02, 0.01, 0.01])
    assert abs(shape_confidence(bar, classes) - 0.9) < 1e-6  # l and 1: a bare stroke either way


def _pair() -> tuple[tuple[Line, ...], tuple[Alternatives, ...]]:
    stems = (Box(0, 0, 4, 20), Box(7, 0, 4, 20), Box(20, 0, 12, 20))
    return (Line(0, 20, stems),), (Alternatives(merges={0: Box(0, 0, 11, 20)}),)


def test_joins_two_pieces_that_read_much_better_as_one() -> None:
    lines, alternatives = _pair()
    probs = np.stack([_row(r=0.3, f=0.3), _row(r=0.3, e=0.3), _row(e=0.9), _row(n=0.95)])  # last: the joined box
    found, rows = choose_alternatives(lines, alternatives, probs, CLASSES)
    assert [b.x for b in found[0].boxes] == [0, 20] and found[0].boxes[0].w == 11
    assert np.array_equal(rows[0], probs[3]) and np.array_equal(rows[1], probs[2])


def test_keeps_two_confident_narrow_glyphs_apart() -> None:
    lines, alternatives = _pair()
    probs = np.stack([_row(r=0.9), _row(r=0.9), _row(e=0.9), _row(n=0.8)])
    found, _ = choose_alternatives(lines, alternatives, probs, CLASSES)
    assert len(found[0].boxes) == 3


def test_two_confident_stems_join_when_together_they_read_as_a_letter() -> None:
    # An n whose arch fell under the ink level: each stem is surely a stroke, but a stroke is what any broken
    # letter's piece looks like, so the confident n wins.
    classes = ("1", "l", "n", "e")
    stems = (Box(0, 0, 4, 20), Box(7, 0, 4, 20))
    lines, alternatives = (Line(0, 20, stems),), (Alternatives(merges={0: Box(0, 0, 11, 20)}),)
    probs = np.array([[0.97, 0.01, 0.01, 0.01], [0.95, 0.03, 0.01, 0.01], [0.01, 0.01, 0.97, 0.01]], np.float32)
    found, rows = choose_alternatives(lines, alternatives, probs, classes)
    assert len(found[0].boxes) == 1 and classes[int(rows[0].argmax())] == "n"


def test_three_pieces_join_when_that_reads_better_than_any_pair() -> None:
    classes = ("1", "n", "m", "e")
    stems = (Box(0, 0, 4, 20), Box(7, 0, 4, 20), Box(14, 0, 4, 20))
    alternatives = Alternatives(merges={0: Box(0, 0, 11, 20), 1: Box(7, 0, 11, 20)}, triples={0: Box(0, 0, 18, 20)})
    stem, n, m = [0.97, 0.01, 0.01, 0.01], [0.02, 0.9, 0.07, 0.01], [0.01, 0.03, 0.95, 0.01]
    probs = np.array([stem, stem, stem, n, n, m], np.float32)  # three stems, two pairs, the triple
    found, rows = choose_alternatives((Line(0, 20, stems),), (alternatives,), probs, classes)
    assert found[0].boxes == (Box(0, 0, 18, 20),) and classes[int(rows[0].argmax())] == "m"


def test_a_stroke_linked_by_faint_ink_to_its_neighbour_joins_it_when_together_they_read_well() -> None:
    # The first stem of an m whose first arch fell under the ink level, beside the rest of it read as an n.
    classes = ("1", "n", "m", "e")
    pieces = (Box(0, 0, 4, 20), Box(7, 0, 12, 20))
    stem, n, m = [0.97, 0.01, 0.01, 0.01], [0.01, 0.96, 0.02, 0.01], [0.01, 0.03, 0.95, 0.01]
    probs = np.array([stem, n, m], np.float32)
    for linked, joined in ((frozenset({0}), True), (frozenset(), False)):
        alternatives = Alternatives(merges={0: Box(0, 0, 19, 20)}, linked=linked)
        found, _ = choose_alternatives((Line(0, 20, pieces),), (alternatives,), probs, classes)
        assert (len(found[0].boxes) == 1) is joined


def test_a_piece_joins_the_neighbour_it_reads_best_with_not_the_first_one_offered() -> None:
    # "rn" in blurred serif print: an r, then the two stems of an n whose arch fell under the ink level. The r
    # and the first stem also read as a sure n, but then the second stem is left alone as a doubtful stroke;
    # the whole line reads best as r + n.
    classes = ("1", "r", "n", "e")
    boxes = (Box(0, 0, 8, 20), Box(10, 0, 4, 20), Box(17, 0, 4, 20))
    alternatives = Alternatives(merges={0: Box(0, 0, 14, 20), 1: Box(10, 0, 11, 20)}, linked=frozenset({0, 1}))
    r, stem, n = [0.01, 0.97, 0.01, 0.01], [0.8, 0.1, 0.05, 0.05], [0.01, 0.01, 0.97, 0.01]
    probs = np.array([r, stem, stem, n, n], np.float32)  # three boxes, then the two joins
    found, rows = choose_alternatives((Line(0, 20, boxes),), (alternatives,), probs, classes)
    assert found[0].boxes == (Box(0, 0, 8, 20), Box(10, 0, 11, 20))
    assert [classes[int(row.argmax())] for row in rows] == ["r", "n"]


def _wide_line(width: int) -> tuple[Line, Box]:
    """Three ordinary 20 px glyphs and one box `width` px wide after them."""
    wide = Box(70, 0, width, 20)
    return Line(0, 20, (Box(0, 0, 20, 20), Box(22, 0, 20, 20), Box(44, 0, 20, 20), wide)), wide


def test_the_cut_whose_parts_read_best_is_taken_among_those_proposed() -> None:
    classes = ("w", "i", "m", "V", "n", "e")
    line, _ = _wide_line(36)
    thinnest = (Box(70, 0, 12, 20), Box(82, 0, 24, 20))  # inside the W: reads "V" and a poor "w"
    border = (Box(70, 0, 28, 20), Box(98, 0, 8, 20))  # at the W's edge: "w" and "i"
    alternatives = Alternatives(splits={3: thinnest}, more_splits={3: (border,)})
    e, whole = [0.01, 0.01, 0.01, 0.01, 0.01, 0.95], [0.1, 0.1, 0.6, 0.1, 0.05, 0.05]
    v, poor_w, w, i = (
        [0.02, 0.0, 0.0, 0.96, 0.01, 0.01],
        [0.6, 0.1, 0.1, 0.1, 0.1, 0.0],
        [0.97, 0, 0, 0.01, 0.01, 0.01],
        [0, 0.98, 0, 0, 0.01, 0.01],
    )
    probs = np.array([e, e, e, whole, v, poor_w, w, i], np.float32)
    found, _ = choose_alternatives((line,), (alternatives,), probs, classes)
    assert found[0].boxes[3:] == border


def test_a_box_too_wide_for_one_glyph_is_cut_when_its_parts_read_as_well_as_the_whole() -> None:
    classes = ("w", "i", "m", "V", "W", "e")
    e, m, w, i = [0, 0, 0, 0, 0, 1.0], [0, 0, 1.0, 0, 0, 0], [1.0, 0, 0, 0, 0, 0], [0, 0.98, 0, 0, 0, 0.02]
    for width, cut in ((36, False), (48, True)):  # 1.8 and 2.4 typical glyphs wide
        line, _ = _wide_line(width)
        parts = (Box(70, 0, width - 8, 20), Box(62 + width, 0, 8, 20))
        probs = np.array([e, e, e, m, w, i], np.float32)
        found, _ = choose_alternatives((line,), (Alternatives(splits={3: parts}),), probs, classes)
        assert (len(found[0].boxes) == 5) is cut
    # A W is two V's to any cut: it stays whole, however wide.
    v, big_w = [0, 0, 0, 1.0, 0, 0], [0, 0, 0, 0, 1.0, 0]
    line, wide = _wide_line(48)
    parts = (Box(70, 0, 24, 20), Box(94, 0, 24, 20))
    found, _ = choose_alternatives(
        (line,), (Alternatives(splits={3: parts}),), np.array([e, e, e, big_w, v, v], np.float32), classes
    )
    assert found[0].boxes[3] == wide


def _sure(label: str, p: float) -> np.ndarray:
    """A row giving `label` probability p and sharing the rest evenly."""
    row = np.full(len(CLASSES), (1 - p) / (len(CLASSES) - 1), np.float64)
    row[CLASSES.index(label)] = p
    return row


def test_a_box_is_cut_when_its_parts_are_many_times_less_likely_wrong_than_the_whole() -> None:
    # A kerned "Ta" read as one B at 0.97: no margin over the whole is possible, but its parts are near certain.
    lines, proposals = _line()
    probs = np.stack([_sure("e", 0.99), _sure("M", 0.97), _sure("r", 0.99995), _sure("n", 0.99995)])
    found, _ = choose_alternatives(lines, proposals, probs, CLASSES)
    assert [b.x for b in found[0].boxes] == [0, 10, 30]
    # An m read at 0.99999 stays whole against an "rn" at 0.9998: the cut would be twenty times likelier wrong.
    probs = np.stack([_sure("e", 0.99), _sure("m", 0.99999), _sure("r", 0.9999), _sure("n", 0.9999)])
    found, _ = choose_alternatives(lines, proposals, probs, CLASSES)
    assert [b.x for b in found[0].boxes] == [0, 10]


def test_an_i_with_its_dot_is_not_joined_into_a_small_letter() -> None:
    # Blurred serif "in": the i (its dot found in the ink) and an n read together as a sure m. No m reaches up
    # to where an i's dot stands, so the two stay apart; the same pair without the dot found joins.
    classes = ("i", "n", "m", "6", "(")
    boxes = (Box(0, 0, 4, 20), Box(7, 5, 10, 15))
    i, n, m = [0.9, 0.04, 0.04, 0.01, 0.01], [0.02, 0.9, 0.06, 0.01, 0.01], [0.001, 0.002, 0.995, 0.001, 0.001]
    probs = np.array([i, n, m], np.float32)
    for dotted, joined in ((frozenset({boxes[0]}), False), (frozenset(), True)):
        alternatives = Alternatives(merges={0: Box(0, 0, 17, 20)}, linked=frozenset({0}), dotted=dotted)
        found, _ = choose_alternatives((Line(0, 20, boxes),), (alternatives,), probs, classes)
        assert (len(found[0].boxes) == 1) is joined
    # A sure tall glyph may take it in: the ball of a serif 6 broken off its bowl stands like a dot.
    six = np.array([0.001, 0.001, 0.001, 0.996, 0.001], np.float32)
    alternatives = Alternatives(merges={0: Box(0, 0, 17, 20)}, linked=frozenset({0}), dotted=frozenset({boxes[1]}))
    found, _ = choose_alternatives(
        (Line(0, 20, boxes),), (alternatives,), np.array([[0, 0, 0, 0.1, 0.9], i, six], np.float32), classes
    )
    assert len(found[0].boxes) == 1


def test_a_box_is_cut_where_a_part_is_an_i_with_its_dot() -> None:
    # A serif "ri" touching, read whole as a sure h: its right part, cut, is an i with a dot.
    classes = ("h", "r", "i", "e")
    wide = Box(0, 0, 20, 30)
    parts = (Box(0, 10, 10, 20), Box(12, 0, 6, 30))
    h, r, i = [0.97, 0.01, 0.01, 0.01], [0.1, 0.6, 0.2, 0.1], [0.02, 0.02, 0.9, 0.06]
    probs = np.array([h, r, i], np.float32)
    for dotted, cut in ((frozenset({parts[1]}), True), (frozenset(), False)):
        alternatives = Alternatives(splits={0: parts}, dotted=dotted)
        found, _ = choose_alternatives((Line(0, 30, (wide,)),), (alternatives,), probs, classes)
        assert (len(found[0].boxes) == 2) is cut


def test_a_period_cut_off_a_letter_counts_every_dot_like_mark_as_its_reading() -> None:
    # "r." in one box, read as an r at 0.81. Cut, the period is a blob the network spreads over . , * " ':
    # where it sits tells which, so together they are its confidence, and the cut wins.
    classes = ("r", "n", "L", ".", ",", "*", '"', "'")
    whole = np.array([0.81, 0.08, 0.11, 0, 0, 0, 0, 0], np.float32)
    r = np.array([0.998, 0.001, 0.001, 0, 0, 0, 0, 0], np.float32)
    dot = np.array([0.02, 0.01, 0.01, 0.47, 0.21, 0.13, 0.08, 0.07], np.float32)
    parts = (Box(0, 0, 14, 20), Box(15, 16, 4, 4))
    alternatives = Alternatives(splits={0: parts})
    found, _ = choose_alternatives(
        (Line(0, 20, (Box(0, 0, 19, 20),)),), (alternatives,), np.stack([whole, r, dot]), classes
    )
    assert found[0].boxes == parts


def test_a_bar_cut_off_at_a_glyphs_foot_is_its_stroke_but_a_hyphen_halfway_up_is_cut_off() -> None:
    # A hand's 2 whose foot ran on thin, read whole as a 2 at 0.78; cut, its body reads 2 and the foot a hyphen.
    classes = ("2", "Z", "-", "3")
    whole = np.array([0.78, 0.2, 0.01, 0.01], np.float32)
    two, bar = np.array([0.99, 0.01, 0, 0], np.float32), np.array([0, 0, 0.95, 0.05], np.float32)
    wide = Box(0, 0, 50, 46)
    for bar_box, cut in (
        (Box(36, 38, 14, 8), False),  # level with the 2's foot
        (Box(20, 20, 20, 6), False),  # mostly within its columns (an E's middle bar)
        (Box(36, 18, 14, 8), True),  # halfway up: a hyphen after the 2
    ):
        parts = (Box(0, 0, 36, 46), bar_box)
        alternatives = Alternatives(splits={0: parts})
        found, _ = choose_alternatives((Line(0, 46, (wide,)),), (alternatives,), np.stack([whole, two, bar]), classes)
        assert (found[0].boxes == parts) is cut
