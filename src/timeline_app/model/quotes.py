"""Check that every quoted excerpt stands, word for word, in its source document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline_app.model.documents import (
    normalize,
    read_document,
    resolve_document,
    whole_words,
)
from timeline_app.model.events import Timeline
from timeline_app.model.records import Event, Excerpt, Source
from timeline_app.model.safe_io import SafeIOError


@dataclass(frozen=True)
class QuoteResult:
    event: Event
    excerpt: Excerpt
    found: bool
    reason: str = ""  # why not found; for a found quote, a note ("found 2 times")


def _document_text(source: Source, folder: Path) -> str | None:
    path = resolve_document(source, [folder])
    if path is None:
        return None
    try:
        return normalize(read_document(path))
    except SafeIOError:
        return None


def check_quotes(timeline: Timeline, folder: Path) -> list[QuoteResult]:
    """One result per excerpt, in timeline order; a quote must stand as whole words."""
    texts: dict[str, str | None] = {}
    results: list[QuoteResult] = []
    for event in timeline.events:
        for excerpt in event.excerpts:
            if excerpt.source not in texts:
                source = timeline.sources.get(excerpt.source, Source(excerpt.source, excerpt.source))
                texts[excerpt.source] = _document_text(source, folder)
            text = texts[excerpt.source]
            if text is None:
                results.append(QuoteResult(event, excerpt, False, "source document not found"))
                continue
            count = len(whole_words(normalize(excerpt.quote)).findall(text))
            if count == 0:
                results.append(QuoteResult(event, excerpt, False, "not in the source text"))
            else:
                note = f"found {count} times; quote more words to pin it down" if count > 1 else ""
                results.append(QuoteResult(event, excerpt, True, note))
    return results
