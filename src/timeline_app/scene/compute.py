"""`compute_scene`: events, range, size, filters and selection -> a `Scene` of plain numbers."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from timeline_app.model.dates import (
    MARK_OPEN_END,
    MARK_OPEN_START,
    MARK_UNCERTAIN,
    MARK_UNKNOWN_END,
    MARK_UNKNOWN_START,
    MARK_UNSPECIFIED,
)
from timeline_app.scene.arrays import STYLE_UNCERTAIN, EventArrays, Visibility
from timeline_app.scene.geometry import (
    AGGREGATE_AT,
    AXIS_HEIGHT,
    BADGE_HEIGHT,
    BINS_PER_CLUSTER,
    DENSITY_BIN,
    HIDDEN_RADIUS,
    LABEL_PAD,
    LANE_GAP,
    MARKER,
    SOURCES_LANE_HEIGHT,
    count_text,
)
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.labels import Cluster, cluster_hidden, label_boxes, layout_labels, merge_badges
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import (
    SHAPE_CIRCLE,
    SHAPE_DIAMOND,
    SHAPE_SQUARE,
    AxisTick,
    Badge,
    Conflict,
    Density,
    Label,
    Leader,
    Markers,
    Rect,
    Scene,
    SpanBars,
    Viewport,
)
from timeline_app.scene.sources_lane import SourceMark, layout_lane
from timeline_app.scene.ticks import date_ticks


@dataclass
class SceneInput:
    """Everything a scene depends on apart from the viewport (the view state, flattened)."""

    arrays: EventArrays
    labels: LabelText
    visibility: Visibility | None = None  # None: every event shown
    selected: int = -1
    alternatives: Callable[[int], list[tuple[float, float]]] = field(default=lambda i: [])
    event_sources: Callable[[int], tuple[str, ...]] = field(default=lambda i: ())
    source_marks: list[SourceMark] | None = None  # None: the sources lane is hidden
    era: str = "BC"  # how years before AD 1 are written: "BC" or "BCE"

    def __post_init__(self) -> None:
        if self.visibility is None:
            self.visibility = Visibility(self.arrays)


def compute_scene(given: SceneInput, viewport: Viewport, measures: Measures) -> Scene:
    """Lay out one picture: axis, markers, spans, labels, badges, density and sources lane."""
    plot = viewport.plot
    baseline = plot.bottom - AXIS_HEIGHT - 16.0
    scene = Scene(viewport, baseline, plot.bottom - AXIS_HEIGHT)
    scene.ticks = axis_ticks(viewport, measures, given.era)
    visibility = given.visibility
    assert visibility is not None
    lo, hi = viewport.lo, viewport.hi
    scene.n_visible = visibility.count(lo, hi)
    visible = visibility.indices(lo, hi) if scene.n_visible <= AGGREGATE_AT else None
    if visible is None or len(visible) > AGGREGATE_AT:
        _aggregate(scene, given, measures)
        selected = given.selected
        arrays = given.arrays
        if (
            selected >= 0
            and (visibility.shown is None or visibility.shown[selected])
            and arrays.x1[selected] >= lo
            and arrays.x0[selected] <= hi
        ):
            _detail(scene, given, measures, np.array([selected]), badges=False)
    else:
        scene.visible = visible
        _detail(scene, given, measures, visible, badges=True)
    if given.source_marks is not None:
        chosen = set(given.event_sources(given.selected)) if given.selected >= 0 else set()
        start = None
        if scene.selected_x is not None and not given.arrays.is_span[given.selected]:
            start = (scene.selected_x, baseline - MARKER / 2 - 2)
        scene.lane = layout_lane(viewport, given.source_marks, measures.lane, chosen, start)
    return scene


def axis_ticks(viewport: Viewport, measures: Measures, era: str = "BC") -> list[AxisTick]:
    """Calendar ticks; each label is centred on its own tick and drawn only when it fits there.

    A label may slide to stay inside the plot only while it still covers its tick, so a label
    can never stand on another tick's gridline.
    """
    plot = viewport.plot
    top = plot.bottom - AXIS_HEIGHT
    ticks = []
    last_right = -math.inf
    for tick in date_ticks(viewport.lo, viewport.hi, plot.w, era=era):
        x = math.floor(float(viewport.to_px(tick.seconds)))
        width = measures.axis.width(tick.label) + 2
        left = min(max(x - width / 2, plot.x + 2), plot.right - 2 - width)
        fits = plot.x <= x <= plot.right and left <= x <= left + width and left >= last_right + 6
        rect = Rect(left, top + 5, width, AXIS_HEIGHT - 5) if fits else None
        if rect is not None:
            last_right = rect.right
        ticks.append(AxisTick(float(x), tick.label, tick.major, rect))
    return ticks


def _aggregate(scene: Scene, given: SceneInput, measures: Measures) -> None:
    """Too many events to tell apart: a density strip and counted, clickable clusters."""
    scene.aggregated = True
    plot, lo, hi = scene.plot, scene.viewport.lo, scene.viewport.hi
    bins = max(1, int(plot.w / DENSITY_BIN))
    assert given.visibility is not None
    counts = given.visibility.density(lo, hi, bins)
    height = min(plot.h * 0.45, 160.0)
    peak = math.log1p(counts.max()) if counts.size and counts.max() else 1.0
    heights = np.where(counts > 0, np.maximum(1.0, np.log1p(counts) / peak * height), 0.0)
    left = plot.x + np.arange(bins) * DENSITY_BIN
    scene.density = Density(left, scene.baseline - heights, DENSITY_BIN)
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
    scene.badges += _badges(clusters, scene.baseline - height - 24.0, measures)


def _badges(clusters: list[Cluster], y: float, measures: Measures) -> list[Badge]:
    def width(count: int) -> float:
        return measures.badge.width(f"+{count_text(count)}") + 10.0

    badges = []
    for cluster in merge_badges(clusters, width):
        w = width(cluster.count)
        rect = Rect(
            math.floor(cluster.x - w / 2), math.floor(y - BADGE_HEIGHT / 2), math.ceil(w), BADGE_HEIGHT
        )
        badges.append(Badge(rect, cluster.count, cluster.lo, cluster.hi, f"+{count_text(cluster.count)}"))
    return badges


def _detail(scene: Scene, given: SceneInput, measures: Measures, idx: np.ndarray, badges: bool) -> None:
    """Markers, span bars, labels in lanes, leaders and the "+N" badges of what did not fit."""
    arrays, plot, viewport = given.arrays, scene.plot, scene.viewport
    baseline = scene.baseline
    px = np.asarray(viewport.to_px(arrays.x[idx]), float)
    px0 = np.asarray(viewport.to_px(arrays.x0[idx]), float)
    px1 = np.asarray(viewport.to_px(arrays.x1[idx]), float)
    spans = arrays.is_span[idx]
    points = ~spans
    marks = arrays.marks[idx[points]]
    shape = np.where(
        marks & MARK_UNCERTAIN, SHAPE_DIAMOND, np.where(marks & MARK_UNSPECIFIED, SHAPE_SQUARE, SHAPE_CIRCLE)
    )
    scene.markers = Markers(
        idx[points],
        px[points],
        px0[points],
        px1[points],
        arrays.category[idx[points]].astype(np.int64),
        arrays.style[idx[points]] == STYLE_UNCERTAIN,
        np.minimum(arrays.n_sources[idx[points]], 10).astype(np.int64),
        shape.astype(np.int64),
    )
    span_left = np.maximum(px0[spans], plot.x - 2)
    span_right = np.maximum(np.minimum(px1[spans], plot.right + 2), span_left + 2)
    span_marks = arrays.marks[idx[spans]]
    scene.spans = SpanBars(
        idx[spans],
        span_left,
        span_right,
        arrays.category[idx[spans]].astype(np.int64),
        (span_marks & (MARK_OPEN_START | MARK_UNKNOWN_START)) != 0,
        (span_marks & (MARK_OPEN_END | MARK_UNKNOWN_END)) != 0,
        baseline + 4.0,
        baseline + 8.0,
    )
    where = np.flatnonzero(idx == given.selected) if given.selected >= 0 else np.empty(0, int)
    first = int(where[0]) if len(where) else None
    if first is not None:
        scene.selected_x = float(px[first])
    widths = np.array([given.labels.width(i) for i in idx.tolist()]) + 2 * LABEL_PAD
    left, right = label_boxes(px, px0, px1, spans, widths, plot.x + 2, plot.right - 2, MARKER)
    lane_h = measures.label.height() + 2 * LANE_GAP + 2
    top_of_lanes = plot.y + 4.0 + (SOURCES_LANE_HEIGHT if given.source_marks is not None else 0)
    lane0_bottom = baseline - 30.0
    n_lanes = max(0, int((lane0_bottom - top_of_lanes) // lane_h))
    lanes = layout_labels(left, right, n_lanes, first=first)
    for k in np.flatnonzero((lanes >= 0) & points).tolist():
        top = lane0_bottom - lanes[k] * lane_h - LANE_GAP
        scene.leaders.append(Leader(math.floor(px[k]), top, baseline - MARKER / 2))
    for k in np.flatnonzero(lanes >= 0).tolist():
        bottom = lane0_bottom - lanes[k] * lane_h
        rect = Rect(
            float(left[k]), bottom - lane_h + LANE_GAP, float(right[k] - left[k]), lane_h - 2 * LANE_GAP
        )
        index = int(idx[k])
        selected = index == given.selected
        text = given.labels.text(index)
        if selected:  # bold, so cut again to the same box
            room = rect.w - LABEL_PAD - LABEL_PAD / 2 + 2
            text = given.labels.fitted(index, measures.label_bold, room)
        scene.labels.append(
            Label(
                index, rect, text, bool(spans[k]), max(rect.x + 2.0, min(float(px1[k]), rect.right)), selected
            )
        )
    for k in np.flatnonzero(arrays.conflict[idx] & points).tolist():
        intervals = tuple(
            (float(viewport.to_px(a)), float(viewport.to_px(b))) for a, b in given.alternatives(int(idx[k]))
        )
        scene.conflicts.append(Conflict(float(px[k]), intervals))
    hidden = lanes < 0
    if badges and hidden.any():
        spots = np.clip(px[hidden], plot.x, plot.right)  # spans may start far left
        clusters = cluster_hidden(spots, arrays.x0[idx[hidden]], arrays.x1[idx[hidden]], radius=HIDDEN_RADIUS)
        scene.badges += _badges(clusters, baseline - 24.0, measures)
