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

`DuckDBSource` keeps, from one pass at the first count, how many events start and end on each
distinct day: a count never reads the file again. Its rows are read with filters DuckDB pushes
into the Parquet scan (row groups whose days are out of range are skipped).

The window draws markers, not overlaps (`scene.arrays`): at open `DuckDBSource` also keeps where
the markers are (`marker_index.MarkerIndex`), and `view_rows.detail` asks it for the events a
view draws one by one; `docs/design/datasource.md` says why and what was measured.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from timeline_app.model.events import Timeline
from timeline_app.model.marker_index import DAY, MarkerIndex
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.table_checks import check_types, check_values


@dataclass
class Rows:
    """Events in date order: `row` is each one's position in the whole timeline."""

    row: np.ndarray  # int64
    ids: list[str]
    titles: list[str]
    categories: list[str]
    first_day: np.ndarray  # int64
    last_day: np.ndarray  # int64
    is_span: np.ndarray | None = None  # bool; None: a span is an event of more than one day
    sources: np.ndarray | None = None  # int64 independent sources cited; None: not known

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
            np.asarray(columns.is_span[found], bool),
            np.asarray(columns.independent[found], np.int64),
        )


def write_events_parquet(timeline: Timeline, path: Path, row_group_size: int = 1 << 17) -> None:
    """The event columns `DuckDBSource` reads, in date order, with each event's row number;
    `is_span` and `sources` (independent sources cited) are optional for a reader."""
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
            "is_span": pa.array(columns.is_span, pa.bool_()),
            "sources": pa.array(columns.independent, pa.int32()),
        }
    )
    pq.write_table(table, path, row_group_size=row_group_size)


REQUIRED = ("row", "id", "title", "category", "first_day", "last_day")


def is_event_table(path: Path) -> bool:
    """A Parquet file with the event columns DuckDB reads (only its schema is read): such a
    file opens through `DuckDBSource`, never loaded."""
    if path.suffix.lower() not in (".parquet", ".pq"):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO would block the read for ever; the loader names what it is
        import pyarrow.parquet as pq

        names = set(pq.read_schema(path).names)
    except Exception:  # not Parquet, damaged, unreadable: the ordinary reader says what is wrong
        return False
    return all(name in names for name in REQUIRED)


