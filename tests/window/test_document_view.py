"""The document view's own keys and size: Shift+arrows move a selection's end by a character, and
the bar under the text never widens the dialog (which re-wrapped the text mid-selection)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.window.test_quote_selection import TEXT, select
from timeline_app.window.document_dialog import DocumentDialog


def test_shift_and_the_arrows_adjust_a_selection_to_the_character(qtbot):
    """Ending a drag just before a comma takes a pixel's aim; Shift+Left did nothing in the
    read-only view, so the comma could only be dropped by dragging again (five-event trial)."""
    dialog = DocumentDialog("Doc", TEXT, None)
    qtbot.addWidget(dialog)
    dialog.show()
    select(dialog, "approved the\u00a0plan on May 3, 2021")
    dialog.viewer.setFocus()
    for _ in ", 2021":
        qtbot.keyClick(dialog.viewer, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.quotes.passage().quote == "approved the\u00a0plan on May 3"
    assert dialog.viewer.isReadOnly()
    qtbot.keyClicks(dialog.viewer, "x")
    assert dialog.quotes.doc.text == TEXT  # still nothing typed into the document


def test_a_long_event_title_does_not_widen_the_document_view(qtbot):
    """The Add as Excerpt button names the selected event; a long title widened the dialog and
    re-wrapped the text under the pointer in the middle of a selection (five-event trial)."""
    dialog = DocumentDialog("Doc", TEXT * 40, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width = dialog.width()
    for title in ("New National Defense Program Guidelines replace the 2013 NDPG", "W" * 44):
        dialog.quotes.set_target(title)
        QApplication.processEvents()
        QApplication.processEvents()
        assert dialog.width() == width
        assert dialog.minimumSizeHint().width() <= width
        assert dialog.quotes.add_button.text().startswith("Add as Excerpt to \u201c" + title[:8])
