"""Small immutable value types passed between stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in page pixels: x, y is the top-left corner."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def slices(self) -> tuple[slice, slice]:
        """Row and column slices that cut this box out of a page array."""
        return slice(self.y, self.bottom), slice(self.x, self.right)

    def joined(self, other: Box) -> Box:
        """The smallest box holding both."""
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        return Box(x0, y0, max(self.right, other.right) - x0, max(self.bottom, other.bottom) - y0)

    def scaled(self, factor: float) -> Box:
        """The same box in an image `factor` times as large (used to map back to original pixels)."""
        x0, y0 = round(self.x * factor), round(self.y * factor)
        x1, y1 = round(self.right * factor), round(self.bottom * factor)
        return Box(x0, y0, max(1, x1 - x0), max(1, y1 - y0))


@dataclass(frozen=True)
class Line:
    """A text line: the band of rows [top, bottom) found by the row projection, and its character boxes."""

    top: int
    bottom: int
    boxes: tuple[Box, ...] = ()

    @property
    def height(self) -> int:
        return self.bottom - self.top
