"""Events -> plain numbers: positions, visible slices, label lanes and clusters. No Qt here.

Everything is computed from numpy arrays sorted by date, and label layout touches only the
events inside the visible range, so a frame costs the same at 1,000 events as at 1,000,000
once the view is zoomed in; zoomed out, the view aggregates instead of laying out labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from timeline_app.model.columns import PRECISIONS
from timeline_app.model.dates import Precision
from timeline_app.model.events import Timeline

DAY = 86_400.0
_EPOCH = dt.date(1970, 1, 1)

STYLE_EXACT = 0  # stated to the day: filled marker
STYLE_COARSE = 1  # stated, but a month/season/year: filled marker with a whisker
STYLE_UNCERTAIN = 2  # approximate or inferred: hollow marker, dashed whisker
_DAY_CODE = PRECISIONS.index(Precision.DAY)


def date_seconds(day: dt.date) -> float:
    """POSIX seconds (UTC) at the start of `day`; works for years 1-9999."""
    return (day - _EPOCH).days * DAY


def seconds_date(seconds: float) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(seconds // DAY))


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
    n_sources: np.ndarray  # distinct sources per event
    conflict: np.ndarray  # bool: an excerpt claims another date
    categories: tuple[str, ...] = ()
    order_x: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    x_sorted: np.ndarray = field(default_factory=lambda: np.empty(0))
    point_sorted: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    span_idx: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    span_x0: np.ndarray = field(default_factory=lambda: np.empty(0))
    span_x1: np.ndarray = field(default_factory=lambda: np.empty(0))
    span_max: float = 0.0

    def __len__(self) -> int:
        return len(self.x0)

    @property
    def extent(self) -> tuple[float, float]:
        if not len(self):
            today = date_seconds(dt.date.today())
            return today - 365 * DAY, today + 365 * DAY
        return float(self.x0[0]), float(self.x1.max())


def build_arrays(timeline: Timeline) -> EventArrays:
    """View arrays from the timeline's columns: vectorised, no loop over events."""
    cols = timeline.columns
    x0 = cols.first_day.astype(np.float64) * DAY
    x1 = (cols.last_day.astype(np.float64) + 1.0) * DAY
    style = np.where(cols.precision == _DAY_CODE, STYLE_EXACT, STYLE_COARSE).astype(np.int8)
    style[cols.approximate | cols.inferred] = STYLE_UNCERTAIN
    return arrays_from_columns(x0, x1, cols.is_span.copy(), cols.category, style,
                               cols.n_sources, cols.conflict, cols.categories)


def arrays_from_columns(x0, x1, is_span, category, style, n_sources, conflict,  # type: ignore[no-untyped-def]
                        categories) -> EventArrays:
    x = np.where(is_span, x0, (x0 + x1) / 2)
    order_x = np.argsort(x, kind="stable")
    span_idx = np.flatnonzero(is_span)  # already in x0 order
    span_x0, span_x1 = x0[span_idx], x1[span_idx]
    span_max = float((span_x1 - span_x0).max()) if len(span_idx) else 0.0
    return EventArrays(x0, x1, x, is_span, category, style, n_sources, conflict,
                       tuple(categories), order_x, x[order_x], ~is_span[order_x], span_idx,
                       span_x0, span_x1, span_max)


