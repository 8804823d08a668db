"""A click on empty timeline: the item ignores it (so the view can pan), the window deselects."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent

from timeline_app.view.canvas import TimelineCanvas

_SLOP = 4.0  # px a press may move and still be a click, not the start of a pan


class EmptyClickFilter(QObject):
    """Watches the canvas viewport; emits `sigEmptyClick` for a left click on empty plot space."""

    sigEmptyClick = Signal()

    def __init__(self, canvas: TimelineCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self._pressed: QPointF | None = None
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            self._pressed = event.position()
        elif event.type() == QEvent.Type.MouseButtonRelease and self._pressed is not None:
            start, self._pressed = self._pressed, None
            pos = event.position()
            moved = abs(pos.x() - start.x()) + abs(pos.y() - start.y())
            scene = self.canvas.item.current_scene()
            if (
                moved <= _SLOP
                and scene is not None
                and scene.plot.contains(pos.x(), pos.y())
                and scene.hit_test(pos.x(), pos.y()) is None
            ):
                self.sigEmptyClick.emit()
        return False
