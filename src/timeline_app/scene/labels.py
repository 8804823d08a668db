"""Label boxes, lane packing, and the "+N" clusters of what did not fit. No Qt here."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


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


def _hits(blocked: list[tuple[float, float, int]], lane: int, left: float, right: float) -> bool:
    return any(b_lane == lane and left < b_right and right > b_left for b_left, b_right, b_lane in blocked)


def cluster_hidden(px: np.ndarray, x0: np.ndarray, x1: np.ndarray, radius: float) -> list[Cluster]:
    """Group hidden events whose markers lie within `radius` px of their neighbours."""
    if len(px) == 0:
        return []
    order = np.argsort(px, kind="stable")
    px, x0, x1 = px[order], x0[order], x1[order]
    starts = np.r_[0, np.flatnonzero(np.diff(px) > radius) + 1]
    ends = np.r_[starts[1:], len(px)]
    # one reduceat each for the ends; the mean of each run of the sorted positions as before
    # (np.mean's own summation, so the badge lands on the same pixel)
    lows, highs = np.minimum.reduceat(x0, starts).tolist(), np.maximum.reduceat(x1, starts).tolist()
    return [
        Cluster(float(px[a:b].mean()), b - a, low, high)
        for a, b, low, high in zip(starts.tolist(), ends.tolist(), lows, highs, strict=True)
    ]


def merge_badges(clusters: list[Cluster], width: Callable[[int], float], gap: float = 4.0) -> list[Cluster]:
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
class Placement:
    """Where one label went: its box (px), its first row (0 = lowest), rows used, and side."""

    left: float
    right: float
    row: int
    rows: int  # 1, or 2 for a wrapped title
    side: str  # "right" of its marker, "left" of it, or "inside"/"beside" a span's bar


@dataclass(frozen=True)
class Candidates:
    """All visible events' label choices as columns (made per event only when it is tried)."""

    x: np.ndarray
    x1: np.ndarray
    is_span: np.ndarray
    one: np.ndarray
    two: np.ndarray

    def __getitem__(self, k: int) -> Candidate:
        return Candidate(
            float(self.x[k]), float(self.x1[k]), bool(self.is_span[k]), float(self.one[k]), float(self.two[k])
        )

    def in_python(self) -> _ColumnLists:
        """The same candidates read from Python lists: a numpy scalar read per field and event
        cost ~1 ms of a detailed frame."""
        return _ColumnLists(
            self.x.tolist(), self.x1.tolist(), self.is_span.tolist(), self.one.tolist(), self.two.tolist()
        )


@dataclass(frozen=True)
class _ColumnLists:
    x: list[float]
    x1: list[float]
    is_span: list[bool]
    one: list[float]
    two: list[float]

    def __getitem__(self, k: int) -> Candidate:
        return Candidate(self.x[k], self.x1[k], self.is_span[k], self.one[k], self.two[k])


@dataclass(frozen=True)
class Candidate:
    """One event's label choices: the one-line and two-line widths (px, padding included)."""

    x: float  # marker (points) or bar start (spans), px
    x1: float  # bar end (spans) or x (points)
    is_span: bool
    one: float
    two: float  # 0 when the title does not wrap


SPREAD_BUCKET = 90.0  # px of axis that take one turn each when labels claim rows


