"""Recovery files attacked: one nested past Python's recursion limit, one whose time is out of
any calendar, one that names another document, one that is a link to a system file. Each is
passed over (or offered with its own file time), never a traceback at start-up."""

import json
import os
import time
from pathlib import Path

import pytest

from tests.window.test_autosave import killed_with_edits, reopen
from tests.window.test_saving_support import open_editor
from timeline_app.window.autosave import read_recovery

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, settings, tmp_path):
    return open_editor(qtbot, settings, tmp_path)


def test_a_recovery_nested_past_the_recursion_limit_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    assert read_recovery(path) is None


@pytest.mark.parametrize("written", ["1e300", "-1e300", "NaN", "Infinity", "1e12"])
def test_a_recovery_written_at_an_impossible_time_takes_its_files_time(tmp_path: Path, written: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(f'{{"document": null, "text": "title: T", "written": {written}}}')
    recovery = read_recovery(path)
    assert recovery is not None
    assert recovery.written == path.stat().st_mtime


def test_a_recovery_that_links_to_a_system_file_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.symlink_to("/etc/passwd")
    assert read_recovery(path) is None


def test_a_recovery_at_an_impossible_time_is_offered_without_a_traceback(editor, qtbot, settings):
    path, [left] = killed_with_edits(editor)
    record = json.loads(left.read_text(encoding="utf-8"))
    left.write_text(json.dumps({**record, "written": 1e300}), encoding="utf-8")
    later = time.time() + 60
    os.utime(left, (later, later))
    win = reopen(qtbot, settings, path, "restore")
    assert win.saving.prompts.asked and win.saving.prompts.asked[0][0] == "restore"
    assert win.state.timeline.event("funding").title == "Recovered title"


def test_a_recovery_that_names_another_document_is_not_offered_for_this_one(editor, qtbot, settings):
    path, [left] = killed_with_edits(editor)
    record = json.loads(left.read_text(encoding="utf-8"))
    left.write_text(json.dumps({**record, "document": "/etc/passwd"}), encoding="utf-8")
    win = reopen(qtbot, settings, path, "restore")
    assert win.saving.prompts.asked == []
    assert win.state.timeline.event("funding").title != "Recovered title"


def test_a_recovery_too_large_to_parse_in_time_is_passed_over(tmp_path: Path) -> None:
    """The window edits files up to 512 KB; a 60 MB recovery took ruamel minutes to parse on
    the window's thread when restored. It is left on disk, not offered."""
    path = tmp_path / "r.json"
    text = "title: T\nevents: []\ndescription: " + "x" * (3 * 1024 * 1024 // 2) + "\n"
    path.write_text(json.dumps({"document": None, "text": text, "written": 1.0}))
    assert read_recovery(path) is None
    assert path.exists()
