"""`pageocr model train --corrections corrections.json`: teach the model the glyphs a reviewer corrected.

Each corrected glyph is cut again from its original page with the reader's own normalisation (ocr/glyphs.py),
repeated with small augmentations, and mixed with fresh EMNIST and printed glyphs so that the model learns
the corrections without forgetting what it knew. The result is a new model folder; the shipped one is untouched.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models import KERAS_NAME, METADATA_NAME, MODEL_DIR
from models.augment import augment_tile
from models.charset import CLASSES, ligature_of
from models.datasets import GlyphSet, concat, emnist_epoch, emnist_test_set, printed_glyphs, shuffled, targets_for
from models.emnist import load_emnist
from models.evaluate import PRINTED_TEST_SEED
from models.export import ModelExistsError, calibration_glyphs, ship
from models.fonts import draws, font_files
from models.printed import has_glyph
from models.train import import_tf, set_loss
from ocr.errors import InputNotFoundError, UsageError
from ocr.glyphs import frames_for_boxes
from ocr.pipeline import load_page
from segmentation.normalise import standardise
from segmentation.types import Box


@dataclass(frozen=True)
class Correction:
    image: Path
    box: dict[str, int]
    old: str
    new: str


@dataclass(frozen=True)
class FinetuneConfig:
    corrections: Path
    data: Path
    out: Path
    base: Path = MODEL_DIR
    epochs: int = 3
    share: float = 0.25  # the corrected glyphs' share of every epoch, in augmented copies
    base_glyphs: int = 30_000  # EMNIST glyphs mixed in per epoch so nothing is forgotten
    learning_rate: float = 3e-4
    seed: int = 20261121
    force: bool = False


def load_corrections(path: Path) -> list[Correction]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        items = document["corrections"] if isinstance(document, dict) else document
        out = [
            Correction(Path(c["image"]), dict(c["box"]), ligature_of(str(c["old"])), ligature_of(str(c["new"])))
            for c in items
        ]
    except FileNotFoundError:
        raise InputNotFoundError(f"{path}: no such file") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a corrections file from `pageocr review` ({exc})") from None
    unknown = sorted({c.new for c in out} - set(CLASSES))
    if unknown:
        raise UsageError(f"{path}: corrections to characters the model has no class for: {''.join(unknown)!r}")
    return out


def corrected_glyphs(corrections: list[Correction], copies: int, seed: int) -> GlyphSet:
    """Every corrected glyph's network input, cut from its page again, plus augmented copies."""
    rng = np.random.default_rng(seed)
    frames, chars = [], []
    by_image: dict[Path, list[Correction]] = {}
    for c in corrections:
        by_image.setdefault(c.image, []).append(c)
    for image, items in by_image.items():
        gray = load_page(image)
        for c, frame in zip(items, frames_for_boxes(gray, [Box(**c.box) for c in items]), strict=True):
            tile = (frame * 255).astype(np.uint8)
            frames.append(frame)
            frames.extend(augment_tile(tile, rng) for _ in range(copies - 1))
            chars.extend([c.new] * copies)
    # A correction is exact: the reviewer typed the case they meant, so the target is that one label.
    return GlyphSet(np.stack(frames), targets_for([frozenset({c}) for c in chars]), tuple(chars))


def finetune(config: FinetuneConfig, log: Callable[[str], None] = print) -> dict[str, Any]:
    out = Path(config.out)
    if out.resolve() == Path(config.base).resolve() or ((out / KERAS_NAME).exists() and not config.force):
        raise ModelExistsError(f"{out} holds a model; pass --force to replace it (the base model is never replaced)")
    started = time.time()
    tf, keras = import_tf()
    keras.utils.set_random_seed(config.seed)
    base_meta = json.loads((Path(config.base) / METADATA_NAME).read_text())
    if tuple(base_meta["classes"]) != CLASSES:
        raise UsageError("the base model's classes differ from this version's; fine-tune a model trained by it")
    model = keras.models.load_model(Path(config.base) / KERAS_NAME, compile=False)
    mean, std = float(base_meta["mean"]), float(base_meta["std"])
    corrections = load_corrections(config.corrections)
    train = load_emnist(config.data, "train")
    printed_per_epoch = sum(has_glyph(path, c) and draws(f, c) for f, path in font_files(False) for c in CLASSES)
    base_size = config.base_glyphs + printed_per_epoch
    copies = int(np.clip(config.share / (1 - config.share) * base_size / len(corrections), 20, 2000))
    fixes = corrected_glyphs(corrections, copies, config.seed)
    log(f"{len(corrections)} corrections from {config.corrections}, {copies} augmented copies of each")
    for layer in model.layers:
        # Batch norm stays in inference mode, as is usual for fine-tuning: a few hundred steps on a skewed mix
        # must not move the statistics the whole network was trained with.
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.trainable = False
    model.compile(optimizer=keras.optimizers.Adam(config.learning_rate), loss=set_loss(tf))
    for epoch in range(config.epochs):
        seed = config.seed * 7 + epoch
        data = shuffled(concat(fixes, emnist_epoch(train, config.base_glyphs, seed),
                               printed_glyphs(1, seed, held_out=False)), seed)  # fmt: skip
        log(f"fine-tuning epoch {epoch + 1}/{config.epochs}: {len(data.chars)} glyphs")
        model.fit(standardise(data.frames, mean, std), data.targets, batch_size=256, epochs=1, verbose=2)
    emnist_test = emnist_test_set(load_emnist(config.data, "test"))
    printed_test = printed_glyphs(4, PRINTED_TEST_SEED, held_out=True)
    stale = ("export", "emnist_test_accuracy", "printed_held_out_accuracy")
    metadata = {
        **{k: v for k, v in base_meta.items() if k not in stale},
        "finetuned": {"base": str(config.base), "corrections": len(corrections), "epochs": config.epochs,
                      "copies": copies, "seconds": round(time.time() - started)},
    }  # fmt: skip
    calibration = calibration_glyphs(train, config.seed)
    metadata = ship(model, (tf, keras), metadata, (emnist_test, printed_test), calibration, out, log)
    hw, pr = metadata["emnist_test_accuracy"], metadata["printed_held_out_accuracy"]
    log(f"EMNIST test {hw:.4f}, held-out print {pr:.4f}")
    return metadata
