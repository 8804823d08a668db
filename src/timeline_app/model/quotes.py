"""Check that every quoted passage stands, word for word, in its source document; that the
passage is anchored (one occurrence, or a prefix/suffix that picks one); and that no document
changed since its stored SHA-256."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from timeline_app.model.documents import MAX_DOCUMENT_BYTES, FoldedText, resolve_document
from timeline_app.model.events import Timeline
from timeline_app.model.records import Event, Excerpt, Link, Source
from timeline_app.model.safe_io import SafeIOError, read_regular_file

NOT_FOUND = "source document not found"
# Places of one quote described (line and words around): a word that stands 10^5 times in a
# large document is counted, and its first places named, not each one described.
MAX_PLACES = 1000


@dataclass(frozen=True)
class Occurrence:
    """Where a quote stands in its document, and the words around it there."""

    line: int
    before: str
    after: str


@dataclass(frozen=True)
class QuoteResult:
    """One quoted passage (an excerpt's, or a link's as `link`) checked against its document.

    `found`: it stands there as whole words. `occurrences`: the places it stands (the first
    `MAX_PLACES`; `count` says how many in all); `picked`: those its prefix/suffix fit (all of
    them when it has neither; the first `MAX_PLACES` of `picked_count`). Ambiguous: more than
    one picked. Misanchored: a prefix or suffix is given and fits none.
    """

    event: Event
    excerpt: Excerpt
    found: bool
    reason: str = ""  # why not found
    occurrences: tuple[Occurrence, ...] = ()
    picked: tuple[Occurrence, ...] = ()
    link: Link | None = None
    document: str = ""  # the document's file name
    count: int = 0  # places in all
    picked_count: int = 0  # places the prefix/suffix fit, in all

    @property
    def anchored(self) -> bool:
        return bool(self.excerpt.prefix or self.excerpt.suffix)

    @property
    def ambiguous(self) -> bool:
        return self.found and self.picked_count > 1

    @property
    def misanchored(self) -> bool:
        return self.found and self.anchored and not self.picked_count


@dataclass(frozen=True)
class DocumentHash:
    """A source document's SHA-256 now, against the one the source stores (None: none stored)."""

    source: Source
    document: str
    sha256: str

    @property
    def changed(self) -> bool:
        return self.source.file_sha256 is not None and self.source.file_sha256 != self.sha256


@dataclass
class _Document:
    name: str = ""
    text: FoldedText | None = None
    sha256: str = ""
    why: str = NOT_FOUND


def _read(source: Source, folder: Path) -> _Document:
    """The source's document as folded text, or why it cannot be read.

    Strict UTF-8 here (the document viewer replaces bad bytes): a Latin-1 document would
    otherwise make every quote with an accent "not in the source text"."""
    path = resolve_document(source, [folder])
    if path is None:
        return _Document()
    try:
        data = read_regular_file(path, MAX_DOCUMENT_BYTES)
    except SafeIOError as exc:
        return _Document(path.name, why=f"cannot read the source document {path.name}: {exc.reason}")
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return _Document(path.name, FoldedText(data.decode("utf-8-sig")), sha256, "")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _Document(
            path.name,
            None,
            sha256,
            f"the source document {path.name} is not UTF-8 text (byte 0x{data[exc.start]:02X} "
            f"on line {line}; it may be Latin-1); save it as UTF-8",
        )


class QuoteChecker:
    """Reads each source's document once and checks passages against it."""

    def __init__(self, timeline: Timeline, folder: Path) -> None:
        self.timeline = timeline
        self.folder = folder
        self.documents: dict[str, _Document] = {}

    def document(self, source_id: str) -> _Document:
        if source_id not in self.documents:
            source = self.timeline.sources.get(source_id, Source(source_id, source_id))
            self.documents[source_id] = _read(source, self.folder)
        return self.documents[source_id]

    def check(self, event: Event, excerpt: Excerpt, link: Link | None = None) -> QuoteResult:
        document = self.document(excerpt.source)
        text = document.text
        if text is None:
            return QuoteResult(event, excerpt, False, document.why, link=link, document=document.name)
        kept: dict[int, re.Match[str]] = {}  # the places described: the first of each kind
        count = picked_count = 0
        first_picked: list[int] = []
        for match in text.find_each(excerpt.quote):
            count += 1
            if len(kept) < MAX_PLACES:
                kept[match.start()] = match
            if text.fits(match, excerpt.prefix, excerpt.suffix):
                picked_count += 1
                if len(first_picked) < MAX_PLACES:
                    first_picked.append(match.start())
                    kept[match.start()] = match
        if not count:
            return QuoteResult(
                event, excerpt, False, "not in the source text", link=link, document=document.name
            )
        matches = [kept[start] for start in sorted(kept)]
        befores = _distinct(lambda n: [text.words_before(m, n) for m in matches])
        afters = _distinct(lambda n: [text.words_after(m, n) for m in matches])
        lines = text.lines([m.start() for m in matches])
        at = {
            m.start(): Occurrence(line, before, after)
            for m, line, before, after in zip(matches, lines, befores, afters, strict=True)
        }
        places = [at[start] for start in sorted(kept)[:MAX_PLACES]]
        picked = [at[start] for start in first_picked]
        return QuoteResult(
            event, excerpt, True, "", tuple(places), tuple(picked), link, document.name, count, picked_count
        )

    def quotes(self) -> list[QuoteResult]:
        """One result per excerpt, then one per link that cites a passage, in timeline order."""
        events = self.timeline.events
        results = [self.check(event, excerpt) for event in events for excerpt in event.excerpts]
        for event in events:
            for link in event.links:
                excerpt = link_excerpt(link)
                if excerpt is not None:
                    results.append(self.check(event, excerpt, link))
        return results

    def hashes(self) -> list[DocumentHash]:
        """The SHA-256 of each source's document that can be read, in the sources' order."""
        found = []
        for source in self.timeline.sources.values():
            document = self.document(source.id)
            if document.sha256:
                found.append(DocumentHash(source, document.name, document.sha256))
        return found


def _distinct(words: Callable[[int], list[str]]) -> list[str]:
    """The context of each place in the fewest words (3 to 15) that tell the places apart, so
    that each can serve as its prefix or suffix as it is; 15 where no count does."""
    for count in range(3, 16):
        found = words(count)
        if len(set(found)) == len(found):
            return found
    return found


def link_excerpt(link: Link) -> Excerpt | None:
    """The passage a link cites, as an excerpt (None for an inferred link)."""
    if link.source is None or link.quote is None:
        return None
    return Excerpt(link.source, link.quote, None, link.prefix, link.suffix)


def check_quotes(timeline: Timeline, folder: Path) -> list[QuoteResult]:
    return QuoteChecker(timeline, folder).quotes()


def document_hashes(timeline: Timeline, folder: Path) -> list[DocumentHash]:
    return QuoteChecker(timeline, folder).hashes()
