"""Running a batch plan on an existing Dask cluster (`--scheduler ADDRESS`, the optional `dask` extra).

Workers must see the same paths as the submitting machine (a shared file system), as for any Dask job on
files. Each worker process loads the model once and keeps it for every page it is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ocr.batch import BatchConfig, PageTask, limit_math_threads, process_page
from ocr.errors import UsageError


@lru_cache(maxsize=4)
def _classifier(model_dir: Path | None) -> Any:
    limit_math_threads()
    from ocr.classifier import Classifier

    return Classifier(model_dir, threads=1)


def _cluster_page(task: PageTask, config: BatchConfig) -> dict[str, Any]:
    return process_page(task, _classifier(config.model_dir), config)


def run_on_cluster(tasks: list[PageTask], config: BatchConfig, address: str) -> Iterator[dict[str, Any]]:
    """Records of the tasks as the cluster finishes them."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise UsageError("--scheduler needs dask.distributed: pip install 'pageocr[dask]'") from None
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        # Sent to every worker once, not with each page: the options may hold a word list of 70,000 words.
        shared = client.scatter(config, broadcast=True)
        futures = client.map(_cluster_page, tasks, config=shared, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
