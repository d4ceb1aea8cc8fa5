"""Word-list correction: a non-word whose likely runner-up letters spell a word becomes that word, nothing else."""

import gzip

import numpy as np
import pytest

from models.charset import CLASSES, ligature_of
from ocr.decode import ReadOptions, decode_lines
from ocr.lexicon import ENGLISH, LexiconError, correct_words, load_lexicon
from ocr.splits import Cut
from segmentation.types import Box, Line

WORDS = frozenset(
    {"yellow", "inside", "table", "house", "mouse", "noh", "camera", "shadow", "modern", "barn", "sh", "since", "in"}
)


def _rows(readings: list[dict[str, float]]) -> np.ndarray:
    """One probability row per glyph: the given labels' shares, the rest spread thinly."""
    rows = np.full((len(readings), len(CLASSES)), 1e-5, np.float32)
    for row, shares in zip(rows, readings, strict=True):
        for label, p in shares.items():
            row[CLASSES.index(label)] = p
    return rows / rows.sum(axis=1, keepdims=True)


def _sure(word: str) -> list[dict[str, float]]:
    return [{c: 0.99} for c in word]


def _correct(labels: str, readings: list[dict[str, float]], spaces: list[bool] | None = None) -> str:
    spaces = spaces or [False] * len(labels)
    labels, flags = correct_words(list(labels), _rows(readings), CLASSES, spaces, WORDS)
    gaps = [" " if space and k else "" for k, space in enumerate(flags)]
    return "".join(gap + label for gap, label in zip(gaps, labels, strict=True))


def test_a_runner_up_letter_that_spells_a_word_is_taken() -> None:
    readings = [*_sure("YEL"), {"C": 0.7, "L": 0.25}, *_sure("OW")]  # a hand's L read as C
    assert _correct("YELCOW", readings) == "YELLOW"


def test_two_glyphs_may_change_but_only_to_letters_the_network_gave_a_share() -> None:
    readings = [
        *_sure("I"),
        {"M": 0.8, "N": 0.15},
        *_sure("S"),
        {"I": 0.9, "l": 0.08},
        {"O": 0.6, "D": 0.3},
        *_sure("E"),
    ]
    assert _correct("IMSIOE", readings) == "INSIDE"  # M->N and O->D; I->l not needed
    faint = [*_sure("I"), {"M": 0.99, "N": 0.004}, *_sure("S"), *_sure("I"), {"O": 0.6, "D": 0.3}, *_sure("E")]
    assert _correct("IMSIOE", faint) == "IMSIOE"  # N had under 1%: no reading of it spells a word


def test_the_likeliest_word_wins_and_case_follows_the_reading() -> None:
    readings = [{"h": 0.5, "m": 0.3, "n": 0.2}, *_sure("ouse")]
    assert _correct("house", readings) == "house"  # already a word: untouched
    readings = [{"w": 0.5, "m": 0.3, "h": 0.2}, *_sure("ouse")]
    assert _correct("wouse", readings) == "mouse"  # m is likelier than h
    readings = [{"W": 0.5, "M": 0.3, "H": 0.2}, *_sure("OUSE")]
    assert _correct("WOUSE", readings) == "MOUSE"


def test_words_with_digits_short_words_and_unknown_spellings_stay() -> None:
    assert _correct("TAB1E", [*_sure("TAB"), {"1": 0.6, "l": 0.3}, *_sure("E")]) == "TAB1E"  # a token with a digit
    assert _correct("NOM", [*_sure("NO"), {"M": 0.6, "H": 0.3}]) == "NOH"  # three letters are a word
    assert _correct("NM", [*_sure("N"), {"M": 0.6, "O": 0.3}]) == "NM"  # two are not looked at
    assert _correct("QZXV", [{c: 0.6, "A": 0.3} for c in "QZXV"]) == "QZXV"  # nothing spells a word


def test_each_word_of_a_line_is_corrected_on_its_own_and_marks_around_it_stay() -> None:
    labels = '"TABCE," HOUSE'
    quote = {'"': 0.99}
    readings = [quote, *_sure("TAB"), {"C": 0.6, "L": 0.35}, *_sure("E"), {",": 0.99}, quote, *_sure("HOUSE")]
    spaces = [False] * 8 + [True] + [False] * 4
    assert _correct(labels.replace(" ", ""), readings, spaces) == '"TABLE," HOUSE'


def test_decoding_with_a_word_list_reports_the_corrected_letters_own_share() -> None:
    readings = [*_sure("YEL"), {"C": 0.7, "L": 0.25}, *_sure("OW")]
    line = Line(top=5, bottom=35, boxes=tuple(Box(20 * k, 10, 14, 20) for k in range(6)))
    flags = [[False] * 6]
    (plain,) = decode_lines((line,), _rows(readings), CLASSES, flags, ReadOptions(context=False))
    (fixed,) = decode_lines((line,), _rows(readings), CLASSES, flags, ReadOptions(context=False, words=WORDS))
    assert plain.text == "YELCOW" and fixed.text == "YELLOW"
    assert fixed.glyphs[3].confidence == pytest.approx(0.25 / 0.95, abs=0.01)  # L and l, not C
    assert fixed.glyphs[3].alternatives[0][0] == "C"  # the network's own top readings are still reported


