"""Themes, search and the source panel, as a user meets them in the window (offscreen)."""

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from tests.conftest import FIXTURES, event_index
from timeline_app.presentation.source_html import contrast_ratio
from timeline_app.view import style
from timeline_app.window.source_panel import panel_colors


@pytest.fixture
def light_again():
    """The painting colours are module names: put the light theme back for the next test."""
    yield
    style.apply_theme(style.LIGHT)


def _dark(window):
    window.setPalette(style.dark_palette())
    QApplication.processEvents()
    window.canvas.repaint()
    QApplication.processEvents()


def _commonest(image):
    counts = Counter(
        image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    )
    return QColor(counts.most_common(1)[0][0])


def test_a_dark_palette_paints_a_dark_canvas_with_light_label_text(window, light_again):
    """The canvas follows the system palette: dark background, labels drawn in light text."""
    _dark(window)
    image = window.canvas.grab().toImage()
    assert _commonest(image).lightness() < 60
    label = window.canvas.item.current_scene().labels[0].rect
    ratio = image.width() / window.canvas.width()  # device pixels per logical pixel
    pixels = [
        image.pixelColor(round(x * ratio), round(y * ratio))
        for x in range(int(label.x), int(label.x + label.w))
        for y in range(int(label.y), int(label.y + label.h))
    ]
    assert max(p.lightness() for p in pixels) > 190  # light glyphs on the dark box


def test_the_light_palette_keeps_the_light_picture(window, light_again):
    image = window.canvas.grab().toImage()
    assert _commonest(image).lightness() > 240
    _dark(window)
    window.setPalette(QPalette(QColor("#efefef")))  # back to a light system palette
    QApplication.processEvents()
    assert style.BACKGROUND.name() == style.LIGHT.background


def test_the_panel_citation_reads_at_4_5_to_1_in_the_dark(window, light_again):
    """The citation lines' colour against the panel's own background, as WCAG measures it."""
    _dark(window)
    window.select_event(event_index(window, "opening"))
    colors = panel_colors(window.panel.palette())
    background = window.panel.palette().color(QPalette.ColorRole.Base).name()
    assert colors.base == background
    assert contrast_ratio(colors.cite, background) >= 4.5
    assert contrast_ratio(colors.link, background) >= 4.5
    assert f"color: {colors.cite}" in window.panel.toHtml() or colors.cite in window.panel.toHtml()


def _type(window, qtbot, text):
    window.search.setFocus()
    qtbot.keyClicks(window.search, text)
    window.search_bar.flush()


def test_enter_and_down_step_to_the_next_match_and_up_to_the_previous(window, qtbot):
    _type(window, qtbot, "bridge")
    matches = window.state.shown_indices().tolist()
    assert len(matches) >= 2
    qtbot.keyClick(window.search, Qt.Key_Return)
    assert window.state.selected == matches[0]
    assert window.search_bar.count.text() == f"1 of {len(matches)} matches"
    qtbot.keyClick(window.search, Qt.Key_Down)
    assert window.state.selected == matches[1]
    qtbot.keyClick(window.search, Qt.Key_Up)
    assert window.state.selected == matches[0]
    qtbot.keyClick(window.search, Qt.Key_Return, Qt.ShiftModifier)
    assert window.state.selected == matches[-1]  # wraps to the last
    lo, hi = window.canvas.x_range()
    assert lo <= window.state.arrays.x0[matches[-1]] <= hi  # and brought into view
    assert window.search.hasFocus()


def test_matches_are_marked_in_the_panel_and_escape_clears(window, qtbot):
    _type(window, qtbot, "bridge")
    qtbot.keyClick(window.search, Qt.Key_Return)
    assert "background-color:" in window.panel.toHtml()
    status = window.count_label.text()
    assert "events shown" in status and "search \u2018bridge\u2019" in status
    qtbot.keyClick(window.search, Qt.Key_Escape)
    assert window.search.text() == "" and window.state.search_text == ""
    assert "shown" not in window.count_label.text()
    assert window.search_bar.count.text() == ""


def test_hidden_categories_are_said_in_the_status_bar(window):
    category = window.state.timeline.categories[0]
    window.set_category_shown(category, False)
    assert f"hidden: {category}" in window.count_label.text()


def test_opening_another_file_resets_search_and_hidden_categories(window, qtbot):
    window.set_category_shown(window.state.timeline.categories[0], False)
    _type(window, qtbot, "bridge")
    assert window.open_path(FIXTURES / "ancient.yaml")
    assert window.search.text() == "" and window.state.search_text == ""
    assert not window.state.hidden_categories
    assert window.state.n_shown() == len(window.state.timeline.events)


