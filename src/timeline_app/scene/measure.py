"""How the scene measures text without knowing about fonts.

The view passes measures backed by Qt's font metrics; tests pass `MonoMeasure`, whose every
character has the same width, so label placement is tested without a QApplication (the way
thetimelineproj's scene takes a `get_text_size_fn`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

ELLIPSIS = "\u2026"


class TextMeasure(Protocol):
    """Width and elision of single-line text in one font, in logical pixels."""

    def width(self, text: str) -> float: ...

    def elide(self, text: str, width: float) -> str:
        """`text` cut with an ellipsis so that it fits in `width` (unchanged if it fits)."""
        ...

    def height(self) -> float: ...


@dataclass(frozen=True)
class MonoMeasure:
    """Every character `char` px wide, lines `line` px high: a measure for tests."""

    char: float = 7.0
    line: float = 15.0

    def width(self, text: str) -> float:
        return len(text) * self.char

    def elide(self, text: str, width: float) -> str:
        if self.width(text) <= width:
            return text
        keep = max(0, int(width // self.char) - 1)
        return text[:keep] + ELLIPSIS

    def height(self) -> float:
        return self.line


@dataclass(frozen=True)
class Measures:
    """The fonts a scene uses: labels (regular and bold for the selection), badges, axis, lane."""

    label: TextMeasure
    label_bold: TextMeasure
    badge: TextMeasure
    axis: TextMeasure
    lane: TextMeasure

    @classmethod
    def mono(cls, char: float = 7.0, line: float = 15.0) -> Measures:
        m = MonoMeasure(char, line)
        return cls(m, MonoMeasure(char + 0.5, line), MonoMeasure(char, line), m, m)
