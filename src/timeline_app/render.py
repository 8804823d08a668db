"""The one function that paints a timeline into an image, for the window, exports and the CLI."""

from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from timeline_app.layout import EventArrays, build_arrays
from timeline_app.model.events import Timeline


def ensure_app():  # type: ignore[no-untyped-def]
    """The QApplication, created offscreen when there is no display to draw on."""
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import timeline_app.view  # noqa: F401 - selects PySide6 for pyqtgraph
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "timeline-app"])


@dataclass
class Picture:
    """Everything a picture of a timeline depends on, apart from its size."""

    timeline: Timeline
    arrays: EventArrays
    shown: np.ndarray | None = None  # events passing the category and search filters
    selected: int = -1
    hidden_categories: set[str] = field(default_factory=set)
    show_sources_lane: bool = False
    citations: bool = False  # numbered source list under the picture, numbers after labels

    @classmethod
    def of(cls, timeline: Timeline) -> Picture:
        return cls(timeline, build_arrays(timeline))

    def titles(self) -> list[str]:
        return self.timeline.columns.titles

    def tooltip(self, index: int) -> str:
        """Rich text with every piece of data escaped: markup in a title shows literally."""
        cols = self.timeline.columns
        event = self.timeline.events[index]
        n = int(cols.n_sources[index])
        details = f"{event.when.text()} · {event.category} · {n} source{'s' * (n != 1)}"
        if event.inferred:
            details += " · date inferred"
        return f"<b>{html.escape(event.title)}</b><br>{html.escape(details)}"

    def alternatives(self, index: int) -> list[tuple[float, float]]:
        """Intervals (seconds) that passages claim instead of the event's own date."""
        from timeline_app.layout import DAY, date_seconds

        event = self.timeline.events[index]
        return [(date_seconds(x.claims_date.first_day()), date_seconds(x.claims_date.last_day()) + DAY)
                for x in event.conflicting_excerpts() if x.claims_date is not None]

    def event_sources(self, index: int) -> tuple[str, ...]:
        return self.timeline.events[index].source_ids if index >= 0 else ()

    @cached_property
    def citation_numbers(self) -> dict[str, int]:
        from timeline_app.model.evidence import citation_numbers

        return citation_numbers(self.timeline)

    def label_suffix(self, index: int) -> str:
        numbers = self.citation_numbers
        cited = sorted(numbers[s] for s in self.event_sources(index) if s in numbers)
        return f" [{','.join(map(str, cited))}]" if cited else ""

    def citation_lines(self) -> list[str]:
        from timeline_app.model.evidence import sources_by_publication

        return [f"[{n}] {s.citation()}"
                for n, s in enumerate(sources_by_publication(self.timeline), start=1)]

    def source_marks(self):  # type: ignore[no-untyped-def]
        """Each dated source document at its publication date, for the sources lane."""
        from timeline_app.layout import DAY, date_seconds
        from timeline_app.model.evidence import sources_by_publication
        from timeline_app.view.overlays import SourceMark

        marks = []
        for n, source in enumerate(sources_by_publication(self.timeline), start=1):
            if source.published is None:
                continue
            name = source.publisher or source.author or source.title
            marks.append(SourceMark(source.id, f"[{n}] {name[:40]}",
                                    date_seconds(source.published.first_day()),
                                    date_seconds(source.published.last_day()) + DAY,
                                    source.published_inferred))
        return marks

    def categories_shown(self, names: list[str] | None) -> None:
        """Keep only the named categories (None: all)."""
        if names is None:
            self.hidden_categories = set()
        else:
            self.hidden_categories = set(self.timeline.categories) - set(names)
        self.update_shown(None)

    def update_shown(self, search_mask: np.ndarray | None) -> None:
        mask = search_mask.copy() if search_mask is not None else None
        if self.hidden_categories:
            hidden = [i for i, c in enumerate(self.arrays.categories) if c in self.hidden_categories]
            by_category = ~np.isin(self.arrays.category, hidden)
            mask = by_category if mask is None else mask & by_category
        self.shown = mask


