"""A passage selected in the document view, as the document's own characters.

A `QPlainTextEdit` does not hold the file's text: it turns CRLF, CR and LF into one paragraph
separator (U+2029) each, counts a character outside the BMP (an emoji) as two positions, and its
`toPlainText` turns a no-break space into a plain one (all three seen with PySide6 6.11). A quote
taken from the widget would then differ from the file that `check` reads. `DocumentText` aligns
the widget's positions with the file's characters once, so a selection becomes the exact slice
of the file, with the W3C TextQuoteSelector `prefix`/`suffix` around it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

TARGET_WIDTH = 300  # pixels of the event's title on the Add as Excerpt button
CONTEXT = 32  # characters of prefix and suffix: enough to tell repeated passages apart
_BREAK = "\u2029"


@dataclass(frozen=True)
class Passage:
    """A quote exactly as the document writes it, with the text just before and after it."""

    quote: str
    prefix: str
    suffix: str
    start: int  # offsets in the document's text
    end: int


class DocumentText:
    """The document's text beside the widget's document, and the map between their positions.

    Only the places where the two counts drift apart are stored (a CRLF, an astral character),
    so a long plain document costs a few lists of breakpoints, not a list per character.
    """

    def __init__(self, text: str, document: QTextDocument) -> None:
        self.text = text
        self.document = document
        # (widget position, text offset) at every point after which the offsets differ
        self._steps_pos: list[int] = [0]
        self._steps_off: list[int] = [0]
        self.aligned = self._align()

    def _align(self) -> bool:
        cursor = QTextCursor(self.document)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        shown = cursor.selectedText()  # U+2029 between blocks; the characters as held
        text = self.text
        i = pos = 0
        for ch in shown:
            if i >= len(text):
                return False
            if ch == _BREAK and text[i] in "\r\n":
                width = 2 if text.startswith("\r\n", i) else 1
            elif ch == text[i]:
                width = 1
            else:
                return False
            units = 2 if ord(ch) > 0xFFFF else 1
            i += width
            pos += units
            if width != units:
                self._steps_pos.append(pos)
                self._steps_off.append(i)
        return i == len(text) or text[i:] in ("\n", "\r\n", "\r")

    def offset(self, position: int) -> int:
        """The text offset of a widget position."""
        k = bisect_right(self._steps_pos, position) - 1
        return min(position + self._steps_off[k] - self._steps_pos[k], len(self.text))

    def position(self, offset: int) -> int:
        """The widget position of a text offset (the inverse of `offset`)."""
        k = bisect_right(self._steps_off, offset) - 1
        return offset - (self._steps_off[k] - self._steps_pos[k])

    def passage(self, start_pos: int, end_pos: int, context: int = CONTEXT) -> Passage | None:
        """The passage between two widget positions; None for an empty selection or a widget
        that does not show this text (nothing is guessed)."""
        if not self.aligned:
            return None
        start, end = self.offset(min(start_pos, end_pos)), self.offset(max(start_pos, end_pos))
        if end <= start:
            return None
        text = self.text
        return Passage(
            text[start:end], text[max(0, start - context) : start], text[end : end + context], start, end
        )


def selected_passage(doc: DocumentText, cursor: QTextCursor) -> Passage | None:
    """The passage the cursor selects, trimmed of the spaces and line breaks at its ends (a
    drag-selection often takes the break after a line; a quote never starts or ends with one)."""
    passage = doc.passage(cursor.selectionStart(), cursor.selectionEnd())
    if passage is None:
        return None
    quote = passage.quote
    lead = len(quote) - len(quote.lstrip())
    trail = len(quote) - len(quote.rstrip())
    if lead + trail >= len(quote):
        return None
    start, end = passage.start + lead, passage.end - trail
    text = doc.text
    return Passage(
        text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start, end
    )


class QuoteBar(QWidget):
    """Under the document: make the selected passage a new event or an excerpt of the selected
    one. Each button works only while some text is selected."""

    sigNewEvent = Signal(object)  # Passage
    sigAddExcerpt = Signal(object)  # Passage

    def __init__(self, viewer: QPlainTextEdit, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.doc = DocumentText(text, viewer.document())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.new_button = QPushButton("New Event from Selection")
        self.add_button = QPushButton("Add as Excerpt")
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)  # the note wraps rather than widening the dialog
        row.addWidget(self.new_button)
        row.addWidget(self.add_button)
        row.addWidget(self.note, 1)
        self.new_button.clicked.connect(lambda: self._emit(self.sigNewEvent))
        self.add_button.clicked.connect(lambda: self._emit(self.sigAddExcerpt))
        viewer.selectionChanged.connect(self._sync)
        self._target: str | None = None
        self.target_title: Callable[[], str | None] = lambda: None  # the window sets it
        self._sync()

    def set_target(self, title: str | None) -> None:
        """The event an excerpt would be added to (None: no event is selected)."""
        self._target = title
        short = title if title is None or len(title) <= 40 else title[:39] + "…"
        if short is not None:  # wide letters too: the bar must not widen the dialog and re-wrap it
            metrics = self.add_button.fontMetrics()
            short = metrics.elidedText(short, Qt.TextElideMode.ElideRight, TARGET_WIDTH)
        self.add_button.setText(f"Add as Excerpt to \u201c{short}\u201d" if short else "Add as Excerpt")
        self._sync()

    def update_target(self) -> None:
        self.set_target(self.target_title())

    def passage(self) -> Passage | None:
        return selected_passage(self.doc, self.viewer.textCursor())

    def _sync(self) -> None:
        selected = self.viewer.textCursor().hasSelection()
        self.new_button.setEnabled(selected and self.doc.aligned)
        self.add_button.setEnabled(selected and self.doc.aligned and self._target is not None)
        if not self.doc.aligned:
            self.note.setText("This document cannot be quoted from here: its text did not display as read")
        elif not selected:
            self.note.setText("Select a passage to quote it")
        else:
            self.note.setText("")

    def _emit(self, signal: SignalInstance) -> None:
        passage = self.passage()
        if passage is not None:
            signal.emit(passage)
