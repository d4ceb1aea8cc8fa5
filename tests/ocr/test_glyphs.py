import numpy as np

from ocr.glyphs import frames_for_boxes
from ocr.pipeline import read_page, segment_page
from segmentation.deskew import rotate
from segmentation.types import Box


def test_reported_boxes_find_exactly_the_inputs_the_network_saw(draw_page, classifier) -> None:
    page = rotate(np.pad(draw_page(["TURNED PAGE"]), 40, constant_values=235), 4.0, fill=235)
    result = read_page(page, classifier)
    frames = frames_for_boxes(page, [g.box for g in result.glyphs])
    seg = segment_page(page)
    seen = seg.frames[: len(result.glyphs)]
    assert len(frames) == len(result.glyphs) == 10
    assert all(np.array_equal(a, b) for a, b in zip(frames, seen, strict=True))


def test_an_unknown_box_is_cut_from_the_white_balanced_page(draw_page) -> None:
    page = draw_page(["AB"])
    (frame,) = frames_for_boxes(page, [Box(0, 0, page.shape[1], page.shape[0])])
    assert frame.shape == (28, 28) and frame.max() > 0.5
