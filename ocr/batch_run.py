"""Running a batch plan: a local pool of worker processes, the index file, resume, clean Ctrl-C."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ocr.batch import BatchConfig, PageTask, is_done, limit_math_threads, process_page, reading_settings
from ocr.files import write_text_atomic

INDEX_NAME = "index.jsonl"
INDEX_EVERY = 1.0  # seconds between rewrites of the index during a run

_worker: dict[str, Any] = {}  # per worker process: the classifier it loaded once, and the run's config


@dataclass(frozen=True)
class BatchSummary:
    pages: int
    ok: int
    failed: int
    skipped: int
    seconds: float
    interrupted: bool

    @property
    def pages_per_second(self) -> float:
        return (self.ok + self.failed) / self.seconds if self.seconds > 0 else 0.0


class IndexWriter:
    """index.jsonl in input order, rewritten atomically now and then, so it is always whole."""

    def __init__(self, path: Path, order: list[str]) -> None:
        self.path, self.position = path, {name: i for i, name in enumerate(order)}
        self.records: dict[str, dict[str, Any]] = {}
        self.last = 0.0

    def add(self, record: dict[str, Any]) -> None:
        self.records[record["input"]] = record
        if time.monotonic() - self.last >= INDEX_EVERY:
            self.write()

    def write(self, summary: BatchSummary | None = None) -> None:
        rows = sorted(self.records.values(), key=lambda r: self.position.get(r["input"], len(self.position)))
        lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]
        if summary is not None:
            body = {**asdict(summary), "pages_per_second": round(summary.pages_per_second, 3)}
            lines.append(json.dumps({"summary": body}, sort_keys=True))
        write_text_atomic(self.path, "".join(line + "\n" for line in lines))
        self.last = time.monotonic()


def previous_settings(path: Path) -> dict[str, str]:
    """The reading settings each page of the last run's index was written with (none from a damaged index)."""
    found: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return found
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("settings"), str) and "input" in record:
            found[str(record["input"])] = record["settings"]
    return found


def remove_stale_temporaries(out: Path) -> None:
    """Temporaries a killed run left behind (atomic writes that never got renamed)."""
    for tmp in out.rglob(".*.tmp") if out.is_dir() else ():
        tmp.unlink(missing_ok=True)


def _init_worker(config: BatchConfig) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it lets running pages finish
    limit_math_threads()
    from ocr.classifier import Classifier

    _worker["classifier"] = Classifier(config.model_dir, threads=1)
    _worker["config"] = config


def _run_task(task: PageTask) -> dict[str, Any]:
    return process_page(task, _worker["classifier"], _worker["config"])


def run_local(tasks: list[PageTask], config: BatchConfig, jobs: int) -> Iterator[dict[str, Any]]:
    """Records of the tasks as they finish, from `jobs` worker processes."""
    if jobs <= 1:
        limit_math_threads()
        from ocr.classifier import Classifier

        classifier = Classifier(config.model_dir, threads=1)
        for task in tasks:
            yield process_page(task, classifier, config)
        return
    context = get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
        pending: set[Future[dict[str, Any]]] = set()
        running: list[Future[dict[str, Any]]] = []
        try:
            # Keep only a few pages in flight per worker: memory stays flat however long the batch is.
            for task in tasks:
                pending.add(pool.submit(_run_task, task))
                if len(pending) >= 2 * jobs:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (f.result() for f in done)
            for future in pending:
                yield future.result()
            return
        except KeyboardInterrupt:
            # Pages not started are dropped; pages a worker is on finish (workers ignore Ctrl-C) and are kept.
            running = [f for f in pending if not f.cancel()]
        for future in running:
            yield future.result()
        raise KeyboardInterrupt


def run_batch(
    tasks: list[PageTask],
    config: BatchConfig,
    model_file: Path,
    runner: Callable[[list[PageTask]], Iterator[dict[str, Any]]],
    on_record: Callable[[dict[str, Any]], None] = lambda r: None,
) -> BatchSummary:
    """Skip finished pages, run the rest, keep the index up to date; Ctrl-C keeps every finished page."""
    config.out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(config.out)
    settings, written_with = reading_settings(config), previous_settings(config.out / INDEX_NAME)
    index = IndexWriter(config.out / INDEX_NAME, [t.relative for t in tasks])
    todo = []
    for task in tasks:
        if not config.force and written_with.get(task.relative) == settings and is_done(task, model_file):
            index.add({"input": task.relative, "status": "skipped", "reason": "outputs are up to date",
                       "settings": settings})  # fmt: skip
        else:
            todo.append(task)
    started, interrupted = time.monotonic(), False
    try:
        for record in runner(todo):
            if record["status"] == "ok":
                record = {**record, "settings": settings}
            index.add(record)
            on_record(record)
    except KeyboardInterrupt:
        interrupted = True
    statuses = [r["status"] for r in index.records.values()]
    summary = BatchSummary(
        pages=len(tasks), ok=statuses.count("ok"), failed=statuses.count("failed"),
        skipped=statuses.count("skipped"), seconds=round(time.monotonic() - started, 3), interrupted=interrupted,
    )  # fmt: skip
    index.write(summary)
    return summary
