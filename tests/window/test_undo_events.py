"""New, delete, duplicate, drag to move, double-click to add, rename a category: each one step
that undo takes back exactly (the chronology's text is the same again, byte for byte)."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.window.editing_helpers import (
    editor_fixture,  # noqa: F401  (the `editor` fixture)
    marker_x,
    paint,
    select,
)

pytestmark = pytest.mark.gui
DAY = 86400.0


def undo_text(win):
    return win.edit_menu.undo.text().replace("&", "")


def test_new_event_is_selected_in_the_inspector_and_undo_removes_it(editor, qtbot):
    before = editor.saving.document().text()
    n = len(editor.state.timeline.events)
    editor.edit_menu.new_event.trigger()
    event_id = editor.editing.event_id
    assert len(editor.state.timeline.events) == n + 1
    assert editor.state.timeline.columns.ids[editor.state.selected] == event_id
    assert editor.editing.inspector.title.text() == "New event"
    assert editor.editing.inspector.title.hasFocus()
    assert undo_text(editor) == "Undo New event"
    editor.edit_menu.undo.trigger()
    assert len(editor.state.timeline.events) == n
    assert editor.saving.document().text() == before


def test_delete_takes_the_event_out_and_undo_puts_it_back_where_it_was(editor, qtbot):
    select(editor, "design-contest")
    before = editor.saving.document().text()
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key_Delete)
    assert editor.state.timeline.index_of("design-contest") is None
    assert undo_text(editor) == "Undo Delete event"
    editor.edit_menu.undo.trigger()
    assert editor.saving.document().text() == before
    assert editor.state.timeline.columns.ids[editor.state.selected] == "design-contest"


def test_duplicate_copies_every_field_under_a_new_id(editor, qtbot):
    select(editor, "plan-approved")
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key_D, Qt.ControlModifier)
    copy_id = editor.editing.event_id
    assert copy_id != "plan-approved"
    original, copy = (editor.state.timeline.event(i) for i in ("plan-approved", copy_id))
    assert (copy.title, copy.when, copy.excerpts) == (original.title, original.when, original.excerpts)
    editor.edit_menu.undo.trigger()
    assert editor.state.timeline.event(copy_id) is None


def drag(win, x0, x1, y):
    """Press on (x0, y), move to (x1, y) and release, as a mouse does."""
    viewport = win.canvas.viewport()
    for kind, x, buttons in (
        (QMouseEvent.Type.MouseButtonPress, x0, Qt.LeftButton),
        (QMouseEvent.Type.MouseMove, (x0 + x1) / 2, Qt.LeftButton),
        (QMouseEvent.Type.MouseMove, x1, Qt.LeftButton),
        (QMouseEvent.Type.MouseButtonRelease, x1, Qt.NoButton),
    ):
        pos = QPointF(x, y)
        QApplication.sendEvent(
            viewport,
            QMouseEvent(kind, pos, viewport.mapToGlobal(pos), Qt.LeftButton, buttons, Qt.NoModifier),
        )


def test_dragging_a_marker_moves_its_date_in_steps_of_its_precision_as_one_step(editor, qtbot):
    """'opening' is dated to the day: a drag of about 10 days moves it by whole days."""
    arrays = editor.state.arrays
    index = editor.state.timeline.index_of("opening")
    editor.canvas.zoom_to(arrays.x0[index] - 40 * DAY, arrays.x1[index] + 40 * DAY)
    x, y = marker_x(editor, "opening")
    lo, hi = editor.canvas.x_range()
    px_per_day = paint(editor).plot.w / ((hi - lo) / DAY)
    before_text = editor.saving.document().text()
    view = editor.canvas.x_range()
    drag(editor, x, x + 10 * px_per_day, y)
    moved = editor.state.timeline.event("opening").when
    assert moved.start.precision.value == "day"
    days = moved.first_day() - (arrays.x0[index] // DAY)
    assert 9 <= days <= 11
    assert editor.canvas.x_range() == pytest.approx(view)  # the drag moved the event, not the view
    assert undo_text(editor) == "Undo Move event"
    assert editor.editing.stack.count() == 1
    editor.edit_menu.undo.trigger()
    assert editor.saving.document().text() == before_text


def test_without_the_inspector_a_drag_on_a_marker_does_not_edit(editor, qtbot):
    editor.editing.dock.hide()
    x, y = marker_x(editor, "opening")
    drag(editor, x, x + 80, y)
    assert editor.editing.stack.count() == 0
    assert editor.saving._document is None or not editor.saving._document.dirty


def test_double_click_on_empty_timeline_adds_an_event_at_that_date(editor, qtbot):
    """Zoomed to about two months, the new event is dated to the day under the pointer."""
    arrays = editor.state.arrays
    index = editor.state.timeline.index_of("opening")
    editor.canvas.zoom_to(arrays.x0[index] - 30 * DAY, arrays.x1[index] + 30 * DAY)
    frame = paint(editor)
    x = frame.plot.x + frame.plot.w * 0.25
    y = frame.plot.y + 20
    lo, hi = editor.canvas.x_range()
    expected_day = int((lo + (x - frame.plot.x) / frame.plot.w * (hi - lo)) // DAY)
    n = len(editor.state.timeline.events)
    qtbot.mouseDClick(editor.canvas.viewport(), Qt.LeftButton, pos=QPoint(round(x), round(y)))
    assert len(editor.state.timeline.events) == n + 1
    new = editor.state.timeline.event(editor.editing.event_id)
    assert new.when.start.precision.value == "day"
    assert abs(new.when.first_day() - expected_day) <= 1
    assert editor.canvas.x_range() == pytest.approx((lo, hi))  # no fit-all while editing


def test_rename_a_category_across_events_is_one_undo_step(editor, qtbot):
    document = editor.saving.document()
    before = document.text()
    had = [e.id for e in editor.state.timeline.events if e.category == "decision"]
    assert len(had) == 2
    dialog = editor.edit_menu.open_categories()
    items = [dialog.list.item(i).data(Qt.UserRole) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(items.index("decision"))
    dialog.name.setText("council decision")
    dialog.rename.click()
    assert all(editor.state.timeline.event(i).category == "council decision" for i in had)
    assert "decision" not in editor.state.timeline.categories
    assert editor.editing.stack.count() == 1
    editor.edit_menu.undo.trigger()
    assert document.text() == before
    dialog.close()


def test_sources_editor_adds_changes_and_removes_a_source_each_undoable(editor, qtbot):
    dialog = editor.edit_menu.open_sources()
    n = len(editor.state.timeline.sources)
    source_id = dialog.add_source({"title": "Town minutes", "author": "Clerk"})
    assert editor.state.timeline.sources[source_id].title == "Town minutes"
    dialog.fields["published"].setText("March 2019")
    assert dialog.date_note.text() == "Reads as March 2019, month precision"
    dialog.apply_button.click()
    assert editor.state.timeline.sources[source_id].published.text() == "March 2019"
    dialog.remove.click()
    assert len(editor.state.timeline.sources) == n
    assert editor.editing.stack.count() == 3
    editor.edit_menu.undo.trigger()
    assert source_id in editor.state.timeline.sources
    listed = [dialog.list.item(i).data(Qt.UserRole) for i in range(dialog.list.count())]
    assert source_id in listed  # the editor follows undo
    dialog.close()


def test_new_event_in_a_new_chronology_asks_for_its_date_at_the_field(editor, qtbot):
    editor.saving.new_document()
    editor.edit_menu.new_event.trigger()
    event_id = editor.editing.event_id
    assert "date" not in editor.saving.document().event(event_id)
    assert "has no date" in editor.editing.inspector.notes["start"].text()
    commit_line_date = editor.editing.inspector.start
    commit_line_date.setText("1 May 2021")
    commit_line_date.commit()
    assert editor.state.timeline.event(event_id).when.text() == "1 May 2021"
