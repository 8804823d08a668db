"""Saving in the window: New, Save, Save As, the dirty mark, and the questions before anything is lost."""

import errno
import os
import shutil

import pytest
from PySide6.QtCore import Qt

from tests.conftest import FIXTURE
from tests.window.test_saving_support import FakePrompts, open_editor, retitle
from timeline_app.model.edit_ops import EditError, InsertEvent, SetEventField, SetTimelineField
from timeline_app.model.loader import load_path
from timeline_app.window.save_prompts import path_and_format

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, settings, tmp_path):
    return open_editor(qtbot, settings, tmp_path)


def test_an_edit_shows_on_the_canvas_and_marks_the_window_dirty(editor):
    assert not editor.isWindowModified()
    assert "[*]" in editor.windowTitle()
    retitle(editor)
    assert editor.isWindowModified()
    assert editor.state.timeline.event("funding").title == "Money set aside, retitled"


def test_ctrl_s_saves_one_changed_line_and_clears_the_mark(editor, qtbot):
    before = editor.path.read_text().splitlines()
    retitle(editor)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    after = editor.path.read_text().splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ("    title: Money first set aside for a bridge", "    title: Money set aside, retitled")
    ]
    assert not editor.isWindowModified()


def test_undoing_back_to_the_saved_text_clears_the_mark(editor):
    undo = retitle(editor)
    editor.saving.apply(undo)
    assert not editor.isWindowModified()


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".json"])
def test_save_as_writes_the_format_its_name_asks_for(editor, tmp_path, suffix):
    target = tmp_path / f"copy{suffix}"
    editor.saving.prompts.answers["save_path"] = (target, path_and_format(str(target), "")[1])
    retitle(editor)
    assert editor.saving.save_as()
    assert [e.title for e in load_path(target).events] == [e.title for e in editor.state.timeline.events]
    assert editor.path == target
    assert editor.windowTitle().startswith(f"copy{suffix}[*]")
    assert not editor.isWindowModified()


def test_the_save_dialogs_filter_adds_its_extension_when_the_name_has_none():
    assert path_and_format("/x/notes", "CSV table, sources beside it (*.csv)")[1] == "csv"
    assert path_and_format("/x/notes", "JSON (*.json)")[0].name == "notes.json"
    assert path_and_format("/x/notes.yml", "JSON (*.json)")[1] == "yaml"


def test_a_full_disk_keeps_the_old_file_and_says_which_file_and_why(editor, monkeypatch):
    before = editor.path.read_bytes()
    retitle(editor)

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    assert not editor.saving.save()
    monkeypatch.undo()
    assert editor.path.read_bytes() == before
    assert [p.name for p in editor.path.parent.iterdir() if p.name.endswith(".tmp")] == []
    (question, _title, text) = editor.saving.prompts.asked[-1]
    assert question == "error"
    assert str(editor.path) in text and "disk is full" in text and "old file is unchanged" in text
    assert editor.isWindowModified()


