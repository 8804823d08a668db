"""A file changed on disk while edits are unsaved: neither side is overwritten without asking."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from tests.window.test_saving_support import open_editor, retitle
from timeline_app.window.save_prompts import ConflictDialog

pytestmark = pytest.mark.gui

THEIRS = ("Money first set aside for a bridge", "Money set aside, as another program wrote it")


@pytest.fixture
def editor(qtbot, settings, tmp_path):
    return open_editor(qtbot, settings, tmp_path)


def change_on_disk(path: Path) -> None:
    path.write_text(path.read_text().replace(*THEIRS))


def test_without_unsaved_edits_a_change_on_disk_is_shown_at_once(editor, qtbot):
    change_on_disk(editor.path)
    qtbot.waitUntil(lambda: editor.state.timeline.event("funding").title == THEIRS[1], timeout=5000)
    assert editor.saving.prompts.asked == []


def test_with_unsaved_edits_both_changes_are_shown_and_nothing_is_overwritten(editor, qtbot):
    retitle(editor)
    editor.saving.prompts.answers["changed_on_disk"] = "keep"
    change_on_disk(editor.path)
    qtbot.waitUntil(lambda: len(editor.saving.prompts.asked) > 0, timeout=5000)
    (question, name, theirs, mine) = editor.saving.prompts.asked[0]
    assert (question, name) == ("changed_on_disk", "small.yaml")
    assert f"+    title: {THEIRS[1]}" in theirs
    assert "+    title: Money set aside, retitled" in mine
    assert editor.state.timeline.event("funding").title == "Money set aside, retitled"
    assert THEIRS[1] in editor.path.read_text()  # theirs is still on disk
    assert editor.isWindowModified()


def test_keep_mine_then_save_replaces_the_disk_version_without_asking_again(editor):
    retitle(editor)
    editor.saving.prompts.answers["changed_on_disk"] = "keep"
    change_on_disk(editor.path)
    editor.saving.on_file_changed()
    assert editor.saving.save()
    assert [q[0] for q in editor.saving.prompts.asked] == ["changed_on_disk"]
    assert "retitled" in editor.path.read_text()


def test_reload_takes_the_disk_version_and_drops_mine(editor):
    retitle(editor)
    editor.saving.autosave.tick()
    editor.saving.prompts.answers["changed_on_disk"] = "reload"
    change_on_disk(editor.path)
    editor.saving.on_file_changed()
    assert editor.state.timeline.event("funding").title == THEIRS[1]
    assert not editor.isWindowModified()
    assert list(editor.saving.autosave.folder.glob("*.json")) == []


def test_save_as_keeps_theirs_where_it_is_and_mine_in_the_new_file(editor, tmp_path):
    retitle(editor)
    original = editor.path
    target = tmp_path / "mine.yaml"
    editor.saving.prompts.answers.update(changed_on_disk="save_as", save_path=(target, "yaml"))
    change_on_disk(original)
    editor.saving.on_file_changed()
    assert THEIRS[1] in original.read_text()
    assert "retitled" in target.read_text()
    assert editor.path == target


def test_a_touch_that_changes_no_byte_asks_nothing(editor):
    retitle(editor)
    editor.path.write_bytes(editor.path.read_bytes())
    editor.saving.on_file_changed()
    assert editor.saving.prompts.asked == []


def test_our_own_save_is_not_taken_for_a_change_by_another_program(editor, qtbot):
    retitle(editor)
    assert editor.saving.save()
    retitle(editor, title="Edited after saving")
    qtbot.wait(800)  # longer than the watcher's 300 ms debounce
    assert editor.saving.prompts.asked == []
    assert editor.state.timeline.event("funding").title == "Edited after saving"


def test_the_conflict_dialog_shows_both_sides_and_returns_the_choice(qtbot):
    dialog = ConflictDialog("small.yaml", "+ theirs", "+ mine")
    qtbot.addWidget(dialog)
    assert [v.toPlainText() for v in dialog.findChildren(QPlainTextEdit)] == ["+ theirs", "+ mine"]
    dialog.findChild(QPushButton, "reload").click()
    assert dialog.answer == "reload"
