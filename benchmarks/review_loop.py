"""The review loop end to end: batch, correct one page's misreadings in a real browser, fine-tune, re-read.

    python benchmarks/review_loop.py [--pages 8] [--data ../shared/data/emnist-bymerge.npz]

Needs Chromium and Playwright (the `dev` extra) and tensorflow (the `train` extra). Generates photo-like pages,
reads them with `pageocr batch`, builds the review site, and has a scripted browser type the right character
into every glyph of the worst page whose reading is wrong (pages where segmentation found exactly one box per
character, so that misread glyphs are known). Then fine-tunes on the exported corrections and prints that
page's error rate and the test-set accuracies before and after.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocr.metrics import character_error_rate  # noqa: E402

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def pageocr(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "ocr.cli", *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 8):
        raise SystemExit(f"pageocr {args[0]} failed: {done.stderr.strip()[-400:]}")
    return done.stdout


def misread(doc: dict, truth: str) -> dict[int, str]:
    """Glyph index -> right character, for a page read with one box per character of its truth."""
    chars = [c for c in truth if not c.isspace()]
    glyphs = [g for line in doc["lines"] for g in line["glyphs"]]
    if len(glyphs) != len(chars):
        return {}
    return {i: c for i, (g, c) in enumerate(zip(glyphs, chars, strict=True)) if g["label"] != c}


def correct_in_browser(index: Path, page_source: str, fixes: dict[int, str], target: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = browser.new_page(accept_downloads=True)
        page.goto(index.as_uri())
        page.locator("#pages li", has_text=page_source).first.click()
        for glyph, char in fixes.items():
            page.locator(f'#sheet .box[data-glyph="{glyph}"]').click()
            page.fill("#correction", char)
            page.press("#correction", "Enter")
        with page.expect_download() as download:
            page.click("#export")
        download.value.save_as(target)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "emnist-bymerge.npz")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages, out, tuned = Path(tmp) / "pages", Path(tmp) / "out", Path(tmp) / "tuned"
        subprocess.run([sys.executable, str(ROOT / "samples" / "generate.py"), "--out", str(pages), "--bench",
                        str(args.pages), "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        pageocr("batch", str(pages), "--out", str(out), "--jobs", "2", "--quiet")
        pageocr("review", str(out))
        candidates = []
        for doc_path in sorted(out.glob("*.json")):
            doc = json.loads(doc_path.read_text())
            truth = (pages / (doc_path.stem + ".gt.txt")).read_text()
            fixes = misread(doc, truth)
            if fixes:
                candidates.append((len(fixes), doc, truth, fixes))
        if not candidates:
            raise SystemExit("no page had misread glyphs with clean segmentation; try another --seed")
        _, doc, truth, fixes = max(candidates, key=lambda c: c[0])
        corrections = Path(tmp) / "corrections.json"
        correct_in_browser(out / "review" / "index.html", doc["source"], fixes, corrections)
        print(f"page {doc['source']}: {len(fixes)} misread glyphs corrected in the browser")
        before = pageocr("model", "evaluate", "--data", str(args.data))
        pageocr("model", "train", "--corrections", str(corrections), "--data", str(args.data), "--out", str(tuned))
        after = pageocr("model", "evaluate", "--data", str(args.data), "--model", str(tuned))
        reread = pageocr("read", doc["image"], "--no-boxed", "--model", str(tuned))
        print(f"page CER before {character_error_rate(doc['text'], truth):.4f}, after "
              f"{character_error_rate(reread, truth):.4f}")  # fmt: skip
        print("shipped model:", " / ".join(line for line in before.splitlines() if "accuracy" in line))
        print("fine-tuned:   ", " / ".join(line for line in after.splitlines() if "accuracy" in line))


if __name__ == "__main__":
    main()
