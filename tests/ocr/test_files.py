import os

import pytest

from ocr.files import write_bytes_atomic


def test_atomic_write_replaces_whole_file_and_leaves_no_temporaries(tmp_path) -> None:
    target = tmp_path / "out" / "page.txt"
    write_bytes_atomic(target, b"first")
    write_bytes_atomic(target, b"second version")
    assert target.read_bytes() == b"second version"
    assert os.listdir(target.parent) == ["page.txt"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "page.txt"
    target.write_bytes(b"precious")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"precious"
    assert os.listdir(tmp_path) == ["page.txt"]
