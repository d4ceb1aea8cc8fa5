"""Accuracy and speed over generated photo-like pages, side by side with Tesseract when it is installed.

    python benchmarks/pages.py [--pages 100] [--jobs 2] [--folder DIR] [--seed N] [--emnist PATH] [--fine-pen]
        [--slanted] [--curled] [--shaken] [--pencil] [--on-desk] [--hard-shadow] [--glare] [--squared]
        [--holes] [--underlined] [--side-view] [--top-view] [--small-print]

Generates pages with samples/generate.py --bench (or reads DIR: images with NAME.gt.txt; with --emnist, the
handwritten pages are made of real EMNIST test glyphs instead of Hershey strokes; each effect flag gives every
page that effect, as samples/generate.py's EFFECTS describe: a fine pen, a writer's slant, a book's curl, a
shaking hand, pencil, a desk round the page, a sharp-edged shadow, a lamp's glare, squared paper, binding holes,
an underline, a page seen from one side or from below, small print), runs `pageocr batch --jobs N` over them, then
`tesseract` N at a time with OMP_THREAD_LIMIT=1, and prints for each: pages per minute, character error rate
(case-sensitive and not) and the peak memory of the process tree.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocr.accuracy import ground_truth_pairs  # noqa: E402
from ocr.metrics import character_error_rate  # noqa: E402
from samples.generate import EFFECTS  # noqa: E402


def tree_rss_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(stat[1])
            rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    family, grew = {root_pid}, True
    while grew:
        new = {pid for pid, parent in parents.items() if parent in family} - family
        family |= new
        grew = bool(new)
    return sum(rss.get(pid, 0) for pid in family) / 2**20


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, list[float]]:
    """Wall seconds, peak tree RSS (MB) and an RSS trace (every 0.5 s) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    trace: list[float] = []

    def sample() -> None:
        while process.poll() is None:
            trace.append(tree_rss_mb(process.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    sampler.join()
    if process.returncode not in (0, 8):
        raise SystemExit(f"{command[0]} failed: {err.strip()[-500:]}")
    return time.perf_counter() - start, max(trace, default=0.0), trace


def kind_of(image: Path, truth: str) -> str:
    """What a generated page is, by its name (hand_, fine_: handwriting; print_, small_: print); pages named
    otherwise by their text (the generator's block capitals are handwriting, print has small letters)."""
    if image.name.startswith(("hand_", "fine_")):
        return "hand"
    if image.name.startswith(("print_", "small_")):
        return "print"
    return "hand" if truth == truth.upper() else "print"


def cer_of(folder: Path, readings: dict[str, str], kind: str | None = None) -> tuple[float, float]:
    """(CER, case-insensitive CER) over the pages of `kind` (all pages when None); NaN when there are none."""
    edits = edits_nocase = chars = 0.0
    for image, truth_path in ground_truth_pairs(folder):
        truth = truth_path.read_text(encoding="utf-8")
        if kind is not None and kind_of(image, truth) != kind:
            continue
        reading = readings.get(image.name, "")
        n = max(len(truth.strip()), 1)
        edits += character_error_rate(reading, truth) * n
        edits_nocase += character_error_rate(reading, truth, case_sensitive=False) * n
        chars += n
    return (edits / chars, edits_nocase / chars) if chars else (float("nan"), float("nan"))


def run_pageocr(folder: Path, out: Path, jobs: int) -> dict[str, object]:
    command = [sys.executable, "-m", "ocr.cli", "batch", str(folder), "--out", str(out), "--jobs", str(jobs),
               "--quiet", "--force", "--no-boxed", "--format", "txt"]  # fmt: skip
    seconds, peak, trace = run_measured(command)
    readings = {img.name: (out / (img.stem + ".txt")).read_text() for img, _ in ground_truth_pairs(folder)
                if (out / (img.stem + ".txt")).exists()}  # fmt: skip
    return {"seconds": seconds, "peak_mb": peak, "trace": trace, "cer": cer_of(folder, readings),
            "by_kind": {k: cer_of(folder, readings, k) for k in ("hand", "print")}}  # fmt: skip


def run_tesseract(folder: Path, out: Path, jobs: int) -> dict[str, object] | None:
    if subprocess.run(["which", "tesseract"], capture_output=True).returncode != 0:
        return None
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    images = [img for img, _ in ground_truth_pairs(folder)]
    start = time.perf_counter()
    peak = 0.0

    def one(image: Path) -> None:
        nonlocal peak
        _, mb, _ = run_measured(["tesseract", str(image), str(out / image.stem), "--psm", "3"], env)
        peak = max(peak, mb)

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, images))
    readings = {img.name: (out / (img.stem + ".txt")).read_text() for img in images}
    return {"seconds": time.perf_counter() - start, "peak_mb": peak * jobs, "cer": cer_of(folder, readings),
            "by_kind": {k: cer_of(folder, readings, k) for k in ("hand", "print")}}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path, help="use these pages instead of generating some")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--emnist", type=Path, help="write the handwritten pages with this EMNIST file's test glyphs")
    for name, effect in EFFECTS.items():
        parser.add_argument(f"--{name}", action="store_true", help=f"every page: {effect}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            folder = Path(tmp) / "pages"
            generator = [sys.executable, str(ROOT / "samples" / "generate.py"), "--out", str(folder)]
            options = ["--bench", str(args.pages), "--seed", str(args.seed)]
            options += ["--emnist", str(args.emnist.resolve())] if args.emnist else []
            options += [f"--{name}" for name in EFFECTS if getattr(args, name.replace("-", "_"))]
            subprocess.run(generator + options, check=True, stdout=subprocess.DEVNULL)
        n = len(ground_truth_pairs(folder))
        (Path(tmp) / "p").mkdir()
        (Path(tmp) / "t").mkdir()
        ours = run_pageocr(folder, Path(tmp) / "p", args.jobs)
        theirs = run_tesseract(folder, Path(tmp) / "t", args.jobs)
    print(f"{n} pages, {args.jobs} at a time, {os.cpu_count()} cores")
    print(f"{'engine':<10} {'pages/min':>10} {'CER':>8} {'CER(ci)':>8} {'peak MB':>8}")
    for name, r in (("pageocr", ours), ("tesseract", theirs)):
        if r is None:
            print(f"{name:<10} not installed")
            continue
        cer, cer_ci = r["cer"]
        print(f"{name:<10} {60 * n / r['seconds']:>10.1f} {cer:>8.4f} {cer_ci:>8.4f} {r['peak_mb']:>8.0f}")
        for kind, (k_cer, k_ci) in r["by_kind"].items():
            if k_cer != k_cer:  # NaN: no page of this kind
                continue
            print(f"  {kind:<8} {'':>10} {k_cer:>8.4f} {k_ci:>8.4f}")
    trace = ours["trace"]
    if len(trace) >= 4:
        marks = [trace[int(f * (len(trace) - 1))] for f in (0.1, 0.5, 1.0)]
        print("pageocr tree RSS at 10%/50%/100% of the run: " + " / ".join(f"{m:.0f} MB" for m in marks))


if __name__ == "__main__":
    main()
