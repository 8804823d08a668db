"""Editing with the mouse on the timeline (while the inspector is open): drag a marker to move its
date, double-click empty timeline to add an event there.

While the inspector is closed the timeline reads as before: a drag pans, a double-click fits.
The dates a gesture makes keep the precision the event has (a month stays a month), and a new
event gets the precision the zoom shows: a day when days are wide enough to aim at, else a
month or a year.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent

from timeline_app.model.calendar import civil
from timeline_app.model.dates import DateError, DateRange, PartialDate, Precision
from timeline_app.scene.arrays import DAY
from timeline_app.view.canvas import TimelineCanvas

_SLOP = 4.0  # px a press may move and still be a click
YEAR_DAYS = 365.2425
MONTH_DAYS = YEAR_DAYS / 12


def date_at(seconds: float, view_days: float) -> PartialDate:
    """The date under a point of the axis, as precise as the zoom lets one aim: the day when the
    view shows at most ~4 months, the month up to ~8 years, else the year."""
    year, month, day = civil(int(seconds // DAY))
    if view_days <= 120:
        return PartialDate(year, month, day)
    if view_days <= 8 * YEAR_DAYS:
        return PartialDate(year, month)
    return PartialDate(year)


def shift_date(date: PartialDate, days: float) -> PartialDate:
    """`date` moved by about `days`, in whole steps of its own precision (a month by months, a
    season or a year by years, a decade by decades); raises DateError beyond the calendar."""
    precision = date.precision
    if precision is Precision.DAY:
        assert date.month is not None and date.day is not None
        y, m, d = civil(PartialDate(date.year, date.month, date.day).first_day() + round(days))
        return replace(date, year=y, month=m, day=d)
    if precision is Precision.MONTH:
        assert date.month is not None
        months = date.year * 12 + date.month - 1 + round(days / MONTH_DAYS)
        return replace(date, year=months // 12, month=months % 12 + 1)
    step = date.year_span
    years = round(days / (YEAR_DAYS * step)) * step
    return replace(date, year=date.year + years)


def shift_range(when: DateRange, days: float) -> DateRange:
    """Both ends moved together, each snapped to its own precision."""
    end = shift_date(when.end, days) if when.end is not None else None
    return replace(when, start=shift_date(when.start, days), end=end)


def shift_days(dx_seconds: float) -> float:
    return dx_seconds / DAY


class EditGestures(QObject):
    """Watches the canvas viewport; emits what an editing gesture asks for. Off by default."""

    sigClicked = Signal(int)  # event index (a press and release on a marker without a drag)
    sigMoved = Signal(int, float)  # event index, seconds dragged along the axis
    sigDragging = Signal(int, float)  # the same while the button is held (for feedback)
    sigEmptyDoubleClick = Signal(float, float)  # seconds under the pointer, width of the view (s)

    def __init__(self, canvas: TimelineCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.enabled = False
        self._press: tuple[int, QPointF, float] | None = None  # index, pixel, seconds
        canvas.viewport().installEventFilter(self)

    def _seconds(self, x: float) -> float | None:
        scene = self.canvas.item.current_scene()
        if scene is None or scene.plot.w <= 0:
            return None
        lo, hi = self.canvas.x_range()
        return lo + (x - scene.plot.x) / scene.plot.w * (hi - lo)

    def _hit(self, pos: QPointF) -> int | None:
        scene = self.canvas.item.current_scene()
        if scene is None or not scene.plot.contains(pos.x(), pos.y()):
            return None
        hit = scene.hit_test(pos.x(), pos.y())
        return hit if isinstance(hit, int) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled or not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        pos = event.position()
        if kind == QEvent.Type.MouseButtonDblClick and event.button() == Qt.MouseButton.LeftButton:
            return self._double_click(pos)
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            index = self._hit(pos)
            seconds = self._seconds(pos.x())
            if index is None or seconds is None:
                return False  # empty space: the view pans as usual
            self._press = (index, QPointF(pos), seconds)
            return True
        if self._press is None:
            return False
        index, start, seconds = self._press
        now = self._seconds(pos.x())
        moved = abs(pos.x() - start.x()) > _SLOP
        if kind == QEvent.Type.MouseMove:
            if moved and now is not None:
                self.sigDragging.emit(index, now - seconds)
            return True
        if kind == QEvent.Type.MouseButtonRelease:
            self._press = None
            if moved and now is not None:
                self.sigMoved.emit(index, now - seconds)
            else:
                self.sigClicked.emit(index)
            return True
        return False

    def _double_click(self, pos: QPointF) -> bool:
        scene = self.canvas.item.current_scene()
        if scene is None or not scene.plot.contains(pos.x(), pos.y()) or self._hit(pos) is not None:
            return False
        seconds = self._seconds(pos.x())
        if seconds is None:
            return False
        lo, hi = self.canvas.x_range()
        self.sigEmptyDoubleClick.emit(seconds, hi - lo)
        return True


def moved_texts(when: DateRange, dx_seconds: float) -> tuple[str, str] | None:
    """The start and end texts (EDTF) of a date dragged by `dx_seconds`, or None if it does not
    move at its precision (or would leave the calendar)."""
    try:
        moved = shift_range(when, shift_days(dx_seconds))
    except DateError:
        return None
    if moved == when:
        return None
    return moved.start.edtf(), moved.end.edtf() if moved.end is not None else ""
