"""File > Export Image: the same render as the CLI, with options remembered between uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.presentation.view_state import ViewState
from timeline_app.render import ExportError, export_image
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
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("export/whole", "true" if self.whole else "false")
        settings.setValue("export/width", self.width)
        settings.setValue("export/height", self.height)
        settings.setValue("export/scale", self.scale)
        settings.setValue("export/citations", "true" if self.citations else "false")


def export_from_window(
    state: ViewState,
    canvas: TimelineCanvas,
    options: ExportOptions,
    path: str,
    source_file: str | None = None,
) -> None:
    """Export what the window shows (filters included, selection left out)."""
    clean = state.copy()
    clean.selected = -1
    clean.citations = options.citations
    x_range = None if options.whole else canvas.x_range()
    export_image(
        clean,
        path,
        options.width,
        options.height,
        scale=options.scale,
        x_range=x_range,
        title=options.title or None,
        source_file=source_file,
    )


class ExportDialog(QDialog):
    def __init__(self, options: ExportOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        form = QFormLayout()
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
        form.addRow("Title:", self.title_box)
        self.citations_box = QCheckBox("Numbered source list, numbers after each label")
        self.citations_box.setChecked(options.citations)
        form.addRow("Citations:", self.citations_box)
        # On by default for the whole timeline, off for a detail view, until the user decides.
        self.whole.toggled.connect(lambda whole: self.citations_box.setChecked(whole))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> ExportOptions:
        return ExportOptions(
            self.whole.isChecked(),
            self.width_box.value(),
            self.height_box.value(),
            float(self.scale_box.currentData()),
            self.title_box.text().strip(),
            self.citations_box.isChecked(),
        )


def run_export_dialog(
    window: QMainWindow, state: ViewState, canvas: TimelineCanvas, settings: QSettings
) -> None:
    options = ExportOptions.load(settings, canvas.width(), canvas.height())
    options.title = state.timeline.title
    dialog = ExportDialog(options, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    options = dialog.options()
    options.save(settings)
    folder = str(settings.value("export/folder", str(Path.home())))
    stem = state.timeline.path.stem if state.timeline.path else "timeline"
    name, _ = QFileDialog.getSaveFileName(
        window, "Export image", str(Path(folder) / f"{stem}.png"), "PNG image (*.png);;SVG image (*.svg)"
    )
    if not name:
        return
    if Path(name).suffix.lower() not in (".png", ".svg"):
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
