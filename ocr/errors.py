"""Domain errors of the reading layer, and the one table that turns any error into an exit code.

The README's exit-code table is checked against `ExitCode` by the tests, so the two cannot drift apart.
"""

from __future__ import annotations

from enum import IntEnum

from segmentation.errors import ImageDecodeError, ImageTooLargeError


class ExitCode(IntEnum):
    """Process exit codes of the `pageocr` command. The docstring of each member is its README line."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    INPUT_NOT_FOUND = 3
    UNREADABLE_IMAGE = 4
    IMAGE_TOO_LARGE = 5
    MODEL_ERROR = 6
    OUTPUT_ERROR = 7
    SOME_PAGES_FAILED = 8
    INTERRUPTED = 130


EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success (a blank page also exits 0, with a warning on stderr)",
    ExitCode.FAILURE: "an unexpected internal error (please report it)",
    ExitCode.USAGE: "bad command-line usage (unknown option, missing argument, a value that makes no sense)",
    ExitCode.INPUT_NOT_FOUND: "the input does not exist, or is a directory where a file was expected",
    ExitCode.UNREADABLE_IMAGE: "the input is empty, truncated, damaged or not an image",
    ExitCode.IMAGE_TOO_LARGE: "the image has more pixels than the limit (--max-pixels)",
    ExitCode.MODEL_ERROR: "the character model is missing, damaged or cannot be loaded",
    ExitCode.OUTPUT_ERROR: "an output could not be written (or would overwrite the input)",
    ExitCode.SOME_PAGES_FAILED: "batch: at least one page failed (see index.jsonl); every other page was read",
    ExitCode.INTERRUPTED: "interrupted by Ctrl-C; finished outputs are complete, none is partial",
}


class PageocrError(Exception):
    """Base class of errors the reading layer raises on purpose; the message is meant for the user."""


class InputNotFoundError(PageocrError):
    """The input path does not exist or is not a regular file."""


class ModelError(PageocrError):
    """The character model cannot be found or loaded."""


class OutputError(PageocrError):
    """An output cannot be written, or would replace an input."""


class UsageError(PageocrError):
    """An option's value makes no sense (checked after parsing, e.g. a --charset the model cannot read)."""


_EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (UsageError, ExitCode.USAGE),
    (InputNotFoundError, ExitCode.INPUT_NOT_FOUND),
    (ImageTooLargeError, ExitCode.IMAGE_TOO_LARGE),
    (ImageDecodeError, ExitCode.UNREADABLE_IMAGE),
    (ModelError, ExitCode.MODEL_ERROR),
    (OutputError, ExitCode.OUTPUT_ERROR),
    (KeyboardInterrupt, ExitCode.INTERRUPTED),
)


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code for an error: the first matching class in the table, else FAILURE."""
    for kind, code in _EXIT_CODES:
        if isinstance(error, kind):
            return code
    return ExitCode.FAILURE
