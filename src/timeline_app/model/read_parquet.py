"""Read a Parquet or Arrow IPC (Feather) table of events, and its sources table, into the raw table.

The events table has the CSV's columns (`id,title,start,category` required, the others
optional, one event a row; rows that repeat an id and carry only an excerpt add it to the event
above). Its sources are in `NAME.sources.parquet` (or `.feather`, `.arrow`) beside it, or in a
`NAME.sources.csv`. The timeline's title and description may be given in the table's metadata
(keys `title`, `description`); the title is the file's name otherwise.

A damaged, truncated or foreign file is a problem about the whole file, never a crash: every
error pyarrow raises while opening or decoding is caught here. Imports pyarrow.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from timeline_app.model import read_arrow
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.raw import RawTable
from timeline_app.model.read_arrow import EVENT_SPECS, SOURCE_SPECS, RowPlaces, RowProblems, arrow_table
from timeline_app.model.read_csv import REQUIRED, SOURCE_COLUMNS, SOURCE_REQUIRED, Table, raw_from_tables
from timeline_app.model.read_csv import read_table as read_csv_table
from timeline_app.model.safe_io import file_kind

PARQUET_SUFFIXES = (".parquet", ".pq")
ARROW_SUFFIXES = (".feather", ".arrow", ".ipc")
TABLE_SUFFIXES = (*PARQUET_SUFFIXES, *ARROW_SUFFIXES)
_ARROW_ERRORS = (pa.ArrowException, OSError, ValueError, TypeError, IndexError, KeyError)


def is_table_file(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES


def _problem(file: str, message: str) -> LoadError:
    return LoadError([Problem(file, 0, 0, message)])


def open_table(path: Path) -> pa.Table:
    """The whole table in `path` (Parquet, or Arrow IPC file or stream), or a `LoadError`.

    Only a regular file is opened (a FIFO would block). Feather and Arrow files are memory
    mapped: their columns are read from the page cache, not copied.
    """
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise _problem(name, f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise _problem(name, f"cannot read the file: it is {file_kind(mode)}, not a regular file")
    parquet = path.suffix.lower() in PARQUET_SUFFIXES
    what = "a Parquet file" if parquet else "an Arrow IPC (Feather) file"
    try:
        if parquet:  # the sizes the file declares, before anything is decompressed
            metadata = pq.read_metadata(path)
            declared = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
            read_arrow.check_decoded_size(declared, name)
        table = pq.read_table(path, use_threads=True) if parquet else _read_ipc(path)
        table.validate(full=True)  # IPC buffers are mapped as they are: check offsets and UTF-8
        return table
    except MemoryError:
        raise
    except _ARROW_ERRORS as exc:
        reason = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise _problem(
            name, f"cannot read the file: it is not {what}, or it is damaged or truncated ({reason})"
        ) from None


def _read_ipc(path: Path) -> pa.Table:
    """Batch by batch, the size decoded so far checked after each: a compressed file of a few
    hundred KB decompressed to 2 GB before the table's size could be checked."""
    source = pa.memory_map(str(path))
    try:
        reader = ipc.open_file(source)
        return _batches(reader.schema, (reader.get_batch(i) for i in range(reader.num_record_batches)), path)
    except pa.ArrowInvalid:
        source.seek(0)
        stream = ipc.open_stream(source)  # the stream format has no footer
        return _batches(stream.schema, stream, path)


def _batches(schema: pa.Schema, batches: Iterable[pa.RecordBatch], path: Path) -> pa.Table:
    kept, size = [], 0
    for batch in batches:
        size += sum(read_arrow.decoded_bytes(pa.chunked_array([c])) for c in batch.columns)
        read_arrow.check_decoded_size(size, str(path), so_far=True)
        kept.append(batch)
    return pa.Table.from_batches(kept, schema)


def sources_path(path: Path) -> Path | None:
    """The sources table beside `path`: NAME.sources.<same suffix>, or NAME.sources.csv."""
    for suffix in (path.suffix, ".csv"):
        candidate = path.with_name(f"{path.stem}.sources{suffix}")
        if candidate.exists():  # a folder or a FIFO by that name is refused by name, not skipped
            return candidate
    return None


def _metadata_text(table: pa.Table, key: str) -> str:
    metadata = table.schema.metadata or {}
    value = metadata.get(key.encode())
    return value.decode("utf-8", "replace") if value is not None else ""


def read_table_file(path: Path, read_text: Callable[[Path], str]) -> RawTable:
    """The raw table of the events table at `path` and of its sources table, if there is one.

    `read_text(path) -> str` reads a CSV sources sidecar with the loader's checks.
    """
    file = str(path)
    data = open_table(path)
    if data.num_rows == 0:
        raise _problem(file, "the file holds no events; add at least one")
    problems = RowProblems(file)
    table = arrow_table(data, file, EVENT_SPECS, "events", REQUIRED)
    problems.headers[file] = table.header
    title = _metadata_text(data, "title") or path.stem
    description = _metadata_text(data, "description")
    del data
    sources_table: Table | None = None
    sources_file = ""
    sidecar = sources_path(path)
    if sidecar is not None:
        sources_file = str(sidecar)
        if sidecar.suffix.lower() == ".csv":
            sources_table = read_csv_table(
                read_text(sidecar), sources_file, SOURCE_REQUIRED, SOURCE_COLUMNS, "sources"
            )
        else:
            sources_table = arrow_table(
                open_table(sidecar), sources_file, SOURCE_SPECS, "sources", SOURCE_REQUIRED
            )
            problems.headers[sources_file] = sources_table.header
    raw = raw_from_tables(table, title, sources_table, sources_file, problems, RowPlaces)
    raw.description = description
    return raw
