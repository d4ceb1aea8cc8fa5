"""`pageocr batch`: plan a folder scan, read each page in isolation, write its outputs atomically.

Planning (which inputs, which outputs, what is already done) is separate from running, so the same plan runs
on a local process pool (ocr/batch_run.py) or a Dask cluster (ocr/cluster.py) with identical results.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocr.decode import ReadOptions
from ocr.errors import InputNotFoundError, OutputError, PageocrError
from segmentation.errors import SegmentationError
from segmentation.load import is_heif

FORMATS = ("txt", "json", "hocr")
_STILL_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pgm", ".ppm", ".pbm")
IMAGE_SUFFIXES = frozenset((*_STILL_SUFFIXES, ".jp2", ".heic", ".heif"))  # HEIC: an iPhone's (the heic extra)
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF", b"P1", b"P2", b"P3",
          b"P4", b"P5", b"P6", b"\x00\x00\x00\x0cjP")  # fmt: skip


@dataclass(frozen=True)
class PageTask:
    """One input and where its outputs go. Plain data: it travels to worker processes and cluster nodes."""

    source: Path
    outputs: dict[str, Path]  # format ("txt", "json", "hocr", "boxed") -> path
    relative: str  # the input's name relative to its root, as shown in the index


@dataclass(frozen=True)
class BatchConfig:
    out: Path
    formats: tuple[str, ...] = ("txt", "json")
    boxed: bool = True
    force: bool = False
    model_dir: Path | None = None
    options: ReadOptions = field(default_factory=ReadOptions)
    max_pixels: int | None = None


def looks_like_image(path: Path) -> bool:
    """By content first (magic numbers); a file named like an image counts too, so that a broken one is reported."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return path.suffix.lower() in IMAGE_SUFFIXES
    if any(head.startswith(m) for m in _MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or is_heif(head):
        return True
    return path.suffix.lower() in IMAGE_SUFFIXES


def collect_inputs(inputs: list[str], exclude: Path | None = None) -> list[tuple[Path, Path]]:
    """(file, root) for every input image, in a stable sorted order. Root is what output paths mirror from.

    Folders are searched recursively, except `exclude` (the output folder, when it lies inside an input).
    """
    found: dict[Path, Path] = {}
    skip = exclude.resolve() if exclude is not None else None
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if skip is not None and skip in file.resolve().parents:
                    continue
                if looks_like_image(file):
                    found.setdefault(file, path)
        elif path.is_file():
            found.setdefault(path, path.parent)
        elif glob.has_magic(item):
            base = Path(item.split("*")[0].split("?")[0].split("[")[0])
            root = base if base.is_dir() else base.parent
            for match in sorted(glob.glob(item, recursive=True)):
                if Path(match).is_file() and looks_like_image(Path(match)):
                    found.setdefault(Path(match), root)
        else:
            raise InputNotFoundError(f"{item}: no such file, folder or matching files")
    return sorted(found.items(), key=lambda pair: str(pair[0]))


def plan(inputs: list[tuple[Path, Path]], config: BatchConfig) -> list[PageTask]:
    """Output paths mirroring each input's place under its root. Two inputs with one stem keep their suffix."""
    stems: dict[Path, int] = {}
    for file, root in inputs:
        key = (config.out / file.relative_to(root)).with_suffix("")
        stems[key] = stems.get(key, 0) + 1
    sources = {file.resolve() for file, _ in inputs}
    tasks = []
    for file, root in inputs:
        rel = file.relative_to(root)
        base = (config.out / rel).with_suffix("")
        if stems[base] > 1:  # page.png and page.jpg side by side: page.png.txt, page.jpg.txt
            base = config.out / rel
        outputs = {fmt: base.with_name(base.name + (".hocr" if fmt == "hocr" else f".{fmt}")) for fmt in config.formats}
        if config.boxed:
            outputs["boxed"] = base.with_name(base.name + ".boxed.png")
        for out in outputs.values():
            if out.resolve() in sources:
                raise OutputError(f"{out}: refusing to write an output over an input")
        tasks.append(PageTask(file, outputs, str(rel)))
    return tasks


def reading_settings(config: BatchConfig) -> str:
    """A digest of everything besides the input and the model that decides a page's outputs: a page written
    with other settings (another --charset, --lexicon, --reject ...) is read again, not skipped."""
    options = config.options
    words = hashlib.sha256("\n".join(sorted(options.words)).encode()).hexdigest() if options.words else None
    described = [sorted(options.charset) if options.charset is not None else None, options.reject_below,
                 options.placeholder, options.context, options.orient, words, sorted(config.formats), config.boxed,
                 config.max_pixels]  # fmt: skip
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()[:16]


def is_done(task: PageTask, model_file: Path) -> bool:
    """Whether every output exists and is newer than both the input and the model (resume skips it)."""
    try:
        newest_input = max(task.source.stat().st_mtime, model_file.stat().st_mtime)
        return all(p.stat().st_mtime >= newest_input for p in task.outputs.values())
    except OSError:
        return False


def process_page(task: PageTask, classifier: Any, config: BatchConfig) -> dict[str, Any]:
    """Read one page and write its outputs; never raises for a bad page, returns its index record instead."""
    from ocr.hocr import to_hocr
    from ocr.pipeline import read_page
    from ocr.source import open_page, with_file_warnings
    from ocr.writers import render_boxed, write_json, write_png, write_text, write_utf8

    started = time.perf_counter()
    record: dict[str, Any] = {"input": task.relative}
    try:
        source = open_page(task.source, config.max_pixels) if config.max_pixels else open_page(task.source)
        gray = source.gray
        result = with_file_warnings(read_page(gray, classifier, config.options), source)
        for fmt, path in task.outputs.items():
            if fmt == "txt":
                write_text(path, result)
            elif fmt == "json":
                write_json(path, result, source=task.relative, image=task.source)
            elif fmt == "hocr":
                write_utf8(path, to_hocr(result, task.relative))
            elif fmt == "boxed":
                write_png(path, render_boxed(gray, result))
        record.update(status="ok", glyphs=len(result.glyphs), mean_confidence=round(result.mean_confidence, 4),
                      warnings=list(result.warnings))  # fmt: skip
    except (PageocrError, SegmentationError, OSError) as exc:
        record.update(status="failed", reason=str(exc))
    except MemoryError:
        record.update(status="failed", reason="out of memory")
    record["seconds"] = round(time.perf_counter() - started, 3)
    return record


def limit_math_threads() -> None:
    """One math thread per worker: N workers on N cores must not each start N threads."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TF_NUM_INTRAOP_THREADS"):
        os.environ[var] = "1"
    import cv2

    cv2.setNumThreads(1)
