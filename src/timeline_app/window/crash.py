"""Unexpected errors: logged to a file and shown in a dialog; the window stays usable.

A double-clicked app has no terminal, and PySide6 only prints an exception raised in a slot, so
without this hook a bug would be invisible to the user and lost to us.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from timeline_app.model.safe_io import SafeIOError, read_regular_file, write_atomic
from timeline_app.model.terminal import safe_lines

MAX_LOG_BYTES = 1024 * 1024  # the newest megabyte of errors is kept


def log_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".timeline-app") / "logs"


def write_log(text: str, folder: Path) -> Path:
    """Add an entry to `folder/errors.log`, keeping its newest MAX_LOG_BYTES.

    Through the one reader and writer: appending opened the file for writing, which waits
    forever on a FIFO, inside the exception hook. The text is escaped as for a terminal (it may
    quote data, and a lone surrogate cannot be encoded); raises `SafeIOError` or `OSError`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "errors.log"
    entry = f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{safe_lines(text)}\n".encode()
    try:
        old = read_regular_file(path, 64 * MAX_LOG_BYTES)
    except SafeIOError:
        if not path.is_file() and (path.exists() or path.is_symlink()):
            raise  # a FIFO, a device, a folder: not ours to replace
        old = b""  # no log yet, or one too large to read: start afresh
    room = MAX_LOG_BYTES - len(entry)
    if len(old) > room:
        old = old[-room:] if room > 0 else b""
        cut = old.find(b"\n--- ")  # start at a whole entry
        old = old[cut + 1 :] if cut >= 0 else b""
    write_atomic(path, old + entry)
    return path


def error_dialog(details: str, log_path: Path | None) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Something went wrong",
        "Timeline ran into an unexpected error. Your timeline is still open and "
        "nothing was saved over." + (f"\n\nDetails were written to {log_path}" if log_path else ""),
        QMessageBox.StandardButton.Close,
    )
    box.setTextFormat(box.textFormat().PlainText)
    box.setDetailedText(details)
    copy = box.addButton("Copy Details", QMessageBox.ButtonRole.ActionRole)  # copies, then closes
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    return box


class CrashHandler:
    """sys.excepthook that logs and shows one dialog at a time (never a dialog per repeat)."""

    def __init__(
        self, folder: Path | None = None, show: Callable[[QMessageBox], None] = lambda box: box.open()
    ) -> None:
        self.folder = folder or log_folder()
        self.show = show
        self.dialog: QMessageBox | None = None
        self.previous = sys.excepthook

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            path: Path | None = write_log(details, self.folder)
        except (OSError, SafeIOError):
            path = None
        if sys.stderr is not None:
            sys.stderr.write(safe_lines(details))  # the message may quote data
        if QApplication.instance() is None or (self.dialog is not None and self.dialog.isVisible()):
            return
        self.dialog = error_dialog(details, path)
        self.show(self.dialog)

    def install(self) -> CrashHandler:
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        sys.excepthook = self.previous
