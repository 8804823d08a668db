"""Check that every quoted excerpt stands, word for word, in its source document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from timeline_app.model.events import Event, Excerpt, Timeline

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold whitespace runs to one space and curly quotes to straight ones."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@dataclass(frozen=True)
class QuoteResult:
    event: Event
    excerpt: Excerpt
    found: bool
    reason: str = ""


def document_path(source_id: str, file: str | None, folder: Path) -> Path:
    """The document for a source: its `file` inside `folder`, else `<id>.txt` there."""
    return folder / (file or f"{source_id}.txt")


def check_quotes(timeline: Timeline, folder: Path) -> list[QuoteResult]:
    """One result per excerpt, in timeline order."""
    texts: dict[str, str | None] = {}
    results: list[QuoteResult] = []
    for event in timeline.events:
        for excerpt in event.excerpts:
            if excerpt.source not in texts:
                source = timeline.sources.get(excerpt.source)
                path = document_path(excerpt.source, source.file if source else None, folder)
                try:
                    texts[excerpt.source] = normalize(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    texts[excerpt.source] = None
            text = texts[excerpt.source]
            if text is None:
                results.append(QuoteResult(event, excerpt, False, "source document not found"))
            elif normalize(excerpt.quote) in text:
                results.append(QuoteResult(event, excerpt, True))
            else:
                results.append(QuoteResult(event, excerpt, False, "not in the source text"))
    return results
