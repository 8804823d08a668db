"""One graphics item that paints every marker, span, label and cluster of a timeline.

It lays nothing out itself: `scene.compute_scene` turns the view state and the visible range into
a `Scene` of plain numbers, cached per (range, size, state version), and this item draws it in
bulk. Clicks, hover and tooltips ask the same Scene, so they work before the first paint.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
import shiboken6
from pyqtgraph.GraphicsScene.mouseEvents import HoverEvent, MouseClickEvent
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPaintEngine, QPainter, QTransform

from timeline_app.presentation.view_state import ViewState
from timeline_app.scene.arrays import OUTLINED, Visibility
from timeline_app.scene.compute import SceneInput, compute_scene
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.lanes import LaneInput
from timeline_app.scene.model import FADE_PX, Arc, Badge, Label, Scene, SpanBars, Viewport
from timeline_app.view import overlays, style
from timeline_app.view.axis import paint_axis
from timeline_app.view.density import DensityPainter
from timeline_app.view.markers import MarkerPainter, paint_whiskers
from timeline_app.view.measure import from_qrect, qt_measures, rect_f

log = logging.getLogger(__name__)


class TimelineItem(pg.GraphicsObject):
    """Paints the scene of a view state; emits what the user clicked."""

    sigEventClicked = Signal(int)  # event index
    sigClusterClicked = Signal(float, float)  # time range to zoom into
    sigLinkClicked = Signal(int)  # the event at the other end of the selected event's link

    def __init__(self) -> None:
        super().__init__()
        self.state: ViewState | None = None
        self.render_scale = 1.0  # set by exports drawn at 2x/4x
        self.measures = qt_measures()
        self._labels: LabelText | None = None
        self._visibility: Visibility | None = None
        self._lanes: list[LaneInput] | None = None
        self._cache: tuple[tuple[float, ...], Scene] | None = None
        self._density = DensityPainter()
        self._colors: list[QColor] = []
        self._tints: list[QColor] = []
        self._markers = MarkerPainter()
        self.setAcceptHoverEvents(True)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption, False)

    # --- the state ------------------------------------------------------------------------
    def set_state(self, state: ViewState) -> None:
        self.release_state()
        self.state = state
        state.filter_changed.connect(self._on_filter_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.options_changed.connect(self._on_options_changed)
        n_categories = len(state.arrays.categories)
        self._colors = [style.category_color(i) for i in range(n_categories)]
        self._tints = [style.tint(c) for c in self._colors]
        self._on_filter_changed()
        self._on_options_changed()

    def release_state(self) -> None:
        """Stop following the state (before another, or when the canvas closes)."""
        if self.state is not None:
            self.state.filter_changed.disconnect(self._on_filter_changed)
            self.state.selection_changed.disconnect(self._on_selection_changed)
            self.state.options_changed.disconnect(self._on_options_changed)
            self.state = None

    def _on_selection_changed(self) -> None:
        if shiboken6.isValid(self):
            self.update()

    def _on_filter_changed(self) -> None:
        if not shiboken6.isValid(self):  # an export's canvas, closed while the state lives on
            return
        assert self.state is not None
        self._visibility = Visibility(self.state.arrays, self.state.shown)
        self._lanes = self._lane_inputs()
        self.update()

    def _lane_inputs(self) -> list[LaneInput] | None:
        """Each swimlane's events with the filters applied (None: one flat timeline)."""
        state = self.state
        assert state is not None
        groups = state.lane_groups()
        if not groups:
            return None
        lanes = []
        for group in groups:
            members = group.members if state.shown is None else group.members & state.shown
            lanes.append(
                LaneInput(
                    group.name,
                    Visibility(state.arrays, members),
                    int(members.sum()),
                    group.name in state.collapsed_lanes,
                )
            )
        return lanes

    def _on_options_changed(self) -> None:
        if not shiboken6.isValid(self):
            return
        state = self.state
        assert state is not None
        suffix = state.label_suffix if state.citations else None
        self._labels = LabelText(state.titles(), self.measures.label, suffix)
        self._marks = state.source_marks() if state.show_sources_lane else None
        self._lanes = self._lane_inputs()
        self.update()

    # --- the scene ------------------------------------------------------------------------
    def scene_for(self, lo: float, hi: float, plot: QRectF) -> Scene | None:
        """The Scene of [lo, hi] drawn into `plot` (logical px), cached until anything changes."""
        state = self.state
        if state is None or self._labels is None:
            return None
        # the paint maps the view through the painter's transform, hit-testing through the view
        # box: the same rectangle, 1e-13 px apart, laid the scene out twice in one frame
        plot = QRectF(*(round(v, 6) for v in (plot.x(), plot.y(), plot.width(), plot.height())))
        key = (lo, hi, plot.x(), plot.y(), plot.width(), plot.height(), float(state.version))
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        given = SceneInput(
            state.arrays,
            self._labels,
            self._visibility,
            state.selected,
            state.alternatives,
            state.event_sources,
            self._marks,
            state.event_links,
            era=state.era,
            lanes=self._lanes,
        )
        scene = compute_scene(given, Viewport(lo, hi, from_qrect(plot)), self.measures)
        self._cache = (key, scene)
        return scene

    def current_scene(self) -> Scene | None:
        """The Scene for the view as it is now, in the widget's pixels (computed if need be)."""
        vb, widget = self.getViewBox(), self.getViewWidget()
        if vb is None or widget is None:
            return None
        view = vb.viewRect()
        # the view box's own rectangle: the item's transform is brought up to date only at the
        # next paint, so mapping the view range through it would use the previous range
        plot = widget.viewportTransform().mapRect(vb.mapRectToScene(vb.rect()))
        return self.scene_for(view.left(), view.right(), plot)

    # --- geometry -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        return QRectF(vb.viewRect()) if vb is not None else QRectF()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        self.update()

    # --- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, *args: object) -> None:
        vb = self.getViewBox()
        if vb is None or self.state is None:
            return
        painter.save()
        try:
            view = vb.viewRect()
            s = self.render_scale
            device = painter.transform().mapRect(view)
            plot = QRectF(device.left() / s, device.top() / s, device.width() / s, device.height() / s)
            scene = self.scene_for(view.left(), view.right(), plot)
            if scene is not None:
                painter.setWorldTransform(QTransform.fromScale(s, s))
                self._paint(painter, scene)
        except Exception:  # a paint that raises would take the whole window down with it
            log.exception("painting the timeline failed")
        finally:
            painter.restore()

    def _paint(self, painter: QPainter, scene: Scene) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        plot = rect_f(scene.plot)
        painter.setClipRect(plot)
        for k, lane in enumerate(scene.swimlanes):  # under the gridlines: every other band tinted
            band = rect_f(lane.band)
            if k % 2:
                painter.fillRect(band, style.LANE_FILL)
            painter.fillRect(QRectF(band.left(), band.top(), band.width(), 1.0), style.GRID_MAJOR)
        paint_axis(painter, scene, self.measures)
        if scene.swimlanes:
            for lane in scene.swimlanes:
                painter.setClipRect(rect_f(lane.band).intersected(plot))
                self._paint_events(painter, lane.scene)
            painter.setClipRect(plot)
        else:
            self._paint_events(painter, scene)
        if scene.lane is not None:
            overlays.paint_sources_lane(painter, scene.lane)
        overlays.paint_arcs(painter, scene.arcs)  # over everything: the selection's links

    def _paint_events(self, painter: QPainter, scene: Scene) -> None:
        """Markers, spans, titles and badges of one timeline, or of one swimlane."""
        plot = rect_f(scene.plot)
        painter.fillRect(QRectF(plot.left(), scene.baseline, plot.width(), 1.0), style.BASELINE)
        if scene.density is not None:
            self._density.paint(painter, scene, self.render_scale)
        paint_whiskers(painter, scene, self._colors)
        self._paint_span_bars(painter, scene)
        for leader in scene.leaders:  # 1-px fills: a stroked path costs ~50 us a line
            painter.fillRect(QRectF(leader.x, leader.top, 1.0, leader.bottom - leader.top), style.BASELINE)
        self._paint_markers(painter, scene)
        for label in scene.labels:
            self._paint_label(painter, label)
        for conflict in scene.conflicts:
            overlays.paint_alternative_dates(painter, scene.baseline, conflict)
            overlays.paint_conflict_sign(painter, conflict.x, scene.baseline)
        for badge in scene.badges:
            self._paint_badge(painter, badge)

    def _paint_span_bars(self, painter: QPainter, scene: Scene) -> None:
        """Every span, labelled or not, also shows as a bar just under the baseline: filled, or
        a dashed outline when planned or expected."""
        bars = scene.spans
        top, bottom = bars.top, bars.bottom
        outlined = np.isin(bars.status, OUTLINED)
        for cat in np.unique(bars.category).tolist():
            for dashed in (False, True):
                sel = (bars.category == cat) & (outlined == dashed)
                if not sel.any():
                    continue
                a, b = bars.left[sel], bars.right[sel]
                xs = np.column_stack([a, b, b, a, a]).ravel()
                ys = np.tile([top, top, bottom, bottom, top], len(a))
                connect = np.tile(np.array([1, 1, 1, 1, 0], np.int32), len(a))
                if dashed:
                    painter.setPen(overlays.outline_pen(self._colors[cat], 1.2))
                    painter.setBrush(style.BACKGROUND)
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(self._colors[cat])
                painter.drawPath(fn.arrayToQPath(xs, ys, connect=connect))
        painter.setPen(Qt.PenStyle.NoPen)
        for k in np.flatnonzero(bars.fade_left | bars.fade_right).tolist():
            self._paint_fade(painter, bars, k)

    def _paint_fade(self, painter: QPainter, bars: SpanBars, k: int) -> None:
        """An open or unknown end: the bar runs on and fades out, FADE_PX past the known date."""
        color = QColor(self._colors[int(bars.category[k])])
        clear = QColor(color)
        clear.setAlpha(0)
        for left_side in (True, False):
            if not (bars.fade_left[k] if left_side else bars.fade_right[k]):
                continue
            edge = float(bars.left[k] if left_side else bars.right[k])
            far = edge - FADE_PX if left_side else edge + FADE_PX
            gradient = QLinearGradient(QPointF(edge, 0), QPointF(far, 0))
            gradient.setColorAt(0.0, color)
            gradient.setColorAt(1.0, clear)
            painter.setBrush(QBrush(gradient))
            painter.drawRect(QRectF(min(edge, far), bars.top, FADE_PX, bars.bottom - bars.top))

    def _paint_markers(self, painter: QPainter, scene: Scene) -> None:
        """All point markers: one sprite blit per category and style (vector ellipses in SVG);
        then the glyphs of reported, alleged and disputed events."""
        m = scene.markers
        vector = painter.paintEngine().type() == QPaintEngine.Type.SVG
        if len(m.idx):
            outlined = np.isin(m.status, OUTLINED)
            groups = (((m.category * 3 + m.shape) * 2 + m.hollow) * 2 + outlined) * 16 + m.sources
            for group in np.unique(groups).tolist():
                sel = groups == group
                n, rest = group % 16, group // 16
                dashed, hollow = bool(rest % 2), bool(rest // 2 % 2)
                shape, cat = rest // 4 % 3, rest // 12
                color = self._colors[cat]
                if vector:
                    self._markers.vector(painter, m.x[sel], scene.baseline, color, hollow, n, shape, dashed)
                else:
                    self._markers.blit(
                        painter, m.x[sel], scene.baseline, color, hollow, n, self.render_scale, shape, dashed
                    )
        overlays.paint_status_glyphs(painter, self._markers, scene, self.render_scale, vector)
        state = self.state
        if scene.selected_x is not None and state is not None and not state.arrays.is_span[state.selected]:
            painter.setPen(style.pen(style.SELECTION, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = style.MARKER / 2 + 3
            painter.drawEllipse(QPointF(scene.selected_x, scene.baseline), r, r)

    def _paint_label(self, painter: QPainter, label: Label) -> None:
        """A bordered box (a tinted bar for a span's title inside it; the bar, then a box for a
        title beside it). The selection keeps the regular weight, so its title still fits its
        box, and is marked by a thicker border."""
        assert self.state is not None
        category = int(self.state.arrays.category[label.index])
        color = self._colors[category]
        r = label.rect
        box = QRectF(math.floor(r.x), math.floor(r.y), math.floor(r.w), math.floor(r.h))
        border = 2.0 if label.selected else 1.0
        text_box = box
        if label.is_span:  # opaque fills: a translucent antialiased bar costs ~400 us
            left, right = math.floor(label.bar_left), math.floor(label.bar_right)
            bar = QRectF(left, box.top(), max(2, right - left), box.height())
            if label.outline:  # planned or expected: an outline, not a fill
                painter.fillRect(bar, style.BACKGROUND)
                painter.setPen(overlays.outline_pen(color, border + 0.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar.adjusted(border / 2, border / 2, -border / 2, -border / 2))
            else:
                painter.fillRect(bar, color)
                painter.fillRect(bar.adjusted(border, border, -border, -border), self._tints[category])
            if label.text_x > label.bar_right:  # the title after the bar
                text_box = QRectF(bar.right() + 2, box.top(), box.right() - bar.right() - 2, box.height())
            elif label.text_x < label.bar_left:  # the title before it
                text_box = QRectF(box.left(), box.top(), bar.left() - 2 - box.left(), box.height())
            else:
                text_box = QRectF()
        if not text_box.isEmpty():  # two pixel-aligned fills: a stroked outline costs 10x as much
            painter.fillRect(text_box, color)
            painter.fillRect(text_box.adjusted(border, border, -border, -border), style.BACKGROUND)
        painter.setFont(style.label_font())
        painter.setPen(style.TEXT)
        line_h = r.h / len(label.lines)
        for k, line in enumerate(label.lines):
            end = text_box.right() if not text_box.isEmpty() else r.right
            rect = QRectF(label.text_x, r.y + k * line_h, end - label.text_x - style.LABEL_PAD / 2, line_h)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine,
                line,
            )

    def _paint_badge(self, painter: QPainter, badge: Badge) -> None:
        rect = rect_f(badge.rect)
        painter.setFont(style.label_font(11, bold=True))
        painter.fillRect(rect, style.BASELINE)
        painter.fillRect(rect.adjusted(1, 1, -1, -1), style.BADGE_FILL)
        painter.setPen(style.BADGE_TEXT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge.text)

    # --- interaction ----------------------------------------------------------------------
    def hit_test(self, x: float, y: float) -> Arc | Badge | int | None:
        """What is under a point in the widget's pixels: a link's label, a Badge, an event index,
        or None."""
        scene = self.current_scene()
        return scene.hit_test(x, y) if scene is not None else None

    def _event_px(self, scene_pos: QPointF) -> tuple[float, float] | None:
        view = self.getViewWidget()
        if view is None:
            return None
        point = view.mapFromScene(scene_pos)
        return float(point.x()), float(point.y())

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        pos = self._event_px(ev.scenePos())
        hit = self.hit_test(*pos) if pos else None
        if hit is None:
            return  # empty space: the view pans on drag; the canvas fits on double-click
        ev.accept()
        if isinstance(hit, Badge):
            self.sigClusterClicked.emit(hit.lo, hit.hi)
        elif isinstance(hit, Arc):
            self.sigLinkClicked.emit(hit.other)
        else:
            self.sigEventClicked.emit(hit)

    def hoverEvent(self, ev: HoverEvent) -> None:
        if ev.isExit():
            self.setToolTip("")
            return
        pos = self._event_px(ev.scenePos())
        hit = self.hit_test(*pos) if pos else None
        if hit is None or self.state is None:
            self.setToolTip("")
        elif isinstance(hit, Badge) and hit.text.endswith(" spans"):
            self.setToolTip(
                f"{hit.count} spans run through this view; each is drawn where it starts or ends. "
                "Click to zoom out"
            )
        elif isinstance(hit, Badge):
            self.setToolTip(f"{hit.count} more events here; click to zoom in")
        elif isinstance(hit, Arc):
            self.setToolTip(self.state.tooltip(hit.other) + "<br>Click to go to this event")
        else:
            self.setToolTip(self.state.tooltip(hit))
