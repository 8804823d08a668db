"""The inspector edits the selected event: each committed field is one undo step, the date says
as you type how it will be read, and the loader's problems show under the field they concern."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.window.editing_helpers import (
    commit_line,
    editor_fixture,  # noqa: F401  (the `editor` fixture)
    select,
)

pytestmark = pytest.mark.gui


def test_editing_the_title_changes_the_timeline_and_undo_names_the_step(editor, qtbot):
    select(editor, "plan-approved")
    inspector = editor.editing.inspector
    assert inspector.title.text() == "Council approves the Riverside bridge plan"
    commit_line(qtbot, inspector.title, "Plan approved")
    assert editor.state.timeline.event("plan-approved").title == "Plan approved"
    assert editor.edit_menu.undo.text().replace("&", "") == "Undo Change title"
    assert editor.state.selected == editor.state.timeline.index_of("plan-approved")
    editor.edit_menu.undo.trigger()
    assert editor.state.timeline.event("plan-approved").title == "Council approves the Riverside bridge plan"
    assert inspector.title.text() == "Council approves the Riverside bridge plan"
    assert editor.edit_menu.redo.text().replace("&", "") == "Redo Change title"
    editor.edit_menu.redo.trigger()
    assert editor.state.timeline.event("plan-approved").title == "Plan approved"


def test_undo_after_edits_gives_back_the_very_same_text(editor, qtbot):
    select(editor, "plan-approved")
    document = editor.saving.document()
    before = document.text()
    inspector = editor.editing.inspector
    commit_line(qtbot, inspector.title, "Plan approved")
    commit_line(qtbot, inspector.date_note, "from the minutes")
    inspector.inferred.click()
    assert editor.editing.stack.count() == 3
    for _ in range(3):
        editor.edit_menu.undo.trigger()
    assert document.text() == before


def test_the_date_field_says_how_it_reads_as_you_type(editor, qtbot):
    select(editor, "plan-approved")
    start = editor.editing.inspector.start
    start.setFocus()
    start.selectAll()
    qtbot.keyClicks(start, "December 2013")
    assert start.note.text() == "Reads as December 2013, month precision"
    qtbot.keyClick(start, Qt.Key_Backspace)
    qtbot.keyClicks(start, "x")
    assert "cannot read" in start.note.text() or "not part of a date" in start.note.text()
    assert editor.editing.stack.count() == 0  # nothing is committed while typing


def test_a_committed_date_moves_the_event_keeping_the_words_typed(editor, qtbot):
    select(editor, "plan-approved")
    commit_line(qtbot, editor.editing.inspector.start, "spring 2020")
    event = editor.state.timeline.event("plan-approved")
    assert event.when.text() == "spring 2020"
    assert editor.saving.document().event("plan-approved")["date"] == "spring 2020"


def test_an_unreadable_date_shows_the_loaders_problem_at_the_field_and_keeps_the_timeline(editor, qtbot):
    select(editor, "plan-approved")
    inspector = editor.editing.inspector
    commit_line(qtbot, inspector.start, "Decembr 2013")
    note = inspector.notes["start"]
    assert note.isVisibleTo(inspector)
    assert "event 'plan-approved'" in note.text() and "'Decembr' is not part of a date" in note.text()
    assert not inspector.notes["title"].isVisibleTo(inspector)
    # the last valid timeline stays on screen
    assert editor.state.timeline.event("plan-approved").when.text() == "4 March 2019"
    commit_line(qtbot, inspector.start, "December 2013")
    assert not note.isVisibleTo(inspector)
    assert editor.state.timeline.event("plan-approved").when.text() == "December 2013"


def test_an_empty_title_is_a_problem_at_the_title(editor, qtbot):
    select(editor, "plan-approved")
    inspector = editor.editing.inspector
    inspector.title.setFocus()
    inspector.title.selectAll()
    qtbot.keyClick(inspector.title, Qt.Key_Delete)
    qtbot.keyClick(inspector.title, Qt.Key_Return)
    assert inspector.notes["title"].isVisibleTo(inspector)
    assert "has no 'title'" in inspector.notes["title"].text()


def test_a_new_category_typed_in_the_combo_is_committed(editor, qtbot):
    select(editor, "plan-approved")
    combo = editor.editing.inspector.category
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "politics")
    qtbot.keyClick(line, Qt.Key_Return)
    assert editor.state.timeline.event("plan-approved").category == "politics"
    assert "politics" in editor.state.timeline.categories


def wheel(widget, notches):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def test_the_wheel_over_a_combo_never_changes_the_event(editor, qtbot):
    """Scrolling with the pointer over the category box (as a pass over the form does) changed
    the category without a click: 'strategy document' became 'decision' in the trial."""
    select(editor, "plan-approved")
    inspector = editor.editing.inspector
    combos = [inspector.category, inspector.excerpt_boxes[0].source]
    if inspector.status is not None:
        combos.append(inspector.status)
    for combo in combos:
        assert combo.count() > 1, "nothing the wheel could move to"
        combo.setFocus()
        for notches in (-1, -1, 1, 1, 1):
            wheel(combo, notches)
    event = editor.state.timeline.event("plan-approved")
    assert event.category == "decision"
    assert event.excerpts[0].source == "gazette"
    assert inspector.category.currentText() == "decision"
    assert editor.editing.stack.count() == 0


def test_adding_and_removing_an_excerpt_are_steps_and_an_empty_quote_is_a_problem(editor, qtbot):
    select(editor, "funding")
    inspector = editor.editing.inspector
    assert len(inspector.excerpt_boxes) == 1
    inspector.add_excerpt.click()
    QApplication.processEvents()
    assert len(inspector.excerpt_boxes) == 2
    assert "empty quote" in inspector.excerpt_boxes[1].notes["quote"].text()
    box = inspector.excerpt_boxes[1]
    box.quote.setFocus()
    qtbot.keyClicks(box.quote, "Money for the bridge")
    inspector.title.setFocus()  # leaving the quote commits it
    QApplication.processEvents()
    event = editor.state.timeline.event("funding")
    assert [x.quote for x in event.excerpts][1] == "Money for the bridge"
    inspector.excerpt_boxes[0].findChildren(type(inspector.add_excerpt))[0].click()
    QApplication.processEvents()
    assert [x.quote for x in editor.state.timeline.event("funding").excerpts] == ["Money for the bridge"]
    from timeline_app.window.inspector import ExcerptBox

    drawn = [b for b in inspector.findChildren(ExcerptBox) if b.isVisibleTo(inspector)]
    assert len(drawn) == 1  # a removed box is not left drawn until the event loop deletes it
    assert editor.edit_menu.undo.text().replace("&", "") == "Undo Remove excerpt 1"


def test_the_save_warning_names_each_problem_by_event_and_field(editor, qtbot):
    from timeline_app.window.field_problems import save_warning

    select(editor, "funding")
    inspector = editor.editing.inspector
    commit_line(qtbot, inspector.start, "Decembr 2013")
    inspector.add_excerpt.click()
    document = editor.saving.document()
    _timeline, problems = document.timeline()
    text = save_warning(document.text(), problems)
    assert text.startswith("The chronology has 2 problem(s).")
    assert "event 'funding', date: " in text
    assert "event 'funding', excerpt 2 quote: an excerpt of event 'funding' has an empty quote" in text
    editor.edit_menu.undo.trigger()
    editor.edit_menu.undo.trigger()
    assert save_warning(document.text(), document.timeline()[1]) == ""


def test_ctrl_s_while_typing_saves_what_is_typed(editor, qtbot):
    """A summary being typed is committed before Save runs: the file gets the words on screen."""
    select(editor, "plan-approved")
    summary = editor.editing.inspector.summary
    summary.setFocus()
    summary.selectAll()
    qtbot.keyClicks(summary, "Voted at night.")
    qtbot.keyClick(summary, Qt.Key_S, Qt.ControlModifier)
    assert "summary: Voted at night." in editor.saving.document().path.read_text(encoding="utf-8")
    assert editor.edit_menu.undo.text().replace("&", "") == "Undo Change summary"


def test_closing_the_window_commits_the_field_being_typed(editor, qtbot):
    select(editor, "plan-approved")
    title = editor.editing.inspector.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Typed, not entered")
    editor.close()
    assert ("unsaved", "small.yaml") in editor.saving.prompts.asked  # the edit was there to ask about


def test_with_no_event_selected_the_inspector_edits_the_chronologys_title(editor, qtbot):
    editor.select_event(-1)
    inspector = editor.editing.inspector
    assert inspector.timeline_title.isVisibleTo(inspector)
    assert inspector.timeline_title.text() == "Riverside bridge (test fixture)"
    commit_line(qtbot, inspector.timeline_title, "The Riverside bridge")
    assert editor.state.timeline.title == "The Riverside bridge"
    assert editor.canvas.title_bar.text() == "The Riverside bridge"
    assert editor.edit_menu.undo.text().replace("&", "") == "Undo Change chronology title"
    editor.edit_menu.undo.trigger()
    assert editor.state.timeline.title == "Riverside bridge (test fixture)"


def test_edit_mode_is_remembered_between_runs(qtbot, settings):
    from timeline_app.window.main_window import MainWindow

    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    assert not first.editing.dock.isVisibleTo(first)  # reading first: the inspector starts closed
    first.edit_menu.inspector.trigger()
    assert settings.value("view/inspector") == "true"
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    assert second.editing.dock.isVisibleTo(second)


def test_delete_pressed_in_the_inspector_does_not_delete_the_event(editor, qtbot):
    select(editor, "funding")
    combo = editor.editing.inspector.excerpt_boxes[0].source
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Delete)
    assert editor.state.timeline.index_of("funding") is not None
    assert editor.editing.stack.count() == 0


def test_status_is_chosen_from_the_list_and_happened_is_the_default(editor, qtbot):
    select(editor, "plan-approved")
    combo = editor.editing.inspector.status
    assert combo.currentText() == "happened"
    combo.setCurrentText("alleged")
    combo.activated.emit(combo.currentIndex())
    assert editor.saving.document().event("plan-approved")["status"] == "alleged"
    assert editor.state.timeline.event("plan-approved").status == "alleged"
    combo.setCurrentText("happened")
    combo.activated.emit(combo.currentIndex())
    assert "status" not in editor.saving.document().event("plan-approved")  # the default is not written
