"""Nothing lost: unsaved edits reach a recovery file, survive a kill, and are offered back."""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import FIXTURE, REPO
from tests.window.test_saving_support import FakePrompts, open_editor, retitle
from timeline_app.model.edit_ops import InsertEvent, SetEventField

pytestmark = pytest.mark.gui

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from timeline_app.model.edit_ops import SetEventField
    from timeline_app.window.main_window import MainWindow

    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.saving.autosave.timer.setInterval(100)
    assert window.open_path(sys.argv[2])
    window.saving.apply(SetEventField("funding", "title", "Typed just before the kill"))
    folder = Path(settings.value("recovery/folder"))

    def check():
        if any(folder.glob("*.json")):
            print("autosaved", flush=True)

    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(50)
    app.exec()
    """
)


@pytest.fixture
def editor(qtbot, settings, tmp_path):
    return open_editor(qtbot, settings, tmp_path)


def recoveries(editor):
    folder = editor.saving.autosave.folder
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_a_killed_process_leaves_its_edits_and_the_next_start_restores_them(qtbot, settings, tmp_path):
    from timeline_app.window.main_window import MainWindow

    path = tmp_path / "small.yaml"
    shutil.copyfile(FIXTURE, path)
    before = path.read_bytes()
    settings.setValue("recovery/folder", str(tmp_path / "recovery"))
    settings.sync()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "src")}
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, settings.fileName(), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    ) as child:
        try:
            ready, _, _ = select.select([child.stdout], [], [], 60)  # never hang on a stuck child
            assert ready and child.stdout.readline().strip() == "autosaved"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == before  # the kill saved nothing: the edits are only in the recovery

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.saving.prompts = FakePrompts(restore="restore")
    assert win.open_path(path)
    qtbot.waitUntil(lambda: len(win.saving.prompts.asked) > 0)  # offered once the window runs
    assert win.saving.prompts.asked[0][:2] == ("restore", "small.yaml")
    assert win.state.timeline.event("funding").title == "Typed just before the kill"
    assert win.isWindowModified()
    assert win.saving.save()
    assert "Typed just before the kill" in path.read_text()
    assert recoveries(win) == []  # saved: the recovery went


def test_nothing_is_written_while_there_are_no_unsaved_edits(editor):
    editor.saving.autosave.tick()
    assert recoveries(editor) == []
    undo = retitle(editor)
    editor.saving.apply(undo)
    editor.saving.autosave.tick()
    assert recoveries(editor) == []


def test_the_recovery_holds_the_edited_chronology_and_names_its_document(editor):
    retitle(editor)
    editor.saving.autosave.tick()
    [file] = recoveries(editor)
    record = json.loads(file.read_text())
    assert record["document"] == str(editor.path.resolve())
    assert "Money set aside, retitled" in record["text"]


def test_the_timer_writes_it_every_few_seconds_only_when_dirty(editor, qtbot):
    editor.saving.autosave.timer.setInterval(50)
    retitle(editor)
    qtbot.waitUntil(lambda: len(recoveries(editor)) == 1, timeout=5000)


def test_saving_and_discarding_remove_the_recovery(editor):
    retitle(editor)
    editor.saving.autosave.tick()
    assert editor.saving.save()
    assert recoveries(editor) == []
    retitle(editor, title="Once more")
    editor.saving.autosave.tick()
    assert len(recoveries(editor)) == 1
    editor.saving.prompts.answers["unsaved"] = "discard"
    editor.saving.new_document()
    assert recoveries(editor) == []


def killed_with_edits(editor):
    """Leave a recovery behind as a killed run would: written, never removed."""
    retitle(editor, title="Recovered title")
    editor.saving.autosave.tick()
    return editor.path, recoveries(editor)


def reopen(qtbot, settings, path, answer):
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.saving.prompts = FakePrompts(restore=answer)
    assert win.open_path(path)
    qtbot.wait(50)  # the offer comes once the window's event loop runs
    return win


def test_later_keeps_the_recovery_for_the_next_start_and_edits_now_do_not_overwrite_it(
    editor, qtbot, settings
):
    path, [left] = killed_with_edits(editor)
    kept = left.read_bytes()
    win = reopen(qtbot, settings, path, "later")
    assert win.state.timeline.event("funding").title == "Money first set aside for a bridge"
    win.saving.apply(SetEventField("funding", "title", "Another edit"))
    win.saving.autosave.tick()
    assert left.read_bytes() == kept
    assert len(recoveries(win)) == 2


def test_discard_deletes_the_recovery(editor, qtbot, settings):
    path, [left] = killed_with_edits(editor)
    reopen(qtbot, settings, path, "discard")
    assert not left.exists()


def test_a_recovery_older_than_its_document_is_not_offered(editor, qtbot, settings):
    path, [left] = killed_with_edits(editor)
    later = time.time() + 60
    os.utime(path, (later, later))
    win = reopen(qtbot, settings, path, "restore")
    assert win.saving.prompts.asked == []
    assert left.exists()


def test_a_new_chronology_never_saved_is_offered_at_the_next_start(editor, qtbot, settings):
    editor.saving.new_document()
    editor.saving.apply(InsertEvent(0, {"id": "a", "title": "Unsaved new", "date": "2020", "category": "c"}))
    editor.saving.autosave.tick()
    win = reopen(qtbot, settings, editor.path or FIXTURE, "restore")
    assert win.saving.prompts.asked[-1][1] == "a new chronology (Untitled)"
    assert win.path is None
    assert [e.title for e in win.state.timeline.events] == ["Unsaved new"]
    assert win.isWindowModified()
