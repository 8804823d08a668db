"""The search box: type to filter; Enter/Down and Up/Shift+Enter step through the matches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

_OWN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Escape)


class SearchEdit(QLineEdit):
    """A line edit that keeps Enter, arrows and Escape from the window's shortcuts."""

    sigStep = Signal(int)  # +1 next match, -1 previous
    sigEscape = Signal()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and e.key() in _OWN_KEYS:
            e.accept()  # these keys are ours while the box has focus, not the window's actions
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, shift = e.key(), bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sigStep.emit(-1 if shift else 1)
        elif key == Qt.Key.Key_Down:
            self.sigStep.emit(1)
        elif key == Qt.Key.Key_Up:
            self.sigStep.emit(-1)
        elif key == Qt.Key.Key_Escape:
            self.sigEscape.emit()
        else:
            super().keyPressEvent(e)


class SearchBar(QWidget):
    """The box and its count ("3 of 12 matches"); `sigChanged` fires 150 ms after typing stops."""

    sigChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = SearchEdit()
        self.edit.setPlaceholderText("Search titles, summaries and quotes")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(360)
        self.edit.setToolTip("Enter or ↓: next match · Shift+Enter or ↑: previous · Esc: clear")
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(110)
        box = QHBoxLayout(self)
        box.setContentsMargins(4, 0, 4, 0)
        box.addWidget(self.edit)
        box.addWidget(self.count)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(lambda _t: self._timer.start())

    def text(self) -> str:
        return self.edit.text()

    def flush(self) -> None:
        """Announce the text now (a step key pressed before the timer fired searches first)."""
        self._timer.stop()
        self.sigChanged.emit(self.edit.text())

    def pending(self) -> bool:
        return self._timer.isActive()

    def clear(self) -> None:
        """Empty the box without waiting for the timer."""
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.flush()

    def focus_box(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()
