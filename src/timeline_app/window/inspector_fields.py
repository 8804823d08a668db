"""The inspector's field widgets: a line that commits once, a text box that commits on leaving,
a date line that says as you type how it will be read, and a note for the field's problems."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from timeline_app.model.dates import LOOSE, DateError, parse_date, parse_range, range_from_texts

FEEDBACK_OK = ""  # the palette's text colour: the reading must be legible
FEEDBACK_BAD = "color: #c0392b;"


def date_feedback(text: str, *, end: str = "") -> tuple[bool, str]:
    """How a start date (and an end, if any) will be read: (readable, what to show under the field).

    "December 2013" -> (True, "December 2013, month precision"); an unreadable text gives the
    parser's own message, which says what to write instead."""
    if not text.strip():
        return False, "A date is needed (2013-12, December 2013, spring 2023, c. 1850…)"
    try:
        if end.strip():
            when = range_from_texts(text, end)
            span = (when.end or when.start).precision.value
            return True, f"Reads as {when.text()}, {when.start.precision.value} to {span} precision"
        if "/" in text:  # a whole interval typed in the date field
            when = parse_range(text)
            return True, f"Reads as {when.text()}"
        date = parse_date(text)
    except DateError as exc:
        return False, str(exc)
    return True, f"Reads as {date.text()}, {date.precision.value} precision"


class FormCombo(QComboBox):
    """A combo in the scrolled form: the wheel scrolls the form and never changes the choice.

    Qt's combo takes the wheel even unfocused, so scrolling the inspector with the pointer over
    the category box changed the event's category (an excerpt's source too), with no click."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # ignored, it goes on to the scroll area


def split_date(text: str) -> tuple[str, str]:
    """A `date:` text as the start and end fields show it ("2022/" has the end "unknown"); an
    open or unknown start stays whole in the start field."""
    left, slash, right = (part.strip() for part in text.partition("/"))
    if not slash or left in ("", ".."):
        return text.strip(), ""
    return left, right or "unknown"


def end_feedback(start: str, end: str) -> tuple[bool, str]:
    """The end field's note: empty for no end, else the whole range as it will be read."""
    if not end.strip():
        return True, "No end: a single date"
    if end.strip() in LOOSE:
        word = "still going" if end.strip() == LOOSE[0] else "end unknown"
        return True, f"{word} ('..' still going, 'unknown' end not known)"
    try:
        parse_date(end)
    except DateError as exc:
        return False, str(exc)
    return date_feedback(start, end=end) if start.strip() else (True, "")


# The window's shortcuts on these keys (Return: Show Sources; Escape: Clear Selection; Delete:
# Delete Event) would take them from a field being typed in: the field keeps them.
FIELD_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Delete})
# Ctrl/Alt keys a text field handles itself; any other (Ctrl+S, Ctrl+Q, Ctrl+N...) is a command,
# and what is typed is committed before it runs, so Save never writes the field's old value.
EDIT_KEYS = frozenset(
    {
        Qt.Key.Key_A,
        Qt.Key.Key_C,
        Qt.Key.Key_V,
        Qt.Key.Key_X,
        Qt.Key.Key_Z,
        Qt.Key.Key_Y,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Shift,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Insert,
    }
)
COMMAND = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class KeepKeys(QObject):
    """On a field: keeps FIELD_KEYS from the window's shortcuts, and commits what is typed
    before any other command key reaches the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        command = bool(event.modifiers() & COMMAND)
        if event.key() in FIELD_KEYS and not command:
            event.accept()
        elif command and event.key() not in EDIT_KEYS:
            commit_field(watched)
        return False


def commit_field(widget: QObject) -> None:
    if isinstance(widget, CommitLine | CommitText):
        widget.commit()
    elif isinstance(widget, QLineEdit):
        widget.editingFinished.emit()


def keep_keys(widget: QWidget) -> QWidget:
    widget.installEventFilter(KeepKeys(widget))
    return widget


class ProblemNote(QLabel):
    """The loader's problems with one field, in red under it; hidden while there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(FEEDBACK_BAD)
        self.hide()

    def set_problems(self, messages: list[str]) -> None:
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))


class CommitLine(QLineEdit):
    """A line that emits `sigCommitted(text)` once per change: on Return or on leaving it."""

    sigCommitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown = ""
        self.editingFinished.connect(self.commit)
        keep_keys(self)

    def show_value(self, text: str) -> None:
        """Show the model's value without committing it (the cursor stays if nothing changed)."""
        self._shown = text
        if self.text() != text:
            self.blockSignals(True)
            self.setText(text)
            self.setCursorPosition(0)
            self.blockSignals(False)

    def commit(self) -> None:
        if self.text() != self._shown:
            self._shown = self.text()
            self.sigCommitted.emit(self.text())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() == Qt.FocusReason.PopupFocusReason:
            self.commit()  # a menu opened: its command may save (QLineEdit waits for a real leave)
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text() != self._shown:
            self.setText(self._shown)  # Escape takes back what was typed
            return
        super().keyPressEvent(event)


class CommitText(QPlainTextEdit):
    """A text box that emits `sigCommitted(text)` when it loses the focus with a change in it."""

    sigCommitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self._shown = ""
        self.setTabChangesFocus(True)
        keep_keys(self)
        height = self.fontMetrics().lineSpacing() * lines + 12
        self.setFixedHeight(height)

    def show_value(self, text: str) -> None:
        self._shown = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._shown:
            self._shown = text
            self.sigCommitted.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class DateLine(CommitLine):
    """A date line with a note under it that reads the text on every keystroke."""

    def __init__(self, note: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = note
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.partner: DateLine | None = None  # the end date reads with its start
        self.is_end = False
        self.optional = False  # empty is fine (a date an excerpt claims)
        self.reads = True  # whether the text is read as a date (after the last refresh)
        self.textChanged.connect(self.refresh_note)

    def refresh_note(self) -> None:
        if self.is_end and self.partner is not None:
            ok, text = end_feedback(self.partner.text(), self.text())
        elif self.optional and not self.text().strip():
            ok, text = True, ""
        else:
            ok, text = date_feedback(self.text())
        self.reads = ok
        self.note.setText(text)
        self.note.setStyleSheet(FEEDBACK_OK if ok else FEEDBACK_BAD)
        if not self.is_end and self.partner is not None:
            self.partner.refresh_note()
