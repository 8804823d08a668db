"""What one paint of the timeline drew, in logical pixels: for hit-testing and for tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRectF

from timeline_app.layout import Cluster
from timeline_app.view import style


@dataclass
class Frame:
    """What the last paint drew, in logical pixels, for hit-testing and tests."""

    plot: QRectF = field(default_factory=QRectF)
    baseline: float = 0.0  # y of the marker row
    scale: float = 1.0  # px per second
    offset: float = 0.0  # px at t = 0
    aggregated: bool = False
    n_visible: int = 0  # markers in range (also when aggregated, where `visible` stays empty)
    lane_drawn: bool = False
    links: int = 0  # lines drawn from the selected event to its sources
    visible: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    labelled: list[tuple[QRectF, int]] = field(default_factory=list)
    marker_px: np.ndarray = field(default_factory=lambda: np.empty(0))
    marker_idx: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    badges: list[tuple[QRectF, Cluster]] = field(default_factory=list)
    span_idx: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    span_left: np.ndarray = field(default_factory=lambda: np.empty(0))
    span_right: np.ndarray = field(default_factory=lambda: np.empty(0))

    def to_px(self, seconds: np.ndarray | float) -> np.ndarray | float:
        return seconds * self.scale + self.offset

    def hit_test(self, x: float, y: float) -> tuple[str, object] | None:
        """What is under a point in logical pixels: ("event", index) or ("cluster", Cluster)."""
        frame = self
        for rect, cluster in frame.badges:
            if rect.contains(x, y):
                return "cluster", cluster
        for rect, index in reversed(frame.labelled):
            if rect.contains(x, y):
                return "event", index
        if len(frame.marker_px):
            distance = np.abs(frame.marker_px - x)
            nearest = int(np.argmin(distance))
            baseline = frame.baseline
            if distance[nearest] <= style.MARKER and abs(y - baseline) <= style.MARKER + 4:
                return "event", int(frame.marker_idx[nearest])
        baseline = frame.baseline
        if len(frame.span_idx) and baseline + 1 <= y <= baseline + 11:
            inside = np.flatnonzero((frame.span_left <= x) & (x <= frame.span_right))
            if len(inside):  # the shortest span under the pointer is the one meant
                widths = frame.span_right[inside] - frame.span_left[inside]
                return "event", int(frame.span_idx[inside[np.argmin(widths)]])
        return None
