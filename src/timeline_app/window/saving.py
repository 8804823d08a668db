"""The window's editable chronology: File > New, Save, Save As, and never losing an edit.

`Saving` holds the `Chronology` being edited (made from the open file at the first edit, so a
file only looked at costs nothing), shows each edit on the canvas, marks the window title dirty,
writes files atomically, asks before unsaved edits would be lost (close, open, new, reload), asks
before saving over a file another program changed, and lets `Autosave` keep a recovery file.

Edits go through `apply(edit)`, which returns the inverse edit for an undo stack; the stack is
void after `sigDocumentReplaced` (another file opened, reloaded, restored or File > New).
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from timeline_app import APP_NAME
from timeline_app.model.edit_empty import NEW_TITLE, empty_timeline
from timeline_app.model.edit_ops import Edit, EditError
from timeline_app.model.problems import LoadError
from timeline_app.model.safe_io import SafeIOError, read_regular_file, write_atomic
from timeline_app.presentation.view_state import ViewState
from timeline_app.resources import default_dataset
from timeline_app.window.autosave import INTERVAL_MS, Autosave
from timeline_app.window.error_panel import ErrorPanel
from timeline_app.window.field_problems import save_warning
from timeline_app.window.file_watch import FileWatch
from timeline_app.window.menus import Actions
from timeline_app.window.recent import RecentFiles
from timeline_app.window.save_prompts import Prompts

if TYPE_CHECKING:  # the editable document (ruamel.yaml) is imported at the first edit
    from timeline_app.model.editing import Chronology

# ruamel.yaml is pure Python: an edit (write the tree, read it back through the loader) took 0.1 s
# on data/events.yaml (41 events, 28 KB), 1.0 s at 410 events (258 KB) and 8 s at 2,050 events
# (1.3 MB); opening for editing about twice that. Larger files are shown, not edited, in the window.
EDIT_LIMIT_BYTES = 512 * 1024
MAX_DIFF_LINES = 400


class EditorWindow(Protocol):
    """What saving needs of the main window."""

    settings: QSettings
    path: Path | None
    state: ViewState | None
    watch: FileWatch
    errors: ErrorPanel
    recent: RecentFiles
    actions_: Actions

    def statusBar(self) -> QStatusBar: ...
    def setWindowTitle(self, title: str) -> None: ...
    def setWindowModified(self, modified: bool) -> None: ...
    def reload(self) -> None: ...
    def _show_state(self, state: ViewState, keep_view: bool, same_file: bool = True) -> None: ...


class Saving(QObject):
    sigDocumentReplaced = Signal()  # another document: an undo history of the last one is void
    sigChanged = Signal()  # an edit was applied and is on screen

    def __init__(
        self,
        window: EditorWindow,
        parent: QWidget | None = None,
        prompts: Prompts | None = None,
        autosave_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.prompts = prompts if prompts is not None else Prompts(parent)
        self._document: Chronology | None = None
        self._known: bytes | None = None  # the file's bytes when it was last loaded or saved
        self._asking = False
        self._started = False  # recoveries of untitled documents are offered once, at start
        self.new_folder: Path | None = None  # where Save As starts for a chronology never saved
        self.autosave = Autosave(window.settings, lambda: self._document, self._status, autosave_ms, self)
        if parent is not None:  # the window: File > New, Save and Save As join its File menu
            actions = window.actions_
            self.install_actions(parent, actions.file_menu, actions.open, actions.reload)

    # --- the document -----------------------------------------------------------------------
    def document(self) -> Chronology | None:
        """The chronology being edited; made from the open file on first use (None if none is
        open, or it is too large to edit here)."""
        if self._document is None and self.window.path is not None and self.window.state is not None:
            path = self.window.path
            try:
                if path.stat().st_size > EDIT_LIMIT_BYTES:
                    self._status(f"{path.name} is too large to edit in the window; edit it in a text editor")
                    return None
                from timeline_app.model.editing import Chronology

                self._document = Chronology.load(path)
            except (OSError, LoadError) as exc:
                self._status(f"{path.name} cannot be edited: {str(exc).splitlines()[0]}")
                return None
        return self._document

    def apply(self, edit: Edit) -> Edit:
        """Make one edit and show it; returns the edit that undoes it (`EditError` if it names
        what is not there, or nothing is open)."""
        document = self.document()
        if document is None:
            raise EditError("no chronology is open for editing")
        inverse = document.apply(edit)
        self.show_document()
        self.sigChanged.emit()
        return inverse

    def show_document(self, keep_view: bool = True) -> None:
        """Put the chronology on the canvas; with problems, list them and keep the last valid view."""
        document = self._document
        if document is None:
            return
        timeline, problems = document.timeline()
        if timeline is None and not document.event_ids():  # a new chronology before its first event
            timeline, problems = empty_timeline(str(document.timeline_field("title") or NEW_TITLE)), []
        if timeline is not None:
            self.window._show_state(ViewState(timeline), keep_view and self.window.state is not None)
            self.window.errors.hide()
        else:
            self.window.errors.show_problems(Path(document.name), problems, "")
            self.window.errors.heading.setText(
                f"The edited chronology has {len(problems)} problem(s); the timeline shows its last "
                "valid version. Fix them or undo."
            )
        self.update_title()

    def update_title(self) -> None:
        document = self._document
        path = document.path if document is not None else self.window.path
        self.window.setWindowTitle(f"{path.name if path else NEW_TITLE}[*] — {APP_NAME}")
        self.window.setWindowModified(document is not None and document.dirty)

    def _replace(self, document: Chronology | None, known: bytes | None) -> None:
        self._document = document
        self._known = known
        self.autosave.forget_untitled()
        self.sigDocumentReplaced.emit()

    # --- commands ---------------------------------------------------------------------------
    def new_document(self) -> None:
        """File > New: an empty chronology titled "Untitled", after asking about unsaved edits."""
        if not self.may_replace():
            return
        from timeline_app.model.editing import Chronology

        self._replace(Chronology.new(), None)
        self.new_folder = None
        self.window.path = None
        self.window.watch.watch(None)
        self.show_document(keep_view=False)

    def save(self) -> bool:
        """File > Save; True when everything is saved."""
        document = self._document
        if document is None:
            return True  # nothing was edited
        if document.path is None or _bundled(document.path):
            return self.save_as()
        if self._changed_on_disk(document.path):
            answer = self.prompts.overwrite_changed(document.path.name)
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        return self._write(document, document.path, document.format)

    def save_as(self) -> bool:
        document = self.document()
        if document is None:
            return False
        if document.path is not None and not _bundled(document.path):
            start = str(document.path)
        else:
            folder = self.new_folder or Path.home()  # beside its documents, where `check` looks
            start = str(folder / f"{document.timeline_field('title') or NEW_TITLE}.yaml")
        chosen = self.prompts.save_path(start, document.format)
        return chosen is not None and self._write(document, *chosen)

    def _write(self, document: Chronology, path: Path, fmt: str) -> bool:
        _timeline, problems = document.timeline()
        if problems and not self.prompts.save_with_problems(
            path.name, save_warning(document.text(), problems)
        ):
            return False
        from timeline_app.model.editing import DumpError

        try:
            files = document.files_for(path, fmt)
        except DumpError as exc:
            listed = "\n".join(p.format() for p in exc.problems[:10])
            self.prompts.error("Cannot save as CSV", f"{exc}.\n\n{listed}")
            return False
        for target, data in reversed(files):  # a CSV's sources first: the table is the commit
            try:
                write_atomic(target, data)
            except SafeIOError as exc:
                self.prompts.error("Could not save", f"{exc}.\n\nYour edits are still open in the window.")
                return False
        old = document.path
        document.mark_saved(path, fmt)
        self._known = files[0][1]
        self.autosave.remove(old)
        self.autosave.remove(path)
        self.window.path = path
        self.window.watch.watch(path)  # our own write is not a change made by someone else
        self.window.recent.remember(path)
        self.show_document()
        self._status(f"Saved {path.name}")
        return True

    def may_replace(self) -> bool:
        """Ask about unsaved edits before they would go; False if the user cancelled."""
        document = self._document
        if document is None or not document.dirty:
            return True
        answer = self.prompts.unsaved(document.path.name if document.path else NEW_TITLE)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.autosave.remove(document.path)
            self._replace(None, self._known)
            return True
        return False

    def may_close(self) -> bool:
        """Closing the window: the same question; the autosave stops once the answer lets it close."""
        if not self.may_replace():
            return False
        self.autosave.timer.stop()
        return True

    def reload(self) -> None:
        """File > Reload, after asking about unsaved edits."""
        if self.may_replace():
            self.window.reload()

    def on_loaded(self, path: Path) -> None:
        """The window shows a file it (re)loaded: edits start afresh from it."""
        self._replace(None, _read_small(path))
        self.update_title()
        QTimer.singleShot(0, lambda: self._offer_recoveries(path))  # over the window, once it shows

    def _offer_recoveries(self, path: Path) -> None:
        if self.window.path != path or self._document is not None:
            return  # another file was opened meanwhile, or editing began
        self.offer_recovery(path)
        if not self._started:
            self._started = True
            if self._document is None:
                self.offer_untitled()

    # --- recovery and changes on disk ---------------------------------------------------------
    def offer_recovery(self, path: Path) -> None:
        """A recovery newer than the file: Restore / Discard / Later (kept for the next start)."""
        recovery = self.autosave.find(path)
        if recovery is None or not recovery.newer_than_document():
            return
        when = datetime.datetime.fromtimestamp(recovery.written).strftime("%Y-%m-%d %H:%M:%S")
        answer = self.prompts.restore(path.name, when)
        if answer == "discard":
            self.autosave.discard(recovery)
        elif answer == "restore":
            document = self.document()
            if document is None:
                return
            try:
                document.restore(recovery.text)
            except LoadError as exc:
                self.prompts.error("Cannot restore", f"The recovery file {recovery.file} is damaged: {exc}")
                return
            self.autosave.adopt(recovery)
            self.show_document()
            self._status(f"Restored the unsaved edits of {path.name}; save to keep them")

    def offer_untitled(self) -> None:
        """The newest recovery of a new chronology never saved (others wait for later starts)."""
        found = sorted(self.autosave.untitled(), key=lambda r: r.written)
        if not found:
            return
        recovery = found[-1]
        when = datetime.datetime.fromtimestamp(recovery.written).strftime("%Y-%m-%d %H:%M:%S")
        answer = self.prompts.restore(f"a new chronology ({NEW_TITLE})", when)
        if answer == "discard":
            self.autosave.discard(recovery)
        elif answer == "restore":
            from timeline_app.model.editing import Chronology

            document = Chronology.new()
            try:
                document.restore(recovery.text)
            except LoadError as exc:
                self.prompts.error("Cannot restore", f"The recovery file {recovery.file} is damaged: {exc}")
                return
            self._replace(document, None)
            self.autosave.adopt(recovery)
            self.window.path = None
            self.window.watch.watch(None)
            self.show_document(keep_view=False)

    def on_file_changed(self) -> None:
        """The watched file changed on disk. Without unsaved edits, show the new version; with
        them, never overwrite either side: show both and let the user choose."""
        document, path = self._document, self.window.path
        if document is None or not document.dirty or path is None or document.path != path:
            self.window.reload()
            return
        if self._asking:
            return
        now = _read_small(path)
        if now is None or now == self._known:
            return
        from timeline_app.model.editing import DumpError  # imported already: a document is open

        try:
            mine = document.dump(document.format)
        except DumpError:
            mine = document.dump("yaml")
        self._asking = True
        try:
            answer = self.prompts.changed_on_disk(
                path.name, _diff(self._known, now), _diff(self._known, mine)
            )
        finally:
            self._asking = False
        if answer == "reload":
            self.autosave.remove(document.path)
            self._replace(None, now)
            self.window.reload()
        elif answer == "save_as":
            self.save_as()
        else:
            self._known = now  # the user saw both: saving next replaces the disk version without asking

    def _changed_on_disk(self, path: Path) -> bool:
        now = _read_small(path)
        return self._known is not None and now is not None and now != self._known

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    # --- menu ---------------------------------------------------------------------------------
    def install_actions(
        self, window: QWidget, file_menu: QMenu, before_open: QAction, before_reload: QAction
    ) -> None:
        """File > New, Save and Save As… (Ctrl+N is New Event; File > New is Ctrl+Shift+N)."""
        self.act_new = QAction("&New", window)
        self.act_new.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_save = QAction("&Save", window)
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save_as = QAction("Save &As…", window)
        self.act_save_as.setShortcut(QKeySequence.StandardKey.SaveAs)
        for action, slot, tip in (
            (self.act_new, self.new_document, "Start an empty chronology"),
            (self.act_save, self.save, "Save the chronology (YAML keeps your comments and layout)"),
            (self.act_save_as, self.save_as, "Save as YAML, CSV or JSON"),
        ):
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            window.addAction(action)
        file_menu.insertAction(before_open, self.act_new)
        file_menu.insertActions(before_reload, [self.act_save, self.act_save_as])


def _bundled(path: Path) -> bool:
    """The chronology shipped with the app is read, never written over: Save asks where."""
    try:
        return path.resolve() == default_dataset().resolve()
    except OSError:
        return False


def _read_small(path: Path) -> bytes | None:
    try:
        return read_regular_file(path, EDIT_LIMIT_BYTES)
    except SafeIOError:
        return None


def _diff(before: bytes | None, after: bytes) -> str:
    old = (before or b"").decode("utf-8", "replace").splitlines()
    new = after.decode("utf-8", "replace").splitlines()
    lines = list(difflib.unified_diff(old, new, "as last read", "now", lineterm="", n=1))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… and {len(lines) - MAX_DIFF_LINES} more lines"]
    return "\n".join(lines)
