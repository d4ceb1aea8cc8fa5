"""hOCR 1.2 output (ocr_page, ocr_line, ocrx_word, ocrx_cinfo with x_bboxes and x_confs) for other tools."""

from __future__ import annotations

from html import escape

from ocr.result import GlyphReading, PageResult


def _bbox(x0: int, y0: int, x1: int, y1: int) -> str:
    return f"bbox {x0} {y0} {x1} {y1}"


def _words(glyphs: tuple[GlyphReading, ...]) -> list[list[GlyphReading]]:
    words: list[list[GlyphReading]] = []
    for g in glyphs:
        if g.space_before or not words:
            words.append([])
        words[-1].append(g)
    return words


def to_hocr(result: PageResult, source: str = "") -> str:
    """The page as an hOCR 1.2 document."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
        '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
        "<head>",
        f"<title>{escape(source)}</title>",
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />',
        '<meta name="ocr-system" content="pageocr" />',
        '<meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word ocrx_cinfo" />',
        "</head>",
        "<body>",
        f'<div class="ocr_page" id="page_1" title="image &quot;{escape(source)}&quot;; '
        f'{_bbox(0, 0, result.width, result.height)}; ppageno 0">',
    ]
    word_id = 0
    for n, line in enumerate(result.lines, 1):
        boxes = [g.box for g in line.glyphs]
        line_box = _bbox(min(b.x for b in boxes), line.top, max(b.right for b in boxes), line.bottom)
        out.append(f'<span class="ocr_line" id="line_1_{n}" title="{line_box}">')
        for word in _words(line.glyphs):
            word_id += 1
            x0, y0 = min(g.box.x for g in word), min(g.box.y for g in word)
            x1, y1 = max(g.box.right for g in word), max(g.box.bottom for g in word)
            wconf = round(100 * sum(g.confidence for g in word) / len(word))
            out.append(
                f'<span class="ocrx_word" id="word_1_{word_id}" title="{_bbox(x0, y0, x1, y1)}; x_wconf {wconf}">'
            )
            for g in word:
                cinfo = f"x_bboxes {g.box.x} {g.box.y} {g.box.right} {g.box.bottom}; x_confs {100 * g.confidence:.1f}"
                out.append(f'<span class="ocrx_cinfo" title="{cinfo}">{escape(g.label)}</span>')
            out.append("</span>")
        out.append("</span>")
    out += ["</div>", "</body>", "</html>", ""]
    return "\n".join(out)
