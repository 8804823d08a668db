"""Edit > Categories: rename a category across every event that has it, as one undo step."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.window.sources_editor import list_key, refill_list


class CategoriesEditor(QDialog):
    """The categories with how many events each has; a new name for the chosen one."""

    sigRename = Signal(str, str)  # old name, new name

    def __init__(self, counts: Callable[[], Mapping[str, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Categories")
        self.resize(420, 360)
        self._counts = counts
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._on_current())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("new name")
        self.name.returnPressed.connect(self.rename_current)
        self.rename = QPushButton("Rename")
        self.rename.clicked.connect(self.rename_current)
        row.addWidget(self.name, 1)
        row.addWidget(self.rename)
        layout.addLayout(row)
        self.note = QLabel(
            "Renaming to a name that exists merges the two. To add a category, type a new one "
            "in an event's Category field."
        )
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        rows = [
            (name, f"{name}  ({count} event{'s' if count != 1 else ''})")
            for name, count in self._counts().items()
        ]
        refill_list(self.list, rows, select or self.current())
        self._on_current()

    def current(self) -> str | None:
        return list_key(self.list)

    def _on_current(self) -> None:
        self.name.setText(self.current() or "")
        self.rename.setEnabled(self.current() is not None)

    def rename_current(self) -> None:
        old, new = self.current(), self.name.text().strip()
        if old is not None and new and new != old:
            self.sigRename.emit(old, new)
            self.refresh(select=new)
