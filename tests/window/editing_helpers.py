"""The window in edit mode on a copy of the small fixture, for the editing tests."""

import shutil

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import FIXTURE, open_window


class DiscardPrompts:
    """Answers "discard" when the window asks about unsaved edits (at teardown), and records it."""

    def __init__(self):
        self.asked = []

    def unsaved(self, name):
        self.asked.append(("unsaved", name))
        return "discard"

    def restore(self, name, when):
        return "later"

    def error(self, title, text):
        self.asked.append(("error", title, text))


@pytest.fixture(name="editor")
def editor_fixture(qtbot, settings, tmp_path):

    path = tmp_path / "small.yaml"
    shutil.copyfile(FIXTURE, path)
    shutil.copytree(FIXTURE.parent / "documents", tmp_path / "documents")
    win = open_window(qtbot, settings, path, DiscardPrompts())
    win.editing.dock.show()
    QApplication.processEvents()
    return win


def select(win, event_id):
    win.select_event(win.state.timeline.index_of(event_id))
    QApplication.processEvents()


def commit_line(qtbot, line, text):
    """Type into a line of the inspector as a user does, then press Return."""
    from PySide6.QtCore import Qt

    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key_Return)


def paint(win):
    win.canvas.viewport().repaint()
    QApplication.processEvents()
    return win.canvas.item.current_scene()


def marker_x(win, event_id):
    frame = paint(win)
    index = win.state.timeline.index_of(event_id)
    pos = np.flatnonzero(frame.markers.idx == index)
    assert len(pos), "event not drawn"
    return float(frame.markers.x[pos[0]]), float(frame.baseline)
