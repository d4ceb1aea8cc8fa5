"""The README's exit-code table must say exactly what the ExitCode enum says."""

import re
from pathlib import Path

from ocr.errors import EXIT_CODE_MEANINGS, ExitCode, InputNotFoundError, ModelError, exit_code_for
from segmentation.errors import ImageDecodeError, ImageTooLargeError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_exit_code_table_matches_the_enum() -> None:
    rows = re.findall(r"^\| `(\d+)` \| `(\w+)` \| (.+?) \|$", README.read_text(encoding="utf-8"), re.MULTILINE)
    table = {int(code): (name, meaning) for code, name, meaning in rows}
    expected = {int(code): (code.name, EXIT_CODE_MEANINGS[code]) for code in ExitCode}
    assert table == expected


def test_every_code_has_a_meaning_and_errors_map_to_codes() -> None:
    assert set(EXIT_CODE_MEANINGS) == set(ExitCode)
    assert exit_code_for(InputNotFoundError("x")) == ExitCode.INPUT_NOT_FOUND
    assert exit_code_for(ImageDecodeError("x")) == ExitCode.UNREADABLE_IMAGE
    assert exit_code_for(ImageTooLargeError("x")) == ExitCode.IMAGE_TOO_LARGE
    assert exit_code_for(ModelError("x")) == ExitCode.MODEL_ERROR
    assert exit_code_for(KeyboardInterrupt()) == ExitCode.INTERRUPTED
    assert exit_code_for(RuntimeError("surprise")) == ExitCode.FAILURE
