"""What a view aggregates, and the density strip, counted clusters and badges it draws instead.

What is aggregated depends on what fits the picture, not on how many events overlap an instant:
the markers in view, then the spans that end in view, each up to `detail_capacity`.
"""

from __future__ import annotations

import math

import numpy as np

from timeline_app.scene.arrays import Visibility
from timeline_app.scene.geometry import AGGREGATE_AT, BADGE_HEIGHT, BINS_PER_CLUSTER, DENSITY_BIN, count_text
from timeline_app.scene.labels import Cluster, merge_badges
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Badge, Density, Rect, Scene

MARKS_PER_PX = 1.5  # events shown one by one per pixel column of the plot, at most


def detail_capacity(plot_width: float, at_most: int = AGGREGATE_AT) -> int:
    """How many events a picture this wide shows one by one (markers, bars and their labels):
    1.5 a pixel column, at most `at_most` (2,400 across a 1600-px window)."""
    return max(0, min(at_most, int(plot_width * MARKS_PER_PX)))


def detailed(
    visibility: Visibility, selected: int, lo: float, hi: float, capacity: int
) -> tuple[np.ndarray | None, int]:
    """What the view draws one by one, and how many spans it only counts; None: aggregate.

    What is aggregated depends on what fits: the markers in view, then the spans that end in
    it. Spans that run through the whole view are drawn when they fit too; when they do not,
    they are counted (a "+N spans" badge) and each is drawn where its start or end is in view,
    so a one-day view of a million events still shows that day's events.
    """
    if visibility.count(lo, hi) > capacity:
        return None, 0
    near = visibility.near(lo, hi)
    if len(near) > capacity:
        return None, 0
    through = visibility.through_count(lo, hi)
    if len(near) + through <= capacity:
        return np.union1d(near, visibility.through(lo, hi)), 0
    arrays = visibility.arrays
    runs_through = selected >= 0 and arrays.x0[selected] < lo and arrays.x1[selected] > hi
    if runs_through and (visibility.shown is None or visibility.shown[selected]):
        return np.union1d(near, [selected]), through - 1
    return near, through


def through_badge(scene: Scene, count: int, measures: Measures) -> Badge:
    """At the left end of the span bars: the spans running through the view, not drawn; a click
    zooms out (eight times wider) towards where they start and end."""
    text = f"+{count_text(count)} spans"
    width = math.ceil(measures.badge.width(text) + 10.0)
    rect = Rect(math.floor(scene.plot.x + 4), math.floor(scene.baseline - 2), width, BADGE_HEIGHT)
    lo, hi = scene.viewport.lo, scene.viewport.hi
    return Badge(rect, count, lo - 3.5 * (hi - lo), hi + 3.5 * (hi - lo), text)


def aggregate(scene: Scene, visibility: Visibility, measures: Measures, badges: bool = True) -> None:
    """Too many events to tell apart: a density strip and counted, clickable clusters
    (`badges` False: the strip alone, for a folded swimlane)."""
    scene.aggregated = True
    plot, lo, hi = scene.plot, scene.viewport.lo, scene.viewport.hi
    bins = max(1, int(plot.w / DENSITY_BIN))
    counts = visibility.density(lo, hi, bins)
    height = min(plot.h * 0.45, 160.0)
    peak = math.log1p(counts.max()) if counts.size and counts.max() else 1.0
    heights = np.where(counts > 0, np.maximum(1.0, np.log1p(counts) / peak * height), 0.0)
    left = plot.x + np.arange(bins) * DENSITY_BIN
    scene.density = Density(left, scene.baseline - heights, DENSITY_BIN)
    if not badges:
        return
    starts = np.arange(0, bins, BINS_PER_CLUSTER)
    bucket_counts = np.add.reduceat(counts, starts)
    seconds_per_bin = (hi - lo) / bins
    clusters = []
    for k in np.flatnonzero(bucket_counts).tolist():
        first, last = int(starts[k]), min(int(starts[k]) + BINS_PER_CLUSTER, bins)
        clusters.append(
            Cluster(
                plot.x + (first + last) / 2 * DENSITY_BIN,
                int(bucket_counts[k]),
                lo + first * seconds_per_bin,
                lo + last * seconds_per_bin,
            )
        )
    scene.badges += cluster_badges(clusters, scene.baseline - height - 24.0, measures)


def cluster_badges(clusters: list[Cluster], y: float, measures: Measures) -> list[Badge]:
    widths: dict[int, float] = {}  # merging asks for each count's width again and again

    def width(count: int) -> float:
        found = widths.get(count)
        if found is None:
            found = widths[count] = measures.badge.width(f"+{count_text(count)}") + 10.0
        return found

    badges = []
    for cluster in merge_badges(clusters, width):
        w = width(cluster.count)
        rect = Rect(
            math.floor(cluster.x - w / 2), math.floor(y - BADGE_HEIGHT / 2), math.ceil(w), BADGE_HEIGHT
        )
        badges.append(Badge(rect, cluster.count, cluster.lo, cluster.hi, f"+{count_text(cluster.count)}"))
    return badges
