"""Where a view's markers are, counted without the events: the density strip and the
"how many in view" of a timeline too large to hold, from a few thousand numbers.

A view draws each event at its marker: a span at its start, any other event in the middle of
its days (`scene.arrays`). Over day numbers that is a whole number of half days, so the markers
of any number of events are the distinct half days and how many markers fall on each; with the
days on which spans start and end, that answers what `scene.arrays.Visibility` answers for
the loaded columns (markers per column, markers in view, spans running through a view) with
the same float comparisons on the same positions, so both draw the same strip.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DAY = 86_400.0
HALF_DAY = DAY / 2


@dataclass(frozen=True)
class Running:
    """Sorted distinct positions and how many items lie before each (one more entry: all)."""

    at: np.ndarray  # float64, sorted, distinct
    before: np.ndarray  # int64, len(at) + 1

    @classmethod
    def of(cls, positions: np.ndarray, counts: np.ndarray) -> Running:
        order = np.argsort(positions, kind="stable")
        at, first = np.unique(positions[order], return_index=True)
        summed = np.add.reduceat(counts[order].astype(np.int64), first) if len(at) else np.zeros(0, np.int64)
        before = np.zeros(len(at) + 1, np.int64)
        np.cumsum(summed, out=before[1:])
        return cls(at.astype(np.float64), before)

    def below(self, x: float | np.ndarray) -> np.ndarray:
        """How many lie before x (strictly)."""
        found: np.ndarray = self.before[np.searchsorted(self.at, x, side="left")]
        return found

    def at_most(self, x: float | np.ndarray) -> np.ndarray:
        """How many lie at or before x."""
        found: np.ndarray = self.before[np.searchsorted(self.at, x, side="right")]
        return found


@dataclass(frozen=True)
class MarkerIndex:
    markers: Running  # every event's marker
    span_starts: Running  # spans' start (x0)
    span_ends: Running  # spans' end (x1: the end of their last day)

    @classmethod
    def of_days(
        cls,
        half_day: np.ndarray,
        is_span: np.ndarray,
        n: np.ndarray,
        span_last: np.ndarray,
        span_n: np.ndarray,
    ) -> MarkerIndex:
        """From groups: markers at `half_day` (a span's start is twice its first day, another
        event's middle first_day + last_day + 1), `n` of them, spans or not; and spans whose last
        day is `span_last`, `span_n` of them."""
        x = np.asarray(half_day, np.float64) * HALF_DAY
        spans = np.asarray(is_span, bool)
        return cls(
            Running.of(x, n),
            Running.of(x[spans], np.asarray(n)[spans]),
            Running.of((np.asarray(span_last, np.float64) + 1.0) * DAY, span_n),
        )

    @property
    def total(self) -> int:
        return int(self.markers.before[-1])

    def density(self, lo: float, hi: float, bins: int) -> np.ndarray:
        """Markers per bin of [lo, hi] (each bin holds its left edge), as the loaded view counts."""
        counts: np.ndarray = np.diff(self.markers.below(np.linspace(lo, hi, bins + 1)))
        return counts

    def count(self, lo: float, hi: float) -> int:
        """Markers in [lo, hi]."""
        return int(self.markers.at_most(hi) - self.markers.below(lo))

    def through_count(self, lo: float, hi: float, inside: int) -> int:
        """Spans that start before lo and end after hi: those that start before lo, less those
        that end by hi, plus `inside` (the spans starting in [lo, hi] that end by hi, which the
        caller has among the events near the view)."""
        return int(self.span_starts.below(lo) - self.span_ends.at_most(hi)) + inside
