"""A source document shown as plain text with one excerpt highlighted and scrolled into view; a
passage selected in it can become a new event or an excerpt (`document_quote.QuoteBar`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from timeline_app.window.document_quote import QuoteBar


class DocumentDialog(QDialog):
    def __init__(
        self,
        title: str,
        text: str,
        span: tuple[int, int] | None,
        parent: QWidget | None = None,
        note: str | None = None,
    ) -> None:
        """`note` replaces the usual words over the text (the place of a quote that stands
        more than once with nothing to pick one)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        self.note = QLabel(
            note or ("The excerpt is highlighted." if span else "The excerpt was not found in this document.")
        )
        self.note.setTextFormat(self.note.textFormat().PlainText)
        self.viewer = QPlainTextEdit(self)
        self.viewer.setReadOnly(True)
        # Shift+arrows move a selection's end by a character: a drag that took the comma after
        # a date could only be redone by aiming at a pixel
        self.viewer.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.viewer.setPlainText(text)
        layout.addWidget(self.note)
        layout.addWidget(self.viewer)
        self.quotes = QuoteBar(self.viewer, text, self)
        layout.addWidget(self.quotes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.span = span
        if span:
            self._highlight(*span)

    def _highlight(self, start: int, end: int) -> None:
        # the span is in the file's characters; the widget counts a CRLF as one and an emoji as two
        start, end = self.quotes.doc.position(start), self.quotes.doc.position(end)
        cursor = QTextCursor(self.viewer.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe066"))
        fmt.setForeground(QColor("#1d1d1f"))  # dark on the yellow in either theme (14:1)
        selection.format = fmt
        selection.cursor = cursor
        self.viewer.setExtraSelections([selection])
        caret = QTextCursor(self.viewer.document())
        caret.setPosition(start)
        self.viewer.setTextCursor(caret)
        self.viewer.centerCursor()

    def highlighted_text(self) -> str:
        """The text the widget highlights, as it shows it (a paragraph break as a newline)."""
        selections = self.viewer.extraSelections()
        if not self.span or not selections:
            return ""
        return selections[0].cursor.selectedText().replace("\u2029", "\n")
