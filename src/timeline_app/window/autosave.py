"""Nothing lost: unsaved edits are written to a recovery file every few seconds.

A recovery file sits in the user's state folder (platformdirs), named by a hash of the
document's path, so each document has one and a crash or a kill leaves it behind. It is a small
JSON record: which document, in which format, and the YAML text of the edited chronology. It is
written through `write_atomic` (a kill mid-write leaves the previous recovery whole), removed
when the document is saved or its edits discarded, and offered back when the document is
opened again while the recovery is newer than it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QObject, QSettings, QTimer

from timeline_app import APP_NAME
from timeline_app.model.safe_io import SafeIOError, read_regular_file, write_atomic

if TYPE_CHECKING:  # imported at the first edit (ruamel.yaml), not at start-up
    from timeline_app.model.editing import Chronology

INTERVAL_MS = 5_000
# The window edits files up to 512 KB (saving.EDIT_LIMIT_BYTES); a recovery is restored by the
# round-trip parser on the window's thread at ~6 us a character, so 64 MB froze it for minutes.
MAX_RECOVERY_BYTES = 1024 * 1024  # twice that limit: 2 MB of events took 13 s to restore
_YEAR_3000 = 32_503_680_000.0  # seconds since the epoch: later is not a time a run wrote
FOLDER_KEY = "recovery/folder"  # a settings key that moves the folder (tests, portable installs)


def default_folder() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "recovery"


@dataclass(frozen=True)
class Recovery:
    """One recovery file: the document it belongs to (None for a new, unsaved one) and its text."""

    file: Path
    document: Path | None
    format: str
    text: str
    written: float  # seconds since the epoch

    def newer_than_document(self) -> bool:
        if self.document is None:
            return True
        try:
            return self.written > self.document.stat().st_mtime
        except OSError:  # the document is gone: the recovery is all there is
            return True


class Autosave(QObject):
    """Writes the window's unsaved chronology to its recovery file while it is dirty.

    `document` is asked for the chronology at each tick (None when nothing is being edited).
    """

    def __init__(
        self,
        settings: QSettings,
        document: Callable[[], Chronology | None],
        on_error: Callable[[str], None],
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        configured = settings.value(FOLDER_KEY)
        self.folder = Path(str(configured)) if configured else default_folder()
        self._document = document
        self._on_error = on_error
        self._written: tuple[int, int] | None = None  # (id of the chronology, revision) last written
        self._untitled = f"untitled-{os.getpid()}-{time.time_ns()}"
        self._own: dict[str, Path] = {}  # document key -> the recovery file this run writes
        self._failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _key(self, document: Path | None) -> str:
        name = str(document.resolve()) if document is not None else self._untitled
        return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    def file_for(self, document: Path | None) -> Path:
        """This window's recovery file for `document`. A recovery left by an earlier run that the
        user kept for later is never written over: this run then takes a name of its own."""
        key = self._key(document)
        if key not in self._own:
            path = self.folder / f"{key}.json"
            if path.exists():
                path = self.folder / f"{key}-{time.time_ns()}.json"
            self._own[key] = path
        return self._own[key]

    def tick(self) -> None:
        """Write the recovery if the chronology changed since the last write; drop it once clean."""
        chronology = self._document()
        if chronology is None:
            return
        if not chronology.dirty:
            if self._written is not None:
                self.remove(chronology.path)
            return
        stamp = (id(chronology), chronology.revision)
        if stamp != self._written:
            self.write(chronology)

    def write(self, chronology: Chronology) -> None:
        record = {
            "version": 1,
            "document": str(chronology.path.resolve()) if chronology.path else None,
            "format": chronology.format,
            "written": time.time(),
            "text": chronology.text(),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.file_for(chronology.path), json.dumps(record, ensure_ascii=False).encode())
        except (OSError, SafeIOError) as exc:
            if not self._failed:  # said once, not every five seconds
                self._on_error(f"Unsaved edits could not be written to the recovery folder: {exc}")
            self._failed = True
            return
        self._failed = False
        self._written = (id(chronology), chronology.revision)

    def remove(self, document: Path | None) -> None:
        """The edits were saved or discarded: the recovery this run wrote for them goes."""
        path = self._own.pop(self._key(document), None)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
        self._written = None

    def forget_untitled(self) -> None:
        """A new document after an untitled one was saved or discarded gets a fresh file name."""
        self._untitled = f"untitled-{os.getpid()}-{time.time_ns()}"

    def find(self, document: Path) -> Recovery | None:
        """The newest recovery of `document` left by another run, if one is there and readable."""
        key = self._key(document)
        own = self._own.get(key)
        found = [read_recovery(p) for p in self.folder.glob(f"{key}*.json") if p != own]
        target = document.resolve()  # as a recovery names its document; one naming another is not this one's
        mine = [r for r in found if r is not None and r.document == target]
        return max(mine, key=lambda r: r.written, default=None)

    def adopt(self, recovery: Recovery) -> None:
        """A restored recovery becomes this run's: autosaves go on in it, saving removes it."""
        self._own[self._key(recovery.document)] = recovery.file
        self._written = None

    def untitled(self) -> list[Recovery]:
        """Recoveries of new documents never saved (from earlier runs)."""
        if not self.folder.is_dir():
            return []
        found = [read_recovery(path) for path in sorted(self.folder.glob("*.json"))]
        return [r for r in found if r is not None and r.document is None]

    def discard(self, recovery: Recovery) -> None:
        with contextlib.suppress(OSError):
            recovery.file.unlink()


def read_recovery(path: Path) -> Recovery | None:
    """A recovery file, or None if it is missing or not one (it is then left as it is).

    The file is data from disk like any other: JSON nested past the recursion limit is not one,
    and a time that no calendar shows (NaN, 1e300: `fromtimestamp` raises on it when the offer
    is made) gives way to the file's own modification time."""
    try:
        record = json.loads(read_regular_file(path, MAX_RECOVERY_BYTES))
        mtime = path.stat().st_mtime
    except (SafeIOError, ValueError, RecursionError, OSError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None
    document = record.get("document")
    written = record.get("written")
    if not (isinstance(written, (int, float)) and 0 <= written < _YEAR_3000):
        written = mtime
    return Recovery(
        path,
        Path(document) if isinstance(document, str) and "\0" not in document else None,
        str(record.get("format", "yaml")),
        record["text"],
        float(written),
    )
