"""The review site: built from batch output, worst pages first, and it works in a real browser."""

import json
import os
import shutil
from pathlib import Path

import cv2
import pytest
from typer.testing import CliRunner

from ocr.cli import app
from ocr.review import build_review, find_pages

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture
def reviewed(tmp_path, draw_page) -> Path:
    pages = tmp_path / "in"
    pages.mkdir()
    cv2.imwrite(str(pages / "clean.png"), draw_page(["CLEAR TEXT"]))
    smudged = draw_page(["BAD 8"])
    smudged[:, ::7] = 120  # vertical streaks: a page the model is less sure of
    cv2.imwrite(str(pages / "smudged.png"), smudged)
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(pages), "--out", str(out), "--jobs", "1", "--quiet"]).exit_code == 0
    return out


def test_pages_are_listed_worst_first_with_crops_and_network_inputs(reviewed) -> None:
    pages = find_pages(reviewed)
    assert len(pages) == 2
    assert pages[0].mean_confidence <= pages[1].mean_confidence
    index, count = build_review(reviewed)
    assert count == 2 and index == reviewed / "review" / "index.html"
    data = json.loads((reviewed / "review" / "data.js").read_text().split("=", 1)[1].rstrip().rstrip(";"))
    first = data["pages"][0]
    assert first["source"] == pages[0].document["source"]
    glyph = first["lines"][0]["glyphs"][0]
    assert glyph["crop"].startswith("data:image/png;base64,") and glyph["input"].startswith("data:image/png;base64,")
    assert (reviewed / "review" / first["shown"]).is_file()
    html = index.read_text()
    assert "http://" not in html and "https://" not in html


def test_review_command_needs_page_results(tmp_path) -> None:
    result = runner.invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 3 and "no page results" in result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package chromium)")
def test_in_a_browser_filter_correct_and_export(reviewed, tmp_path) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    index, _ = build_review(reviewed)
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page(accept_downloads=True)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(index.as_uri())
        assert page.locator("#pages li").count() == 2
        page.locator("#filter").check()
        assert "only-low" in page.locator("body").get_attribute("class")
        boxes = page.locator("#sheet .box")
        first_label = page.locator("#text .ch").first.inner_text()
        boxes.first.click()
        assert page.locator("#panel").is_visible()
        assert page.locator("#top3 li").count() == 3
        new = "Q" if first_label != "Q" else "R"
        page.fill("#correction", new)
        page.press("#correction", "Enter")
        assert page.locator("#count").inner_text() == "1"
        assert page.locator("#text .ch").first.inner_text() == new
        with page.expect_download() as download:
            page.click("#export")
        target = tmp_path / "corrections.json"
        download.value.save_as(target)
        page.reload()  # corrections survive a reload (browser storage)
        assert page.locator("#count").inner_text() == "1"
        browser.close()
    assert errors == []
    exported = json.loads(target.read_text())["corrections"]
    assert len(exported) == 1
    assert exported[0]["old"] == first_label and exported[0]["new"] == new
    assert Path(exported[0]["image"]).is_file() and set(exported[0]["box"]) == {"x", "y", "w", "h"}
    assert os.path.basename(exported[0]["image"]) in ("clean.png", "smudged.png")
