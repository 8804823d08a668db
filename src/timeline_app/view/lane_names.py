"""The left margin that names each swimlane; a click on a name folds or unfolds its lane."""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from timeline_app.scene.model import Scene, Swimlane
from timeline_app.view import style
from timeline_app.view.timeline_item import TimelineItem

MIN_WIDTH, MAX_WIDTH = 90.0, 190.0


class LaneNames(pg.GraphicsWidget):
    """Names and counts of the swimlanes, level with their bands in the plot beside it.

    Hidden, and zero wide, while the timeline is flat: the plot then sits where it always did.
    """

    def __init__(self, item: TimelineItem, view_box: pg.ViewBox) -> None:
        super().__init__()
        self.item = item
        self.view_box = view_box
        self._font = style.label_font(12, bold=True)
        self._small = style.label_font(11)
        self._metrics = QFontMetricsF(self._font)
        self.interactive = True  # exports draw no fold arrows: a picture cannot be clicked
        self.set_names([])

    def set_names(self, names: list[str]) -> None:
        """Size the margin for these lane names (none: hide it)."""
        if not names:
            width = 0.0
        else:
            widest = max(self._metrics.horizontalAdvance(name) for name in names)
            width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 30.0))
        self.setMinimumWidth(width)
        self.setMaximumWidth(width)
        self.setVisible(bool(names))
        self.update()

    def _lanes(self) -> tuple[Scene, list[tuple[Swimlane, QRectF]]] | None:
        """Each lane with its band in this widget's coordinates."""
        scene = self.item.current_scene()
        if scene is None or not scene.swimlanes:
            return None
        out = []
        for lane in scene.swimlanes:
            # the scene is in the view's pixels; the view box's own coordinates are those pixels
            # less its corner, and this margin shares its row
            top = self.mapFromItem(self.view_box, QPointF(0, lane.band.y - scene.plot.y)).y()
            out.append((lane, QRectF(0, top, self.boundingRect().width(), lane.band.h)))
        return scene, out

    def paint(self, painter: QPainter, *args: object) -> None:
        found = self._lanes()
        if found is None:
            return
        _, lanes = found
        width = self.boundingRect().width()
        for k, (lane, band) in enumerate(lanes):
            if k % 2:
                painter.fillRect(band, style.LANE_FILL)
            painter.fillRect(QRectF(0, band.top(), width, 1.0), style.GRID_MAJOR)
            x = 6.0
            if self.interactive:
                painter.setPen(style.MUTED)
                painter.setFont(self._small)
                arrow = "▸" if lane.collapsed else "▾"
                painter.drawText(QRectF(4, band.top() + 3, 14, 18), Qt.AlignmentFlag.AlignLeft, arrow)
                x = 18.0
            painter.setFont(self._font)
            painter.setPen(style.TEXT)
            name = self._metrics.elidedText(lane.name, Qt.TextElideMode.ElideRight, width - x - 6)
            painter.drawText(QRectF(x, band.top() + 3, width - x - 4, 18), Qt.AlignmentFlag.AlignLeft, name)
            if band.height() >= 40:
                painter.setFont(self._small)
                painter.setPen(style.MUTED)
                count = f"{lane.count:,} event{'s' * (lane.count != 1)}"
                part = lane.scene
                untitled = len(part.visible) - len(part.labels) if not part.aggregated else lane.count
                if untitled > 0 and not lane.collapsed:
                    count += f", {untitled:,} untitled"
                painter.drawText(
                    QRectF(x, band.top() + 21, width - x - 4, 16), Qt.AlignmentFlag.AlignLeft, count
                )
        top, bottom = lanes[0][1].top(), lanes[-1][1].bottom()
        painter.fillRect(QRectF(width - 1, top, 1.0, bottom - top), style.GRID_MAJOR)

    def lane_at(self, y: float) -> Swimlane | None:
        found = self._lanes()
        if found is None:
            return None
        return next((lane for lane, band in found[1] if band.top() <= y < band.bottom()), None)

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        state = self.item.state
        lane = self.lane_at(ev.pos().y())
        if ev.button() != Qt.MouseButton.LeftButton or state is None or lane is None:
            return
        ev.accept()
        state.set_lane_collapsed(lane.name, not lane.collapsed)