def test_a_reload_keeps_the_filters(window, qtbot):
    _type(window, qtbot, "bridge")
    window.reload()
    assert window.state.search_text == "bridge"


def test_copy_quote_puts_quote_and_citation_on_the_clipboard(window):
    index = event_index(window, "opening")
    window.select_event(index)
    assert "Copy quote with citation" in window.panel.toPlainText()
    excerpt = window.state.timeline.events[index].excerpts[0]
    window.panel.anchorClicked.emit(QUrl("copy:0"))
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().startswith(f"\u201c{excerpt.quote}\u201d\n\u2014 ")
    assert data.hasHtml() and "<blockquote>" in data.html()


def test_escape_and_a_click_on_empty_timeline_deselect(window, qtbot):
    window.select_event(0)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Escape)
    assert window.state.selected == -1
    window.select_event(0)
    scene = window.canvas.item.current_scene()
    empty = None
    for fy in (0.05, 0.1, 0.2, 0.9):
        for fx in (0.02, 0.5, 0.98):
            x, y = scene.plot.x + scene.plot.w * fx, scene.plot.y + scene.plot.h * fy
            if scene.hit_test(x, y) is None:
                empty = QPoint(round(x), round(y))
                break
        if empty:
            break
    assert empty is not None
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=empty)
    assert window.state.selected == -1
    assert window.state.timeline.title in window.panel.toPlainText()


def test_the_panel_goes_beside_the_timeline_and_it_is_remembered(qtbot, settings):
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    assert win.splitter.orientation() == Qt.Orientation.Vertical
    win.actions_.panel_beside.trigger()
    assert win.splitter.orientation() == Qt.Orientation.Horizontal
    win.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.splitter.orientation() == Qt.Orientation.Horizontal
    assert again.actions_.panel_beside.isChecked()


def test_tab_reaches_the_panel_and_its_focus_is_drawn(window, qtbot):
    window.canvas.setFocus()
    window.panel.setFocus(Qt.TabFocusReason)
    assert window.panel.hasFocus()
    assert ":focus" in window.panel.styleSheet()


def test_on_a_dark_theme_every_category_colour_stands_3_to_1_off_the_background(light_again):
    """WCAG's bar for graphics: the deep colours (indigo, wine) are lifted on a dark background."""
    style.apply_palette(style.dark_palette())
    for index in range(len(style.PALETTE)):
        assert contrast_ratio(style.category_color(index).name(), style.BACKGROUND.name()) >= 3.0
    style.apply_theme(style.LIGHT)
    assert [style.category_color(i).name() for i in range(len(style.PALETTE))] == list(style.PALETTE)


def test_an_export_from_a_dark_window_is_drawn_in_the_light_theme(window, light_again, monkeypatch):
    """A picture to publish is light whatever the desktop's theme; the window stays dark."""
    import timeline_app.window.export_dialog as export_dialog

    _dark(window)
    seen = []
    monkeypatch.setattr(export_dialog, "run_export_dialog", lambda *a: seen.append(style.BACKGROUND.name()))
    window.export_dialog()
    assert seen == [style.LIGHT.background]
    assert style.BACKGROUND.lightness() < 60


def test_the_timeline_shows_when_it_has_the_keys(window):
    """A frame in the highlight colour around the canvas while it has keyboard focus."""
    window.canvas.setFocus()
    QApplication.processEvents()
    image = window.canvas.grab().toImage()
    highlight = window.canvas.palette().color(QPalette.ColorRole.Highlight)
    assert image.pixelColor(0, image.height() // 2) == highlight
    window.search.setFocus()
    QApplication.processEvents()
    image = window.canvas.grab().toImage()
    assert image.pixelColor(0, image.height() // 2) != highlight


def test_the_passage_highlighted_in_a_document_reads_in_the_dark(qtbot, light_again):
    """Show in document marks the passage in yellow: its text is dark whatever the theme's."""
    from timeline_app.window.document_dialog import DocumentDialog

    dialog = DocumentDialog("doc", "before the passage after", (7, 18))
    dialog.setPalette(style.dark_palette())
    qtbot.addWidget(dialog)
    selection = dialog.viewer.extraSelections()[0]
    assert selection.format.foreground().style() != Qt.NoBrush  # set, not the theme's light text
    fg, bg = selection.format.foreground().color().name(), selection.format.background().color().name()
    assert contrast_ratio(fg, bg) >= 4.5
