"""The real window, driven offscreen: what a user clicks, types and sees."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.conftest import FIXTURE, event_index, open_window


def paint(window):
    window.canvas.viewport().repaint()
    QApplication.processEvents()
    return window.canvas.item.current_scene()


def marker_point(window, index):
    """Viewport pixel of an event's marker in the last painted frame."""
    frame = paint(window)
    pos = np.flatnonzero(frame.markers.idx == index)
    assert len(pos), "event not drawn"
    x = frame.markers.x[pos[0]]
    return QPoint(round(x), round(frame.baseline))


def test_clicking_a_marker_shows_its_excerpts_and_citation(window, qtbot):
    """A click on a dot opens the event: its title, its date as stated, the quote and who said it."""
    index = event_index(window, "opening")
    arrays = window.state.arrays
    window.canvas.zoom_to(arrays.x0[index] - 86400 * 20, arrays.x1[index] + 86400 * 20)
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=marker_point(window, index))
    assert window.state.selected == index
    text = window.panel.toPlainText()
    assert "The bridge opens" in text and "20 May 2021" in text
    assert "The bridge opened on May 20, 2021, to a crowd of several hundred people." in text
    assert "B. Critic" in text and "Example Review" in text


def test_clicking_a_label_selects_its_event(window, qtbot):
    frame = paint(window)
    label = frame.labels[0]
    rect, index = label.rect, label.index
    centre = QPoint(round(rect.x + rect.w / 2), round(rect.y + rect.h / 2))
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=centre)
    assert window.state.selected == index


def test_arrow_keys_step_through_events_in_date_order(window, qtbot):
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Home)
    assert window.state.selected == 0
    qtbot.keyClick(window.canvas, Qt.Key_Right)
    qtbot.keyClick(window.canvas, Qt.Key_Right)
    assert window.state.selected == 2
    qtbot.keyClick(window.canvas, Qt.Key_Left)
    assert window.state.selected == 1
    assert window.state.timeline.events[1].title in window.panel.toPlainText()


def test_stepping_keeps_the_selected_event_in_view(window, qtbot):
    arrays = window.state.arrays
    window.canvas.zoom_to(arrays.x0[0], arrays.x0[0] + 86400 * 200)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Home)
    for _ in range(10):
        qtbot.keyClick(window.canvas, Qt.Key_Right)
        lo, hi = window.canvas.x_range()
        i = window.state.selected
        assert lo <= arrays.x0[i] <= hi


def test_wheel_zooms_around_the_cursor(window):
    viewport = window.canvas.viewport()
    frame = paint(window)
    lo, hi = window.canvas.x_range()
    x = frame.plot.x + frame.plot.w * 0.25
    time_under_cursor = frame.viewport.to_seconds(x)
    pos = QPointF(x, frame.plot.y + frame.plot.h / 2)
    event = QWheelEvent(
        pos,
        viewport.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 480),
        Qt.NoButton,
        Qt.NoModifier,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    new_lo, new_hi = window.canvas.x_range()
    assert new_hi - new_lo < (hi - lo) * 0.8
    frame = paint(window)
    assert abs(frame.viewport.to_seconds(x) - time_under_cursor) < (hi - lo) * 0.01


def test_fit_all_shows_every_event(window, qtbot):
    arrays = window.state.arrays
    window.canvas.zoom_to(arrays.x0[5], arrays.x0[5] + 86400 * 30)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_F)
    lo, hi = window.canvas.x_range()
    assert lo <= arrays.x0.min() and arrays.x1.max() <= hi
    assert len(paint(window).visible) == len(arrays)


def test_zoom_is_bounded_from_a_day_to_the_age_of_the_universe(window):
    from timeline_app.view.canvas import AGE_OF_UNIVERSE

    for _ in range(40):
        window.canvas.zoom(0.5)
    lo, hi = window.canvas.x_range()
    assert 86400 * 0.99 <= hi - lo <= 86400 * 2
    for _ in range(80):
        window.canvas.zoom(2.0)
    lo, hi = window.canvas.x_range()
    assert AGE_OF_UNIVERSE / 2 < hi - lo <= AGE_OF_UNIVERSE * 1.01


