"""Show in document: find a source's local copy (one resolver, with containment) and open it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from timeline_app.model.documents import QuotePlace, locate_quote, read_document, resolve_document
from timeline_app.model.events import Excerpt, Source
from timeline_app.model.safe_io import SafeIOError

if TYPE_CHECKING:  # imported when a document is first shown, not at start-up
    from timeline_app.window.document_dialog import DocumentDialog


class DocumentFinder:
    """Looks in the open file's folder and in `--documents DIR`, never outside them."""

    def __init__(self, window: QMainWindow, documents_dir: Path | None) -> None:
        self.window = window
        self.documents_dir = documents_dir
        self.added: list[Path] = []  # folders of documents added as sources in this run

    def folders(self) -> list[Path]:
        """Where a source's `file` is relative to: the open file's folder, then `--documents`."""
        path = getattr(self.window, "path", None)
        folders = [path.parent] if isinstance(path, Path) else []
        if self.documents_dir is not None:
            folders.append(self.documents_dir)
        return folders

    def remember(self, folder: Path) -> None:
        """Look in the folder of a document added as a source too: a chronology never saved has
        no folder, so its own events had no Show in document."""
        if folder not in self.added:
            self.added.append(folder)

    def look_in(self) -> list[Path]:
        return self.folders() + [folder for folder in self.added if folder not in self.folders()]

    def has_document(self, source: Source) -> bool:
        return resolve_document(source, self.look_in()) is not None

    def show(self, source: Source, excerpt: Excerpt | None) -> DocumentDialog | None:
        """The document with the excerpt lit up: the occurrence its prefix and suffix pick
        (None: the document alone, to quote from)."""
        status = self.window.statusBar()
        path = resolve_document(source, self.look_in())
        if path is None:
            status.showMessage(f"No local copy of {source.title}", 6000)
            return None
        try:
            text = read_document(path)
        except SafeIOError as exc:
            status.showMessage(f"Cannot read {path.name}: {exc.reason}", 8000)
            return None
        place = locate_quote(text, excerpt.quote, excerpt.prefix, excerpt.suffix) if excerpt else None
        span = None if place is None else (place.start, place.end)
        from timeline_app.window.document_dialog import DocumentDialog

        dialog = DocumentDialog(source.title, text, span, self.window, place_note(place))
        dialog.setModal(False)
        dialog.show()
        return dialog


def place_note(place: QuotePlace | None) -> str | None:
    """What the document view says about the place it lights up, when that place is not the
    one the excerpt names for certain (None: the usual words)."""
    if place is None or place.fitting == 1:
        return None
    if place.fitting == 0:
        where = "where it stands" if place.occurrences == 1 else "the first place"
        return (
            f"The excerpt's prefix/suffix do not match the text around its quote here: {where} "
            "is highlighted ('timeline-app check' shows the text around each place)."
        )
    if place.fitting == place.occurrences:
        return (
            f"The quote stands {place.occurrences} times here and nothing says which: the first "
            "is highlighted (add a prefix or suffix to the excerpt to pick one)."
        )
    return (
        f"The quote stands {place.occurrences} times here and its prefix/suffix fit "
        f"{place.fitting} of them: the first of those is highlighted (lengthen them to pick one)."
    )
