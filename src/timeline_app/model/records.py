"""Events and the sources behind them, one object each (made on demand from the columns)."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline_app.model.dates import DateRange, PartialDate


@dataclass(frozen=True)
class Source:
    """One document, described once and cited by its id."""

    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    published_inferred: bool = False
    published_note: str = ""
    url: str | None = None
    file: str | None = None
    derived_from: tuple[str, ...] = ()  # sources this one rewrites or derives from
    derived_note: str = ""  # how we know it does
    file_sha256: str | None = None  # of `file` when its quotes were last checked

    def published_text(self) -> str:
        if self.published is None:
            return "date not stated"
        text = self.published.text()
        return f"{text} (inferred)" if self.published_inferred else text

    def citation(self) -> str:
        """Author, "Title", Publisher, date: what a reader needs to find the document."""
        parts = [self.author or "Author not stated", f"\u201c{self.title}\u201d"]
        parts.append(self.publisher or "publisher not stated")
        parts.append(self.published_text())
        return ", ".join(parts) + "."


@dataclass(frozen=True)
class Excerpt:
    """A passage quoted verbatim from a source; `claims_date` is the date this passage states.

    `prefix` and `suffix` are the source's text just before and after the quote (the W3C
    TextQuoteSelector's): they say which occurrence is meant when the quote occurs more than once.
    """

    source: str
    quote: str
    claims_date: DateRange | None = None
    prefix: str = ""
    suffix: str = ""

    def conflicts_with(self, when: DateRange) -> bool:
        """The passage claims a date that does not overlap the event's own."""
        return self.claims_outside(when.first_day(), when.last_day())

    def claims_outside(self, first: int, last: int) -> bool:
        """The passage claims a date that does not overlap `first`..`last` (inclusive)."""
        claims = self.claims_date
        return claims is not None and (claims.last_day() < first or claims.first_day() > last)


@dataclass(frozen=True)
class Link:
    """A typed link from an event to another (`to`, an event id): it cites a passage
    (`source` + `quote`, anchored by `prefix`/`suffix`) or is the editor's inference
    (`inferred`, with the reasoning in `note`)."""

    type: str  # one of schema.LINK_TYPES
    to: str
    source: str | None = None
    quote: str | None = None
    prefix: str = ""
    suffix: str = ""
    inferred: bool = False
    note: str = ""


@dataclass(frozen=True)
class Event:
    """One event. Plain fields (see `schema.EVENT_FIELDS`) are attributes of the same name."""

    id: str
    title: str
    when: DateRange
    category: str
    summary: str = ""
    excerpts: tuple[Excerpt, ...] = ()
    inferred: bool = False
    date_note: str = ""
    status: str = "happened"  # one of schema.STATUSES
    links: tuple[Link, ...] = ()
    line: int = field(default=0, compare=False)  # the file line where the event starts

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Distinct sources, in the order the excerpts cite them."""
        return tuple(dict.fromkeys(e.source for e in self.excerpts))

    @property
    def approximate(self) -> bool:
        return self.when.start.approximate or bool(self.when.end and self.when.end.approximate)

    def conflicting_excerpts(self) -> tuple[Excerpt, ...]:
        """Excerpts that claim a date outside the event's own date."""
        return tuple(e for e in self.excerpts if e.conflicts_with(self.when))
