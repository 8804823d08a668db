"""The questions saving asks the user, each a method, so tests answer them without a dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

SAVE_FILTERS = {
    "YAML (*.yaml *.yml)": "yaml",
    "CSV table, sources beside it (*.csv)": "csv",
    "JSON (*.json)": "json",
}
SUFFIXES = {"yaml": ".yaml", "csv": ".csv", "json": ".json"}


def path_and_format(name: str, chosen_filter: str) -> tuple[Path, str]:
    """The file and format a save dialog's answer means: the extension decides, else the filter
    (which then adds its extension)."""
    path = Path(name)
    by_suffix = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".json": "json"}.get(path.suffix.lower())
    if by_suffix is not None:
        return path, by_suffix
    fmt = SAVE_FILTERS.get(chosen_filter, "yaml")
    return path.with_name(path.name + SUFFIXES[fmt]), fmt


class Prompts:
    """Dialogs over `parent`; every answer is a plain word."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def unsaved(self, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"{name} has changes that are not saved.")
        box.setInformativeText("Save them before going on?")
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(answer), "cancel")

    def save_path(self, start: str, fmt: str) -> tuple[Path, str] | None:
        """Where to save, and as what; None if the user cancelled."""
        filters = list(SAVE_FILTERS)
        chosen = next((f for f, v in SAVE_FILTERS.items() if v == fmt), filters[0])
        name, used = QFileDialog.getSaveFileName(
            self.parent, "Save timeline as", start, ";;".join(filters), chosen
        )
        return path_and_format(name, used) if name else None

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def save_with_problems(self, name: str, warning: str) -> bool:
        """Saving a chronology with problems: only after a warning that names them."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Save with problems?", f"{name}: {warning}", parent=self.parent
        )
        box.setInformativeText("The file will not open until they are fixed. Save it anyway?")
        save = box.addButton("Save Anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is save

    def overwrite_changed(self, name: str) -> str:
        """The file changed on disk since it was opened: 'overwrite', 'save_as' or 'cancel'."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File changed on disk")
        box.setText(f"{name} was changed by another program since you opened it.")
        box.setInformativeText("Saving now replaces those changes with yours.")
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return "overwrite" if clicked is overwrite else "save_as" if clicked is save_as else "cancel"

    def changed_on_disk(self, name: str, theirs: str, mine: str) -> str:
        """Both sides shown: 'reload' (lose mine), 'keep' (mine) or 'save_as'."""
        dialog = ConflictDialog(name, theirs, mine, self.parent)
        dialog.exec()
        return dialog.answer

    def restore(self, name: str, when: str) -> str:
        """'restore', 'discard' or 'later'."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Recover unsaved edits")
        box.setText(f"Edits to {name} that were never saved were kept from {when}.")
        box.setInformativeText(
            "Restore them (they stay unsaved until you save), discard them for good, or decide later."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        return "restore" if clicked is restore else "discard" if clicked is discard else "later"


class ConflictDialog(QDialog):
    """The file changed on disk while edits are unsaved: both changes side by side."""

    def __init__(self, name: str, theirs: str, mine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("File changed on disk")
        self.answer = "keep"
        grid = QGridLayout(self)
        heading = QLabel(
            f"{name} was changed by another program, and you have unsaved edits. "
            "Nothing has been overwritten. Choose which to keep."
        )
        heading.setWordWrap(True)
        grid.addWidget(heading, 0, 0, 1, 2)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for column, (title, text) in enumerate(
            (("What changed on disk", theirs), ("What you changed (not saved)", mine))
        ):
            grid.addWidget(QLabel(title), 1, column)
            view = QPlainTextEdit(text or "(no difference)")
            view.setReadOnly(True)
            view.setFont(font)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            grid.addWidget(view, 2, column)
        buttons = QDialogButtonBox()
        for answer, label in (
            ("reload", "Reload (lose my edits)"),
            ("keep", "Keep mine"),
            ("save_as", "Save mine As…"),
        ):
            button = QPushButton(label)
            button.setObjectName(answer)
            button.clicked.connect(lambda _checked=False, a=answer: self._choose(a))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        grid.addWidget(buttons, 3, 0, 1, 2)
        self.resize(1000, 560)

    def _choose(self, answer: str) -> None:
        self.answer = answer
        self.accept()
