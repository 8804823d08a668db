"""The date axis along the bottom of the timeline (see docs/design/date-axis.md)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Scene
from timeline_app.view import style
from timeline_app.view.measure import rect_f


def paint_axis(painter: QPainter, scene: Scene, measures: Measures) -> None:
    """Faint gridlines up the plot, a tick and a label under each (labels as the scene placed them)."""
    plot = scene.plot
    top = scene.axis_top
    painter.fillRect(QRectF(plot.x, top, plot.w, 1.0), style.AXIS_LINE)
    painter.setFont(style.label_font(11))
    for tick in scene.ticks:
        painter.fillRect(
            QRectF(tick.x, plot.y, 1.0, top - plot.y), style.GRID_MAJOR if tick.major else style.GRID
        )
        painter.fillRect(QRectF(tick.x, top, 1.0, 5.0), style.AXIS_LINE)
        if tick.label_rect is not None:
            painter.setPen(style.TEXT if tick.major else style.MUTED)
            painter.drawText(
                rect_f(tick.label_rect), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, tick.label
            )
    context = scene.axis_context
    if context is not None and context.label_rect is not None:  # the period at the left edge
        painter.setFont(style.label_font(11))  # measured in this font by the scene
        painter.setPen(style.TEXT)
        painter.drawText(
            rect_f(context.label_rect), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, context.label
        )
