"""What every `pageocr` command shares: the one place errors become one stderr line and an exit code."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from ocr.errors import ExitCode, PageocrError, exit_code_for
from segmentation.errors import SegmentationError

T = TypeVar("T")

ModelOption = Annotated[
    Path | None,
    typer.Option("--model", help="Model folder (pageocr.tflite + pageocr.json); default: the shipped one."),
]


def fail(message: str, code: ExitCode) -> typer.Exit:
    typer.echo(f"pageocr: error: {message}", err=True)
    return typer.Exit(int(code))


def warn(message: str) -> None:
    typer.echo(f"pageocr: warning: {message}", err=True)


def progress(message: str) -> None:
    """Training's and exporting's running commentary: stderr, so stdout keeps only the scores."""
    typer.echo(message, err=True)


def guarded(action: Callable[[], T]) -> T:
    """Run a command body; any error becomes one stderr line and its exit code, never a traceback."""
    try:
        return action()
    except (PageocrError, SegmentationError) as exc:
        raise fail(str(exc), exit_code_for(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted", ExitCode.INTERRUPTED) from None
    except MemoryError:
        raise fail("out of memory (try a smaller image or --max-pixels)", ExitCode.FAILURE) from None
    except Exception as exc:
        if os.environ.get("PAGEOCR_TRACEBACK"):
            raise
        raise fail(
            f"internal error: {type(exc).__name__}: {exc} (set PAGEOCR_TRACEBACK=1 for details)",
            ExitCode.FAILURE,
        ) from None


def input_missing(path: Path) -> PageocrError:
    from ocr.errors import InputNotFoundError

    return InputNotFoundError(f"{path}: no such file")
