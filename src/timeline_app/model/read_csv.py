"""Read a CSV table of events (and its `<stem>.sources.csv` sidecar) into the raw table.

Events: a header naming the columns (`id,title,start,category` required; `end`, `summary`,
`inferred`, `approximate`, `date_note`, and the excerpt columns `source`, `quote`, `claims_date`
optional), one event a row. Rows that repeat the id of the row above and carry an excerpt add
that excerpt to the same event; their other columns must be empty or equal to the first row's.
Sources: the sidecar's header names `id,title` and any of `author,publisher,published,
published_inferred,published_note,url,file`, one source a row.

Work is per column: a file without quotes is split by `str.split` (3x faster than the csv
module); row lines are only walked when the csv module is needed anyway.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from timeline_app.model.column_checks import as_list, blank_mask, has_blank, same_as_previous
from timeline_app.model.columns import CodedText, take
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.raw import (
    Place,
    Problems,
    RawExcerpt,
    RawExcerptColumns,
    RawLink,
    RawSource,
    RawTable,
)
from timeline_app.model.schema import EVENT_FIELDS, EVENT_KEYS, EXCERPT_KEYS, LINK_KEYS, SOURCE_FIELDS

REQUIRED = tuple(f.key for f in EVENT_FIELDS if f.required)
LINK_COLUMNS = ("event", *LINK_KEYS)  # the `<stem>.links.csv` sidecar: one link a row
COLUMNS = (*EVENT_KEYS, *EXCERPT_KEYS)
SOURCE_REQUIRED = ("id", *(f.key for f in SOURCE_FIELDS if f.required))
SOURCE_COLUMNS = ("id", *(f.key for f in SOURCE_FIELDS))


@dataclass
class Table:
    """A CSV file as columns, with the line each data row starts on."""

    file: str
    header: list[str]
    columns: dict[str, Sequence[str]]
    lines: np.ndarray  # int64, one per row
    longest: int | None = None  # no field is longer than this (the longest line)

    def __len__(self) -> int:
        return len(self.lines)

    def place(self, row: int, key: str) -> Place:
        column = self.header.index(key) + 1 if key in self.header else 1
        return int(self.lines[row]) if row < len(self.lines) else 0, column


_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where `str.splitlines` also splits


def _split_lines(text: str) -> list[str]:
    """Lines as the csv module and spreadsheets see them: \\r\\n, \\r or \\n end a line, nothing
    else does. `str.splitlines` is the fastest split (0.12 s for 10^6 lines; `split("\\r\\n")`
    0.17 s) when the text holds none of the other characters it splits at (15 ms to check)."""
    if not any(ch in text for ch in _OTHER_BREAKS):
        lines = text.splitlines()
    else:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def read_table(text: str, file: str, required: Sequence[str], known: Sequence[str], what: str) -> Table:
    """Header and columns of a CSV text; the header is checked against `known` columns."""
    lines = _split_lines(text)
    if not lines:
        raise LoadError(
            [Problem(file, 1, 1, f"the file is empty; the first line must be the header {','.join(known)}")]
        )
    if '"' not in text:
        header = [h.strip().lower() for h in lines[0].split(",")]
        check_header(header, file, required, known, what)
        commas = len(header) - 1
        if set(map(str.count, lines[1:], repeat(","))) <= {commas}:
            longest = max(map(len, lines))
            return Table(
                file,
                header,
                _split_columns(lines, header),
                np.arange(2, len(lines) + 1, dtype=np.int64),
                longest,
            )
    header, rows, starts, problems = _csv_rows(text, file)
    check_header(header, file, required, known, what)
    problems.raise_if_any()
    columns: dict[str, Sequence[str]] = {name: [] for name in header}
    columns.update(zip(header, map(list, zip(*rows, strict=True)), strict=False))
    return Table(file, header, columns, np.array(starts, np.int64))


_CHUNK = 100_000  # rows split at a time


def _split_columns(lines: list[str], header: list[str]) -> dict[str, Sequence[str]]:
    """The columns of comma-only lines, split a chunk of rows at a time.

    Equal values share one string (`dict.setdefault` through C-level `map`): split whole, a
    million rows of 5 short fields made 5 million strings, 260 MB for a 19 MB file, where a
    repeated category, date or flag needs one.
    """
    width = len(header)
    columns: list[list[str]] = [[] for _ in header]
    shared: list[dict[str, str]] = [{} for _ in header]
    for at in range(1, len(lines), _CHUNK):
        flat = ",".join(lines[at : at + _CHUNK]).split(",")
        for i, (column, seen) in enumerate(zip(columns, shared, strict=True)):
            values = flat[i::width]
            column.extend(map(seen.setdefault, values, values))
    return dict(zip(header, columns, strict=True))


def _csv_rows(text: str, file: str) -> tuple[list[str], list[list[str]], list[int], Problems]:
    """Header, rows and the line each row starts on, through the csv module.

    Its field limit (128 KiB, process-wide) is lifted to the text's length for this call and
    put back after: a long field is then measured by the builder, which says how long it is
    and where, instead of "field larger than field limit".
    """
    # strict: a quote still open at the end of the file is an error, not a value to the end
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    problems = Problems(file)
    line = 1
    try:
        header = [h.strip().lower() for h in next(reader)]
        width = len(header)
        line = reader.line_num + 1
        for fields in reader:
            if len(fields) == width:
                rows.append(fields)
                starts.append(line)
            elif fields:
                message = f"this row has {len(fields)} fields, the header {width}"
                problems.add((line, 1), message + "; quote fields that contain commas")
                rows.clear()  # no table will be made: a million bad rows are not kept
                starts.clear()
            line = reader.line_num + 1
    except csv.Error as exc:
        if str(exc) == "unexpected end of data":  # the file ended inside a quoted value
            message = (
                f"a quoted value in the row on line {line} is never closed, so it ran to the end "
                'of the file; add the closing double quote (")'
            )
            raise LoadError([Problem(file, line, 1, message)]) from None
        raise LoadError([Problem(file, reader.line_num, 1, f"CSV error: {exc}")]) from None
    finally:
        csv.field_size_limit(limit)
    return header, rows, starts, problems


def check_header(
    header: list[str], file: str, required: Sequence[str], known: Sequence[str], what: str
) -> None:
    problems = [
        Problem(file, 1, 1, f"the header has no {c!r} column ({what} need one)")
        for c in required
        if c not in header
    ]
    for i, name in enumerate(header):
        if name not in known:
            problems.append(Problem(file, 1, i + 1, f"unknown column {name!r}; known: {', '.join(known)}"))
        elif name in header[:i]:
            problems.append(Problem(file, 1, i + 1, f"the column {name!r} appears twice; keep one of them"))
    if "source" in header and "quote" not in header:
        problems.append(
            Problem(
                file,
                1,
                header.index("source") + 1,
                "the header has a 'source' column but no 'quote' column; an "
                "excerpt is a passage quoted from its source",
            )
        )
    if problems:
        raise LoadError(problems)


@dataclass
class CsvPlaces:
    events: Table
    heads: np.ndarray  # event row -> file row where it starts
    excerpt_rows: dict[int, list[int]]  # event row -> file row of each excerpt, where grouped
    sources: Table | None
    links: Table | None = None
    link_rows: dict[int, list[int]] | None = None  # event row -> rows of the links file

    def event(self, row: int) -> Place:
        return int(self.events.lines[self.heads[row]]), 1

    def field(self, row: int, key: str) -> Place:
        return self.events.place(int(self.heads[row]), key)

    def excerpt(self, row: int, index: int, key: str) -> Place:
        rows = self.excerpt_rows.get(row)
        file_row = rows[index] if rows else int(self.heads[row])
        return self.events.place(file_row, key or "source")

    def source(self, index: int, key: str) -> Place:
        return self.sources.place(index, key or "id") if self.sources else (0, 0)

    def link(self, row: int, index: int, key: str) -> Place:
        if self.links is None or not self.link_rows:
            return 0, 0
        return self.links.place(self.link_rows[row][index], key or "event")

    def lines(self) -> np.ndarray:
        lines: np.ndarray = self.events.lines[self.heads]
        return lines

    def top_level(self, key: str) -> Place:
        return 1, 1


def _excerpts(columns: dict[str, Sequence[str]], n: int) -> RawExcerptColumns:
    """One excerpt per row that gives any excerpt column (a source, a quote, a claimed date),
    kept as columns: a tuple per row took 0.5 s and 150 MB for 10^6 rows."""
    if "quote" not in columns:
        return RawExcerptColumns(np.zeros(n + 1, np.int64), tuple([] for _ in EXCERPT_KEYS))
    given = [columns[key] for key in EXCERPT_KEYS if key in columns]
    if any(not has_blank(column) for column in given):  # every row has one: the columns as they are
        present = None
    else:
        present = np.zeros(n, bool)
        for column in given:
            present |= ~blank_mask(column)
    if present is None or present.all():
        offsets = np.arange(n + 1, dtype=np.int64)
        return RawExcerptColumns(
            offsets, tuple(columns.get(key) or CodedText.repeat("", n) for key in EXCERPT_KEYS)
        )
    offsets = np.zeros(n + 1, np.int64)
    np.cumsum(present, out=offsets[1:])
    rows = np.flatnonzero(present)
    picked = tuple(
        take(columns[key], rows) if key in columns else CodedText.repeat("", len(rows))
        for key in EXCERPT_KEYS
    )
    return RawExcerptColumns(offsets, picked)


def _group(
    table: Table, excerpts: Sequence[tuple[RawExcerpt, ...]]
) -> tuple[np.ndarray, Sequence[tuple[RawExcerpt, ...]], dict[int, list[int]]]:
    """Rows that repeat the id above, carry an excerpt and leave the other columns empty (or
    equal) join the event above; any other row is an event of its own (so a row that repeats
    an id with another title is reported as a duplicate id)."""
    ids = table.columns["id"]
    n = len(table)
    if "quote" not in table.columns or n < 2:
        return np.arange(n), excerpts, {}
    same = same_as_previous(ids).tolist()
    if not any(same):
        return np.arange(n), excerpts, {}
    if isinstance(excerpts, RawExcerptColumns):  # walked row by row below
        excerpts = RawExcerptColumns(excerpts.offsets, tuple(map(as_list, excerpts.columns)))
    heads: list[int] = []
    grouped: list[tuple[RawExcerpt, ...]] = []
    rows_of: dict[int, list[int]] = {}
    columns = [as_list(table.columns[key]) for key in table.header if key in EVENT_KEYS and key != "id"]
    for row in range(n):
        head = heads[-1] if heads else 0
        if not (
            row and same[row - 1] and excerpts[row] and all(not c[row] or c[row] == c[head] for c in columns)
        ):
            heads.append(row)
            grouped.append(excerpts[row])
            continue
        event = len(heads) - 1
        if event not in rows_of:
            rows_of[event] = [head] if grouped[event] else []
        rows_of[event].append(row)
        grouped[event] = grouped[event] + excerpts[row]
    return np.array(heads, np.int64), grouped, rows_of


def read_links(
    text: str, file: str, ids: Sequence[str], problems: Problems
) -> tuple[Table, list[tuple[RawLink, ...]] | None, dict[int, list[int]]]:
    """The links sidecar: each row is a link of the event its `event` column names."""
    table = read_table(text, file, ("event", "type", "to"), LINK_COLUMNS, "links")
    row_of = {event_id: row for row, event_id in enumerate(ids)}
    empty = CodedText.repeat("", len(table))
    rows_of: dict[int, list[int]] = {}
    found: list[list[RawLink]] = [[] for _ in ids]
    values = zip(*(table.columns.get(key, empty) for key in LINK_COLUMNS), strict=True)
    for file_row, (event_id, *link) in enumerate(values):
        row = row_of.get(event_id)
        if row is None:
            problems.add(
                table.place(file_row, "event"),
                f"this link belongs to event {event_id!r}, which is not in the events file; "
                "give the id of the event the link starts from",
                file=file,
            )
            continue
        rows_of.setdefault(row, []).append(file_row)
        found[row].append(tuple(link))
    links = [tuple(items) for items in found]
    return table, links if any(links) else None, rows_of


def read_csv(
    text: str,
    file: str,
    title: str,
    sources_text: str | None = None,
    sources_file: str = "",
    links_text: str | None = None,
    links_file: str = "",
) -> RawTable:
    table = read_table(text, file, REQUIRED, COLUMNS, "events")
    sources_table = None
    if sources_text is not None:
        sources_table = read_table(sources_text, sources_file, SOURCE_REQUIRED, SOURCE_COLUMNS, "sources")
    return raw_from_tables(
        table, title, sources_table, sources_file, links_text=links_text, links_file=links_file
    )


def raw_from_tables(
    table: Table,
    title: str,
    sources_table: Table | None,
    sources_file: str = "",
    problems: Problems | None = None,
    places: type[CsvPlaces] | None = None,
    links_text: str | None = None,
    links_file: str = "",
) -> RawTable:
    """The raw table of an events table and its sources table, however they were read (the
    csv module, or a columnar reader: Parquet, Feather, a large CSV through pyarrow)."""
    file = table.file
    n = len(table)
    heads, excerpts, excerpt_rows = _group(table, _excerpts(table.columns, n))
    columns: dict[str, Sequence[str]] = {}
    for key in EVENT_KEYS:
        column = table.columns.get(key)
        if column is None:
            columns[key] = CodedText.repeat("", len(heads))
        elif len(heads) < n:
            columns[key] = take(column, heads)
        else:
            columns[key] = column
    sources: list[RawSource] | None = None
    if sources_table is not None:
        keys = [k for k in sources_table.header if k != "id"]
        sources = [
            RawSource(values[0], dict(zip(keys, values[1:], strict=True)))
            for values in zip(
                sources_table.columns["id"], *(sources_table.columns[k] for k in keys), strict=True
            )
        ] or None
    problems = problems or Problems(file)
    place = (places or CsvPlaces)(table, heads, excerpt_rows, sources_table)
    links = None
    if links_text is not None:
        place.links, links, place.link_rows = read_links(links_text, links_file, columns["id"], problems)
    return RawTable(
        file,
        title,
        "",
        columns,
        excerpts,
        sources,
        place,
        problems,
        source_file=sources_file,
        given=frozenset(table.header),
        longest=table.longest,
        links=links,
        link_file=links_file,
    )
