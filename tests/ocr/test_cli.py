"""The CLI in-process: exit codes, one-line messages on stderr, outputs written where asked and nowhere else."""

import io
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from ocr.cli import app
from ocr.errors import ExitCode

runner = CliRunner()


@pytest.fixture
def page_file(tmp_path, draw_page) -> Path:
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), draw_page(["HELLO 42"]))
    return path


def _one_error_line(stderr: str, *fragments: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("pageocr: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in stderr


def test_read_prints_text_and_writes_boxed_png_in_the_current_folder(page_file, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["read", str(page_file)])
    assert result.exit_code == ExitCode.OK, result.stderr
    words = result.stdout.strip().split(" ")
    assert [len(w) for w in words] == [5, 2]
    boxed = cv2.imread(str(tmp_path / "boxed.png"))
    assert boxed is not None and boxed.shape[2] == 3


def test_read_json_and_chosen_boxed_path(page_file, tmp_path) -> None:
    out_json, out_png = tmp_path / "r.json", tmp_path / "sub" / "b.png"
    result = runner.invoke(app, ["read", str(page_file), "--json", str(out_json), "--boxed", str(out_png)])
    assert result.exit_code == 0
    doc = json.loads(out_json.read_text())
    assert doc["text"] == result.stdout.strip()
    assert len(doc["lines"][0]["glyphs"]) == 7
    assert out_png.is_file()


def test_read_turns_an_upside_down_scan_upright_unless_told_not_to(tmp_path, draw_page) -> None:
    page = draw_page(["HELLO WORLD 42", "THE QUICK FOX"])
    upright, upside_down = tmp_path / "upright.png", tmp_path / "upside_down.png"
    cv2.imwrite(str(upright), page)
    cv2.imwrite(str(upside_down), page[::-1, ::-1])
    expected = runner.invoke(app, ["read", str(upright), "--no-boxed"]).stdout
    out_json = tmp_path / "r.json"
    result = runner.invoke(app, ["read", str(upside_down), "--json", str(out_json), "--boxed", str(tmp_path / "b.png")])
    assert result.exit_code == 0 and result.stdout == expected
    assert json.loads(out_json.read_text())["orientation_degrees"] == 180
    kept = runner.invoke(app, ["read", str(upside_down), "--no-boxed", "--no-turn"])
    assert kept.exit_code == 0 and kept.stdout != expected


def test_no_boxed_writes_nothing(page_file, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["read", str(page_file), "--no-boxed"])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.png"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    noise = np.random.default_rng(0).integers(0, 255, (300, 300), dtype=np.uint8)
    Image.fromarray(noise).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "code", "fragment"),
    [
        (lambda d: d / "missing.jpg", ExitCode.INPUT_NOT_FOUND, "no such file"),
        (lambda d: d, ExitCode.INPUT_NOT_FOUND, "is a directory"),
        (lambda d: _write(d / "empty.png", b""), ExitCode.UNREADABLE_IMAGE, "empty"),
        (lambda d: _write(d / "notes.png", b"hello, I am text"), ExitCode.UNREADABLE_IMAGE, "not an image"),
        (lambda d: _write(d / "cut.jpg", _jpeg_bytes()[:3000]), ExitCode.UNREADABLE_IMAGE, "truncated"),
    ],
)
def test_bad_inputs_give_one_line_and_their_exit_code(tmp_path, make, code, fragment) -> None:
    path = make(tmp_path)
    result = runner.invoke(app, ["read", str(path), "--no-boxed"])
    assert result.exit_code == code
    _one_error_line(result.stderr, str(path), fragment)
    assert result.stdout == ""


def test_oversized_image_is_refused(tmp_path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (6000, 6000), 1).save(path)
    result = runner.invoke(app, ["read", str(path), "--max-pixels", "10000000"])
    assert result.exit_code == ExitCode.IMAGE_TOO_LARGE
    _one_error_line(result.stderr, "36,000,000 pixels")


def test_blank_page_is_empty_text_exit_0_and_a_warning(tmp_path) -> None:
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((500, 400), 238, np.uint8))
    result = runner.invoke(app, ["read", str(path), "--boxed", str(tmp_path / "b.png")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("pageocr: warning: ") and "blank" in result.stderr


def test_refuses_to_write_boxed_over_the_input(page_file) -> None:
    before = page_file.read_bytes()
    result = runner.invoke(app, ["read", str(page_file), "--boxed", str(page_file)])
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    _one_error_line(result.stderr, "over the input")
    assert page_file.read_bytes() == before


def test_missing_model_is_a_model_error(page_file, tmp_path) -> None:
    result = runner.invoke(app, ["read", str(page_file), "--model", str(tmp_path), "--no-boxed"])
    assert result.exit_code == ExitCode.MODEL_ERROR
    _one_error_line(result.stderr, "model")


@pytest.mark.parametrize(
    "command", [[], ["read"], ["model"], ["model", "train"], ["model", "evaluate"], ["model", "export"]]
)
def test_every_command_has_help(command) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_unknown_option_is_a_usage_error(page_file) -> None:
    result = runner.invoke(app, ["read", str(page_file), "--no-such-option"])
    assert result.exit_code == ExitCode.USAGE


def test_charset_restricts_the_reading(tmp_path, draw_page) -> None:
    path = tmp_path / "digits.png"
    cv2.imwrite(str(path), draw_page(["IO5 B7"]))  # letters that look like digits
    result = runner.invoke(app, ["read", str(path), "--no-boxed", "--charset", "digits"])
    assert result.exit_code == 0
    assert set(result.stdout.strip()) <= set("0123456789 ")


def test_unknown_charset_is_a_usage_error(page_file) -> None:
    result = runner.invoke(app, ["read", str(page_file), "--no-boxed", "--charset", "AB^"])
    assert result.exit_code == ExitCode.USAGE
    _one_error_line(result.stderr, "--charset")


def test_reject_prints_placeholders_for_unsure_glyphs(page_file) -> None:
    result = runner.invoke(app, ["read", str(page_file), "--no-boxed", "--reject", "1.0", "--placeholder", "?"])
    assert result.exit_code == 0
    assert result.stdout.strip().replace(" ", "") == "?" * 7  # nothing is ever 100% sure


def test_an_unreadable_word_list_is_a_usage_error(page_file, tmp_path) -> None:
    result = runner.invoke(app, ["read", str(page_file), "--no-boxed", "--lexicon", str(tmp_path / "missing.txt")])
    assert result.exit_code == ExitCode.USAGE
    _one_error_line(result.stderr, "--lexicon", "missing.txt")


def test_a_multi_page_scan_reads_its_first_page_and_warns_of_the_rest(tmp_path, draw_page) -> None:
    scan = tmp_path / "scan.tif"
    pages = [Image.fromarray(draw_page([text])) for text in ("HELLO 42", "SECOND PAGE")]
    pages[0].save(scan, save_all=True, append_images=pages[1:])
    result = runner.invoke(app, ["read", str(scan), "--no-boxed"])
    assert result.exit_code == ExitCode.OK
    assert result.stdout.strip() == "HELLO 42"
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("pageocr: warning: ") and str(scan) in line and "holds 2 pages" in line
