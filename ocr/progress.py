"""Batch progress on stderr: a live bar on a terminal, a plain line now and then otherwise, or nothing."""

from __future__ import annotations

import sys
import time
from typing import TextIO

PLAIN_EVERY = 5.0  # seconds between plain progress lines when stderr is not a terminal


class Progress:
    def __init__(self, total: int, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.total, self.quiet = total, quiet
        self.stream = stream or sys.stderr
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = self.last = time.monotonic()
        self.done = self.failed = 0

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate > 0 else float("nan")
        eta_text = f"{eta:.0f}s" if eta == eta else "?"
        return f"{self.done}/{self.total} pages, {self.failed} failed, {rate:.2f} pages/s, ETA {eta_text}"

    def update(self, failed: bool) -> None:
        self.done += 1
        self.failed += int(failed)
        if self.quiet:
            return
        now = time.monotonic()
        if self.live:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.line()}  ")
            self.stream.flush()
        elif now - self.last >= PLAIN_EVERY or self.done == self.total:
            self.stream.write(f"pageocr: {self.line()}\n")
            self.stream.flush()
            self.last = now

    def finish(self) -> None:
        if self.live and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()
