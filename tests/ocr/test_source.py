"""Loading a page from its file: the first page, and a warning when the file holds more."""

from PIL import Image

from ocr.result import PageResult
from ocr.source import open_page, with_file_warnings


def test_a_multi_page_file_gives_its_first_page_and_says_the_rest_were_not_read(tmp_path, draw_page) -> None:
    first, second = Image.fromarray(draw_page(["PAGE ONE"])), Image.fromarray(draw_page(["PAGE TWO"]))
    scan = tmp_path / "scan.tif"
    first.save(scan, save_all=True, append_images=[second])
    source = open_page(scan)
    assert source.gray.shape == draw_page(["PAGE ONE"]).shape
    assert len(source.warnings) == 1 and "holds 2 pages; only the first was read" in source.warnings[0]
    single = tmp_path / "page.png"
    first.save(single)
    assert open_page(single).warnings == ()
    result = PageResult(10, 10, (), warnings=("no text found",))
    assert with_file_warnings(result, source).warnings == (*source.warnings, "no text found")
    assert with_file_warnings(result, open_page(single)) is result
