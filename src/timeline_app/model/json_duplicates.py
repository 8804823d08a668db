"""Duplicate keys in a JSON timeline, found without slowing down a file that has none.

`json.loads` keeps the last of two equal keys, as PyYAML does. An `object_pairs_hook` sees
them, but builds every object through Python (0.3-0.5 s more for 10^6 events). Instead we
compare counts: every key is followed by a ':', so when the text holds no more ':' than the
parsed objects hold keys, no key was lost (0.19 s for 10^6 events, 155 MB). Colons inside
text (times, URLs) send us to a finer count, of '":' and of '"' + spaces + ':' (0.4 s); only
when that one also leaves room for a lost key is the text walked object by object (1-2 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from typing import Any

from timeline_app.model.json_places import JsonPlaces, elements, members
from timeline_app.model.raw import Place
from timeline_app.model.schema import event_name

_SPACED_COLON = re.compile(r'"[ \t\n\r]+:')


def _keys(data: dict[str, Any]) -> int:
    """Keys in the objects a timeline has: the top, events, excerpts, sources (others: -1)."""
    events = data["events"]
    count = len(data) + sum(map(len, events))
    for items in filter(None, map(dict.get, events, repeat("excerpts"))):
        if type(items) is not list:
            continue
        count += sum(len(item) for item in items if type(item) is dict)
    sources = data.get("sources")
    if type(sources) is dict:
        count += len(sources) + sum(len(item) for item in sources.values() if type(item) is dict)
    return count


def may_have_duplicates(text: str, data: dict[str, Any]) -> bool:
    """False when no key can have been lost; True is checked by `duplicates`."""
    keys = _keys(data)
    if text.count(":") <= keys:
        return False
    return text.count('":') + len(_SPACED_COLON.findall(text)) > keys


def _repeated(text: str, at: int) -> Iterator[tuple[str, int, int]]:
    """(key, its offset, offset of the first) for each key that repeats an earlier one."""
    first: dict[str, int] = {}
    for key, key_at, _ in members(text, at):
        if key in first:
            yield key, key_at, first[key]
        else:
            first.setdefault(key, key_at)


def duplicates(text: str, data: dict[str, Any], places: JsonPlaces) -> Iterator[tuple[Place, str]]:
    """(place, message) for each repeated key of the file, an event, an excerpt or a source."""

    def report(what: str, found: Iterator[tuple[str, int, int]]) -> Iterator[tuple[Place, str]]:
        for key, at, first_at in found:
            line = places.place(first_at)[0]
            yield (
                places.place(at),
                f"duplicate key {key!r} in {what} (first given on line {line}); keep one of them",
            )

    top = places.top()
    yield from report("the file", _repeated(text, len(text) - len(text.lstrip(" \t\n\r"))))
    events = data["events"]
    for row, at in enumerate(places.offsets()):
        event_id = events[row].get("id")
        what = event_name(event_id if isinstance(event_id, str) else "", places.place(at)[0])
        yield from report(what, _repeated(text, at))
        for key, _, value_at in members(text, at):
            if key == "excerpts":
                for k, (item_at, _) in enumerate(elements(text, value_at)):
                    yield from report(f"excerpt {k + 1} of {what}", _repeated(text, item_at))
    if "sources" in top:
        yield from report("the sources", _repeated(text, top["sources"]))
        for source_id, _, value_at in members(text, top["sources"]):
            yield from report(f"source {source_id!r}", _repeated(text, value_at))