def test_a_letter_cut_in_two_is_joined_when_that_spells_a_word() -> None:
    # A wide M cut into r and n, an H into l and i: the pair becomes one letter, the second glyph empty.
    assert _correct("CARNERA", _sure("CARNERA")) == "CAMERA"
    assert _correct("Sliadow", _sure("Sliadow")) == "Shadow"
    # Words stay as read, and so does a non-word no join turns into one.
    for word in ("modern", "barn", "BARNS", "SIL"):  # (no two-letter word is joined: "SIL" is no "SH")
        assert _correct(word, _sure(word)) == word


def test_decoding_a_joined_letter_gives_it_both_pieces_box() -> None:
    readings = _sure("CARNERA")
    line = Line(top=5, bottom=35, boxes=tuple(Box(20 * k, 10, 14, 20) for k in range(7)))
    (read,) = decode_lines((line,), _rows(readings), CLASSES, [[False] * 7], ReadOptions(context=False, words=WORDS))
    assert read.text == "CAMERA" and len(read.glyphs) == 6
    assert read.glyphs[2].box == Box(40, 10, 34, 20) and read.glyphs[2].alternatives == (
        ("M", read.glyphs[2].confidence),
    )


def test_a_glyph_read_whole_becomes_its_cuts_letters_when_they_spell_a_word() -> None:
    # Blurred print: an "in" whose letters touch read as a sure m; its cut reads i and n (or 1 and n).
    cuts = [None, ("1", "n"), None, None]
    labels, _ = correct_words(list("smce"), _rows(_sure("smce")), CLASSES, [False] * 4, WORDS, cuts)
    assert labels == ["s", "in", "c", "e"]
    labels, _ = correct_words(list("SMCE"), _rows(_sure("SMCE")), CLASSES, [False] * 4, WORDS, cuts)
    assert labels == ["S", "IN", "C", "E"]  # cased as the word is
    # A word stays as read, and so do a cut that spells none and a word too short to judge.
    for word, cut in (("barn", [None, None, None, ("r", "n")]), ("smoe", cuts), ("m", [("i", "n")])):
        labels, _ = correct_words(list(word), _rows(_sure(word)), CLASSES, [False] * len(word), WORDS, cut)
        assert "".join(labels) == word


def test_decoding_a_glyph_read_as_its_cut_gives_each_part_its_box_and_reading() -> None:
    line = Line(top=5, bottom=35, boxes=tuple(Box(20 * k, 10, 14, 20) for k in range(4)))
    parts = (Box(20, 10, 5, 20), Box(26, 10, 8, 20))
    cut = Cut(parts, _rows([{"1": 0.7, "i": 0.2}, {"n": 0.9}]))
    options = ReadOptions(context=False, words=WORDS)
    (read,) = decode_lines((line,), _rows(_sure("smce")), CLASSES, [[False] * 4], options, ({line.boxes[1]: cut},))
    assert read.text == "since" and [g.box for g in read.glyphs[1:3]] == list(parts)
    assert read.glyphs[1].confidence == pytest.approx(1.0, abs=0.01)  # the i is as sure as the 1 and i together
    assert read.glyphs[1].alternatives[0][0] == "1"  # the part's own top readings
    (plain,) = decode_lines((line,), _rows(_sure("smce")), CLASSES, [[False] * 4], ReadOptions(context=False))
    assert plain.text == "smce"


def test_the_shipped_english_list_and_word_files(tmp_path) -> None:
    english = load_lexicon("english")
    assert english is not None and len(english) > 50_000
    assert {"yellow", "inside", "table", "the"} <= english and "yelcow" not in english
    assert all(w == w.lower() for w in list(english)[:1000])
    assert load_lexicon("none") is None
    plain = tmp_path / "words.txt"
    plain.write_text("Straße\nzebra\n\n", encoding="utf-8")
    assert load_lexicon(str(plain)) == {"straße", "zebra"}
    packed = tmp_path / "words.txt.gz"
    packed.write_bytes(gzip.compress(b"alpha\nbeta\n"))
    assert load_lexicon(str(packed)) == {"alpha", "beta"}
    assert ENGLISH.stat().st_size < 300_000


@pytest.mark.parametrize("content", [None, b"", b"\xff\xfe\x00bad", b"\x1f\x8b\x08broken"])
def test_unreadable_word_lists_are_a_usage_error(tmp_path, content) -> None:
    path = tmp_path / "words.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LexiconError, match="--lexicon"):
        load_lexicon(str(path))


