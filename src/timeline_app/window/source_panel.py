"""The panel that shows an event's sources: quotes, citations and safe links."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

SAFE_SCHEMES = ("http", "https")


class SourcePanel(QTextBrowser):
    """Read-only HTML built from escaped text; follows no link by itself."""

    sigShowDocument = Signal(int)  # excerpt index within the selected event
    sigLinkRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.setMinimumHeight(120)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "excerpt":
            try:
                self.sigShowDocument.emit(int(url.path()))
            except ValueError:
                self.sigLinkRefused.emit(url.toString())
        elif scheme in SAFE_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.sigLinkRefused.emit(url.toString())
