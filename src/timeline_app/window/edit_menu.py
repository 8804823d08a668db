"""The Edit menu and the editing gestures: what each command is called, its shortcut, and how
the mouse, the document view and the two editors reach the `EditSession`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from timeline_app.model.dates import DateRange
from timeline_app.model.edit_ops import SetSource
from timeline_app.model.records import Source
from timeline_app.model.safe_io import SafeIOError
from timeline_app.view.canvas import TimelineCanvas
from timeline_app.window.documents import DocumentFinder
from timeline_app.window.edit_gestures import EditGestures, date_at, moved_texts, shift_days, shift_range
from timeline_app.window.edit_session import EditHost, EditSession, excerpt_data

if TYPE_CHECKING:  # the editors and dialogs are imported when first opened, not at start-up
    from timeline_app.window.categories_editor import CategoriesEditor
    from timeline_app.window.document_dialog import DocumentDialog
    from timeline_app.window.document_quote import Passage
    from timeline_app.window.sources_editor import SourcesEditor

QUOTE_TITLE_WORDS = 8


class EditMenu:
    """Builds Edit and wires the gestures; holds the editors while they are open."""

    def __init__(
        self,
        window: QMainWindow,
        host: EditHost,
        session: EditSession,
        canvas: TimelineCanvas,
        documents: DocumentFinder,
    ) -> None:
        self.window, self.host, self.session, self.documents = window, host, session, documents
        stack = session.stack
        self.undo = stack.createUndoAction(window, "&Undo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.inspector = session.dock.toggleViewAction()
        self.inspector.setText("&Inspector (Edit Mode)")
        self.inspector.setShortcut(QKeySequence("Ctrl+I"))
        self.inspector.setStatusTip(
            "Edit the selected event; drag a marker to move it, double-click to add one"
        )
        menu = QMenu("&Edit", window)
        self.menu = menu
        bar = window.menuBar().actions()
        if len(bar) > 1:
            window.menuBar().insertMenu(bar[1], menu)  # after File
        else:
            window.menuBar().addMenu(menu)
        for action in (self.undo, self.redo):
            menu.addAction(action)
            window.addAction(action)
        menu.addSeparator()
        self.new_event = self._add("&New Event", self.new_event_here, "Ctrl+N")
        self.duplicate = self._add("&Duplicate Event", session.duplicate_event, "Ctrl+D")
        self.delete = self._add("De&lete Event", session.delete_event, QKeySequence.StandardKey.Delete)
        menu.addSeparator()
        self.sources = self._add("&Sources…", self.open_sources)
        self.add_source = self._add("Add Source from &Document…", self.add_source_dialog)
        self.categories = self._add("&Categories…", self.open_categories)
        menu.addSeparator()
        menu.addAction(self.inspector)
        window.addAction(self.inspector)
        self.gestures = EditGestures(canvas)
        session.dock.visibilityChanged.connect(self._on_edit_mode)
        settings = getattr(host, "settings", None)
        if isinstance(settings, QSettings):  # edit mode is remembered between runs
            session.dock.setVisible(str(settings.value("view/inspector", "false")) == "true")
            self.inspector.toggled.connect(
                lambda on: settings.setValue("view/inspector", "true" if on else "false")
            )
        self.gestures.sigClicked.connect(host.select_event)
        self.gestures.sigDragging.connect(self._on_dragging)
        self.gestures.sigMoved.connect(self._on_moved)
        self.gestures.sigEmptyDoubleClick.connect(self._on_double_click)
        self.sources_editor: SourcesEditor | None = None
        self.categories_editor: CategoriesEditor | None = None
        stack.indexChanged.connect(self._refresh_editors)

    def _add(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        self.window.addAction(action)
        return action

    def _on_edit_mode(self, visible: bool) -> None:
        self.gestures.enabled = visible

    # --- events ---------------------------------------------------------------------------
    def new_event_here(self, date: str | None = None, first_day: int | None = None) -> str | None:
        """A new event at the middle of the view (or `date`), in the selected event's category."""
        state = self.host.state
        if date is None and state is not None and len(state.timeline.events):
            lo, hi = self.session_view()
            made = date_at((lo + hi) / 2, (hi - lo) / 86400)
            date, first_day = made.edtf(), made.first_day()
        data = {"title": "New event", "category": self._category()}
        if date is not None:  # an empty chronology's view has no date to offer: the user gives one
            data["date"] = date
        event_id = self.session.new_event(data, first_day)
        if event_id is not None:
            self.session.dock.show()
            self.session.inspector.title.setFocus()
            self.session.inspector.title.selectAll()
        return event_id

    def session_view(self) -> tuple[float, float]:
        return self.gestures.canvas.x_range()

    def _category(self) -> str:
        state = self.host.state
        if state is not None and state.selected >= 0:
            return state.timeline.events[state.selected].category
        return state.timeline.categories[0] if state is not None and state.timeline.categories else "event"

    def _on_double_click(self, seconds: float, width: float) -> None:
        made = date_at(seconds, width / 86400)
        self.new_event_here(made.edtf(), made.first_day())

    def _moved(self, index: int, dx: float) -> tuple[str, DateRange] | None:
        state = self.host.state
        if state is None or not 0 <= index < len(state.timeline.events):
            return None
        event = state.timeline.events[index]
        if moved_texts(event.when, dx) is None:
            return None
        return event.id, shift_range(event.when, shift_days(dx))

    def _on_dragging(self, index: int, dx: float) -> None:
        moved = self._moved(index, dx)
        text = (
            f"Move to {moved[1].text()}"
            if moved
            else "Drag further: the date moves in steps of its precision"
        )
        self.host.statusBar().showMessage(text, 3000)

    def _on_moved(self, index: int, dx: float) -> None:
        moved = self._moved(index, dx)
        if moved is not None:
            self.session.move_event(*moved)

    # --- the document view ----------------------------------------------------------------
    def attach(self, dialog: DocumentDialog | None, source_id: str) -> DocumentDialog | None:
        """Let a document view make events and excerpts from its selection."""
        if dialog is None:
            return None
        bar = dialog.quotes
        bar.target_title = self._target_title
        bar.update_target()
        bar.sigNewEvent.connect(lambda p: self.event_from_passage(source_id, p))
        bar.sigAddExcerpt.connect(lambda p: self.excerpt_from_passage(source_id, p))
        self.session.sigTargetChanged.connect(bar.update_target)  # a method: gone with the bar
        return dialog

    def _target_title(self) -> str | None:
        document = self.host.saving._document
        event_id = self.session.event_id
        if event_id is None:
            return None
        if document is not None and event_id in document.event_ids():
            return str(document.event(event_id).get("title") or event_id)
        state = self.host.state
        event = state.timeline.event(event_id) if state is not None else None
        return event.title if event is not None else None

    def event_from_passage(self, source_id: str, passage: Passage) -> str | None:
        """A new event quoting the passage, as one step; its title is the passage's first words
        and its date is left for the user (the inspector opens on it, at the date field)."""
        words = passage.quote.split()
        title = " ".join(words[:QUOTE_TITLE_WORDS]) + ("…" if len(words) > QUOTE_TITLE_WORDS else "")
        data = {
            "title": title,
            "category": self._category(),
            "excerpts": [excerpt_data(passage_excerpt(source_id, passage))],
        }
        event_id = self.session.new_event(data, None)
        if event_id is not None:
            self.session.dock.show()
            # the document view keeps the keyboard otherwise: the date typed next was lost, and
            # a space in it pressed New Event from Selection again
            self.window.activateWindow()
            self.session.inspector.start.setFocus()
        return event_id

    def excerpt_from_passage(self, source_id: str, passage: Passage) -> bool:
        return self.session.add_excerpt(passage_excerpt(source_id, passage))

    # --- sources and categories -----------------------------------------------------------
    def open_sources(self) -> SourcesEditor | None:
        document = self.session.document()
        if document is None:
            return None
        if self.sources_editor is None:
            from timeline_app.window.sources_editor import SourcesEditor

            editor = SourcesEditor(document_sources(self), lambda sid: cited(self, sid), self.window)
            editor.sigSetSource.connect(self._set_source)
            editor.sigOpenDocument.connect(self.open_source_document)
            self.sources_editor = editor
        self.sources_editor.refresh()
        self.sources_editor.show()
        return self.sources_editor

    def open_source_document(self, source_id: str) -> DocumentDialog | None:
        """A source's own document (its `file`, looked up as Show in document does), to quote from."""
        data = document_sources(self)().get(source_id, {})
        source = Source(source_id, str(data.get("title") or source_id), file=data.get("file"))
        dialog = self.attach(self.documents.show(source, None), source_id)
        if dialog is not None:
            dialog.note.setText(f"{source.title}: select a passage to quote it.")
        return dialog

    def _set_source(self, source_id: str, data: dict[str, Any] | None) -> None:
        word = "Remove" if data is None else "Change"
        self.session.push([SetSource(source_id, data)], f"{word} source {source_id}", self.session.event_id)

    def add_source_dialog(self, path: str | None = None) -> str | None:
        """Add Source from Document: read it, fill what it states, open it for quoting."""
        from timeline_app.window.document_dialog import DocumentDialog
        from timeline_app.window.new_source import DOCUMENT_FILTER, read_new_source
        from timeline_app.window.sources_editor import new_source_id

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Add source from document", "", DOCUMENT_FILTER
            )
        document = self.session.document()
        if not path or document is None:
            return None
        try:
            made = read_new_source(Path(path), self.documents.folders())
        except SafeIOError as exc:
            self.host.statusBar().showMessage(f"Cannot read {Path(path).name}: {exc.reason}", 10000)
            return None
        author = str(made.data.get("author") or "").split()
        source_id = new_source_id(set(document.sources()), author[-1] if author else Path(path).stem)
        if not self.session.push(
            [SetSource(source_id, made.data)], f"Add source {source_id}", self.session.event_id
        ):
            return None
        self.host.statusBar().showMessage(f"Added source {source_id}: {made.found}", 15000)
        folder = Path(path).resolve().parent
        self.documents.remember(folder)
        if document.path is None and self.host.saving.new_folder is None:
            self.host.saving.new_folder = folder
        dialog = DocumentDialog(str(made.data["title"]), made.text, None, self.window)
        dialog.note.setText(f"{made.data['title']}: select a passage to quote it.")
        dialog.setModal(False)
        dialog.show()
        self.attach(dialog, source_id)
        self.last_dialog = dialog
        return source_id

    def open_categories(self) -> CategoriesEditor:
        if self.categories_editor is None:
            from timeline_app.window.categories_editor import CategoriesEditor

            editor = CategoriesEditor(lambda: category_counts(self), self.window)
            editor.sigRename.connect(self.session.rename_category)
            self.categories_editor = editor
        self.categories_editor.refresh()
        self.categories_editor.show()
        return self.categories_editor

    def _refresh_editors(self) -> None:
        for editor in (self.sources_editor, self.categories_editor):
            if editor is not None and editor.isVisible():
                editor.refresh()


