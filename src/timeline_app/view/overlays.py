"""Evidence drawn over the timeline: conflicting dates and the lane of source documents."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from timeline_app import layout
from timeline_app.view import style

CONFLICT = QColor("#c62828")
LINK = QColor(60, 90, 150, 150)
LANE_HEIGHT = 40.0


@dataclass(frozen=True)
class SourceMark:
    """A source document at its publication date."""

    source_id: str
    label: str
    x0: float  # seconds: the publication date's interval
    x1: float
    inferred: bool

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


def paint_conflict_sign(painter: QPainter, x: float, y: float) -> None:
    """A small red "!" at a marker's shoulder: sources disagree on this date."""
    centre = QPointF(x + 7, y - 8)
    painter.setPen(Qt.NoPen)
    painter.setBrush(CONFLICT)
    painter.drawEllipse(centre, 5.5, 5.5)
    painter.setPen(Qt.white)
    painter.setFont(style.label_font(9, bold=True))
    painter.drawText(QRectF(centre.x() - 5, centre.y() - 6, 10, 12), Qt.AlignCenter, "!")


def paint_alternative_dates(painter: QPainter, frame, marker_x: float,  # type: ignore[no-untyped-def]
                            intervals: list[tuple[float, float]]) -> None:
    """Dates another passage claims, drawn faintly below the baseline and tied to the marker."""
    y = frame.baseline + 14
    faint = QColor(CONFLICT)
    faint.setAlpha(120)
    for x0, x1 in intervals:
        a, b = frame.to_px(x0), frame.to_px(x1)
        mid = (a + b) / 2
        painter.setPen(style.pen(faint, 1.5, Qt.DashLine))
        painter.drawLine(QPointF(a, y), QPointF(b, y))
        painter.setPen(style.pen(faint, 1.0, Qt.DotLine))
        painter.drawLine(QPointF(mid, y), QPointF(marker_x, frame.baseline + 4))
        painter.setPen(style.pen(faint, 1.5))
        painter.setBrush(style.BACKGROUND)
        painter.drawEllipse(QPointF(mid, y), 3.5, 3.5)


def paint_sources_lane(painter: QPainter, frame, marks: list[SourceMark],  # type: ignore[no-untyped-def]
                       highlighted: set[str]) -> dict[str, QPointF]:
    """The band of source documents along the top; returns where each document sits."""
    plot = frame.plot
    band = QRectF(plot.left(), plot.top(), plot.width(), LANE_HEIGHT)
    painter.fillRect(band, QColor("#f6f7fa"))
    painter.fillRect(QRectF(band.left(), band.bottom() - 1, band.width(), 1), style.GRID_MAJOR)
    font = style.label_font(11)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(style.MUTED)
    painter.drawText(QRectF(band.left() + 4, band.bottom() - 15, 80, 14), Qt.AlignLeft, "Sources")
    xs = np.array([frame.to_px(m.x) for m in marks])
    widths = np.array([metrics.horizontalAdvance(m.label) + 8 for m in marks])
    left = xs + 7
    if len(marks) == 0:
        return {}
    lanes = layout.layout_labels(left, left + widths, n_lanes=2, gap=4)
    where: dict[str, QPointF] = {}
    for k, mark in enumerate(marks):
        x, y = float(xs[k]), band.top() + 24.0
        if not plot.left() - 20 <= x <= plot.right() + 20:
            continue
        a, b = frame.to_px(mark.x0), frame.to_px(mark.x1)
        painter.setPen(style.pen(style.AXIS_LINE, 1.0, Qt.DashLine if mark.inferred else Qt.SolidLine))
        if b - a > 6:  # the period the publication date covers, under the labels
            painter.drawLine(QPointF(a, band.bottom() - 3), QPointF(b, band.bottom() - 3))
        glyph = QRectF(math.floor(x) - 4, y - 6, 8, 11)
        strong = mark.source_id in highlighted
        painter.fillRect(glyph, LINK if strong else style.AXIS_LINE)
        if mark.inferred:
            painter.fillRect(glyph.adjusted(1.5, 1.5, -1.5, -1.5), style.BACKGROUND)
        where[mark.source_id] = QPointF(x, glyph.bottom())
        if lanes[k] >= 0:  # lane 0 beside the glyph, lane 1 on the band's top row
            top = band.top() + (16.0 if lanes[k] == 0 else 1.0)
            painter.setPen(style.TEXT if strong else style.MUTED)
            painter.drawText(QRectF(left[k], top, widths[k], 16), Qt.AlignLeft | Qt.AlignVCenter,
                             mark.label)
    return where


def paint_links(painter: QPainter, start: QPointF, ends: list[QPointF]) -> None:
    """Thin lines from the selected event to the documents that support it (reporting delay
    reads as the lines' slant: vertical for same-day reports, long diagonals for hindsight)."""
    painter.setPen(style.pen(LINK, 1.2))
    for end in ends:
        painter.drawLine(start, end)
