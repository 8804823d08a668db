"""Events as columns: what the view needs for every event, without one object per event.

A YAML file of a few hundred events builds its columns from `Event` objects; a CSV or JSON file
of a million rows builds them directly, and makes an `Event` only when one is asked for (the
source panel shows one at a time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from timeline_app.model.dates import DateRange, Precision, parse_date
from timeline_app.model.events import Event, Excerpt

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
PRECISIONS = tuple(Precision)  # code -> Precision


@dataclass
class EventColumns:
    """One row per event, in date order."""

    ids: list[str]
    titles: list[str]
    summaries: Sequence[str]
    category: np.ndarray  # int32 codes into `categories`
    categories: tuple[str, ...]
    first_day: np.ndarray  # int64 days since 1970-01-01 (first day covered)
    last_day: np.ndarray  # int64 days since 1970-01-01 (last day covered, inclusive)
    is_span: np.ndarray  # bool
    precision: np.ndarray  # int8 code into PRECISIONS (of the start)
    approximate: np.ndarray  # bool
    inferred: np.ndarray  # bool
    n_sources: np.ndarray  # int32
    conflict: np.ndarray  # bool
    starts: Sequence[str] = field(default_factory=list)  # date text, for events made on demand
    ends: Sequence[str] = field(default_factory=list)  # "" where there is no end
    excerpts: list[tuple[Excerpt, ...]] | None = None
    date_notes: Sequence[str] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def row_of(self) -> dict[str, int]:
        return {event_id: row for row, event_id in enumerate(self.ids)}

    def search_texts(self) -> list[str]:
        """Lower-cased title, summary, category and quotes of each event, for the search box."""
        quotes = self.excerpts or [()] * len(self)
        return [
            " ".join([t, s, self.categories[c], *(x.quote for x in q)]).casefold()
            for t, s, c, q in zip(self.titles, self.summaries, self.category.tolist(), quotes)
        ]

    def event(self, row: int) -> Event:
        start = parse_date(self.starts[row])
        end_text = self.ends[row]
        end = parse_date(end_text) if end_text else None
        if self.approximate[row] and not start.approximate and not (end and end.approximate):
            start = replace(start, approximate=True)
        return Event(
            id=self.ids[row], title=self.titles[row], when=DateRange(start, end),
            category=self.categories[int(self.category[row])], summary=self.summaries[row],
            excerpts=self.excerpts[row] if self.excerpts else (),
            inferred=bool(self.inferred[row]),
            date_note=self.date_notes[row] if self.date_notes else "", line=row + 2,
        )

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> EventColumns:
        """Columns for events read one by one (YAML); one pass, each distinct date once."""
        categories = tuple(dict.fromkeys(e.category for e in events))
        code = {c: i for i, c in enumerate(categories)}
        precision_code = {p: i for i, p in enumerate(PRECISIONS)}
        dates: dict[int, tuple[int, int, bool, int, bool, str, str]] = {}
        n = len(events)
        rows = []
        for e in events:
            when = e.when
            info = dates.get(id(when))
            if info is None:
                start, end = when.start, when.end
                info = (when.first_day().toordinal() - EPOCH_ORDINAL,
                        when.last_day().toordinal() - EPOCH_ORDINAL, end is not None,
                        precision_code[start.precision],
                        start.approximate or bool(end and end.approximate),
                        start.edtf(), end.edtf() if end else "")
                dates[id(when)] = info
            excerpts = e.excerpts
            rows.append((code[e.category], *info[:5], e.inferred,
                         len({x.source for x in excerpts}) if excerpts else 0,
                         bool(excerpts) and any(x.claims_date is not None for x in excerpts)
                         and bool(e.conflicting_excerpts())))
        table = np.array(rows, dtype=np.int64).reshape(n, 9) if n else np.zeros((0, 9), np.int64)
        return cls(
            ids=[e.id for e in events],
            titles=[e.title for e in events],
            summaries=[e.summary for e in events],
            category=table[:, 0].astype(np.int32),
            categories=categories,
            first_day=table[:, 1].copy(),
            last_day=table[:, 2].copy(),
            is_span=table[:, 3].astype(bool),
            precision=table[:, 4].astype(np.int8),
            approximate=table[:, 5].astype(bool),
            inferred=table[:, 6].astype(bool),
            n_sources=table[:, 7].astype(np.int32),
            conflict=table[:, 8].astype(bool),
            starts=[dates[id(e.when)][5] for e in events],
            ends=[dates[id(e.when)][6] for e in events],
            excerpts=[e.excerpts for e in events],
            date_notes=[e.date_note for e in events],
        )


class CodedText(Sequence[str]):
    """A text column with few distinct values: a code per row into the distinct texts."""

    def __init__(self, codes: np.ndarray, distinct: Sequence[str]) -> None:
        self.codes = codes
        self.distinct = distinct

    @classmethod
    def repeat(cls, text: str, n: int) -> CodedText:
        return cls(np.zeros(n, np.int32), [text])

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self.distinct[c] for c in self.codes[index].tolist()]
        return self.distinct[int(self.codes[index])]

    def __iter__(self) -> Iterator[str]:
        distinct = self.distinct
        return (distinct[c] for c in self.codes.tolist())


class LazyEvents(Sequence[Event]):
    """A read-only sequence of events made from columns when indexed."""

    def __init__(self, columns: EventColumns) -> None:
        self._columns = columns

    def __len__(self) -> int:
        return len(self._columns)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self._columns.event(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._columns.event(index)

    def __iter__(self) -> Iterator[Event]:
        return (self._columns.event(i) for i in range(len(self)))