def install_editing(
    window: QMainWindow, host: EditHost, canvas: TimelineCanvas, documents: DocumentFinder
) -> tuple[EditSession, EditMenu]:
    """The editing session (undo stack, inspector dock) and its Edit menu, for the main window."""
    session = EditSession(window, host)
    return session, EditMenu(window, host, session, canvas, documents)


def passage_excerpt(source_id: str, passage: Passage) -> dict[str, Any]:
    return {"source": source_id, "quote": passage.quote, "prefix": passage.prefix, "suffix": passage.suffix}


def document_sources(menu: EditMenu) -> Any:
    def sources() -> dict[str, dict[str, Any]]:
        document = menu.host.saving._document
        return document.sources() if document is not None else {}

    return sources


def cited(menu: EditMenu, source_id: str) -> int:
    document = menu.host.saving._document
    if document is None:
        return 0
    return sum(
        1
        for event_id in document.event_ids()
        for excerpt in document.event(event_id).get("excerpts") or []
        if isinstance(excerpt, dict) and excerpt.get("source") == source_id
    )


def category_counts(menu: EditMenu) -> dict[str, int]:
    document = menu.session.document()
    counts: dict[str, int] = {}
    if document is not None:
        for event_id in document.event_ids():
            name = str(document.event(event_id).get("category") or "")
            counts[name] = counts.get(name, 0) + 1
    return counts
