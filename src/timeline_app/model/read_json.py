"""Read a JSON timeline (the shape `timeline-app list --json` prints) into the raw table.

Only JSON's own concerns are here: syntax, the shape (an object with an "events" list), unknown
keys and value types. Columns are taken whole where every value has the expected type (C-level
`map`), and walked row by row only when one does not.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Sequence
from functools import partial
from itertools import repeat
from typing import Any, cast

from timeline_app.model.columns import CodedText
from timeline_app.model.json_duplicates import duplicates, may_have_duplicates
from timeline_app.model.json_places import JsonPlaces
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.raw import Place, Problems, RawExcerpt, RawLink, RawSource, RawTable
from timeline_app.model.schema import (
    EVENT_FIELDS,
    EVENT_FILE_KEYS,
    EXCERPT_FIELDS,
    JSON_OUTPUT_ONLY,
    LINK_FIELDS,
    LINK_KEYS,
    SOURCE_FIELDS,
    SOURCE_KEYS,
    TIMELINE_FIELDS,
    TOP_KEYS,
    Field,
    Kind,
    event_name,
    wrong_type,
)

_as_text = cast(Callable[[Any, Any], str], {None: ""}.get)
_flag_as_text = cast(Callable[[Any, Any], str], {None: "", True: "true", False: "false"}.get)
_SHAPE = "a JSON timeline is an object with an \"events\" list (the shape 'timeline-app list --json' prints)"


class _Float(float):
    """A JSON number with a fraction or exponent, as written: 1e400 is read as infinity, and a
    message must quote the file, not "Infinity" (timelines hold no such numbers: no cost)."""

    def __new__(cls, written: str) -> _Float:
        number = super().__new__(cls, written)
        number.written = written
        return number

    written: str


def _written_number(value: Any) -> str:
    return value.written if isinstance(value, _Float) else json.dumps(value)


def _id_number(value: Any) -> str | None:
    """A number in a list of ids, as written (ids may be numbers, as in YAML); else None."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return _written_number(value) if number else None


