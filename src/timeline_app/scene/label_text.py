"""Each event's label text: whole on one line, or wrapped to two lines at a word, measured once
per timeline; cut (at a word, with an ellipsis) only when even two lines cannot hold it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from timeline_app.scene.geometry import MAX_LABEL, MAX_ONE_LINE
from timeline_app.scene.measure import ELLIPSIS, TextMeasure


@dataclass(frozen=True)
class Fitted:
    """A title laid out: its lines (one or two) and the width of the widest."""

    lines: tuple[str, ...]
    width: float
    whole: bool  # the whole title is shown (not cut)


class LabelText:
    """Titles (with an optional suffix such as " [1,3]") as one line and as two lines."""

    def __init__(
        self,
        titles: Sequence[str],
        measure: TextMeasure,
        suffix: Callable[[int], str] | None = None,
        max_width: float = MAX_LABEL,
        max_one_line: float = MAX_ONE_LINE,
    ) -> None:
        self.titles = titles
        self.measure = measure
        self.suffix = suffix
        self.max_width = max_width  # of each line of a two-line label
        self.max_one_line = max_one_line
        self._one: dict[int, Fitted] = {}
        self._two: dict[int, Fitted] = {}
        # one-line and two-line width per event, and whether it was measured: zeros, so that
        # memory is taken only for the pages of events measured (np.full(nan) wrote 16 bytes an
        # event up front, 160 MB at 10^7 events, each time the labels' options changed)
        self._widths = np.zeros((2, len(titles)))
        self._measured = np.zeros((2, len(titles)), bool)

    def _suffix(self, index: int) -> str:
        return self.suffix(index) if self.suffix else ""

    def one_line(self, index: int) -> Fitted:
        """The title on one line, cut at a word if it is wider than `max_one_line`."""
        fitted = self._one.get(index)
        if fitted is None:
            text, suffix = self.titles[index], self._suffix(index)
            whole = text + suffix
            width = self.measure.width(whole)
            if width <= self.max_one_line:
                fitted = Fitted((whole,), width, True)
            else:
                cut = cut_at_word(text, self.max_one_line - self.measure.width(suffix), self.measure) + suffix
                fitted = Fitted((cut,), self.measure.width(cut), False)
            self._one[index] = fitted
        return fitted

    def two_lines(self, index: int) -> Fitted:
        """The title wrapped at the word that best balances two lines, each at most
        `max_width`; the second line cut at a word if the title is longer than that."""
        fitted = self._two.get(index)
        if fitted is None:
            fitted = self._wrap(index)
            self._two[index] = fitted
        return fitted

    def _wrap(self, index: int) -> Fitted:
        measure, text, suffix = self.measure, self.titles[index], self._suffix(index)
        words = text.split(" ")
        if len(words) < 2:
            return self.one_line(index)
        best: tuple[float, str, str] | None = None
        for k in range(1, len(words)):
            first, second = " ".join(words[:k]), " ".join(words[k:]) + suffix
            width = max(measure.width(first), measure.width(second))
            if best is None or width < best[0]:
                best = (width, first, second)
        assert best is not None
        width, first, second = best
        if width <= self.max_width:
            return Fitted((first, second), width, True)
        # too long for two lines: fill the first line, cut the second at a word
        first = cut_at_word(text, self.max_width, measure, ellipsis=False)
        rest = text[len(first) :].strip()
        room = self.max_width - measure.width(suffix)
        second = (rest if measure.width(rest) <= room else cut_at_word(rest, room, measure)) + suffix
        lines = (first, second) if first else (cut_at_word(text, room, measure) + suffix,)
        return Fitted(lines, max(measure.width(line) for line in lines), False)

    def widths(self, idx: np.ndarray, lines: int) -> np.ndarray:
        """The one-line (lines=1) or two-line (lines=2) widths of many events at once, each
        measured the first time it is asked for."""
        row, measured = self._widths[lines - 1], self._measured[lines - 1]
        missing = idx[~measured[idx]]
        fit = self.one_line if lines == 1 else self.two_lines
        for i in missing.tolist():
            row[i] = fit(i).width
        measured[missing] = True
        found: np.ndarray = row[idx]
        return found

    def text(self, index: int) -> str:
        """The one-line form (for code that wants a single string)."""
        return self.one_line(index).lines[0]

    def width(self, index: int) -> float:
        return self.one_line(index).width


def cut_at_word(text: str, width: float, measure: TextMeasure, ellipsis: bool = True) -> str:
    """The longest run of whole words (then "…") that fits `width`; a single word too long for
    the line is cut where it must be (with the ellipsis), since nothing else would show."""
    mark = ELLIPSIS if ellipsis else ""
    if measure.width(text) <= width:
        return text
    words = text.split(" ")
    kept = ""
    for word in words:
        trial = f"{kept} {word}" if kept else word
        if measure.width(trial + mark) > width:
            break
        kept = trial
    if kept:
        return kept.rstrip(",;:") + mark
    return measure.elide(text, width) if ellipsis else ""
