"""`compute_scene`: events, range, size, filters and selection -> a `Scene` of plain numbers."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from timeline_app.model.calendar import civil
from timeline_app.model.dates import (
    MARK_LOOSE_END,
    MARK_LOOSE_START,
    MARK_UNCERTAIN,
    MARK_UNSPECIFIED,
    era_year,
)
from timeline_app.scene.aggregation import aggregate, cluster_badges, detail_capacity, detailed, through_badge
from timeline_app.scene.arrays import STYLE_UNCERTAIN, EventArrays, Visibility
from timeline_app.scene.geometry import (
    AGGREGATE_AT,
    AXIS_HEIGHT,
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
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import (
    SHAPE_CIRCLE,
    SHAPE_DIAMOND,
    SHAPE_SQUARE,
    AxisTick,
    Conflict,
    Label,
    Leader,
    Markers,
    Rect,
    Scene,
    SpanBars,
    Viewport,
)
from timeline_app.scene.sources_lane import SourceMark, layout_lane
from timeline_app.scene.ticks import MONTHS, date_ticks


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
    scene.axis_context = axis_context(viewport, scene.ticks, measures, given.era)
    visibility = given.visibility
    assert visibility is not None
    lo, hi = viewport.lo, viewport.hi
    scene.n_visible = visibility.count(lo, hi)
    visible, through = detailed(visibility, given.selected, lo, hi, detail_capacity(plot.w, AGGREGATE_AT))
    if visible is None:
        aggregate(scene, visibility, measures)
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
        if through:
            scene.badges.append(through_badge(scene, through, measures))
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


def axis_context(viewport: Viewport, ticks: list[AxisTick], measures: Measures, era: str) -> AxisTick | None:
    """When the ticks are months, days or hours, the year (and month) that contains the left edge,
    written at the edge itself ("‹ Jan 2022"), never on a tick: otherwise a view inside one year
    would not say which year it is. None when the first label already names it."""
    drawn = [t for t in ticks if t.label_rect is not None]
    if not drawn or all(_names_year(t.label) for t in drawn[:1]):
        return None
    year, month, _ = civil(int(viewport.lo // 86_400))
    days_or_hours = any(
        ":" in t.label or (t.label[:1].isdigit() and t.label.split(" ")[1:2] in [[m] for m in MONTHS])
        for t in drawn
    )
    text = f"‹ {MONTHS[month - 1] + ' ' if days_or_hours else ''}{era_year(year, era)}"
    plot, top = viewport.plot, viewport.plot.bottom - AXIS_HEIGHT
    width = measures.axis.width(text) + 2
    rect = Rect(plot.x + 2, top + 5, width, AXIS_HEIGHT - 5)
    if drawn[0].label_rect is not None and drawn[0].label_rect.x < rect.right + 6:
        return None  # no room beside the first label
    return AxisTick(plot.x, text, True, rect)


def _names_year(label: str) -> bool:
    """A year label ("2013", "44 BC", "AD 1", "12,000") rather than a month, day or hour."""
    return (
        label[:1].isdigit() and ":" not in label and not any(m in label for m in MONTHS)
    ) or label.startswith("AD")


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
        (span_marks & MARK_LOOSE_START) != 0,
        (span_marks & MARK_LOOSE_END) != 0,
        baseline + 4.0,
        baseline + 8.0,
    )
    where = np.flatnonzero(idx == given.selected) if given.selected >= 0 else np.empty(0, int)
    if len(where):
        scene.selected_x = float(px[int(where[0])])
    lanes = _labels(scene, given, measures, idx, px, px0, px1, spans)
    for k in np.flatnonzero(arrays.conflict[idx] & points).tolist():
        intervals = tuple(
            (float(viewport.to_px(a)), float(viewport.to_px(b))) for a, b in given.alternatives(int(idx[k]))
        )
        scene.conflicts.append(Conflict(float(px[k]), intervals))
    hidden = lanes < 0
    if len(where) and hidden[int(where[0])]:  # the selection keeps its title, drawn over the rest
        _overlay(scene, given, int(where[0]), idx, px, px1, spans, measures)
        hidden[int(where[0])] = False
    if badges and hidden.any():
        spots = np.clip(px[hidden], plot.x, plot.right)  # spans may start far left
        clusters = cluster_hidden(spots, arrays.x0[idx[hidden]], arrays.x1[idx[hidden]], radius=HIDDEN_RADIUS)
        scene.badges += cluster_badges(clusters, baseline - 19.0, measures)  # between markers and labels


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
    top_of_rows = plot.y + 4.0 + (SOURCES_LANE_HEIGHT if given.source_marks is not None else 0)
    row0_bottom = baseline - ROW0_ABOVE_BASELINE
    n_rows = max(0, int((row0_bottom - top_of_rows) // row_h))
    labels = given.labels
    wrap = len(idx) <= WRAP_AT
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
            )
        )
        if not spans[k]:
            scene.leaders.append(Leader(math.floor(px[k]), rect.bottom, baseline - MARKER / 2))
    return lanes


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
    rect = Rect(left, scene.baseline - ROW0_ABOVE_BASELINE - row_h + LANE_GAP, width, row_h - 2 * LANE_GAP)
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