class Visibility:
    """Which events a range shows, with the category/search filter applied.

    Keeps the filter's running count in marker order, so "how many markers between lo and hi"
    is two binary searches whatever the number of events.
    """

    def __init__(self, arrays: EventArrays, shown: np.ndarray | None = None) -> None:
        self.arrays = arrays
        self.shown = shown
        in_order = np.ones(len(arrays), bool) if shown is None else shown[arrays.order_x]
        self._cum = np.concatenate([[0], np.cumsum(in_order, dtype=np.int64)])

    def count(self, lo: float, hi: float) -> int:
        """Shown events whose marker lies in [lo, hi]."""
        a = int(np.searchsorted(self.arrays.x_sorted, lo, side="left"))
        b = int(np.searchsorted(self.arrays.x_sorted, hi, side="right"))
        return int(self._cum[b] - self._cum[a])

    def density(self, lo: float, hi: float, bins: int) -> np.ndarray:
        """Shown markers per bin over [lo, hi], from binary searches only."""
        edges = np.linspace(lo, hi, bins + 1)
        positions = np.searchsorted(self.arrays.x_sorted, edges, side="left")
        return np.diff(self._cum[positions])

    def indices(self, lo: float, hi: float) -> np.ndarray:
        """Shown point events with their marker in range, and shown spans overlapping it."""
        arrays = self.arrays
        a = int(np.searchsorted(arrays.x_sorted, lo, side="left"))
        b = int(np.searchsorted(arrays.x_sorted, hi, side="right"))
        points = arrays.order_x[a:b][arrays.point_sorted[a:b]]
        s0 = int(np.searchsorted(arrays.span_x0, lo - arrays.span_max, side="left"))
        s1 = int(np.searchsorted(arrays.span_x0, hi, side="right"))
        spans = arrays.span_idx[s0:s1][arrays.span_x1[s0:s1] >= lo]
        found = np.concatenate([points, spans])
        if self.shown is not None:
            found = found[self.shown[found]]
        found.sort()
        return found


def visible_indices(arrays: EventArrays, lo: float, hi: float,
                    shown: np.ndarray | None = None) -> np.ndarray:
    """Events a view of [lo, hi] shows (sorted indices)."""
    return Visibility(arrays, shown).indices(lo, hi)


@dataclass(frozen=True)
class Cluster:
    """Events whose labels did not fit, gathered under one "+N" badge."""

    x: float  # badge centre (px)
    count: int
    lo: float  # time range the events cover (s)
    hi: float


def layout_labels(
    box_left: np.ndarray,
    box_right: np.ndarray,
    n_lanes: int,
    gap: float = 6.0,
    first: int | None = None,
) -> np.ndarray:
    """Greedy lane packing by left edge: each box goes in the lowest lane free where it starts.

    `first` (a position in the arrays) is placed before all others, so the selected event
    always keeps its label. Returns the lane of each box, -1 where no lane was free.
    """
    n = len(box_left)
    lanes = np.full(n, -1, np.int32)
    if n_lanes <= 0 or n == 0:
        return lanes
    lane_end = [-np.inf] * n_lanes
    blocked: list[tuple[float, float, int]] = []
    if first is not None:
        lanes[first] = 0
        blocked.append((box_left[first] - gap, box_right[first] + gap, 0))
    lowest_end = -np.inf
    order = np.argsort(box_left, kind="stable").tolist()
    lefts = box_left.tolist()
    rights = box_right.tolist()
    for i in order:
        if i == first:
            continue
        left = lefts[i]
        if left <= lowest_end:  # every lane still busy here: no need to look at each
            continue
        for lane in range(n_lanes):
            if lane_end[lane] < left and not _hits(blocked, lane, left, rights[i]):
                lanes[i] = lane
                lane_end[lane] = rights[i] + gap
                lowest_end = min(lane_end)
                break
    return lanes


def label_boxes(px: np.ndarray, px0: np.ndarray, px1: np.ndarray, is_span: np.ndarray,
                widths: np.ndarray, left_edge: float, right_edge: float,
                marker: float) -> tuple[np.ndarray, np.ndarray]:
    """Label boxes in px: a point's label starts at its marker, a span's covers its bar.

    Labels are kept inside [left_edge, right_edge]: one that would run off the right edge
    slides left (its leader line still meets it), one off the left edge slides right.
    """
    left = np.where(is_span, np.maximum(px0, left_edge), px - marker / 2)
    left = np.minimum(left, right_edge - widths)
    left = np.maximum(left, left_edge)
    right = np.where(is_span, np.maximum(np.minimum(px1, right_edge), left + widths), left + widths)
    return left, np.minimum(right, np.maximum(right_edge, left + widths))


def _hits(blocked: list[tuple[float, float, int]], lane: int, left: float, right: float) -> bool:
    return any(b_lane == lane and left < b_right and right > b_left
               for b_left, b_right, b_lane in blocked)


