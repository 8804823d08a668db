"""The window's editing: the undo stack, the inspector dock, and the steps the Edit menu, the
mouse and the document view ask for. The window holds one `EditSession`.

Every step goes through the chronology that `Saving` holds (made from the open file at the first
edit) as one `EditCommand`; after it (and after every undo and redo) the chronology is read again
through the one reading path: a valid result replaces the timeline on screen, keeping the view,
and selects the event the step concerned; an invalid one keeps the last valid timeline on screen
and puts each problem under the field it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStatusBar

from timeline_app.model.dates import DateError, DateRange, parse_range, range_to_texts
from timeline_app.model.edit_ops import (
    EditError,
    InsertEvent,
    InsertExcerpt,
    RemoveEvent,
    RemoveExcerpt,
    SetEventField,
    SetExcerpt,
    SetTimelineField,
)
from timeline_app.model.schema import EXCERPT_KEYS, STATUSES
from timeline_app.model.serialize import event_to_dict
from timeline_app.presentation.view_state import ViewState
from timeline_app.window.edit_commands import EditCommand
from timeline_app.window.field_problems import FieldProblems, field_problems
from timeline_app.window.inspector import Inspector
from timeline_app.window.inspector_fields import split_date
from timeline_app.window.saving import Saving

if TYPE_CHECKING:  # imported at the first edit (ruamel.yaml), not at start-up
    from timeline_app.model.editing import Chronology

FIELD_WORDS = {"start": "date", "end": "end date", "date_note": "date note", "inferred": "inferred"}


class EditHost(Protocol):
    """What editing needs of the main window."""

    state: ViewState | None
    saving: Saving

    def statusBar(self) -> QStatusBar: ...
    def select_event(self, index: int) -> None: ...


class EditSession(QObject):
    sigTargetChanged = Signal()  # the event the inspector edits (and excerpts go to) changed

    def __init__(self, window: QMainWindow, host: EditHost) -> None:
        super().__init__(window)
        self.host = host
        self.stack = QUndoStack(self)
        self.inspector = Inspector(STATUSES)
        self.dock = QDockWidget("Inspector", window)
        self.dock.setObjectName("inspectorDock")
        self.dock.setWidget(self.inspector)
        self.dock.setMinimumWidth(300)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.event_id: str | None = None
        self.problems = FieldProblems()
        host.saving.sigDocumentReplaced.connect(self.stack.clear)
        host.saving.sigDocumentReplaced.connect(self.refresh)
        self.inspector.sigFieldChanged.connect(self.set_field)
        self.inspector.sigExcerptChanged.connect(self.set_excerpt_field)
        self.inspector.sigExcerptAdded.connect(self.add_excerpt)
        self.inspector.sigExcerptRemoved.connect(self.remove_excerpt)
        self.inspector.sigTimelineChanged.connect(self.set_timeline_field)
        self.dock.visibilityChanged.connect(lambda _visible: self.refresh())

    # --- applying -------------------------------------------------------------------------
    def document(self) -> Chronology | None:
        return self.host.saving.document()

    def apply_all(self, edits: Sequence[Any]) -> list[Any]:
        """Apply `edits` in order and show the result once; if one is refused, take back those
        applied and raise (a step happens whole or not at all)."""
        document = self.document()
        if document is None:
            raise EditError("no chronology is open for editing")
        inverses: list[Any] = []
        try:
            for edit in edits:
                inverses.append(document.apply(edit))
        except (EditError, ValueError):
            for inverse in reversed(inverses):
                document.apply(inverse)
            raise
        finally:
            if inverses:
                self.host.saving.show_document()
                self.host.saving.sigChanged.emit()
        return inverses

    def push(self, edits: Sequence[Any], text: str, focus: str | None, undo_focus: str | None = None) -> bool:
        """One undo step; False (with the reason in the status bar) if it was refused."""
        self.inspector.commit_pending()
        if not edits:
            return False
        command = EditCommand(self.apply_all, edits, text, self._after, focus, undo_focus)
        self.stack.push(command)
        if command.error is not None:
            self.host.statusBar().showMessage(f"{text}: {command.error}", 10000)
            return False
        return True

    def _after(self, focus: str | None) -> None:
        """Select the event a step concerned (if the timeline shows it) and show it."""
        state = self.host.state
        if focus is not None and state is not None:
            index = state.timeline.index_of(focus)
            if index is not None:
                self.host.select_event(index)
        self.event_id = focus if focus is None or self._has(focus) else None
        self.refresh()
        self.sigTargetChanged.emit()

    def _has(self, event_id: str) -> bool:
        document = self.document()
        return document is not None and event_id in document.event_ids()

    # --- the inspector --------------------------------------------------------------------
    def on_selection_changed(self) -> None:
        """The window's selection moved: the inspector follows it."""
        state = self.host.state
        chosen = self.event_id
        if state is not None and state.selected >= 0:
            chosen = state.timeline.columns.ids[state.selected]
        elif (  # (no event chosen: no lookup, which builds an index of every id: 0.5 s at 10^6)
            state is not None and self.event_id and state.timeline.index_of(self.event_id) is not None
        ):
            chosen = None  # deselected (an event not on screen stays: it has problems)
        if chosen != self.event_id or self.inspector.event_id != chosen:
            self.event_id = chosen  # the same event again (Show Sources) keeps what is typed
            self.refresh()
            self.sigTargetChanged.emit()

    def refresh(self) -> None:
        """Show the chosen event as the chronology holds it, with its problems."""
        if not self.dock.isVisible():
            return
        document = self.host.saving._document  # never made just to be looked at
        event_id = self.event_id
        if document is None or event_id is None or event_id not in document.event_ids():
            state = self.host.state
            if document is None and state is not None and event_id is not None:
                self._show_unedited(state, event_id)
                return
            self.inspector.show_event(None)
            self._show_timeline_fields(document, state)
            return
        data = document.event(event_id)
        sources = {sid: str(s.get("title") or sid) for sid, s in document.sources().items()}
        self.inspector.show_event(data, self.categories(document), sources)
        _timeline, problems = document.timeline()
        self.problems = field_problems(document.text(), problems)
        self.inspector.show_problems(self.problems.for_event(event_id))

    def _show_timeline_fields(self, document: Chronology | None, state: ViewState | None) -> None:
        if document is not None:
            title, description = document.timeline_field("title"), document.timeline_field("description")
            self.inspector.show_timeline(str(title or ""), str(description or ""), True)
        elif state is not None:
            self.inspector.show_timeline(state.timeline.title, state.timeline.description, True)

    def set_timeline_field(self, key: str, value: Any) -> None:
        words = {"title": "Change chronology title", "description": "Change description"}
        self.push([SetTimelineField(key, value)], words.get(key, f"Change {key}"), None)

    def _show_unedited(self, state: ViewState, event_id: str) -> None:
        """Before the first edit the file is not read for editing: show the event as loaded."""
        event = state.timeline.event(event_id)
        if event is None:
            self.inspector.show_event(None)
            return
        data = event_to_dict(event)
        data["date"] = event.when.edtf()
        sources = {sid: s.title for sid, s in state.timeline.sources.items()}
        self.inspector.show_event(data, state.timeline.categories, sources)
        self.inspector.show_problems({})

    def categories(self, document: Chronology) -> list[str]:
        state = self.host.state
        names = dict.fromkeys(state.timeline.categories if state is not None else ())
        for event_id in document.event_ids():
            category = document.event(event_id).get("category")
            if category:
                names[str(category)] = None
        return list(names)

    # --- field edits ----------------------------------------------------------------------
    def set_field(self, key: str, value: Any) -> None:
        event_id = self.event_id
        document = self.document()
        if event_id is None or document is None or not self._has(event_id):
            return
        data = document.event(event_id)
        if key in ("start", "end"):
            edits = date_edits(event_id, data, key, value)
        else:
            edits = [SetEventField(event_id, key, value)]
        self.push(edits, f"Change {FIELD_WORDS.get(key, key)}", event_id)

    def set_excerpt_field(self, index: int, key: str, value: Any) -> None:
        event_id, document = self.event_id, self.document()
        if event_id is None or document is None or not self._has(event_id):
            return
        excerpts = document.event(event_id).get("excerpts") or []
        if not 0 <= index < len(excerpts):
            return
        data = dict(excerpts[index])
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
        if data != excerpts[index]:
            self.push([SetExcerpt(event_id, index, data)], f"Change excerpt {index + 1}", event_id)

    def add_excerpt(self, data: Mapping[str, Any] | None = None, event_id: str | None = None) -> bool:
        event_id = event_id or self.event_id
        document = self.document()
        if event_id is None or document is None or not self._has(event_id):
            return False
        count = len(document.event(event_id).get("excerpts") or [])
        if data is None:
            sources = list(document.sources())
            data = {"source": sources[0] if sources else "", "quote": ""}
        return self.push([InsertExcerpt(event_id, count, excerpt_data(data))], "Add excerpt", event_id)

    def remove_excerpt(self, index: int) -> None:
        if self.event_id is not None:
            self.push([RemoveExcerpt(self.event_id, index)], f"Remove excerpt {index + 1}", self.event_id)

    # --- events ---------------------------------------------------------------------------
    def new_event(self, data: Mapping[str, Any], first_day: int | None = None) -> str | None:
        """Insert an event (an id is made for it) near its date in the file; returns its id."""
        document = self.document()
        if document is None:
            return None
        from timeline_app.window.sources_editor import new_source_id  # the editors' module: on first use

        made = new_source_id(set(document.event_ids()), str(data.get("title") or "event"))
        event = {"id": made, **{k: v for k, v in data.items() if k != "id"}}  # the id first, as files have it
        index = insert_index(document.event_ids(), self.host.state, first_day)
        if not self.push([InsertEvent(index, event)], "New event", event["id"], undo_focus=self.event_id):
            return None
        return str(event["id"])

    def delete_event(self) -> None:
        event_id = self.event_id
        if event_id is not None and self._has(event_id):
            self.event_id = None
            self.push([RemoveEvent(event_id)], "Delete event", None, undo_focus=event_id)

    def duplicate_event(self) -> None:
        event_id, document = self.event_id, self.document()
        if event_id is None or document is None or not self._has(event_id):
            return
        data = document.event(event_id)
        from timeline_app.window.sources_editor import new_source_id

        data["id"] = new_source_id(set(document.event_ids()), f"{event_id}-copy")
        index = document.event_ids().index(event_id) + 1
        self.push([InsertEvent(index, data)], "Duplicate event", str(data["id"]), undo_focus=event_id)

    def move_event(self, event_id: str, moved: DateRange) -> None:
        document = self.document()
        if document is None or not self._has(event_id):
            return
        data = document.event(event_id)
        if "date" in data or "start" not in data:
            edits = [SetEventField(event_id, "date", moved.edtf())]
        else:
            start, end = range_to_texts(moved)
            edits = [SetEventField(event_id, "start", start)]
            if end or "end" in data:
                edits.append(SetEventField(event_id, "end", end or None))
        self.push(edits, "Move event", event_id)

    def rename_category(self, old: str, new: str) -> None:
        document = self.document()
        if document is None or not new.strip():
            return
        edits = [
            SetEventField(event_id, "category", new)
            for event_id in document.event_ids()
            if str(document.event(event_id).get("category") or "") == old
        ]
        self.push(edits, f"Rename category {old} to {new}", self.event_id)


