"""Loading on a worker thread: the file is read and prepared for the view off the window
thread, with a progress bar and Cancel in the status bar, so the window stays live.

The newest request wins. A thread cannot be stopped half-way through a parse, so a request that
arrives while a load runs is remembered (only the newest one) and started when the running load
finishes; the running load's result is then dropped, never shown after the newer request. A
file that changed on disk while it was read counts as such a request: what was read may be
older than what is there now. Cancel works the same way: the window stops waiting at once and
keeps what it shows; the read runs to its end on the worker thread and its result is dropped.

The columnar copy of a large file (`model/cache.py`) is written after the timeline is shown, on
the same worker thread, silently: it only makes the next opening faster, so a copy that cannot be
written changes nothing the user sees (writing it took 1.4 s of a 6.6 s first paint at 10^6 rows).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from timeline_app.model import LoadError
from timeline_app.model.loader import open_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.window.progress import LoadEstimate, ProgressPanel, WaitProbe, shown_fraction

BACKGROUND_BYTES = 4 * 1024 * 1024  # larger files load on a worker thread
COPY_AFTER_MS = 300  # the copy is begun after the window has painted what it was handed


@dataclass
class Prepared:
    """A loaded timeline with its view arrays and search index already built."""

    state: ViewState
    keep_copy: Callable[[], bool] | None = None  # writes the file's columnar copy, if one is due


def load_prepared(path: Path) -> Prepared | LoadError:
    """Runs on the worker thread: loads and prepares everything the view needs, touching no
    Qt object, so the window thread only has to swap it in."""
    try:
        opened = open_path(path)
    except LoadError as exc:
        return exc
    timeline = opened.timeline
    return Prepared(ViewState(timeline, haystacks=timeline.columns.search_texts()), opened.keep_copy)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """What tells one version of a file from the next: modification time and size."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class BackgroundLoad(QObject):
    """One load at a time on a worker thread; `sigDone(path, result)` on the window thread.

    `sigSuperseded(old, new)` says that the result of loading `old` was dropped because a
    newer request came in: `new` is the file now loading, or None when the window opened a
    file itself in the meantime (`supersede()`).
    """

    sigDone = Signal(object, object)  # Path, Prepared | LoadError
    sigSuperseded = Signal(object, object)  # Path, Path | None
    sigCopyKept = Signal(object, bool)  # Path, whether its columnar copy was written

    def __init__(self, status: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: tuple[Path, Future[Prepared | LoadError]] | None = None
        self._copying: tuple[Path, Future[bool]] | None = None  # the columnar copy being written
        self._shut = False  # the window closed: no copy is begun any more
        self._stamp: tuple[int, int] | None = None  # of the file when its load began
        self._next: Path | None = None  # the newest request made while a load ran
        self._dropped = False  # the running load's result is to be dropped
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-load")
        self._cancelled = False  # the running load was cancelled: drop it without a word
        self._began = 0.0
        self._expected = 1.0  # seconds the running load should take
        self.estimate = LoadEstimate()
        self.probe = WaitProbe(self)
        self.longest_wait = 0.0  # s the window thread waited at most during the last load
        self.copy_wait = 0.0  # and while the last columnar copy was written
        self._status = status
        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._check)
        self.panel = ProgressPanel()
        self.panel.sigCancel.connect(self.cancel)
        self._label, self._progress = self.panel.label, self.panel.bar
        status.addPermanentWidget(self.panel)
        self.panel.hide()

    def busy(self) -> bool:
        return self._current is not None

    def target(self) -> Path | None:
        """The file the window will show when loading is done: the newest request, if any."""
        if self._next is not None:
            return self._next
        return self._current[0] if self._current is not None and not self._dropped else None

    def start(self, path: Path) -> None:
        """Load `path`. If a load is running, this request supersedes it: its result will be
        dropped and `path` loaded when it finishes (of several such requests, the newest)."""
        if self._current is None:
            self._begin(path)
            return
        self._next = path
        self._dropped = True
        if self._cancelled:
            self._label.setText(f"Loading {path.name}… (after the cancelled read of {self._current[0].name})")
            self.panel.set_fraction(0.0)
            self.panel.show()
        else:
            self._label.setText(f"Loading {self._current[0].name}… (superseded; {path.name} next)")

    def supersede(self) -> None:
        """The window showed a newer timeline itself: drop the running load and any request."""
        if self._current is not None:
            self._next = None
            self._dropped = True
            self._label.setText(f"Loading {self._current[0].name}… (superseded)")

    def cancel(self) -> None:
        """The user stopped waiting: the window keeps what it shows and the panel goes away at
        once (the worker cannot be stopped mid-parse; its result is dropped when it ends)."""
        if self._current is None:
            return
        name = self._current[0].name
        self._next = None
        self._dropped = self._cancelled = True
        self.panel.hide()
        self._status.showMessage(f"Cancelled loading {name}", 10000)

    def adopt(self, path: Path, future: Future[Prepared | LoadError], stamp: tuple[int, int] | None) -> None:
        """Show the progress of a load that began elsewhere (at start-up, before the window
        existed); `stamp` is the file's when it began. Nothing may be loading yet."""
        assert self._current is None
        self._track(path, future, stamp)

    def _begin(self, path: Path) -> None:
        stamp = file_stamp(path)  # before the read: a change while it runs is seen
        self._track(path, self._executor.submit(load_prepared, path), stamp)

    def _track(self, path: Path, future: Future[Prepared | LoadError], stamp: tuple[int, int] | None) -> None:
        self._stamp = stamp
        self._dropped = self._cancelled = False
        self._current = (path, future)
        self._began = time.perf_counter()
        self._expected = self.estimate.expected(path.suffix, self._stamp[1] if self._stamp else 0)
        self.panel.set_fraction(0.0)
        self._label.setText(f"Loading {path.name}…")
        self.panel.show()
        self.probe.start()
        self._poll.start()

    def _check(self) -> None:
        self._check_copy()
        if self._current is None:
            if self._copying is None:
                self._poll.stop()
            return
        elapsed = time.perf_counter() - self._began
        if not self._current[1].done():
            self.panel.set_fraction(shown_fraction(elapsed, self._expected))
            return
        path, future = self._current
        self._current = None
        self.longest_wait = self.probe.stop()
        if not self._dropped and self._stamp is not None:
            self.estimate.learn(path.suffix, self._stamp[1], elapsed)
        cancelled, self._cancelled = self._cancelled, False
        if not self._dropped and file_stamp(path) != self._stamp:
            self._next, self._dropped = path, True  # saved while it was read: read it again
        if self._next is not None:
            following, self._next = self._next, None
            self._begin(following)
            if not cancelled:
                self.sigSuperseded.emit(path, following)
            return
        if self._copying is None:
            self._poll.stop()
        self.panel.hide()
        if self._dropped:
            self._dropped = False
            if not cancelled:
                self.sigSuperseded.emit(path, None)
            return
        result = future.result()
        self.sigDone.emit(path, result)
        if isinstance(result, Prepared) and result.keep_copy is not None:
            keep = result.keep_copy
            result.keep_copy = None  # the window keeps the result: not the means to write it again
            QTimer.singleShot(COPY_AFTER_MS, self, lambda: self._keep_copy(path, keep))

    def _keep_copy(self, path: Path, keep: Callable[[], bool]) -> None:
        """Write the copy on the worker thread, unless another load has begun: the newer file
        comes first (and a file loaded again makes its own copy)."""
        if self._current is not None or self._copying is not None or self._shut:
            return
        self._copying = (path, self._executor.submit(keep))
        self.probe.start()
        self._poll.start()

    def _check_copy(self) -> None:
        if self._copying is None or not self._copying[1].done():
            return
        path, future = self._copying
        self._copying = None
        self.copy_wait = self.probe.stop() if self._current is None else self.probe.longest
        kept = not future.cancelled() and future.exception() is None and bool(future.result())
        self.sigCopyKept.emit(path, kept)

    def shutdown(self) -> None:
        self._shut = True
        self._executor.shutdown(wait=False, cancel_futures=True)
