"""Edit > Sources: the documents the chronology cites: add, edit, remove.

Each Apply or Remove is one undoable edit (`SetSource`), made by the window from the signals here;
the dialog re-reads the sources after every change, so undo shows in it too. Apply changes only the
fields the form shows (a source's derivation or document hash stay), and what was typed is applied
when another source is chosen or the dialog is closed, as the inspector commits a field on leaving.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.model.schema import ID
from timeline_app.window.inspector_fields import date_feedback

SOURCE_KEYS = ("title", "author", "publisher", "published", "published_note", "url", "file")


def _text(value: Any) -> str:
    return "" if value is None or value is False else str(value)


def new_source_id(taken: set[str], hint: str = "source") -> str:
    """An id not yet taken: the hint's first word and a number ("walker-2", "source-3")."""
    decomposed = unicodedata.normalize("NFKD", hint.lower())  # "é" -> "e" + accent: ids are ASCII
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    word = "-".join("".join(ch if ch.isascii() and ch.isalnum() else " " for ch in plain).split())
    if len(word) > 24:  # whole words: "the-present-set-of", not "the-present-set-of-commo"
        word = word[:25].rsplit("-", 1)[0]
    word = word or "source"
    if not ID.fullmatch(word):
        word = "source"
    if word not in taken:
        return word
    n = 2
    while f"{word}-{n}" in taken:
        n += 1
    return f"{word}-{n}"


class SourcesEditor(QDialog):
    """A list of sources on the left, the chosen one's fields on the right."""

    sigSetSource = Signal(str, object)  # source id, field dict (None: remove the source)
    sigOpenDocument = Signal(str)  # source id: show its document, to quote from it

    def __init__(
        self,
        sources: Callable[[], Mapping[str, Mapping[str, Any]]],
        cited: Callable[[str], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sources")
        self.resize(760, 480)
        self._sources = sources
        self._cited = cited
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._on_current_changed())
        left.addWidget(self.list, 1)
        add = QPushButton("Add Source")
        add.clicked.connect(lambda: self.add_source())
        self.remove = QPushButton("Remove Source")
        self.remove.clicked.connect(self.remove_current)
        left.addWidget(add)
        left.addWidget(self.remove)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        form = QFormLayout()
        self.fields = {key: QLineEdit() for key in SOURCE_KEYS}
        self.id_label = QLabel()
        self.id_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("Id", self.id_label)
        for key in SOURCE_KEYS:
            form.addRow(key.replace("_", " ").capitalize(), self.fields[key])
            if key == "published":
                self.date_note = QLabel()
                self.date_note.setTextFormat(Qt.TextFormat.PlainText)
                self.date_note.setWordWrap(True)
                form.addRow("", self.date_note)
        self.fields["published"].textChanged.connect(self._on_date_typed)
        self.usage = QLabel()
        self.usage.setTextFormat(Qt.TextFormat.PlainText)
        self.usage.setWordWrap(True)
        right.addLayout(form)
        right.addWidget(self.usage)
        right.addStretch(1)
        self.apply_button = QPushButton("Apply")
        self.apply_button.clicked.connect(self.apply_current)
        self.open_button = QPushButton("Open Document to Quote")
        self.open_button.clicked.connect(self._open_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._form_id: str | None = None  # the source the form shows
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(buttons)
        right.addLayout(row)
        layout.addLayout(right, 2)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        """Re-read the sources (after any change, undo included), keeping the choice if it lives."""
        rows = [
            (source_id, f"{_text(data.get('title')) or '(untitled)'}  [{source_id}]")
            for source_id, data in self._sources().items()
        ]
        refill_list(self.list, rows, select or self.current_id())
        self._show_current()

    def current_id(self) -> str | None:
        return list_key(self.list)

    def _on_current_changed(self) -> None:
        pending = self._pending()
        self._show_current()
        if pending is not None:  # after the list's own signal: applying re-reads the list
            QTimer.singleShot(0, lambda: self.sigSetSource.emit(*pending))

    def _show_current(self) -> None:
        source_id = self.current_id()
        self._form_id = source_id
        data = self._sources().get(source_id or "", {})
        self.id_label.setText(source_id or "")
        for key, line in self.fields.items():
            line.setText(_text(data.get(key)))
            line.setEnabled(source_id is not None)
        self.apply_button.setEnabled(source_id is not None)
        self.open_button.setEnabled(source_id is not None)
        self.remove.setEnabled(source_id is not None)
        n = self._cited(source_id) if source_id else 0
        self.usage.setText(f"Cited by {n} excerpt(s)." if source_id else "No sources yet: add one.")

    def _on_date_typed(self, text: str) -> None:
        if not text.strip():
            self.date_note.setText("Not stated")
            return
        self.date_note.setText(date_feedback(text)[1])

    def merged(self, source_id: str) -> dict[str, Any]:
        """The source's data with the form's fields in it: a field the form does not show is
        kept, an emptied one removed, an unchanged one kept as stored (its type and quoting)."""
        data = {key: copy.deepcopy(value) for key, value in self._sources().get(source_id, {}).items()}
        for key, line in self.fields.items():
            text = line.text().strip()
            if text == _text(data.get(key)).strip():
                continue
            if text:
                data[key] = text
            else:
                data.pop(key, None)
        return data

    def _pending(self) -> tuple[str, dict[str, Any]] | None:
        """What was typed in the form and not applied yet, for the source it belongs to."""
        source_id = self._form_id
        stored = self._sources().get(source_id or "")
        if source_id is None or stored is None:
            return None
        data = self.merged(source_id)
        return None if data == dict(stored) else (source_id, data)

    def done(self, result: int) -> None:
        """Close (or Escape, or the window's close button) applies what was typed, never drops it."""
        pending = self._pending()
        if pending is not None:
            self.sigSetSource.emit(*pending)
        super().done(result)

    def _open_current(self) -> None:
        source_id = self.current_id()
        if source_id is not None:
            self.sigOpenDocument.emit(source_id)

    def apply_current(self) -> None:
        source_id = self.current_id()
        if source_id is not None:
            self.sigSetSource.emit(source_id, self.merged(source_id))

    def add_source(self, data: Mapping[str, Any] | None = None) -> str:
        """Add a source (from `data`, or an untitled one to fill in) and choose it."""
        values = dict(data) if data else {"title": "Untitled source"}
        source_id = new_source_id(set(self._sources()), _text(values.get("author")) or "source")
        self.sigSetSource.emit(source_id, values)
        self.refresh(select=source_id)
        return source_id

    def remove_current(self) -> None:
        source_id = self.current_id()
        if source_id is not None:
            self.sigSetSource.emit(source_id, None)
            self.refresh()


def refill_list(widget: QListWidget, rows: list[tuple[str, str]], current: str | None) -> None:
    """Fill `widget` with (key, text) rows, silently, keeping `current` chosen where it is still
    there (else the first row); the key is kept as the item's data (`list_key`)."""
    widget.blockSignals(True)
    widget.clear()
    for key, text in rows:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        widget.addItem(item)
        if key == current:
            widget.setCurrentItem(item)
    if widget.currentItem() is None and widget.count():
        widget.setCurrentRow(0)
    widget.blockSignals(False)


def list_key(widget: QListWidget) -> str | None:
    """The key of the chosen row of a list filled by `refill_list`."""
    item = widget.currentItem()
    return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))
