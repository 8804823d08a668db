"""A passage selected in the document view is quoted as the file writes it, with the text just
before and after it, even where the widget shows the file differently (CRLF, emoji, no-break
space)."""

from PySide6.QtGui import QTextCursor

from timeline_app.window.document_dialog import DocumentDialog

# CRLF line ends, an emoji before the passage (two widget positions) and a no-break space inside it
TEXT = (
    "Header line\r\n"
    "Intro \U0001f600 the council met.\r\n"
    "The council approved the\u00a0plan on May 3, 2021.\r\n"
    "Later the council approved the budget.\r\n"
)


def select(dialog, passage):
    """Select `passage` in the widget the way a user's drag does: by widget positions."""
    doc = dialog.viewer.document()
    found = doc.find(passage.replace("\u00a0", " "))
    if found.isNull():
        found = doc.find(passage)
    assert not found.isNull(), passage
    dialog.viewer.setTextCursor(found)
    return found


def test_selection_gives_the_files_exact_characters_and_context(qtbot):
    dialog = DocumentDialog("Doc", TEXT, None)
    qtbot.addWidget(dialog)
    select(dialog, "approved the\u00a0plan on May 3")
    passage = dialog.quotes.passage()
    assert passage.quote == "approved the\u00a0plan on May 3"  # the no-break space kept
    start = TEXT.index("approved the\u00a0plan")
    assert TEXT[passage.start : passage.end] == passage.quote
    assert passage.prefix == TEXT[start - 32 : start]
    assert passage.prefix.endswith("met.\r\nThe council ")  # the CRLF as the file has it
    assert passage.suffix == TEXT[passage.end : passage.end + 32]


def test_a_selection_across_a_line_break_keeps_the_crlf(qtbot):
    dialog = DocumentDialog("Doc", TEXT, None)
    qtbot.addWidget(dialog)
    cursor = QTextCursor(dialog.viewer.document())
    start = TEXT.index("met.")
    cursor.setPosition(dialog.quotes.doc.position(start))
    cursor.setPosition(
        dialog.quotes.doc.position(start + len("met.\r\nThe")), QTextCursor.MoveMode.KeepAnchor
    )
    dialog.viewer.setTextCursor(cursor)
    assert dialog.viewer.textCursor().selectedText() == "met.\u2029The"  # what the widget holds
    assert dialog.quotes.passage().quote == "met.\r\nThe"


def test_selection_trims_the_line_break_a_drag_takes_along(qtbot):
    dialog = DocumentDialog("Doc", TEXT, None)
    qtbot.addWidget(dialog)
    cursor = QTextCursor(dialog.viewer.document())
    block = dialog.viewer.document().findBlockByNumber(3)
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + block.length(), QTextCursor.MoveMode.KeepAnchor)
    dialog.viewer.setTextCursor(cursor)
    assert dialog.quotes.passage().quote == "Later the council approved the budget."


def test_buttons_work_only_with_a_selection_and_an_event_to_add_to(qtbot):
    dialog = DocumentDialog("Doc", TEXT, None)
    qtbot.addWidget(dialog)
    bar = dialog.quotes
    assert not bar.new_button.isEnabled() and not bar.add_button.isEnabled()
    select(dialog, "the budget")
    assert bar.new_button.isEnabled() and not bar.add_button.isEnabled()
    bar.set_target("The council approves")
    assert bar.add_button.isEnabled()
    assert "The council approves" in bar.add_button.text()
    with qtbot.waitSignal(bar.sigAddExcerpt) as got:
        bar.add_button.click()
    assert got.args[0].quote == "the budget"


def test_the_highlight_sits_on_the_quote_after_an_emoji_and_crlf_lines(qtbot):
    """The excerpt's span is found in the file's characters; the widget counts differently."""
    start = TEXT.index("Later the council")
    dialog = DocumentDialog("Doc", TEXT, (start, start + len("Later the council approved")))
    qtbot.addWidget(dialog)
    assert dialog.highlighted_text() == "Later the council approved"
