"""The real dialogs behind the saving questions: each button gives its word."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from timeline_app.window.save_prompts import ConflictDialog, Prompts

pytestmark = pytest.mark.gui


def click_later(text):
    """Click the button labelled `text` on the dialog that is about to open."""

    def click():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, click)
            return
        for button in dialog.findChildren(QPushButton):
            if button.text().replace("&", "") == text:
                button.click()
                return
        dialog.reject()
        raise AssertionError(f"no button {text!r}")

    QTimer.singleShot(20, click)


@pytest.mark.parametrize(("button", "word"), [("Save", "save"), ("Discard", "discard"), ("Cancel", "cancel")])
def test_unsaved_changes_asks_save_discard_or_cancel(qtbot, button, word):
    click_later(button)
    assert Prompts(None).unsaved("notes.yaml") == word


@pytest.mark.parametrize(
    ("button", "word"), [("Restore", "restore"), ("Discard", "discard"), ("Later", "later")]
)
def test_recovery_asks_restore_discard_or_later(qtbot, button, word):
    click_later(button)
    assert Prompts(None).restore("notes.yaml", "2026-01-01 10:00:00") == word


@pytest.mark.parametrize(
    ("button", "word"), [("Overwrite", "overwrite"), ("Save As…", "save_as"), ("Cancel", "cancel")]
)
def test_saving_over_a_changed_file_asks_overwrite_save_as_or_cancel(qtbot, button, word):
    click_later(button)
    assert Prompts(None).overwrite_changed("notes.yaml") == word


@pytest.mark.parametrize(
    ("button", "word"),
    [("Reload (lose my edits)", "reload"), ("Keep mine", "keep"), ("Save mine As…", "save_as")],
)
def test_the_conflict_dialog_buttons(qtbot, button, word):
    click_later(button)
    assert Prompts(None).changed_on_disk("notes.yaml", "+ theirs", "+ mine") == word


def test_closing_the_conflict_dialog_keeps_mine(qtbot):
    dialog = ConflictDialog("notes.yaml", "", "")
    qtbot.addWidget(dialog)
    dialog.reject()
    assert dialog.answer == "keep"


def test_an_error_is_shown_as_a_critical_message(qtbot):
    seen = []

    def close():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close)
            return
        seen.append((isinstance(box, QMessageBox), box.text()))
        box.accept()

    QTimer.singleShot(20, close)
    Prompts(None).error("Could not save", "cannot write notes.yaml: the disk is full")
    assert seen == [(True, "cannot write notes.yaml: the disk is full")]
