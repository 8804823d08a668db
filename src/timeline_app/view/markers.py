"""Event markers: size by corroboration, hollow when uncertain, a dashed outline when planned or
expected, drawn in bulk from sprites; the small glyph beside a reported, alleged or disputed one; the
whisker under a coarse date."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph.functions as fn
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmap, QPolygonF

from timeline_app.scene.model import SHAPE_CIRCLE, SHAPE_DIAMOND, SHAPE_SQUARE, Scene
from timeline_app.view import style

OUTLINE_WIDTH = 1.6  # px: the dashed outline of a planned or expected event
OUTLINE_DASHES = [1.8, 1.2]  # in pen widths: at least three dashes round the smallest marker
GLYPH_SIZE = {"\u201c": 20, "*": 17, "\u2260": 14}  # px: each glyph's font, for one visual size
GLYPH_RADIUS = 6.0  # px: half the room a glyph takes
GLYPH_OFFSET = (-8.0, -8.0)  # px from a marker's centre: its upper left (the "!" sits upper right)


class MarkerPainter:
    """Draws many markers per call: each (colour, style, source count, scale) is rendered once
    into a sprite and blitted with drawPixmapFragments; SVG output gets vector ellipses."""

    def __init__(self) -> None:
        self._sprites: dict[tuple[int, int, bool, int, float, int, bool], QPixmap] = {}
        self._glyphs: dict[tuple[str, int, int, float], QPixmap] = {}
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)

    def sprite(
        self, color: QColor, hollow: bool, sources: int, scale: float, shape: int = 0, outlined: bool = False
    ) -> QPixmap:
        # the background is in the key: a hollow or outlined marker is filled with it, and a
        # change of theme must not leave the old one inside
        key = (color.rgba(), style.BACKGROUND.rgba(), hollow, sources, scale, shape, outlined)
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = _render_sprite(
                style.MAX_MARKER + 2,
                scale,
                lambda p, centre: draw_marker(p, centre, color, hollow, sources, shape, outlined),
            )
            self._sprites[key] = sprite
        return sprite

    def glyph_sprite(self, text: str, scale: float) -> QPixmap:
        """A status glyph on a small disc of the background, in the text colour."""
        key = (text, style.TEXT.rgba(), style.BACKGROUND.rgba(), scale)
        sprite = self._glyphs.get(key)
        if sprite is None:
            sprite = _render_sprite(
                2 * (GLYPH_RADIUS + 1), scale, lambda p, centre: draw_status_glyph(p, centre, text)
            )
            self._glyphs[key] = sprite
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
        outlined: bool = False,
    ) -> None:
        self.blit_sprite(painter, self.sprite(color, hollow, sources, scale, shape, outlined), xs, y, scale)

    def blit_sprite(self, painter: QPainter, sprite: QPixmap, xs: np.ndarray, y: float, scale: float) -> None:
        """`sprite` centred at each of `xs` on the row `y`, in one call."""
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
        painter: QPainter,
        xs: np.ndarray,
        y: float,
        color: QColor,
        hollow: bool,
        sources: int,
        shape: int = 0,
        outlined: bool = False,
    ) -> None:
        for x in xs.tolist():
            draw_marker(painter, QPointF(x, y), color, hollow, sources, shape, outlined)


def _render_sprite(extent: float, scale: float, draw: Callable[[QPainter, QPointF], None]) -> QPixmap:
    """A transparent square `extent` logical px wide at `scale`, with `draw` at its centre."""
    size = math.ceil(extent * scale)
    sprite = QPixmap(size, size)
    sprite.fill(Qt.GlobalColor.transparent)
    p = QPainter(sprite)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.scale(scale, scale)
    draw(p, QPointF(size / scale / 2, size / scale / 2))
    p.end()
    return sprite


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
    p: QPainter,
    centre: QPointF,
    color: QColor,
    hollow: bool,
    sources: int,
    shape: int = SHAPE_CIRCLE,
    outlined: bool = False,
) -> None:
    """Size tells how many independent sources support the event (two or more are counted
    inside); the shape how well its date is known; hollow, that the date is approximate or
    inferred; a dashed outline, that it is planned or expected rather than a fact."""
    radius = style.marker_diameter(sources) / 2
    if outlined:
        dashed = style.pen(color, OUTLINE_WIDTH)
        dashed.setDashPattern(OUTLINE_DASHES)
        p.setPen(dashed)
        p.setBrush(style.BACKGROUND)
        p.drawPath(_outline(centre, radius - OUTLINE_WIDTH / 2, shape))
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawPath(_outline(centre, radius, shape))
    if hollow and not outlined:
        p.setBrush(style.BACKGROUND)
        p.drawPath(_outline(centre, radius - 2, shape))
    if sources >= 2:
        p.setFont(style.label_font(9, bold=True))
        p.setPen(color if hollow or outlined else style.BACKGROUND)
        text = str(sources) if sources < 10 else "+"
        p.drawText(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )


def draw_status_glyph(p: QPainter, centre: QPointF, text: str) -> None:
    """A reported, alleged or disputed event's glyph: in the text colour with a halo of the
    background, so that it reads over gridlines, arcs and markers, in either theme."""
    path = QPainterPath()
    path.addText(0, 0, style.label_font(GLYPH_SIZE.get(text, 14), bold=True), text)
    box = path.boundingRect()
    path.translate(centre.x() - box.center().x(), centre.y() - box.center().y())
    p.strokePath(path, style.pen(style.BACKGROUND, 3.0, cap=Qt.PenCapStyle.RoundCap))
    p.fillPath(path, style.TEXT)


def paint_whiskers(painter: QPainter, scene: Scene, colors: list[QColor]) -> None:
    """A coarse date spans its whole interval: a whisker with end ticks under the marker."""
    m = scene.markers
    wide = m.whisker
    y = scene.baseline
    for cat in np.unique(m.category[wide]).tolist() if wide.any() else ():
        for uncertain in (False, True):
            sel = wide & (m.category == cat) & (m.hollow == uncertain)
            if not sel.any():
                continue
            color = QColor(colors[cat])
            color.setAlpha(170)
            painter.setPen(
                style.pen(color, 2.0, Qt.PenStyle.DashLine if uncertain else Qt.PenStyle.SolidLine)
            )
            a, b = m.x0[sel], m.x1[sel]
            xs = np.column_stack([a, b, a, a, b, b]).ravel()
            ys = np.tile([y, y, y - 3, y + 3, y - 3, y + 3], len(a))
            painter.drawPath(fn.arrayToQPath(xs, ys, connect="pairs"))
