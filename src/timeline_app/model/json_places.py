"""Where values stand in a JSON text: the `json` module's own scanner, driven one value at a time.

`json.loads` gives no positions. Walking an object member by member with `scan_once` (the C
scanner `json.loads` uses) gives the offset of every value, at the cost of a Python step per
member. In a file on many lines each event's start is found that way once, for its line (1.3 s
for 10^6 events); otherwise only what a problem needs is walked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from typing import Any, cast

import numpy as np

from timeline_app.model.raw import Place

_SPACE = re.compile(r"[ \t\n\r]*")
_space = cast(Callable[[str, int], re.Match[str]], _SPACE.match)  # `*` always matches
_SEPARATOR = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
# Both are the C functions behind `json.loads`; typeshed does not declare them.
_scan_once: Callable[[str, int], tuple[Any, int]] = vars(json.JSONDecoder())["scan_once"]
scanstring: Callable[[str, int], tuple[str, int]] = vars(json.decoder)["scanstring"]


def _skip(text: str, at: int) -> int:
    return _space(text, at).end()


def members(text: str, at: int) -> Iterator[tuple[str, int, int]]:
    """(key, key offset, value offset) of each member of the object at `at`."""
    if text[at : at + 1] != "{":
        return
    at = _skip(text, at + 1)
    while text[at : at + 1] == '"':
        key, end = scanstring(text, at + 1)
        value_at = _skip(text, _skip(text, end) + 1)
        yield key, at, value_at
        end = _scan_once(text, value_at)[1]
        at = _skip(text, end)
        if text[at : at + 1] != ",":
            return
        at = _skip(text, at + 1)


def elements(text: str, at: int) -> Iterator[tuple[int, Any]]:
    """(offset, value) of each element of the array at `at`."""
    if text[at : at + 1] != "[":
        return
    at = _skip(text, at + 1)
    if text[at : at + 1] == "]":
        return
    while True:
        value, end = _scan_once(text, at)
        yield at, value
        at = _skip(text, end)
        if text[at : at + 1] != ",":
            return
        at = _skip(text, at + 1)


def find(text: str, at: int, path: Sequence[str | int]) -> int:
    """The offset of the value at `path` below the value at `at`, or of the deepest step found."""
    for step in path:
        if isinstance(step, int):
            offsets = (offset for i, (offset, _) in enumerate(elements(text, at)) if i == step)
        else:
            offsets = (value_at for key, _, value_at in members(text, at) if key == step)
        found = next(offsets, None)
        if found is None:
            return at
        at = found
    return at


def key_offset(text: str, at: int, key: str) -> int | None:
    """The offset of the key string `key` in the object at `at`."""
    return next((key_at for name, key_at, _ in members(text, at) if name == key), None)


def _element_offsets(text: str, at: int) -> list[int]:
    """Where each element of the array at `at` starts; one C scan per element, its value
    dropped at once (kept, each event's dict would have its own copy of every key: the
    scanner shares keys only within one call, and 10^6 events took 300 MB more)."""
    offsets: list[int] = []
    at = _skip(text, at + 1)
    if text[at : at + 1] == "]":
        return offsets
    append, scan, separator = offsets.append, _scan_once, _SEPARATOR.match
    while True:
        append(at)
        comma = separator(text, scan(text, at)[1])
        if comma is None:
            return offsets
        at = comma.end()


class JsonPlaces:
    """Positions in a JSON timeline, worked out only when asked."""

    def __init__(self, text: str, n_events: int) -> None:
        self.text = text
        self.n_events = n_events
        self._events: list[int] | None = None
        self._top: dict[str, int] | None = None
        self.source_ids: list[str] = []

    def place(self, offset: int) -> Place:
        text = self.text
        line_start = text.rfind("\n", 0, offset) + 1
        return text.count("\n", 0, offset) + 1, offset - line_start + 1

    def top(self) -> dict[str, int]:
        if self._top is None:
            start = _skip(self.text, 0)
            self._top = {key: value_at for key, _, value_at in members(self.text, start)}
        return self._top

    def offsets(self) -> list[int]:
        """Where each event starts; only the values before "events" are walked to find it."""
        if self._events is None:
            at = self._top.get("events") if self._top else None
            if at is None:
                found = (
                    value_at
                    for key, _, value_at in members(self.text, _skip(self.text, 0))
                    if key == "events"
                )
                at = next(found, 0)
            self._events = _element_offsets(self.text, at)
        return self._events

    def event(self, row: int) -> Place:
        return self.place(self.offsets()[row])

    def field(self, row: int, key: str) -> Place:
        at = self.offsets()[row]
        keys = {name: value_at for name, _, value_at in members(self.text, at)}
        found = keys.get(key, keys.get("date") if key in ("start", "end") else None)
        return self.place(at if found is None else found)

    def excerpt(self, row: int, index: int, key: str) -> Place:
        path: list[str | int] = ["excerpts", index, key] if key else ["excerpts", index]
        return self.place(find(self.text, self.offsets()[row], path))

    def link(self, row: int, index: int, key: str) -> Place:
        path: list[str | int] = ["links", index, key] if key else ["links", index]
        return self.place(find(self.text, self.offsets()[row], path))

    def source(self, index: int, key: str) -> Place:
        at = self.top().get("sources", 0)
        source_id = self.source_ids[index]
        if not key:
            found = key_offset(self.text, at, source_id)
            return self.place(at if found is None else found)
        return self.place(find(self.text, at, [source_id, key]))

    def top_level(self, key: str) -> Place:
        return self.place(self.top().get(key, 0))

    def lines(self) -> np.ndarray:
        """The line of each event: newlines counted between event starts (C-level `map`)."""
        if "\n" not in self.text:
            return np.ones(self.n_events, np.int64)
        offsets = self.offsets()
        between = map(self.text.count, repeat("\n"), [0, *offsets[:-1]], offsets)
        return np.cumsum(np.fromiter(between, np.int64, len(offsets))) + 1
