"""The problems of a file that failed to load, shown above the last good timeline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from timeline_app.model import Problem


class ErrorPanel(QFrame):
    """The problems of a file that failed to load, as plain text, above the last good timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self.apply_palette(dark=False)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        close = QPushButton("Dismiss")
        close.clicked.connect(self.hide)
        top.addWidget(self.heading, 1)
        top.addWidget(close)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(140)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self.hide()

    def apply_palette(self, dark: bool) -> None:
        """A pale red band on a light palette, a deep red one on a dark palette (text stays legible)."""
        if dark:
            frame, text = "background: #3b1a1a; border: 1px solid #8a3b36;", "#ffd7d3"
        else:
            frame, text = "background: #fdecea; border: 1px solid #e0a4a0;", "#3b0d0a"
        self.setStyleSheet(f"#errorPanel {{ {frame} }} #errorPanel QLabel {{ color: {text}; }}")

    def show_problems(self, path: Path, problems: list[Problem], kept: str) -> None:
        self.heading.setText(f"Could not load {path.name}: {len(problems)} problem(s). {kept}")
        self.details.setPlainText("\n".join(p.format() for p in problems))
        self.show()