class DuckDBSource:
    """Answers from a Parquet file of event columns (`write_events_parquet`: row, id, title,
    category, first_day, last_day, in date order; is_span and sources optional) through DuckDB,
    without loading it. A file without those columns is a `LoadError` naming what is missing."""

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import duckdb

        self.path = path
        self._db: Any = duckdb.connect(":memory:")
        if threads is not None:
            self._db.execute(f"SET threads = {int(threads)}")
        self._db.execute("SET enable_object_cache = true")  # the file's metadata, read once
        self._literal = literal = str(path).replace("'", "''")
        try:
            found = self._db.execute(f"DESCRIBE SELECT * FROM read_parquet('{literal}')").fetchall()
        except duckdb.Error as exc:
            raise LoadError([Problem(str(path), 0, 0, f"cannot read it as a Parquet file: {exc}")]) from None
        names = {str(r[0]) for r in found}
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise LoadError([Problem(str(path), 0, 0, _missing_message(missing))])
        check_types(path, {str(r[0]): str(r[1]) for r in found})
        check_values(self._db, literal, path)
        is_span = "is_span" if "is_span" in names else "last_day > first_day AS is_span"
        sources = "sources" if "sources" in names else "0 AS sources"
        self._db.execute(
            "CREATE VIEW events AS SELECT row, id, title, CAST(category AS VARCHAR) AS category, "
            f"first_day, last_day, {is_span}, {sources} FROM read_parquet('{literal}')"
        )
        self._open_markers()
        self._counting: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def _open_markers(self) -> None:
        """One pass over the day columns for where the markers are (the view's strip and its
        "how many in view"), one over the spans for where they end, one over the categories."""
        half_day, is_span, n, longest, first, last = (
            self._db.execute(
                "SELECT CASE WHEN is_span THEN 2 * first_day ELSE first_day + last_day + 1 END, "
                "is_span, count(*), max(last_day - first_day), min(first_day), max(last_day) "
                "FROM events GROUP BY ALL"
            )
            .fetchnumpy()
            .values()
        )
        span_last, span_n = (
            self._db.execute("SELECT last_day, count(*) FROM events WHERE is_span GROUP BY 1")
            .fetchnumpy()
            .values()
        )
        spans = np.asarray(is_span, bool)
        n = np.asarray(n, np.int64)
        self.markers = MarkerIndex.of_days(np.asarray(half_day, np.int64), spans, n, span_last, span_n)
        self._n = int(n.sum())
        longest = np.asarray(longest, np.int64)
        self._longest = int(longest.max(initial=0))
        self.longest_point = int(longest[~spans].max(initial=0))  # days of a point's dates
        # from the start of the first day to the end of the last, as a loaded timeline's extent
        self.extent = (float(np.min(first)) * DAY, float(np.max(last) + 1) * DAY) if len(n) else (0.0, DAY)
        names, counts, _ = (  # the position in the file costs no decoding; `row` took 3x as long
            self._db.execute(
                f"SELECT category, count(*), min(file_row_number) FROM read_parquet('{self._literal}', "
                "file_row_number = true) GROUP BY 1 ORDER BY 3"
            )
            .fetchnumpy()
            .values()
        )
        self.categories = tuple(str(c) for c in names)  # in order of first appearance, as loaded
        self.category_counts = [int(k) for k in counts]

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

    def _counts_by_day(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per-day start and end histograms, made at the first `counts` or `rows` (the window
        draws from the markers and never asks for them)."""
        if self._counting is None:
            self._counting = (*self._histogram("first_day"), *self._histogram("last_day"))
        return self._counting

    def __len__(self) -> int:
        return self._n

    def counts(self, lo: float, hi: float, bins: int) -> np.ndarray:
        first_days, first_cum, last_days, last_cum = self._counts_by_day()
        start_before, end_before = _edges(lo, hi, bins)
        started: np.ndarray = first_cum[np.searchsorted(first_days, start_before, "left")]
        ended: np.ndarray = last_cum[np.searchsorted(last_days, end_before, "left")]
        counted: np.ndarray = started - ended
        return counted

    def rows(self, lo: float, hi: float, k: int) -> Rows:
        first_days, first_cum, _, _ = self._counts_by_day()
        start_before, end_from = _window(lo, hi)
        # Events that start before the range and reach into it come first in date order; then
        # those that start in it, of which only the first k matter: the day histogram says
        # which days hold them, so DuckDB reads only the row groups of those days.
        before = self._query(end_from - self._longest, end_from, end_from, k)
        wanted = k - len(before)
        after: list[tuple[Any, ...]] = []
        if wanted > 0:
            at = int(np.searchsorted(first_days, end_from, "left"))
            enough = int(np.searchsorted(first_cum, first_cum[at] + wanted, "left"))
            last_day = first_days[min(enough, len(first_days)) - 1] if enough > at else end_from
            after = self._query(end_from, min(int(last_day) + 1, start_before), end_from, wanted)
        return rows_of(before + after)

    def _query(self, first_from: int, first_before: int, last_from: int, k: int) -> list[tuple[Any, ...]]:
        """The first k events (by row) with first_from <= first_day < first_before and
        last_day >= last_from."""
        if first_before <= first_from or k <= 0:
            return []
        return self.select(
            "first_day >= ? AND first_day < ? AND last_day >= ?", [first_from, first_before, last_from], k
        )

    def select(self, where: str, params: list[Any], k: int) -> list[tuple[Any, ...]]:
        """The first k rows (in date order) that satisfy `where`, in `rows_of`'s column order.

        Two queries: the row numbers, from the day columns alone, then the text of those rows
        only. In one, DuckDB decoded every title of each row group the filter touched (a third
        of a second a view at 10^6 rows, in one group)."""
        found = self._db.execute(
            f"SELECT row FROM events WHERE {where} ORDER BY row LIMIT ?", [*params, int(k)]
        ).fetchnumpy()["row"]
        if not len(found):
            return []
        wanted = [int(r) for r in found]
        rows: list[tuple[Any, ...]] = self._db.execute(
            f"SELECT {ROW_COLUMNS} FROM events WHERE row BETWEEN ? AND ? "
            "AND row IN (SELECT unnest(?::BIGINT[])) ORDER BY row",
            [wanted[0], wanted[-1], wanted],
        ).fetchall()
        return rows

    @property
    def longest(self) -> int:
        """Days between the first and last day of the longest event."""
        return self._longest


ROW_COLUMNS = "row, id, title, category, first_day, last_day, is_span, sources"


def rows_of(found: list[tuple[Any, ...]]) -> Rows:
    """`Rows` from query results in `ROW_COLUMNS` order."""
    return Rows(
        np.array([r[0] for r in found], np.int64),
        [r[1] for r in found],
        [r[2] for r in found],
        [r[3] for r in found],
        np.array([r[4] for r in found], np.int64),
        np.array([r[5] for r in found], np.int64),
        np.array([bool(r[6]) for r in found], bool),
        np.array([r[7] or 0 for r in found], np.int64),
    )


def _missing_message(missing: list[str]) -> str:
    return (
        f"it is not a table of event columns: it has no {', '.join(repr(m) for m in missing)} column. "
        "A table too large to load is opened through DuckDB from the columns "
        f"{', '.join(REQUIRED)} (day numbers since 1970-01-01), in date order"
    )
