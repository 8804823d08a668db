"""Label boxes, lane packing, and the "+N" clusters of what did not fit. No Qt here."""

from __future__ import annotations

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


def label_boxes(
    px: np.ndarray,
    px0: np.ndarray,
    px1: np.ndarray,
    is_span: np.ndarray,
    widths: np.ndarray,
    left_edge: float,
    right_edge: float,
    marker: float,
) -> tuple[np.ndarray, np.ndarray]:
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
    return any(b_lane == lane and left < b_right and right > b_left for b_left, b_right, b_lane in blocked)


def cluster_hidden(px: np.ndarray, x0: np.ndarray, x1: np.ndarray, radius: float) -> list[Cluster]:
    """Group hidden events whose markers lie within `radius` px of their neighbours."""
    if len(px) == 0:
        return []
    order = np.argsort(px, kind="stable")
    px, x0, x1 = px[order], x0[order], x1[order]
    breaks = np.flatnonzero(np.diff(px) > radius) + 1
    clusters = []
    for group in np.split(np.arange(len(px)), breaks):
        clusters.append(
            Cluster(float(px[group].mean()), len(group), float(x0[group].min()), float(x1[group].max()))
        )
    return clusters


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
