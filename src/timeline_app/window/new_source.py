"""A new source from a document file: its text read safely, and the title, author and date the
document states about itself filled in, marked as found in the document.

Plain text, Markdown and HTML are read as text, which is what `check` compares quotes with, so a
quote taken from them is checked against the same characters. PDF is not offered: `check` reads a
document as UTF-8 text, so a quote taken from a PDF's extracted text could never be checked.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline_app.model.document_meta import document_meta
from timeline_app.model.documents import MAX_DOCUMENT_BYTES
from timeline_app.model.safe_io import SafeIOError, read_regular_file

DOCUMENT_FILTER = "Documents (*.txt *.md *.markdown *.html *.htm);;All files (*)"


@dataclass(frozen=True)
class NewSource:
    data: dict[str, Any]  # the source's fields, as the sources editor and SetSource take them
    text: str  # the document's text, for the document view
    found: str  # what was found in the document, said for the status bar


def file_field(path: Path, folders: list[Path]) -> tuple[str, bool]:
    """The source's `file`: the path relative to the first folder documents are looked up in
    (the chronology's folder), and whether the document can be found from it."""
    for folder in folders:
        try:
            return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix(), (
                path.resolve().is_relative_to(folder.resolve())
            )
        except ValueError:  # another drive
            continue
    return path.name, False


def read_new_source(path: Path, folders: list[Path]) -> NewSource:
    """Raises SafeIOError when the file cannot be read as a document."""
    data_bytes = read_regular_file(path, MAX_DOCUMENT_BYTES)
    text = data_bytes.decode("utf-8", errors="replace")  # as the document view shows any document
    meta = document_meta(text)
    file, reachable = file_field(path, folders)
    data: dict[str, Any] = {"title": meta.title.value if meta.title else path.stem}
    if meta.author:
        data["author"] = meta.author.value
    if meta.published:
        data["published"] = meta.published.value
    note = meta.note()
    if note:
        data["published_note"] = note
    data["file"] = file if reachable else path.name
    # the version its quotes are taken from: check says when the file changes after that
    data["file_sha256"] = hashlib.sha256(data_bytes).hexdigest()
    found = ", ".join(
        name
        for name, value in (("title", meta.title), ("author", meta.author), ("date", meta.published))
        if value
    )
    said = f"found in the document: {found}" if found else "the document states no title, author or date"
    if not folders:
        said += f"; save the chronology in the folder of {path.name} so its quotes can be checked"
    elif not reachable:
        said += f"; copy {path.name} beside the chronology so its quotes can be checked"
    return NewSource(data, text, said)


__all__ = ["DOCUMENT_FILTER", "NewSource", "SafeIOError", "file_field", "read_new_source"]
