"""Which field each of the loader's problems concerns, so the inspector can show it there.

The problems carry the line and column of the chronology's text (`Chronology.text()`); the text
is composed once more (YAML nodes keep their marks) and each problem goes to the event, and the
field, whose node holds its place. A problem about a key that is missing sits at the event's
start; its message names the key ("has no 'title'"), and that decides the field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from timeline_app.model.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

EVENT_LEVEL = ""  # the key of a problem with the event as a whole
DATE_KEYS: dict[str, str] = {"date": "start", "start": "start", "end": "end"}
_NAMED_KEY = re.compile(r"has no '(\w+)'")


@dataclass
class FieldProblems:
    """The problems by event id and field ("title", "start", "excerpts.0.quote", "" for the
    event as a whole); `general` holds those outside any event (sources, the file)."""

    by_event: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))
    general: list[Problem] = field(default_factory=list)

    def for_event(self, event_id: str | None) -> dict[str, list[str]]:
        return self.by_event.get(event_id or "", {}) if event_id is not None else {}

    def count(self) -> int:
        return len(self.general) + sum(len(v) for e in self.by_event.values() for v in e.values())


@dataclass(frozen=True)
class _Place:
    event_id: str
    key: str
    start: tuple[int, int]  # (line, column), 1-based
    end: tuple[int, int]


def _mark(node: yaml.Node, end: bool = False) -> tuple[int, int]:
    mark = node.end_mark if end else node.start_mark
    return mark.line + 1, mark.column + 1


def _event_places(text: str) -> list[tuple[_Place, list[_Place]]]:
    """Each event's whole span with the spans of its fields (excerpt fields as excerpts.N.key)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    events = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "events"), None)
    if not isinstance(events, yaml.SequenceNode):
        return []
    found = []
    for item in events.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        pairs = [(str(k.value), k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)]
        event_id = next(
            (str(v.value) for key, _, v in pairs if key == "id" and isinstance(v, yaml.ScalarNode)), ""
        )
        whole = _Place(event_id, EVENT_LEVEL, _mark(item), _mark(item, end=True))
        fields = []
        for key, k, v in pairs:
            if key == "excerpts" and isinstance(v, yaml.SequenceNode):
                for n, excerpt in enumerate(v.value):
                    fields += _excerpt_places(event_id, n, excerpt)
            fields.append(_Place(event_id, DATE_KEYS.get(key, key), _mark(k), _mark(v, end=True)))
        found.append((whole, fields))
    return found


def _excerpt_places(event_id: str, n: int, node: yaml.Node) -> list[_Place]:
    if not isinstance(node, yaml.MappingNode):
        return [_Place(event_id, f"excerpts.{n}.quote", _mark(node), _mark(node, end=True))]
    return [
        _Place(event_id, f"excerpts.{n}.{k.value}", _mark(k), _mark(v, end=True))
        for k, v in node.value
        if isinstance(k, yaml.ScalarNode)
    ]


def _inside(place: _Place, at: tuple[int, int]) -> bool:
    """A block node ends where the next key starts: that place belongs to the next key."""
    return place.start <= at < place.end


def _named_key(message: str) -> str:
    named = _NAMED_KEY.search(message)
    if named:
        return DATE_KEYS.get(named[1], named[1])
    return "start" if "has no date" in message else EVENT_LEVEL


def field_problems(text: str, problems: Iterable[Problem]) -> FieldProblems:
    """Sort `problems` (about `text`) by the event and field they concern."""
    result = FieldProblems()
    problems = list(problems)
    if not problems:
        return result
    places = _event_places(text)
    for problem in problems:
        at = (problem.line, problem.column)
        event = next(((whole, fields) for whole, fields in places if _inside(whole, at)), None)
        if event is None:
            result.general.append(problem)
            continue
        whole, fields = event
        inner = [p for p in fields if _inside(p, at)]
        key = inner[0].key if inner else _named_key(problem.message)
        if at == whole.start:  # a missing key is reported where the event starts: its first key
            key = _named_key(problem.message) or key
        result.by_event[whole.event_id].setdefault(key, []).append(problem.message)
    return result


FIELD_WORDS = {"start": "date", "end": "end date", "date_note": "date note", EVENT_LEVEL: "the event"}
MAX_LISTED = 12


def save_warning(text: str, problems: Iterable[Problem]) -> str:
    """What to say before saving a chronology with problems: how many, and each one by the
    event and field it concerns ("event 'x', date: ..."), so the user knows what to fix."""
    found = field_problems(text, problems)
    lines = [
        f"event {event_id!r}, {_field_words(key)}: {message}"
        for event_id, fields in found.by_event.items()
        for key, messages in fields.items()
        for message in messages
    ]
    lines += [f"line {p.line}: {p.message}" for p in found.general]
    if not lines:
        return ""
    shown = lines[:MAX_LISTED] + (
        [f"… and {len(lines) - MAX_LISTED} more"] if len(lines) > MAX_LISTED else []
    )
    head = (
        f"The chronology has {len(lines)} problem(s). Saved as it is, the file will not open "
        "until they are fixed:"
    )
    return "\n".join([head, *(f"• {line}" for line in shown)])


def _field_words(key: str) -> str:
    if key.startswith("excerpts."):
        _, n, field_key = key.split(".", 2)
        return f"excerpt {int(n) + 1} {field_key.replace('_', ' ')}"
    return FIELD_WORDS.get(key, key.replace("_", " "))
