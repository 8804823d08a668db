"""Read a YAML timeline's nodes into the raw table every format produces.

Only YAML's own concerns are here: the shape of the document (mappings, lists), unknown and
duplicate keys, value types (a number or true/false where text is needed), tags and aliases.
What the values mean is checked by `model/build.py`, the same way for every format.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import yaml

from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.raw import Place, Problems, RawExcerpt, RawLink, RawSource, RawTable
from timeline_app.model.schema import (
    EVENT_FIELDS,
    EVENT_FILE_KEYS,
    EXCERPT_FIELDS,
    EXCERPT_KEYS,
    LINK_FIELDS,
    LINK_KEYS,
    SOURCE_FIELDS,
    SOURCE_KEYS,
    TIMELINE_FIELDS,
    TOP_KEYS,
    Field,
    event_name,
)
from timeline_app.model.yaml_nodes import NodeReader, compose

Entries = dict[str, tuple[yaml.Node, yaml.Node]]
_NULL = "tag:yaml.org,2002:null"


def _where(node: yaml.Node) -> Place:
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class YamlPlaces:
    """Nodes kept while the table is built, so a problem can name its line and column."""

    events: list[tuple[yaml.Node, Entries]] = field(default_factory=list)
    excerpts: list[list[tuple[yaml.Node, Entries]]] = field(default_factory=list)
    sources: list[tuple[yaml.Node, yaml.Node, Entries]] = field(default_factory=list)
    top: Entries = field(default_factory=dict)
    links: dict[int, list[tuple[yaml.Node, Entries]]] = field(default_factory=dict)

    def event(self, row: int) -> Place:
        return _where(self.events[row][0])

    def field(self, row: int, key: str) -> Place:
        node, entries = self.events[row]
        found = entries.get(key) or (entries.get("date") if key in ("start", "end") else None)
        return _where(found[1] if found else node)

    def excerpt(self, row: int, index: int, key: str) -> Place:
        if index >= len(self.excerpts[row]):
            return self.field(row, "excerpts")
        node, entries = self.excerpts[row][index]
        return _where(entries[key][1] if key in entries else node)

    def link(self, row: int, index: int, key: str) -> Place:
        found = self.links.get(row, [])
        if index >= len(found):
            return self.field(row, "links")
        node, entries = found[index]
        return _where(entries[key][1] if key in entries else node)

    def source(self, index: int, key: str) -> Place:
        key_node, value_node, entries = self.sources[index]
        if not key:
            return _where(key_node)
        return _where(entries[key][1] if key in entries else value_node)

    def lines(self) -> np.ndarray:
        return np.fromiter((node.start_mark.line + 1 for node, _ in self.events), np.int64, len(self.events))

    def top_level(self, key: str) -> Place:
        return _where(self.top[key][1]) if key in self.top else (1, 1)


def unknown_keys(reader: NodeReader, entries: Entries, allowed: Sequence[str], what: str) -> None:
    for key, (key_node, _) in entries.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            reader.report(key_node, f"unknown key {key!r} in {what}; {hint}")


class _Walk:
    """One pass over the document's nodes, filling the columns."""

    def __init__(self, file: str) -> None:
        self.problems = Problems(file)
        self.reader = NodeReader(file, self.problems.items)
        self.places = YamlPlaces()
        self.columns: dict[str, list[str]] = {spec.key: [] for spec in EVENT_FIELDS}
        self.excerpts: list[tuple[RawExcerpt, ...]] = []
        self.links: list[tuple[RawLink, ...]] = []
        self.given: set[str] = set()

    def value(self, entries: Entries, key: str, what: str, spec: Field, cell: tuple[object, ...]) -> str:
        """The text of `key`, "" if absent; a wrongly typed value is reported, once."""
        if key not in entries:
            return ""
        text = self.reader.value(entries[key][1], what, spec)
        if text is None:
            self.problems.cells.add(cell)
            return ""
        return text

    def sources(self, node: yaml.Node) -> list[RawSource] | None:
        entries = self.reader.mapping(node, "'sources'")
        found: list[RawSource] = []
        for source_id, (key_node, value_node) in (entries or {}).items():
            what = f"source {source_id!r}"
            index = len(found)
            fields = self.reader.mapping(value_node, what)
            self.places.sources.append((key_node, value_node, fields or {}))
            if fields is None:  # reported; it stays defined, so citing it is no further problem
                self.problems.cells.add(("source", index, "title"))
                found.append(RawSource(source_id, {}))
                continue
            unknown_keys(self.reader, fields, SOURCE_KEYS, what)
            values = {
                spec.key: self.value(
                    fields, spec.key, f"'{spec.key}' of {what}", spec, ("source", index, spec.key)
                )
                for spec in SOURCE_FIELDS
                if spec.key in fields
            }
            found.append(RawSource(source_id, values))
        return found or None

    def events(self, node: yaml.Node) -> None:
        items = self.reader.sequence(node, "'events'")
        if items is not None and not items:
            self.reader.report(node, "'events' is empty; add at least one event")
        for item in items or ():
            entries = self.reader.mapping(item, "an event")
            if entries is not None:
                self.event(item, entries)

    def event(self, node: yaml.Node, entries: Entries) -> None:
        row = len(self.places.events)
        self.places.events.append((node, entries))
        id_node = entries.get("id")
        name = id_node[1].value if id_node and isinstance(id_node[1], yaml.ScalarNode) else ""
        what = event_name(name if isinstance(name, str) else "", _where(node)[0])
        unknown_keys(self.reader, entries, EVENT_FILE_KEYS, what)
        if "date" in entries:
            if "start" in entries or "end" in entries:
                self.reader.report(
                    entries["date"][0],
                    f"{what} has both 'date' and 'start'/"
                    "'end'; use 'date' for one date or 'start' and 'end' for a span",
                )
                self.problems.cells.update((("event", row, "start"), ("event", row, "end")))
            else:
                entries = {**entries, "start": entries["date"]}
        for spec in EVENT_FIELDS:
            key = spec.key
            if key in entries:
                self.given.add(key)
            written = "date" if key == "start" and entries.get("date") is entries.get(key) else key
            self.columns[key].append(
                self.value(entries, key, f"'{written}' of {what}", spec, ("event", row, key))
            )
        self.places.excerpts.append([])
        self.excerpts.append(self.items(entries, "excerpts", row, what))
        self.links.append(self.items(entries, "links", row, what))

    def items(self, entries: Entries, key: str, row: int, what: str) -> tuple[tuple[str, ...], ...]:
        """The texts of an event's excerpts or links, one tuple per item in schema order."""
        given = entries.get(key)
        if given is None or (isinstance(given[1], yaml.ScalarNode) and given[1].tag == _NULL):
            return ()  # none, or an empty 'excerpts:'
        specs, keys = (EXCERPT_FIELDS, EXCERPT_KEYS) if key == "excerpts" else (LINK_FIELDS, LINK_KEYS)
        name, cell = ("an excerpt", "excerpt") if key == "excerpts" else ("a link", "link")
        places = self.places.excerpts[row] if key == "excerpts" else self.places.links.setdefault(row, [])
        found: list[tuple[str, ...]] = []
        for item in self.reader.sequence(given[1], f"the {key} of {what}") or ():
            fields = self.reader.mapping(item, f"{name} of {what}")
            if fields is None:
                continue
            unknown_keys(self.reader, fields, keys, f"{name} of {what}")
            k = len(found)
            places.append((item, fields))
            found.append(
                tuple(
                    self.value(
                        fields, spec.key, f"'{spec.key}' of {name} of {what}", spec, (cell, row, k, spec.key)
                    )
                    for spec in specs
                )
            )
        return tuple(found)


