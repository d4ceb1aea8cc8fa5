"""The reading pipeline: gray page -> white balance -> desk beyond the page -> deskew -> rules -> lines -> slant
-> boxes -> glyphs -> classifier -> readings.

`read_page` is pure (array in, result out); `read_file` adds the one I/O step of reading the file's bytes.
`trace_page` returns every stage's output too, for the debugging view: the same objects, not a re-run.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from ocr.classifier import Classifier
from ocr.decode import ReadOptions, decode_lines
from ocr.layout import find_word_gaps
from ocr.orientation import (
    MIN_GLYPHS,
    POOR_READING,
    SIDEWAYS_LETTERS_FLOOR,
    TURN_MARGIN,
    best_turn,
    hangs_upright,
    reading_score,
    sample,
    turn_page,
    turned_over,
    worth_turning_sideways,
)
from ocr.remnants import drop_cut_off_marks, drop_grain_lines
from ocr.result import LineReading, PageResult
from ocr.source import load_page, open_page, with_file_warnings
from ocr.splits import choose_alternatives, passed_over_cuts
from segmentation.alternatives import Alternatives, glyph_ink, propose_alternatives
from segmentation.characters import box_characters, drop_speck_lines
from segmentation.deshake import NO_STREAK, Streak, darkness, measure_streak, other_lengths, remove_streak
from segmentation.deskew import SkewEstimate, estimate_skew, rotate, unrotate_box
from segmentation.errors import BlankPageError
from segmentation.holes import find_binding_holes
from segmentation.keystone import NO_KEYSTONE, Keystone, estimate_keystone, straighten, unstraighten_box
from segmentation.lines import LineSearch, search_text_lines
from segmentation.load import DEFAULT_MAX_PIXELS
from segmentation.normalise import normalise_glyph
from segmentation.page import PageOutline, confirm_page, grained_page, page_candidates
from segmentation.pieces import INK_LEVEL, Pieces, glyph_height, ink_pieces
from segmentation.regions import Region, find_text_regions
from segmentation.rules import RuleRemoval, remove_rules
from segmentation.sharpen import sharpening, unsharp
from segmentation.slant import Slant, deslant, estimate_slant, line_bands
from segmentation.straight import ALONG_TEXT, StraightStrokes, find_straight_strokes, long_thin_pieces
from segmentation.surround import Surround, clear_beyond_page
from segmentation.types import Box, Line
from segmentation.whitebalance import WhiteBalance, light_on_dark, white_balance

# Pages whose typical glyph is under SMALL_GLYPH pixels tall are enlarged (smoothly) towards TARGET_GLYPH, by at
# most MAX_ENLARGE and to at most MAX_ENLARGED_PIXELS, and not at all when that is under MIN_ENLARGE.
SMALL_GLYPH = 14
# The page's glyph size for this is that of its smaller text: the height under which this share of its ink lies
# (body text under a large heading holds far less ink than half the page's, yet it is what must be read).
SMALL_TEXT_SHARE = 0.25
TARGET_GLYPH = 24
MAX_ENLARGE = 3.0
MIN_ENLARGE = 1.3
MAX_ENLARGED_PIXELS = 16_000_000
BLUR_SHARE = 0.075  # a page read at its own size is sharpened when its blur is this share of its small glyphs


@dataclass(frozen=True)
class Segmentation:
    """Everything the image stages found on a page, before classification.

    Lines and boxes are in the deskewed frame (the page turned by `skew_angle`); `to_page` maps them back.
    The stage results are kept (None on a blank page) so the debugging view shows what was really used.
    """

    ink: np.ndarray  # white-balanced, deskewed, rules removed, lines sheared upright
    lines: tuple[Line, ...]  # each with its boxes
    frames: np.ndarray  # (N, 28, 28) network inputs: every box in reading order, then every line's extra boxes
    alternatives: tuple[Alternatives, ...] = ()  # per line: cuts and joins the classifier may prefer
    skew_angle: float = 0.0
    warnings: tuple[str, ...] = ()
    balance: WhiteBalance | None = None
    skew: SkewEstimate | None = None
    rules: RuleRemoval | None = None
    line_search: LineSearch | None = None  # over the whole page
    regions: tuple[Region, ...] = ()  # the text blocks read one by one (one: the whole page)
    scale: float = 1.0  # how many times the page was enlarged before the stages (small print)
    page: PageOutline | None = None  # the page found lying on a desk, and the ink beyond it taken away
    surround: Surround | None = None  # the desk seen along the photo's edges, taken away before deskew
    slant: Slant | None = None  # the writer's lean, taken out of each line before its boxes are found
    straight: StraightStrokes | None = None  # long straight strokes: a pen across the page does not set the angle
    holes: int = 0  # a notebook's binding holes taken away before deskew (segmentation/holes.py)
    keystone: Keystone = NO_KEYSTONE  # lines fanning out, levelled by a perspective map after the deskew turn
    sharpened: tuple[float, float] | None = None  # a blurred page's unsharp mask: amount, blur in page pixels
    streak: Streak = NO_STREAK  # a shaken photo's motion blur, as measured when it was worth taking out...
    unstreaked: bool = False  # ...and whether it was (False: the page read surer as photographed)

    def to_page(self, box: Box) -> Box:
        box = self.slant.to_page(box) if self.slant else box
        box = unstraighten_box(box, self.keystone, self.ink.shape)
        box = unrotate_box(box, self.skew_angle, self.ink.shape)
        return box if self.scale == 1.0 else box.scaled(1.0 / self.scale)


def frame_boxes(lines: tuple[Line, ...], alternatives: tuple[Alternatives, ...]) -> list[Box]:
    """Every box the network reads: the lines' boxes in reading order, then each line's extra boxes."""
    return [box for line in lines for box in line.boxes] + [b for alt in alternatives for b in alt.extra_boxes()]


@dataclass(frozen=True)
class PageTrace:
    """A reading with everything that led to it."""

    segmentation: Segmentation
    lines: tuple[Line, ...]  # after the classifier chose which touching glyphs to cut (deskewed frame)
    probs: np.ndarray  # one row per glyph of `lines`, before the charset mask
    spaces: list[list[bool]]
    result: PageResult


def segment_page(gray: np.ndarray, enlarge: bool = True, unstreak: bool = True) -> Segmentation:
    """Run the image stages. A blank page gives no lines and a warning instead of an error.

    Small print is read from the page enlarged (`enlarge`; boxes still come back in the page's pixels); a
    photo streaked by a shaking hand is read with the streak taken out (`unstreak`).
    """
    try:
        balance, outline = balance_page(gray)
        surround = clear_beyond_page(outline.clear_beyond(balance.ink))
        pieces = ink_pieces(surround.ink > INK_LEVEL)
        holes, n_holes = find_binding_holes(surround.ink, pieces)
        if n_holes:
            # The holes are the darkest thing on the page and set its black point: the writing came out grey and
            # its hairlines fell under the ink level. The page is balanced again without them.
            grown = cv2.dilate(holes.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)  # their soft rims
            balance = white_balance(gray, outline.mask & ~grown, balance.inverted)
            surround = clear_beyond_page(outline.clear_beyond(np.where(grown, 0.0, balance.ink).astype(np.float32)))
            pieces = ink_pieces(surround.ink > INK_LEVEL)
    except BlankPageError as exc:
        empty = np.zeros((0, 28, 28), np.float32)
        return Segmentation(np.zeros(gray.shape, np.float32), (), empty, warnings=(str(exc),))
    if enlarge and unstreak:
        streak = measure_streak(darkness(gray, balance.background, outline.mask))
        if streak.applied:
            return replace(segment_page(remove_streak(gray, streak), unstreak=False), streak=streak, unstreaked=True)
    factor = enlargement(surround.ink, pieces) if enlarge else 1.0
    # A blurred page is sharpened, as it is enlarged or as it is, and read again: blur runs letters together.
    amount, sigma = sharpening(surround.ink) if enlarge else (0.0, 0.0)
    if factor > 1.0:
        big = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        enlarged = segment_page(unsharp(big, amount, sigma * factor), enlarge=False)
        return replace(enlarged, scale=factor, sharpened=(amount, sigma) if amount else None)
    if amount > 0.0 and sigma >= BLUR_SHARE * glyph_height(pieces, SMALL_TEXT_SHARE):
        # At ordinary sizes only a blur wide for the glyphs runs their letters together; a lesser one the mask
        # would only sharpen into noise.
        return replace(segment_page(unsharp(gray, amount, sigma), enlarge=False), sharpened=(amount, sigma))
    # Long straight strokes usually run along the text (rules, the page's edges) and help level it; a pen lying
    # across the page would outweigh the text instead. When the text alone disagrees, it sets the angle. Once
    # the page is level, a straight stroke along the text is a rule (the rules stage's); one across it goes now.
    straight = find_straight_strokes(surround.ink, pieces)
    skew = estimate_skew(surround.ink)
    strokes = long_thin_pieces(pieces, surround.ink.shape)  # a curled page's bent rules, say
    if straight.pieces:
        strokes |= straight.mask
    if strokes.any():
        text_only = estimate_skew(np.where(strokes, 0.0, surround.ink))
        skew = text_only if abs(text_only.angle - skew.angle) > ALONG_TEXT else skew
    angle = skew.angle if skew.applied else 0.0
    across = straight.across(angle)
    page = np.where(across, 0.0, surround.ink).astype(np.float32) if across.any() else surround.ink
    # Lines that fan out (the page photographed from one side) are levelled by a perspective map after the turn,
    # in the same resampling; the turned page the fan was measured on serves when there is none.
    turned = rotate(page, angle) if angle else page
    keystone = estimate_keystone(turned)
    level = straighten(page, keystone, angle) if keystone.applied else turned
    along = tuple(straighten(m.astype(np.float32), keystone, angle) > 0.5 if angle or keystone.applied else m
                  for m in straight.along(angle))  # fmt: skip
    rules = remove_rules(level, straighten(balance.background, keystone, angle), along=along)
    search = search_text_lines(rules.ink)
    regions = find_text_regions(rules.ink)
    # A region's lines and boxes are found on its ink alone: a line's band must not pick up the next column.
    inks = [rules.ink] if len(regions) == 1 else [_only(rules.ink, region) for region in regions]
    bands = [search.lines] if len(regions) == 1 else [search_text_lines(region_ink).lines for region_ink in inks]
    slant = estimate_slant(rules.ink, [band for region_bands in bands for band in region_bands])
    if len(regions) > 1:  # each text block is sheared about its own lines' middles
        blocks = [line_bands(b, region.left, region.right) for region, b in zip(regions, bands, strict=True)]
        inks = [deslant(region_ink, replace(slant, bands=b)) for region_ink, b in zip(inks, blocks, strict=True)]
        slant = replace(slant, bands=tuple(band for block in blocks for band in block))
        ink = np.maximum.reduce(inks)
    else:
        ink = inks[0] = deslant(rules.ink, slant)
    boxed: list[tuple[Line, np.ndarray]] = []
    for region_ink, region_bands in zip(inks, bands, strict=True):
        for band in region_bands:
            boxes = box_characters(region_ink, band)
            if boxes:
                boxed.append((Line(top=band.top, bottom=band.bottom, boxes=boxes), region_ink))
    text_lines = drop_speck_lines([line for line, _ in boxed])
    boxed = [(line, region_ink) for line, region_ink in boxed if line in text_lines]
    lines = [line for line, _ in boxed]
    proposals = tuple(propose_alternatives(region_ink, line, line.boxes) for line, region_ink in boxed)
    frames = [normalise_glyph(glyph_ink(ink, box, proposals)) for box in frame_boxes(tuple(lines), proposals)]
    warnings = () if lines else ("no text found: the page has ink but nothing shaped like characters",)
    stack = np.stack(frames) if frames else np.zeros((0, 28, 28), np.float32)
    return Segmentation(ink, tuple(lines), stack, proposals, angle, warnings, balance, skew, rules, search, regions,
                        page=outline, surround=surround, slant=slant, straight=straight, holes=n_holes,
                        keystone=keystone)  # fmt: skip


NO_INK_ON_PAGE = "no ink on the bright region: it is part of the page"
OVERREACH = 1.3  # a bright region this many times the smooth page found by its grain took in lit desk


def balance_page(gray: np.ndarray) -> tuple[WhiteBalance, PageOutline]:
    """White balance, with a page lying on a desk found first so that its paper is measured on the page, not
    on the desk's grain. When text lies beyond that page (or nothing is ink on it), the darker part was
    shadowed page: the next candidates (a larger region, see page_candidates) are tried, and on a grained
    desk the page found by its texture, and when none holds the text, the photo is balanced again as all page.
    Raises BlankPageError."""
    inverted = light_on_dark(gray)
    photo = 255 - gray if inverted else gray
    candidates = page_candidates(photo)
    outline, chosen = candidates[0], None
    textured = grained_page(photo) if outline.found else outline
    for k, candidate in enumerate(c for c in candidates if c.found):
        balanced = _confirmed(gray, candidate, inverted)
        if isinstance(balanced, PageOutline):
            outline = balanced if k == 0 else outline  # why the likeliest was not the page
        elif k > 0:
            # Text beyond the likeliest was shadowed page: of the larger candidates, the largest that holds it
            # all (a smaller one may still cut the text along its edge).
            why = f"{balanced[1].why} (a larger candidate; the likeliest: {outline.why})"
            chosen = balanced[0], replace(balanced[1], why=why)
        elif textured.found and candidate.mask.sum() > OVERREACH * textured.mask.sum():
            # The brightest region reaches far past the smooth page that the grain beyond outlines: it took in
            # lit desk (a sharp shadow left the rest of the desk darker). The smooth page, if it holds the text.
            by_grain = _confirmed(gray, textured, inverted)
            return balanced if isinstance(by_grain, PageOutline) else by_grain
        else:
            return balanced
    if textured.found and not (chosen and chosen[1].mask.sum() >= textured.mask.sum()):
        # A sharp shadow across the page and a grained desk can leave the shaded page as dark as the lit desk,
        # and no brightness level takes in the one without the other (or only with a shaded corner cut off);
        # the grain tells them apart. Of the two, the larger that holds all the text.
        by_grain = _confirmed(gray, textured, inverted)
        if not isinstance(by_grain, PageOutline):
            return by_grain[0], replace(by_grain[1], why=f"{by_grain[1].why} (the likeliest: {outline.why})")
    return chosen if chosen else (white_balance(gray, inverted=inverted), outline)


def _confirmed(
    gray: np.ndarray, candidate: PageOutline, inverted: bool
) -> tuple[WhiteBalance, PageOutline] | PageOutline:
    """The page balanced on a candidate outline and the outline, if no text lies beyond it; else the outline
    not found, saying why."""
    try:
        balance = white_balance(gray, candidate.mask, inverted)
    except BlankPageError:
        return PageOutline(np.ones(gray.shape, bool), False, NO_INK_ON_PAGE)
    confirmed = confirm_page(candidate, balance.ink)
    return (balance, confirmed) if confirmed.found else confirmed


def enlargement(ink: np.ndarray, pieces: Pieces | None = None) -> float:
    """How many times to enlarge a page whose glyphs are small: letters a few pixels apart touch and their
    hairlines fall under the ink level at that size, while a smoothly enlarged page keeps them apart. 1.0 for
    glyphs of SMALL_GLYPH pixels or more; never past MAX_ENLARGED_PIXELS."""
    glyph = glyph_height(pieces if pieces is not None else ink_pieces(ink > INK_LEVEL), SMALL_TEXT_SHARE)
    if not 0 < glyph < SMALL_GLYPH:
        return 1.0
    factor = min(MAX_ENLARGE, TARGET_GLYPH / glyph, (MAX_ENLARGED_PIXELS / ink.size) ** 0.5)
    return factor if factor >= MIN_ENLARGE else 1.0


def _only(ink: np.ndarray, region: Region) -> np.ndarray:
    """The page's ink inside the region, nothing outside it."""
    out = np.zeros_like(ink)
    out[region.slices] = ink[region.slices]
    return out


def _in_page_coordinates(seg: Segmentation, lines: tuple[LineReading, ...]) -> tuple[LineReading, ...]:
    """Boxes and line bands mapped from the deskewed (and enlarged) frame back to the original image's pixels."""
    if not seg.skew_angle and seg.scale == 1.0 and not (seg.slant and seg.slant.applied) and not seg.keystone.applied:
        return lines
    mapped = []
    for line in lines:
        glyphs = tuple(replace(g, box=seg.to_page(g.box)) for g in line.glyphs)
        x0 = min(g.box.x for g in line.glyphs)
        x1 = max(g.box.right for g in line.glyphs)
        band = seg.to_page(Box(x0, line.top, x1 - x0, line.bottom - line.top))
        mapped.append(LineReading(top=band.y, bottom=band.bottom, glyphs=glyphs))
    return tuple(mapped)


def trace_page(gray: np.ndarray, classifier: Classifier, options: ReadOptions | None = None) -> PageTrace:
    """Read a page and keep every stage's output. A page upside down or sideways is read turned upright
    (unless `options.orient` is off); the result says how (`PageResult.orientation`)."""
    options = options or ReadOptions()
    seg, raw = _segment_and_classify(gray, classifier)
    turn = which_way_up(gray, seg, raw, classifier) if options.orient else 0
    if turn:
        gray = turn_page(gray, turn)
        seg, raw = _segment_and_classify(gray, classifier)
    found, probs = choose_alternatives(seg.lines, seg.alternatives, raw, classifier.classes)
    labels = [classifier.classes[i] for i in probs.argmax(axis=1)] if len(probs) else []
    starts = np.cumsum([0] + [len(line.boxes) for line in found])
    spaces = find_word_gaps([line.boxes for line in found], [labels[a:b] for a, b in itertools.pairwise(starts)])
    cuts = None  # only the word list reads a box as its cut
    if options.words is not None:
        cuts = passed_over_cuts(seg.lines, seg.alternatives, raw, classifier.classes, found)
    lines = decode_lines(found, probs, classifier.classes, spaces, options, cuts)
    h, w = gray.shape
    lines = _in_page_coordinates(seg, lines)
    if options.context:
        lines = drop_grain_lines(drop_cut_off_marks(lines, w, h))
    result = PageResult(w, h, lines, seg.warnings, seg.skew_angle, turn)
    return PageTrace(seg, found, probs, spaces, result)


def _segment_and_classify(gray: np.ndarray, classifier: Classifier) -> tuple[Segmentation, np.ndarray]:
    """The page's segmentation and its glyphs' readings. An unstreaked page is also read with the streak a
    little shorter and longer, and as photographed (a hand's path is seldom straight): the surest reading wins."""
    seg = segment_page(gray)
    if not seg.unstreaked:
        return seg, classifier.predict(seg.frames)
    segs = [seg, replace(segment_page(gray, unstreak=False), streak=seg.streak)]
    segs += [replace(segment_page(remove_streak(gray, s), unstreak=False), streak=s, unstreaked=True)
             for s in other_lengths(seg.streak)]  # fmt: skip
    return max(((s, classifier.predict(s.frames)) for s in segs), key=lambda reading: reading_score(reading[1]))


def which_way_up(gray: np.ndarray, seg: Segmentation, probs: np.ndarray, classifier: Classifier) -> int:
    """The clockwise quarter turn that makes the page read best (0 for most pages), from the readings of some of
    its glyphs (`probs`, in `seg`'s frame order) as found and turned over (not over when its lines hang upright),
    and, only for a page that reads poorly both ways (or doubtfully, its ink running in columns), of the page
    segmented again turned 90 degrees."""
    n = sum(len(line.boxes) for line in seg.lines)
    hangs = hangs_upright(seg.lines)
    if n >= MIN_GLYPHS:
        some = sample(n)
        upright = (reading_score(probs[some]), reading_score(classifier.predict(turned_over(seg.frames[some]))))
        if not worth_turning_sideways(upright, seg.ink):
            return best_turn(upright, upright_text=hangs)
    elif seg.balance is None:
        return 0  # a blank page
    else:  # lines on end are often not found as lines at all: a turn only has to read tolerably
        upright = (POOR_READING - TURN_MARGIN, POOR_READING - TURN_MARGIN)
    side = segment_page(turn_page(gray, 90))
    m = sum(len(line.boxes) for line in side.lines)
    if m < MIN_GLYPHS:
        return best_turn(upright, upright_text=hangs)
    frames = side.frames[sample(m)]
    readings = (classifier.predict(frames), classifier.predict(turned_over(frames)))
    # Sideways, the strokes of a blurred page read as confident dashes and bars: its letters must read too.
    letters = np.array([c.isalnum() for c in classifier.classes])
    if max(reading_score(r, letters) for r in readings) < SIDEWAYS_LETTERS_FLOOR:
        return best_turn(upright, upright_text=hangs)
    return best_turn(upright, (reading_score(readings[0]), reading_score(readings[1])), hangs)


def read_page(gray: np.ndarray, classifier: Classifier, options: ReadOptions | None = None) -> PageResult:
    """Read a 2-D uint8 gray page with a loaded classifier."""
    return trace_page(gray, classifier, options).result


def read_file(
    path: Path, classifier: Classifier, options: ReadOptions | None = None, max_pixels: int = DEFAULT_MAX_PIXELS
) -> tuple[np.ndarray, PageResult]:
    """Load and read an image file; returns the gray page too, for writers that draw on it. The result's
    warnings begin with the file's own (see open_page)."""
    source = open_page(path, max_pixels)
    return source.gray, with_file_warnings(read_page(source.gray, classifier, options), source)


__all__ = ["PageTrace", "ReadOptions", "Segmentation", "load_page", "read_file", "read_page", "segment_page",
           "trace_page"]  # fmt: skip
