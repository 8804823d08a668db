"""The one path that paints a timeline into an image, for the window's export, the CLI and the
benchmark: an offscreen canvas (the window's own class) laid out at the size asked for.

An export is whole or not at all: the image is encoded in memory (each step checked), then
written by the one writer, `model.safe_io.write_atomic`, which checks every write, refuses a
FIFO or a device as target and leaves the old file untouched when anything fails. An SVG holds
the data's text as given, so characters that XML 1.0 forbids are replaced on the way out.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from timeline_app import APP_NAME, __version__
from timeline_app.model.safe_io import SafeIOError, write_atomic
from timeline_app.model.terminal import safe_text
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
        with _paint_failures() as failures:
            if suffix == ".png":
                payload = _png_bytes(canvas, scale, title or state.timeline.title, source_file)
            else:
                payload = _svg_bytes(canvas, title or state.timeline.title)
    finally:
        canvas.close()
        canvas.deleteLater()
    if failures.seen:
        raise ExportError(
            f"cannot write {target}: {failures.seen[0]}; nothing was written (a picture without "
            "the timeline would be false). Please report this with the data file."
        )
    if not payload:
        raise ExportError(f"cannot write {target}: the image came out empty; nothing was written")
    try:
        write_atomic(target, payload)
    except SafeIOError as exc:
        raise ExportError(str(exc)) from None


class _PaintFailures(logging.Handler):
    """What the view logs while an export paints. The timeline item catches an exception in
    paint() so that the window survives it; the picture left behind is blank where the timeline
    should be (all events in year 1 or 9999 once did this), and an export must not save it."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {exc})"
        self.seen.append(text)


@contextmanager
def _paint_failures() -> Iterator[_PaintFailures]:
    handler = _PaintFailures()
    logger = logging.getLogger("timeline_app.view")  # the painting items log under it
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _png_bytes(canvas: TimelineCanvas, scale: float, title: str, source_file: str | None) -> bytes:
    image = paint_canvas(canvas, scale)
    if image.isNull():
        raise ExportError(
            f"not enough memory for a {round(canvas.width() * scale)}x{round(canvas.height() * scale)} "
            "image; use a smaller size or scale"
        )
    _png_metadata(image, title, source_file)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # What QImage.save(buffer, "PNG") does; its stub wants bytes where PySide6 6.11 takes str.
    writer = QImageWriter(buffer, b"PNG")
    if not writer.write(image):
        raise ExportError(f"the PNG encoder failed: {writer.errorString()}; nothing was written")
    buffer.close()
    return bytes(data.data())


def _png_metadata(image: QImage, title: str, source_file: str | None) -> None:
    """Text chunks that tools such as exiftool print to a terminal: escaped like our own output."""
    image.setText("Title", safe_text(title))
    image.setText("Software", f"{APP_NAME} {__version__}")
    if source_file:
        image.setText("Source", safe_text(source_file))


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
    if not painter.isActive():
        raise ExportError("the SVG generator could not start; nothing was written")
    painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    canvas.render(painter, QRectF(0, 0, width, height), QRect(0, 0, width, height))
    painter.end()
    buffer.close()
    return xml_safe(bytes(data.data()))


# What XML 1.0 forbids (everything but TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and the
# planes above), raw or as a numeric character reference.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_REF = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")


def xml_safe(svg: bytes) -> bytes:
    """The SVG with each character XML 1.0 forbids replaced by U+FFFD.

    QSvgGenerator writes text as it is given: an ESC, BEL or NUL in a title made the whole
    document fail to parse ("not well-formed (invalid token)"). Replacing them here, at the one
    place SVG leaves this program, covers every text the canvas draws (labels, titles, legend,
    citations) and the document's <title>; U+FFFD shows that something was there.
    """
    text = svg.decode("utf-8", errors="surrogateescape")  # stray bytes become (forbidden) surrogates
    text = _NOT_XML.sub("\ufffd", text)

    def reference(match: re.Match[str]) -> str:
        hex_digits, digits = match.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        allowed = code < 0x110000 and not _NOT_XML.match(chr(code))
        return match.group() if allowed else "&#xFFFD;"

    return _CHAR_REF.sub(reference, text).encode("utf-8")