def spread_order(
    x: np.ndarray, priority: np.ndarray, left: float, width: float, bucket: float = SPREAD_BUCKET
) -> list[int]:
    """The order in which labels claim room: across the axis in turn (a round over buckets of
    `bucket` px, each bucket's best-supported event first), so that no stretch of the axis is
    left without titles while another grows a tower."""
    if not len(x):
        return []
    buckets = np.clip(((x - left) // bucket).astype(np.int64), 0, max(0, int(width // bucket)))
    order = np.lexsort((np.arange(len(x)), -priority, buckets))  # by bucket, best first
    sorted_buckets = buckets[order]
    starts = np.flatnonzero(np.r_[True, sorted_buckets[1:] != sorted_buckets[:-1]])
    rank = np.arange(len(x)) - np.repeat(starts, np.diff(np.r_[starts, len(x)]))
    spread: list[int] = order[np.lexsort((sorted_buckets, rank))].tolist()
    return spread


class RowGrid:
    """Which label rows each pixel column has taken, as bits (row r is bit r of the column's
    words): the rows free over [a, b] are one OR over those columns. A boolean rows x columns
    grid asked `any(axis=1)` per try took 60% of a detailed frame's layout at 10^6 events."""

    def __init__(self, rows: int, left: float, width: float, gap: float = 6.0) -> None:
        self.rows = max(rows, 0)
        self.left = left
        self.width = math.ceil(width) + 1
        self.gap = gap
        self.words = max(1, (self.rows + 63) // 64)
        self.taken = np.zeros((self.width, self.words), np.uint64)
        self.full = (1 << self.rows) - 1

    def _columns(self, a: float, b: float) -> tuple[int, int]:
        c0 = max(0, math.floor(a - self.left - self.gap / 2))
        c1 = min(self.width, math.ceil(b - self.left + self.gap / 2))
        return c0, max(c1, c0 + 1)

    def _taken(self, c0: int, c1: int) -> int:
        """The rows taken anywhere in columns [c0, c1), as bits."""
        if self.words == 1:
            return int(np.bitwise_or.reduce(self.taken[c0:c1, 0]))
        words = np.bitwise_or.reduce(self.taken[c0:c1], axis=0).tolist()
        return sum(int(w) << (64 * i) for i, w in enumerate(words))

    def lowest(self, a: float, b: float, rows: int) -> int:
        """The lowest row from which `rows` rows are free over [a, b], or -1."""
        if self.rows < rows:
            return -1
        free = ~self._taken(*self._columns(a, b)) & self.full
        if rows == 2:
            free &= free >> 1  # bit r: rows r and r + 1 both free
        return (free & -free).bit_length() - 1 if free else -1

    def column_full(self, x: float) -> bool:
        c = min(self.width - 1, max(0, int(x - self.left)))
        return self._taken(c, c + 1) == self.full

    def take(self, a: float, b: float, row: int, rows: int) -> None:
        c0, c1 = self._columns(a, b)
        bits = ((1 << rows) - 1) << row
        for i in range(self.words):
            word = (bits >> (64 * i)) & (2**64 - 1)
            if word:
                self.taken[c0:c1, i] |= np.uint64(word)


def place_labels(
    candidates: Candidates | list[Candidate],
    order: list[int],
    rows: int,
    left_edge: float,
    right_edge: float,
    marker: float,
    wrap: bool = True,
) -> dict[int, Placement]:
    """Each candidate in `order` takes the lowest free row among its choices: its whole title on
    one line to the right of its marker, to the left, or wrapped to two lines; a span's title
    inside its bar when it fits, beside the bar otherwise. Nothing moves once placed, so the
    selection (which plays no part here) never moves another label."""
    grid = RowGrid(rows, left_edge, right_edge - left_edge)
    rows_of = candidates.in_python() if isinstance(candidates, Candidates) else candidates
    placed: dict[int, Placement] = {}
    # In turns across the axis, a whole round of refusals means the rows are full: the rest of
    # the events (the least supported) go to the badges without each being tried (at 10^5
    # events, 1/100 of the span in view, this took a frame from 80 ms to a few).
    give_up = 2 * max(1, int((right_edge - left_edge) // SPREAD_BUCKET)) + 8
    failures = 0
    for k in order:
        if failures >= give_up:
            break
        c = rows_of[k]
        if grid.column_full(c.x):
            failures += 1
            continue
        best: Placement | None = None
        for a, b, n_rows, side in _choices(c, left_edge, right_edge, marker, wrap):
            row = grid.lowest(a, b, n_rows)
            if row >= 0 and (best is None or row < best.row):
                best = Placement(a, b, row, n_rows, side)
                if row == 0:
                    break
        if best is not None:
            grid.take(best.left, best.right, best.row, best.rows)
            placed[k] = best
            failures = 0
        else:
            failures += 1
    return placed


def _choices(
    c: Candidate, left_edge: float, right_edge: float, marker: float, wrap: bool
) -> list[tuple[float, float, int, str]]:
    """Boxes a label may take, best first, each kept inside the plot."""
    found: list[tuple[float, float, int, str]] = []
    widths = [(c.one, 1)] + ([(c.two, 2)] if wrap and c.two else [])
    if c.is_span:  # the bar stays where its dates are; the title goes inside, after or before it
        a, b = span_bar(c.x, c.x1, left_edge, right_edge)
        spots = []
        for width, n_rows in widths:
            if width <= b - a:
                spots.append((a, b, n_rows, "inside"))
            if b + 4 + width <= right_edge:
                spots.append((a, b + 4 + width, n_rows, "after"))
            if a - 4 - width >= left_edge:
                spots.append((a - 4 - width, b, n_rows, "before"))
        return spots
    for width, n_rows in widths:
        found.append((c.x - marker / 2, c.x - marker / 2 + width, n_rows, "right"))
        found.append((c.x + marker / 2 - width, c.x + marker / 2, n_rows, "left"))
    return [(*_inside(a, b, left_edge, right_edge), n, side) for a, b, n, side in found]


MIN_BAR = 6.0  # px: a span of a few days still reads as a bar, not a dot


def span_bar(x0: float, x1: float, left_edge: float, right_edge: float) -> tuple[float, float]:
    """A span's bar in px, clipped to the plot and at least MIN_BAR wide."""
    a, b = max(x0, left_edge), min(max(x1, x0 + MIN_BAR), right_edge)
    if b - a < MIN_BAR:
        a, b = (a, a + MIN_BAR) if a + MIN_BAR <= right_edge else (b - MIN_BAR, b)
    return a, b


def _inside(a: float, b: float, left_edge: float, right_edge: float) -> tuple[float, float]:
    """Slide a box back inside [left_edge, right_edge] (a box wider than the plot is cut)."""
    width = min(b - a, right_edge - left_edge)
    a = min(max(a, left_edge), right_edge - width)
    return a, a + width
