"""Quoting straight from the document view: a selected passage becomes a new event or an excerpt
of the selected one, copied exactly as the document writes it, as one undo step."""

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.window.editing_helpers import editor_fixture, select  # noqa: F401  (the `editor` fixture)

pytestmark = pytest.mark.gui
# in the document the passage runs over a line break: "debate\nthat lasted"
PASSAGE = "after a debate\nthat lasted most of the evening"


def open_gazette(editor, qtbot):
    select(editor, "plan-approved")
    dialog = editor.show_in_document(0)
    qtbot.addWidget(dialog)
    return dialog


def select_passage(dialog, passage):
    text = dialog.quotes.doc.text
    start = text.index(passage)
    cursor = QTextCursor(dialog.viewer.document())
    cursor.setPosition(dialog.quotes.doc.position(start))
    cursor.setPosition(dialog.quotes.doc.position(start + len(passage)), QTextCursor.MoveMode.KeepAnchor)
    dialog.viewer.setTextCursor(cursor)
    return text, start


def test_new_event_from_selection_quotes_the_document_exactly(editor, qtbot):
    dialog = open_gazette(editor, qtbot)
    text, start = select_passage(dialog, PASSAGE)
    assert dialog.quotes.new_button.isEnabled()
    dialog.quotes.new_button.click()
    QApplication.processEvents()
    event_id = editor.editing.event_id
    data = editor.saving.document().event(event_id)
    excerpt = data["excerpts"][0]
    assert excerpt["source"] == "gazette"
    assert excerpt["quote"] == PASSAGE  # the line break as the file has it
    assert excerpt["prefix"] == text[start - 32 : start]
    assert excerpt["suffix"] == text[start + len(PASSAGE) : start + len(PASSAGE) + 32]
    assert data["title"] == "after a debate that lasted most of the…"
    # no date yet: the chronology says so at the date field, and the timeline keeps its last version
    inspector = editor.editing.inspector
    assert inspector.event_id == event_id
    assert "has no date" in inspector.notes["start"].text()
    assert editor.editing.stack.count() == 1
    inspector.start.setText("2019-03-04")
    inspector.start.editingFinished.emit()
    assert editor.state.timeline.event(event_id).excerpts[0].quote == PASSAGE


def test_add_as_excerpt_to_the_selected_event(editor, qtbot):
    dialog = open_gazette(editor, qtbot)
    assert "Council approves the Riverside bridge" in dialog.quotes.add_button.text()
    select_passage(dialog, "A design contest will follow")
    dialog.quotes.add_button.click()
    quotes = [x.quote for x in editor.state.timeline.event("plan-approved").excerpts]
    assert quotes[-1] == "A design contest will follow"
    assert editor.edit_menu.undo.text().replace("&", "") == "Undo Add excerpt"
    editor.edit_menu.undo.trigger()
    assert "A design contest will follow" not in [
        x.quote for x in editor.state.timeline.event("plan-approved").excerpts
    ]


def test_the_add_button_follows_the_selected_event(editor, qtbot):
    dialog = open_gazette(editor, qtbot)
    select(editor, "opening")
    assert "The bridge opens" in dialog.quotes.add_button.text()


def test_add_source_from_a_document_fills_what_it_states(editor, qtbot, tmp_path):
    doc = tmp_path / "documents" / "minutes.md"
    doc.write_text(
        "# Minutes of the council\n\nAuthor: Town Clerk\nDate: 4 March 2019\n\nThe vote was 7 to 2.\n",
        encoding="utf-8",
    )
    select(editor, "plan-approved")
    source_id = editor.edit_menu.add_source_dialog(str(doc))
    source = editor.state.timeline.sources[source_id]
    assert (source.title, source.author, source.published.edtf()) == (
        "Minutes of the council",
        "Town Clerk",
        "2019-03-04",
    )
    assert source.file == "documents/minutes.md"
    assert "found in the document" in source.published_note
    dialog = editor.edit_menu.last_dialog
    qtbot.addWidget(dialog)
    select_passage(dialog, "The vote was 7 to 2.")
    dialog.quotes.add_button.click()
    assert editor.state.timeline.event("plan-approved").excerpts[-1].source == source_id


