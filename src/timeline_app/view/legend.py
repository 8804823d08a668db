"""The legend under the timeline: category swatches (click one to hide or show it) and the key
to the marks, with the keys for uncertain, unspecified and open dates only where they occur."""

from __future__ import annotations

from typing import ClassVar

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QLinearGradient, QPainter
from PySide6.QtWidgets import QGraphicsSceneResizeEvent

from timeline_app.scene.arrays import STATUS_ALLEGED, STATUS_DISPUTED, STATUS_GLYPHS, STATUS_REPORTED
from timeline_app.scene.model import SHAPE_DIAMOND, SHAPE_SQUARE
from timeline_app.view import style
from timeline_app.view.markers import draw_marker, draw_status_glyph
from timeline_app.view.overlays import paint_conflict_sign, paint_link_key

STATUS_CODES = {"reported": STATUS_REPORTED, "alleged": STATUS_ALLEGED, "disputed": STATUS_DISPUTED}


class LegendBar(pg.GraphicsWidget):
    """Category swatches with counts (click one to hide or show it) and the marker key."""

    sigCategoryToggled = Signal(str)
    KEY = (
        ("filled", "exact day"),
        ("whisker", "month, season or year"),
        ("hollow", "approximate or inferred"),
        ("size", "size: 1, 2, 3+ sources"),
        ("conflict", "sources disagree"),
        ("bar", "span"),
        ("badge", "more events: click"),
    )
    # An exported picture cannot be clicked: its key says what a badge is, not what it does.
    EXPORT_KEY: ClassVar[dict[str, str]] = {"badge": "more events, not labelled"}
    # Shown only when the timeline has such dates, statuses or links (an export: when the
    # events it shows have them).
    OPTIONAL_KEY = (
        ("uncertain", "uncertain date (?)"),
        ("unspecified", "unspecified digits (X)"),
        ("open", "open or unknown end"),
        ("planned", "planned or expected (outline)"),
        ("reported", "reported"),
        ("alleged", "alleged"),
        ("disputed", "disputed"),
        ("link", "link (dashed: inferred)"),
    )
    STATUS_KEYS = ("planned", "reported", "alleged", "disputed")
    # With sources that derive from others, a marker's size counts the independent ones.
    INDEPENDENT_SIZE = "size: 1, 2, 3+ independent sources"

    def __init__(self) -> None:
        super().__init__()
        self._font = style.label_font(11)
        self._metrics = QFontMetricsF(self._font)
        self.categories: tuple[str, ...] = ()
        self.counts: list[int] = []
        self.hidden: set[str] = set()
        self._boxes: list[tuple[QRectF, str]] = []
        self._rows = 1
        self.optional: set[str] = set()  # which OPTIONAL_KEY entries this timeline needs
        self.for_export = False  # no interactive hints ("click") in a printed picture
        self.setMinimumHeight(self._row_height() + 8)

    def _row_height(self) -> float:
        return self._metrics.height() + 8

    def set_categories(
        self, categories: tuple[str, ...], counts: list[int], optional: set[str] | None = None
    ) -> None:
        self.categories, self.counts = categories, counts
        self.optional = optional or set()
        self._relayout()

    def set_optional(self, optional: set[str]) -> None:
        """Which OPTIONAL_KEY entries to show (and "independent" for the size key's words)."""
        if optional != self.optional:
            self.optional = set(optional)
            self._relayout()

    def set_for_export(self, for_export: bool) -> None:
        self.for_export = for_export
        self._relayout()

    def set_hidden(self, hidden: set[str]) -> None:
        self.hidden = set(hidden)
        self.update()

    def resizeEvent(self, ev: QGraphicsSceneResizeEvent) -> None:
        super().resizeEvent(ev)
        self._relayout()

    def _items(self) -> list[tuple[str, str, str]]:
        items = [("category", c, f"{c} ({n})") for c, n in zip(self.categories, self.counts, strict=True)]
        export = self.EXPORT_KEY if self.for_export else {}
        words = (
            dict(self.KEY, size=self.INDEPENDENT_SIZE) if "independent" in self.optional else dict(self.KEY)
        )
        items += [("key", kind, export.get(kind, text)) for kind, text in words.items()]
        items += [("key", kind, text) for kind, text in self.OPTIONAL_KEY if kind in self.optional]
        return items

    def _relayout(self) -> None:
        width = max(200.0, self.size().width() - 24)
        x, rows = 0.0, 1
        self._positions = []
        for kind, key, text in self._items():
            w = (30 if key == "size" else 22) + self._metrics.horizontalAdvance(text) + 14
            if x + w > width and x > 0:
                x, rows = 0.0, rows + 1
            self._positions.append((x, rows - 1, w, kind, key, text))
            x += w
        if rows != self._rows:
            self._rows = rows
        height = rows * self._row_height() + 8
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.update()

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        self._boxes = []
        rh = self._row_height()
        for x, row, w, kind, key, text in getattr(self, "_positions", []):
            left, top = 12 + x, 4 + row * rh
            cy = top + rh / 2
            if kind == "category":
                index = self.categories.index(key)
                color = style.category_color(index)
                hidden = key in self.hidden
                if hidden:
                    color.setAlpha(60)
                painter.setPen(style.pen(color, style.MARKER, cap=Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(left + 8, cy))
                painter.setPen(style.MUTED if hidden else style.TEXT)
                self._boxes.append((QRectF(left, top, w, rh), key))
            else:
                self._paint_key(painter, key, left + 8, cy)
                painter.setPen(style.MUTED)
            painter.setFont(self._font)  # a key glyph may have changed it
            offset = 28 if key == "size" else 20
            painter.drawText(
                QRectF(left + offset, top, w - offset, rh),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )

    def _paint_key(self, painter: QPainter, kind: str, x: float, y: float) -> None:
        grey = QColor("#555555")
        if kind in ("filled", "hollow", "whisker"):
            if kind == "whisker":
                painter.setPen(style.pen(grey, 2.0))
                painter.drawLine(QPointF(x - 8, y), QPointF(x + 8, y))
            painter.setPen(style.pen(grey, style.MARKER, cap=Qt.PenCapStyle.RoundCap))
            painter.drawPoint(QPointF(x, y))
            if kind == "hollow":
                painter.setPen(style.pen(style.BACKGROUND, style.MARKER - 4, cap=Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(x, y))
        elif kind == "bar":
            painter.fillRect(QRectF(x - 8, y - 2, 16, 4), grey)
        elif kind == "size":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(grey)
            for dx, sources in ((-7, 1), (0, 2), (9, 3)):
                r = style.marker_diameter(sources) / 2 * 0.75
                painter.drawEllipse(QPointF(x + dx, y), r, r)
        elif kind in ("uncertain", "unspecified"):
            shape = SHAPE_DIAMOND if kind == "uncertain" else SHAPE_SQUARE
            draw_marker(painter, QPointF(x, y), grey, False, 1, shape)
        elif kind == "planned":
            draw_marker(painter, QPointF(x, y), grey, False, 1, outlined=True)
        elif kind in self.STATUS_KEYS:
            draw_status_glyph(painter, QPointF(x, y), STATUS_GLYPHS[STATUS_CODES[kind]])
        elif kind == "link":
            paint_link_key(painter, x, y)
        elif kind == "open":
            fade = QLinearGradient(QPointF(x - 2, y), QPointF(x + 10, y))
            fade.setColorAt(0.0, grey)
            fade.setColorAt(1.0, QColor(85, 85, 85, 0))
            painter.fillRect(QRectF(x - 10, y - 2, 8, 4), grey)
            painter.fillRect(QRectF(x - 2, y - 2, 12, 4), QBrush(fade))
        elif kind == "conflict":
            paint_conflict_sign(painter, x - 7, y + 8)
        else:
            painter.setPen(style.pen(style.BASELINE, 1.0))
            painter.setBrush(style.BADGE_FILL)
            painter.drawRoundedRect(QRectF(x - 8, y - 6, 16, 12), 6, 6)

    def category_at(self, pos: QPointF) -> str | None:
        for rect, key in self._boxes:
            if rect.contains(pos):
                return key
        return None

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        key = self.category_at(ev.pos())
        if key is not None and ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.sigCategoryToggled.emit(key)