def excerpt_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """An excerpt's fields as the model takes them (the quote always, the rest when given)."""
    return {key: data[key] for key in EXCERPT_KEYS if data.get(key) not in (None, "")} | {
        "quote": data.get("quote", "")
    }


def date_edits(event_id: str, data: Mapping[str, Any], key: str, value: Any) -> list[Any]:
    """The edit for a change of the start or end field. An event written with `date:` keeps it
    (an end joins it as START/END: "unknown" as an empty end, ".." as EDTF's open end); one
    written with start and end keeps those."""
    if "date" not in data and "start" in data:
        return [SetEventField(event_id, key, value)]
    start, end = split_date(str(data.get("date") or ""))
    if key == "start":
        start = str(value or "").strip()
    else:
        end = str(value or "").strip()
    joined = start if not end or "/" in start else f"{start}/{'' if end == 'unknown' else end}"
    return [SetEventField(event_id, "date", joined or None)]


def insert_index(ids: list[str], state: ViewState | None, first_day: int | None) -> int:
    """Where a new event goes in the file: after the last event dated on or before it."""
    if state is None or first_day is None:
        return len(ids)
    at = 0
    for position, event_id in enumerate(ids):
        row = state.timeline.index_of(event_id)
        if row is not None and int(state.timeline.columns.first_day[row]) <= first_day:
            at = position + 1
    return at


def readable_range(text: str) -> DateRange | None:
    try:
        return parse_range(text)
    except DateError:
        return None
