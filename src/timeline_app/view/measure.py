"""Qt's font metrics behind the scene's text measures, and Rect <-> QRectF."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Rect
from timeline_app.view import style


class QtMeasure:
    """A `TextMeasure` for one font."""

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)

    def width(self, text: str) -> float:
        return self.metrics.horizontalAdvance(text)

    def elide(self, text: str, width: float) -> str:
        return self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def height(self) -> float:
        return self.metrics.height()


def qt_measures() -> Measures:
    """The measures of the fonts the view paints with."""
    label = QtMeasure(style.label_font())
    axis = QtMeasure(style.label_font(11))
    return Measures(
        label, QtMeasure(style.label_font(bold=True)), QtMeasure(style.label_font(11, bold=True)), axis, axis
    )


def rect_f(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def from_qrect(rect: QRectF) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())
