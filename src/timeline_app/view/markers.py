"""Event markers: size by corroboration, hollow when uncertain, drawn in bulk from sprites."""

from __future__ import annotations

import math

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmap, QPolygonF

from timeline_app.scene.model import SHAPE_CIRCLE, SHAPE_DIAMOND, SHAPE_SQUARE
from timeline_app.view import style


class MarkerPainter:
    """Draws many markers per call: each (colour, style, source count, scale) is rendered once
    into a sprite and blitted with drawPixmapFragments; SVG output gets vector ellipses."""

    def __init__(self) -> None:
        self._sprites: dict[tuple[int, bool, int, float, int], QPixmap] = {}
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)

    def sprite(self, color: QColor, hollow: bool, sources: int, scale: float, shape: int = 0) -> QPixmap:
        key = (color.rgba(), hollow, sources, scale, shape)
        sprite = self._sprites.get(key)
        if sprite is None:
            size = math.ceil((style.MAX_MARKER + 2) * scale)
            sprite = QPixmap(size, size)
            sprite.fill(Qt.GlobalColor.transparent)
            p = QPainter(sprite)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.scale(scale, scale)
            draw_marker(p, QPointF(size / scale / 2, size / scale / 2), color, hollow, sources, shape)
            p.end()
            self._sprites[key] = sprite
        return sprite

    def blit(
        self,
        painter: QPainter,
        xs: np.ndarray,
        y: float,
        color: QColor,
        hollow: bool,
        sources: int,
        scale: float,
        shape: int = 0,
    ) -> None:
        sprite = self.sprite(color, hollow, sources, scale, shape)
        self._fragments.resize(len(xs))
        frags = self._fragments.ndarray()
        frags[:, 0] = xs
        frags[:, 1] = y
        frags[:, 2:6] = (0, 0, sprite.width(), sprite.height())
        frags[:, 6:10] = (1 / scale, 1 / scale, 0.0, 1.0)
        fragments, count = self._fragments.drawargs()  # on PySide: the first fragment and the count
        painter.drawPixmapFragments(fragments, count, sprite)

    @staticmethod
    def vector(
        painter: QPainter, xs: np.ndarray, y: float, color: QColor, hollow: bool, sources: int, shape: int = 0
    ) -> None:
        for x in xs.tolist():
            draw_marker(painter, QPointF(x, y), color, hollow, sources, shape)


def _outline(centre: QPointF, radius: float, shape: int) -> QPainterPath:
    """A circle (as stated), a diamond (uncertain) or a square (unspecified digits)."""
    path = QPainterPath()
    x, y = centre.x(), centre.y()
    if shape == SHAPE_DIAMOND:
        r = radius * 1.25  # the same area as the circle, near enough
        path.addPolygon(
            QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])
        )
        path.closeSubpath()
    elif shape == SHAPE_SQUARE:
        r = radius * 0.9
        path.addRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    else:
        path.addEllipse(centre, radius, radius)
    return path


def draw_marker(
    p: QPainter, centre: QPointF, color: QColor, hollow: bool, sources: int, shape: int = SHAPE_CIRCLE
) -> None:
    """Size tells how many sources support the event (two or more are counted inside); the
    shape how well its date is known; hollow, that the date is approximate or inferred."""
    radius = style.marker_diameter(sources) / 2
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawPath(_outline(centre, radius, shape))
    if hollow:
        p.setBrush(style.BACKGROUND)
        p.drawPath(_outline(centre, radius - 2, shape))
    if sources >= 2:
        p.setFont(style.label_font(9, bold=True))
        p.setPen(color if hollow else style.BACKGROUND)
        text = str(sources) if sources < 10 else "+"
        p.drawText(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )
