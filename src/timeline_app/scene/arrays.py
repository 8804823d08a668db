"""Events as view arrays (seconds on the time axis) and which of them a range shows. No Qt.

Everything is computed from numpy arrays sorted by date, so culling a range is two binary
searches: a frame costs the same at 1,000 events as at 1,000,000 once the view is zoomed in.

Spans are the hard part: at 10^6 events about 3,700 long spans overlap any instant. They are
kept sorted by start and, apart, by end, so how many run through a range (start before it, end
after it) is a count from binary searches, never a walk over them; and bucketed by length in
powers of two, so listing the spans that overlap a range reads, per bucket, only the spans that
start within that bucket's longest length before the range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from timeline_app.model.columns import PRECISIONS, CodedText, is_arrow
from timeline_app.model.dates import Precision
from timeline_app.model.events import Timeline
from timeline_app.model.schema import STATUSES

DAY = 86_400.0
_EPOCH = dt.date(1970, 1, 1)

STYLE_EXACT = 0  # stated to the day: filled marker
STYLE_COARSE = 1  # stated, but a month/season/year: filled marker with a whisker
STYLE_UNCERTAIN = 2  # approximate or inferred: hollow marker, dashed whisker
_DAY_CODE = PRECISIONS.index(Precision.DAY)

# An event's status, as a code per event: its index in the file's words (`schema.STATUSES`).
STATUS_HAPPENED, STATUS_PLANNED, STATUS_EXPECTED, STATUS_REPORTED, STATUS_ALLEGED, STATUS_DISPUTED = range(6)
OUTLINED = (STATUS_PLANNED, STATUS_EXPECTED)  # not (yet) a fact: drawn as an outline
# The glyph beside an event known only from a report, alleged, or disputed: a character, not a
# colour, so that it reads with any colour vision and in either theme (the panel names it too).
STATUS_GLYPHS = {STATUS_REPORTED: "\u201c", STATUS_ALLEGED: "*", STATUS_DISPUTED: "\u2260"}


def status_code(name: str) -> int:
    """The code of a status word (happened for anything unknown: the model has checked it)."""
    return STATUSES.index(name) if name in STATUSES else STATUS_HAPPENED


def date_seconds(day: int) -> float:
    """Seconds from 1970-01-01 (UTC) to the start of a day number (`model.calendar`): any year."""
    return day * DAY


def seconds_day(seconds: float) -> int:
    """The day number that contains an instant."""
    return int(seconds // DAY)


@dataclass(frozen=True)
class SpanBucket:
    """Spans of about one length (within a factor of two), sorted by start."""

    idx: np.ndarray  # event indices
    x0: np.ndarray
    x1: np.ndarray
    longest: float  # the longest span's length (s)


@dataclass
class EventArrays:
    """Column arrays for n events, in the timeline's date order (sorted by `x0`).

    Culling needs two sorted views: point events by marker position (`order_x`, `x_sorted`)
    and spans by start (`span_idx`, `span_x0`), so a visible range is two binary searches.
    """

    x0: np.ndarray  # first instant covered (s)
    x1: np.ndarray  # instant after the last day covered (s)
    x: np.ndarray  # where the marker sits: middle of a point's interval, start of a span
    is_span: np.ndarray  # bool
    category: np.ndarray  # int index into `categories`
    style: np.ndarray  # STYLE_*
    n_sources: np.ndarray  # independent sources per event (one that rewrites another is not counted)
    conflict: np.ndarray  # bool: an excerpt claims another date
    categories: tuple[str, ...] = ()
    order_x: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    x_sorted: np.ndarray = field(default_factory=lambda: np.empty(0))
    point_sorted: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    span_idx: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    span_x0: np.ndarray = field(default_factory=lambda: np.empty(0))
    span_x1: np.ndarray = field(default_factory=lambda: np.empty(0))
    span_max: float = 0.0
    marks: np.ndarray = field(default_factory=lambda: np.empty(0, np.int8))  # dates.MARK_* bits
    status: np.ndarray = field(default_factory=lambda: np.empty(0, np.int8))  # STATUS_* per event
    end_idx: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # spans by end
    end_x1: np.ndarray = field(default_factory=lambda: np.empty(0))
    buckets: tuple[SpanBucket, ...] = ()

    def __len__(self) -> int:
        return len(self.x0)

    @property
    def extent(self) -> tuple[float, float]:
        if not len(self):
            today = date_seconds((dt.date.today() - _EPOCH).days)
            return today - 365 * DAY, today + 365 * DAY
        return float(self.x0[0]), float(self.x1.max())


def build_arrays(timeline: Timeline) -> EventArrays:
    """View arrays from the timeline's columns: vectorised, no loop over events."""
    cols = timeline.columns
    x0 = np.multiply(cols.first_day, DAY, dtype=np.float64)  # one pass, no int->float temporary
    x1 = np.add(cols.last_day, 1.0, dtype=np.float64)
    x1 *= DAY
    style = np.where(cols.precision == _DAY_CODE, STYLE_EXACT, STYLE_COARSE).astype(np.int8)
    style[cols.approximate | cols.inferred] = STYLE_UNCERTAIN
    return arrays_from_columns(
        x0,
        x1,
        cols.is_span.copy(),
        cols.category,
        style,
        cols.independent,  # the size of a marker and the number in it count independent sources
        cols.conflict,
        cols.categories,
        marks=cols.marks,
        status=status_codes(cols.status),
    )