def read_yaml(text: str, file: str, default_title: str = "Timeline") -> RawTable:
    """The raw table of a YAML timeline; syntax and shape problems raise `LoadError`."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise LoadError(
            [Problem(file, line, 1, "the file holds a NUL byte: it is binary data, not a YAML timeline")]
        )
    root, problems = compose(text, file)
    if problems:
        raise LoadError(problems)
    if root is None:
        raise LoadError(
            [Problem(file, 1, 1, "the file is empty; a timeline needs 'events:' (and usually 'sources:')")]
        )
    walk = _Walk(file)
    entries = walk.reader.mapping(root, "the file")
    if entries is None:
        raise LoadError(walk.problems.items)
    unknown_keys(walk.reader, entries, TOP_KEYS, "the file")
    walk.places.top = entries
    title, description = (
        walk.value(entries, spec.key, f"the timeline's '{spec.key}'", spec, ("top", spec.key))
        for spec in TIMELINE_FIELDS
    )
    sources = walk.sources(entries["sources"][1]) if "sources" in entries else None
    if "events" not in entries:
        walk.reader.report(root, "the file has no 'events:' list; add one with at least one event")
        raise LoadError(walk.problems.items)
    walk.events(entries["events"][1])
    return RawTable(
        file,
        title or default_title,
        description,
        dict(walk.columns),
        walk.excerpts,
        sources,
        walk.places,
        walk.problems,
        given=frozenset(walk.given),
        links=walk.links if any(walk.links) else None,
    )