def test_search_filters_events_and_clearing_restores_them(window, qtbot):
    total = len(window.state.timeline.events)
    qtbot.keyClicks(window.search, "ferry")
    qtbot.waitUntil(lambda: window.state.shown is not None and window.state.shown.sum() == 1)
    frame = paint(window)
    assert [window.state.timeline.events[i].id for i in frame.visible] == ["traffic-survey"]
    assert "1 of" in window.count_label.text()
    window.search.clear()
    qtbot.waitUntil(lambda: window.state.shown is None)
    assert len(paint(window).visible) == total


def test_search_finds_words_that_are_only_in_quotes(window, qtbot):
    qtbot.keyClicks(window.search, "ferry boats")
    qtbot.waitUntil(lambda: window.state.shown is not None)
    assert not window.state.shown.any()  # in no title, summary or quote
    window.search.clear()
    qtbot.keyClicks(window.search, "several hundred")
    qtbot.waitUntil(lambda: window.state.shown is not None and window.state.shown.sum() == 1)
    ids = [window.state.timeline.events[i].id for i in np.flatnonzero(window.state.shown)]
    assert ids == ["opening"]  # the words are only in its quote


def test_category_toggle_hides_and_shows_its_events(window):
    strategy = [i for i, e in enumerate(window.state.timeline.events) if e.category == "works"]
    window.set_category_shown("works", False)
    visible = set(paint(window).visible.tolist())
    assert not visible & set(strategy)
    action = next(a for a in window.category_menu.actions() if a.text() == "works")
    assert not action.isChecked()
    action.setChecked(True)
    assert set(strategy) <= set(paint(window).visible.tolist())


def test_legend_click_toggles_a_category(window, qtbot):
    paint(window)
    legend = window.canvas.legend
    rect, category = legend._boxes[0]
    scene_point = legend.mapToScene(rect.center())
    view_point = window.canvas.mapFromScene(scene_point)
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=view_point)
    assert category in window.state.hidden_categories


def test_broken_file_on_reload_keeps_the_old_timeline_and_reports_the_line(qtbot, settings, tmp_path):
    from timeline_app.window.main_window import MainWindow

    good = "events:\n  - {id: a, title: Alpha, date: '2020', category: x}\n"
    path = tmp_path / "t.yaml"
    path.write_text(good, encoding="utf-8")
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    assert win.open_path(path)
    path.write_text(good + "  - {id: b, title: Beta, date: '2021-13', category: x}\n", encoding="utf-8")
    win.reload()
    assert [e.title for e in win.state.timeline.events] == ["Alpha"]
    assert win.errors.isVisibleTo(win)
    assert f"{path}:3:" in win.errors.details.toPlainText()
    assert "month 13" in win.errors.details.toPlainText()


def test_editor_replacing_the_file_triggers_a_reload_that_keeps_selection_and_view(qtbot, settings, tmp_path):
    from timeline_app.window.main_window import MainWindow

    path = tmp_path / "t.yaml"
    path.write_text(
        "events:\n  - {id: a, title: Alpha, date: '2020', category: x}\n"
        "  - {id: b, title: Beta, date: '2021', category: x}\n",
        encoding="utf-8",
    )
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(path)
    win.select_event(1)
    win.canvas.set_x_range(1.6e9, 1.65e9)
    view = win.canvas.x_range()
    tmp = tmp_path / "t.yaml.swp"
    tmp.write_text(
        "events:\n  - {id: z, title: Zero, date: '2019', category: x}\n"
        "  - {id: a, title: Alpha, date: '2020', category: x}\n"
        "  - {id: b, title: Beta renamed, date: '2021', category: x}\n",
        encoding="utf-8",
    )
    tmp.replace(path)
    qtbot.waitUntil(lambda: len(win.state.timeline.events) == 3, timeout=15000)
    assert win.state.timeline.events[win.state.selected].id == "b"
    assert "Beta renamed" in win.panel.toPlainText()
    assert win.canvas.x_range() == pytest.approx(view)


