"""The panel that shows an event's sources: quotes, citations and safe links."""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from timeline_app.presentation.source_html import DARK_PANEL, LIGHT_PANEL, PanelColors, contrast_ratio
from timeline_app.view import style

SAFE_SCHEMES = ("http", "https")
FOCUS_FRAME = (
    "QTextBrowser { border: 2px solid transparent; }"
    " QTextBrowser:focus { border: 2px solid palette(highlight); }"
)


def panel_colors(palette: QPalette) -> PanelColors:
    """The panel's colours for the palette: ours on a light one; on a dark one its own base and
    text, and every other foreground pulled towards the text until it reads at 4.5:1."""
    if not style.is_dark(palette):
        return LIGHT_PANEL
    base = palette.color(QPalette.ColorRole.Base).name()
    text = palette.color(QPalette.ColorRole.Text).name()
    if contrast_ratio(text, base) < 7:
        text = DARK_PANEL.text
    colors = replace(DARK_PANEL, base=base, text=text)
    fixed = {}
    for name in ("muted", "cite", "link"):
        if contrast_ratio(getattr(colors, name), base) < 4.5:
            fixed[name] = text
    return replace(colors, **fixed)


_placed: list[QMimeData] = []  # the data we put on the clipboard, while it is still there


def copy_rich_text(plain: str, rich: str) -> None:
    """Put `plain` and `rich` (HTML) on the clipboard together (call `release_clipboard` before
    the application ends)."""
    data = QMimeData()
    data.setText(plain)
    data.setHtml(rich)
    QGuiApplication.clipboard().setMimeData(data)
    _placed[:] = [data]


def release_clipboard() -> None:
    """Keep only the plain text of data we placed on the clipboard.

    A QMimeData set from Python and still on the clipboard when QGuiApplication is destroyed
    crashes the process at exit (PySide6 6.12, offscreen: exit 139, seen here); `setText` while
    the application lives replaces it safely."""
    data = _placed.pop() if _placed else None
    if data is not None and shiboken6.isValid(data):  # no other program replaced it meanwhile
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(clipboard.text())


class SourcePanel(QTextBrowser):
    """Read-only HTML built from escaped text; follows no link by itself."""

    sigShowDocument = Signal(int)  # excerpt index within the selected event
    sigCopyQuote = Signal(int)  # excerpt index within the selected event
    sigGoToEvent = Signal(int)  # a linked event (its index), to select and bring into view
    sigShowLinkDocument = Signal(int)  # a link of the selected event (its place in the list)
    sigLinkRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.setMinimumHeight(120)
        self.setMinimumWidth(240)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it, then its links
        self.setStyleSheet(FOCUS_FRAME)

    def event(self, event: QEvent) -> bool:
        """Enter on a link that has the keyboard focus follows it: the window's own Enter (Show
        Sources) would otherwise take the key first and redraw the panel."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.textCursor().charFormat().anchorHref()
        ):
            event.accept()
            return True
        return super().event(event)

    def colors(self) -> PanelColors:
        return panel_colors(self.palette())

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        signals = {
            "excerpt": self.sigShowDocument,
            "copy": self.sigCopyQuote,
            "event": self.sigGoToEvent,
            "linkdoc": self.sigShowLinkDocument,
        }
        if scheme in signals:
            try:
                index = int(url.path())
            except ValueError:
                self.sigLinkRefused.emit(url.toString())
                return
            signals[scheme].emit(index)
        elif scheme in SAFE_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.sigLinkRefused.emit(url.toString())
