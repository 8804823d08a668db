"""Local copies of source documents: where they are, reading them safely, and where a quote
sits in them.

`resolve_document` is the one way to find a source's document (the window and `check` both use
it): the source's `file` (or `<id>.txt` when it names none) inside one of the folders, never
outside: no absolute paths, no `..` out of the folder, no symlink that leads out, and only
regular files (a FIFO or a device would block or never end).
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from timeline_app.model.records import Source
from timeline_app.model.safe_io import read_regular_file

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold whitespace runs to one space and curly quotes to straight ones."""
    return _SPACE.sub(" ", text.translate(QUOTE_MARKS)).strip()


def resolve_document(source: Source, folders: list[Path]) -> Path | None:
    """The source's document inside one of `folders`, or None."""
    relative = Path(source.file or f"{source.id}.txt")
    if relative.is_absolute() or relative.drive or not relative.parts:
        return None
    for folder in folders:
        try:
            base = folder.resolve()
            candidate = (base / relative).resolve()
            if candidate.is_relative_to(base) and stat.S_ISREG(candidate.stat().st_mode):
                return candidate
        except (OSError, RuntimeError, ValueError):
            continue
    return None


def read_document(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """A document's text (UTF-8, undecodable bytes replaced); raises `SafeIOError`.

    Reads through `safe_io.read_regular_file`, which checks the opened file itself: a file
    swapped for a FIFO after `resolve_document` looked at it does not block the reader.
    """
    return read_regular_file(path, limit).decode("utf-8", errors="replace")


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Start and end of `quote` in `text` as whole words, ignoring whitespace and curly-quote
    differences ("constitutional" is not found inside "unconstitutional")."""
    folded_chars: list[str] = []
    origin: list[int] = []
    previous_space = True
    for i, ch in enumerate(text.translate(QUOTE_MARKS)):
        if ch.isspace():
            if previous_space:
                continue
            ch = " "
            previous_space = True
        else:
            previous_space = False
        folded_chars.append(ch)
        origin.append(i)
    needle = normalize(quote)
    if not needle:
        return None
    match = whole_words(needle).search("".join(folded_chars))
    if match is None:
        return None
    return origin[match.start()], origin[match.end() - 1] + 1


def whole_words(needle: str) -> re.Pattern[str]:
    """A pattern for `needle` (already normalized) that does not start or end inside a word."""
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
