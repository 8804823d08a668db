"""One graphics item that paints every marker, span, label and cluster of a timeline.

It paints in pixels: at each paint it reads the view's data->device transform, culls to the
visible range by binary search, lays out labels for the visible events only (`layout`), and
draws each kind of mark in bulk. Pens and brushes are made once per category.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPaintEngine, QTransform

from timeline_app import layout
from timeline_app.layout import STYLE_UNCERTAIN, Cluster, EventArrays
from timeline_app.view import overlays, style
from timeline_app.view.axis import DateAxis
from timeline_app.view.frame import Frame
from timeline_app.view.markers import MarkerPainter

log = logging.getLogger(__name__)


class TimelineItem(pg.GraphicsObject):
    """Paints the whole timeline; emits what the user clicked."""

    sigEventClicked = Signal(int)  # event index
    sigClusterClicked = Signal(float, float)  # time range to zoom into

    def __init__(self) -> None:
        super().__init__()
        self.arrays: EventArrays | None = None
        self.titles: list[str] = []
        self.tooltip_for: Callable[[int], str] = lambda i: ""
        self.shown: np.ndarray | None = None
        self.visibility: layout.Visibility | None = None
        self.selected = -1
        self.render_scale = 1.0  # set by exports drawn at 2x/4x
        self.alternatives: Callable[[int], list[tuple[float, float]]] = lambda i: []
        self.event_sources: Callable[[int], tuple[str, ...]] = lambda i: ()
        self.source_marks: list[overlays.SourceMark] | None = None  # None: lane hidden
        self.label_suffix: Callable[[int], str] | None = None
        self.frame = Frame()
        self._elided: list[str | None] = []
        self._widths = np.empty(0)
        self._font = style.label_font()
        self._axis = DateAxis()
        self._bold = style.label_font(bold=True)
        self._metrics = QFontMetricsF(self._font)
        self._badge_metrics = QFontMetricsF(style.label_font(11, bold=True))
        self._colors: list[QColor] = []
        self._tints: list[QColor] = []
        self._markers = MarkerPainter()
        self.setAcceptHoverEvents(True)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption, False)

    # --- data -----------------------------------------------------------------------------
    def set_timeline(self, arrays: EventArrays, titles: list[str],
                     tooltip_for: Callable[[int], str]) -> None:
        self.arrays = arrays
        self.titles = titles
        self.tooltip_for = tooltip_for
        self.shown = None
        self.visibility = layout.Visibility(arrays)
        self.selected = -1
        self._elided = [None] * len(titles)
        self._widths = np.full(len(titles), np.nan)
        self._colors = [style.category_color(i) for i in range(len(arrays.categories))]
        self._tints = [style.tint(c) for c in self._colors]
        self.update()

    def set_shown(self, mask: np.ndarray | None) -> None:
        self.shown = mask
        if self.arrays is not None:
            self.visibility = layout.Visibility(self.arrays, mask)
        self.update()

    def set_selected(self, index: int) -> None:
        self.selected = index
        self.update()

    # --- geometry -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        vb = self.getViewBox()
        return QRectF(vb.viewRect()) if vb is not None else QRectF()

    def viewRangeChanged(self) -> None:  # noqa: N802 - pyqtgraph hook
        self.prepareGeometryChange()
        self.update()

    # --- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, *args: object) -> None:
        vb = self.getViewBox()
        if vb is None or self.arrays is None:
            return
        painter.save()
        try:
            self._paint(painter, vb.viewRect())
        except Exception:  # a paint that raises would take the whole window down with it
            log.exception("painting the timeline failed")
        finally:
            painter.restore()

    def _paint(self, painter: QPainter, view: QRectF) -> None:
        s = self.render_scale
        device = painter.transform().mapRect(view)
        plot = QRectF(device.left() / s, device.top() / s, device.width() / s, device.height() / s)
        painter.setWorldTransform(QTransform.fromScale(s, s))
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setRenderHint(QPainter.TextAntialiasing, True)
        painter.setClipRect(plot)
        lo, hi = view.left(), view.right()
        scale = plot.width() / (hi - lo) if hi > lo else 1.0
        frame = Frame(plot=plot, scale=scale, offset=plot.left() - lo * scale)
        visibility = self.visibility
        assert visibility is not None
        baseline = plot.bottom() - style.AXIS_HEIGHT - 16.0
        frame.baseline = baseline
        self._axis.paint(painter, frame.plot, frame.to_px, lo, hi)
        painter.fillRect(QRectF(plot.left(), baseline, plot.width(), 1.0), style.BASELINE)
        frame.n_visible = visibility.count(lo, hi)
        if frame.n_visible <= style.AGGREGATE_AT:
            frame.visible = visibility.indices(lo, hi)
        if frame.n_visible > style.AGGREGATE_AT or len(frame.visible) > style.AGGREGATE_AT:
            frame.visible = np.empty(0, np.int64)
            self._paint_aggregated(painter, frame, baseline, lo, hi)
        else:
            self._paint_detailed(painter, frame, baseline)
        self.frame = frame

    def _paint_aggregated(self, painter: QPainter, frame: Frame, baseline: float,
                          lo: float, hi: float) -> None:
        """Too many events to tell apart: a density strip and counted, clickable clusters."""
        frame.aggregated = True
        plot = frame.plot
        bin_px = 3.0
        bins = max(1, int(plot.width() / bin_px))
        assert self.visibility is not None
        counts = self.visibility.density(lo, hi, bins)
        height = min(plot.height() * 0.45, 160.0)
        peak = math.log1p(counts.max()) if counts.size and counts.max() else 1.0
        heights = np.where(counts > 0, np.maximum(1.0, np.log1p(counts) / peak * height), 0.0)
        # One simple outline (tops left to right, back along the baseline) fills in one pass;
        # a polygon that returns to the baseline at every bin took 110 ms to rasterise.
        left = plot.left() + np.arange(bins) * bin_px
        tops = baseline - heights
        xs = np.concatenate([np.column_stack([left, left + bin_px]).ravel(),
                             [left[-1] + bin_px, left[0]]])
        ys = np.concatenate([np.column_stack([tops, tops]).ravel(), [baseline, baseline]])
        poly = fn.create_qpolygonf(len(xs))
        coords = fn.ndarray_from_qpolygonf(poly)
        coords[:, 0], coords[:, 1] = xs, ys
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(style.DENSITY))
        painter.setRenderHint(QPainter.Antialiasing, False)
        painter.drawPolygon(poly)
        painter.setRenderHint(QPainter.Antialiasing, True)
        per = 30  # bins per counted cluster: a badge every 90 px
        starts = np.arange(0, bins, per)
        bucket_counts = np.add.reduceat(counts, starts) if bins else counts
        seconds_per_bin = (hi - lo) / bins
        clusters = []
        for k in np.flatnonzero(bucket_counts).tolist():
            first, last = starts[k], min(starts[k] + per, bins)
            clusters.append(Cluster(plot.left() + (first + last) / 2 * bin_px,
                                    int(bucket_counts[k]), lo + first * seconds_per_bin,
                                    lo + last * seconds_per_bin))
        self._paint_badges(painter, frame, clusters, baseline - height - 24.0)
        selected = self.selected
        if selected >= 0 and (self.shown is None or self.shown[selected]):
            arrays = self.arrays
            if arrays.x1[selected] >= lo and arrays.x0[selected] <= hi:
                self._paint_detailed(painter, frame, baseline, only=np.array([selected]))
        if self.source_marks is not None and not frame.lane_drawn:
            frame.lane_drawn = True
            overlays.paint_sources_lane(painter, frame, self.source_marks, set())

    def _label_width(self, index: int) -> float:
        if self._elided[index] is None:
            suffix = self.label_suffix(index) if self.label_suffix else ""
            room = style.MAX_LABEL - self._metrics.horizontalAdvance(suffix)
            text = self._metrics.elidedText(self.titles[index], Qt.ElideRight, room) + suffix
            self._elided[index] = text
            self._widths[index] = self._metrics.horizontalAdvance(text)
        return float(self._widths[index])

    def set_label_suffix(self, suffix: Callable[[int], str] | None) -> None:
        """Text after each label (citation numbers in exports); resets the label cache."""
        self.label_suffix = suffix
        self._elided = [None] * len(self.titles)
        self._widths = np.full(len(self.titles), np.nan)
        self.update()

    def _paint_detailed(self, painter: QPainter, frame: Frame, baseline: float,
                        only: np.ndarray | None = None) -> None:
        arrays = self.arrays
        assert arrays is not None
        plot = frame.plot
        idx = frame.visible if only is None else only
        px = frame.to_px(arrays.x[idx])
        px0 = frame.to_px(arrays.x0[idx])
        px1 = frame.to_px(arrays.x1[idx])
        spans = arrays.is_span[idx]
        widths = np.array([self._label_width(i) for i in idx.tolist()]) + 2 * style.LABEL_PAD
        left, right = layout.label_boxes(px, px0, px1, spans, widths, plot.left() + 2,
                                         plot.right() - 2, style.MARKER)
        lane_h = self._metrics.height() + 2 * style.LANE_GAP + 2
        top_of_lanes = plot.top() + 4.0 + (overlays.LANE_HEIGHT if self.source_marks is not None else 0)
        lane0_bottom = baseline - 30.0
        n_lanes = max(0, int((lane0_bottom - top_of_lanes) // lane_h))
        first = None
        if self.selected >= 0:
            hits = np.flatnonzero(idx == self.selected)
            first = int(hits[0]) if len(hits) else None
        lanes = layout.layout_labels(left, right, n_lanes, first=first)

        def lane_rect(k: int) -> QRectF:
            bottom = lane0_bottom - lanes[k] * lane_h
            return QRectF(left[k], bottom - lane_h + style.LANE_GAP, right[k] - left[k],
                          lane_h - 2 * style.LANE_GAP)

        points = ~spans
        self._paint_whiskers(painter, idx[points], px0[points], px1[points], baseline)
        self._paint_span_rows(painter, idx[spans], px0[spans], px1[spans], baseline, frame)
        # Leader lines first, as 1-px fills (a stroked path costs ~50 us a line): labels are
        # opaque and cover any line that passes behind them.
        for k in np.flatnonzero((lanes >= 0) & points).tolist():
            top = lane0_bottom - lanes[k] * lane_h - style.LANE_GAP
            painter.fillRect(QRectF(math.floor(px[k]), top, 1.0,
                                    baseline - style.MARKER / 2 - top), style.BASELINE)
        self._paint_markers(painter, idx[points], px[points], baseline, frame)
        for k in np.flatnonzero(lanes >= 0):
            rect = lane_rect(k)
            self._paint_label(painter, int(idx[k]), rect, bool(spans[k]), px0[k], px1[k])
            frame.labelled.append((rect, int(idx[k])))
        self._paint_evidence(painter, frame, idx[points], px[points], baseline)
        hidden = lanes < 0
        if only is None and hidden.any():
            where = np.clip(px[hidden], plot.left(), plot.right())  # spans may start far left
            clusters = layout.cluster_hidden(where, arrays.x0[idx[hidden]],
                                             arrays.x1[idx[hidden]], radius=24.0)
            self._paint_badges(painter, frame, clusters, baseline - 24.0)

    def _paint_evidence(self, painter: QPainter, frame: Frame, idx: np.ndarray, px: np.ndarray,
                        baseline: float) -> None:
        """Conflict signs and claimed dates; the sources lane and the selected event's links."""
        arrays = self.arrays
        assert arrays is not None
        for k in np.flatnonzero(arrays.conflict[idx]).tolist():
            overlays.paint_alternative_dates(painter, frame, float(px[k]),
                                             self.alternatives(int(idx[k])))
            overlays.paint_conflict_sign(painter, float(px[k]), baseline)
        if self.source_marks is None or frame.lane_drawn:
            return
        frame.lane_drawn = True
        chosen = set(self.event_sources(self.selected)) if self.selected >= 0 else set()
        where = overlays.paint_sources_lane(painter, frame, self.source_marks, chosen)
        spot = np.flatnonzero(idx == self.selected)
        if len(spot) and chosen:
            start = QPointF(float(px[spot[0]]), baseline - style.MARKER / 2 - 2)
            ends = [where[s] for s in chosen if s in where]
            overlays.paint_links(painter, start, ends)
            frame.links = len(ends)

    def _paint_whiskers(self, painter: QPainter, idx: np.ndarray, px0: np.ndarray,
                        px1: np.ndarray, baseline: float) -> None:
        """A coarse date spans its whole interval: a whisker with end ticks under the marker."""
        arrays = self.arrays
        assert arrays is not None
        wide = (px1 - px0) >= 4.0
        y = baseline
        for cat in np.unique(arrays.category[idx[wide]]) if wide.any() else ():
            for uncertain in (False, True):
                sel = wide & (arrays.category[idx] == cat) & ((arrays.style[idx] == STYLE_UNCERTAIN) == uncertain)
                if not sel.any():
                    continue
                color = QColor(self._colors[cat])
                color.setAlpha(170)
                line_style = Qt.DashLine if uncertain else Qt.SolidLine
                painter.setPen(style.pen(color, 2.0, line_style))
                a, b = px0[sel], px1[sel]
                xs = np.column_stack([a, b, a, a, b, b]).ravel()
                ys = np.tile([y, y, y - 3, y + 3, y - 3, y + 3], len(a))
                painter.drawPath(fn.arrayToQPath(xs, ys, connect="pairs"))

    def _paint_span_rows(self, painter: QPainter, idx: np.ndarray, px0: np.ndarray,
                         px1: np.ndarray, baseline: float, frame: Frame) -> None:
        """Every span, labelled or not, also shows as a bar just under the baseline."""
        arrays = self.arrays
        assert arrays is not None
        left = np.maximum(px0, frame.plot.left() - 2)
        right = np.maximum(np.minimum(px1, frame.plot.right() + 2), left + 2)
        frame.span_idx, frame.span_left, frame.span_right = idx, left, right
        top, bottom = baseline + 4.0, baseline + 8.0
        painter.setPen(Qt.NoPen)
        cats = arrays.category[idx]
        for cat in np.unique(cats):
            sel = cats == cat
            a, b = left[sel], right[sel]
            xs = np.column_stack([a, b, b, a, a]).ravel()
            ys = np.tile([top, top, bottom, bottom, top], len(a))
            connect = np.tile(np.array([1, 1, 1, 1, 0], np.int32), len(a))
            painter.setBrush(self._colors[cat])
            painter.drawPath(fn.arrayToQPath(xs, ys, connect=connect))

    def _paint_markers(self, painter: QPainter, idx: np.ndarray, px: np.ndarray,
                       baseline: float, frame: Frame) -> None:
        """All point markers: one sprite blit per category and style (vector ellipses in SVG)."""
        arrays = self.arrays
        assert arrays is not None
        frame.marker_px = px
        frame.marker_idx = idx
        if not len(idx):
            return
        vector = painter.paintEngine().type() == QPaintEngine.SVG
        cats = arrays.category[idx]
        hollow = arrays.style[idx] == STYLE_UNCERTAIN
        counts = np.minimum(arrays.n_sources[idx], 10)
        groups = cats.astype(np.int64) * 100 + hollow * 20 + counts
        for group in np.unique(groups).tolist():
            sel = groups == group
            cat, is_hollow, n = group // 100, bool(group % 100 >= 20), group % 20
            color = self._colors[cat]
            if vector:
                self._markers.vector(painter, px[sel], baseline, color, is_hollow, n)
            else:
                self._markers.blit(painter, px[sel], baseline, color, is_hollow, n,
                                   self.render_scale)
        if self.selected >= 0:
            where = np.flatnonzero(idx == self.selected)
            if len(where):
                painter.setPen(style.pen(style.SELECTION, 2.0))
                painter.setBrush(Qt.NoBrush)
                r = style.MARKER / 2 + 3
                painter.drawEllipse(QPointF(px[where[0]], baseline), r, r)

    def _paint_label(self, painter: QPainter, i: int, rect: QRectF, is_span: bool,
                     px0: float, px1: float) -> None:
        arrays = self.arrays
        assert arrays is not None
        color = self._colors[arrays.category[i]]
        selected = i == self.selected
        if is_span:  # opaque fills: a translucent antialiased bar costs ~400 us
            bar = QRectF(math.floor(rect.left()), math.floor(rect.top()),
                         math.floor(max(2.0, min(px1, rect.right()) - rect.left())),
                         math.floor(rect.height()))
            painter.fillRect(bar, color)
            painter.fillRect(bar.adjusted(1, 1, -1, -1), self._tints[arrays.category[i]])
        if not is_span:  # two pixel-aligned fills: a stroked outline costs 10x as much
            box = QRectF(math.floor(rect.left()), math.floor(rect.top()),
                         math.floor(rect.width()), math.floor(rect.height()))
            border = 2.0 if selected else 1.0
            painter.fillRect(box, color)
            painter.fillRect(box.adjusted(border, border, -border, -border), style.BACKGROUND)
        painter.setFont(self._bold if selected else self._font)
        painter.setPen(style.TEXT)
        text_rect = rect.adjusted(style.LABEL_PAD, 0, -style.LABEL_PAD / 2, 0)
        text = self._elided[i] or self.titles[i]
        if selected:
            suffix = self.label_suffix(i) if self.label_suffix else ""
            bold = QFontMetricsF(self._bold)
            text = bold.elidedText(self.titles[i], Qt.ElideRight, text_rect.width() + 2
                                   - bold.horizontalAdvance(suffix)) + suffix
        painter.drawText(text_rect, Qt.AlignVCenter | Qt.AlignLeft | Qt.TextSingleLine, text)

    def _paint_badges(self, painter: QPainter, frame: Frame, clusters: list[Cluster],
                      y: float) -> None:
        metrics = self._badge_metrics

        def width(count: int) -> float:
            return metrics.horizontalAdvance(f"+{_count_text(count)}") + 10.0

        painter.setFont(style.label_font(11, bold=True))
        for cluster in layout.merge_badges(clusters, width):
            w = width(cluster.count)
            rect = QRectF(math.floor(cluster.x - w / 2), math.floor(y - 9), math.ceil(w), 18)
            painter.fillRect(rect, style.BASELINE)
            painter.fillRect(rect.adjusted(1, 1, -1, -1), style.BADGE_FILL)
            painter.setPen(style.BADGE_TEXT)
            painter.drawText(rect, Qt.AlignCenter, f"+{_count_text(cluster.count)}")
            frame.badges.append((rect, cluster))

    # --- interaction ----------------------------------------------------------------------
    def hit_test(self, x: float, y: float) -> tuple[str, object] | None:
        return self.frame.hit_test(x, y)

    def _event_px(self, ev: object) -> tuple[float, float] | None:
        view = self.getViewWidget()
        if view is None:
            return None
        point = view.mapFromScene(ev.scenePos())  # type: ignore[attr-defined]
        return float(point.x()), float(point.y())

    def mouseClickEvent(self, ev: object) -> None:  # noqa: N802 - pyqtgraph hook
        if ev.button() != Qt.LeftButton:  # type: ignore[attr-defined]
            return
        pos = self._event_px(ev)
        hit = self.hit_test(*pos) if pos else None
        if hit is None:
            return  # empty space: the view pans on drag; the canvas fits on double-click
        ev.accept()  # type: ignore[attr-defined]
        kind, what = hit
        if kind == "cluster":
            self.sigClusterClicked.emit(what.lo, what.hi)  # type: ignore[attr-defined]
        else:
            self.sigEventClicked.emit(int(what))  # type: ignore[arg-type]

    def hoverEvent(self, ev: object) -> None:  # noqa: N802 - pyqtgraph hook
        if ev.isExit():  # type: ignore[attr-defined]
            self.setToolTip("")
            return
        pos = self._event_px(ev)
        hit = self.hit_test(*pos) if pos else None
        if hit is None:
            self.setToolTip("")
        elif hit[0] == "cluster":
            cluster = hit[1]
            self.setToolTip(f"{cluster.count} more events here; click to zoom in")  # type: ignore[attr-defined]
        else:
            self.setToolTip(self.tooltip_for(int(hit[1])))  # type: ignore[arg-type]


def _count_text(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}M"
    if count >= 10_000:
        return f"{count // 1000}k"
    if count >= 1_000:
        return f"{count / 1000:.1f}k"
    return str(count)