def cluster_hidden(px: np.ndarray, x0: np.ndarray, x1: np.ndarray, radius: float) -> list[Cluster]:
    """Group hidden events whose markers lie within `radius` px of their neighbours."""
    if len(px) == 0:
        return []
    order = np.argsort(px, kind="stable")
    px, x0, x1 = px[order], x0[order], x1[order]
    breaks = np.flatnonzero(np.diff(px) > radius) + 1
    clusters = []
    for group in np.split(np.arange(len(px)), breaks):
        clusters.append(Cluster(float(px[group].mean()), len(group),
                                float(x0[group].min()), float(x1[group].max())))
    return clusters


def merge_badges(clusters: list[Cluster], width: Callable[[int], float],
                 gap: float = 4.0) -> list[Cluster]:
    """Merge neighbouring badges until none overlap in their single row."""
    merged: list[Cluster] = []
    for cluster in sorted(clusters, key=lambda c: c.x):
        if merged:
            prev = merged[-1]
            if prev.x + width(prev.count) / 2 + gap > cluster.x - width(cluster.count) / 2:
                count = prev.count + cluster.count
                x = (prev.x * prev.count + cluster.x * cluster.count) / count
                merged[-1] = Cluster(x, count, min(prev.lo, cluster.lo), max(prev.hi, cluster.hi))
                continue
        merged.append(cluster)
    return merged


@dataclass(frozen=True)
class Tick:
    seconds: float
    label: str
    major: bool  # a year boundary (or a month boundary when ticks are days)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_MONTH_STEPS = (1, 2, 3, 6)
_DAY_SETS = ((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
              24, 25, 26, 27, 28, 29, 30, 31),
             tuple(range(1, 31, 2)), (1, 8, 15, 22), (1, 15))
_DAY_SPACING = (1, 2, 7, 15)  # typical days between ticks of each set


def date_ticks(lo: float, hi: float, width_px: float, min_px: float = 64.0) -> list[Tick]:
    """Calendar ticks for [lo, hi] seconds at least `min_px` apart: days, months or years.

    Chosen from the calendar (1st and 15th, quarters, decades) rather than even seconds, so
    labels read "15 Mar", "Apr", "2013".
    """
    if hi <= lo or width_px <= 0:
        return []
    px_per_day = width_px / ((hi - lo) / DAY)
    first, last = seconds_date(lo), seconds_date(hi)
    for days, chosen in zip(_DAY_SPACING, _DAY_SETS):
        if days * px_per_day >= min_px * 1.25:  # "15 Mar" needs more room than "Mar"
            return _day_ticks(first, last, set(chosen))
    for months in _MONTH_STEPS:
        if months * 30.4 * px_per_day >= min_px:
            return _month_ticks(first, last, months)
    for years in _YEAR_STEPS:
        if years * 365.25 * px_per_day >= min_px:
            return _year_ticks(first.year, last.year, years)
    return _year_ticks(first.year, last.year, 2000)


def _day_ticks(first: dt.date, last: dt.date, days: set[int]) -> list[Tick]:
    ticks = []
    day = first
    while day <= last:
        if day.day in days:
            label = f"{day.day} {_MONTHS[day.month - 1]}"
            if day.day == 1 and day.month == 1:
                label += f" {day.year}"
            ticks.append(Tick(date_seconds(day), label, day.day == 1))
        day += dt.timedelta(days=1)
    return ticks


def _month_ticks(first: dt.date, last: dt.date, step: int) -> list[Tick]:
    ticks = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        if (month - 1) % step == 0 and dt.date(year, month, 1) >= first:
            label = str(year) if month == 1 else _MONTHS[month - 1]
            ticks.append(Tick(date_seconds(dt.date(year, month, 1)), label, month == 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _year_ticks(first_year: int, last_year: int, step: int) -> list[Tick]:
    start = max(1, -(-first_year // step) * step)
    return [Tick(date_seconds(dt.date(y, 1, 1)), str(y), True)
            for y in range(start, min(last_year, 9999) + 1, step)]
