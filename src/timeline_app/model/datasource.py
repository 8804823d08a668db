"""Two questions a view asks of a timeline of any size, and two ways to answer them.

`counts(lo, hi, bins)`: how many events overlap each of `bins` equal columns of [lo, hi);
`rows(lo, hi, k)`: at most k events overlapping [lo, hi), the first in date order, with their
columns. Times are POSIX seconds (UTC), as on the view's axis; an event covers the instants from
the start of its first day to the end of its last day, [first_day, last_day + 1) days.

`ColumnsSource` answers from a loaded timeline's columns; `DuckDBSource` from a Parquet file of
event columns (`write_events_parquet`) that need not fit in memory, through DuckDB (imported only
then). Both count with the same arithmetic on day numbers, so they give the same answers:

- an event overlaps a column [a, b) when it starts before b and ends after a;
- starts before b: first_day < ceil(b / DAY); ends at or before a: last_day < floor(a / DAY);
- so the count of column j is #(starts before its right edge) - #(ends at or before its left
  edge): two binary searches per column over sorted day numbers (an event that ends before a
  column's left edge also starts before its right edge).

`DuckDBSource` keeps, from one pass at open, how many events start and end on each distinct day:
a count never reads the file again. Its rows are read with filters DuckDB pushes into the
Parquet scan (row groups whose days are out of range are skipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from timeline_app.model.events import Timeline

DAY = 86_400.0


@dataclass
class Rows:
    """Events in date order: `row` is each one's position in the whole timeline."""

    row: np.ndarray  # int64
    ids: list[str]
    titles: list[str]
    categories: list[str]
    first_day: np.ndarray  # int64
    last_day: np.ndarray  # int64

    def __len__(self) -> int:
        return len(self.row)


class DataSource(Protocol):
    def __len__(self) -> int: ...

    def counts(self, lo: float, hi: float, bins: int) -> np.ndarray:
        """Events overlapping each of `bins` equal columns of [lo, hi) (int64)."""

    def rows(self, lo: float, hi: float, k: int) -> Rows:
        """The first `k` events (in date order) that overlap [lo, hi)."""


