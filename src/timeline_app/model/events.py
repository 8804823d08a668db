"""Events, the sources behind them, and the timeline that holds both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.model.dates import DateRange, PartialDate

if TYPE_CHECKING:
    from timeline_app.model.columns import EventColumns


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
    """A passage quoted verbatim from a source; `claims_date` is the date this passage states."""

    source: str
    quote: str
    claims_date: DateRange | None = None
    line: int = field(default=0, compare=False)  # where it was read, for messages only


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    when: DateRange
    category: str
    summary: str = ""
    excerpts: tuple[Excerpt, ...] = ()
    inferred: bool = False
    date_note: str = ""
    line: int = field(default=0, compare=False)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Distinct sources, in the order the excerpts cite them."""
        return tuple(dict.fromkeys(e.source for e in self.excerpts))

    @property
    def approximate(self) -> bool:
        return self.when.start.approximate or bool(self.when.end and self.when.end.approximate)

    def conflicting_excerpts(self) -> tuple[Excerpt, ...]:
        """Excerpts that claim a date outside the event's own date."""
        first, last = self.when.first_day(), self.when.last_day()
        return tuple(
            e
            for e in self.excerpts
            if e.claims_date is not None
            and (e.claims_date.last_day() < first or e.claims_date.first_day() > last)
        )


@dataclass(frozen=True)
class Timeline:
    """Events in date order, with the sources they cite.

    `events` is a tuple for files read event by event, or a lazy sequence over `columns` for
    large tables; the view reads `columns`, which never needs one object per event.
    """

    title: str
    events: Sequence[Event]
    sources: dict[str, Source] = field(default_factory=dict)
    description: str = ""
    path: Path | None = None
    given_columns: EventColumns | None = field(default=None, repr=False, compare=False)

    @cached_property
    def columns(self) -> EventColumns:
        if self.given_columns is not None:
            return self.given_columns
        from timeline_app.model.columns import EventColumns
        from timeline_app.model.gcpause import gc_paused

        with gc_paused():
            return EventColumns.from_events(self.events)

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories in order of first appearance in time."""
        return self.columns.categories

    def index_of(self, event_id: str) -> int | None:
        return self.columns.row_of.get(event_id)

    def event(self, event_id: str) -> Event | None:
        row = self.index_of(event_id)
        return None if row is None else self.events[row]

    def with_path(self, path: Path) -> Timeline:
        return Timeline(self.title, self.events, self.sources, self.description, path,
                        self.given_columns)


def sort_events(events: list[Event]) -> tuple[Event, ...]:
    """Chronological by first day, then last day; events on the same dates keep file order."""
    return tuple(sorted(events, key=lambda e: (e.when.first_day(), e.when.last_day())))