def _kind(value: Any) -> str:
    """How messages name a JSON value's type (as YAML's reader names its nodes)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


class _Reader:
    def __init__(self, text: str, file: str, n_events: int) -> None:
        self.problems = Problems(file)
        self.places = JsonPlaces(text, n_events)

    def value(
        self, value: Any, spec: Field, what: str, cell: tuple[Any, ...], place: Callable[[], Place]
    ) -> str:
        """One value as the text `spec` takes ("" for null); a wrong type is reported."""
        if type(value) is str:
            return value
        if value is None:
            return ""
        if isinstance(value, bool) and spec.kind is Kind.FLAG:
            return "true" if value else "false"
        if isinstance(value, list) and spec.kind is Kind.IDS:
            ids = [item if type(item) is str else _id_number(item) for item in value]
            if None not in ids:
                return " ".join(cast(list[str], ids))
            bad = value[ids.index(None)]
            self.problems.add(place(), wrong_type(f"an id in {what}", "text", _kind(bad)), cell)
            return ""
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if number and (spec.numbers_ok or spec.kind is Kind.FLAG):
            return _written_number(value)
        literal = _written_number(value) if number or isinstance(value, bool) else None
        self.problems.add(place(), wrong_type(what, spec.expected, _kind(value), literal), cell)
        return ""

    def unknown(
        self, keys: Sequence[str], allowed: Sequence[str], what: str, place: Callable[[str], Place]
    ) -> None:
        for key in keys:
            if key not in allowed and key not in JSON_OUTPUT_ONLY:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                self.problems.add(place(key), f"unknown key {key!r} in {what}; {hint}")

    def what(self, event: dict[str, Any], row: int) -> str:
        event_id = event.get("id")
        if isinstance(event_id, str) and event_id.strip():
            return event_name(event_id, 0)
        return event_name("", self.places.event(row)[0])

    def column(self, events: list[dict[str, Any]], spec: Field) -> Sequence[str]:
        key = spec.key
        values = list(map(dict.get, events, repeat(key)))
        types = set(map(type, values))
        if types <= {str}:
            return cast(list[str], values)
        if types <= {str, type(None)}:
            return list(map(_as_text, values, values))  # dict.get(v, v): C speed
        if spec.kind is Kind.FLAG and types <= {str, type(None), bool}:
            return list(map(_flag_as_text, values, values))
        return [
            self.value(
                v,
                spec,
                f"'{_written(events[row], key)}' of {self.what(events[row], row)}",
                ("event", row, key),
                partial(self.places.field, row, key),
            )
            for row, v in enumerate(values)
        ]

    def excerpts(self, events: list[dict[str, Any]]) -> list[tuple[RawExcerpt, ...]]:
        values = list(map(dict.get, events, repeat("excerpts")))
        if not any(values) and set(map(type, values)) <= {list, type(None)}:
            return [()] * len(events)  # no event has an excerpt
        found: list[tuple[RawExcerpt, ...]] = []
        for row, items in enumerate(values):
            if items is None or items == []:
                found.append(())
                continue
            if not isinstance(items, list):
                what = f"the excerpts of {self.what(events[row], row)}"
                self.problems.add(
                    self.places.field(row, "excerpts"), f"{what} must be a list, not {_kind(items)}"
                )
                found.append(())
                continue
            made = []
            for k, item in enumerate(items):
                if isinstance(item, dict):
                    made.append(self.excerpt(events[row], row, k, item))
                    continue
                self.problems.add(
                    self.places.excerpt(row, k, ""),
                    f"an excerpt of {self.what(events[row], row)} must be an object, not {_kind(item)}",
                )
                self.problems.cells.update(("excerpt", row, k, s.key) for s in EXCERPT_FIELDS)
                made.append(("",) * len(EXCERPT_FIELDS))
            found.append(tuple(made))
        return found

    def excerpt(self, event: dict[str, Any], row: int, k: int, item: dict[str, Any]) -> RawExcerpt:
        source, quote = item.get("source"), item.get("quote")
        if type(source) is str and type(quote) is str and len(item) == 2:
            return source, quote, "", "", ""  # the common case, checked first
        what = f"an excerpt of {self.what(event, row)}"
        self.unknown(list(item), [s.key for s in EXCERPT_FIELDS], what, partial(self.places.excerpt, row, k))
        return tuple(
            self.value(
                item.get(s.key),
                s,
                f"'{s.key}' of {what}",
                ("excerpt", row, k, s.key),
                partial(self.places.excerpt, row, k, s.key),
            )
            for s in EXCERPT_FIELDS
        )

    def links(self, events: list[dict[str, Any]]) -> list[tuple[RawLink, ...]]:
        found: list[tuple[RawLink, ...]] = []
        for row, event in enumerate(events):
            items = event.get("links")
            if items is None or items == []:
                found.append(())
                continue
            what = self.what(event, row)
            if not isinstance(items, list):
                self.problems.add(
                    self.places.field(row, "links"), f"the links of {what} must be a list, not {_kind(items)}"
                )
                found.append(())
                continue
            made: list[RawLink] = []
            for k, item in enumerate(items):
                if not isinstance(item, dict):
                    self.problems.add(
                        self.places.link(row, k, ""), f"a link of {what} must be an object, not {_kind(item)}"
                    )
                    self.problems.cells.update(("link", row, k, key) for key in ("", *LINK_KEYS))
                    made.append(("",) * len(LINK_FIELDS))
                    continue
                place = partial(self.places.link, row, k)
                self.unknown(list(item), [s.key for s in LINK_FIELDS], f"a link of {what}", place)
                made.append(
                    tuple(
                        self.value(
                            item.get(s.key),
                            s,
                            f"'{s.key}' of a link of {what}",
                            ("link", row, k, s.key),
                            partial(place, s.key),
                        )
                        for s in LINK_FIELDS
                    )
                )
            found.append(tuple(made))
        return found

    def sources(self, raw: Any) -> list[RawSource] | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problems.add(
                self.places.top_level("sources"), f'"sources" must be an object, not {_kind(raw)}'
            )
            return None
        found = []
        for index, (source_id, item) in enumerate(raw.items()):
            self.places.source_ids.append(source_id)
            what = f"source {source_id!r}"
            if not isinstance(item, dict):
                self.problems.add(
                    self.places.source(index, ""), f"{what} must be an object, not {_kind(item)}"
                )
                found.append(RawSource(source_id, {}))
                self.problems.cells.add(("source", index, "title"))
                continue
            self.unknown(list(item), SOURCE_KEYS, what, partial(self.places.source, index))
            fields = {
                s.key: self.value(
                    item[s.key],
                    s,
                    f"'{s.key}' of {what}",
                    ("source", index, s.key),
                    partial(self.places.source, index, s.key),
                )
                for s in SOURCE_FIELDS
                if s.key in item
            }
            found.append(RawSource(source_id, fields))
        return found or None


def _load(text: str, file: str) -> Any:
    try:
        return json.loads(text, parse_float=_Float, parse_constant=_Float)
    except json.JSONDecodeError as exc:
        raise LoadError([Problem(file, exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}")]) from None
    except RecursionError:
        line, column = _too_deep_at(text)
        raise LoadError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"the JSON nests lists or objects thousands deep (more than {_DEEP} here); "
                    "a timeline needs about 5 levels",
                )
            ]
        ) from None
    except ValueError as exc:  # an integer of more than 4,300 digits (Python's own limit)
        long_number = re.search(r"\d{4300}", text)
        if long_number is None:
            raise LoadError([Problem(file, 1, 1, f"JSON error: {exc}")]) from None
        line = text.count("\n", 0, long_number.start()) + 1
        column = long_number.start() - text.rfind("\n", 0, long_number.start())
        raise LoadError(
            [
                Problem(
                    file,
                    line,
                    column,
                    "a number here has thousands of digits; no timeline "
                    "value does (a date or an id is written as text)",
                )
            ]
        ) from None


_DEEP = 100
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_at(text: str) -> tuple[int, int]:
    """Where the nesting first passes `_DEEP` (strings skipped); only run after a RecursionError."""
    depth = 0
    for token in _TOKEN.finditer(text):
        kind = token.group()[0]
        if kind in "[{":
            depth += 1
            if depth > _DEEP:
                at = token.start()
                return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        elif kind in "]}":
            depth -= 1
    return 1, 1


def read_json(text: str, file: str, default_title: str = "Timeline") -> RawTable:
    data = _load(text, file)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise LoadError([Problem(file, 1, 1, _SHAPE)])
    events: list[Any] = data["events"]
    reader = _Reader(text, file, len(events))
    places = reader.places
    reader.unknown(list(data), TOP_KEYS, "the file", places.top_level)
    for row, item in enumerate(events):
        if not isinstance(item, dict):
            reader.problems.add(places.event(row), f"an event must be an object, not {_kind(item)}")
    reader.problems.raise_if_any()
    if may_have_duplicates(text, data):
        for place, message in duplicates(text, data, places):
            reader.problems.add(place, message)
    present: set[str] = set().union(*events)
    extra = sorted(present - set(EVENT_FILE_KEYS) - JSON_OUTPUT_ONLY)
    for key in extra:
        row = next(r for r, e in enumerate(events) if key in e)
        reader.unknown([key], EVENT_FILE_KEYS, reader.what(events[row], row), _at(places.event(row)))
    if "date" in present:
        events = [_date_as_start(e, row, reader) if "date" in e else e for row, e in enumerate(events)]
        present.add("start")
    n = len(events)
    columns: dict[str, Sequence[str]] = {
        spec.key: reader.column(events, spec) if spec.key in present else CodedText.repeat("", n)
        for spec in EVENT_FIELDS
    }
    excerpts = reader.excerpts(events) if "excerpts" in present else [()] * n
    links = reader.links(events) if "links" in present else None
    sources = reader.sources(data.get("sources"))
    title, description = (
        reader.value(
            data.get(s.key), s, f"the timeline's '{s.key}'", ("top", s.key), partial(places.top_level, s.key)
        )
        for s in TIMELINE_FIELDS
    )
    return RawTable(
        file,
        title or default_title,
        description,
        columns,
        excerpts,
        sources,
        places,
        reader.problems,
        given=frozenset(present),
        links=links if links and any(links) else None,
    )


def _at(place: Place) -> Callable[[str], Place]:
    """A place for any key (an unknown key of an event is shown where the event starts)."""
    return lambda _key: place


def _written(event: dict[str, Any], key: str) -> str:
    """The key the file used: "date" where the start was given as "date"."""
    return "date" if key == "start" and "date" in event and event.get(key) is event["date"] else key


def _date_as_start(event: dict[str, Any], row: int, reader: _Reader) -> dict[str, Any]:
    """ "date" is one date or START/END, as in YAML; it may not come with "start" or "end"."""
    if event.get("start") is not None or event.get("end") is not None:
        reader.problems.add(
            reader.places.field(row, "date"),
            f"{reader.what(event, row)} has "
            "both 'date' and 'start'/'end'; use 'date' for one date or 'start' "
            "and 'end' for a span",
        )
        reader.problems.cells.update((("event", row, "start"), ("event", row, "end")))
        return event
    return {**event, "start": event["date"]}
