"""What the saving and autosave tests share (no tests here): scripted answers, a window on a file to write."""

import shutil

from tests.conftest import FIXTURE, open_window
from timeline_app.model.edit_ops import SetEventField


class FakePrompts:
    """Answers the window's questions from a script and records what was asked."""

    def __init__(self, **answers):
        self.answers = answers
        self.asked = []

    def _answer(self, question, *details):
        self.asked.append((question, *details))
        return self.answers.get(question)

    def unsaved(self, name):
        return self._answer("unsaved", name)

    def save_path(self, start, fmt):
        return self._answer("save_path", start, fmt)

    def save_with_problems(self, name, warning):
        return self._answer("save_with_problems", name, warning)

    def error(self, title, text):
        self._answer("error", title, text)

    def overwrite_changed(self, name):
        return self._answer("overwrite_changed", name)

    def changed_on_disk(self, name, theirs, mine):
        return self._answer("changed_on_disk", name, theirs, mine)

    def restore(self, name, when):
        return self._answer("restore", name, when)


def open_editor(qtbot, settings, tmp_path):
    """The window on a copy of the small fixture, its recovery folder in tmp_path."""

    path = tmp_path / "small.yaml"
    shutil.copyfile(FIXTURE, path)
    return open_window(qtbot, settings, path, FakePrompts())


def retitle(win, event_id="funding", title="Money set aside, retitled"):
    return win.saving.apply(SetEventField(event_id, "title", title))
