"""Local copies of source documents: where they are, reading them safely, and where a quote
sits in them.

`resolve_document` is the one way to find a source's document (the window and `check` both use
it): the source's `file` (or `<id>.txt` when it names none) inside one of the folders, never
outside: no absolute paths, no `..` out of the folder, no symlink that leads out, and only
regular files (a FIFO or a device would block or never end).
"""

from __future__ import annotations

import bisect
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
_LONG_SPACE = re.compile(r"\s{2,}")


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
    """A document's text (UTF-8, undecodable bytes replaced, a byte order mark dropped as
    `check` drops it); raises `SafeIOError`.

    Reads through `safe_io.read_regular_file`, which checks the opened file itself: a file
    swapped for a FIFO after `resolve_document` looked at it does not block the reader.
    """
    return read_regular_file(path, limit).decode("utf-8-sig", errors="replace")


class FoldedText:
    """A document as quotes are matched in it (`normalize`d: whitespace runs folded to one
    space, curly quotes straight), able to say where a match stands in the original text.

    Folding changes lengths only where whitespace runs are two or more characters long (a
    quote mark, or one space, tab or line break, stays one character), so the map back holds
    one entry per such run, built when a position is first asked for: 0.25 s for an 8 MB
    document of news text, line count included, where an entry per run of any length took 4.7 s.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = normalize(raw)
        self._folded_at: list[int] | None = None
        self._raw_at: list[int] = []

    def _build(self) -> tuple[list[int], list[int]]:
        if self._folded_at is None:
            lead = _SPACE.match(self.raw)
            removed = lead.end() if lead else 0
            folded_at, raw_at = [0], [removed]
            for run in _LONG_SPACE.finditer(self.raw, removed):
                start, end = run.span()
                removed += end - start - 1
                folded_at.append(end - removed)
                raw_at.append(end)
            self._folded_at, self._raw_at = folded_at, raw_at
        return self._folded_at, self._raw_at

    def raw_offset(self, index: int) -> int:
        """Where the folded text's character `index` stands in the original."""
        folded_at, raw_at = self._build()
        k = bisect.bisect_right(folded_at, index) - 1
        return raw_at[k] + (index - folded_at[k])

    def line(self, index: int) -> int:
        """The original's line (1-based) holding the folded text's character `index`."""
        return self.raw.count("\n", 0, self.raw_offset(index)) + 1

    def lines(self, indices: Sequence[int]) -> list[int]:
        """`line` of each of the ascending `indices`, counting each stretch of text once (a
        count from the top for each of 10^5 places is 10^5 passes over the document)."""
        found, line, at = [], 1, 0
        for index in indices:
            offset = self.raw_offset(index)
            line += self.raw.count("\n", at, offset)
            at = offset
            found.append(line)
        return found

    def find_all(self, quote: str) -> list[re.Match[str]]:
        """Every occurrence of `quote` as whole words."""
        return list(self.find_each(quote))

    def find_each(self, quote: str) -> Iterator[re.Match[str]]:
        """The occurrences of `quote` as whole words, one at a time."""
        needle = normalize(quote)
        return whole_words(needle).finditer(self.text) if needle else iter(())

    def fits(self, match: re.Match[str], prefix: str, suffix: str) -> bool:
        """Do `prefix` and `suffix` (either may be "") stand right before and after `match`?

        Only the text next to the match is looked at (the folded text has single spaces, so
        one more character covers the space between): comparing all the text before each of
        10^5 places copied the document 10^5 times."""
        before, after = normalize(prefix), normalize(suffix)
        start, end = match.start(), match.end()
        head = self.text[max(0, start - len(before) - 1) : start]
        tail = self.text[end : end + len(after) + 1]
        return (not before or head.rstrip(" ").endswith(before)) and (
            not after or tail.lstrip(" ").startswith(after)
        )

    def words_before(self, match: re.Match[str], count: int = 5) -> str:
        """The few words before `match`: a prefix that may tell it from other occurrences."""
        return " ".join(self.text[max(0, match.start() - 200) : match.start()].split()[-count:])

    def words_after(self, match: re.Match[str], count: int = 5) -> str:
        return " ".join(self.text[match.end() : match.end() + 200].split()[:count])


@dataclass(frozen=True)
class QuotePlace:
    """Where a quote stands in a document's text, and how sure that place is: `occurrences` is
    how often the quote stands there, `fitting` how many of those its prefix/suffix fit (all of
    them when it has neither). The place is the first fitting one, else the first."""

    start: int
    end: int
    occurrences: int
    fitting: int


def locate_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> QuotePlace | None:
    """`quote` in `text` as whole words, ignoring whitespace and curly-quote differences
    ("constitutional" is not found inside "unconstitutional"); None where it does not stand."""
    folded = FoldedText(text)
    found = folded.find_all(quote)
    if not found:
        return None
    fitting = [m for m in found if folded.fits(m, prefix, suffix)]
    match = (fitting or found)[0]
    start, end = folded.raw_offset(match.start()), folded.raw_offset(match.end() - 1) + 1
    return QuotePlace(start, end, len(found), len(fitting))


def find_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Start and end of `quote` in `text` (`locate_quote`): the occurrence that `prefix` and
    `suffix` pick when they pick one, else the first."""
    place = locate_quote(text, quote, prefix, suffix)
    return None if place is None else (place.start, place.end)


def whole_words(needle: str) -> re.Pattern[str]:
    """A pattern for `needle` (already normalized) that does not start or end inside a word."""
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
