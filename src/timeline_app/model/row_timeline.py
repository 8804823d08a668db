"""A small `Timeline` of the rows a data source answered: what a view of a table too large to
hold draws one by one, laid out and painted by the same code as any timeline.

The rows carry what a table of event columns has (id, title, category, first and last day,
whether it is a span, how many independent sources); the rest is what a file that says nothing
more would give: dates known to the day, nothing approximate, no excerpts, status "happened".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from timeline_app.model.columns import PRECISIONS, EventColumns, ExcerptColumns
from timeline_app.model.datasource import Rows
from timeline_app.model.events import Timeline
from timeline_app.model.partial_date import Precision
from timeline_app.model.schema import PLAIN_FLAGS, PLAIN_TEXT

_DAY = PRECISIONS.index(Precision.DAY)


def day_texts(days: np.ndarray) -> list[str]:
    """ISO dates ("2013-12-01") of day numbers since 1970-01-01."""
    return [str(d) for d in np.datetime_as_string(np.asarray(days, np.int64).astype("datetime64[D]"))]


def row_timeline(rows: Rows, categories: Sequence[str], title: str) -> Timeline:
    """The rows as a timeline whose categories are `categories` (the whole table's, so every
    answer colours a category alike); a category not among them is added at the end."""
    n = len(rows)
    names = list(categories)
    code = {name: k for k, name in enumerate(names)}
    for name in rows.categories:
        if name not in code:
            code[name] = len(names)
            names.append(name)
    is_span = rows.is_span if rows.is_span is not None else rows.last_day > rows.first_day
    sources = rows.sources if rows.sources is not None else np.zeros(n, np.int64)
    starts = day_texts(rows.first_day)
    ends = day_texts(rows.last_day)
    columns = EventColumns(
        ids=list(rows.ids),
        titles=list(rows.titles),
        category=np.array([code[c] for c in rows.categories], np.int32),
        categories=tuple(names),
        first_day=np.asarray(rows.first_day, np.int64),
        last_day=np.asarray(rows.last_day, np.int64),
        is_span=np.asarray(is_span, bool),
        precision=np.full(n, _DAY, np.int8),
        approximate=np.zeros(n, bool),
        marks=np.zeros(n, np.int8),
        n_sources=np.asarray(sources, np.int32),
        independent=np.asarray(sources, np.int32),
        conflict=np.zeros(n, bool),
        starts=starts,
        ends=[end if span else "" for end, span in zip(ends, np.asarray(is_span).tolist(), strict=True)],
        excerpts=ExcerptColumns.empty(n),
        lines=np.zeros(n, np.int64),
        texts={key: [""] * n for key in PLAIN_TEXT},
        flags={key: np.zeros(n, bool) for key in PLAIN_FLAGS},
        status=["happened"] * n,
    )
    return Timeline(title, columns)