def test_markup_in_data_shows_literally(qtbot, settings, tmp_path):
    from timeline_app.window.main_window import MainWindow

    path = tmp_path / "t.yaml"
    path.write_text(
        "sources:\n  s: {title: '<i>Doc</i>', author: '<a href=\"file:///etc/passwd\">x</a>'}\n"
        "events:\n  - id: a\n    title: '<b>Bold</b> <img src=\"file:///etc/hosts\">'\n"
        "    date: '2020'\n    category: '<u>cat</u>'\n"
        "    excerpts: [{source: s, quote: '&amp; <script>'}]\n",
        encoding="utf-8",
    )
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    assert win.open_path(path)
    win.select_event(0)
    text = win.panel.toPlainText()
    assert '<b>Bold</b> <img src="file:///etc/hosts">' in text
    assert "&amp; <script>" in text and "<i>Doc</i>" in text
    assert "<b>Bold</b>" in win.state.tooltip(0).replace("&lt;", "<").replace("&gt;", ">")
    assert "<b>Bold</b>" not in win.state.tooltip(0).split("<br>")[0].removeprefix("<b>")[:-4]


def test_only_http_links_open(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr("timeline_app.window.source_panel.QDesktopServices.openUrl", opened.append)
    with qtbot.waitSignal(window.panel.sigLinkRefused):
        window.panel.anchorClicked.emit(QUrl("file:///etc/passwd"))
    with qtbot.waitSignal(window.panel.sigLinkRefused):
        window.panel.anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.panel.anchorClicked.emit(QUrl("https://example.org/a"))
    assert [u.toString() for u in opened] == ["https://example.org/a"]


def test_show_in_document_highlights_the_excerpt(window, qtbot):
    """The quote is found in the local copy of its source (beside the timeline file) and lit up."""
    window.select_event(event_index(window, "plan-approved"))
    assert "Show in document" in window.panel.toHtml()
    dialog = window.show_in_document(0)
    qtbot.addWidget(dialog)
    assert dialog.highlighted_text().startswith("The town council approved the Riverside bridge plan")


def test_recent_files_and_geometry_persist(qtbot, settings, tmp_path):
    from timeline_app.window.main_window import MainWindow

    path = tmp_path / "t.yaml"
    path.write_text("events:\n  - {id: a, title: Alpha, date: '2020', category: x}\n", encoding="utf-8")
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.open_path(path)
    win.resize(711, 533)
    win.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert [a.text() for a in again.recent.menu.actions()] == [str(path.resolve())]
    assert (again.size().width(), again.size().height()) == (711, 533)


def test_large_file_loads_in_the_background_while_the_window_stays_live(window, qtbot, tmp_path):
    from timeline_app.bench import synthetic
    from timeline_app.window import main_window

    path = tmp_path / "big.csv"
    synthetic.write_csv(synthetic.generate(150_000), path)
    assert path.stat().st_size > main_window.BACKGROUND_BYTES
    window.open_file(path)
    assert window.is_loading(), "a 150k-row file should load on the worker thread"
    assert window.background._progress.isVisibleTo(window)
    assert len(window.state.timeline.events) < 100  # the old timeline is still shown
    future = window.background._current[1]
    turns = 0
    while not future.done():  # the window thread keeps handling events meanwhile
        qtbot.wait(5)
        turns += 1
    # The window thread handled events while the worker loaded (how often depends on how long
    # the worker's C calls hold the GIL: measured in the benchmark, not asserted here).
    assert turns >= 1, "the window thread never ran while the file loaded"
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    assert len(window.state.timeline.events) == 150_000
    assert not window.background._progress.isVisibleTo(window)


def test_sources_lane_links_the_selected_event_to_its_documents(window, settings):
    window.set_sources_lane(True)
    window.select_event(event_index(window, "plan-approved"))
    frame = paint(window)
    assert frame.lane is not None and len(frame.lane.links) == 2
    assert window.act_sources_lane.isChecked()
    assert settings.value("view/sources_lane") == "true"
    window.set_sources_lane(False)
    assert paint(window).lane is None


def test_panel_says_which_excerpt_states_the_date_and_shows_conflicts(window):
    window.select_event(event_index(window, "plan-approved"))
    text = window.panel.toPlainText()
    assert "Sources disagree on the date" in text and "Critic (2021) says 2018" in text
    assert "states the date" in text
    window.select_event(event_index(window, "funding"))
    assert "Date inferred from context." in window.panel.toPlainText()


def test_about_names_version_data_file_and_library_licences(window):
    from timeline_app import __version__

    box = window.about()
    text = box.text()
    box.close()
    assert f"Timeline {__version__}" in text and "small.yaml" in text
    assert "PySide6-Essentials" in text and "LGPL" in text
    assert "pyqtgraph" in text and "MIT" in text


def test_double_click_on_empty_space_fits_everything(window, qtbot):
    arrays = window.state.arrays
    window.canvas.zoom_to(arrays.x0[3], arrays.x0[3] + 86400 * 60)
    frame = paint(window)
    empty = QPoint(round(frame.plot.x + 5), round(frame.plot.y + 5))
    assert window.canvas.item.hit_test(empty.x(), empty.y()) is None
    qtbot.mouseDClick(window.canvas.viewport(), Qt.LeftButton, pos=empty)
    lo, hi = window.canvas.x_range()
    assert lo <= arrays.x0.min() and arrays.x1.max() <= hi


def test_hovering_a_marker_shows_its_title_and_date(window):
    from unittest.mock import MagicMock

    index = event_index(window, "funding")
    point = marker_point(window, index)
    event = MagicMock()
    event.isExit.return_value = False
    event.scenePos.return_value = window.canvas.mapToScene(point)
    window.canvas.item.hoverEvent(event)
    tip = window.canvas.item.toolTip()
    assert "Money first set aside for a bridge" in tip and "c. 2018" in tip and "date inferred" in tip


def test_a_bad_file_at_start_says_what_to_do_and_loads_once_fixed(qtbot, settings, tmp_path):
    from timeline_app.window.main_window import MainWindow

    path = tmp_path / "t.yaml"
    path.write_text("events:\n  - {id: a, title: A, date: '2021-13', category: x}\n")
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    assert not win.open_path(path)
    assert "No timeline is open" in win.panel.toPlainText()
    path.write_text("events:\n  - {id: a, title: A, date: '2021-12', category: x}\n")
    qtbot.waitUntil(lambda: win.state is not None, timeout=15000)
    assert not win.errors.isVisibleTo(win)


def test_years_before_the_era_follow_the_bc_or_bce_setting_and_it_is_remembered(qtbot, settings):
    from tests.conftest import FIXTURES
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(FIXTURES / "ancient.yaml")
    win.select_event(win.state.timeline.index_of("c"))
    assert "15 March 44 BC" in win.panel.toPlainText()
    win.set_era("BCE")
    assert "15 March 44 BCE" in win.panel.toPlainText()
    win.canvas.fit_all()
    labels = [t.label for t in win.canvas.item.current_scene().ticks if t.label_rect is not None]
    assert any(label.endswith(" BCE") for label in labels) and not any(
        label.endswith(" BC") for label in labels
    )
    win.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.actions_.era.isChecked()


def test_swimlanes_name_each_lane_in_the_margin_and_a_click_folds_it(window, settings, qtbot):
    flat_x = paint(window).plot.x
    assert not window.canvas.lane_names.isVisible()
    window.set_swimlanes("category")
    frame = paint(window)
    names = [lane.name for lane in frame.swimlanes]
    assert names == list(window.state.timeline.categories)
    assert settings.value("view/swimlanes") == "category"
    margin = window.canvas.lane_names
    assert margin.isVisible() and margin.size().width() >= 90 and frame.plot.x > flat_x
    first = frame.swimlanes[0]
    # a click on the lane's name in the margin folds the lane to one row of markers
    # (the margin shares the plot's row: its y 0 is the plot's top)
    pos = window.canvas.mapFromScene(margin.mapToScene(20, first.band.y - frame.plot.y + 8))
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.state.collapsed_lanes == {first.name}
    folded = paint(window).swimlanes[0]
    assert folded.collapsed and not folded.scene.labels
    window.set_swimlanes("")
    assert not paint(window).swimlanes and paint(window).plot.x == flat_x
    assert not window.canvas.lane_names.isVisible()


def test_swimlanes_are_remembered_and_kept_across_a_reload(qtbot, settings):
    settings.setValue("view/swimlanes", "source")
    win = open_window(qtbot, settings, FIXTURE, size=(1200, 800))
    assert [a.text() for a in win.actions_.lanes_menu.actions() if a.isChecked()] == ["By Source"]
    win.state.set_lane_collapsed("Example Gazette", True)
    win.reload()
    qtbot.waitUntil(lambda: win.state.collapsed_lanes == {"Example Gazette"})
    assert [lane.name for lane in paint(win).swimlanes][:2] == ["Example Gazette", "Example Review"]
