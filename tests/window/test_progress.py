"""Long loads show how far they are and can be cancelled; the window keeps what it shows."""

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from timeline_app.window import loading, main_window
from timeline_app.window.progress import LoadEstimate, WaitProbe, shown_fraction

HEADER = "id,title,start,end,category,summary\n"
ROWS = "".join(f"e{i},Event {i},20{10 + i}-01-01,,decision,\n" for i in range(5))


@pytest.fixture
def held(monkeypatch):
    """Each background load waits, after reading its file, until the test releases it."""
    release = threading.Event()
    real = loading.load_prepared

    def load(path):
        result = real(path)
        release.wait(30)
        return result

    monkeypatch.setattr(loading, "load_prepared", load)
    monkeypatch.setattr(main_window, "BACKGROUND_BYTES", -1)  # every file on the worker thread
    yield release
    release.set()


def test_the_bar_reaches_nine_tenths_at_the_expected_time_and_never_shows_done_early():
    values = [shown_fraction(t, 10.0) for t in (0, 1, 5, 10, 20, 100, 1000)]
    assert values == sorted(values), "the bar never goes back"
    assert values[0] == 0.0 and values[3] == pytest.approx(0.9)
    assert max(values) < 0.995, "only the end of the load shows 100%"


def test_the_estimate_learns_from_the_loads_it_has_seen():
    estimate = LoadEstimate()
    estimate.learn(".csv", 100 * 2**20, 5.0)
    assert estimate.expected(".CSV", 200 * 2**20) == pytest.approx(10.0)


def test_a_load_shows_a_rising_percentage_and_cancel_keeps_the_window_as_it_was(
    window, qtbot, tmp_path, held
):
    """The bar counts up while the file loads; Cancel hides it at once, the window keeps the
    timeline it showed, and the dropped load says nothing when it ends."""
    shown_before = window.path
    path = tmp_path / "t.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    background = window.background
    background.estimate.seconds_per_mb[".csv"] = 1e-6  # expected: the shortest, 0.2 s
    messages = []
    window.statusBar().messageChanged.connect(lambda text: messages.append(text) if text else None)
    window.open_file(path)
    assert background.panel.isVisibleTo(window)
    assert background.panel.bar.text().endswith("%")
    qtbot.waitUntil(lambda: background.panel.bar.value() >= 500, timeout=10_000)
    qtbot.mouseClick(background.panel.cancel, Qt.MouseButton.LeftButton)
    assert not background.panel.isVisibleTo(window)
    assert any("Cancelled loading t.csv" in m for m in messages)
    held.set()
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=30_000)
    qtbot.wait(100)
    assert window.path == shown_before
    assert not any("superseded" in m for m in messages), messages


def test_a_file_opened_after_a_cancel_loads_once_the_cancelled_read_ends(window, qtbot, tmp_path, held):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    for path in (first, second):
        path.write_text(HEADER + ROWS, encoding="utf-8")
    window.open_file(first)
    window.background.cancel()
    window.open_file(second)
    assert window.background.panel.isVisibleTo(window), "the new request shows its progress"
    held.set()
    qtbot.waitUntil(lambda: window.path == second, timeout=30_000)


def test_the_probe_measures_how_long_the_window_thread_could_not_answer(qtbot):
    probe = WaitProbe()
    probe.start()
    QTimer.singleShot(20, lambda: time.sleep(0.25))  # the window thread blocked for 0.25 s
    qtbot.wait(400)
    assert probe.stop() >= 0.2
