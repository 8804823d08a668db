"""A timeline with no events, for a new chronology before its first event.

A file must hold at least one event (the loader says so), but a chronology being made starts
with none. Its columns are those of a one-event timeline cut to zero rows, so they stay the
columns the loader makes, whatever fields it gains.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from timeline_app.model.events import Timeline
from timeline_app.model.loader import load_text

NEW_TITLE = "Untitled"  # a chronology never saved
_ONE = "events:\n  - {id: a, title: a, date: '2000', category: a}\n"


def _cut(value: Any) -> Any:
    if value is None:  # an optional column no event uses (links)
        return None
    if isinstance(value, dict):
        return {key: _cut(item) for key, item in value.items()}
    if isinstance(value, tuple) and not isinstance(value, np.ndarray):
        return ()
    return value[:0]


def empty_timeline(title: str) -> Timeline:
    columns = load_text(_ONE).columns
    empty = dataclasses.replace(
        columns, **{f.name: _cut(getattr(columns, f.name)) for f in dataclasses.fields(columns)}
    )
    return Timeline(title, empty)
