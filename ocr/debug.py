"""`pageocr debug`: every stage of the pipeline drawn the way the pipeline saw it, plus the numbers it chose.

All pictures are made from the PageTrace of the very reading that is reported, so they cannot disagree with
it. Files are numbered in pipeline order; debug.json holds every threshold with the statistic it came from;
index.html (ocr/debug_page.py) walks through them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ocr import pipeline, plots
from ocr.classifier import Classifier
from ocr.files import write_text_atomic
from ocr.layout import word_gap_thresholds
from ocr.orientation import turn_page
from ocr.pipeline import PageTrace
from ocr.result import GlyphReading
from ocr.writers import LOW_CONFIDENCE, render_boxed, result_to_dict, write_png
from segmentation import (
    alternatives,
    deshake,
    deskew,
    holes,
    keystone,
    lines,
    regions,
    rules,
    sharpen,
    slant,
    straight,
    surround,
    underline,
    whitebalance,
)
from segmentation.characters import column_profile, typical_width
from segmentation.keystone import Keystone
from segmentation.pieces import INK_LEVEL


@dataclass(frozen=True)
class StageFile:
    name: str
    title: str
    explanation: str


def _save(folder: Path, name: str, image: np.ndarray, files: list[StageFile], title: str, why: str) -> None:
    write_png(folder / name, image)
    files.append(StageFile(name, title, why))


def _row_projection(trace: PageTrace) -> np.ndarray:
    seg, search = trace.segmentation, trace.segmentation.line_search
    page, scale = plots.fit_height(plots.as_page(seg.ink), 1400)
    bands = [(round(line.top * scale), round(line.bottom * scale)) for line in seg.lines]
    page = plots.shade_rows(page, bands)
    width = 360
    plot = np.full((page.shape[0], width, 3), 255, np.uint8)
    profile = cv2.resize(search.profile.astype(np.float32)[:, None], (1, page.shape[0]), interpolation=cv2.INTER_AREA)
    peak = max(float(profile.max()), search.threshold, 1e-6)
    plot = plots.shade_rows(plot, bands)
    for y, value in enumerate(profile[:, 0]):
        cv2.line(plot, (0, y), (int((width - 20) * value / peak), y), plots.BLUE, 1)
    x = int((width - 20) * search.threshold / peak)
    cv2.line(plot, (x, 0), (x, page.shape[0] - 1), plots.RED, 1)
    plots.text(plot, f"threshold {search.threshold:.1f}", (min(x + 4, width - 140), 16), 0.45, plots.RED)
    for cut in search.cuts:
        y = round(cut * scale)
        cv2.line(plot, (0, y), (width - 1, y), plots.MAGENTA, 1)
        cv2.line(page, (0, y), (page.shape[1] - 1, y), plots.MAGENTA, 1)
    plots.text(plot, "ink per row ->", (4, page.shape[0] - 8), 0.45)
    return np.hstack([page, np.full((page.shape[0], 6, 3), 200, np.uint8), plot])


def _line_columns(trace: PageTrace, k: int) -> np.ndarray:
    """The line crop over its column projection: box edges green, proposed cuts orange, cuts taken magenta."""
    seg = trace.segmentation
    line, final = seg.lines[k], trace.lines[k]
    crop = plots.as_page(seg.ink[line.top : line.bottom])
    profile = column_profile(seg.ink, line)
    height = 90
    chart = np.full((height, crop.shape[1], 3), 255, np.uint8)
    peak = max(int(profile.max()), 1)
    for x, value in enumerate(profile):
        cv2.line(chart, (x, height - 1), (x, height - 1 - int((height - 10) * value / peak)), plots.BLUE, 1)
    taken = {b.x for b in final.boxes} - {b.x for b in line.boxes}
    for i, box in enumerate(line.boxes):
        for image in (crop, chart):
            cv2.line(image, (box.x, 0), (box.x, image.shape[0] - 1), plots.GREEN, 1)
            cv2.line(image, (box.right - 1, 0), (box.right - 1, image.shape[0] - 1), plots.GREEN, 1)
        for part in seg.alternatives[k].splits.get(i, ())[1:]:
            colour = plots.MAGENTA if part.x in taken else plots.ORANGE
            for image in (crop, chart):
                cv2.line(image, (part.x, 0), (part.x, image.shape[0] - 1), colour, 2)
    for box in line.boxes:
        cv2.rectangle(crop, (box.x, box.y - line.top), (box.right - 1, box.bottom - line.top - 1), plots.GREEN, 1)
    return np.vstack([crop, np.full((4, crop.shape[1], 3), 200, np.uint8), chart])


def _montage(trace: PageTrace, classes: tuple[str, ...], columns: int = 12) -> np.ndarray:
    """Every glyph exactly as fed to the network (28x28, shown 3x), captioned with reading, confidence, runner-up;
    a speck the context rules dropped from a word is shown too, captioned so."""
    frames = _final_frames(trace)
    cell_w, cell_h = 96, 130
    rows = max(1, -(-len(frames) // columns))
    sheet = np.full((rows * cell_h, columns * cell_w, 3), 255, np.uint8)
    for i, (g, frame) in enumerate(frames):
        y, x = (i // columns) * cell_h, (i % columns) * cell_w
        tile = cv2.cvtColor(cv2.resize((frame * 255).astype(np.uint8), (84, 84), interpolation=cv2.INTER_NEAREST),
                            cv2.COLOR_GRAY2BGR)  # fmt: skip
        sheet[y + 4 : y + 88, x + 6 : x + 90] = tile
        if g is None:
            cv2.rectangle(sheet, (x + 5, y + 3), (x + 90, y + 88), plots.GREY, 2)
            plots.text(sheet, "dropped", (x + 6, y + 106), 0.5, plots.GREY)
            continue
        colour = plots.RED if g.confidence < LOW_CONFIDENCE else plots.GREEN
        cv2.rectangle(sheet, (x + 5, y + 3), (x + 90, y + 88), colour, 2)
        runner = g.alternatives[1] if len(g.alternatives) > 1 else ("-", 0.0)
        plots.text(sheet, f"{g.label} {g.confidence:.2f}", (x + 6, y + 106), 0.5, colour)
        plots.text(sheet, f"2nd {runner[0]} {runner[1]:.2f}", (x + 6, y + 124), 0.42, plots.GREY)
    return sheet


def _final_frames(trace: PageTrace) -> list[tuple[GlyphReading | None, np.ndarray]]:
    """Every box the network read, as its network input, with its reading in the result (None: dropped)."""
    from segmentation.alternatives import glyph_ink
    from segmentation.normalise import normalise_glyph

    seg = trace.segmentation
    readings = {g.box: g for g in trace.result.glyphs}
    return [
        (readings.get(seg.to_page(box)), normalise_glyph(glyph_ink(seg.ink, box, seg.alternatives)))
        for line in trace.lines
        for box in line.boxes
    ]


def debug_record(trace: PageTrace, classifier: Classifier, source: str) -> dict[str, Any]:
    """Every parameter each stage chose, the value it chose, and the statistic it came from."""
    seg = trace.segmentation
    record: dict[str, Any] = {"source": source, "warnings": list(seg.warnings), "model": str(classifier.info.path)}
    if seg.balance is None:
        return record | {"result": result_to_dict(trace.result)}
    b, sk, rr, ls = seg.balance, seg.skew, seg.rules, seg.line_search
    record["white_balance"] = {
        "black_point": b.black_point, "white_point": b.white_point, "paper_level": b.paper_level,
        "paper_noise": b.paper_noise, "one_percent_level": b.low_quantile, "inverted": b.inverted,
        "glare_share": b.glare,
        "why": ("light writing on a dark ground, turned first; " if b.inverted else "")
               + (f"ink under a blown-out reflection deepened over {b.glare:.0%} of the page; " if b.glare else "")
               + f"black = {whitebalance.BLACK_QUANTILE:.1%} quantile of the page divided by its local paper level; "
               f"white = max(1% quantile {b.low_quantile:.3f}, black + {whitebalance.WHITE_FLOOR} x (paper - black)),"
               f" kept below paper - max(4 x noise, 0.08); ink above {whitebalance.FAINT_LEVEL} in one piece with"
               f" ink above {INK_LEVEL} counts as ink unless that piece is mostly faint",
    }  # fmt: skip
    if seg.page is not None:
        record["page"] = {
            "found": seg.page.found, "pixels_removed": int((~seg.page.mask).sum()), "why": seg.page.why,
        }  # fmt: skip
    if seg.surround is not None:
        record["surround"] = {
            "sides": list(seg.surround.sides), "pixels_removed": int(seg.surround.mask.sum()),
            "why": f"ink (above {surround.SURROUND_LEVEL}) that starts at the photo's border in every row or column "
                   f"over at least {surround.SIDE_SHARE:.0%} of a side is the desk beyond the page",
        }  # fmt: skip
    if seg.straight is not None:
        st = seg.straight
        record["straight_strokes"] = {
            "angles": [round(a, 1) for a in st.angles],
            "removed_across_text": [round(a, 1) for a in st.across_angles(seg.skew_angle)],
            "why": f"pieces of ink at least {straight.LENGTH_SHARE:.0%} of the page's longer side long, "
                   f"{rules.MIN_ASPECT:g} times longer than thick and filling {straight.MIN_FILL:.0%} of their "
                   f"rectangle; when the deskew search without them finds an angle more than {straight.ALONG_TEXT:g} "
                   "degrees away, that angle is taken, and strokes that far off the text's direction (a pen on the "
                   "page) are taken away, the others left to the rules stage",
        }  # fmt: skip
    record["deskew"] = {
        "angle": sk.angle, "applied": sk.applied, "min_correction": deskew.MIN_CORRECTION,
        "best_score_vs_level": float(sk.scores.max()),
        "why": "the angle in +-15 degrees whose row profile has the largest variance (coarse 0.5, fine 0.1 degree)",
    }  # fmt: skip
    ks = seg.keystone
    record["keystone"] = {
        "fan": ks.fan, "applied": ks.applied,
        "peakedness": float(ks.scores.max()) if ks.scores.size else None, "peakedness_deskewed": ks.level,
        "why": f"lines fanning out (a page photographed from one side) are levelled by the perspective map, from "
               f"the fans tried up to +-{keystone.MAX_FAN:g} degrees between the text's top and bottom lines, the "
               "one after which the text's row profile is most peaked (its variance over its squared mean); fans "
               f"under {keystone.MIN_FAN:g} degrees or leaving it under {keystone.MIN_GAIN:g} times as peaked are "
               "left alone, as are pages of one line",
    }  # fmt: skip
    streak = seg.streak
    record["streak"] = {
        "angle": streak.angle, "length": streak.length, "evenness": streak.evenness, "taken_out": seg.unstreaked,
        "why": f"a photo streaked by a shaking hand (the darkness's steepest slopes along one direction at most "
               f"{deshake.STREAKED} of those across it, the streak {deshake.MIN_LENGTH}-{deshake.MAX_LENGTH} px "
               "long: the lag where the slope along it correlates most negatively with itself) is deconvolved "
               f"(Wiener, a straight streak) and read again, as it is with the streak {deshake.LENGTH_STEP} px "
               "shorter and longer taken out and as photographed: the surest of those readings is kept",
    }  # fmt: skip
    record["sharpened"] = {
        "amount": seg.sharpened[0] if seg.sharpened else 0.0, "sigma": seg.sharpened[1] if seg.sharpened else None,
        "why": f"a blurred page (its ink's steepest slopes at most {sharpen.BLURRED_EDGE} per pixel, in part up to "
               f"{sharpen.SHARP_EDGE}) is sharpened by an unsharp mask of blur {sharpen.SIGMA_SLOPE} / slope, as it "
               f"is enlarged, or at its own size when that blur is {pipeline.BLUR_SHARE} of its glyphs' height",
    }  # fmt: skip
    record["enlarged"] = {
        "factor": seg.scale,
        "why": f"pages whose typical glyph is under {pipeline.SMALL_GLYPH} px are read enlarged towards "
               f"{pipeline.TARGET_GLYPH} px (at most {pipeline.MAX_ENLARGE:g}x and "
               f"{pipeline.MAX_ENLARGED_PIXELS:,} pixels)",
    }  # fmt: skip
    record["rules"] = {
        "horizontal": rr.horizontal, "vertical": rr.vertical, "outlines": rr.outlines,
        "underlines": rr.underlines,
        "pixels_removed": int(rr.mask.sum()),
        "why": f"strokes longer than {rules.HORIZONTAL_FRACTION:.0%} of the width ({rules.VERTICAL_FRACTION:.0%} of "
               f"the height) and {rules.MIN_ASPECT:g} times longer than thick, found down to ink level "
               f"{rules.RULE_LEVEL}; bent rules (counted as horizontal): a stroke running straight for "
               f"{rules.BENT_RUN:g} glyph heights at some slope within {rules.BENT_SLOPE} degrees along "
               f"{rules.BENT_SPAN:.0%} of a piece, at most {rules.BENT_THIN:g} glyph thick, drifting at least "
               f"{rules.BENT_DRIFT:g} glyph; outlines: one piece {rules.OUTLINE_GLYPHS:g} glyphs tall and wide "
               f"around at least {rules.OUTLINE_ENCLOSES} others, ink within {rules.OUTLINE_RIM:g} glyph heights "
               f"of its box's edges; underlines: a stroke level for {underline.UNDERLINE_GLYPHS:g} glyph heights, "
               f"at most {underline.THIN:g} of one thick, under writing",
    }  # fmt: skip
    record["binding_holes"] = {
        "count": seg.holes,
        "why": f"at least {holes.MIN_HOLES} round blobs of one size, evenly spaced in a straight line along a side, "
               f"at least {holes.MIN_PITCH:g} of their length apart with nothing between them, taken away before "
               "deskew",
    }  # fmt: skip
    record["regions"] = {
        "blocks": [[r.top, r.bottom, r.left, r.right] for r in seg.regions],
        "why": "X-Y cut at empty gutters between two columns of text (each at least "
               f"{regions.COLUMN_WIDTH:g} glyph heights wide and {regions.COLUMN_HEIGHT:g} tall, the gutter "
               f"{regions.GUTTER_WIDTH:g}) and at empty row bands over {regions.ROW_GAP:g} glyphs that free them",
    }  # fmt: skip
    if seg.slant is not None:
        record["slant"] = {
            "measured_lean": seg.slant.measured, "shear": seg.slant.shear, "applied": seg.slant.applied,
            "why": f"median lean of near-upright stroke edges; a lean past {slant.TRAINED_LEAN + slant.MIN_SHEAR:g} "
                   f"is sheared back to {slant.TRAINED_LEAN:g}, one under "
                   f"{-slant.MIN_SHEAR:g} back to upright, each line about its middle row",
        }  # fmt: skip
    record["lines"] = {
        "threshold": ls.threshold, "typical_row_ink": ls.typical_row_ink, "core_fraction": lines.CORE_FRACTION,
        "cores": [list(c) for c in ls.cores], "cuts": list(ls.cuts),
        "bands": [[line.top, line.bottom] for line in seg.lines],
        "why": f"rows with more ink than {lines.CORE_FRACTION} x the 90th percentile of inked rows form line cores; "
               f"thin or light bands fold into the nearest line; bands over {lines.MERGED_HEIGHT} x the reference "
               "height are cut at a deep valley",
    }  # fmt: skip
    gaps = word_gap_thresholds([line.boxes for line in trace.lines])
    record["characters"] = [
        {
            "band": [line.top, line.bottom], "typical_width": typical_width(list(line.boxes), line),
            "boxes": len(line.boxes), "proposed_cuts": {str(i): len(p) for i, p in seg.alternatives[k].splits.items()},
            "proposed_joins": sorted(seg.alternatives[k].merges),
            "boxes_after_cuts": len(trace.lines[k].boxes), "word_gap_threshold": gaps[k],
            "ink_level": INK_LEVEL, "split_ratio": alternatives.SPLIT_RATIO,
        }
        for k, line in enumerate(seg.lines)
    ]  # fmt: skip
    record["classifier"] = {
        "mean": classifier.info.mean,
        "std": classifier.info.std,
        "classes": len(classifier.classes),
    }
    record["result"] = result_to_dict(trace.result)
    return record


def write_debug(
    folder: Path, gray: np.ndarray, trace: PageTrace, classifier: Classifier, source: str
) -> list[StageFile]:
    """Write the numbered stage pictures, debug.json and index.html into `folder`."""
    from ocr.debug_page import write_index

    folder.mkdir(parents=True, exist_ok=True)
    files: list[StageFile] = []
    seg = trace.segmentation
    turn = trace.result.orientation
    _save(folder, "01-gray.png", turn_page(gray, turn), files, "Gray page",
          "The photo as 8-bit gray, turned upright by its EXIF tag"
          + (f" and then by {turn} degrees clockwise, as it read best." if turn else ".")
          + (f" A shaking hand streaked it {seg.streak.length} px at {seg.streak.angle:g} degrees: the stages below"
             " see it with the streak deconvolved." if seg.unstreaked else ""))  # fmt: skip
    if seg.balance is not None:
        b = seg.balance
        _save(folder, "02-background.png", b.background, files, "Estimated paper",
              "The paper's brightness at every point: a max filter over a shrunken page, smoothed. Shadows and "
              "light fall-off show here, not in the ink.")  # fmt: skip
        _save(folder, "03-white-balanced.png", plots.as_page(b.ink), files, "White-balanced page",
              f"Page divided by its paper, then black point {b.black_point:.3f} maps to ink and white point "
              f"{b.white_point:.3f} to paper, linearly in between.")  # fmt: skip
        mask = cv2.cvtColor(((b.ink > INK_LEVEL) * 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
        page = seg.page is not None and seg.page.found
        if page:
            edge, _ = cv2.findContours(seg.page.mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
            cv2.drawContours(mask, edge, -1, plots.MAGENTA, 3)
        _save(folder, "04-ink-mask.png", mask, files, "Ink mask",
              f"Pixels above ink level {INK_LEVEL}: what the projections count."
              + (" The page found lying on a desk is outlined in magenta: everything beyond it is taken away."
                 if page else ""))  # fmt: skip
        sk = seg.skew
        plot = plots.line_plot(sk.angles, sk.scores, "Deskew search", "angle (degrees)", "row-profile variance",
                               [(sk.angle, f"best {sk.angle:+.1f}")])  # fmt: skip
        _save(folder, "05-deskew-search.png", plot, files, "Deskew search",
              f"Variance of the row profile at each trial angle. The page was turned by {seg.skew_angle:+.1f} "
              f"degrees (turns under {deskew.MIN_CORRECTION} are skipped).")  # fmt: skip
        deskewed = plots.as_page(seg.ink)
        deskewed[seg.rules.mask] = plots.ORANGE
        for n, r in enumerate(seg.regions if len(seg.regions) > 1 else (), 1):
            cv2.rectangle(deskewed, (r.left, r.top), (r.right - 1, r.bottom - 1), plots.MAGENTA, 2)
            plots.text(deskewed, f"block {n}", (r.left + 4, r.top + 16), 0.5, plots.MAGENTA)
        _save(folder, "06-deskewed.png", deskewed, files, "Deskewed page, rules removed, lean taken out",
              f"The levelled page{_fan_levelled(seg.keystone)}; {seg.rules.horizontal} horizontal and "
              f"{seg.rules.vertical} vertical rules and "
              f"{seg.rules.outlines} page outlines were taken out (orange); "
              f"{len(seg.regions)} text block(s) read in turn (magenta when more than one).")  # fmt: skip
        _save(folder, "07-row-projection.png", _row_projection(trace), files, "Row projection",
              f"Ink per row beside the page. Rows above the red threshold ({seg.line_search.threshold:.1f}) are line "
              "cores; shaded bands are the lines found; magenta rows are cuts between merged lines.")  # fmt: skip
        for k in range(len(seg.lines)):
            _save(folder, f"08-line-{k + 1:02d}-columns.png", _line_columns(trace, k), files, f"Line {k + 1} columns",
                  "The line with its column projection. Green: character boxes. Orange: cuts proposed for a box "
                  "much wider than the line's typical glyph; magenta: cuts the classifier preferred.")  # fmt: skip
        _save(folder, "09-glyphs.png", _montage(trace, classifier.classes), files, "Network inputs",
              "Every glyph exactly as the network saw it (28x28), with its reading, confidence and runner-up. "
              "Red frames: confidence below 0.5.")  # fmt: skip
    _save(folder, "10-boxed.png", render_boxed(gray, trace.result), files, "Boxed page",
          "The result as `read` draws it: every box with its reading under it.")  # fmt: skip
    record = debug_record(trace, classifier, source)
    write_text_atomic(folder / "debug.json", json.dumps(record, indent=2, ensure_ascii=False, default=float) + "\n")
    write_index(folder, files, trace.result, source)
    return files


def _fan_levelled(found: Keystone) -> str:
    return f" (lines fanning out by {found.fan:+.1f} degrees levelled by a perspective map)" if found.applied else ""
