"""What every reader hands to the builder: text as the file holds it, and where it stands.

A reader deals only with its format's syntax and value types (a YAML number where text is
needed, a JSON list, a CSV row with too many fields). Everything about what the values mean is
checked once, for every format, by `model/build.py`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from timeline_app.model.offset_rows import OffsetRows
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.schema import event_name

MAX_PROBLEMS = 200
Place = tuple[int, int]  # line, column (1-based; 0 = the whole file)
RawExcerpt = tuple[
    str, ...
]  # schema.EXCERPT_KEYS: source, quote, claims_date, prefix, suffix ("" if not given)
RawLink = tuple[str, ...]  # schema.LINK_KEYS: type, to, source, quote, prefix, suffix, inferred, note


class Places(Protocol):
    """Where things stand in the file; asked only when there is a problem to report, except
    `lines`, which every load asks once."""

    def event(self, row: int) -> Place:
        """Where event `row` starts."""

    def field(self, row: int, key: str) -> Place:
        """Where the value of `key` of event `row` is (where the event starts if it has none)."""

    def excerpt(self, row: int, index: int, key: str) -> Place:
        """Where `key` of excerpt `index` of event `row` is ("" for the excerpt itself)."""

    def source(self, index: int, key: str) -> Place:
        """Where `key` of source `index` is ("" for the source's id)."""

    def link(self, row: int, index: int, key: str) -> Place:
        """Where `key` of link `index` of event `row` is ("" for the link itself)."""

    def lines(self) -> np.ndarray:
        """The line each event starts on, one per row (int64)."""

    def top_level(self, key: str) -> Place:
        """Where the timeline's `key` ("title", "description") is."""


class RawExcerptColumns(OffsetRows[tuple[RawExcerpt, ...]]):
    """Excerpts as a table holds them: rows `offsets[i]:offsets[i + 1]` of `columns` (one text
    column per `schema.EXCERPT_KEYS`) belong to event i. The builder checks the columns whole;
    indexing makes an event's `RawExcerpt`s, for a reader that groups rows or a check that
    walks them to place a problem."""

    def __init__(self, offsets: np.ndarray, columns: tuple[Sequence[str], ...]) -> None:
        self.offsets = offsets
        self.columns = columns

    def _row(self, row: int) -> tuple[RawExcerpt, ...]:
        first, last = int(self.offsets[row]), int(self.offsets[row + 1])
        return tuple(tuple(column[k] for column in self.columns) for k in range(first, last))


@dataclass
class RawSource:
    id: str
    fields: dict[str, str]  # key -> text as written; absent keys are left out


@dataclass
class Problems:
    """Problems found so far, at most `MAX_PROBLEMS`, and the cells they were found in.

    A cell is a tuple naming a value, like ("event", row, "title"); once a reader reported a
    problem in a cell, the builder says nothing more about it (a title that was a number is
    not reported again as missing).
    """

    file: str
    items: list[Problem] = field(default_factory=list)
    more: int = 0
    cells: set[Hashable] = field(default_factory=set)

    def add(self, place: Place, message: str, cell: Hashable | None = None, file: str | None = None) -> None:
        if cell is not None:
            self.cells.add(cell)
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file or self.file, place[0], place[1], message))
        else:
            self.more += 1

    def reported(self, cell: Hashable) -> bool:
        return cell in self.cells

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if self.items:
            items = list(self.items)
            if self.more:
                items.append(Problem(self.file, 0, 0, f"... and {self.more} more problems"))
            raise LoadError(items)


@dataclass
class RawTable:
    """A timeline file as read: one text column per event field, in file order.

    `columns` has every key of `schema.EVENT_KEYS`, "" where a value is not given (and for
    true/false fields the text of the value: "true", "no", "1"). `sources` is None when the
    file defines no sources at all: each cited id then stands for a source known only by it.
    """

    file: str
    title: str
    description: str
    columns: dict[str, Sequence[str]]
    excerpts: Sequence[tuple[RawExcerpt, ...]]  # per row; a table's as `RawExcerptColumns`
    sources: list[RawSource] | None
    places: Places
    problems: Problems
    source_file: str = ""  # the file that defines the sources (a CSV's sidecar), if not `file`
    given: frozenset[str] = frozenset()  # keys given anywhere (others are known to be empty)
    longest: int | None = None  # no text is longer than this, if the reader knows (CSV lines)
    links: Sequence[tuple[RawLink, ...]] | None = None  # per row; None when no event has a link
    link_file: str = ""  # the file that holds the links (a CSV's sidecar), if not `file`

    def __len__(self) -> int:
        return len(self.columns["id"])


class Reporter:
    """Reports a problem with an event, a field, an excerpt or a source at its place, once per
    cell, naming the event as messages do in every format."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.problems = raw.problems
        self.places = raw.places
        self._ids = raw.columns["id"]

    def what(self, row: int) -> str:
        event_id = self._ids[row]
        return event_name(event_id, 0 if event_id.strip() else self.places.event(row)[0])

    def seen(self, *cell: Hashable) -> bool:
        return self.problems.reported(cell)

    def event(self, row: int, message: str) -> None:
        if not self.seen("event", row, ""):
            self.problems.add(self.places.event(row), message, ("event", row, ""))

    def field(self, row: int, key: str, message: str) -> None:
        if not self.seen("event", row, key):
            self.problems.add(self.places.field(row, key), message, ("event", row, key))

    def excerpt(self, row: int, index: int, key: str, message: str) -> None:
        if not self.seen("excerpt", row, index, key):
            self.problems.add(self.places.excerpt(row, index, key), message, ("excerpt", row, index, key))

    def link(self, row: int, index: int, key: str, message: str) -> None:
        if not self.seen("link", row, index, key):
            self.problems.add(
                self.places.link(row, index, key),
                message,
                ("link", row, index, key),
                self.raw.link_file or self.raw.file,
            )

    def source(self, index: int, key: str, message: str) -> None:
        if not self.seen("source", index, key):
            self.problems.add(
                self.places.source(index, key),
                message,
                ("source", index, key),
                self.raw.source_file or self.raw.file,
            )
