"""`pageocr eval DIR`: read every image that has a NAME.gt.txt beside it and measure the error rates."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ocr.batch import IMAGE_SUFFIXES
from ocr.classifier import Classifier
from ocr.decode import ReadOptions
from ocr.metrics import canonical_text, character_error_rate, edit_distance, word_error_rate
from ocr.pipeline import read_file


@dataclass(frozen=True)
class ImageScore:
    image: str
    cer: float  # case-sensitive
    cer_nocase: float
    wer: float
    glyphs: int
    seconds: float
    truth_chars: int
    reading: str


@dataclass(frozen=True)
class Totals:
    images: int
    cer: float  # edits over all truth characters of all images
    cer_nocase: float
    wer: float
    glyphs: int
    seconds: float


def ground_truth_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(image, NAME.gt.txt) for every image in `folder` with ground truth, sorted by name."""
    pairs = []
    for image in sorted(Path(folder).iterdir()):
        truth = image.with_name(image.stem + ".gt.txt")
        if image.suffix.lower() in IMAGE_SUFFIXES and truth.is_file():
            pairs.append((image, truth))
    return pairs


def score_image(image: Path, truth_path: Path, classifier: Classifier, options: ReadOptions) -> ImageScore:
    start = time.perf_counter()
    _, result = read_file(image, classifier, options)
    seconds = time.perf_counter() - start
    truth = truth_path.read_text(encoding="utf-8")
    return ImageScore(
        image=image.name,
        cer=character_error_rate(result.text, truth),
        cer_nocase=character_error_rate(result.text, truth, case_sensitive=False),
        wer=word_error_rate(result.text, truth),
        glyphs=len(result.glyphs),
        seconds=seconds,
        truth_chars=len(canonical_text(truth)),
        reading=result.text,
    )


def totals(scores: list[ImageScore], truths: list[str]) -> Totals:
    """Character-weighted totals: every truth character of every page counts once."""
    chars = sum(s.truth_chars for s in scores) or 1
    words = sum(len(canonical_text(t).split()) for t in truths) or 1
    word_edits = sum(
        edit_distance(canonical_text(s.reading).split(), canonical_text(t).split())
        for s, t in zip(scores, truths, strict=True)
    )
    return Totals(
        images=len(scores),
        cer=sum(s.cer * s.truth_chars for s in scores) / chars,
        cer_nocase=sum(s.cer_nocase * s.truth_chars for s in scores) / chars,
        wer=word_edits / words,
        glyphs=sum(s.glyphs for s in scores),
        seconds=sum(s.seconds for s in scores),
    )


def evaluate_folder(folder: Path, classifier: Classifier, options: ReadOptions) -> tuple[list[ImageScore], Totals]:
    pairs = ground_truth_pairs(folder)
    scores = [score_image(image, truth, classifier, options) for image, truth in pairs]
    return scores, totals(scores, [truth.read_text(encoding="utf-8") for _, truth in pairs])


def format_table(scores: list[ImageScore], total: Totals) -> str:
    header = f"{'image':<32} {'CER':>7} {'CER(ci)':>8} {'WER':>7} {'glyphs':>7} {'seconds':>8}"
    rows = [header, "-" * len(header)]
    for s in scores:
        rows.append(f"{s.image:<32} {s.cer:>7.4f} {s.cer_nocase:>8.4f} {s.wer:>7.4f} {s.glyphs:>7} {s.seconds:>8.2f}")
    rows.append("-" * len(header))
    rows.append(
        f"{'total (' + str(total.images) + ' images)':<32} {total.cer:>7.4f} {total.cer_nocase:>8.4f} "
        f"{total.wer:>7.4f} {total.glyphs:>7} {total.seconds:>8.2f}"
    )
    return "\n".join(rows)


def to_json(scores: list[ImageScore], total: Totals) -> dict[str, object]:
    return {"images": [asdict(s) for s in scores], "total": asdict(total)}