def status_codes(status: Sequence[str]) -> np.ndarray:
    """STATUS_* per row: one lookup per distinct word of a coded column, no loop over rows."""
    if isinstance(status, CodedText):
        lookup = np.array([status_code(word) for word in status.distinct], np.int8)
        return lookup[status.codes] if len(lookup) else np.zeros(len(status), np.int8)
    if is_arrow(status):  # looked up by Arrow; unknown words are happened (the model checked them)
        import pyarrow as pa
        import pyarrow.compute as pc

        from timeline_app.model.arrow_texts import arrow_numbers

        found = pc.index_in(status.array, value_set=pa.array(STATUSES, status.array.type))
        return arrow_numbers(found.fill_null(STATUS_HAPPENED), np.int32).astype(np.int8)
    return np.fromiter((status_code(word) for word in status), np.int8, len(status))


def arrays_from_columns(
    x0: np.ndarray,
    x1: np.ndarray,
    is_span: np.ndarray,
    category: np.ndarray,
    style: np.ndarray,
    n_sources: np.ndarray,
    conflict: np.ndarray,
    categories: Sequence[str],
    marks: np.ndarray | None = None,
    status: np.ndarray | None = None,
) -> EventArrays:
    x = np.where(is_span, x0, (x0 + x1) / 2)
    order_x = np.argsort(x, kind="stable")
    span_idx = np.flatnonzero(is_span)  # already in x0 order
    span_x0, span_x1 = x0[span_idx], x1[span_idx]
    span_max = float((span_x1 - span_x0).max()) if len(span_idx) else 0.0
    by_end = np.argsort(span_x1, kind="stable")
    return EventArrays(
        x0,
        x1,
        x,
        is_span,
        category,
        style,
        n_sources,
        conflict,
        tuple(categories),
        order_x,
        x[order_x],
        ~is_span[order_x],
        span_idx,
        span_x0,
        span_x1,
        span_max,
        marks if marks is not None else np.zeros(len(x0), np.int8),
        status if status is not None else np.zeros(len(x0), np.int8),
        span_idx[by_end],
        span_x1[by_end],
        span_buckets(span_idx, span_x0, span_x1),
    )


def span_buckets(span_idx: np.ndarray, span_x0: np.ndarray, span_x1: np.ndarray) -> tuple[SpanBucket, ...]:
    """Spans grouped by length in powers of two days, each group still sorted by start."""
    if not len(span_idx):
        return ()
    octave = np.floor(np.log2(np.maximum((span_x1 - span_x0) / DAY, 1.0))).astype(np.int64)
    buckets = []
    for k in np.unique(octave).tolist():
        sel = octave == k
        x0, x1 = span_x0[sel], span_x1[sel]
        buckets.append(SpanBucket(span_idx[sel], x0, x1, float((x1 - x0).max())))
    return tuple(buckets)


