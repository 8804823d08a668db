"""Big-file mode: a Parquet table of event columns opens through DuckDB, never loaded, and the
window draws the same strip and the same events, with their labels, as the loaded timeline."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import open_window
from timeline_app.bench import synthetic
from timeline_app.model.datasource import DAY, write_events_parquet
from timeline_app.model.loader import load_path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """3,000 events (more than a 1400-px window shows one by one) as a CSV and as event columns."""
    folder = tmp_path_factory.mktemp("large")
    csv = folder / "t.csv"
    synthetic.write_csv(synthetic.generate(3_000, seed=5), csv)
    write_events_parquet(load_path(csv), folder / "t.parquet", row_group_size=500)
    return csv, folder / "t.parquet"


def scene_of(window, qtbot):
    """The painted scene; in big-file mode, once the answer for this view has arrived."""
    window.canvas.viewport().repaint()
    QApplication.processEvents()
    large = window.large
    if large is None or large.view is None:
        return window.canvas.item.current_scene()
    large.item.current_scene()  # asks DuckDB for this view's events, if it draws them
    qtbot.waitUntil(lambda: not large.busy(), timeout=10_000)
    return large.item.current_scene()


@pytest.fixture
def pair(qtbot, settings, files):
    """The same timeline loaded, and opened through DuckDB, in two windows of one size."""
    csv, table = files
    loaded = open_window(qtbot, settings, csv)
    big = open_window(qtbot, settings, table)
    qtbot.waitUntil(lambda: big.large is not None and big.large.view is not None, timeout=10_000)
    for window in (loaded, big):
        window.canvas.set_x_range(*loaded.canvas.x_range())
    return loaded, big


def drawn_ids(window, scene) -> list[str]:
    large = window.large
    if large is not None and large.view is not None:
        rows = large.item.shown.rows
        return [rows.ids[i] for i in scene.markers.idx.tolist()]
    return [window.state.timeline.columns.ids[i] for i in scene.markers.idx.tolist()]


def test_a_table_of_event_columns_opens_through_duckdb_without_loading(pair) -> None:
    """The window holds no loaded timeline, and says how many events the table has."""
    _, big = pair
    assert big.state is None
    assert big.large.view is not None
    assert "3,000 events · through DuckDB" in big.count_label.text()
    assert "t.parquet" in big.windowTitle()


def test_the_whole_table_draws_the_same_density_strip_as_the_loaded_timeline(pair, qtbot) -> None:
    loaded, big = pair
    a, b = scene_of(loaded, qtbot), scene_of(big, qtbot)
    assert a.aggregated and b.aggregated
    assert b.density.top.tolist() == a.density.top.tolist()
    assert [badge.text for badge in b.badges] == [badge.text for badge in a.badges]
    assert b.n_visible == a.n_visible == 3_000


@pytest.mark.parametrize("days", [3000, 400, 60])
def test_zoomed_in_the_table_shows_the_same_events_and_labels(pair, qtbot, days) -> None:
    """Where the events fit, the table's view draws each one, at the same place, with the same
    label, as the loaded timeline (spans running through the view included)."""
    loaded, big = pair
    middle = float(np.median(loaded.state.arrays.x))
    for window in (loaded, big):
        window.canvas.set_x_range(middle, middle + days * DAY)
    a, b = scene_of(loaded, qtbot), scene_of(big, qtbot)
    assert not a.aggregated and not b.aggregated
    assert len(a.markers.idx) > 0
    assert drawn_ids(big, b) == drawn_ids(loaded, a)
    assert b.markers.x.tolist() == a.markers.x.tolist()
    assert [label.lines for label in b.labels] == [label.lines for label in a.labels]
    assert len(b.spans.idx) == len(a.spans.idx)


def test_clicking_an_event_shows_its_row_and_says_what_is_not_there(pair, qtbot) -> None:
    loaded, big = pair
    middle = float(np.median(loaded.state.arrays.x))
    big.canvas.set_x_range(middle, middle + 60 * DAY)
    scene = scene_of(big, qtbot)
    k = 0
    rows = big.large.item.shown.rows
    index = int(scene.markers.idx[k])
    at = QPoint(round(scene.markers.x[k]), round(scene.baseline))
    qtbot.mouseClick(big.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
    text = big.panel.toPlainText()
    assert rows.titles[index] in text and rows.ids[index] in text and rows.categories[index] in text
    assert "Excerpts and sources are not in it" in text
    assert big.large.view.selected_row == int(rows.row[index])


def test_what_needs_the_loaded_timeline_is_off_and_says_why(pair, qtbot, files) -> None:
    """Search, filters, editing and exports are off with the reason; a loaded file turns them on."""
    _, big = pair
    assert not big.search_bar.isEnabled()
    assert "too large to load" in big.search_bar.toolTip()
    assert not big.actions_.export.isEnabled()
    assert "DuckDB" in big.actions_.export.statusTip()
    assert not big.edit_menu.menu.menuAction().isEnabled()
    assert big.open_path(files[0])
    assert big.state is not None and big.large.view is None
    assert big.search_bar.isEnabled() and big.actions_.export.isEnabled()
    assert big.canvas.item.isVisible()


def test_a_table_that_cannot_be_read_keeps_the_timeline_on_screen(pair, qtbot, tmp_path) -> None:
    """A file with the event columns' names but text where day numbers belong: a located
    problem, and the window keeps what it shows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    loaded, _ = pair
    bad = tmp_path / "bad.parquet"
    names = ["row", "id", "title", "category", "first_day", "last_day"]
    pq.write_table(pa.table({name: pa.array(["x"]) for name in names}), bad)
    loaded.open_path(bad)
    qtbot.waitUntil(lambda: not loaded.large.busy(), timeout=10_000)
    QApplication.processEvents()
    assert loaded.state is not None
    assert loaded.errors.isVisible()
    assert "bad.parquet" in loaded.errors.heading.text()


def test_a_fifo_named_like_a_table_is_not_read_to_see_if_it_is_one(tmp_path) -> None:
    """Reading a FIFO's schema would block the window for ever: only a regular file is asked."""
    import os

    from timeline_app.model.datasource import is_event_table

    fifo = tmp_path / "t.parquet"
    os.mkfifo(fifo)
    assert not is_event_table(fifo)


def test_escape_lets_go_of_the_table_s_selection(pair, qtbot) -> None:
    loaded, big = pair
    middle = float(np.median(loaded.state.arrays.x))
    big.canvas.set_x_range(middle, middle + 60 * DAY)
    scene = scene_of(big, qtbot)
    at = QPoint(round(scene.markers.x[0]), round(scene.baseline))
    qtbot.mouseClick(big.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert big.large.view.selected_row >= 0
    big.canvas.setFocus()
    qtbot.keyClick(big.canvas, Qt.Key.Key_Escape)
    assert big.large.view.selected_row == -1
    assert big.large.item.shown.state.selected == -1
    assert "3,000 events in 8 categories" in big.panel.toPlainText()
