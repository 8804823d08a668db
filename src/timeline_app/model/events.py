"""The timeline: its events as columns, the sources they cite, and where it was read from.

`Event`, `Excerpt` and `Source` live in `model/records.py` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from timeline_app.model.columns import EventColumns, LazyEvents
from timeline_app.model.derivation import independent_ids
from timeline_app.model.records import Event, Excerpt, Link, Source

__all__ = ["Event", "Excerpt", "Link", "Source", "Timeline"]


@dataclass(frozen=True, eq=False)  # identity: two loads of one file are two timelines
class Timeline:
    """Events in date order (as `columns`, built by `model/build.py`) with the sources they cite.

    `events` makes an `Event` from the columns when one is indexed; the view reads `columns`,
    which never needs one object per event.
    """

    title: str
    columns: EventColumns = field(repr=False)
    sources: dict[str, Source] = field(default_factory=dict)
    description: str = ""
    path: Path | None = None

    @cached_property
    def events(self) -> Sequence[Event]:
        return LazyEvents(self.columns)

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories in order of first appearance in time."""
        return self.columns.categories

    def index_of(self, event_id: str) -> int | None:
        return self.columns.row_of.get(event_id)

    def event(self, event_id: str) -> Event | None:
        row = self.index_of(event_id)
        return None if row is None else self.columns.event(row)

    def independent_sources(self, event: Event) -> tuple[str, ...]:
        """The event's sources with each derived one folded into the source it derives from
        (transitively): "2 reports, 1 independent" is `len(event.source_ids)`, `len(this)`."""
        return independent_ids(event.source_ids, self.sources)

    def with_path(self, path: Path) -> Timeline:
        return replace(self, path=path)