class Visibility:
    """Which events a range shows, with the category/search filter applied.

    Keeps the filter's running count in marker order, and over the spans in start and in end
    order, so "how many markers between lo and hi" and "how many spans run through [lo, hi]" are
    binary searches whatever the number of events.
    """

    def __init__(self, arrays: EventArrays, shown: np.ndarray | None = None) -> None:
        self.arrays = arrays
        self.shown = shown
        # with no filter the running count up to k is k: nothing to build (three arrays and a
        # gather of every event took 0.5 s of the window thread and 10 bytes an event at 10^7)
        self._cum = _running_count(shown, arrays.order_x)
        self._start_cum = _running_count(shown, arrays.span_idx)
        self._end_cum = _running_count(shown, arrays.end_idx)

    def count(self, lo: float, hi: float) -> int:
        """Shown events whose marker lies in [lo, hi] (a span's marker is its start)."""
        a = int(np.searchsorted(self.arrays.x_sorted, lo, side="left"))
        b = int(np.searchsorted(self.arrays.x_sorted, hi, side="right"))
        return int(_at(self._cum, b) - _at(self._cum, a))

    def density(self, lo: float, hi: float, bins: int) -> np.ndarray:
        """Shown markers per bin over [lo, hi], from binary searches only."""
        edges = np.linspace(lo, hi, bins + 1)
        positions = np.searchsorted(self.arrays.x_sorted, edges, side="left")
        return np.diff(_at(self._cum, positions))

    def near(self, lo: float, hi: float) -> np.ndarray:
        """Shown events with an end in view: points with their marker in [lo, hi], spans that
        start in it, and spans that started before it and end in it (sorted indices). Costs
        what it finds, not what overlaps."""
        arrays = self.arrays
        a = int(np.searchsorted(arrays.x_sorted, lo, side="left"))
        b = int(np.searchsorted(arrays.x_sorted, hi, side="right"))
        points = arrays.order_x[a:b][arrays.point_sorted[a:b]]
        s0 = int(np.searchsorted(arrays.span_x0, lo, side="left"))
        s1 = int(np.searchsorted(arrays.span_x0, hi, side="right"))
        e0 = int(np.searchsorted(arrays.end_x1, lo, side="left"))
        e1 = int(np.searchsorted(arrays.end_x1, hi, side="right"))
        ending = arrays.end_idx[e0:e1]
        ending = ending[arrays.x0[ending] < lo]
        return self._shown_sorted(np.concatenate([points, arrays.span_idx[s0:s1], ending]))

    def through_count(self, lo: float, hi: float) -> int:
        """Shown spans that start before lo and end after hi, from binary searches: those that
        start before lo, less those that end by hi and start before lo (all that end by hi, less
        the few that start in view and end by hi)."""
        arrays = self.arrays
        before = int(_at(self._start_cum, int(np.searchsorted(arrays.span_x0, lo, side="left"))))
        ended = int(_at(self._end_cum, int(np.searchsorted(arrays.end_x1, hi, side="right"))))
        s0 = int(np.searchsorted(arrays.span_x0, lo, side="left"))
        s1 = int(np.searchsorted(arrays.span_x0, hi, side="right"))
        starting = arrays.span_idx[s0:s1]
        inside = starting[arrays.x1[starting] <= hi]
        if self.shown is not None:
            inside = inside[self.shown[inside]]
        return before - ended + len(inside)

    def through(self, lo: float, hi: float) -> np.ndarray:
        """Shown spans that start before lo and end after hi (sorted indices); per length
        bucket, only the spans that start within its longest length before lo are read."""
        found = [np.empty(0, np.int64)]
        for bucket in self.arrays.buckets:
            a = int(np.searchsorted(bucket.x0, lo - bucket.longest, side="left"))
            b = int(np.searchsorted(bucket.x0, lo, side="left"))
            found.append(bucket.idx[a:b][bucket.x1[a:b] > hi])
        return self._shown_sorted(np.concatenate(found))

    def indices(self, lo: float, hi: float) -> np.ndarray:
        """Shown point events with their marker in range, and shown spans overlapping it."""
        found = np.concatenate([self.near(lo, hi), self.through(lo, hi)])
        found.sort()
        return found

    def _shown_sorted(self, found: np.ndarray) -> np.ndarray:
        if self.shown is not None:
            found = found[self.shown[found]]
        found.sort()
        return found


def _running_count(shown: np.ndarray | None, order: np.ndarray) -> np.ndarray | None:
    """cum[k] = how many of the events `order[:k]` are shown; None when all are (cum[k] = k)."""
    if shown is None:
        return None
    return np.concatenate([[0], np.cumsum(shown[order], dtype=np.int64)])


def _at(cum: np.ndarray | None, k: Any) -> Any:
    """cum[k] for an index or an array of them, where None stands for cum[k] = k."""
    return k if cum is None else cum[k]


def visible_indices(arrays: EventArrays, lo: float, hi: float, shown: np.ndarray | None = None) -> np.ndarray:
    """Events a view of [lo, hi] shows (sorted indices)."""
    return Visibility(arrays, shown).indices(lo, hi)
