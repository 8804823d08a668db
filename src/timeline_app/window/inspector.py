"""The inspector: the selected event's fields, editable, beside the reading view.

It shows the event as the chronology holds it (the texts as written, so a date keeps the words
the user typed) and reports each committed change as a signal; the window turns each into one
undoable edit. Problems the loader finds with a field show in red under that field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from timeline_app.window.inspector_fields import (
    CommitLine,
    CommitText,
    DateLine,
    FormCombo,
    ProblemNote,
    keep_keys,
    split_date,
)

EVENT_KEYS = ("title", "start", "end", "category", "status", "summary", "inferred", "date_note")


def narrow_combo(combo: QComboBox) -> QComboBox:
    """A combo as narrow as the dock: a long source title is elided, not widening the form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    keep_keys(combo)  # Delete on a combo is not Delete Event
    return combo


def _text(value: Any) -> str:
    return "" if value is None or value is False else str(value)


class ExcerptBox(QGroupBox):
    """One excerpt: the source it quotes, the quote, the date it claims; a button removes it."""

    sigChanged = Signal(int, str, object)  # excerpt index, key, value (None: remove the key)
    sigRemove = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Excerpt {index + 1}", parent)
        self.index = index
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.source = narrow_combo(FormCombo())
        self.source.currentIndexChanged.connect(self._on_source)
        self.quote = CommitText(lines=4)
        self.claims = DateLine(QLabel())
        self.claims.setPlaceholderText("only if the passage states another date")
        self.claims.optional = True
        self.notes = {key: ProblemNote() for key in ("source", "quote", "claims_date")}
        form.addRow("Source", self.source)
        form.addRow("", self.notes["source"])
        form.addRow("Quote", self.quote)
        form.addRow("", self.notes["quote"])
        self.context = QLabel()
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.context.setWordWrap(True)
        self.context.setStyleSheet("color: palette(mid);")
        form.addRow("", self.context)
        form.addRow("Claims date", self.claims)
        form.addRow("", self.claims.note)
        form.addRow("", self.notes["claims_date"])
        remove = QPushButton("Remove Excerpt")
        remove.clicked.connect(lambda: self.sigRemove.emit(self.index))
        form.addRow("", remove)
        self.quote.sigCommitted.connect(lambda text: self.sigChanged.emit(self.index, "quote", text))
        self.claims.sigCommitted.connect(
            lambda text: self.sigChanged.emit(self.index, "claims_date", text.strip() or None)
        )

    def show_excerpt(self, data: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self.source.blockSignals(True)
        self.source.clear()
        for source_id, title in sources.items():
            self.source.addItem(f"{title} ({source_id})", source_id)
        current = _text(data.get("source"))
        if current and current not in sources:
            self.source.addItem(f"{current} (not described under sources)", current)
        self.source.setCurrentIndex(max(0, self.source.findData(current)))
        self.source.blockSignals(False)
        self.quote.show_value(_text(data.get("quote")))
        self.claims.show_value(_text(data.get("claims_date")))
        self.claims.refresh_note()
        prefix, suffix = _text(data.get("prefix")), _text(data.get("suffix"))
        self.context.setText(f"…{prefix}[quote]{suffix}…" if prefix or suffix else "")
        self.context.setVisible(bool(prefix or suffix))

    def _on_source(self) -> None:
        self.sigChanged.emit(self.index, "source", self.source.currentData())


class Inspector(QWidget):
    """The form. `show_event(None)` shows a hint instead of fields."""

    sigFieldChanged = Signal(str, object)  # key, value (None: remove the key)
    sigExcerptChanged = Signal(int, str, object)
    sigExcerptAdded = Signal()
    sigExcerptRemoved = Signal(int)
    sigTimelineChanged = Signal(str, object)  # "title" or "description", value (None: remove)

    def __init__(self, statuses: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.hint = QWidget()  # with no event selected: the chronology's own title and description
        hint_form = QFormLayout(self.hint)
        hint_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        note = QLabel("Select an event to edit it, or choose Edit › New Event (Ctrl+N).")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.timeline_title = CommitLine()
        self.description = CommitText(lines=4)
        hint_form.addRow(note)
        hint_form.addRow("Chronology", self.timeline_title)
        hint_form.addRow("Description", self.description)
        self.timeline_title.sigCommitted.connect(lambda t: self.sigTimelineChanged.emit("title", t or None))
        self.description.sigCommitted.connect(
            lambda t: self.sigTimelineChanged.emit("description", t or None)
        )
        outer.addWidget(self.hint)
        outer.addStretch(0)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps
        outer.addWidget(self.scroller, 1)
        body = QWidget()
        self.scroller.setWidget(body)
        self.body = QVBoxLayout(body)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(form)
        self.title = CommitLine()
        self.start = DateLine(QLabel())
        self.end = DateLine(QLabel())
        self.start.partner, self.end.partner, self.end.is_end = self.end, self.start, True
        self.start.setPlaceholderText("2013-12, December 2013, spring 2023, c. 1850…")
        self.end.setPlaceholderText("empty for a single date; '..' if still going")
        self.category = narrow_combo(FormCombo())
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.category.lineEdit()
        assert line is not None  # an editable combo has one
        keep_keys(line)
        line.editingFinished.connect(self._on_category)
        self.category.activated.connect(lambda _i: self._on_category())
        self.status: QComboBox | None = None
        self.summary = CommitText(lines=4)
        self.inferred = QCheckBox("inferred, not stated")
        keep_keys(self.inferred)
        self.inferred.setToolTip("The date is worked out from context, not stated by a source")
        self.inferred.toggled.connect(lambda on: self.sigFieldChanged.emit("inferred", True if on else None))
        self.date_note = CommitLine()
        self.date_note.setPlaceholderText("how the date was worked out")
        self.notes = {key: ProblemNote() for key in (*EVENT_KEYS, "id", "excerpts", "")}
        self.body.insertWidget(0, self.notes[""])  # the event as a whole, and keys the form does not show
        self.id_label = QLabel()
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.id_label.setTextFormat(Qt.TextFormat.PlainText)
        rows: list[tuple[str, QWidget, str]] = [
            ("Id", self.id_label, "id"),
            ("Title", self.title, "title"),
            ("Date", self.start, "start"),
            ("", self.start.note, ""),
            ("End", self.end, "end"),
            ("", self.end.note, ""),
            ("Category", self.category, "category"),
        ]
        if statuses:
            self.status = narrow_combo(FormCombo())
            self.status.addItems(list(statuses))
            self.status.activated.connect(lambda _i: self._on_status())
            rows.append(("Status", self.status, "status"))
        rows += [
            ("Summary", self.summary, "summary"),
            ("Date is", self.inferred, "inferred"),
            ("Date note", self.date_note, "date_note"),
        ]
        for label, widget, key in rows:
            form.addRow(label, widget)
            if key:
                form.addRow("", self.notes[key])
        for key, line in (("title", self.title), ("date_note", self.date_note)):
            line.sigCommitted.connect(lambda text, k=key: self.sigFieldChanged.emit(k, text or None))
        self.start.sigCommitted.connect(lambda text: self.sigFieldChanged.emit("start", text))
        self.end.sigCommitted.connect(lambda text: self.sigFieldChanged.emit("end", text.strip() or None))
        self.summary.sigCommitted.connect(lambda text: self.sigFieldChanged.emit("summary", text or None))
        self.excerpt_boxes: list[ExcerptBox] = []
        self.excerpt_area = QVBoxLayout()
        self.body.addWidget(self.notes["excerpts"])
        self.body.addLayout(self.excerpt_area)
        self.add_excerpt = QPushButton("Add Excerpt")
        self.add_excerpt.clicked.connect(self.sigExcerptAdded.emit)
        self.body.addWidget(self.add_excerpt)
        self.body.addStretch(1)
        self.event_id: str | None = None
        self.show_event(None)

    # --- showing --------------------------------------------------------------------------
    def show_timeline(self, title: str, description: str, editable: bool) -> None:
        """The chronology's title and description, shown while no event is selected."""
        self.timeline_title.show_value(title)
        self.description.show_value(description)
        for field in (self.timeline_title, self.description):
            field.setReadOnly(not editable)

    def show_event(
        self,
        data: Mapping[str, Any] | None,
        categories: Sequence[str] = (),
        sources: Mapping[str, str] | None = None,
    ) -> None:
        """Show an event's data as the chronology holds it; `sources` maps id -> title."""
        self.hint.setVisible(data is None)
        self.scroller.setVisible(data is not None)
        if data is None:
            self.event_id = None
            return
        self.event_id = _text(data.get("id"))
        self.id_label.setText(self.event_id)
        self.title.show_value(_text(data.get("title")))
        start, end = _date_texts(data)
        self.start.show_value(start)
        self.end.show_value(end)
        self.start.refresh_note()
        self._show_category(_text(data.get("category")), categories)
        if self.status is not None:
            self.status.setCurrentText(_text(data.get("status")) or "happened")
        self.summary.show_value(_text(data.get("summary")))
        self.inferred.blockSignals(True)
        self.inferred.setChecked(bool(data.get("inferred")))
        self.inferred.blockSignals(False)
        self.date_note.show_value(_text(data.get("date_note")))
        self._show_excerpts(list(data.get("excerpts") or []), sources or {})

    def _show_category(self, category: str, categories: Sequence[str]) -> None:
        combo = self.category
        combo.blockSignals(True)
        if [combo.itemText(i) for i in range(combo.count())] != list(categories):
            combo.clear()
            combo.addItems(list(categories))
        combo.setCurrentText(category)
        combo.blockSignals(False)
        self._category_shown = category

    def _show_excerpts(self, excerpts: list[Mapping[str, Any]], sources: Mapping[str, str]) -> None:
        while len(self.excerpt_boxes) > len(excerpts):
            box = self.excerpt_boxes.pop()
            self.excerpt_area.removeWidget(box)
            box.hide()  # deleteLater waits for the event loop; until then it would still be drawn
            box.setParent(None)
            box.deleteLater()
        while len(self.excerpt_boxes) < len(excerpts):
            box = ExcerptBox(len(self.excerpt_boxes))
            box.sigChanged.connect(self.sigExcerptChanged)
            box.sigRemove.connect(self.sigExcerptRemoved)
            self.excerpt_boxes.append(box)
            self.excerpt_area.addWidget(box)
        for box, excerpt in zip(self.excerpt_boxes, excerpts, strict=True):
            box.show_excerpt(excerpt if isinstance(excerpt, Mapping) else {}, sources)

    def show_problems(self, by_field: Mapping[str, list[str]]) -> None:
        """Each field's problems under it: keys as in EVENT_KEYS, or "excerpts.<n>.<key>"; the
        rest (the event as a whole, a key the form does not show) at the top."""
        shown = set(self.notes) | {
            f"excerpts.{box.index}.{key}" for box in self.excerpt_boxes for key in box.notes
        }
        rest = [m for key, messages in by_field.items() if key not in shown or not key for m in messages]
        for key, note in self.notes.items():
            note.set_problems(rest if key == "" else by_field.get(key, []))
        for line, key in ((self.start, "start"), (self.end, "end")):
            line.refresh_note()
            if by_field.get(key) and not line.reads:  # the loader says it, with the event's name
                line.note.setText("")
        for box in self.excerpt_boxes:
            for key, note in box.notes.items():
                note.set_problems(by_field.get(f"excerpts.{box.index}.{key}", []))

    # --- committing -----------------------------------------------------------------------
    def _on_category(self) -> None:
        text = self.category.currentText().strip()
        if text != self._category_shown:
            self._category_shown = text
            self.sigFieldChanged.emit("category", text)

    def _on_status(self) -> None:
        assert self.status is not None
        value = self.status.currentText()
        self.sigFieldChanged.emit("status", None if value == "happened" else value)

    def commit_pending(self) -> None:
        """Commit a text box still being typed in (before Undo, Save or a change of event)."""
        for box in (self.summary, self.description, *(b.quote for b in self.excerpt_boxes)):
            if box.hasFocus():
                box.commit()
        for line in (self.title, self.start, self.end, self.date_note, self.timeline_title):
            if line.hasFocus():
                line.commit()
        category = self.category.lineEdit()
        if category is not None and category.hasFocus():
            self._on_category()


def _date_texts(data: Mapping[str, Any]) -> tuple[str, str]:
    """The start and end texts of an event's data: `date` may hold one date or START/END."""
    if data.get("date") is not None:
        return split_date(_text(data.get("date")))
    return _text(data.get("start")), _text(data.get("end"))
