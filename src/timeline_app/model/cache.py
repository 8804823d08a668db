"""A columnar copy of a large timeline file, so that opening it again skips reading and checking.

What is kept is the built timeline, not the file's text: the event columns, every excerpt, the
sources, title and description, in one Arrow IPC file in the user cache folder. It is made only
from a timeline that loaded without a problem, and used only when its key matches: the file's
resolved path, size and modification time (to the nanosecond), those of its sources and links
sidecars, the cache format and the app's version (a newer app may read a file differently). A
cache file that cannot be read back whole (its CRC-32 is checked), or disagrees with its key, is
ignored and replaced; one that cannot be written is skipped (the timeline still opens). Writes go
to a temporary file that replaces the old one by rename, so a reader never sees half a file.

A timeline holding a field this module does not know (a column, an excerpt or source field
added later) is not cached rather than cached without it. Imports pyarrow.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import stat
import tempfile
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

from timeline_app.model.arrow_texts import ArrowTexts, arrow_numbers, one_chunk
from timeline_app.model.cache_key import cache_file
from timeline_app.model.columns import EXCERPT_TEXTS as _EXCERPT_TEXTS
from timeline_app.model.columns import CodedText, EventColumns, ExcerptColumns
from timeline_app.model.dates import PartialDate, parse_date
from timeline_app.model.events import Timeline
from timeline_app.model.records import Source

_TRAILER = b"TLCACHE1"  # after the Arrow file: the CRC-32 of all before it, then this
CACHE_LIMIT_BYTES = 2 * 1024**3  # the least recently used copies go first beyond this
_ARRAYS = {  # EventColumns field -> numpy dtype
    "category": np.int32,
    "first_day": np.int64,
    "last_day": np.int64,
    "is_span": np.bool_,
    "precision": np.int8,
    "approximate": np.bool_,
    "marks": np.int8,
    "n_sources": np.int32,
    "independent": np.int32,
    "conflict": np.bool_,
    "lines": np.int64,
}
_OTHER = frozenset(
    {"ids", "titles", "categories", "starts", "ends", "excerpts", "texts", "flags", "status", "links"}
)
_KNOWN = frozenset(_ARRAYS) | _OTHER


def read_cached(folder: Path, key: dict[str, Any]) -> Timeline | None:
    """The cached timeline for `key`, or None if there is none that can be trusted."""
    try:
        if not stat.S_ISREG(os.stat(cache_file(folder, key)).st_mode):
            return None  # a FIFO there would block the mapping's open forever; a device, a folder
        # Mapped (reading 180 MB through a file took 1.1 s, mapping it 0.01 s), and used where it
        # lies: the columns keep the mapped region alive after the file is closed. A copy is only
        # ever replaced by rename and pruned by unlink, so the mapped file never changes.
        with pa.memory_map(str(cache_file(folder, key))) as source:
            whole = source.read_buffer()
            body = whole.slice(0, max(whole.size - len(_TRAILER) - 4, 0))
            trailer = whole.slice(body.size).to_pybytes()
            if trailer != zlib.crc32(body).to_bytes(4, "little") + _TRAILER:
                return None  # truncated, or changed after it was written (0.12 s for 180 MB)
            table = ipc.open_file(pa.BufferReader(body)).read_all()
            table.validate(full=True)  # offsets in bounds, text UTF-8: nothing reads past a buffer
            meta = json.loads((table.schema.metadata or {})[b"timeline"])
            if meta["key"] != key:
                return None
            timeline = _timeline(table, meta)
        os.utime(cache_file(folder, key))  # recently used: pruned last
        return timeline
    except Exception:  # a cache is never trusted: anything unreadable is read from the file again
        return None


def write_cached(folder: Path, key: dict[str, Any], timeline: Timeline) -> bool:
    """Keep a copy of `timeline` for `key`; False if it holds what the cache cannot keep, or the
    folder cannot be written (the caller goes on either way)."""
    try:
        table = _table(timeline, key)
    except (UnicodeError, pa.ArrowException):  # a lone surrogate (JSON can hold one) is no
        return False  # UTF-8; a column over 2 GB of text does not fit a string array: not kept
    if table is None:
        return False
    temp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        with pa.OSFile(temp, "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        with pa.memory_map(temp) as written:
            checksum = zlib.crc32(written.read_buffer())
        with open(temp, "ab") as f:
            f.write(checksum.to_bytes(4, "little") + _TRAILER)
        os.replace(temp, cache_file(folder, key))
        _prune(folder, CACHE_LIMIT_BYTES)
        return True
    except (OSError, pa.ArrowException):
        if temp:
            with contextlib.suppress(OSError):
                os.remove(temp)
        return False


STALE_TEMP_SECONDS = 24 * 3600  # a write left this long ago by a killed process: not running


def _prune(folder: Path, limit: int) -> None:
    """Remove the least recently used copies until the folder holds at most `limit` bytes, and
    what killed writes left (a temporary file a day old: a copy is written in seconds)."""
    files = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                    os.remove(entry.path)
        elif entry.name.endswith(".arrow") and entry.is_file(follow_symlinks=False):
            st = entry.stat(follow_symlinks=False)
            files.append((st.st_mtime_ns, st.st_size, entry.path))
    total = sum(size for _, size, _ in files)
    for _, size, name in sorted(files):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            os.remove(name)
            total -= size


def _text_array(values: Sequence[str]) -> pa.Array:
    if isinstance(values, CodedText):
        return pa.DictionaryArray.from_arrays(
            pa.array(values.codes, pa.int32()), pa.array(list(values.distinct), pa.string())
        )
    if isinstance(values, ArrowTexts):  # as it is: a list made of it took 0.3-0.5 s at 10^6
        return values.array.cast(pa.string())
    return pa.array(values if isinstance(values, list) else list(values), pa.string())


def _source_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, PartialDate):
        return {"date": value.edtf()}
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return {"tuple": list(value)}
    raise TypeError(type(value))


def _plain_text_array(values: Sequence[str]) -> pa.Array:
    """A text column as plain Arrow strings (a coded column decoded: the copy's format keeps
    excerpt texts plain)."""
    if isinstance(values, CodedText):
        return _text_array(values).cast(pa.string())
    if isinstance(values, ArrowTexts):
        return values.array
    array = pa.array(values if isinstance(values, list) else list(values), pa.string())
    if array.null_count:  # None where text belongs: not what a builder makes, so not kept
        raise TypeError("an excerpt text that is not text")
    return array


def _excerpt_array(excerpts: ExcerptColumns) -> pa.Array:
    """The excerpt columns as one list-of-struct column, taken as they are (walking 10^6
    `Excerpt` objects into columns took most of the 4 s a copy cost to write)."""
    if set(excerpts.texts) != set(_EXCERPT_TEXTS):
        raise TypeError("an excerpt field the cache does not know")
    children = [_plain_text_array(excerpts.texts[name]) for name in _EXCERPT_TEXTS]
    children += [_plain_text_array(excerpts.claims_start), _plain_text_array(excerpts.claims_end)]
    names = [*_EXCERPT_TEXTS, "claims_start", "claims_end"]
    values = pa.StructArray.from_arrays(children, names=names)
    return pa.LargeListArray.from_arrays(pa.array(excerpts.offsets, pa.int64()), values)


def _table(timeline: Timeline, key: dict[str, Any]) -> pa.Table | None:
    columns = timeline.columns
    if {f.name for f in dataclasses.fields(EventColumns)} != _KNOWN or columns.links is not None:
        return None  # links between events are not kept: such a file is read from its text
    try:
        sources = [
            {f.name: _source_value(getattr(s, f.name)) for f in dataclasses.fields(Source)}
            for s in timeline.sources.values()
        ]
        excerpts = _excerpt_array(columns.excerpts)
    except (TypeError, pa.ArrowException):
        return None
    arrays: dict[str, pa.Array] = {
        "ids": _text_array(columns.ids),
        "titles": _text_array(columns.titles),
        "starts": _text_array(columns.starts),
        "ends": _text_array(columns.ends),
        "status": _text_array(columns.status),
        "excerpts": excerpts,
    }
    arrays.update((name, pa.array(getattr(columns, name))) for name in _ARRAYS)
    arrays.update((f"text:{k}", _text_array(v)) for k, v in columns.texts.items())
    arrays.update((f"flag:{k}", pa.array(v)) for k, v in columns.flags.items())
    meta = {
        "key": key,
        "title": timeline.title,
        "description": timeline.description,
        "categories": list(columns.categories),
        "sources": sources,
    }
    return pa.table(arrays, metadata={"timeline": json.dumps(meta)})


def _source(fields: dict[str, Any]) -> Source:
    values = {}
    for name, value in fields.items():
        if isinstance(value, dict):
            value = parse_date(value["date"]) if "date" in value else tuple(value["tuple"])
        values[name] = value
    return Source(**values)


def _timeline(table: pa.Table, meta: dict[str, Any]) -> Timeline:
    def texts(name: str) -> Sequence[str]:
        column = table.column(name)
        return _coded(column) if pa.types.is_dictionary(column.type) else ArrowTexts(column)

    excerpts = one_chunk(table.column("excerpts"))
    values = excerpts.values
    columns = EventColumns(
        ids=texts("ids"),
        titles=texts("titles"),
        categories=tuple(meta["categories"]),
        starts=texts("starts"),
        ends=texts("ends"),
        status=texts("status"),
        links=None,
        excerpts=ExcerptColumns(
            np.asarray(excerpts.offsets, np.int64),
            {name: ArrowTexts(values.field(name)) for name in _EXCERPT_TEXTS},
            ArrowTexts(values.field("claims_start")),
            ArrowTexts(values.field("claims_end")),
        ),
        texts={n[5:]: texts(n) for n in table.column_names if n.startswith("text:")},
        flags={
            n[5:]: arrow_numbers(table.column(n), np.bool_)
            for n in table.column_names
            if n.startswith("flag:")
        },
        **{name: arrow_numbers(table.column(name), dtype) for name, dtype in _ARRAYS.items()},
    )
    sources = {fields["id"]: _source(fields) for fields in meta["sources"]}
    return Timeline(meta["title"], columns, sources, meta["description"])


def _coded(column: pa.ChunkedArray | pa.Array) -> CodedText:
    """A dictionary column (or any string column, encoded here) as codes into distinct texts."""
    column = one_chunk(column)
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode()
    return CodedText(arrow_numbers(column.indices, np.int32), column.dictionary.to_pylist())
