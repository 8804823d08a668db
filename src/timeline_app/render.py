"""The one path that paints a timeline into an image, for the window's export, the CLI and the
benchmark: an offscreen canvas (the window's own class) laid out at the size asked for."""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSaveFile, QSize, Qt
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from timeline_app import APP_NAME, __version__
from timeline_app.presentation.view_state import ViewState
from timeline_app.view.application import ensure_app
from timeline_app.view.canvas import TimelineCanvas


def make_canvas(state: ViewState, width: int, height: int, title: str | None = None) -> TimelineCanvas:
    """An offscreen canvas laid out at `width` x `height`, showing the whole timeline."""
    ensure_app()
    canvas = TimelineCanvas()
    canvas.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    canvas.resize(width, height)
    canvas.set_state(state, title)
    canvas.show()  # a never-shown widget lays out at the wrong size
    QApplication.processEvents()
    canvas.fit_all()
    return canvas


def paint_canvas(canvas: TimelineCanvas, scale: float = 1.0) -> QImage:
    """Paint a laid-out canvas into a new QImage `scale` times its size."""
    width, height = canvas.width(), canvas.height()
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    canvas.item.render_scale = scale
    try:
        canvas.render(
            painter,
            QRectF(0, 0, image.width(), image.height()),
            QRect(0, 0, width, height),
            Qt.AspectRatioMode.IgnoreAspectRatio,
        )
    finally:
        canvas.item.render_scale = 1.0
        painter.end()
    return image


def render_image(
    state: ViewState,
    width: int,
    height: int,
    *,
    scale: float = 1.0,
    x_range: tuple[float, float] | None = None,
    title: str | None = None,
) -> QImage:
    """A QImage of the timeline at `width` x `height` logical pixels, `scale` times over."""
    canvas = make_canvas(state, width, height, title)
    try:
        if x_range is not None:
            canvas.set_x_range(*x_range)
        return paint_canvas(canvas, scale)
    finally:
        canvas.close()
        canvas.deleteLater()


class ExportError(Exception):
    """An image that could not be written; the message says why."""


FORMATS = {".png": "PNG", ".svg": "SVG"}
MAX_PIXELS = 200_000_000


def export_image(
    state: ViewState,
    path: str | os.PathLike[str],
    width: int,
    height: int,
    *,
    scale: float = 1.0,
    x_range: tuple[float, float] | None = None,
    title: str | None = None,
    source_file: str | None = None,
) -> None:
    """Write the timeline as PNG or SVG (by extension), whole or not at all."""
    target = os.fspath(path)
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in FORMATS:
        raise ExportError(f"{target}: unknown image type {suffix or '(none)'}; use .png or .svg")
    if not (16 <= width <= 20_000 and 16 <= height <= 20_000):
        raise ExportError(f"size {width}x{height} is outside 16-20000 pixels a side")
    if not 0.25 <= scale <= 8 or width * height * scale * scale > MAX_PIXELS:
        raise ExportError(
            f"scale {scale} gives too large an image; use at most {MAX_PIXELS // 1_000_000} million pixels"
        )
    canvas = make_canvas(state, width, height, title)
    try:
        if x_range is not None:
            canvas.set_x_range(*x_range)
        if suffix == ".png":
            image = paint_canvas(canvas, scale)
            _png_metadata(image, title or state.timeline.title, source_file)
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            # What QImage.save(buffer, "PNG") does; its stub wants bytes where PySide6 6.11 takes str.
            QImageWriter(buffer, b"PNG").write(image)
            buffer.close()
            payload = bytes(data.data())
        else:
            payload = _svg_bytes(canvas, title or state.timeline.title)
    finally:
        canvas.close()
        canvas.deleteLater()
    out = QSaveFile(target)
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ExportError(f"cannot write {target}: {out.errorString()}")
    out.write(payload)
    if not out.commit():
        raise ExportError(f"cannot write {target}: {out.errorString()}")


def _png_metadata(image: QImage, title: str, source_file: str | None) -> None:
    image.setText("Title", title)
    image.setText("Software", f"{APP_NAME} {__version__}")
    if source_file:
        image.setText("Source", source_file)


def _svg_bytes(canvas: TimelineCanvas, title: str) -> bytes:
    """SVG through QSvgGenerator (pyqtgraph's own SVG exporter fails on 0.14)."""
    width, height = canvas.width(), canvas.height()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(title)
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    canvas.render(painter, QRectF(0, 0, width, height), QRect(0, 0, width, height))
    painter.end()
    buffer.close()
    return bytes(data.data())
