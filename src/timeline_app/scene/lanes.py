"""Swimlanes: the plot cut into horizontal bands, one per group of events (a category, a source,
a status), each laid out as a timeline of its own above one shared date axis. No Qt."""

from __future__ import annotations

import math
from dataclasses import dataclass

from timeline_app.scene.arrays import Visibility
from timeline_app.scene.model import Rect

OPEN_HEIGHT = 52.0  # px: an open lane's markers and one row of titles
COLLAPSED_HEIGHT = 26.0  # px: a collapsed lane keeps one row of markers, no titles
LANE_BASELINE = 16.0  # px from a lane's bottom edge up to its marker row (as above the axis)
COLLAPSED_BASELINE = 10.0
LANE_ROW0_GAP = 11.0  # px from a lane's markers up to its first title row: lanes are short, and
# their "+N" badges rise to wherever the titles leave room instead of keeping a row of their own


@dataclass(frozen=True)
class LaneInput:
    """One lane to lay out: its name, the events it shows (filters applied) and whether it is
    folded to a single row of markers."""

    name: str
    visibility: Visibility
    count: int  # events in the lane that pass the filters
    collapsed: bool = False


def lane_bands(top: float, bottom: float, x: float, w: float, lanes: list[LaneInput]) -> list[Rect]:
    """Bands from top to bottom: a collapsed lane gets COLLAPSED_HEIGHT; each open lane gets
    OPEN_HEIGHT (room for a row of titles) where the height allows, and the rest is shared in
    proportion to the square root of their events, so a busy lane gets more rows of titles
    without starving a small one. Whole pixels, so the separators stay crisp."""
    open_lanes = [k for k, lane in enumerate(lanes) if not lane.collapsed]
    free = max(0.0, bottom - top - COLLAPSED_HEIGHT * (len(lanes) - len(open_lanes)))
    heights = [COLLAPSED_HEIGHT] * len(lanes)
    if open_lanes:
        base = min(OPEN_HEIGHT, free / len(open_lanes))
        weights = [math.sqrt(max(lanes[k].count, 1)) for k in open_lanes]
        extra = free - base * len(open_lanes)
        for k, weight in zip(open_lanes, weights, strict=True):
            heights[k] = float(int(base + extra * weight / sum(weights)))
        heights[open_lanes[-1]] += free - sum(heights[k] for k in open_lanes)  # what rounding left
    bands, y = [], top
    for h in heights:
        bands.append(Rect(x, y, w, h))
        y += h
    return bands


def lane_baseline(band: Rect, collapsed: bool) -> float:
    return band.bottom - (COLLAPSED_BASELINE if collapsed else LANE_BASELINE)
