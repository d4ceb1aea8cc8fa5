"""Glyphs per second through the whole classifier: normalisation of raw crops, standardisation, LiteRT.

    python benchmarks/classifier_speed.py [--glyphs 20000] [--threads 2]

Crops are cut from a synthetic page at realistic sizes (20-60 px), so normalise_glyph does real work.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import cv2
import numpy as np

from ocr.classifier import Classifier
from segmentation.normalise import normalise_glyphs


def make_crops(count: int, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    crops = []
    for _ in range(count):
        size = int(rng.integers(20, 60))
        canvas = np.zeros((size * 2, size * 2), np.uint8)
        cv2.putText(canvas, str(rng.choice(list(chars))), (size // 3, size + size // 2), cv2.FONT_HERSHEY_SIMPLEX,
                    size / 30, 255, max(1, size // 12), cv2.LINE_AA)  # fmt: skip
        crops.append(canvas.astype(np.float32) / 255.0)
    return crops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glyphs", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped one)")
    args = parser.parse_args()
    crops = make_crops(args.glyphs)
    classifier = Classifier(args.model, threads=args.threads)
    classifier.predict(normalise_glyphs(crops[:256]))  # warm-up
    best_total = best_norm = float("inf")
    for _ in range(args.repeats):
        start = time.perf_counter()
        frames = normalise_glyphs(crops)
        middle = time.perf_counter()
        classifier.predict(frames)
        end = time.perf_counter()
        best_total, best_norm = min(best_total, end - start), min(best_norm, middle - start)
    print(f"model: {classifier.info.path} ({classifier.info.path.stat().st_size:,} bytes)")
    print(f"threads: {args.threads}, glyphs: {args.glyphs}, best of {args.repeats}")
    print(f"normalisation: {args.glyphs / best_norm:,.0f} glyphs/s")
    print(f"network: {args.glyphs / (best_total - best_norm):,.0f} glyphs/s")
    print(f"whole classifier: {args.glyphs / best_total:,.0f} glyphs/s")


if __name__ == "__main__":
    main()
