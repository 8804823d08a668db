"""Event markers: size by corroboration, hollow when uncertain, drawn in bulk from sprites."""

from __future__ import annotations

import math

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from timeline_app.view import style


class MarkerPainter:
    """Draws many markers per call: each (colour, style, source count, scale) is rendered once
    into a sprite and blitted with drawPixmapFragments; SVG output gets vector ellipses."""

    def __init__(self) -> None:
        self._sprites: dict[tuple[int, bool, int, float], QPixmap] = {}
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)

    def sprite(self, color: QColor, hollow: bool, sources: int, scale: float) -> QPixmap:
        key = (color.rgba(), hollow, sources, scale)
        sprite = self._sprites.get(key)
        if sprite is None:
            size = math.ceil((style.MAX_MARKER + 2) * scale)
            sprite = QPixmap(size, size)
            sprite.fill(Qt.GlobalColor.transparent)
            p = QPainter(sprite)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.scale(scale, scale)
            draw_marker(p, QPointF(size / scale / 2, size / scale / 2), color, hollow, sources)
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
    ) -> None:
        sprite = self.sprite(color, hollow, sources, scale)
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
        painter: QPainter, xs: np.ndarray, y: float, color: QColor, hollow: bool, sources: int
    ) -> None:
        for x in xs.tolist():
            draw_marker(painter, QPointF(x, y), color, hollow, sources)


def draw_marker(p: QPainter, centre: QPointF, color: QColor, hollow: bool, sources: int) -> None:
    """Size tells how many sources support the event; two or more are counted inside."""
    radius = style.marker_diameter(sources) / 2
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawEllipse(centre, radius, radius)
    if hollow:
        p.setBrush(style.BACKGROUND)
        p.drawEllipse(centre, radius - 2, radius - 2)
    if sources >= 2:
        p.setFont(style.label_font(9, bold=True))
        p.setPen(color if hollow else style.BACKGROUND)
        text = str(sources) if sources < 10 else "+"
        p.drawText(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )
