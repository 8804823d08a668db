"""File > Export Image and File > Print: the same render as the CLI, with options remembered
between uses, presets for the common sizes and a preview that follows the options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.presentation.view_state import ViewState
from timeline_app.render import PRESETS, ExportError, export_canvas, export_image, render_image, render_into
from timeline_app.view.canvas import TimelineCanvas

SCALES = (1.0, 2.0, 4.0)


@dataclass
class ExportOptions:
    whole: bool = False  # the whole timeline, else the current view
    width: int = 1600
    height: int = 800
    scale: float = 1.0
    title: str = ""
    citations: bool = True  # numbered source list under the picture, numbers after labels
    preset: str = ""  # a name in render.PRESETS (its size and font scale), or "" for a custom size

    @property
    def font_scale(self) -> float:
        return PRESETS[self.preset].font_scale if self.preset in PRESETS else 1.0

    @classmethod
    def load(cls, settings: QSettings, width: int, height: int) -> ExportOptions:
        def number(key: str, default: float) -> float:
            value = settings.value(key, default)
            if not isinstance(value, str | int | float):  # None, or a list from a hand-edited file
                return default
            try:
                return float(value)
            except ValueError:
                return default

        scale = number("export/scale", 1.0)
        return cls(
            whole=str(settings.value("export/whole", "false")).lower() == "true",
            width=int(number("export/width", width)),
            height=int(number("export/height", height)),
            scale=scale if scale in SCALES else 1.0,
            citations=str(settings.value("export/citations", "true")).lower() == "true",
            preset=preset if (preset := str(settings.value("export/preset", ""))) in PRESETS else "",
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("export/whole", "true" if self.whole else "false")
        settings.setValue("export/width", self.width)
        settings.setValue("export/height", self.height)
        settings.setValue("export/scale", self.scale)
        settings.setValue("export/citations", "true" if self.citations else "false")
        settings.setValue("export/preset", self.preset)


def export_from_window(
    state: ViewState,
    canvas: TimelineCanvas,
    options: ExportOptions,
    path: str,
    source_file: str | None = None,
) -> None:
    """Export what the window shows (filters included, selection left out)."""
    clean, x_range = _picture_state(state, canvas, options)
    export_image(
        clean,
        path,
        options.width,
        options.height,
        scale=options.scale,
        font_scale=options.font_scale,
        x_range=x_range,
        title=options.title or None,
        source_file=source_file,
    )


def _picture_state(
    state: ViewState, canvas: TimelineCanvas, options: ExportOptions
) -> tuple[ViewState, tuple[float, float] | None]:
    clean = state.copy()
    clean.selected = -1
    clean.citations = options.citations
    return clean, None if options.whole else canvas.x_range()


PREVIEW_WIDTH = 360


def preview_image(state: ViewState, canvas: TimelineCanvas, options: ExportOptions) -> QPixmap:
    """The export as it will come out, drawn small: the same render, at 1x, scaled down."""
    clean, x_range = _picture_state(state, canvas, options)
    image = render_image(
        clean,
        options.width,
        options.height,
        font_scale=options.font_scale,
        x_range=x_range,
        title=options.title or None,
    )
    return QPixmap.fromImage(image).scaledToWidth(
        min(PREVIEW_WIDTH, image.width()), Qt.TransformationMode.SmoothTransformation
    )


def print_timeline(state: ViewState, canvas: TimelineCanvas, printer: object, options: ExportOptions) -> None:
    """Print what the window shows on one page of `printer` (a QPrinter), through the same
    render as the exports: the picture is laid out at the page's proportions, 1280 canvas
    pixels wide, and drawn as vector graphics into the page."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    width = 1280
    height = max(200, round(width * page.height() / max(1, page.width())))
    clean, x_range = _picture_state(state, canvas, options)
    with export_canvas(clean, width, height, x_range=x_range, title=options.title or None) as picture:
        painter = QPainter(printer)
        if not painter.isActive():
            raise ExportError("the printer could not start; nothing was printed")
        try:
            render_into(picture, painter, QRectF(0, 0, page.width(), page.height()))
        finally:
            painter.end()


def run_print_dialog(
    window: QMainWindow, state: ViewState, canvas: TimelineCanvas, settings: QSettings
) -> None:
    """File > Print: the system's print dialog, then the current view (or the whole timeline,
    as last chosen for an export) on one landscape page."""
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    options = ExportOptions.load(settings, canvas.width(), canvas.height())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setDocName(state.timeline.title)
    if QPrintDialog(printer, window).exec() != QDialog.DialogCode.Accepted:
        return
    try:
        print_timeline(state, canvas, printer, options)
    except ExportError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, "Print failed", str(exc), parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return
    window.statusBar().showMessage("Sent to the printer", 8000)