def _edges(lo: float, hi: float, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Per column, the day before which an event must start, and the day before which it must
    end to lie wholly left of the column."""
    edges = np.linspace(lo, hi, bins + 1)
    start_before = np.ceil(edges[1:] / DAY).astype(np.int64)
    end_before = np.floor(edges[:-1] / DAY).astype(np.int64)
    return start_before, end_before


def _window(lo: float, hi: float) -> tuple[int, int]:
    """Events overlapping [lo, hi) have first_day < start_before and last_day >= end_from."""
    return int(np.ceil(hi / DAY)), int(np.floor(lo / DAY))


class ColumnsSource:
    """Answers from the columns of a loaded timeline (in date order, so `first_day` is sorted)."""

    def __init__(self, timeline: Timeline) -> None:
        columns = timeline.columns
        self._timeline = timeline
        self._first = np.asarray(columns.first_day, np.int64)
        self._last = np.asarray(columns.last_day, np.int64)
        self._last_sorted = np.sort(self._last)
        self._longest = int((self._last - self._first).max()) if len(self._first) else 0

    def __len__(self) -> int:
        return len(self._first)

    def counts(self, lo: float, hi: float, bins: int) -> np.ndarray:
        start_before, end_before = _edges(lo, hi, bins)
        started = np.searchsorted(self._first, start_before, "left")
        ended = np.searchsorted(self._last_sorted, end_before, "left")
        return (started - ended).astype(np.int64)

    def rows(self, lo: float, hi: float, k: int) -> Rows:
        start_before, end_from = _window(lo, hi)
        # rows that may overlap: started before the window ends, and not before its start
        # less the longest event (two binary searches, then a mask over those rows only)
        first = int(np.searchsorted(self._first, end_from - self._longest, "left"))
        stop = int(np.searchsorted(self._first, start_before, "left"))
        candidates = np.arange(first, stop)
        found = candidates[self._last[first:stop] >= end_from][:k]
        columns = self._timeline.columns
        return Rows(
            found.astype(np.int64),
            [columns.ids[i] for i in found.tolist()],
            [columns.titles[i] for i in found.tolist()],
            [columns.categories[c] for c in columns.category[found].tolist()],
            self._first[found],
            self._last[found],
        )


def write_events_parquet(timeline: Timeline, path: Path) -> None:
    """The event columns `DuckDBSource` reads, in date order, with each event's row number."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = timeline.columns
    table = pa.table(
        {
            "row": pa.array(np.arange(len(columns), dtype=np.int64)),
            "id": pa.array(list(columns.ids), pa.string()),
            "title": pa.array(list(columns.titles), pa.string()),
            "category": pa.DictionaryArray.from_arrays(
                pa.array(columns.category, pa.int32()), pa.array(list(columns.categories), pa.string())
            ),
            "first_day": pa.array(columns.first_day, pa.int64()),
            "last_day": pa.array(columns.last_day, pa.int64()),
        }
    )
    pq.write_table(table, path, row_group_size=1 << 20)


class DuckDBSource:
    """Answers from a Parquet file of event columns (`write_events_parquet`: row, id, title,
    category, first_day, last_day, in date order) through DuckDB, without loading it."""

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import duckdb

        self._db: Any = duckdb.connect(":memory:")
        if threads is not None:
            self._db.execute(f"SET threads = {int(threads)}")
        literal = str(path).replace("'", "''")
        self._db.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet('{literal}')")
        found = self._db.execute("SELECT count(*), max(last_day - first_day) FROM events").fetchone()
        assert found is not None  # an aggregate has one row
        self._n, self._longest = int(found[0]), int(found[1] or 0)
        self._first_days, self._first_cum = self._histogram("first_day")
        self._last_days, self._last_cum = self._histogram("last_day")

    def _histogram(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """The distinct days of `column` (sorted) and how many events fall before each."""
        days, counts = (
            self._db.execute(f"SELECT {column}, count(*) FROM events GROUP BY 1 ORDER BY 1")
            .fetchnumpy()
            .values()
        )
        cumulative = np.zeros(len(days) + 1, np.int64)
        np.cumsum(counts, out=cumulative[1:])
        return np.asarray(days, np.int64), cumulative

    def __len__(self) -> int:
        return self._n

    def counts(self, lo: float, hi: float, bins: int) -> np.ndarray:
        start_before, end_before = _edges(lo, hi, bins)
        started: np.ndarray = self._first_cum[np.searchsorted(self._first_days, start_before, "left")]
        ended: np.ndarray = self._last_cum[np.searchsorted(self._last_days, end_before, "left")]
        counted: np.ndarray = started - ended
        return counted

    def rows(self, lo: float, hi: float, k: int) -> Rows:
        start_before, end_from = _window(lo, hi)
        # Events that start before the range and reach into it come first in date order; then
        # those that start in it, of which only the first k matter: the day histogram says
        # which days hold them, so DuckDB reads only the row groups of those days.
        before = self._query(end_from - self._longest, end_from, end_from, k)
        wanted = k - len(before)
        after: list[tuple[Any, ...]] = []
        if wanted > 0:
            at = int(np.searchsorted(self._first_days, end_from, "left"))
            enough = int(np.searchsorted(self._first_cum, self._first_cum[at] + wanted, "left"))
            last_day = self._first_days[min(enough, len(self._first_days)) - 1] if enough > at else end_from
            after = self._query(end_from, min(int(last_day) + 1, start_before), end_from, wanted)
        found = before + after
        return Rows(
            np.array([r[0] for r in found], np.int64),
            [r[1] for r in found],
            [r[2] for r in found],
            [r[3] for r in found],
            np.array([r[4] for r in found], np.int64),
            np.array([r[5] for r in found], np.int64),
        )

    def _query(self, first_from: int, first_before: int, last_from: int, k: int) -> list[tuple[Any, ...]]:
        """The first k events (by row) with first_from <= first_day < first_before and
        last_day >= last_from."""
        if first_before <= first_from or k <= 0:
            return []
        found: list[tuple[Any, ...]] = self._db.execute(
            "SELECT row, id, title, CAST(category AS VARCHAR), first_day, last_day FROM events "
            "WHERE first_day >= ? AND first_day < ? AND last_day >= ? ORDER BY row LIMIT ?",
            [first_from, first_before, last_from, int(k)],
        ).fetchall()
        return found