def test_a_changed_letter_takes_the_case_of_the_words_other_letters() -> None:
    readings = [*_sure("YEL"), {"c": 0.7, "L": 0.25}, *_sure("OW")]  # the C read small, as geometry may say
    assert _correct("YELcOW", readings) == "YELLOW"
    readings = [*_sure("yel"), {"C": 0.7, "l": 0.25}, *_sure("ow")]
    assert _correct("yelCow", readings) == "yellow"
    readings = [{"W": 0.6, "M": 0.3}, *_sure("ouse")]  # a capital opening a small word stays one
    assert _correct("Wouse", readings) == "Mouse"


def _gaps(text: str) -> tuple[str, list[bool]]:
    """The glyphs of a line and, for each, whether a word gap comes before it."""
    letters, spaces = "", []
    for k, c in enumerate(text):
        if c != " ":
            letters += c
            spaces.append(k > 0 and text[k - 1] == " ")
    return letters, spaces


def test_a_word_split_by_a_gap_is_joined_and_two_words_stay_apart() -> None:
    for text, expected in [("TAB LE", "TABLE"), ("HOUSE MOUSE", "HOUSE MOUSE"), ("TAB LEX", "TAB LEX")]:
        letters, spaces = _gaps(text)
        assert _correct(letters, _sure(letters), spaces) == expected
    # Joined before any correction: "ST REET" read "ST REEL" when its second half was corrected alone.
    letters, spaces = _gaps("ST REET")
    readings = _rows([*_sure("STREE"), {"T": 0.7, "L": 0.2}])
    labels, flags = correct_words(list(letters), readings, CLASSES, spaces, frozenset({"street", "reel"}))
    assert "".join(labels) == "STREET" and not any(flags[1:])


def test_a_leaning_stroke_read_as_a_slash_is_the_i_or_l_that_spells_a_word() -> None:
    leaning = {"/": 0.94, "l": 0.03, "1": 0.02}  # a writer's I or l leaning like a slash
    assert _correct("/NSIDE", [leaning, *_sure("NSIDE")]) == "INSIDE"  # opening the word, too
    assert _correct("TAB/E", [*_sure("TAB"), leaning, *_sure("E")]) == "TABLE"
    assert _correct("ta/le", [*_sure("ta"), leaning, *_sure("le")]) == "ta/le"  # no i or l spells a word
    assert _correct("TAB/E", [*_sure("TAB"), {"/": 0.999}, *_sure("E")]) == "TAB/E"  # a sure slash
    slash = [*_sure("house"), leaning, *_sure("mouse")]  # "house/mouse": a slash between two words stays
    assert _correct("house/mouse", slash) == "house/mouse"


def test_a_glyph_read_as_a_ligature_is_the_pair_that_looks_like_it_when_that_spells_a_word() -> None:
    # Small serif print: the crossbar of f or t touches the next letter and the pair reads as a ligature.
    words = frozenset({"after", "from", "letters", "offer", "fitter"})

    def rows(read: list[str]) -> np.ndarray:
        return _rows([{ligature_of(label): 0.99} for label in read])

    respelt = [
        (["A", "fl", "e", "r"], "After"),
        (["fi", "o", "m"], "from"),
        (["l", "e", "ff", "e", "r", "s"], "letters"),
    ]
    for read, meant in [*respelt, (["F", "I", "fl", "E", "R"], "FITTER")]:
        typeset = [ligature_of(label) for label in read]  # the labels as the network's classes
        labels, _ = correct_words(typeset, rows(read), CLASSES, [False] * len(read), words)
        assert "".join(labels) == meant
    # A word with a true ligature stays, and so does a non-word no look-alike pair turns into a word.
    for read in (["o", "ff", "e", "r"], ["a", "fl", "d"]):
        typeset = [ligature_of(label) for label in read]
        labels, _ = correct_words(typeset, rows(read), CLASSES, [False] * len(read), words)
        assert labels == typeset


def test_decoding_a_respelt_ligature_keeps_its_one_glyph_as_sure_as_the_ligature() -> None:
    readings = [{"A": 0.99}, {ligature_of("fl"): 0.8, "n": 0.15}, {"e": 0.99}, {"r": 0.99}]
    line = Line(top=5, bottom=35, boxes=tuple(Box(20 * k, 10, 14, 20) for k in range(4)))
    options = ReadOptions(context=False, words=frozenset({"after"}))
    rows = _rows(readings)
    (read,) = decode_lines((line,), rows, CLASSES, [[False] * 4], options)
    assert read.text == "After" and len(read.glyphs) == 4
    assert read.glyphs[1].label == "ft" and read.glyphs[1].confidence == pytest.approx(rows[1, CLASSES.index("\ufb02")])
