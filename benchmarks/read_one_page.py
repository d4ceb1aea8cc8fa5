"""Wall time and peak memory of one `pageocr read` call, as a user runs it (a fresh process each time).

    python benchmarks/read_one_page.py [IMAGE ...] [--runs 3]

Uses /usr/bin/time -v when it is there (peak resident set size), else times the process alone.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_IMAGES = [ROOT / "samples" / "hand_blocks.png", ROOT.parent / "shared" / "real" / "hw_hellodl_cleaned.jpg"]


def measure(image: Path, out: Path) -> tuple[float, int | None]:
    command = [sys.executable, "-m", "ocr.cli", "read", str(image), "--boxed", str(out / "boxed.png")]
    timer = shutil.which("time") and Path("/usr/bin/time").exists()
    if timer:
        command = ["/usr/bin/time", "-v", *command]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"pageocr failed on {image}: {done.stderr.strip().splitlines()[-1]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return seconds, int(peak.group(1)) if peak else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("images", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    images = args.images or [p for p in DEFAULT_IMAGES if p.exists()]
    with tempfile.TemporaryDirectory() as tmp:
        for image in images:
            results = [measure(image, Path(tmp)) for _ in range(args.runs)]
            best = min(s for s, _ in results)
            peaks = [p for _, p in results if p is not None]
            peak = f"{max(peaks) / 1024:.0f} MB" if peaks else "n/a"
            print(f"{image.name}: best wall time {best:.2f} s over {args.runs} runs, peak RSS {peak}")


if __name__ == "__main__":
    main()
