"""The one path that paints a timeline into an image, for the window's export and print, the CLI
and the benchmark: an offscreen canvas (the window's own class) laid out at the size asked for,
painted into a PNG, an SVG, a vector PDF or a printer page.

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
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QImageWriter, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from timeline_app import APP_NAME, __version__
from timeline_app.model.safe_io import SafeIOError, write_atomic
from timeline_app.model.terminal import safe_text
from timeline_app.presentation.view_state import ViewState
from timeline_app.view.application import ensure_app
from timeline_app.view.canvas import TimelineCanvas
from timeline_app.view.export_text import cited_lines, filter_note, ranged_title, shown_in_range


@dataclass(frozen=True)
class Preset:
    """A picture size for a purpose. `font_scale` draws the timeline on a canvas that many times
    smaller and scales it up, so that text keeps a legible size in the pixels of the picture."""

    name: str
    width: int
    height: int
    font_scale: float
    description: str

    def label(self) -> str:
        return f"{self.description} ({self.width}x{self.height})"


PRESETS = {
    p.name: p
    for p in (
        Preset("report", 1600, 1000, 1.25, "Report page"),
        Preset("slide", 1920, 1080, 1.5, "16:9 slide"),
        Preset("square", 1080, 1080, 1.25, "Square"),
        Preset("column", 640, 720, 1.0, "Column width"),  # 640x400 left the plot no room under the list
    )
}


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


def prepare_export(
    canvas: TimelineCanvas,
    state: ViewState,
    x_range: tuple[float, float] | None = None,
    title: str | None = None,
) -> None:
    """Make a laid-out canvas a picture for print: the title names the range shown, a note says
    which filters hide events, the source list holds only what the events shown cite, and the
    legend drops its interactive hints."""
    if x_range is not None:
        canvas.set_x_range(*x_range)
    canvas.set_export_text(
        title or ranged_title(state.timeline.title, x_range, state.era),
        filter_note(state, x_range),
        cited_lines(state, x_range) if state.citations else [],
    )
    canvas.limit_legend_to(shown_in_range(state, x_range))
    canvas.settle_layout()  # the bars' new heights move the plot
    if x_range is not None:
        canvas.set_x_range(*x_range)
    else:
        canvas.fit_all()


@contextmanager
def export_canvas(
    state: ViewState,
    width: int,
    height: int,
    *,
    font_scale: float = 1.0,
    x_range: tuple[float, float] | None = None,
    title: str | None = None,
) -> Iterator[TimelineCanvas]:
    """A canvas prepared for a `width` x `height` picture: laid out `font_scale` times smaller."""
    canvas = make_canvas(state, max(16, round(width / font_scale)), max(16, round(height / font_scale)))
    try:
        prepare_export(canvas, state, x_range, title)
        yield canvas
    finally:
        canvas.release_state()
        canvas.close()
        canvas.deleteLater()


def render_into(canvas: TimelineCanvas, painter: QPainter, target: QRectF) -> None:
    """Paint a laid-out canvas into `target` of any paint device (image, SVG, PDF, printer)."""
    width, height = canvas.width(), canvas.height()
    canvas.item.render_scale = target.width() / width  # device pixels per canvas pixel
    try:
        canvas.render(painter, target, QRect(0, 0, width, height), Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:
        canvas.item.render_scale = 1.0


def paint_canvas(canvas: TimelineCanvas, scale: float = 1.0, size: QSize | None = None) -> QImage:
    """Paint a laid-out canvas into a new QImage `scale` times its size (or of `size`)."""
    if size is None:
        size = QSize(round(canvas.width() * scale), round(canvas.height() * scale))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        render_into(canvas, painter, QRectF(0, 0, image.width(), image.height()))
    finally:
        painter.end()
    return image


def render_image(
    state: ViewState,
    width: int,
    height: int,
    *,
    scale: float = 1.0,
    font_scale: float = 1.0,
    x_range: tuple[float, float] | None = None,
    title: str | None = None,
) -> QImage:
    """A QImage of the timeline as an export draws it: `width` x `height` logical pixels,
    `scale` times over."""
    with export_canvas(state, width, height, font_scale=font_scale, x_range=x_range, title=title) as canvas:
        return paint_canvas(canvas, size=QSize(round(width * scale), round(height * scale)))


class ExportError(Exception):
    """An image that could not be written; the message says why."""


FORMATS = {".png": "PNG", ".svg": "SVG", ".pdf": "PDF"}
MAX_PIXELS = 200_000_000
PDF_DPI = 96  # a picture's pixel is a PDF's 1/96 inch, as on a screen: 1600 px is 16.7 inches


def export_image(
    state: ViewState,
    path: str | os.PathLike[str],
    width: int,
    height: int,
    *,
    scale: float = 1.0,
    font_scale: float = 1.0,
    x_range: tuple[float, float] | None = None,
    title: str | None = None,
    source_file: str | None = None,
) -> None:
    """Write the timeline as PNG, SVG or PDF (by extension), whole or not at all."""
    target = os.fspath(path)
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in FORMATS:
        raise ExportError(f"{target}: unknown image type {suffix or '(none)'}; use .png, .svg or .pdf")
    if not (16 <= width <= 20_000 and 16 <= height <= 20_000):
        raise ExportError(f"size {width}x{height} is outside 16-20000 pixels a side")
    if not 0.25 <= scale <= 8 or width * height * scale * scale > MAX_PIXELS:
        raise ExportError(
            f"scale {scale} gives too large an image; use at most {MAX_PIXELS // 1_000_000} million pixels"
        )
    if not 0.5 <= font_scale <= 4:
        raise ExportError(f"font scale {font_scale} is outside 0.5-4")
    with export_canvas(state, width, height, font_scale=font_scale, x_range=x_range, title=title) as canvas:
        name = canvas.title_bar.text()
        with _paint_failures() as failures:
            if suffix == ".png":
                payload = _png_bytes(
                    canvas, QSize(round(width * scale), round(height * scale)), name, source_file
                )
            elif suffix == ".svg":
                payload = _svg_bytes(canvas, width, height, name)
            else:
                payload = _pdf_bytes(canvas, width, height, name)
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


def _png_bytes(canvas: TimelineCanvas, size: QSize, title: str, source_file: str | None) -> bytes:
    image = paint_canvas(canvas, size=size)
    if image.isNull():
        raise ExportError(
            f"not enough memory for a {size.width()}x{size.height()} image; use a smaller size or scale"
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


def _svg_bytes(canvas: TimelineCanvas, width: int, height: int, title: str) -> bytes:
    """SVG through QSvgGenerator (pyqtgraph's own SVG exporter fails on 0.14)."""
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
    render_into(canvas, painter, QRectF(0, 0, width, height))
    painter.end()
    buffer.close()
    return xml_safe(bytes(data.data()))


def _pdf_bytes(canvas: TimelineCanvas, width: int, height: int, title: str) -> bytes:
    """A vector PDF of one page the picture's size: text stays text (selectable, searchable),
    lines stay lines; drawn by the same canvas render as PNG and SVG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    points = QSizeF(width * 72 / PDF_DPI, height * 72 / PDF_DPI)
    writer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    painter = QPainter(writer)
    if not painter.isActive():
        raise ExportError("the PDF writer could not start; nothing was written")
    page = QRectF(0, 0, writer.width(), writer.height())
    painter.fillRect(page, Qt.GlobalColor.white)
    render_into(canvas, painter, page)
    painter.end()
    buffer.close()
    return bytes(data.data())


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
