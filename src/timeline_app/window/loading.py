"""Loading on a worker thread: the file is read and prepared for the view off the window
thread, with a busy indicator in the status bar, so the window stays live."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from timeline_app.model import LoadError, load_path
from timeline_app.presentation.view_state import ViewState

BACKGROUND_BYTES = 4 * 1024 * 1024  # larger files load on a worker thread


@dataclass
class Prepared:
    """A loaded timeline with its view arrays and search index already built."""

    state: ViewState


def load_prepared(path: Path) -> Prepared | LoadError:
    """Runs on the worker thread: loads and prepares everything the view needs, touching no
    Qt object, so the window thread only has to swap it in."""
    try:
        timeline = load_path(path)
    except LoadError as exc:
        return exc
    return Prepared(ViewState(timeline, haystacks=timeline.columns.search_texts()))


class BackgroundLoad(QObject):
    """One load at a time on a worker thread; `sigDone(path, result)` on the window thread."""

    sigDone = Signal(object, object)  # Path, Prepared | LoadError

    def __init__(self, status: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: tuple[Path, Future[Prepared | LoadError]] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-load")
        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._check)
        self._label = QLabel()
        self._progress = QProgressBar()
        self._progress.setRange(0, 0)  # busy: a parse reports no fraction done
        self._progress.setMaximumWidth(160)
        for widget in (self._label, self._progress):
            status.addPermanentWidget(widget)
            widget.hide()

    def busy(self) -> bool:
        return self._current is not None

    def start(self, path: Path) -> bool:
        """Start loading `path`; False if another load is still running."""
        if self._current is not None:
            return False
        self._current = (path, self._executor.submit(load_prepared, path))
        self._progress.show()
        self._label.setText(f"Loading {path.name}…")
        self._label.show()
        self._poll.start()
        return True

    def _check(self) -> None:
        if self._current is None or not self._current[1].done():
            return
        path, future = self._current
        self._current = None
        self._poll.stop()
        self._progress.hide()
        self._label.hide()
        self.sigDone.emit(path, future.result())

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
