"""Whole pages through the shipped model: error-rate ceilings on the bundled samples and the real photos.

The ceilings are the targets the product is held to (issues 2-4), not the numbers measured today: a change
that makes reading worse fails here.
"""

from pathlib import Path

import pytest

from ocr.accuracy import evaluate_folder
from ocr.decode import ReadOptions
from ocr.lexicon import load_lexicon

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
AS_PAGEOCR_READS = ReadOptions(words=load_lexicon("english"))  # the command's defaults


@pytest.fixture(scope="module")
def sample_scores(classifier):
    scores, total = evaluate_folder(SAMPLES, classifier, AS_PAGEOCR_READS)
    return {s.image: s for s in scores}, total


def test_bundled_samples_read_within_the_error_ceiling(sample_scores) -> None:
    scores, total = sample_scores
    assert len(scores) >= 8
    assert total.cer_nocase <= 0.05, {name: round(s.cer_nocase, 3) for name, s in scores.items()}


def test_print_in_a_font_the_model_never_saw(sample_scores) -> None:
    scores, _ = sample_scores
    assert scores["print_unseen_300dpi.png"].cer <= 0.02


def test_a_note_on_a_dark_desk_and_a_page_in_two_columns(sample_scores) -> None:
    scores, _ = sample_scores
    # Read as blank, or with the desk's grain as text, the note would score 1.0 or worse.
    assert scores["photo_note_on_desk.jpg"].cer_nocase <= 0.05
    # Its columns interleaved line by line, the page scores about 0.7.
    assert scores["print_two_columns.jpg"].cer_nocase <= 0.10


def test_handwritten_demo_photo(real_dir, classifier) -> None:
    scores, _ = evaluate_folder(real_dir, classifier, AS_PAGEOCR_READS)
    by_name = {s.image: s for s in scores}
    assert by_name["hw_hellodl_cleaned.jpg"].cer_nocase <= 0.10
    assert by_name["pr_tess_phototest.png"].cer <= 0.03


def test_prices_percentages_and_sums_keep_their_symbols(classifier) -> None:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from ocr.pipeline import read_page

    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font_path.exists():
        pytest.skip("needs fonts-dejavu-core")
    page = Image.new("L", (900, 200), 240)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(font_path), 40)
    draw.text((40, 30), "Total $45.50 (10% off)", fill=20, font=font)
    draw.text((40, 110), "Tom & Ann: 3 + 4 = 7", fill=20, font=font)
    text = read_page(np.asarray(page), classifier).text
    # The model before the symbols read these as "545.50", "1090", "d", "t" and "I".
    assert "$45.50" in text and "10%" in text
    assert "&" in text and "+" in text and "=" in text
