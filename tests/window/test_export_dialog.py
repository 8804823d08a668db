"""The export dialog: presets, a preview that follows the options, PDF, and printing."""

import shutil
import subprocess
import unicodedata

import numpy as np
import pytest

from tests.view.test_render import pixels
from timeline_app.model.calendar import day_number
from timeline_app.render import PRESETS
from timeline_app.scene.arrays import DAY, date_seconds
from timeline_app.window.export_dialog import (
    ExportDialog,
    ExportOptions,
    export_from_window,
    preview_image,
    print_timeline,
)


@pytest.fixture
def dialog(window, qtbot):
    d = ExportDialog(ExportOptions(), window, lambda o: preview_image(window.state, window.canvas, o))
    qtbot.addWidget(d)
    return d


def choose_preset(dialog, name):
    dialog.preset_box.setCurrentIndex(dialog.preset_box.findData(name))


def test_the_dialog_offers_every_preset_and_a_preset_sets_the_size(dialog):
    offered = [dialog.preset_box.itemData(i) for i in range(dialog.preset_box.count())]
    assert offered == ["", *PRESETS]
    choose_preset(dialog, "column")
    options = dialog.options()
    assert (options.width, options.height, options.preset) == (640, 720, "column")
    choose_preset(dialog, "slide")
    assert (dialog.options().width, dialog.options().height) == (1920, 1080)
    assert dialog.options().font_scale == PRESETS["slide"].font_scale


def test_editing_the_size_leaves_the_preset(dialog):
    choose_preset(dialog, "square")
    dialog.width_box.setValue(1000)
    assert dialog.options().preset == "" and dialog.options().font_scale == 1.0


def test_the_preview_follows_the_options(dialog, qtbot):
    """A square preset gives a square preview, a slide a wide one; a new title redraws it."""
    choose_preset(dialog, "square")
    dialog.update_preview()
    square = dialog.preview_label.pixmap()
    assert abs(square.width() - square.height()) <= 1
    choose_preset(dialog, "slide")
    dialog.update_preview()
    wide = dialog.preview_label.pixmap()
    assert wide.width() / wide.height() == pytest.approx(16 / 9, abs=0.02)
    before = wide.toImage()
    dialog.title_box.setText("Another title entirely")
    qtbot.waitUntil(lambda: dialog.preview_label.pixmap().toImage() != before, timeout=3000)


def test_the_preview_is_drawn_by_the_export_render(window, tmp_path):
    """The preview is the exported picture scaled down, not a second drawing."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPixmap

    options = ExportOptions(False, 720, 405, 1.0, "", True)
    out = tmp_path / "t.png"
    export_from_window(window.state, window.canvas, options, str(out))
    exported = QPixmap.fromImage(QImage(str(out)).convertToFormat(QImage.Format.Format_ARGB32))
    exported = exported.scaledToWidth(360, Qt.TransformationMode.SmoothTransformation).toImage()
    preview = preview_image(window.state, window.canvas, options).toImage()
    got, want = pixels(preview).astype(int), pixels(exported).astype(int)
    assert got.shape == want.shape
    assert (np.abs(got - want)[..., :3].max(axis=2) > 8).mean() < 0.001  # colour; the edge alpha varies


def pdf_text(path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60).stdout
    return unicodedata.normalize("NFKC", text)  # the font's "fi" ligature reads back as one glyph


def test_the_window_exports_a_vector_pdf_titled_by_its_range(window, tmp_path):
    lo = date_seconds(day_number(2019, 1, 1))
    hi = date_seconds(day_number(2019, 12, 31)) + DAY
    window.canvas.set_x_range(lo, hi)
    out = tmp_path / "t.pdf"
    export_from_window(window.state, window.canvas, ExportOptions(False, 1000, 600, 1.0, "", True), str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    title = window.state.timeline.title
    assert f"{title} \u2014 2019" in pdf_text(out)


def test_print_goes_through_the_same_render(window, tmp_path):
    """File > Print draws the export's picture on the page: printed to a PDF file here."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_timeline(window.state, window.canvas, printer, ExportOptions(whole=True))
    assert out.stat().st_size > 1000
    assert window.state.timeline.title in pdf_text(out)


def test_the_preset_is_remembered(settings):
    ExportOptions(preset="column").save(settings)
    assert ExportOptions.load(settings, 10, 10).preset == "column"
    settings.setValue("export/preset", "poster")
    assert ExportOptions.load(settings, 10, 10).preset == ""


def test_file_menu_has_print_wired_to_the_print_dialog(window, monkeypatch):
    """File > Print runs the print dialog with the window's state and canvas."""
    calls = []
    monkeypatch.setattr(
        "timeline_app.window.export_dialog.run_print_dialog",  # imported by the action, when triggered
        lambda win, state, canvas, settings: calls.append((win, state, canvas)),
    )
    window.actions_.print.trigger()
    assert calls == [(window, window.state, window.canvas)]
    assert window.actions_.print in window.menuBar().actions()[0].menu().actions()
