"""Local copies of source documents: where they are, and where a quote sits in them."""

from __future__ import annotations

from pathlib import Path

from timeline_app.model.events import Source
from timeline_app.model.quotes import _QUOTES


def resolve_document(source: Source, folders: list[Path]) -> Path | None:
    """The source's `file` inside one of `folders`, never outside it (no ../, no symlink out)."""
    if not source.file:
        return None
    relative = Path(source.file)
    if relative.is_absolute():
        return None
    for folder in folders:
        try:
            base = folder.resolve()
            candidate = (base / relative).resolve()
        except (OSError, RuntimeError):
            continue
        if candidate.is_relative_to(base) and candidate.is_file():
            return candidate
    return None


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Start and end of `quote` in `text`, ignoring whitespace and curly-quote differences."""
    folded_chars: list[str] = []
    origin: list[int] = []
    previous_space = True
    for i, ch in enumerate(text.translate(_QUOTES)):
        if ch.isspace():
            if previous_space:
                continue
            ch = " "
            previous_space = True
        else:
            previous_space = False
        folded_chars.append(ch)
        origin.append(i)
    folded = "".join(folded_chars)
    needle = " ".join(quote.translate(_QUOTES).split())
    at = folded.find(needle)
    if at < 0 or not needle:
        return None
    return origin[at], origin[at + len(needle) - 1] + 1
