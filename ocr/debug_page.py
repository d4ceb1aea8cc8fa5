"""index.html of the debugging view: one self-contained page (pictures beside it, no network, no script)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ocr.files import write_text_atomic
from ocr.result import PageResult
from ocr.writers import LOW_CONFIDENCE

if TYPE_CHECKING:
    from ocr.debug import StageFile

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ddd; }
pre.text { background: #f6f6f6; padding: 1em; font-size: 1.1em; white-space: pre-wrap; }
img { max-width: 100%; border: 1px solid #ccc; image-rendering: pixelated; }
table { border-collapse: collapse; } td, th { padding: 0.2em 0.7em; border-bottom: 1px solid #eee; }
tr.low { background: #fde8e8; } .low-label { color: #c0392b; font-weight: bold; }
nav a { margin-right: 0.8em; }
"""


def _glyph_table(result: PageResult) -> str:
    rows = []
    for n, line in enumerate(result.lines, 1):
        for g in line.glyphs:
            if g.confidence >= LOW_CONFIDENCE:
                continue
            alts = ", ".join(f"{escape(label)} {p:.2f}" for label, p in g.alternatives)
            box = f"{g.box.x}, {g.box.y}, {g.box.w}, {g.box.h}"
            rows.append(
                f'<tr class="low"><td>{n}</td><td class="low-label">{escape(g.label)}</td>'
                f"<td>{g.confidence:.2f}</td><td>{alts}</td><td>{box}</td></tr>"
            )
    if not rows:
        return "<p>No glyph was read with confidence below 0.5.</p>"
    head = "<tr><th>line</th><th>reading</th><th>confidence</th><th>top 3</th><th>box x, y, w, h</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def write_index(folder: Path, files: list[StageFile], result: PageResult, source: str) -> Path:
    nav = " ".join(f'<a href="#{escape(f.name)}">{escape(f.title)}</a>' for f in files)
    sections = "\n".join(
        f'<h2 id="{escape(f.name)}">{escape(f.title)}</h2>\n<p>{escape(f.explanation)}</p>\n'
        f'<a href="{escape(f.name)}"><img src="{escape(f.name)}" alt="{escape(f.title)}"></a>'
        for f in files
    )
    low = sum(g.confidence < LOW_CONFIDENCE for g in result.glyphs)
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>pageocr debug: {escape(source)}</title>
<style>{STYLE}</style></head>
<body>
<h1>pageocr debug: {escape(source)}</h1>
<p>{len(result.lines)} lines, {len(result.glyphs)} glyphs, {low} read with low confidence; page turned by
{result.skew_angle:+.1f} degrees. Every number behind these pictures is in <a href="debug.json">debug.json</a>.</p>
<nav>{nav}</nav>
<h2>Text read</h2>
<pre class="text">{escape(result.text) or "(nothing)"}</pre>
<h2>Low-confidence glyphs</h2>
{_glyph_table(result)}
{sections}
</body></html>
"""
    path = folder / "index.html"
    write_text_atomic(path, html)
    return path
