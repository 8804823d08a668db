"""Start-up: the file named on the command line is read on a worker thread while the window is
built, and the window shows it exactly as if it had opened it itself: its events, or its
problems with file, line and column; a large file with its progress bar and Cancel."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import timeline_app
from tests.conftest import FIXTURE
from timeline_app import __version__, app
from timeline_app.model import load_path
from timeline_app.window import main_window
from timeline_app.window.main_window import MainWindow


def started(qtbot, settings, path):
    """A window given `path` the way `run_gui` gives it: its reading began before the window."""
    reading, stamp = app.start_reading(path)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.open_started(path, reading, stamp)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def held(monkeypatch):
    """Holds the start-up read after it has read its file, until the test releases it."""
    release = threading.Event()
    real = app.load_prepared

    def read_then_wait(path):
        result = real(path)
        release.wait(30)
        return result

    monkeypatch.setattr(app, "load_prepared", read_then_wait)
    yield release
    release.set()


def test_a_file_given_at_start_up_shows_its_events(qtbot, settings):
    """The events, the title and the file the window watches are those of the file."""
    win = started(qtbot, settings, FIXTURE)
    expected = load_path(FIXTURE)
    assert win.state is not None
    assert list(win.state.timeline.columns.ids) == list(expected.columns.ids)
    assert win.path == FIXTURE
    assert not win.errors.isVisible()
    assert not win.is_loading()
    assert FIXTURE.name in win.windowTitle()


def test_a_bad_file_given_at_start_up_shows_its_problems_with_line_and_column(qtbot, settings, write_yaml):
    bad = write_yaml("events:\n  - {id: a, title: x, date: '2000-13', category: a}\n", "bad.yaml")
    win = started(qtbot, settings, bad)
    assert win.state is None
    assert win.errors.isVisible()
    assert f"{bad}:2:" in win.errors.details.toPlainText()
    assert "month 13 does not exist" in win.errors.details.toPlainText()
    assert "No timeline is open" in win.panel.toPlainText()


def test_a_missing_file_given_at_start_up_says_so_in_the_window(qtbot, settings, tmp_path):
    missing = tmp_path / "missing.yaml"
    win = started(qtbot, settings, missing)
    assert win.state is None
    assert win.errors.isVisible()
    assert "missing.yaml" in win.errors.heading.text()


def test_a_large_file_given_at_start_up_shows_progress_then_its_events(qtbot, settings, monkeypatch, held):
    monkeypatch.setattr(main_window, "BACKGROUND_BYTES", -1)  # every file counts as large
    win = started(qtbot, settings, FIXTURE)
    assert win.is_loading() and win.background.panel.isVisible()
    assert win.state is None
    held.set()
    qtbot.waitUntil(lambda: not win.is_loading(), timeout=20_000)
    assert win.state is not None and len(win.state.timeline.events) == len(load_path(FIXTURE).events)
    assert not win.background.panel.isVisible()


def test_cancel_stops_waiting_for_the_file_given_at_start_up(qtbot, settings, monkeypatch, held):
    monkeypatch.setattr(main_window, "BACKGROUND_BYTES", -1)
    win = started(qtbot, settings, FIXTURE)
    qtbot.mouseClick(win.background.panel.cancel, Qt.MouseButton.LeftButton)
    assert not win.background.panel.isVisible()
    held.set()
    qtbot.waitUntil(lambda: not win.is_loading(), timeout=20_000)
    assert win.state is None  # the cancelled read is dropped, never shown


def test_a_file_changed_while_it_was_read_at_start_up_shows_its_new_version(qtbot, settings, write_yaml):
    one = "title: T\nevents:\n  - {id: a, title: A, date: '2000', category: c}\n"
    path = write_yaml(one)
    reading, stamp = app.start_reading(path)
    reading.result(30)
    path.write_text(one + "  - {id: b, title: B, date: '2001', category: c}\n", encoding="utf-8")
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.open_started(path, reading, stamp)
    assert win.state is not None
    assert list(win.state.timeline.columns.ids) == ["a", "b"]


def test_help_about_works_though_its_module_is_imported_on_first_use(window, qtbot):
    window.actions_.about.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert __version__ in box.text()
    box.close()


def test_the_window_starts_without_the_modules_only_a_user_action_needs():
    """Editing (ruamel.yaml), export and print (render), About (importlib.metadata) and the
    commands that need no window are imported when first used: start-up is timed in the
    benchmark, and each of them cost 10-30 ms there."""
    code = (
        "import sys, timeline_app.cli, timeline_app.app, timeline_app.window.main_window\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    here = {**os.environ, "PYTHONPATH": str(Path(timeline_app.__file__).parents[1])}  # this tree's
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=here)
    loaded = set(run.stdout.split())
    assert "timeline_app.window.main_window" in loaded
    lazy = {
        "ruamel.yaml",
        "importlib.metadata",
        "timeline_app.render",
        "timeline_app.window.export_dialog",
        "timeline_app.model.editing",
        "timeline_app.cli.check",
        "timeline_app.cli.annotations",
        "timeline_app.cli.export",
        "pyarrow",
    }
    assert loaded & lazy == set()


def test_a_table_of_event_columns_given_at_start_up_opens_through_duckdb(qtbot, settings, tmp_path):
    """Not read as a timeline at start-up (its columns are not the loader's: it would be a list
    of 'unknown column' problems, after reading a file that may not fit in memory)."""
    from timeline_app.model.datasource import write_events_parquet

    table = tmp_path / "events.parquet"
    write_events_parquet(load_path(FIXTURE), table)
    reading, _ = app.start_reading(table)
    assert reading is None
    win = started(qtbot, settings, table)
    qtbot.waitUntil(lambda: win.large is not None and not win.large.busy(), timeout=10_000)
    assert not win.errors.isVisible()
    assert win.large.view is not None
    assert len(win.large.view.source) == len(load_path(FIXTURE).columns)
