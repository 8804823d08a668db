"""The timeline canvas: a title, the date axis with the timeline item, and a legend.

The window shows one; exports and the benchmark build one offscreen at the size they need, so
the screen and every image come from the same code.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shiboken6
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter
from PySide6.QtWidgets import QGraphicsSceneResizeEvent, QWidget

from timeline_app.presentation.view_state import ViewState
from timeline_app.scene.arrays import DAY
from timeline_app.scene.model import Rect
from timeline_app.view import style
from timeline_app.view.timeline_item import TimelineItem

MIN_RANGE = 3 * DAY  # closest zoom: a few days across the screen
YEAR = 365.25 * DAY


class TextBar(pg.GraphicsWidget):
    """A line of plain text (never HTML), for the title."""

    def __init__(self, text: str = "", pixel_size: int = 17, bold: bool = True) -> None:
        super().__init__()
        self._text = text
        self._font = style.label_font(pixel_size, bold)
        height = QFontMetricsF(self._font).height() + 12
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def text(self) -> str:
        return self._text

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setFont(self._font)
        painter.setPen(style.TEXT)
        rect = self.boundingRect().adjusted(12, 0, -12, 0)
        metrics = QFontMetricsF(self._font)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, rect.width()),
        )


class CitationsBar(pg.GraphicsWidget):
    """The numbered source list printed under an exported timeline (plain text)."""

    LINE = 15.0

    def __init__(self) -> None:
        super().__init__()
        self._font = style.label_font(11)
        self.lines: list[str] = []
        self.set_lines([])

    def set_lines(self, lines: list[str]) -> None:
        self.lines = list(lines)
        height = len(self.lines) * self.LINE + 8 if self.lines else 0.0
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setVisible(bool(self.lines))
        self.update()

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setFont(self._font)
        painter.setPen(style.TEXT)
        metrics = QFontMetricsF(self._font)
        width = self.boundingRect().width() - 24
        for k, line in enumerate(self.lines):
            painter.drawText(
                QRectF(12, 4 + k * self.LINE, width, self.LINE),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(line, Qt.TextElideMode.ElideRight, width),
            )


class LegendBar(pg.GraphicsWidget):
    """Category swatches with counts (click one to hide or show it) and the marker key."""

    sigCategoryToggled = Signal(str)
    KEY = (
        ("filled", "exact day"),
        ("whisker", "month, season or year"),
        ("hollow", "approximate or inferred"),
        ("size", "size: 1, 2, 3+ sources"),
        ("conflict", "sources disagree"),
        ("bar", "span"),
        ("badge", "more events: click"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._font = style.label_font(11)
        self._metrics = QFontMetricsF(self._font)
        self.categories: tuple[str, ...] = ()
        self.counts: list[int] = []
        self.hidden: set[str] = set()
        self._boxes: list[tuple[QRectF, str]] = []
        self._rows = 1
        self.setMinimumHeight(self._row_height() + 8)

    def _row_height(self) -> float:
        return self._metrics.height() + 8

    def set_categories(self, categories: tuple[str, ...], counts: list[int]) -> None:
        self.categories, self.counts = categories, counts
        self._relayout()

    def set_hidden(self, hidden: set[str]) -> None:
        self.hidden = set(hidden)
        self.update()

    def resizeEvent(self, ev: QGraphicsSceneResizeEvent) -> None:
        super().resizeEvent(ev)
        self._relayout()

    def _items(self) -> list[tuple[str, str, str]]:
        items = [("category", c, f"{c} ({n})") for c, n in zip(self.categories, self.counts, strict=True)]
        items += [("key", kind, text) for kind, text in self.KEY]
        return items

    def _relayout(self) -> None:
        width = max(200.0, self.size().width() - 24)
        x, rows = 0.0, 1
        self._positions = []
        for kind, key, text in self._items():
            w = (30 if key == "size" else 22) + self._metrics.horizontalAdvance(text) + 14
            if x + w > width and x > 0:
                x, rows = 0.0, rows + 1
            self._positions.append((x, rows - 1, w, kind, key, text))
            x += w
        if rows != self._rows:
            self._rows = rows
        height = rows * self._row_height() + 8
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.update()

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        self._boxes = []
        rh = self._row_height()
        for x, row, w, kind, key, text in getattr(self, "_positions", []):
            left, top = 12 + x, 4 + row * rh
            cy = top + rh / 2
            if kind == "category":
                index = self.categories.index(key)
                color = style.category_color(index)
                hidden = key in self.hidden
                if hidden:
                    color.setAlpha(60)
                painter.setPen(style.pen(color, style.MARKER, cap=Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(left + 8, cy))
                painter.setPen(style.MUTED if hidden else style.TEXT)
                self._boxes.append((QRectF(left, top, w, rh), key))
            else:
                self._paint_key(painter, key, left + 8, cy)
                painter.setPen(style.MUTED)
            painter.setFont(self._font)  # a key glyph may have changed it
            offset = 28 if key == "size" else 20
            painter.drawText(
                QRectF(left + offset, top, w - offset, rh),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )

    def _paint_key(self, painter: QPainter, kind: str, x: float, y: float) -> None:
        grey = QColor("#555555")
        if kind in ("filled", "hollow", "whisker"):
            if kind == "whisker":
                painter.setPen(style.pen(grey, 2.0))
                painter.drawLine(QPointF(x - 8, y), QPointF(x + 8, y))
            painter.setPen(style.pen(grey, style.MARKER, cap=Qt.PenCapStyle.RoundCap))
            painter.drawPoint(QPointF(x, y))
            if kind == "hollow":
                painter.setPen(style.pen(style.BACKGROUND, style.MARKER - 4, cap=Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(x, y))
        elif kind == "bar":
            painter.fillRect(QRectF(x - 8, y - 2, 16, 4), grey)
        elif kind == "size":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(grey)
            for dx, sources in ((-7, 1), (0, 2), (9, 3)):
                r = style.marker_diameter(sources) / 2 * 0.75
                painter.drawEllipse(QPointF(x + dx, y), r, r)
        elif kind == "conflict":
            from timeline_app.view.overlays import paint_conflict_sign

            paint_conflict_sign(painter, x - 7, y + 8)
        else:
            painter.setPen(style.pen(style.BASELINE, 1.0))
            painter.setBrush(style.BADGE_FILL)
            painter.drawRoundedRect(QRectF(x - 8, y - 6, 16, 12), 6, 6)

    def category_at(self, pos: QPointF) -> str | None:
        for rect, key in self._boxes:
            if rect.contains(pos):
                return key
        return None

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        key = self.category_at(ev.pos())
        if key is not None and ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.sigCategoryToggled.emit(key)


class TimelineCanvas(pg.GraphicsLayoutWidget):
    """Title, date axis, timeline item and legend, in one widget."""

    sigRangeChanged = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground(style.BACKGROUND)
        self.ci.setContentsMargins(4, 4, 4, 4)
        self.ci.setSpacing(2)
        self.title_bar = TextBar()
        self.addItem(self.title_bar, row=0, col=0)
        self.plot = self.addPlot(row=1, col=0)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")  # the item paints a lighter date axis (docs/design/date-axis.md)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.view_box: pg.ViewBox = self.plot.getViewBox()
        self.view_box.setMouseEnabled(x=True, y=False)
        self.view_box.setYRange(0, 1, padding=0)
        self.view_box.setDefaultPadding(0)
        self.item = TimelineItem()
        self.view_box.addItem(self.item, ignoreBounds=True)
        self.legend = LegendBar()
        self.addItem(self.legend, row=2, col=0)
        self.citations = CitationsBar()
        self.addItem(self.citations, row=3, col=0)
        self.view_box.sigXRangeChanged.connect(self._on_range_changed)
        self.item.sigClusterClicked.connect(self.zoom_to)
        self.state: ViewState | None = None

    def mouseDoubleClickEvent(self, ev: QMouseEvent) -> None:
        """A double-click on empty timeline fits everything; on an event it selects as a click."""
        super().mouseDoubleClickEvent(ev)
        pos = ev.position()
        scene = self.item.current_scene()
        if (
            ev.button() == Qt.MouseButton.LeftButton
            and scene is not None
            and scene.plot.contains(pos.x(), pos.y())
            and scene.hit_test(pos.x(), pos.y()) is None
        ):
            self.fit_all()

    def _on_range_changed(self, _vb: object, rng: tuple[float, float]) -> None:
        self.sigRangeChanged.emit(float(rng[0]), float(rng[1]))

    def set_state(self, state: ViewState, title: str | None = None) -> None:
        """Show a view state; the legend and citation list follow its changes."""
        if self.state is not None:
            self.state.filter_changed.disconnect(self._on_filter_changed)
            self.state.options_changed.disconnect(self._on_options_changed)
        self.state = state
        arrays = state.arrays
        self.title_bar.set_text(title if title is not None else state.timeline.title)
        self.item.set_state(state)
        categories = state.timeline.categories
        counts = np.bincount(arrays.category, minlength=len(categories)).tolist()
        self.legend.set_categories(categories, counts)
        state.filter_changed.connect(self._on_filter_changed)
        state.options_changed.connect(self._on_options_changed)
        self._on_filter_changed()
        self._on_options_changed()
        lo, hi = arrays.extent
        pad = max((hi - lo) * 0.5, YEAR)
        self.view_box.setLimits(
            xMin=lo - pad, xMax=hi + pad, minXRange=MIN_RANGE, maxXRange=(hi - lo) + 2 * pad, yMin=0, yMax=1
        )

    def _on_filter_changed(self) -> None:
        if not shiboken6.isValid(self):  # an export's canvas, closed while the state lives on
            return
        assert self.state is not None
        self.legend.set_hidden(self.state.hidden_categories)

    def _on_options_changed(self) -> None:
        if not shiboken6.isValid(self):
            return
        state = self.state
        assert state is not None
        self.citations.set_lines(state.citation_lines() if state.citations else [])

    def plot_rect(self) -> Rect | None:
        """Where the timeline is drawn, in this widget's pixels."""
        scene = self.item.current_scene()
        return scene.plot if scene is not None else None

    def x_range(self) -> tuple[float, float]:
        lo, hi = self.view_box.viewRange()[0]
        return float(lo), float(hi)

    def set_x_range(self, lo: float, hi: float) -> None:
        self.view_box.setXRange(lo, hi, padding=0)

    def zoom_to(self, lo: float, hi: float) -> None:
        """Show [lo, hi] with a margin, at least MIN_RANGE wide."""
        width = max(hi - lo, MIN_RANGE)
        centre = (lo + hi) / 2
        margin = width * 0.08
        self.set_x_range(centre - width / 2 - margin, centre + width / 2 + margin)

    def fit_all(self) -> None:
        """Every shown event in view, with room for the labels that extend to the right."""
        if self.state is None or not len(self.state.arrays):
            return
        shown = self.state.shown
        x0, x1 = self.state.arrays.x0, self.state.arrays.x1
        if shown is not None and shown.any():
            x0, x1 = x0[shown], x1[shown]
        lo, hi = float(x0.min()), float(x1.max())
        width = max(hi - lo, MIN_RANGE)
        self.set_x_range(lo - width * 0.04, hi + width * 0.22)

    def zoom(self, factor: float, centre: float | None = None) -> None:
        """Zoom in (factor < 1) or out around `centre` (default: the middle of the view)."""
        lo, hi = self.x_range()
        c = (lo + hi) / 2 if centre is None else centre
        self.view_box.scaleBy(x=factor, y=1, center=QPointF(c, 0.5))

    def pan_to_show(self, lo: float, hi: float) -> None:
        """Pan (not zoom) so that [lo, hi] is inside the view."""
        vlo, vhi = self.x_range()
        width = vhi - vlo
        margin = width * 0.1
        if lo < vlo + margin:
            self.set_x_range(lo - margin, lo - margin + width)
        elif hi > vhi - margin * 2.5:
            start = min(lo - margin, hi + margin * 2.5 - width)
            self.set_x_range(start, start + width)
