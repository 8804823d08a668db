"""Background loads never leave the window showing an older version than the one asked for.

A save that lands while a large file loads, a second file opened meanwhile, a small file opened
on the window thread: the newest request wins, an older result is never shown after it, and the
status bar says when a load was superseded.
"""

import os
import shutil
import threading

import pytest
from PySide6.QtCore import Qt

from tests.conftest import FIXTURE
from timeline_app.window import loading, main_window

HEADER = "id,title,start,end,category,summary\n"
ROWS = "".join(f"e{i},Event {i},20{10 + i}-01-01,,decision,\n" for i in range(5))
NEWER_ROW = "newer-row,Only in the newer version,2020-01-01,,decision,\n"


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """A 150k-row CSV (about 9 MB): it loads on the worker thread for about a second."""
    from timeline_app.bench import synthetic

    path = tmp_path_factory.mktemp("big") / "big.csv"
    synthetic.write_csv(synthetic.generate(150_000), path)
    assert path.stat().st_size > main_window.BACKGROUND_BYTES
    return path


@pytest.fixture
def gate(monkeypatch):
    """Holds each background load after it has read its file, until the test releases it: a
    save can then land "while the file loads" on every machine, however fast."""

    class Gate:
        read = threading.Event()
        release = threading.Event()

    real = loading.load_prepared

    def held(path):
        result = real(path)
        Gate.read.set()
        Gate.release.wait(30)
        return result

    monkeypatch.setattr(loading, "load_prepared", held)
    yield Gate
    Gate.release.set()


@pytest.fixture
def all_in_background(monkeypatch):
    """Every file loads on the worker thread, however small."""
    monkeypatch.setattr(main_window, "BACKGROUND_BYTES", -1)


def versions(tmp_path, source=None):
    """t.csv, and a newer version of it (one more row) to save over it."""
    path, newer = tmp_path / "t.csv", tmp_path / "newer.csv"
    if source is None:
        path.write_text(HEADER + ROWS, encoding="utf-8")
    else:
        shutil.copy(source, path)
    shutil.copy(path, newer)
    with newer.open("a", encoding="utf-8") as f:
        f.write(NEWER_ROW)
    return path, newer


def status_messages(window):
    seen = []
    window.statusBar().messageChanged.connect(lambda text: seen.append(text) if text else None)
    return seen


def wait_idle(window, qtbot):
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    qtbot.wait(100)  # a load that would (wrongly) start once more has had its chance


def test_a_save_while_the_file_loads_is_loaded_when_the_load_finishes(window, qtbot, tmp_path, big_csv, gate):
    """The reload the save asks for was dropped ("Still loading…"): the window kept the version
    that was on disk when the load began, with no sign. Now it loads again; the newest wins."""
    path, newer = versions(tmp_path, big_csv)
    messages = status_messages(window)
    window.open_file(path)
    assert window.is_loading()
    assert gate.read.wait(30)
    os.replace(newer, path)  # the editor saves...
    window.reload()  # ...and the file watcher asks for a reload
    gate.release.set()
    wait_idle(window, qtbot)
    assert len(window.state.timeline.events) == 150_001
    assert window.state.timeline.index_of("newer-row") is not None
    assert any("superseded" in m for m in messages), messages


def test_a_file_changed_while_it_loaded_unwatched_is_loaded_again(
    window, qtbot, tmp_path, gate, all_in_background
):
    """While a newly opened file loads, the watcher still watches the old one: a save of the new
    file raised no event, and watching it afterwards took the new version's time stamp as seen."""
    path, newer = versions(tmp_path)
    window.open_file(path)
    assert gate.read.wait(30)
    os.replace(newer, path)
    gate.release.set()
    wait_idle(window, qtbot)
    assert window.state.timeline.index_of("newer-row") is not None


def test_a_small_file_opened_during_a_background_load_stays_on_screen(window, qtbot, tmp_path, big_csv, gate):
    """Opened on the window thread, the small file shows at once; the large file's load, asked
    for earlier, finished later and replaced it."""
    path = tmp_path / "t.csv"
    shutil.copy(big_csv, path)
    messages = status_messages(window)
    window.open_file(path)
    assert window.is_loading()
    assert window.open_path(FIXTURE)
    gate.release.set()
    wait_idle(window, qtbot)
    assert window.path == FIXTURE
    assert len(window.state.timeline.events) < 100
    assert any("superseded" in m for m in messages), messages


def test_of_several_files_opened_during_a_load_only_the_newest_is_shown(
    window, qtbot, tmp_path, gate, all_in_background
):
    names = ("first", "second", "third")
    for name in names:
        (tmp_path / f"{name}.csv").write_text(HEADER + ROWS, encoding="utf-8")
    titles = []
    window.windowTitleChanged.connect(titles.append)
    for name in names:
        window.open_file(tmp_path / f"{name}.csv")
    gate.release.set()
    wait_idle(window, qtbot)
    assert window.path == tmp_path / "third.csv"
    assert not [t for t in titles if t.startswith(("first.csv", "second.csv"))], titles


def test_the_loading_label_shows_a_file_name_as_plain_text(window, gate, all_in_background, tmp_path):
    """A file may be named like markup; a QLabel renders AutoText as HTML (<img> loads files)."""
    path = tmp_path / "<b>bold<i>.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    window.open_file(path)
    label = window.background._label
    assert label.textFormat() == Qt.TextFormat.PlainText and "<b>bold<i>.csv" in label.text()
