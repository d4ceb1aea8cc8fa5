"""Batch scanning: inputs by content, mirrored outputs, the index, resume, failures and Ctrl-C."""

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import cv2
import pytest
from PIL import Image
from typer.testing import CliRunner

from ocr.batch import BatchConfig, collect_inputs, plan
from ocr.batch_run import run_batch, run_local
from ocr.cli import app
from ocr.errors import ExitCode, OutputError

runner = CliRunner()


@pytest.fixture
def folder(tmp_path, draw_page) -> Path:
    """Two good pages (one in a subfolder, one a JPEG named .dat) and the usual broken files."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    cv2.imwrite(str(root / "a.png"), draw_page(["ONE 1"]))
    cv2.imwrite(str(root / "sub" / "b.jpg"), draw_page(["TWO 22"]))
    shutil.copy(root / "sub" / "b.jpg", root / "photo.dat")  # an image by content, whatever its name
    (root / "notes.png").write_text("I am text wearing a .png name")
    (root / "empty.jpg").write_bytes(b"")
    jpeg = (root / "sub" / "b.jpg").read_bytes()
    (root / "sub" / "cut.jpg").write_bytes(jpeg[: len(jpeg) // 3])
    (root / "README.txt").write_text("not an input at all")
    Image.new("1", (9000, 9000), 1).save(root / "huge.png")
    return root


def _batch(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *args, "--quiet"])
    return result.exit_code, result.stderr


def _index(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]


def test_inputs_are_recognised_by_content_and_sorted(folder) -> None:
    names = [str(f.relative_to(folder)) for f, _ in collect_inputs([str(folder)])]
    assert names == ["a.png", "empty.jpg", "huge.png", "notes.png", "photo.dat", "sub/b.jpg", "sub/cut.jpg"]
    globbed = collect_inputs([str(folder / "sub" / "*.jpg")])
    assert [f.name for f, _ in globbed] == ["b.jpg", "cut.jpg"]


def test_an_iphone_photo_is_an_input_by_its_content(tmp_path) -> None:
    (tmp_path / "IMG_0001.dat").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64))
    assert [f.name for f, _ in collect_inputs([str(tmp_path)])] == ["IMG_0001.dat"]


def test_outputs_mirror_the_input_tree_and_never_replace_an_input(folder, tmp_path) -> None:
    config = BatchConfig(out=tmp_path / "out", formats=("txt", "json", "hocr"))
    tasks = {t.relative: t for t in plan(collect_inputs([str(folder)]), config)}
    assert tasks["sub/b.jpg"].outputs["txt"] == tmp_path / "out" / "sub" / "b.txt"
    assert tasks["a.png"].outputs["boxed"] == tmp_path / "out" / "a.boxed.png"
    assert tasks["a.png"].outputs["hocr"] == tmp_path / "out" / "a.hocr"
    # An earlier run's boxed page named as an input beside its own page would be written over: refused.
    shutil.copy(folder / "a.png", folder / "a.boxed.png")
    inputs = [str(folder / "a.png"), str(folder / "a.boxed.png")]
    with pytest.raises(OutputError, match="over an input"):
        plan(collect_inputs(inputs), BatchConfig(out=folder))


def test_an_output_folder_inside_the_input_is_not_read_as_input(folder) -> None:
    out = folder / "results"
    assert _batch(str(folder / "sub"), "--out", str(out), "--jobs", "1")[0] == ExitCode.SOME_PAGES_FAILED
    assert (out / "b.boxed.png").is_file()
    names = [str(f.relative_to(folder)) for f, _ in collect_inputs([str(folder)], exclude=out)]
    assert not any(name.startswith("results") for name in names)


def test_a_mixed_folder_runs_to_the_end_and_reports_every_bad_file(folder, tmp_path) -> None:
    out = tmp_path / "out"
    code, stderr = _batch(str(folder), "--out", str(out), "--jobs", "1")
    assert code == ExitCode.SOME_PAGES_FAILED
    records = {r["input"]: r for r in _index(out)[:-1]}
    assert {k for k, r in records.items() if r["status"] == "ok"} == {"a.png", "photo.dat", "sub/b.jpg"}
    assert {k for k, r in records.items() if r["status"] == "failed"} == {"empty.jpg", "huge.png", "notes.png",
                                                                           "sub/cut.jpg"}  # fmt: skip
    assert "empty" in records["empty.jpg"]["reason"] and "truncated" in records["sub/cut.jpg"]["reason"]
    assert "Traceback" not in stderr and stderr.count("pageocr: warning:") == 4
    assert (out / "sub" / "b.txt").read_text().split() and (out / "sub" / "b.boxed.png").is_file()
    assert json.loads((out / "a.json").read_text())["source"] == "a.png"
    summary = _index(out)[-1]["summary"]
    assert (summary["ok"], summary["failed"], summary["pages"]) == (3, 4, 7)
    assert not list(out.rglob("*.tmp"))


def test_a_second_run_skips_finished_pages_and_force_redoes_them(folder, tmp_path) -> None:
    out = tmp_path / "out"
    _batch(str(folder / "a.png"), str(folder / "sub"), "--out", str(out), "--jobs", "1")
    first = (out / "a.txt").stat().st_mtime_ns
    _code, _ = _batch(str(folder / "a.png"), str(folder / "sub"), "--out", str(out), "--jobs", "1")
    statuses = {r["input"]: r["status"] for r in _index(out)[:-1]}
    assert statuses == {"a.png": "skipped", "b.jpg": "skipped", "cut.jpg": "failed"}
    assert (out / "a.txt").stat().st_mtime_ns == first
    os.utime(folder / "a.png")  # an input edited after its outputs were written is read again
    _batch(str(folder / "a.png"), "--out", str(out), "--jobs", "1")
    assert _index(out)[0]["status"] == "ok"
    _batch(str(folder / "sub" / "b.jpg"), "--out", str(out), "--jobs", "1", "--force")
    assert _index(out)[0]["status"] == "ok"


def test_interrupted_run_keeps_finished_pages_and_leaves_no_partial_file(folder, tmp_path) -> None:
    config = BatchConfig(out=tmp_path / "out")
    tasks = plan(collect_inputs([str(folder / "a.png"), str(folder / "sub" / "b.jpg")]), config)

    def interrupted(todo):
        records = run_local(todo, config, jobs=1)
        yield next(records)
        raise KeyboardInterrupt

    model = Path(__file__).resolve().parents[2] / "models" / "pageocr.tflite"
    summary = run_batch(tasks, config, model, interrupted)
    assert summary.interrupted and summary.ok == 1
    assert (tmp_path / "out" / "a.txt").is_file() and not (tmp_path / "out" / "sub").exists()
    assert _index(tmp_path / "out")[-1]["summary"]["interrupted"] is True
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_parallel_workers_give_the_same_outputs_as_one(folder, tmp_path) -> None:
    pages = [str(folder / "a.png"), str(folder / "sub")]
    _batch(*pages, "--out", str(tmp_path / "one"), "--jobs", "1")
    _batch(*pages, "--out", str(tmp_path / "two"), "--jobs", "2")
    for name in ("a.json", "b.json", "a.boxed.png", "b.txt"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_hocr_output_is_well_formed_and_carries_char_boxes(folder, tmp_path) -> None:
    out = tmp_path / "out"
    code, _ = _batch(str(folder / "a.png"), "--out", str(out), "--format", "hocr", "--no-boxed")
    assert code == 0 and sorted(p.name for p in out.iterdir()) == ["a.hocr", "index.jsonl"]
    root = ET.fromstring((out / "a.hocr").read_text())
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    classes = [e.get("class") for e in root.iter() if e.get("class")]
    assert classes.count("ocr_page") == 1 and classes.count("ocr_line") == 1 and classes.count("ocrx_word") == 2
    chars = root.findall(".//h:span[@class='ocrx_cinfo']", ns)
    assert len(chars) == 4 and all("x_bboxes" in c.get("title") and "x_confs" in c.get("title") for c in chars)


def test_bad_format_and_missing_input_are_usage_and_input_errors(tmp_path, folder) -> None:
    code, stderr = _batch(str(folder / "a.png"), "--out", str(tmp_path / "o"), "--format", "pdf")
    assert code == ExitCode.USAGE and "--format" in stderr
    code, stderr = _batch(str(tmp_path / "nothing"), "--out", str(tmp_path / "o"))
    assert code == ExitCode.INPUT_NOT_FOUND


def test_dask_cluster_gives_the_same_outputs_as_a_local_run(folder, tmp_path) -> None:
    distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    pages = [str(folder / "a.png"), str(folder / "sub" / "b.jpg")]
    _batch(*pages, "--out", str(tmp_path / "local"), "--jobs", "1")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, stderr = _batch(*pages, "--out", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address)
    assert code == 0, stderr
    for name in ("a.txt", "a.json", "a.boxed.png", "b.txt", "b.json", "b.boxed.png"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in _index(tmp_path / "dask")[:-1]]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in _index(tmp_path / "local")[:-1]]


def test_pages_written_with_other_settings_are_read_again(folder, tmp_path) -> None:
    out = tmp_path / "out"
    args = [str(folder / "a.png"), "--out", str(out), "--jobs", "1"]
    _batch(*args)
    assert _index(out)[0]["status"] == "ok" and _index(out)[0]["settings"]
    _batch(*args)
    assert _index(out)[0]["status"] == "skipped"
    _batch(*args, "--lexicon", "none")  # other settings: the outputs on disk are not what this run would write
    assert _index(out)[0]["status"] == "ok"
    _batch(*args, "--lexicon", "none")
    assert _index(out)[0]["status"] == "skipped"
    _batch(*args, "--charset", "upper")
    assert _index(out)[0]["status"] == "ok"
    (out / "index.jsonl").write_text("not json\n")  # a damaged index says nothing about how pages were written
    _batch(*args, "--charset", "upper")
    assert _index(out)[0]["status"] == "ok"


def test_a_multi_page_scan_in_a_batch_has_its_unread_pages_in_its_warnings(tmp_path, draw_page) -> None:
    scan = tmp_path / "in" / "scan.tif"
    scan.parent.mkdir()
    pages = [Image.fromarray(draw_page([text])) for text in ("HELLO 42", "SECOND PAGE")]
    pages[0].save(scan, save_all=True, append_images=pages[1:])
    code, _ = _batch(str(scan.parent), "--out", str(tmp_path / "out"), "--jobs", "1")
    record = _index(tmp_path / "out")[0]  # then the run's summary
    assert code == 0 and record["status"] == "ok"
    assert any("holds 2 pages" in warning for warning in record["warnings"])
    assert (tmp_path / "out" / "scan.txt").read_text().strip() == "HELLO 42"
