"""The timeline canvas: a title, the date axis with the timeline item, and a legend.

The window shows one; exports and the benchmark build one offscreen at the size they need, so
the screen and every image come from the same code.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsSceneResizeEvent, QWidget

from timeline_app.model.dates import (
    MARK_LOOSE_END,
    MARK_LOOSE_START,
    MARK_UNCERTAIN,
    MARK_UNSPECIFIED,
)
from timeline_app.presentation.view_state import ViewState
from timeline_app.scene.arrays import DAY
from timeline_app.scene.model import Rect
from timeline_app.view import style
from timeline_app.view.lane_names import LaneNames
from timeline_app.view.legend import LegendBar
from timeline_app.view.timeline_item import TimelineItem

YEAR = 365.2425 * DAY
MIN_RANGE = DAY  # closest zoom: one day across the screen (the axis then counts hours)
AGE_OF_UNIVERSE = 13.8e9 * YEAR  # widest zoom, and how far before and after the data one may pan


def wrap_lines(text: str, metrics: QFontMetricsF, width: float, max_lines: int = 0) -> list[str]:
    """`text` broken at spaces into lines no wider than `width`; a word longer than a line is
    elided, and past `max_lines` (0: no limit) the last line is elided. Never cut mid-word
    otherwise, so a title or a citation stays whole and readable in a narrow picture."""
    width = max(width, 10.0)
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if max_lines and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines] or [""]


class TextBar(pg.GraphicsWidget):
    """Plain text (never HTML), for the title and the filter note: wrapped at word boundaries to
    the bar's width (at most `max_lines`), and hidden while empty."""

    def __init__(self, text: str = "", pixel_size: int = 17, bold: bool = True, max_lines: int = 3) -> None:
        super().__init__()
        self._text = text
        self._font = style.label_font(pixel_size, bold)
        self._metrics = QFontMetricsF(self._font)
        self._max_lines = max_lines
        self.lines: list[str] = [text]
        self._relayout()

    def set_text(self, text: str) -> None:
        self._text = text
        self._relayout()

    def text(self) -> str:
        return self._text

    def resizeEvent(self, ev: QGraphicsSceneResizeEvent) -> None:
        super().resizeEvent(ev)
        self._relayout()

    def _relayout(self) -> None:
        width = self.size().width() - 24
        self.lines = (
            wrap_lines(self._text, self._metrics, width, self._max_lines) if width > 0 else [self._text]
        )
        height = len(self.lines) * self._metrics.height() + 12 if self._text else 0.0
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)
        self.setVisible(bool(self._text))
        self.update()

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setFont(self._font)
        painter.setPen(style.TEXT)
        line = self._metrics.height()
        width = self.boundingRect().width() - 24
        for k, text in enumerate(self.lines):
            painter.drawText(
                QRectF(12, 6 + k * line, width, line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )


class CitationsBar(pg.GraphicsWidget):
    """The numbered source list printed under an exported timeline (plain text); a citation
    longer than the picture is wide wraps at word boundaries instead of being cut."""

    LINE = 15.0

    def __init__(self) -> None:
        super().__init__()
        self._font = style.label_font(11)
        self._metrics = QFontMetricsF(self._font)
        self.lines: list[str] = []
        self._wrapped: list[str] = []
        self.set_lines([])

    def set_lines(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self._relayout()

    def resizeEvent(self, ev: QGraphicsSceneResizeEvent) -> None:
        super().resizeEvent(ev)
        self._relayout()

    def _relayout(self) -> None:
        width = self.size().width() - 24
        wrapped: list[str] = []
        for line in self.lines:
            wrapped += wrap_lines(line, self._metrics, width, 4) if width > 0 else [line]
        self._wrapped = wrapped
        height = len(wrapped) * self.LINE + 8 if wrapped else 0.0
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)
        self.setVisible(bool(self.lines))
        self.update()

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setFont(self._font)
        painter.setPen(style.TEXT)
        width = self.boundingRect().width() - 24
        for k, line in enumerate(self._wrapped):
            painter.drawText(
                QRectF(12, 4 + k * self.LINE, width, self.LINE),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                line,
            )


class TimelineCanvas(pg.GraphicsLayoutWidget):
    """Title, date axis, timeline item and legend, in one widget."""

    sigRangeChanged = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground(style.BACKGROUND)
        self.ci.setContentsMargins(4, 4, 4, 4)
        self.ci.setSpacing(2)
        self.title_bar = TextBar()
        self.addItem(self.title_bar, row=0, col=0, colspan=2)
        self.note_bar = TextBar(pixel_size=12, bold=False, max_lines=2)  # exports: the active filter
        self.addItem(self.note_bar, row=1, col=0, colspan=2)
        # No context menus: built and then disabled, the view box's cost 15-20 ms of start-up.
        self.plot = self.addPlot(row=2, col=1, enableMenu=False)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")  # the item paints a lighter date axis (docs/design/date-axis.md)
        self.plot.hideButtons()
        self.view_box: pg.ViewBox = self.plot.getViewBox()
        self.view_box.setMouseEnabled(x=True, y=False)
        self.view_box.setYRange(0, 1, padding=0)
        self.view_box.setDefaultPadding(0)
        self.item = TimelineItem()
        self.view_box.addItem(self.item, ignoreBounds=True)
        self.lane_names = LaneNames(self.item, self.view_box)  # swimlanes' names, left of the plot
        self.addItem(self.lane_names, row=2, col=0)
        self.ci.layout.setColumnStretchFactor(1, 1)
        self.ci.layout.setColumnSpacing(0, 0)
        self.legend = LegendBar()
        self.addItem(self.legend, row=3, col=0, colspan=2)
        self.citations = CitationsBar()
        self.addItem(self.citations, row=4, col=0, colspan=2)
        self.view_box.sigXRangeChanged.connect(self._on_range_changed)
        self.item.sigClusterClicked.connect(self.zoom_to)
        self.state: ViewState | None = None
        self._date_keys: set[str] = set()  # the legend's keys for how dates are known

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
        self.release_state()
        self.state = state
        arrays = state.arrays
        self.title_bar.set_text(title if title is not None else state.timeline.title)
        self.item.set_state(state)
        categories = state.timeline.categories
        counts = np.bincount(arrays.category, minlength=len(categories)).tolist()
        marks = arrays.marks
        present = {
            name
            for name, bits in (
                ("uncertain", MARK_UNCERTAIN),
                ("unspecified", MARK_UNSPECIFIED),
                ("open", MARK_LOOSE_END | MARK_LOOSE_START),
            )
            if len(marks) and bool((marks & bits).any())
        }
        self._date_keys = present
        self.legend.set_categories(categories, counts, present | state.legend_marks())
        state.filter_changed.connect(self._on_filter_changed)
        state.options_changed.connect(self._on_options_changed)
        self._on_filter_changed()
        self._on_options_changed()
        self.set_extent(*arrays.extent)

    def set_extent(self, lo: float, hi: float) -> None:
        """How far the view may pan and zoom for a timeline spanning [lo, hi] (seconds)."""
        self.view_box.setLimits(
            xMin=min(lo, 0.0) - AGE_OF_UNIVERSE,
            xMax=max(hi, 0.0) + AGE_OF_UNIVERSE,
            minXRange=MIN_RANGE,
            maxXRange=AGE_OF_UNIVERSE,
            yMin=0,
            yMax=1,
        )

    def release_state(self) -> None:
        """Stop following the state: an export's canvas is closed and deleted while the state it
        drew lives on, and a later change of that state must not reach the deleted widgets."""
        if self.state is not None:
            self.state.filter_changed.disconnect(self._on_filter_changed)
            self.state.options_changed.disconnect(self._on_options_changed)
            self.state = None
        self.item.release_state()

    def _on_filter_changed(self) -> None:
        if not shiboken6.isValid(self):  # an export's canvas, closed while the state lives on
            return
        assert self.state is not None
        self.legend.set_hidden(self.state.hidden_categories)
        self.lane_names.update()  # the lanes' counts

    def _on_options_changed(self) -> None:
        if not shiboken6.isValid(self):
            return
        state = self.state
        assert state is not None
        self.citations.set_lines(state.citation_lines() if state.citations else [])
        names = [group.name for group in state.lane_groups()]
        self.lane_names.set_names(names)
        self.ci.layout.setColumnSpacing(0, 2.0 if names else 0.0)

    def set_export_text(self, title: str, note: str, citation_lines: list[str]) -> None:
        """What an exported picture says in words: its title, a note on the filters and the
        sources it cites; and no interactive hints, since a picture cannot be clicked."""
        self.title_bar.set_text(title)
        self.note_bar.set_text(note)
        self.citations.set_lines(citation_lines)
        self.legend.set_for_export(True)
        self.lane_names.interactive = False

    def limit_legend_to(self, shown: np.ndarray) -> None:
        """An export's legend: the keys for status, links and independent counts only where the
        events it shows (indices) need them; a link only when the selection's arcs are drawn."""
        state = self.state
        assert state is not None
        keys = state.legend_marks(shown)
        if not (state.selected in set(shown.tolist()) and state.event_links(state.selected)):
            keys.discard("link")
        self.legend.set_optional(self._date_keys | keys)

    def settle_layout(self, rounds: int = 4) -> None:
        """Lay out until the bars' heights stop changing, with the central layout held to the
        widget's size. A bar that wraps its text learns its width from one layout and sets its
        height for the next; and the view sizes its central layout only when the view itself
        resizes, so a bar that grew and shrank meanwhile left the layout taller than the widget
        (a 1200x500 export lost its axis, legend and sources below the bottom)."""

        def heights() -> tuple[float, ...]:
            return tuple(bar.minimumHeight() for bar in (self.title_bar, self.legend, self.citations))

        for _ in range(rounds):
            before = heights()
            QApplication.processEvents()
            self.ci.setGeometry(QRectF(0, 0, self.width(), self.height()))
            self.ci.layout.activate()
            QApplication.processEvents()
            if heights() == before:
                return

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
        """Every shown event in view, with a margin of 4% of the span on each side."""
        if self.state is None or not len(self.state.arrays):
            return
        shown = self.state.shown
        x0, x1 = self.state.arrays.x0, self.state.arrays.x1
        if shown is not None and shown.any():
            x0, x1 = x0[shown], x1[shown]
        lo, hi = float(x0.min()), float(x1.max())
        width = max(hi - lo, MIN_RANGE)
        # The data and a small margin, no empty future: a label that would run off the right
        # edge slides left (the scene does that), so no room is reserved for labels.
        self.set_x_range(lo - width * 0.04, hi + width * 0.04)

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