class ExportDialog(QDialog):
    def __init__(
        self,
        options: ExportOptions,
        parent: QWidget | None = None,
        preview: Callable[[ExportOptions], QPixmap] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        self._preview = preview
        form = QFormLayout()
        self.preset_box = QComboBox()
        self.preset_box.addItem("Custom size", "")
        for preset in PRESETS.values():
            self.preset_box.addItem(preset.label(), preset.name)
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(options.preset)))
        form.addRow("Size:", self.preset_box)
        self.current = QRadioButton("Current view")
        self.whole = QRadioButton("Whole timeline")
        (self.whole if options.whole else self.current).setChecked(True)
        range_box = QWidget()
        range_layout = QVBoxLayout(range_box)
        range_layout.setContentsMargins(0, 0, 0, 0)
        range_layout.addWidget(self.current)
        range_layout.addWidget(self.whole)
        form.addRow("Range:", range_box)
        self.width_box = QSpinBox()
        self.height_box = QSpinBox()
        for box, value in ((self.width_box, options.width), (self.height_box, options.height)):
            box.setRange(16, 20000)
            box.setSuffix(" px")
            box.setValue(value)
        form.addRow("Width:", self.width_box)
        form.addRow("Height:", self.height_box)
        self.scale_box = QComboBox()
        for scale in SCALES:
            self.scale_box.addItem(f"{scale:g}x", scale)
        self.scale_box.setCurrentIndex(SCALES.index(options.scale))
        form.addRow("Pixel density:", self.scale_box)
        self.title_box = QLineEdit(options.title)
        self.title_box.setPlaceholderText("the timeline's title, and the range for a part of it")
        form.addRow("Title:", self.title_box)
        self.citations_box = QCheckBox("Numbered source list, numbers after each label")
        self.citations_box.setChecked(options.citations)
        form.addRow("Citations:", self.citations_box)
        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 9 // 16)
        self.preview_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.preview_label.setVisible(preview is not None)
        self._timer = QTimer(self)  # typing a size or a title redraws once it pauses
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_preview)
        self.preset_box.currentIndexChanged.connect(self._on_preset_changed)
        for box in (self.width_box, self.height_box):
            box.valueChanged.connect(self._on_size_edited)
        self.whole.toggled.connect(self._timer.start)
        self.citations_box.toggled.connect(self._timer.start)
        self.title_box.textChanged.connect(self._timer.start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(buttons)
        self._on_preset_changed()
        self.update_preview()

    def _on_preset_changed(self) -> None:
        preset = PRESETS.get(str(self.preset_box.currentData()))
        if preset is not None:
            for box, value in ((self.width_box, preset.width), (self.height_box, preset.height)):
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
        self._timer.start()

    def _on_size_edited(self) -> None:
        preset = PRESETS.get(str(self.preset_box.currentData()))
        if preset is not None and (self.width_box.value(), self.height_box.value()) != (
            preset.width,
            preset.height,
        ):
            self.preset_box.blockSignals(True)
            self.preset_box.setCurrentIndex(0)  # a size of one's own is no longer the preset
            self.preset_box.blockSignals(False)
        self._timer.start()

    def update_preview(self) -> None:
        self._timer.stop()
        if self._preview is None:
            return
        try:
            pixmap = self._preview(self.options())
        except ExportError as exc:
            self.preview_label.setText(str(exc))
            return
        self.preview_label.setPixmap(pixmap)

    def options(self) -> ExportOptions:
        return ExportOptions(
            self.whole.isChecked(),
            self.width_box.value(),
            self.height_box.value(),
            float(self.scale_box.currentData()),
            self.title_box.text().strip(),
            self.citations_box.isChecked(),
            str(self.preset_box.currentData() or ""),
        )


def run_export_dialog(
    window: QMainWindow, state: ViewState, canvas: TimelineCanvas, settings: QSettings
) -> None:
    options = ExportOptions.load(settings, canvas.width(), canvas.height())
    options.title = ""  # empty: the timeline's title, followed by the range for a part of it
    dialog = ExportDialog(options, window, lambda o: preview_image(state, canvas, o))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    options = dialog.options()
    options.save(settings)
    folder = str(settings.value("export/folder", str(Path.home())))
    stem = state.timeline.path.stem if state.timeline.path else "timeline"
    name, _ = QFileDialog.getSaveFileName(
        window,
        "Export image",
        str(Path(folder) / f"{stem}.png"),
        "PNG image (*.png);;SVG image (*.svg);;PDF document, vector (*.pdf)",
    )
    if not name:
        return
    if Path(name).suffix.lower() not in (".png", ".svg", ".pdf"):
        name += ".png"
    settings.setValue("export/folder", str(Path(name).parent))
    try:
        export_from_window(
            state, canvas, options, name, str(state.timeline.path) if state.timeline.path else None
        )
    except ExportError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", str(exc), parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message repeats a file name
        box.exec()
        return
    window.statusBar().showMessage(f"Exported {name}", 8000)
