"""The edits themselves: each changes the round-trip tree and returns the edit that undoes it.

Events are found by the first with their id (the loader reports duplicates); an edit that would
make another event the first with an id is refused, so every inverse finds what it must undo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from timeline_app.model import edit_tree
from timeline_app.model.edit_ops import (
    Edit,
    EditError,
    InsertEvent,
    InsertExcerpt,
    RemoveEvent,
    RemoveExcerpt,
    SetEventField,
    SetExcerpt,
    SetSource,
    SetTimelineField,
)


class TreeEdits:
    """Applies edits to `tree`; `quote` is the file's usual quote, for text that needs one."""

    def __init__(self, tree: CommentedMap, quote: str, name: Callable[[], str]) -> None:
        self.tree = tree
        self.quote = quote
        self.name = name

    def _node(self, value: Any, old: Any = None) -> Any:
        return edit_tree.to_node(value, old, self.quote)

    def apply(self, edit: Edit) -> Edit:
        """Make one edit; returns the edit that undoes it. Raises `EditError` and changes
        nothing when the edit names an event, excerpt or source that is not there."""
        handlers: dict[type, Callable[[Any], Edit]] = {
            SetEventField: self._set_event_field,
            InsertEvent: self._insert_event,
            RemoveEvent: self._remove_event,
            SetExcerpt: self._set_excerpt,
            InsertExcerpt: self._insert_excerpt,
            RemoveExcerpt: self._remove_excerpt,
            SetSource: self._set_source,
            SetTimelineField: self._set_timeline_field,
        }
        handler = handlers.get(type(edit))
        if handler is None:
            raise TypeError(f"not an edit: {edit!r}")
        return handler(edit)

    def _set_event_field(self, edit: SetEventField) -> Edit:
        index, event = self.event(edit.event_id)
        new_id = edit.event_id
        if edit.key == "id":
            if edit.value is None or not str(edit.value).strip():
                raise EditError(f"event {edit.event_id!r} needs an id; edits name events by it")
            new_id = str(edit.value)
            self._check_id_free(new_id, index)
        at, old = self._set_key(event, edit.key, edit.value, edit.at)
        return SetEventField(new_id, edit.key, old, at)

    def _insert_event(self, edit: InsertEvent) -> Edit:
        events = self.events(create=True)
        if not 0 <= edit.index <= len(events):
            raise EditError(f"cannot insert an event at {edit.index}; there are {len(events)} events")
        event_id = str(edit.data.get("id") or "")
        if not event_id.strip():
            raise EditError("a new event needs an id; edits name events by it")
        self._check_id_free(event_id, edit.index)
        events.insert(edit.index, self._node(edit.data))
        return RemoveEvent(event_id)

    def _remove_event(self, edit: RemoveEvent) -> Edit:
        index, event = self.event(edit.event_id)
        del self.events(create=False)[index]
        return InsertEvent(index, event)

    def _set_excerpt(self, edit: SetExcerpt) -> Edit:
        excerpts = self._excerpts(edit.event_id, edit.index, inserting=False)
        old = excerpts[edit.index]
        excerpts[edit.index] = self._node(edit.data, old)
        return SetExcerpt(edit.event_id, edit.index, old)

    def _insert_excerpt(self, edit: InsertExcerpt) -> Edit:
        _, event = self.event(edit.event_id)
        if "excerpts" not in event and edit.index == 0:  # the first: its key comes too, and goes on undo
            self._set_key(event, "excerpts", [edit.data], None)
            return SetEventField(edit.event_id, "excerpts", None)
        excerpts = self._excerpts(edit.event_id, edit.index, inserting=True)
        excerpts.insert(edit.index, self._node(edit.data))
        return RemoveExcerpt(edit.event_id, edit.index)

    def _remove_excerpt(self, edit: RemoveExcerpt) -> Edit:
        excerpts = self._excerpts(edit.event_id, edit.index, inserting=False)
        if len(excerpts) == 1:  # the last: the `excerpts:` key goes with it, and comes back on undo
            _, event = self.event(edit.event_id)
            at, old = self._set_key(event, "excerpts", None, None)
            return SetEventField(edit.event_id, "excerpts", old, at)
        return InsertExcerpt(edit.event_id, edit.index, excerpts.pop(edit.index))

    def _set_source(self, edit: SetSource) -> Edit:
        sources = self.tree.get("sources")
        if edit.data is None and not (isinstance(sources, CommentedMap) and edit.source_id in sources):
            raise EditError(f"there is no source {edit.source_id!r} in {self.name()}")
        if sources is None:  # the first source: `sources:` comes before the events, and goes on undo
            events_at = list(self.tree).index("events") if "events" in self.tree else None
            self._set_key(self.tree, "sources", {edit.source_id: edit.data}, events_at)
            return SetTimelineField("sources", None)
        if not isinstance(sources, CommentedMap):
            raise EditError("the chronology's 'sources' is not a mapping; fix it in the file first")
        if edit.data is None and len(sources) == 1:  # the last: so goes the `sources:` key
            at, old = self._set_key(self.tree, "sources", None, None)
            return SetTimelineField("sources", old, at)
        at, old = self._set_key(sources, edit.source_id, edit.data, edit.at)
        return SetSource(edit.source_id, old, at)

    def _set_timeline_field(self, edit: SetTimelineField) -> Edit:
        at, old = self._set_key(self.tree, edit.key, edit.value, edit.at)
        return SetTimelineField(edit.key, old, at)

    # -- finding ------------------------------------------------------------------------------

    def events(self, create: bool) -> CommentedSeq:
        events = self.tree.get("events")
        if isinstance(events, CommentedSeq):
            return events
        if events is None and create:
            events = self.tree["events"] = CommentedSeq()
            return events
        if events is None:
            return CommentedSeq()
        raise EditError("the chronology's 'events' is not a list; fix it in the file first")

    def _check_id_free(self, event_id: str, before: int) -> None:
        """Edits find an event by the first with its id: one before `before` would be found instead."""
        for event in self.events(create=False)[:before]:
            if isinstance(event, CommentedMap) and str(event.get("id", "")) == event_id:
                raise EditError(f"the id {event_id!r} is already used by another event; choose another")

    def event(self, event_id: str) -> tuple[int, CommentedMap]:
        for index, event in enumerate(self.events(create=False)):
            if isinstance(event, CommentedMap) and str(event.get("id", "")) == event_id:
                return index, event
        raise EditError(f"there is no event with id {event_id!r} in {self.name()}")

    def _excerpts(self, event_id: str, index: int, inserting: bool) -> CommentedSeq:
        _, event = self.event(event_id)
        excerpts = event.get("excerpts")
        if not isinstance(excerpts, CommentedSeq):
            raise EditError(f"event {event_id!r} has no list of excerpts")
        if not 0 <= index < len(excerpts) + inserting:
            raise EditError(f"event {event_id!r} has {len(excerpts)} excerpt(s); there is no number {index}")
        return excerpts

    def _set_key(self, mapping: CommentedMap, key: str, value: Any, at: int | None) -> tuple[int | None, Any]:
        """Set or (value None) remove `key`; returns where it stood and its old node (None if new)."""
        keys = list(mapping)
        position = keys.index(key) if key in mapping else None
        old = mapping.get(key)
        if value is None:
            if key in mapping:
                del mapping[key]
            return position, old
        node = self._node(value, old)
        if key in mapping:
            mapping[key] = node
        else:
            mapping.insert(len(keys) if at is None else min(at, len(keys)), key, node)
        return position, old
