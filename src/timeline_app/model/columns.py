"""Events as columns: what the view needs for every event, without one object per event.

Every format is built into these columns (`model/build.py`); an `Event` is made from a row only
when one is asked for (the source panel shows one at a time).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from timeline_app.model.dates import DateRange, Precision, range_from_texts
from timeline_app.model.offset_rows import OffsetRows
from timeline_app.model.records import Event, Excerpt, Link
from timeline_app.model.text_columns import CodedText as CodedText  # re-exported: readers import it from here
from timeline_app.model.text_columns import is_arrow as is_arrow

if TYPE_CHECKING:
    from timeline_app.model.search_texts import SearchTexts

EXCERPT_TEXTS = tuple(f.name for f in fields(Excerpt) if f.name != "claims_date")  # source, quote, ...
PRECISIONS = tuple(Precision)  # code -> Precision
_range = lru_cache(maxsize=1 << 12)(range_from_texts)


@dataclass
class EventColumns:
    """One row per event, in date order."""

    ids: Sequence[str]
    titles: Sequence[str]
    category: np.ndarray  # int32 codes into `categories`
    categories: tuple[str, ...]
    first_day: np.ndarray  # int64 days since 1970-01-01 (first day covered)
    last_day: np.ndarray  # int64 days since 1970-01-01 (last day covered, inclusive)
    is_span: np.ndarray  # bool
    precision: np.ndarray  # int8 code into PRECISIONS (of the start)
    approximate: np.ndarray  # bool: either date approximate
    marks: np.ndarray  # int8 dates.MARK_* bits: approximate, uncertain, unspecified, loose ends
    n_sources: np.ndarray  # int32: distinct sources cited
    independent: np.ndarray  # int32: of those, independent ones (derived sources folded in)
    conflict: np.ndarray  # bool: an excerpt claims a date outside the event's
    starts: Sequence[str]  # EDTF text of the start ("2013-12", "2014~"; ".." or "unknown")
    ends: Sequence[str]  # EDTF text of the end, "" where there is none (".." open, "unknown")
    excerpts: ExcerptColumns  # an event's `Excerpt`s are made when it is indexed
    lines: np.ndarray  # int64: the file line where each event starts
    texts: dict[str, Sequence[str]]  # plain text fields by key (schema.PLAIN_TEXT)
    flags: dict[str, np.ndarray]  # plain true/false fields by key (schema.PLAIN_FLAGS)
    status: Sequence[str]  # one of schema.STATUSES per row ("happened" where none is given)
    links: Sequence[tuple[Link, ...]] | None = None  # per row; None when no event has a link

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def summaries(self) -> Sequence[str]:
        return self.texts["summary"]

    @property
    def date_notes(self) -> Sequence[str]:
        return self.texts["date_note"]

    @property
    def inferred(self) -> np.ndarray:
        return self.flags["inferred"]

    @cached_property
    def row_of(self) -> Mapping[str, int]:
        """Event id -> row. Arrow ids are searched where they lie (`ArrowIds`); a dict of 10^6
        ids took 0.2 s and 90 MB."""
        if is_arrow(self.ids):
            from timeline_app.model.arrow_texts import ArrowIds

            return ArrowIds(self.ids)
        return {event_id: row for row, event_id in enumerate(self.ids)}

    def rows_of(self, event_ids: Sequence[str]) -> np.ndarray:
        """The row of each of `event_ids`, -1 where there is none (int64)."""
        if is_arrow(self.ids):
            from timeline_app.model.arrow_texts import ArrowIds

            return ArrowIds(self.ids).rows(event_ids)
        row_of = self.row_of
        return np.fromiter((row_of.get(x, -1) for x in event_ids), np.int64, len(event_ids))

    def search_texts(self) -> SearchTexts:
        """Lower-cased title, summary, category and quotes of each event, for the search box;
        made on the first search."""
        from timeline_app.model.search_texts import SearchTexts

        quotes = self.excerpts.texts["quote"]
        return SearchTexts(
            self.titles, self.summaries, self.category, self.categories, quotes, self.excerpts.offsets
        )

    def when(self, row: int) -> DateRange:
        return _range(self.starts[row], self.ends[row])

    def event(self, row: int) -> Event:
        plain: dict[str, Any] = {key: column[row] for key, column in self.texts.items()}
        plain.update((key, bool(column[row])) for key, column in self.flags.items())
        return Event(
            id=self.ids[row],
            title=self.titles[row],
            when=self.when(row),
            category=self.categories[int(self.category[row])],
            excerpts=self.excerpts[row],
            status=self.status[row],
            links=self.links[row] if self.links is not None else (),
            line=int(self.lines[row]),
            **plain,
        )


class LazyEvents(Sequence[Event]):
    """A read-only sequence of events made from columns when indexed."""

    def __init__(self, columns: EventColumns) -> None:
        self._columns = columns

    def __len__(self) -> int:
        return len(self._columns)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self._columns.event(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._columns.event(index)

    def __iter__(self) -> Iterator[Event]:
        return (self._columns.event(i) for i in range(len(self)))


def take(column: Sequence[str], index: np.ndarray) -> Sequence[str]:
    """The values of rows `index`, in that order, held the way `column` holds them."""
    if isinstance(column, CodedText):
        return CodedText(column.codes[index], column.distinct)
    if is_arrow(column):  # rearranged by Arrow: no str per row
        return column.take(index)
    if len(index) < 2:
        return [column[i] for i in index.tolist()]
    return list(itemgetter(*index.tolist())(column))  # 10^6 texts: 0.19 s; `map` took 0.38 s


class ExcerptColumns(OffsetRows[tuple[Excerpt, ...]]):
    """Every event's excerpts as columns; an event's `Excerpt`s are made when it is indexed.

    Rows `offsets[i]:offsets[i + 1]` of the excerpt columns belong to event i. `texts` holds the
    text fields of `Excerpt` by name (source, quote, ...); a claimed date is its start and end
    texts (`dates.range_to_texts`), "" and "" when there is none. Made by the builder for every
    format and by the cache: a million `Excerpt` objects took 1.5-2.3 s to make and ~200 bytes
    each to keep, where the columns hold references to the texts the reader made anyway.
    """

    def __init__(
        self,
        offsets: np.ndarray,
        texts: dict[str, Sequence[str]],
        claims_start: Sequence[str],
        claims_end: Sequence[str],
    ) -> None:
        self.offsets = offsets
        self.texts = texts
        self.claims_start = claims_start
        self.claims_end = claims_end

    @classmethod
    def empty(cls, n: int) -> ExcerptColumns:
        """n events without an excerpt."""
        blank: list[str] = []
        texts: dict[str, Sequence[str]] = {name: blank for name in EXCERPT_TEXTS}
        return cls(np.zeros(n + 1, np.int64), texts, blank, blank)

    @property
    def counts(self) -> np.ndarray:
        """The number of excerpts of each event."""
        counts: np.ndarray = np.diff(self.offsets)
        return counts

    def rows(self) -> np.ndarray:
        """The event row of each excerpt."""
        return np.repeat(np.arange(len(self)), self.counts)

    def take(self, order: np.ndarray) -> ExcerptColumns:
        """The excerpts of events `order[0]`, `order[1]`, ... (rows rearranged, none dropped)."""
        counts = self.counts[order]
        offsets = np.zeros(len(order) + 1, np.int64)
        np.cumsum(counts, out=offsets[1:])
        # excerpt k of the result is excerpt (first of its event's old rows) + (k - new first)
        index = np.repeat(self.offsets[:-1][order] - offsets[:-1], counts) + np.arange(offsets[-1])
        return ExcerptColumns(
            offsets,
            {name: take(column, index) for name, column in self.texts.items()},
            take(self.claims_start, index),
            take(self.claims_end, index),
        )

    def _row(self, row: int) -> tuple[Excerpt, ...]:
        first, last = int(self.offsets[row]), int(self.offsets[row + 1])
        return tuple(self._excerpt(k) for k in range(first, last))

    def _excerpt(self, k: int) -> Excerpt:
        start = self.claims_start[k]
        claims = _range(start, self.claims_end[k]) if start else None
        fields = {key: column[k] for key, column in self.texts.items()}
        return Excerpt(claims_date=claims, **fields)
