"""The debugging view: every stage file is written, and debug.json holds what the stages really used."""

import json
from dataclasses import replace

import cv2
import numpy as np
import pytest
from typer.testing import CliRunner

from ocr import plots
from ocr.cli import app
from ocr.debug import write_debug
from ocr.pipeline import read_page, trace_page
from segmentation.deskew import rotate
from segmentation.lines import search_text_lines
from segmentation.whitebalance import white_balance

runner = CliRunner()
STAGES = ["01-gray.png", "02-background.png", "03-white-balanced.png", "04-ink-mask.png", "05-deskew-search.png",
          "06-deskewed.png", "07-row-projection.png", "08-line-01-columns.png", "08-line-02-columns.png",
          "09-glyphs.png", "10-boxed.png", "debug.json", "index.html"]  # fmt: skip


@pytest.fixture
def page(draw_page) -> np.ndarray:
    return rotate(np.pad(draw_page(["DEBUG ME 12", "SECOND LINE"]), 50, constant_values=235), 3.0, fill=235)


def test_every_stage_file_is_written_in_pipeline_order(page, classifier, tmp_path) -> None:
    trace = trace_page(page, classifier)
    files = write_debug(tmp_path, page, trace, classifier, "page.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == STAGES
    assert [f.name for f in files] == STAGES[:-2]
    for name in STAGES[:-2]:
        image = cv2.imread(str(tmp_path / name))
        assert image is not None and image.size > 0
    html = (tmp_path / "index.html").read_text()
    assert all(f'src="{name}"' in html for name in STAGES[:-2])
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_debug_json_holds_the_values_the_stages_used(page, classifier, tmp_path) -> None:
    trace = trace_page(page, classifier)
    write_debug(tmp_path, page, trace, classifier, "page.png")
    record = json.loads((tmp_path / "debug.json").read_text())
    balance = white_balance(page)  # the stages are deterministic: a second run must agree with the record
    assert record["white_balance"]["white_point"] == pytest.approx(balance.white_point)
    assert record["white_balance"]["black_point"] == pytest.approx(balance.black_point)
    assert record["deskew"]["angle"] == pytest.approx(trace.segmentation.skew_angle) == pytest.approx(-3.0, abs=0.4)
    assert record["surround"] == record["surround"] | {"sides": [], "pixels_removed": 0}  # the page fills the photo
    assert record["straight_strokes"]["angles"] == []  # no pen lies on it
    assert record["keystone"]["applied"] is False and record["sharpened"]["amount"] == 0.0  # level, in focus
    assert record["streak"]["taken_out"] is False and record["streak"]["length"] == 0  # held steady
    search = search_text_lines(trace.segmentation.ink)
    assert record["lines"]["threshold"] == pytest.approx(search.threshold)
    assert record["lines"]["bands"] == [[line.top, line.bottom] for line in trace.segmentation.lines]
    assert [c["boxes_after_cuts"] for c in record["characters"]] == [9, 10]
    assert record["result"]["text"] == read_page(page, classifier).text
    assert record["classifier"]["mean"] == classifier.info.mean
    assert record["white_balance"]["glare_share"] == 0.0  # nothing on this page is blown out


def test_debug_json_says_where_ink_under_glare_was_deepened(page, classifier, tmp_path) -> None:
    h, w = page.shape
    light = np.zeros(page.shape, np.float32)
    cv2.circle(light, (w // 3, h // 2), h // 3, 160.0, -1)  # a lamp's reflection over the first words
    glared = np.clip(page + cv2.GaussianBlur(light, (0, 0), h / 12), 0, 255).astype(np.uint8)
    write_debug(tmp_path, glared, trace_page(glared, classifier), classifier, "page.png")
    record = json.loads((tmp_path / "debug.json").read_text())
    share = record["white_balance"]["glare_share"]
    assert share == pytest.approx(white_balance(glared).glare) and share > 0.05
    assert "reflection" in record["white_balance"]["why"]


def test_read_with_debug_gives_the_same_text_and_json_as_read(page, tmp_path) -> None:
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), page)
    plain = runner.invoke(app, ["read", str(path), "--json", str(tmp_path / "a.json"), "--no-boxed"])
    debugged = runner.invoke(app, ["read", str(path), "--json", str(tmp_path / "b.json"), "--no-boxed",
                                   "--debug", str(tmp_path / "dbg")])  # fmt: skip
    assert plain.exit_code == debugged.exit_code == 0
    assert plain.stdout == debugged.stdout
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    assert (tmp_path / "dbg" / "index.html").is_file()


def test_debug_command_on_a_blank_page_still_explains_itself(tmp_path) -> None:
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((300, 300), 240, np.uint8))
    result = runner.invoke(app, ["debug", str(path), "--out", str(tmp_path / "dbg")])
    assert result.exit_code == 0
    record = json.loads((tmp_path / "dbg" / "debug.json").read_text())
    assert "blank" in record["warnings"][0]
    assert (tmp_path / "dbg" / "01-gray.png").is_file() and (tmp_path / "dbg" / "index.html").is_file()


def test_a_glyph_the_reading_dropped_is_still_shown_in_the_montage(page, classifier, tmp_path) -> None:
    # The context rules drop a speck inside a word of capitals from the reading; the montage shows every box the
    # network read, so it holds one glyph more than the result.
    trace = trace_page(page, classifier)
    first = trace.result.lines[0]
    dropped = replace(first, glyphs=first.glyphs[:2] + first.glyphs[3:])
    trace = replace(trace, result=replace(trace.result, lines=(dropped, *trace.result.lines[1:])))
    write_debug(tmp_path, page, trace, classifier, "page.png")
    montage = cv2.imread(str(tmp_path / "09-glyphs.png"))
    boxes = sum(len(line.boxes) for line in trace.lines)
    assert montage.shape[0] == 130 * -(-boxes // 12)  # a cell for every box the network read
    grey = np.all(montage == plots.GREY, axis=2)  # the dropped glyph's frame; the others are green
    assert grey[:88, 96 * 2 : 96 * 3].sum() > 300 > grey[:88, : 96 * 2].sum()


def test_debug_json_says_how_a_streak_was_taken_out(draw_page, streak_page, classifier, tmp_path) -> None:
    photo = streak_page(draw_page(["SHAKEN BY A HAND", "READ IT AGAIN 42"], size=1.2, thickness=2), 11, 0.0)
    write_debug(tmp_path, photo, trace_page(photo, classifier), classifier, "photo.png")
    streak = json.loads((tmp_path / "debug.json").read_text())["streak"]
    assert streak["taken_out"] is True and abs(streak["length"] - 11) <= 2 and streak["evenness"] < 0.6
    assert "streaked it" in (tmp_path / "index.html").read_text()  # the gray page's caption says so
