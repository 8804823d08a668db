"""`compute_scene`: events, range, size, filters and selection -> a `Scene` of plain numbers."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from timeline_app.model.dates import (
    MARK_LOOSE_END,
    MARK_LOOSE_START,
    MARK_UNCERTAIN,
    MARK_UNSPECIFIED,
)
from timeline_app.scene.aggregation import aggregate, cluster_badges, detail_capacity, detailed, through_badge
from timeline_app.scene.arcs import LinkEnd, selected_arcs
from timeline_app.scene.arrays import OUTLINED, STYLE_UNCERTAIN, EventArrays, Visibility
from timeline_app.scene.axis_labels import axis_context, axis_ticks
from timeline_app.scene.geometry import (
    AGGREGATE_AT,
    AXIS_HEIGHT,
    BADGE_HEIGHT,
    HIDDEN_RADIUS,
    LABEL_PAD,
    LANE_GAP,
    MARKER,
    ROW0_ABOVE_BASELINE,
    ROW_STRETCH,
    SOURCES_LANE_HEIGHT,
    WRAP_AT,
)
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.labels import (
    Candidates,
    cluster_hidden,
    place_labels,
    span_bar,
    spread_order,
)
from timeline_app.scene.lanes import LANE_ROW0_GAP, LaneInput, lane_bands, lane_baseline
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import (
    SHAPE_CIRCLE,
    SHAPE_DIAMOND,
    SHAPE_SQUARE,
    Badge,
    Conflict,
    Label,
    Leader,
    Markers,
    Rect,
    Scene,
    SpanBars,
    Swimlane,
    Viewport,
)
from timeline_app.scene.sources_lane import SourceMark, layout_lane


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
    links: Callable[[int], tuple[LinkEnd, ...]] = field(default=lambda i: ())  # both ways
    era: str = "BC"  # how years before AD 1 are written: "BC" or "BCE"
    lanes: list[LaneInput] | None = None  # None: one flat timeline, else one band per lane

    def __post_init__(self) -> None:
        if self.visibility is None:
            self.visibility = Visibility(self.arrays)


def compute_scene(given: SceneInput, viewport: Viewport, measures: Measures) -> Scene:
    """Lay out one picture: axis, markers, spans, labels, badges, density and sources lane;
    cut into swimlanes when `given.lanes` names them."""
    plot = viewport.plot
    baseline = plot.bottom - AXIS_HEIGHT - 16.0
    scene = Scene(viewport, baseline, plot.bottom - AXIS_HEIGHT)
    scene.ticks = axis_ticks(viewport, measures, given.era)
    scene.axis_context = axis_context(viewport, scene.ticks, measures, given.era)
    scene.rows_top = plot.y + 4.0 + (SOURCES_LANE_HEIGHT if given.source_marks is not None else 0.0)
    if given.lanes is None:
        _content(scene, given, measures)
        _arcs(scene, given, measures)
    else:
        _swimlanes(scene, given, measures, given.lanes)
    if given.source_marks is not None:
        chosen = set(given.event_sources(given.selected)) if given.selected >= 0 else set()
        start = None
        if given.selected >= 0 and not given.arrays.is_span[given.selected]:
            part = next((p for p in scene.parts() if p.selected_x is not None), None)
            if part is not None and part.selected_x is not None:
                start = (part.selected_x, part.baseline - MARKER / 2 - 2)
        scene.lane = layout_lane(viewport, given.source_marks, measures.lane, chosen, start)
    return scene


def _arcs(scene: Scene, given: SceneInput, measures: Measures) -> None:
    """The selected event's links as arcs to the events they name (flat timeline only: an arc
    between two swimlanes would cross the lanes between them)."""
    visibility = given.visibility
    assert visibility is not None
    if given.selected < 0 or not (visibility.shown is None or visibility.shown[given.selected]):
        return
    scene.arcs = selected_arcs(
        scene.viewport,
        scene.baseline,
        scene.rows_top,
        given.arrays,
        given.selected,
        given.links(given.selected),
        given.labels.titles,
        measures.axis,
        [label.rect for label in scene.labels],
        visibility.shown,
    )


def _content(scene: Scene, given: SceneInput, measures: Measures, compact: bool = False) -> None:
    """The events of one timeline (or one swimlane): in detail when few enough are in view,
    else as a density strip with counted clusters. `compact`: markers only, no titles."""
    visibility = given.visibility
    assert visibility is not None
    lo, hi = scene.viewport.lo, scene.viewport.hi
    scene.n_visible = visibility.count(lo, hi)
    capacity = int(detail_capacity(scene.plot.w, AGGREGATE_AT) * scene.share)
    visible, through = detailed(visibility, given.selected, lo, hi, capacity)
    if visible is None:
        aggregate(scene, visibility, measures, badges=not compact)
        selected = given.selected
        arrays = given.arrays
        if (
            selected >= 0
            and (visibility.shown is None or visibility.shown[selected])
            and arrays.x1[selected] >= lo
            and arrays.x0[selected] <= hi
        ):
            _detail(scene, given, measures, np.array([selected]), badges=False, compact=compact)
    else:
        scene.visible = visible
        _detail(scene, given, measures, visible, badges=not compact, compact=compact)
        if through and not compact:
            scene.badges.append(through_badge(scene, through, measures))


def _swimlanes(scene: Scene, given: SceneInput, measures: Measures, lanes: list[LaneInput]) -> None:
    """Each lane laid out in its own band, as a timeline of its own, over the shared axis."""
    plot = scene.plot
    bands = lane_bands(scene.rows_top - 4.0, scene.axis_top, plot.x, plot.w, lanes)
    # the lanes share one picture's budget: together they lay out no more events than a flat
    # timeline would (eight lanes in detail each took a frame from 5 ms to 30-48 at 10^5 events)
    share = 1.0 / max(1, sum(not lane.collapsed for lane in lanes))
    for lane, band in zip(lanes, bands, strict=True):
        part = Scene(
            Viewport(scene.viewport.lo, scene.viewport.hi, band),
            lane_baseline(band, lane.collapsed),
            scene.axis_top,
            rows_top=band.y + 4.0,
            row0_gap=LANE_ROW0_GAP,
            share=share,
        )
        _content(part, replace(given, visibility=lane.visibility), measures, compact=lane.collapsed)
        scene.swimlanes.append(Swimlane(lane.name, band, lane.count, lane.collapsed, part))
        scene.n_visible += part.n_visible


def _detail(
    scene: Scene, given: SceneInput, measures: Measures, idx: np.ndarray, badges: bool, compact: bool = False
) -> None:
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
        arrays.status[idx[points]].astype(np.int64),
    )
    span_left = np.maximum(px0[spans], plot.x - 2)
    span_right = np.maximum(np.minimum(px1[spans], plot.right + 2), span_left + 2)
    span_marks = arrays.marks[idx[spans]]
    scene.spans = SpanBars(
        idx[spans],
        span_left,
        span_right,
        arrays.category[idx[spans]].astype(np.int64),
        (span_marks & MARK_LOOSE_START) != 0,
        (span_marks & MARK_LOOSE_END) != 0,
        arrays.status[idx[spans]].astype(np.int64),
        baseline + 4.0,
        baseline + 8.0,
    )
    where = np.flatnonzero(idx == given.selected) if given.selected >= 0 else np.empty(0, int)
    if len(where):
        scene.selected_x = float(px[int(where[0])])
    if compact:
        lanes = np.full(len(idx), -1, np.int32)
    else:
        lanes = _labels(scene, given, measures, idx, px, px0, px1, spans)
    for k in np.flatnonzero(arrays.conflict[idx] & points).tolist():
        intervals = tuple(
            (float(viewport.to_px(a)), float(viewport.to_px(b))) for a, b in given.alternatives(int(idx[k]))
        )
        scene.conflicts.append(Conflict(float(px[k]), intervals))
    hidden = lanes < 0
    if len(where) and hidden[int(where[0])] and not compact:  # the selection keeps its title, over the rest
        _overlay(scene, given, int(where[0]), idx, px, px1, spans, measures)
        hidden[int(where[0])] = False
    if badges and hidden.any():
        spots = np.clip(px[hidden], plot.x, plot.right)  # spans may start far left
        clusters = cluster_hidden(spots, arrays.x0[idx[hidden]], arrays.x1[idx[hidden]], radius=HIDDEN_RADIUS)
        found = cluster_badges(clusters, baseline - 19.0, measures)  # between markers and labels
        scene.badges += _clear_of_labels(found, scene) if scene.row0_gap < ROW0_ABOVE_BASELINE else found


def _labels(
    scene: Scene,
    given: SceneInput,
    measures: Measures,
    idx: np.ndarray,
    px: np.ndarray,
    px0: np.ndarray,
    px1: np.ndarray,
    spans: np.ndarray,
) -> np.ndarray:
    """Place the titles (whole where they fit, two lines before any cut, left or right of the
    marker), spread over the axis with the best-supported first; leaders down to the markers.
    Returns each visible event's lowest row, -1 where it got no label."""
    plot, baseline = scene.plot, scene.baseline
    row_h = _row_height(measures)
    top_of_rows = scene.rows_top
    row0_bottom = baseline - scene.row0_gap
    n_rows = max(0, int((row0_bottom - top_of_rows) // row_h))
    labels = given.labels
    wrap = len(idx) <= WRAP_AT * scene.share
    pad = 2 * LABEL_PAD
    one = labels.widths(idx, 1) + pad
    two = labels.widths(idx, 2) + pad if wrap else np.zeros(len(idx))
    xs, x1s = np.where(spans, px0, px), np.where(spans, px1, px)
    order = spread_order(px, given.arrays.n_sources[idx].astype(float), plot.x, plot.w)
    candidates = Candidates(xs, x1s, spans, one, two)
    placed = place_labels(candidates, order, n_rows, plot.x + 2, plot.right - 2, MARKER, wrap)
    lanes = np.full(len(idx), -1, np.int32)
    # Few rows used: spread them up the free height (at most ROW_STRETCH apart), rather than
    # leaving the top of the picture empty; nothing changes row, so nothing new can overlap.
    used = max((p.row + p.rows for p in placed.values()), default=1)
    step = row_h * min(ROW_STRETCH, max(1.0, n_rows / used))
    for k in sorted(placed, key=lambda k: (placed[k].row, placed[k].left)):
        p = placed[k]
        lanes[k] = p.row
        index = int(idx[k])
        fitted = labels.two_lines(index) if p.rows == 2 else labels.one_line(index)
        bottom = row0_bottom - p.row * step
        rect = Rect(
            p.left, bottom - p.rows * row_h + LANE_GAP, p.right - p.left, p.rows * row_h - 2 * LANE_GAP
        )
        bar_left = bar_right = rect.x
        text_x = rect.x + LABEL_PAD
        if spans[k]:
            bar_left, bar_right = span_bar(float(px0[k]), float(px1[k]), plot.x + 2, plot.right - 2)
            text_x = {"inside": bar_left, "after": bar_right + 4, "before": rect.x}[p.side] + LABEL_PAD
        selected = index == given.selected
        scene.labels.append(
            Label(
                index,
                rect,
                fitted.lines,
                bool(spans[k]),
                bar_right,
                selected,
                text_x,
                fitted.whole,
                bar_left=bar_left,
                outline=bool(spans[k]) and int(given.arrays.status[index]) in OUTLINED,
            )
        )
        if not spans[k]:
            scene.leaders.append(Leader(math.floor(px[k]), rect.bottom, baseline - MARKER / 2))
    return lanes


def _clear_of_labels(badges: list[Badge], scene: Scene) -> list[Badge]:
    """In a swimlane the titles sit just above the markers, where the badges would go: each
    badge rises until it covers no title and no other badge; one that finds no room is left out
    (the lane's name in the margin still counts every event)."""
    taken = [label.rect for label in scene.labels]
    kept = []
    for badge in badges:
        rect = badge.rect
        while rect.y >= scene.rows_top and any(rect.intersects(other) for other in taken):
            rect = Rect(rect.x, rect.y - BADGE_HEIGHT - 2.0, rect.w, rect.h)
        if rect.y >= scene.rows_top:
            taken.append(rect)
            kept.append(replace(badge, rect=rect))
    return kept


def _row_height(measures: Measures) -> float:
    return measures.label.height() + 2 * LANE_GAP + 1


def _overlay(
    scene: Scene,
    given: SceneInput,
    k: int,
    idx: np.ndarray,
    px: np.ndarray,
    px1: np.ndarray,
    spans: np.ndarray,
    measures: Measures,
) -> None:
    """The selected event had no room: its title is drawn over the others in the lowest row
    (nothing else moves)."""
    plot, index = scene.plot, int(idx[k])
    fitted = given.labels.one_line(index)
    width = fitted.width + 2 * LABEL_PAD
    row_h = _row_height(measures)
    left = min(max(float(px[k]) - MARKER / 2, plot.x + 2), plot.right - 2 - width)
    rect = Rect(left, scene.baseline - scene.row0_gap - row_h + LANE_GAP, width, row_h - 2 * LANE_GAP)
    scene.labels.append(  # a plain box: the span's own bar stays under the baseline
        Label(
            index,
            rect,
            fitted.lines,
            False,
            rect.x,
            True,
            rect.x + LABEL_PAD,
            fitted.whole,
            overlay=True,
            bar_left=rect.x,
        )
    )
    if not spans[k]:
        scene.leaders.append(Leader(math.floor(px[k]), rect.bottom, scene.baseline - MARKER / 2))