def test_a_sources_document_opens_from_the_sources_editor_to_quote_from(editor, qtbot):
    select(editor, "opening")
    sources = editor.edit_menu.open_sources()
    rows = [sources.list.item(i).data(0x0100) for i in range(sources.list.count())]
    sources.list.setCurrentRow(rows.index("gazette"))
    with qtbot.waitSignal(sources.sigOpenDocument):
        sources.open_button.click()
    dialog = editor.edit_menu.open_source_document("gazette")
    qtbot.addWidget(dialog)
    assert "select a passage" in dialog.note.text()
    select_passage(dialog, "officials recalled")
    dialog.quotes.add_button.click()
    last = editor.state.timeline.event("opening").excerpts[-1]
    assert (last.source, last.quote) == ("gazette", "officials recalled")
    sources.close()


def test_typing_right_after_new_event_from_selection_fills_the_date(editor, qtbot):
    """The document view kept the keyboard: the date typed next was lost, and its space pressed
    New Event from Selection again, making a second event (seen in the five-event trial)."""
    dialog = open_gazette(editor, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    select_passage(dialog, PASSAGE)
    dialog.quotes.new_button.setFocus()
    dialog.quotes.new_button.click()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    start = editor.editing.inspector.start
    assert QApplication.focusWidget() is start
    qtbot.keyClicks(QApplication.focusWidget(), "March 2019")
    assert start.text() == "March 2019"
    assert editor.editing.stack.count() == 1  # one new event, not two


def test_a_document_added_as_a_source_says_to_select_a_passage(editor, qtbot, tmp_path):
    """Its view said "The excerpt was not found in this document" though no excerpt was sought."""
    doc = tmp_path / "documents" / "notes.txt"
    doc.write_text("Notes of the meeting.\n\nThe vote was 7 to 2.\n", encoding="utf-8")
    editor.edit_menu.add_source_dialog(str(doc))
    dialog = editor.edit_menu.last_dialog
    qtbot.addWidget(dialog)
    assert "select a passage" in dialog.note.text()
    assert "not found" not in dialog.note.text()


def test_a_new_chronology_finds_its_documents_and_is_saved_beside_them(qtbot, settings, tmp_path):
    """File > New, then Add Source from Document: the new events had no Show in document, and
    Save As opened in the home folder though the status bar said to save beside the document."""
    from pathlib import Path

    from tests.window.test_saving_support import FakePrompts
    from timeline_app.window.main_window import MainWindow

    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / "notes.txt"
    doc.write_text("Notes of the meeting.\n\nThe vote was 7 to 2.\n", encoding="utf-8")
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.saving.prompts = FakePrompts(unsaved="discard")
    win.saving.new_document()
    source_id = win.edit_menu.add_source_dialog(str(doc))
    assert "save the chronology in the folder of notes.txt" in win.statusBar().currentMessage()
    dialog = win.edit_menu.last_dialog
    qtbot.addWidget(dialog)
    select_passage(dialog, "The vote was 7 to 2.")
    dialog.quotes.new_button.click()
    win.editing.inspector.start.setText("2019-03-04")
    win.editing.inspector.start.editingFinished.emit()
    assert win.documents.has_document(win.state.timeline.sources[source_id])  # Show in document
    assert not win.saving.save_as()  # the fake dialog is cancelled; what matters is where it opened
    question, start, _fmt = win.saving.prompts.asked[-1]
    assert question == "save_path"
    assert Path(start).parent == docs
    assert Path(start).name == "Untitled.yaml"


def test_a_source_added_from_a_document_records_the_version_quoted(editor, tmp_path):
    """check asked the user to add `file_sha256` to each new source by hand, in a text editor."""
    import hashlib

    doc = tmp_path / "documents" / "notes.txt"
    doc.write_bytes(b"Notes of the meeting.\r\n\r\nThe vote was 7 to 2.\r\n")
    source_id = editor.edit_menu.add_source_dialog(str(doc))
    editor.edit_menu.last_dialog.close()
    source = editor.state.timeline.sources[source_id]
    assert source.file_sha256 == hashlib.sha256(doc.read_bytes()).hexdigest()
