import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Large files loaded by tests leave their columnar copies here, not in the user's cache folder.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="timeline-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = REPO / "tests" / "fixtures"
FIXTURE = FIXTURES / "small.yaml"  # a small fictional timeline: every kind of mark once or twice


@pytest.fixture
def write_yaml(tmp_path):
    """Write a YAML text to a file and return its path."""

    def write(text: str, name: str = "t.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def settings(tmp_path):
    """Settings in a temporary file, so no test reads or writes the user's."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    # recovery files of unsaved edits go here, never to the user's folder (where a leftover one
    # would open its modal offer in the middle of a test run)
    settings.setValue("recovery/folder", str(tmp_path / "recovery"))
    return settings


def open_window(qtbot, settings, path, prompts=None, size=(1400, 900)):
    """A main window on `path`, shown offscreen; `prompts` answers its saving questions."""
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    if prompts is not None:
        win.saving.prompts = prompts
    win.resize(*size)
    assert win.open_path(path)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, settings):
    """The main window on the small fixture timeline, shown offscreen."""
    win = open_window(qtbot, settings, FIXTURE)
    win.canvas.repaint()
    return win


def event_index(window, event_id):
    return window.state.timeline.index_of(event_id)
