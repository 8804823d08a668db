"""Check that every quoted excerpt stands, word for word, in its source document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline_app.model.documents import (
    MAX_DOCUMENT_BYTES,
    normalize,
    resolve_document,
    whole_words,
)
from timeline_app.model.events import Timeline
from timeline_app.model.records import Event, Excerpt, Source
from timeline_app.model.safe_io import SafeIOError, read_regular_file

NOT_FOUND = "source document not found"


@dataclass(frozen=True)
class QuoteResult:
    event: Event
    excerpt: Excerpt
    found: bool
    reason: str = ""  # why not found; for a found quote, a note ("found 2 times")


def _document_text(source: Source, folder: Path) -> tuple[str | None, str]:
    """The normalized text of the source's document, or None and why not.

    Strict UTF-8 here (the document viewer replaces bad bytes): a Latin-1 document would
    otherwise make every quote with an accent "not in the source text"."""
    path = resolve_document(source, [folder])
    if path is None:
        return None, NOT_FOUND
    try:
        data = read_regular_file(path, MAX_DOCUMENT_BYTES)
    except SafeIOError as exc:
        return None, f"cannot read the source document {path.name}: {exc.reason}"
    try:
        return normalize(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, (
            f"the source document {path.name} is not UTF-8 text (byte 0x{data[exc.start]:02X} "
            f"on line {line}; it may be Latin-1); save it as UTF-8"
        )


def check_quotes(timeline: Timeline, folder: Path) -> list[QuoteResult]:
    """One result per excerpt, in timeline order; a quote must stand as whole words."""
    texts: dict[str, tuple[str | None, str]] = {}
    results: list[QuoteResult] = []
    for event in timeline.events:
        for excerpt in event.excerpts:
            if excerpt.source not in texts:
                source = timeline.sources.get(excerpt.source, Source(excerpt.source, excerpt.source))
                texts[excerpt.source] = _document_text(source, folder)
            text, why = texts[excerpt.source]
            if text is None:
                results.append(QuoteResult(event, excerpt, False, why))
                continue
            count = len(whole_words(normalize(excerpt.quote)).findall(text))
            if count == 0:
                results.append(QuoteResult(event, excerpt, False, "not in the source text"))
            else:
                note = f"found {count} times; quote more words to pin it down" if count > 1 else ""
                results.append(QuoteResult(event, excerpt, True, note))
    return results
