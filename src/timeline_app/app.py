"""Start the desktop app."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from timeline_app import APP_NAME, ORG_NAME, __version__
from timeline_app.view.application import ensure_app


def app_icon() -> QIcon:
    """The application icon, with every PNG size we ship."""
    from timeline_app.resources import resource_dir

    icon = QIcon()
    for png in sorted(resource_dir().glob("timeline-*.png")):
        icon.addFile(str(png))
    return icon


def run_gui(file: str | None, documents: str | None = None) -> int:
    app = ensure_app()
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    if os.environ.get("TIMELINE_THEME") == "dark":  # for trying the dark theme (screenshots)
        from timeline_app.view.style import dark_palette

        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    from timeline_app.window.crash import CrashHandler
    from timeline_app.window.main_window import MainWindow

    app.setWindowIcon(app_icon())
    CrashHandler().install()

    window = MainWindow(documents_dir=Path(documents) if documents else None)
    window.open_file(file)
    window.show()
    window.canvas.setFocus()
    if os.environ.get("TIMELINE_EXIT_AFTER_FIRST_PAINT"):  # start-up benchmark hook
        _quit_after_first_paint(window.canvas.viewport(), lambda: not window.is_loading())
    return app.exec()


class _FirstPaintQuit(QObject):
    """Prints the wall-clock time of the first paint that shows the file, then quits (the
    benchmark reads it). A large file loads in the background: paints before it arrives do not
    count."""

    done = False

    def __init__(self, parent: QObject, ready: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._ready = ready

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done and self._ready():
            self.done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _quit_after_first_paint(widget: QWidget, ready: Callable[[], bool]) -> None:
    # The widget is the filter's parent, so it keeps the filter (and its Python side) alive.
    widget.installEventFilter(_FirstPaintQuit(widget, ready))
