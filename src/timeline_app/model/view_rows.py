"""The events a view of a table too large to hold draws one by one, asked of DuckDB.

The loaded view (`scene.aggregation.detailed`) draws the events with an end in view (markers in
view, spans that start in it, spans that started before it and end in it) when no more than a
picture's capacity are; then the spans running through the whole view too when they also fit,
else it counts them ("+N spans"). `detail` asks the same of a `DuckDBSource`, with the same
float comparisons on the same positions (a span's start and end, another event's middle), so
a small timeline made of its rows lays out as the loaded one does.

Every condition is also bounded by day numbers DuckDB can push into the Parquet scan (the file
is in date order, so row groups out of range are skipped): an event that reaches into the view
started at most `longest` days before it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from timeline_app.model.datasource import DuckDBSource, Rows, rows_of
from timeline_app.model.marker_index import DAY

_STARTING = (  # markers in view: points by their middle, spans by their start
    "first_day >= ? AND first_day <= ? AND CASE WHEN is_span "
    "THEN first_day * 86400.0 BETWEEN ? AND ? "
    "ELSE (first_day + last_day + 1) * 43200.0 BETWEEN ? AND ? END"
)
_ENDING = (  # spans that started before the view and end in it
    "first_day >= ? AND first_day <= ? AND is_span "
    "AND first_day * 86400.0 < ? AND (last_day + 1) * 86400.0 BETWEEN ? AND ?"
)
_THROUGH = (
    "first_day >= ? AND first_day <= ? AND is_span "
    "AND first_day * 86400.0 < ? AND (last_day + 1) * 86400.0 > ?"
)


@dataclass(frozen=True)
class Detail:
    """The rows to draw (in date order) and how many spans run through the view undrawn."""

    rows: Rows
    through: int


def detail(source: DuckDBSource, lo: float, hi: float, capacity: int) -> Detail | None:
    """What a view of [lo, hi] with room for `capacity` events draws one by one; None: more
    than that are near, so it draws the density strip."""
    if source.markers.count(lo, hi) > capacity:
        return None
    first_day, last_start = math.floor(lo / DAY), math.ceil(hi / DAY) + 1
    first_from = first_day - source.longest - 1
    # two queries, so that only spans' ends are looked for as far back as the longest span
    bounds = [first_day - source.longest_point - 1, last_start]
    starting = source.select(_STARTING, [*bounds, lo, hi, lo, hi], capacity + 1)
    if len(starting) > capacity:
        return None
    ending = source.select(_ENDING, [first_from, first_day, lo, lo, hi], capacity + 1 - len(starting))
    near = merged(rows_of(starting), rows_of(ending))
    if len(near) > capacity:
        return None
    x0 = near.first_day * DAY
    x1 = (near.last_day + 1) * DAY
    assert near.is_span is not None
    inside = int(np.count_nonzero(near.is_span & (x0 >= lo) & (x1 <= hi)))
    through = source.markers.through_count(lo, hi, inside)
    if through == 0 or len(near) + through > capacity:
        return Detail(near, through)
    running = rows_of(source.select(_THROUGH, [first_from, last_start, lo, hi], through))
    return Detail(merged(near, running), 0)


def merged(a: Rows, b: Rows) -> Rows:
    """The rows of both, in date order."""
    order = np.argsort(np.concatenate([a.row, b.row]), kind="stable")
    pick = order.tolist()

    def texts(x: list[str], y: list[str]) -> list[str]:
        both = x + y
        return [both[i] for i in pick]

    def column(x: np.ndarray | None, y: np.ndarray | None) -> np.ndarray | None:
        return None if x is None or y is None else np.concatenate([x, y])[order]

    return Rows(
        np.concatenate([a.row, b.row])[order],
        texts(a.ids, b.ids),
        texts(a.titles, b.titles),
        texts(a.categories, b.categories),
        np.concatenate([a.first_day, b.first_day])[order],
        np.concatenate([a.last_day, b.last_day])[order],
        column(a.is_span, b.is_span),
        column(a.sources, b.sources),
    )
