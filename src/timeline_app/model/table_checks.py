"""What a table of event columns must hold before DuckDB answers from it.

The view's arithmetic takes whole day numbers: a text or fractional day would stop a query with
DuckDB's own error, a missing day would silently leave its event out of every view, and a day
beyond the years a timeline allows would overflow the half-day index. One pass over the day
columns at open finds each of these, with the first row (counted from 1) where it stands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from timeline_app.model.partial_date import MAX_YEAR
from timeline_app.model.problems import LoadError, Problem

DAY_COLUMNS = ("row", "first_day", "last_day")
_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
MAX_DAYS = MAX_YEAR * 366  # days either way of 1970-01-01, as far as a date may go
_FIX = "day numbers are whole days since 1970-01-01 (integers), one row per event, in date order"


def check_types(path: Path, types: dict[str, str]) -> None:
    """Day and row columns of a whole-number type."""
    problems = [
        Problem(str(path), 0, 0, f"column {name!r} holds {types[name]}; {_FIX}")
        for name in DAY_COLUMNS
        if types.get(name, "").upper() not in _INTEGERS
    ]
    if problems:
        raise LoadError(problems)


def check_values(db: Any, literal: str, path: Path) -> None:
    """Rows with no day, no row number or no id; an end before its start; days out of range;
    an empty table. What the file's statistics show to be clean (no nulls; every row group's
    least and greatest day in range) is not scanned for: decoding the ids of 10^8 rows took 3 s.
    Anything they do not clear is scanned, so a problem is named with its first row."""
    clean = _clean_by_statistics(path)
    in_range = f"BETWEEN {-MAX_DAYS} AND {MAX_DAYS}"
    checks = {"ends before it starts (last_day < first_day)": "last_day < first_day"}
    if "nulls" not in clean:
        checks["has no row, id, first_day or last_day (every event needs each)"] = (
            "row IS NULL OR id IS NULL OR first_day IS NULL OR last_day IS NULL"
        )
    if "range" not in clean:
        checks[f"has a day beyond {MAX_YEAR:,} years either way"] = (
            f"NOT (first_day {in_range} AND last_day {in_range})"
        )
    columns = ", ".join(f"min(file_row_number) FILTER (WHERE {where})" for where in checks.values())
    found = db.execute(
        f"SELECT count(*), {columns} FROM read_parquet('{literal}', file_row_number = true)"
    ).fetchone()
    if not found[0]:
        raise LoadError([Problem(str(path), 0, 0, f"the table has no rows; {_FIX}")])
    problems = [
        Problem(str(path), 0, 0, f"row {int(first) + 1} {what}; {_FIX}")
        for what, first in zip(checks, found[1:], strict=True)
        if first is not None
    ]
    if problems:
        raise LoadError(problems)


def _clean_by_statistics(path: Path) -> set[str]:
    """'nulls' if every row group's statistics count no null in row, id and the days; 'range'
    if their least and greatest days are in range. Nothing where statistics are missing."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    wanted = [names.index(name) for name in ("row", "id", "first_day", "last_day")]
    stats = [[meta.row_group(g).column(i).statistics for i in wanted] for g in range(meta.num_row_groups)]
    every = [s for group in stats for s in group]
    clean: set[str] = set()
    if every and all(s is not None and s.has_null_count and not s.null_count for s in every):
        clean.add("nulls")
    days = [s for group in stats for s in group[2:]]
    known = days and all(s is not None and s.has_min_max for s in days)
    if known and all(-MAX_DAYS <= s.min <= MAX_DAYS and -MAX_DAYS <= s.max <= MAX_DAYS for s in days):
        clean.add("range")
    return clean
