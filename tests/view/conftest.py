import pytest
from PySide6.QtCore import QSettings

from timeline_app.resources import default_dataset


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    assert win.open_path(default_dataset())
    win.show()
    qtbot.waitExposed(win)
    win.canvas.repaint()
    return win


def event_index(window, event_id):
    return window.state.timeline.index_of(event_id)
