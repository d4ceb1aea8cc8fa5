"""What reading a page produces: per-glyph readings grouped into lines, and the page's text."""

from __future__ import annotations

from dataclasses import dataclass

from segmentation.types import Box


@dataclass(frozen=True)
class GlyphReading:
    """One character box in original image pixels, its best label (a typeset ligature's letters: "fi"), and the
    runner-up readings."""

    box: Box
    label: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]  # top 3 (label, probability), best first
    space_before: bool = False  # the gap before this glyph is a word gap


@dataclass(frozen=True)
class LineReading:
    """One text line: its band of rows in original pixels and its glyphs left to right."""

    top: int
    bottom: int
    glyphs: tuple[GlyphReading, ...]

    @property
    def text(self) -> str:
        return "".join((" " if g.space_before else "") + g.label for g in self.glyphs)


@dataclass(frozen=True)
class PageResult:
    """The reading of one page."""

    width: int
    height: int
    lines: tuple[LineReading, ...]
    warnings: tuple[str, ...] = ()
    skew_angle: float = 0.0  # degrees the page was turned to level its lines
    # Quarter turns (degrees clockwise) the image was turned to read it upright: boxes, width and height are
    # then those of the turned image (ocr.orientation.turn_page), which is what boxed.png shows.
    orientation: int = 0

    @property
    def text(self) -> str:
        """The page's text: one output line per text line, words separated by single spaces."""
        return "\n".join(line.text for line in self.lines)

    @property
    def glyphs(self) -> tuple[GlyphReading, ...]:
        return tuple(g for line in self.lines for g in line.glyphs)

    @property
    def mean_confidence(self) -> float:
        glyphs = self.glyphs
        return sum(g.confidence for g in glyphs) / len(glyphs) if glyphs else 0.0
