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

from timeline_app.model.dates import Precision
from timeline_app.model.events import Timeline

DAY = 86_400.0
_EPOCH = dt.date(1970, 1, 1)

STYLE_EXACT = 0  # stated to the day: filled marker
STYLE_COARSE = 1  # stated, but a month/season/year: filled marker with a whisker
STYLE_UNCERTAIN = 2  # approximate or inferred: hollow marker, dashed whisker


def date_seconds(day: dt.date) -> float:
    """POSIX seconds (UTC) at the start of `day`; works for years 1-9999."""
    return (day - _EPOCH).days * DAY


def seconds_date(seconds: float) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(seconds // DAY))


@dataclass
class EventArrays:
    """Column arrays for n events, in the timeline's date order (sorted by `x0`)."""

    x0: np.ndarray  # first instant covered (s)
    x1: np.ndarray  # instant after the last day covered (s)
    x: np.ndarray  # where the marker sits: middle of a point's interval, start of a span
    is_span: np.ndarray  # bool
    category: np.ndarray  # int index into `categories`
    style: np.ndarray  # STYLE_*
    n_sources: np.ndarray  # distinct sources per event
    conflict: np.ndarray  # bool: an excerpt claims another date
    categories: tuple[str, ...] = ()
    max_length: float = 0.0  # longest x1 - x0, for culling by binary search on x0

    def __len__(self) -> int:
        return len(self.x0)

    @property
    def extent(self) -> tuple[float, float]:
        if not len(self):
            today = date_seconds(dt.date.today())
            return today - 365 * DAY, today + 365 * DAY
        return float(self.x0[0]), float(self.x1.max())


def build_arrays(timeline: Timeline) -> EventArrays:
    events = timeline.events
    n = len(events)
    categories = timeline.categories
    cat_index = {c: i for i, c in enumerate(categories)}
    x0 = np.empty(n)
    x1 = np.empty(n)
    is_span = np.zeros(n, bool)
    category = np.empty(n, np.int32)
    style = np.empty(n, np.int8)
    n_sources = np.empty(n, np.int32)
    conflict = np.zeros(n, bool)
    for i, event in enumerate(events):
        x0[i] = date_seconds(event.when.first_day())
        x1[i] = date_seconds(event.when.last_day()) + DAY
        is_span[i] = event.when.is_span
        category[i] = cat_index[event.category]
        if event.approximate or event.inferred:
            style[i] = STYLE_UNCERTAIN
        elif event.when.start.precision is Precision.DAY:
            style[i] = STYLE_EXACT
        else:
            style[i] = STYLE_COARSE
        n_sources[i] = len(event.source_ids)
        conflict[i] = bool(event.conflicting_excerpts())
    return arrays_from_columns(x0, x1, is_span, category, style, n_sources, conflict, categories)


def arrays_from_columns(x0, x1, is_span, category, style, n_sources, conflict,  # type: ignore[no-untyped-def]
                        categories) -> EventArrays:
    x = np.where(is_span, x0, (x0 + x1) / 2)
    max_length = float((x1 - x0).max()) if len(x0) else 0.0
    return EventArrays(x0, x1, x, is_span, category, style, n_sources, conflict,
                       tuple(categories), max_length)


def visible_indices(arrays: EventArrays, lo: float, hi: float,
                    shown: np.ndarray | None = None) -> np.ndarray:
    """Indices of events that overlap [lo, hi] (and pass `shown`), by binary search on x0."""
    start = int(np.searchsorted(arrays.x0, lo - arrays.max_length, side="left"))
    stop = int(np.searchsorted(arrays.x0, hi, side="right"))
    if stop <= start:
        return np.empty(0, np.int64)
    mask = arrays.x1[start:stop] >= lo
    if shown is not None:
        mask &= shown[start:stop]
    return np.flatnonzero(mask) + start


@dataclass
class LabelLayout:
    """Where each visible event's label goes, in pixels; lane -1 means no room."""

    indices: np.ndarray  # event indices, left to right
    left: np.ndarray  # label box left edge (px)
    right: np.ndarray  # label box right edge (px)
    lane: np.ndarray  # int, -1 = hidden
    clusters: list[Cluster] = field(default_factory=list)

    @property
    def shown(self) -> np.ndarray:
        return self.indices[self.lane >= 0]

    @property
    def hidden(self) -> np.ndarray:
        return self.indices[self.lane < 0]


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


def density(arrays: EventArrays, indices: np.ndarray, lo: float, hi: float,
            bins: int) -> np.ndarray:
    """Counts of visible events per pixel bin, over [lo, hi] (the aggregated view)."""
    if bins <= 0 or hi <= lo:
        return np.zeros(0, np.int64)
    pos = np.clip(((arrays.x[indices] - lo) / (hi - lo) * bins).astype(np.int64), 0, bins - 1)
    return np.bincount(pos, minlength=bins)
