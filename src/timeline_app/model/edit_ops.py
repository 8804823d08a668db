"""The small edits a chronology takes, as plain frozen values.

`Chronology.apply(edit)` performs one and returns its inverse, another edit of these kinds, so an
undo stack keeps pairs of values and never a copy of the document. Values are what a file holds:
text, true/false, numbers, lists and mappings of them; `None` removes a key or a source.

`at` (where an edit names it) is the position a key or a source is put back at: the inverse of a
removal carries it, so undoing a removal restores the file's order, and its bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SetEventField:
    """Set `key` of the event `event_id` to `value`; `None` removes the key."""

    event_id: str
    key: str
    value: Any
    at: int | None = None


@dataclass(frozen=True)
class InsertEvent:
    """Insert an event (a mapping of its fields) so that it becomes event number `index`."""

    index: int
    data: Mapping[str, Any]


@dataclass(frozen=True)
class RemoveEvent:
    event_id: str


@dataclass(frozen=True)
class SetExcerpt:
    """Replace excerpt `index` of `event_id`: keys kept keep their place and quoting."""

    event_id: str
    index: int
    data: Mapping[str, Any]


@dataclass(frozen=True)
class InsertExcerpt:
    event_id: str
    index: int
    data: Mapping[str, Any]


@dataclass(frozen=True)
class RemoveExcerpt:
    event_id: str
    index: int


@dataclass(frozen=True)
class SetSource:
    """Add, replace (`data`) or remove (`None`) the source `source_id`."""

    source_id: str
    data: Mapping[str, Any] | None
    at: int | None = None


@dataclass(frozen=True)
class SetTimelineField:
    """Set a top-level field (`title`, `description`); `None` removes it."""

    key: str
    value: Any
    at: int | None = None


Edit = (
    SetEventField
    | InsertEvent
    | RemoveEvent
    | SetExcerpt
    | InsertExcerpt
    | RemoveExcerpt
    | SetSource
    | SetTimelineField
)


class EditError(LookupError):
    """An edit that names something the chronology does not hold; `str()` says what."""
