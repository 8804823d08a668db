"""Start the desktop app."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from timeline_app import APP_NAME, ORG_NAME, __version__
from timeline_app.model import LoadError
from timeline_app.model.datasource import is_event_table
from timeline_app.resources import default_dataset
from timeline_app.view.application import ensure_app
from timeline_app.window.loading import Prepared, file_stamp, load_prepared


def app_icon() -> QIcon:
    """The application icon, with every PNG size we ship."""
    from timeline_app.resources import resource_dir

    icon = QIcon()
    for png in sorted(resource_dir().glob("timeline-*.png")):
        icon.addFile(str(png))
    return icon


def start_reading(path: Path) -> tuple[Future[Prepared | LoadError] | None, tuple[int, int] | None]:
    """Begin reading the file on a worker thread now, while this thread imports pyqtgraph and
    builds the window (about 0.4 s on a quiet machine), so that what a large file's read does
    without the GIL overlaps them; with the file's stamp at the start, which tells whether it
    changed while it was read."""
    if is_event_table(path):
        return None, None  # not read: a table of event columns opens through DuckDB
    stamp = file_stamp(path)
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-first-load")
    reading = reader.submit(load_prepared, path)
    reader.shutdown(wait=False)  # the read goes on; the thread ends with it
    return reading, stamp


def run_gui(file: str | None, documents: str | None = None) -> int:
    target = Path(file) if file else default_dataset()
    reading, stamp = start_reading(target)
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
    window.open_started(target, reading, stamp)
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
