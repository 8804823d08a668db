"""Each event's label text, elided to the label width once and cached per timeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from timeline_app.scene.geometry import MAX_LABEL
from timeline_app.scene.measure import TextMeasure


class LabelText:
    """Titles cut to `max_width` (with an optional suffix such as " [1,3]"), measured once."""

    def __init__(
        self,
        titles: Sequence[str],
        measure: TextMeasure,
        suffix: Callable[[int], str] | None = None,
        max_width: float = MAX_LABEL,
    ) -> None:
        self.titles = titles
        self.measure = measure
        self.suffix = suffix
        self.max_width = max_width
        self._text: list[str | None] = [None] * len(titles)
        self._width = np.full(len(titles), np.nan)

    def _fill(self, index: int) -> None:
        suffix = self.suffix(index) if self.suffix else ""
        room = self.max_width - self.measure.width(suffix)
        text = self.measure.elide(self.titles[index], room) + suffix
        self._text[index] = text
        self._width[index] = self.measure.width(text)

    def text(self, index: int) -> str:
        if self._text[index] is None:
            self._fill(index)
        return self._text[index] or ""

    def width(self, index: int) -> float:
        if self._text[index] is None:
            self._fill(index)
        return float(self._width[index])

    def fitted(self, index: int, measure: TextMeasure, room: float) -> str:
        """The label in another font (bold for the selection), cut to fit `room` px."""
        suffix = self.suffix(index) if self.suffix else ""
        return measure.elide(self.titles[index], room - measure.width(suffix)) + suffix
