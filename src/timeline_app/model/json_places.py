"""Where values stand in a JSON text: the `json` module's own scanner, driven one value at a time.

`json.loads` gives no positions. Walking an object member by member with `scan_once` (the C
scanner `json.loads` uses) gives the offset of every value, at the cost of a Python step per
member. A file on many lines is parsed that way once (`parse_located`), noting each event's line;
otherwise only what a problem needs is walked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
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


@dataclass
class Located:
    """A JSON timeline parsed with the offset and line of each event and top-level value."""

    data: dict[str, Any]
    top: dict[str, int]  # key -> offset of its value
    offsets: list[int]  # where each event starts
    lines: list[int]  # the line each event starts on


def _events(text: str, at: int) -> tuple[list[Any], int, list[int], list[int]]:
    """The array of events at `at`: values, end, and where each starts (offset, line)."""
    values: list[Any] = []
    offsets: list[int] = []
    lines: list[int] = []
    line = text.count("\n", 0, at) + 1
    previous = at
    at = _skip(text, at + 1)
    if text[at] == "]":
        return values, at + 1, offsets, lines
    separator, scan, count = _SEPARATOR.match, _scan_once, text.count
    while True:  # one C scan per event; newlines are counted between event starts
        line += count("\n", previous, at)
        previous = at
        offsets.append(at)
        lines.append(line)
        value, at = scan(text, at)
        values.append(value)
        comma = separator(text, at)
        if comma is None:
            at = _skip(text, at)
            if text[at] != "]":
                raise ValueError(at)
            return values, at + 1, offsets, lines
        at = comma.end()


def parse_located(text: str) -> Located | None:
    """`json.loads` of an object, also noting where each event starts; None when the text is
    not valid JSON of that shape (then `json.loads` says why).

    Costs about what `json.loads` does plus 0.5 us an event: the events are scanned one by one
    by the C scanner, and only newlines between their starts are counted.
    """
    try:
        at = _skip(text, 0)
        if text[at : at + 1] != "{":
            return None
        data: dict[str, Any] = {}
        top: dict[str, int] = {}
        offsets: list[int] = []
        lines: list[int] = []
        at = _skip(text, at + 1)
        while text[at : at + 1] == '"':
            key, at = scanstring(text, at + 1)
            at = _skip(text, at)
            if text[at : at + 1] != ":":
                return None
            at = top[key] = _skip(text, at + 1)
            if key == "events" and text[at : at + 1] == "[":
                data[key], at, offsets, lines = _events(text, at)
            else:
                data[key], at = _scan_once(text, at)
            at = _skip(text, at)
            if text[at : at + 1] != ",":
                break
            at = _skip(text, at + 1)
        if text[at : at + 1] != "}" or _skip(text, at + 1) != len(text):
            return None
    except (StopIteration, ValueError, IndexError, RecursionError):
        return None  # JSONDecodeError is a ValueError
    return Located(data, top, offsets, lines)


class JsonPlaces:
    """Positions in a JSON timeline, worked out only when asked."""

    def __init__(self, text: str, n_events: int, located: Located | None = None) -> None:
        self.text = text
        self.n_events = n_events
        self._events = located.offsets if located else None
        self._lines = located.lines if located else None
        self._top: dict[str, int] | None = located.top if located else None
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
        if self._events is None:
            at = self.top().get("events", 0)
            self._events = [offset for offset, _ in elements(self.text, at)]
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
        if self._lines is not None:
            return np.array(self._lines, np.int64)
        if "\n" not in self.text:
            return np.ones(self.n_events, np.int64)
        return np.array([self.place(offset)[0] for offset in self.offsets()], np.int64)