def test_a_failed_fsync_keeps_the_old_file_too(editor, monkeypatch):
    before = editor.path.read_bytes()
    retitle(editor)

    def failing(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", failing)
    assert not editor.saving.save()
    monkeypatch.undo()
    assert editor.path.read_bytes() == before
    assert "Input/output error" in editor.saving.prompts.asked[-1][2]


@pytest.mark.parametrize(
    ("answer", "closed", "saved"), [("cancel", False, False), ("discard", True, False), ("save", True, True)]
)
def test_closing_with_unsaved_edits_asks_save_discard_or_cancel(editor, answer, closed, saved):
    before = editor.path.read_bytes()
    retitle(editor)
    editor.saving.prompts.answers["unsaved"] = answer
    editor.close()
    assert editor.saving.prompts.asked[0] == ("unsaved", "small.yaml")
    assert editor.isVisible() is not closed
    assert (editor.path.read_bytes() != before) is saved


def test_closing_without_edits_asks_nothing(editor):
    editor.close()
    assert editor.saving.prompts.asked == []
    assert not editor.isVisible()


def test_opening_another_file_with_unsaved_edits_asks_first_and_cancel_keeps_them(editor, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copyfile(FIXTURE, other)
    retitle(editor)
    editor.saving.prompts.answers["unsaved"] = "cancel"
    editor.open_file(other)
    assert editor.path.name == "small.yaml"
    assert editor.state.timeline.event("funding").title == "Money set aside, retitled"
    editor.saving.prompts.answers["unsaved"] = "discard"
    editor.open_file(other)
    assert editor.path == other
    assert not editor.isWindowModified()


def test_file_new_starts_an_empty_untitled_chronology_and_save_asks_where(editor, tmp_path):
    editor.saving.act_new.trigger()
    assert editor.windowTitle().startswith("Untitled[*]")
    assert len(editor.state.timeline.events) == 0
    assert editor.path is None
    editor.saving.apply(
        InsertEvent(0, {"id": "first", "title": "First", "date": "2024-05", "category": "note"})
    )
    assert [e.title for e in editor.state.timeline.events] == ["First"]
    target = tmp_path / "new.yaml"
    editor.saving.prompts.answers["save_path"] = (target, "yaml")
    editor.saving.act_save.trigger()
    assert editor.saving.prompts.asked[-1][0] == "save_path"
    assert load_path(target).events[0].title == "First"
    assert target.read_text().startswith("title: Untitled\n")


def test_file_new_with_unsaved_edits_asks_first(editor):
    retitle(editor)
    editor.saving.prompts.answers["unsaved"] = "cancel"
    editor.saving.new_document()
    assert editor.path.name == "small.yaml"
    assert editor.isWindowModified()


def test_an_edit_that_makes_the_chronology_invalid_lists_its_problems_and_keeps_the_last_valid_view(editor):
    retitle(editor, title="A valid title")
    editor.saving.apply(SetEventField("funding", "date", "someday soon"))
    assert editor.errors.isVisibleTo(editor)
    assert "small.yaml" in editor.errors.details.toPlainText()
    assert editor.state.timeline.event("funding").title == "A valid title"


def test_a_chronology_with_problems_is_saved_only_after_a_warning_that_names_them(editor):
    before = editor.path.read_bytes()
    editor.saving.apply(SetEventField("funding", "date", "someday soon"))
    editor.saving.prompts.answers["save_with_problems"] = False
    assert not editor.saving.save()
    assert editor.path.read_bytes() == before and editor.isWindowModified()
    [(_, name, warning)] = [a for a in editor.saving.prompts.asked if a[0] == "save_with_problems"]
    assert name == "small.yaml" and "event 'funding', date: " in warning
    editor.saving.prompts.answers["save_with_problems"] = True
    assert editor.saving.save()
    assert "someday soon" in editor.path.read_text()


def test_saving_over_a_file_changed_on_disk_asks_first(editor):
    retitle(editor)
    editor.path.write_text(editor.path.read_text() + "\n# changed by another program\n")
    editor.saving.prompts.answers["overwrite_changed"] = "cancel"
    assert not editor.saving.save()
    assert editor.path.read_text().endswith("# changed by another program\n")
    editor.saving.prompts.answers["overwrite_changed"] = "overwrite"
    assert editor.saving.save()
    assert "retitled" in editor.path.read_text()


def test_saving_the_bundled_chronology_asks_where(qtbot, settings, tmp_path):
    from timeline_app.resources import default_dataset
    from timeline_app.window.main_window import MainWindow

    settings.setValue("recovery/folder", str(tmp_path / "recovery"))
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.saving.prompts = FakePrompts(save_path=(tmp_path / "mine.yaml", "yaml"))
    assert win.open_path(default_dataset())
    before = default_dataset().read_bytes()
    win.saving.apply(SetTimelineField("title", "My copy"))
    assert win.saving.save()
    assert default_dataset().read_bytes() == before
    assert load_path(tmp_path / "mine.yaml").title == "My copy"


def test_a_file_too_large_to_edit_here_says_so_and_stays_as_it_was(editor, monkeypatch):
    from timeline_app.window import saving

    monkeypatch.setattr(saving, "EDIT_LIMIT_BYTES", 100)
    with pytest.raises(EditError):
        retitle(editor)
    assert "too large to edit in the window" in editor.statusBar().currentMessage()
    assert editor.state.timeline.event("funding").title == "Money first set aside for a bridge"
    assert not editor.isWindowModified()
