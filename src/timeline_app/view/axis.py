"""The date axis along the bottom of the timeline (see docs/design/date-axis.md)."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from timeline_app import layout
from timeline_app.view import style


class DateAxis:
    """Calendar ticks with labels under the plot and faint grid lines up it."""

    def __init__(self) -> None:
        self.font = style.label_font(11)
        self.metrics = QFontMetricsF(self.font)

    def paint(self, painter: QPainter, plot: QRectF, to_px: Callable[[float], float],
              lo: float, hi: float) -> None:
        top = plot.bottom() - style.AXIS_HEIGHT
        painter.fillRect(QRectF(plot.left(), top, plot.width(), 1.0), style.AXIS_LINE)
        painter.setFont(self.font)
        last_right = -math.inf
        for tick in layout.date_ticks(lo, hi, plot.width()):
            x = math.floor(to_px(tick.seconds))
            painter.fillRect(QRectF(x, plot.top(), 1.0, top - plot.top()),
                             style.GRID_MAJOR if tick.major else style.GRID)
            painter.fillRect(QRectF(x, top, 1.0, 5.0), style.AXIS_LINE)
            width = self.metrics.horizontalAdvance(tick.label) + 2
            left = min(max(x - width / 2, plot.left() + 2), plot.right() - 2 - width)
            if left < last_right + 6:  # clamped at an edge onto its neighbour: grid line only
                continue
            last_right = left + width
            painter.setPen(style.TEXT if tick.major else style.MUTED)
            painter.drawText(QRectF(left, top + 5, width, style.AXIS_HEIGHT - 5),
                             Qt.AlignHCenter | Qt.AlignTop, tick.label)
