"""Evidence drawn over the timeline: conflicting dates, the lane of source documents, the status
glyphs and the selected event's links."""

from __future__ import annotations

import numpy as np
import pyqtgraph.functions as fn
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from timeline_app.scene.arrays import STATUS_GLYPHS
from timeline_app.scene.model import Arc, Conflict, Scene, SourcesLane
from timeline_app.view import style
from timeline_app.view.markers import (
    GLYPH_OFFSET,
    GLYPH_RADIUS,
    MarkerPainter,
    draw_status_glyph,
)
from timeline_app.view.measure import rect_f


def outline_pen(color: QColor, width: float) -> QPen:
    """The dashed line of a planned or expected event's outline."""
    pen = style.pen(color, width)
    pen.setDashPattern([3.0, 2.0])
    return pen


def paint_status_glyphs(
    painter: QPainter, markers: MarkerPainter, scene: Scene, scale: float, vector: bool
) -> None:
    """The glyph of each reported, alleged or disputed event: at a marker's upper left, before a
    span's bar; one sprite blit per glyph (vector text in SVG)."""
    m, bars = scene.markers, scene.spans
    rows = (
        (m.x + GLYPH_OFFSET[0], scene.baseline + GLYPH_OFFSET[1], m.status),
        (bars.left - GLYPH_RADIUS - 1, (bars.top + bars.bottom) / 2, bars.status),
    )
    for xs, y, status in rows:
        xs = np.maximum(xs, scene.plot.x + GLYPH_RADIUS)
        for code, text in STATUS_GLYPHS.items():
            sel = status == code
            if not sel.any():
                continue
            if vector:
                for x in xs[sel].tolist():
                    draw_status_glyph(painter, QPointF(x, y), text)
            else:
                markers.blit_sprite(painter, markers.glyph_sprite(text, scale), xs[sel], y, scale)


ARC_WIDTH = 1.0  # px: Qt strokes 1-px antialiased lines on a fast path (32 long arcs: 0.4-0.7 ms
# at 1 px, 7.5 ms solid and 13 ms dashed at 1.6 px)


def arc_color() -> QColor:
    """The arcs' colour: the selection's, an opaque step towards the background (a translucent
    pen doubled the cost of stroking)."""
    return style.mix(style.SELECTION, style.BACKGROUND, 0.1)


def paint_arcs(painter: QPainter, arcs: list[Arc]) -> None:
    """The selected event's links: each curve one polyline (dashed for the editor's inferences),
    then every arrowhead in one fill, then each link's label on a tab.

    One polyline per arc with flat caps: 32 long arcs took 5-12 ms; the same curves as one
    QPainterPath took 46 ms, and with round caps 250 ms (500 ms dashed)."""
    if not arcs:
        return
    color = arc_color()
    solid = style.pen(color, ARC_WIDTH)
    dashed = style.pen(color, ARC_WIDTH)
    dashed.setDashPattern([4.0, 3.0])
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for arc in arcs:
        painter.setPen(dashed if arc.inferred else solid)
        line = fn.create_qpolygonf(len(arc.xs))
        coords = fn.ndarray_from_qpolygonf(line)
        coords[:, 0], coords[:, 1] = arc.xs, arc.ys
        painter.drawPolyline(line)
    heads = QPainterPath()
    for arc in arcs:
        h = arc.head
        heads.addPolygon(QPolygonF([QPointF(h[0], h[1]), QPointF(h[2], h[3]), QPointF(h[4], h[5])]))
        heads.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(heads)
    painter.setFont(style.label_font(11))
    for arc in arcs:
        rect = rect_f(arc.label_rect)
        painter.setPen(style.pen(color, 1.0))
        painter.setBrush(style.BACKGROUND)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setPen(style.TEXT)
        painter.drawText(
            rect.adjusted(4, 0, -3, 0),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine,
            arc.text,
        )


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


def paint_link_key(painter: QPainter, x: float, y: float) -> None:
    """The legend's sample of a link: a small arc with its arrowhead."""
    color = arc_color()
    path = QPainterPath(QPointF(x - 9, y + 5))
    path.cubicTo(QPointF(x - 9, y - 6), QPointF(x + 7, y - 6), QPointF(x + 7, y + 2))
    painter.setPen(style.pen(color, ARC_WIDTH))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([QPointF(x + 7, y + 6), QPointF(x + 4, y + 1), QPointF(x + 10, y + 1)]))
