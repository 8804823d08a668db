"""Following links between events in the real window: from the panel (by mouse or keyboard) and
from the arcs on the timeline; the linked event is selected and brought into view."""

import re

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication

from tests.conftest import FIXTURES, open_window
from timeline_app.scene.arrays import DAY

EVIDENCE = FIXTURES / "evidence.yaml"


@pytest.fixture
def window(qtbot, settings):
    """The main window on the evidence fixture, shown offscreen."""
    return open_window(qtbot, settings, EVIDENCE)


def index(window, event_id):
    return window.state.timeline.index_of(event_id)


def in_view(window, event_id):
    lo, hi = window.canvas.x_range()
    i = index(window, event_id)
    arrays = window.state.arrays
    return lo <= float(arrays.x0[i]) and float(arrays.x1[i]) <= hi


def zoom_on(window, event_id):
    """A narrow view around one event, so that the others are out of view."""
    x = float(window.state.arrays.x[index(window, event_id)])
    window.canvas.set_x_range(x - 20 * DAY, x + 20 * DAY)


def test_the_panel_shows_status_independent_sources_and_links(window):
    window.select_event(index(window, "wall-proposed"))
    text = window.panel.toPlainText()
    assert "3 reports, 2 independent" in text
    assert "Rewriter (2021) rewrites Reporter (2021)" in text
    assert "Revised by A revised plan moves the wall inland" in text
    window.select_event(index(window, "wall-vote"))
    assert "Planned: drawn as an outline." in window.panel.toPlainText()


def test_a_link_in_the_panel_selects_the_linked_event_and_brings_it_into_view(window):
    window.select_event(index(window, "wall-proposed"))
    zoom_on(window, "wall-proposed")
    assert not in_view(window, "revised-plan")
    window.panel.anchorClicked.emit(QUrl(f"event:{index(window, 'revised-plan')}"))
    assert window.state.selected == index(window, "revised-plan")
    assert in_view(window, "revised-plan")
    assert "A revised plan moves the wall inland" in window.panel.toPlainText()
    assert "Revises Engineers propose a flood wall" in window.panel.toPlainText()


def test_the_links_are_reached_and_followed_with_the_keyboard(window, qtbot):
    """Tab moves from link to link in the panel (the copy links too); Enter follows the one that
    has the focus (the window's Enter, Show Sources, does not take it)."""
    window.select_event(index(window, "pile-driving"))
    window.panel.setFocus()
    qtbot.waitUntil(window.panel.hasFocus)
    target = index(window, "construction")
    for _ in range(10):
        qtbot.keyClick(window.panel, Qt.Key_Tab)
        if window.panel.textCursor().charFormat().anchorHref() == f"event:{target}":
            break
    else:
        pytest.fail("Tab never reached the link to the construction")
    qtbot.keyClick(window.panel, Qt.Key_Return)
    assert window.state.selected == target
    assert "Includes Pile driving begins" in window.panel.toPlainText()


def test_a_click_on_an_arc_label_follows_the_link(window, qtbot):
    window.select_event(index(window, "wall-proposed"))
    zoom_on(window, "wall-proposed")
    window.canvas.viewport().repaint()
    QApplication.processEvents()
    scene = window.canvas.item.current_scene()
    arc = next(a for a in scene.arcs if a.other == index(window, "revised-plan"))
    assert arc.off_screen == 1 and arc.text.startswith("revised by A revised plan")
    r = arc.label_rect
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.LeftButton, pos=QPoint(round(r.x + r.w / 2), round(r.y + r.h / 2))
    )
    assert window.state.selected == index(window, "revised-plan")
    assert in_view(window, "revised-plan")


def test_selecting_an_event_draws_its_links_and_deselecting_removes_them(window):
    window.canvas.fit_all()
    window.select_event(index(window, "revised-plan"))
    scene = window.canvas.item.current_scene()
    assert {(a.other, a.text) for a in scene.arcs} == {
        (index(window, "wall-proposed"), "revises"),
        (index(window, "steel-gates"), "replaced by"),
    }
    window.select_event(-1)
    assert window.canvas.item.current_scene().arcs == []


def test_following_a_link_to_an_event_a_filter_hides_says_so(window):
    window.select_event(index(window, "pile-driving"))
    window.set_category_shown("works", False)
    window.go_to_event(index(window, "construction"))
    assert window.state.selected == index(window, "construction")
    assert "hidden" in window.statusBar().currentMessage()


def test_show_in_document_lights_up_the_occurrence_the_prefix_picks(window, qtbot):
    """ "was finished" stands twice in the review; the excerpt's prefix picks the second."""
    window.select_event(index(window, "wall-finished"))
    dialog = window.show_in_document(1)
    qtbot.addWidget(dialog)
    text = dialog.viewer.toPlainText()
    start, end = dialog.span
    assert text[start:end] == "was finished"
    assert text.index("was finished") < start
    assert text[:start].endswith("residents dispute that it ")


def test_a_links_quote_opens_in_its_document(window, qtbot):
    """A link that cites a passage offers it in the source's local copy, lit up."""
    window.select_event(index(window, "wall-proposed"))
    html = window.panel.toHtml()
    places = [int(k) for k in re.findall(r'href="linkdoc:(\d+)"', html)]
    assert len(places) == 2  # the response to the storm and the revision cite passages; the inference none
    quotes = set()
    for place in places:
        dialog = window.show_link_in_document(place)
        qtbot.addWidget(dialog)
        quotes.add(dialog.highlighted_text().replace("\n", " "))
    assert quotes == {
        "in response to the November storm",
        "the revised plan revises the proposal of February 2021",
    }


def test_the_document_view_says_when_the_place_lit_up_is_not_certain():
    """It said 'The excerpt is highlighted' even where the prefix/suffix fit none of the
    places, or the quote stood twice with nothing to pick one: the first place was lit up as
    if it were the one meant."""
    from timeline_app.model.documents import locate_quote
    from timeline_app.window.documents import place_note

    text = "the words here; then the words there."
    assert place_note(locate_quote(text, "the words", suffix="there")) is None
    assert place_note(locate_quote("only the words", "the words")) is None
    assert "do not match" in place_note(locate_quote(text, "the words", prefix="nowhere"))
    assert "do not match" in place_note(locate_quote("only the words", "the words", suffix="x"))
    assert "2 times" in place_note(locate_quote(text, "the words"))