def apply_picture(canvas, picture: Picture, title: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Put a picture's data into a canvas (window or offscreen)."""
    canvas.set_data(title if title is not None else picture.timeline.title, picture.arrays,
                    picture.titles(), picture.tooltip, picture.timeline.categories)
    item = canvas.item
    item.alternatives = picture.alternatives
    item.event_sources = picture.event_sources
    item.set_shown(picture.shown)
    item.set_selected(picture.selected)
    apply_evidence_options(canvas, picture)
    canvas.legend.set_hidden(picture.hidden_categories)


def apply_evidence_options(canvas, picture: Picture) -> None:  # type: ignore[no-untyped-def]
    """The sources lane and the citation list, as the picture asks."""
    canvas.item.source_marks = picture.source_marks() if picture.show_sources_lane else None
    canvas.item.set_label_suffix(picture.label_suffix if picture.citations else None)
    canvas.citations.set_lines(picture.citation_lines() if picture.citations else [])


def make_canvas(picture: Picture, width: int, height: int, title: str | None = None):  # type: ignore[no-untyped-def]
    """An offscreen canvas laid out at `width` x `height`, showing the whole timeline."""
    ensure_app()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from timeline_app.view.canvas import TimelineCanvas

    canvas = TimelineCanvas()
    canvas.setAttribute(Qt.WA_DontShowOnScreen, True)
    canvas.resize(width, height)
    apply_picture(canvas, picture, title)
    canvas.show()  # a never-shown widget lays out at the wrong size
    QApplication.processEvents()
    canvas.fit_all()
    return canvas


def paint_canvas(canvas, scale: float = 1.0):  # type: ignore[no-untyped-def]
    """Paint a laid-out canvas into a new QImage `scale` times its size."""
    from PySide6.QtCore import QRect, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    width, height = canvas.width(), canvas.height()
    image = QImage(round(width * scale), round(height * scale), QImage.Format_ARGB32)
    image.fill(Qt.white)
    painter = QPainter(image)
    canvas.item.render_scale = scale
    try:
        canvas.render(painter, QRectF(0, 0, image.width(), image.height()),
                      QRect(0, 0, width, height), Qt.IgnoreAspectRatio)
    finally:
        canvas.item.render_scale = 1.0
        painter.end()
    return image


def render_image(picture: Picture, width: int, height: int, *, scale: float = 1.0,
                 x_range: tuple[float, float] | None = None, title: str | None = None):  # type: ignore[no-untyped-def]
    """A QImage of the timeline at `width` x `height` logical pixels, `scale` times over."""
    canvas = make_canvas(picture, width, height, title)
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


def export_image(picture: Picture, path: str | os.PathLike[str], width: int, height: int, *,
                 scale: float = 1.0, x_range: tuple[float, float] | None = None,
                 title: str | None = None, source_file: str | None = None) -> None:
    """Write the timeline as PNG or SVG (by extension), whole or not at all."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSaveFile

    target = os.fspath(path)
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in FORMATS:
        raise ExportError(f"{target}: unknown image type {suffix or '(none)'}; use .png or .svg")
    if not (16 <= width <= 20_000 and 16 <= height <= 20_000):
        raise ExportError(f"size {width}x{height} is outside 16-20000 pixels a side")
    if not 0.25 <= scale <= 8 or width * height * scale * scale > MAX_PIXELS:
        raise ExportError(f"scale {scale} gives too large an image; use at most "
                          f"{MAX_PIXELS // 1_000_000} million pixels")
    canvas = make_canvas(picture, width, height, title)
    try:
        if x_range is not None:
            canvas.set_x_range(*x_range)
        if suffix == ".png":
            image = paint_canvas(canvas, scale)
            _png_metadata(image, title or picture.timeline.title, source_file)
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.WriteOnly)
            image.save(buffer, "PNG")
            buffer.close()
            payload = bytes(data.data())
        else:
            payload = _svg_bytes(canvas, title or picture.timeline.title)
    finally:
        canvas.close()
        canvas.deleteLater()
    out = QSaveFile(target)
    if not out.open(QIODevice.WriteOnly):
        raise ExportError(f"cannot write {target}: {out.errorString()}")
    out.write(payload)
    if not out.commit():
        raise ExportError(f"cannot write {target}: {out.errorString()}")


def _png_metadata(image, title: str, source_file: str | None) -> None:  # type: ignore[no-untyped-def]
    from timeline_app import APP_NAME, __version__

    image.setText("Title", title)
    image.setText("Software", f"{APP_NAME} {__version__}")
    if source_file:
        image.setText("Source", source_file)


def _svg_bytes(canvas, title: str) -> bytes:  # type: ignore[no-untyped-def]
    """SVG through QSvgGenerator (pyqtgraph's own SVG exporter fails on 0.14)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    width, height = canvas.width(), canvas.height()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(title)
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, width, height), Qt.white)
    canvas.render(painter, QRectF(0, 0, width, height), QRect(0, 0, width, height))
    painter.end()
    buffer.close()
    return bytes(data.data())
