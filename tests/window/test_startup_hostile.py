"""A hostile file named on the command line opens the window with its located problems; the app
never ends with a traceback or a signal at start-up."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

CORPUS = REPO / "tests" / "corpus"
CASES = [
    "compact_keys.yaml",
    "json_deep_arrays.json",
    "csv_field_over_128k.csv",
    "csv_utf16_nobom.csv",
    "huge_number.json",
    "yaml_nul_byte.yaml",
    "alias_bomb.yaml",
]


@pytest.mark.parametrize("name", CASES)
def test_the_window_opens_on_a_hostile_file_and_lists_its_problem(name, tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TIMELINE_EXIT_AFTER_FIRST_PAINT": "1",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", str(CORPUS / name)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first-paint" in result.stdout, "the window never painted"
    assert "Traceback" not in result.stderr


def test_the_problem_list_shows_the_place(qtbot, settings):
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    assert not win.open_path(CORPUS / "compact_keys.yaml")
    details = win.errors.details.toPlainText()
    assert "compact_keys.yaml:1:" in details and "nest" in details
    assert "No timeline is open" in win.panel.toPlainText()
