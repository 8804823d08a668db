"""Notice when the open file changes on disk, including editors that save by replacing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class FileWatch(QObject):
    """Emits `sigChanged` once per burst of changes to one file.

    QFileSystemWatcher drops a file that an editor replaced (write temp + rename), so the
    folder is watched too and the file is re-added after each change; a short timer merges
    the several events one save produces.
    """

    sigChanged = Signal()

    def __init__(self, delay_ms: int = 300, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_settled)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_event)
        self._path: Path | None = None
        self._stamp: tuple[int, int] | None = None

    def watch(self, path: Path | None) -> None:
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self._path = path
        self._stamp = self._read_stamp()
        if path is not None:
            self._watcher.addPath(str(path.parent))
            if path.exists():
                self._watcher.addPath(str(path))

    def _read_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self._path.stat() if self._path else None
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size) if stat else None

    def _on_event(self, _changed: str) -> None:
        self._timer.start()

    def _on_settled(self) -> None:
        if self._path is None:
            return
        if self._path.exists() and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))
        stamp = self._read_stamp()
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self.sigChanged.emit()
