"""Evidence drawn over the timeline: conflicting dates and the lane of source documents."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from timeline_app.scene.model import Conflict, SourcesLane
from timeline_app.view import style
from timeline_app.view.measure import rect_f


def paint_conflict_sign(painter: QPainter, x: float, y: float) -> None:
    """A small red "!" at a marker's shoulder: sources disagree on this date."""
    centre = QPointF(x + 7, y - 8)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.CONFLICT)
    painter.drawEllipse(centre, 5.5, 5.5)
    painter.setPen(Qt.GlobalColor.white)
    painter.setFont(style.label_font(9, bold=True))
    painter.drawText(QRectF(centre.x() - 5, centre.y() - 6, 10, 12), Qt.AlignmentFlag.AlignCenter, "!")


def paint_alternative_dates(painter: QPainter, baseline: float, conflict: Conflict) -> None:
    """Dates another passage claims, drawn faintly below the baseline and tied to the marker."""
    y = baseline + 14
    faint = QColor(style.CONFLICT)
    faint.setAlpha(120)
    for a, b in conflict.intervals:
        mid = (a + b) / 2
        painter.setPen(style.pen(faint, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(a, y), QPointF(b, y))
        painter.setPen(style.pen(faint, 1.0, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(mid, y), QPointF(conflict.x, baseline + 4))
        painter.setPen(style.pen(faint, 1.5))
        painter.setBrush(style.BACKGROUND)
        painter.drawEllipse(QPointF(mid, y), 3.5, 3.5)


def paint_sources_lane(painter: QPainter, lane: SourcesLane) -> None:
    """The band of source documents along the top, and lines to the selected event's documents
    (reporting delay reads as the lines' slant: vertical for same-day reports, long diagonals
    for hindsight)."""
    band = rect_f(lane.band)
    painter.fillRect(band, style.LANE_FILL)
    painter.fillRect(QRectF(band.left(), band.bottom() - 1, band.width(), 1), style.GRID_MAJOR)
    painter.setFont(style.label_font(11))
    painter.setPen(style.MUTED)
    painter.drawText(
        QRectF(band.left() + 4, band.bottom() - 15, 80, 14), Qt.AlignmentFlag.AlignLeft, "Sources"
    )
    for mark in lane.marks:
        painter.setPen(
            style.pen(style.AXIS_LINE, 1.0, Qt.PenStyle.DashLine if mark.inferred else Qt.PenStyle.SolidLine)
        )
        if mark.period is not None:  # the period the publication date covers, under the labels
            a, b = mark.period
            painter.drawLine(QPointF(a, band.bottom() - 3), QPointF(b, band.bottom() - 3))
        glyph = rect_f(mark.glyph)
        painter.fillRect(glyph, style.LINK if mark.strong else style.AXIS_LINE)
        if mark.inferred:
            painter.fillRect(glyph.adjusted(1.5, 1.5, -1.5, -1.5), style.BACKGROUND)
        if mark.label_rect is not None:
            painter.setPen(style.TEXT if mark.strong else style.MUTED)
            painter.drawText(
                rect_f(mark.label_rect),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                mark.label,
            )
    painter.setPen(style.pen(style.LINK, 1.2))
    for x0, y0, x1, y1 in lane.links:
        painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
