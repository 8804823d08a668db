"""A Parquet or Feather file that goes bad on reload (truncated, swapped for a FIFO, for a
folder): the window keeps the last good timeline and names the file and what is wrong."""

import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("damage", ["truncated", "zero bytes", "fifo", "folder"])
def test_a_table_that_goes_bad_on_reload_keeps_the_old_timeline(qtbot, settings, tmp_path, damage):
    from timeline_app.window.main_window import MainWindow

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": ["a"], "title": ["Alpha"], "start": ["2020"], "category": ["x"]}), path)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    assert win.open_path(path)
    good = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "zero bytes":
        path.write_bytes(b"")
    else:
        path.unlink()
        os.mkfifo(path) if damage == "fifo" else path.mkdir()
    win.reload()
    assert [e.title for e in win.state.timeline.events] == ["Alpha"]
    assert win.errors.isVisibleTo(win)
    details = win.errors.details.toPlainText()
    assert str(path) in details
    expected = {"fifo": "FIFO", "folder": "folder"}.get(damage, "damaged or truncated")
    assert expected in details
