"""Arrow tables (Parquet, Feather, a large CSV) as the columns of text every format becomes.

Only the table's own concerns are here: its column names and their Arrow types. A column holds
text, or values whose text a timeline takes (a number where `schema` allows one, true/false for
a flag, a calendar date for a date); anything else is refused for the whole column at once.
Nulls are empty values. What the values mean is checked by the one builder (`model/build.py`),
so a bad value gets the same message as in YAML, CSV or JSON.

A table has no lines: a problem is placed at "row N, column 'start'" (rows count from 1).
Imports pyarrow: load this module only when such a file is opened (pyarrow takes 0.2-0.3 s).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline_app.model.arrow_texts import ArrowTexts
from timeline_app.model.columns import CodedText
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.raw import MAX_PROBLEMS, Place, Problems
from timeline_app.model.read_csv import CsvPlaces, Table
from timeline_app.model.safe_io import size_text
from timeline_app.model.schema import EVENT_FIELDS, EXCERPT_FIELDS, SOURCE_FIELDS, Field, Kind

EVENT_SPECS = {f.key: f for f in (*EVENT_FIELDS, *EXCERPT_FIELDS)}
SOURCE_SPECS = {"id": Field("id", Kind.ID, required=True), **{f.key: f for f in SOURCE_FIELDS}}
# Few distinct values: kept as a code per row into the distinct texts (a 10^6-row column of
# 8 categories is one small array, not 10^6 references); others stay Arrow strings (`table_texts`).
CODED_KEYS = frozenset(
    {"start", "end", "category", "source", "claims_date", "inferred", "approximate", "status"}
)
_ON_LINE = re.compile(r"\bon line (\d+)")
# Text a table may decode to. A few KB of Parquet (a dictionary, or zstd) decoded to 2 GB of
# titles and took 4 GB of memory to refuse. Ten million events with an excerpt each decode to
# 1.1 GiB (the benchmark's file, refused at 1 GiB); held as Arrow text, that is what they take.
MAX_TABLE_BYTES = 2 * 1024**3


@dataclass
class RowProblems(Problems):
    """Problems placed by row and column: a place (row, column position) is said
    "row 5, column 'start'", and (row, 0) "row 5"; messages that name a line name the row."""

    headers: dict[str, list[str]] = field(default_factory=dict)  # file -> its column names

    def add(self, place: Place, message: str, cell: Hashable | None = None, file: str | None = None) -> None:
        if cell is not None:
            self.cells.add(cell)
        if len(self.items) >= MAX_PROBLEMS:
            self.more += 1
            return
        file = file or self.file
        row, column = place
        header = self.headers.get(file)
        if header is None:  # a CSV sidecar has lines
            self.items.append(Problem(file, row, column, message))
            return
        where = f"row {row}" if row else ""
        if row and 0 < column <= len(header):
            where += f", column {header[column - 1]!r}"
        self.items.append(Problem(file, row, column, _ON_LINE.sub(r"on row \1", message), where))


class RowPlaces(CsvPlaces):
    """Where things stand in a table read by rows: an event is its first row."""

    def event(self, row: int) -> Place:
        return int(self.events.lines[self.heads[row]]), 0

    def top_level(self, key: str) -> Place:
        return 0, 0


def _kind_of(dtype: pa.DataType) -> str:
    """How a message names an Arrow type."""
    if pa.types.is_integer(dtype) or pa.types.is_floating(dtype) or pa.types.is_decimal(dtype):
        return f"numbers ({dtype})"
    if pa.types.is_boolean(dtype):
        return "true/false values"
    if pa.types.is_timestamp(dtype):
        return f"date-times ({dtype})"
    if pa.types.is_binary(dtype) or pa.types.is_large_binary(dtype) or pa.types.is_fixed_size_binary(dtype):
        return "binary data"
    if pa.types.is_nested(dtype):
        return f"nested values ({dtype})"
    return f"values of type {dtype}"


def _is_text(dtype: pa.DataType) -> bool:
    if pa.types.is_dictionary(dtype):
        return _is_text(dtype.value_type)
    return bool(pa.types.is_string(dtype) or pa.types.is_large_string(dtype) or pa.types.is_null(dtype))


def _as_text(column: pa.ChunkedArray, spec: Field) -> tuple[pa.ChunkedArray | None, str]:
    """The column as strings, or None and why a timeline cannot take it."""
    dtype = column.type
    if _is_text(dtype) or str(dtype) == "string_view":
        return column.cast(pa.string()), ""
    number = pa.types.is_integer(dtype) or pa.types.is_floating(dtype)
    if (number and (spec.numbers_ok or spec.kind is Kind.FLAG)) or (
        pa.types.is_boolean(dtype) and spec.kind is Kind.FLAG
    ):
        return column.cast(pa.string()), ""
    if spec.kind is Kind.DATE and (pa.types.is_date32(dtype) or pa.types.is_date64(dtype)):
        return column.cast(pa.string()), ""
    if spec.kind is Kind.DATE and pa.types.is_timestamp(dtype):
        days = column.cast(pa.timestamp(dtype.unit)).cast(pa.date32())
        if pc.all(
            pc.equal(days.cast(pa.timestamp(dtype.unit)), column.cast(pa.timestamp(dtype.unit)))
        ).as_py():
            return days.cast(pa.string()), ""
        return None, "holds times of day; a timeline date is a day, a month or a year: store dates or text"
    expected = "true or false" if spec.kind is Kind.FLAG else "text"
    extra = " or dates" if spec.kind is Kind.DATE else ""
    return None, f"holds {_kind_of(dtype)}; it must hold {expected}{extra}"


def python_texts(column: pa.ChunkedArray, coded: bool) -> Sequence[str]:
    """Strings as Python text: a coded column for few distinct values, else a list."""
    column = column.fill_null("")
    if not coded:
        texts: list[str] = column.to_pylist()
        return texts
    encoded = column.combine_chunks().dictionary_encode()
    codes = np.asarray(encoded.indices, dtype=np.int32)
    return CodedText(codes, encoded.dictionary.to_pylist())


def table_texts(column: pa.ChunkedArray, coded: bool) -> Sequence[str]:
    """A table's column for the builder: a coded column for few distinct values, else the Arrow
    strings as they are (a Python str a row cost 0.7 s of a 10^6-row CSV's first open, and the
    builder's checks run on Arrow columns in pyarrow.compute)."""
    if coded:
        return python_texts(column, True)
    return ArrowTexts(column)


def decoded_bytes(column: pa.ChunkedArray) -> int:
    """The bytes of the column's values written out: a dictionary column holds each distinct
    text once, and its rows may repeat a megabyte of it a million times."""
    if not pa.types.is_dictionary(column.type):
        return int(column.nbytes)
    total = 0
    for chunk in column.chunks:
        values = chunk.dictionary
        if (
            pa.types.is_string(values.type)
            or pa.types.is_large_string(values.type)
            or (pa.types.is_binary(values.type) or pa.types.is_large_binary(values.type))
        ):
            lengths = pc.binary_length(values)
            total += int(pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0) + 4 * len(chunk)
        else:
            total += int(chunk.nbytes)
    return total


def check_decoded_size(size: int, file: str, so_far: bool = False) -> None:
    """A `LoadError` for a table whose text decodes to more than `MAX_TABLE_BYTES` (`so_far`:
    `size` is what the part read so far decodes to)."""
    if size > MAX_TABLE_BYTES:
        held = f"more than {size_text(size)}" if so_far else size_text(size)
        message = (
            f"the table holds {held} of text once decoded; at most "
            f"{size_text(MAX_TABLE_BYTES)} can be read (split it, or shorten its long values)"
        )
        raise LoadError([Problem(file, 0, 0, message)])


def arrow_table(
    data: pa.Table, file: str, specs: dict[str, Field], what: str, required: Sequence[str]
) -> Table:
    """The named columns of `data` as text; refuses unknown, doubled, missing or mistyped ones,
    and a table too large to decode (before a value is decoded)."""
    check_decoded_size(sum(decoded_bytes(column) for column in data.columns), file)
    header = [str(name).strip().lower() for name in data.column_names]
    problems: list[Problem] = []

    def column_problem(index: int, message: str) -> None:
        name = header[index] if index < len(header) else ""
        problems.append(Problem(file, 0, index + 1, message, f"column {name!r}" if name else ""))

    for c in required:
        if c not in header:
            problems.append(Problem(file, 0, 0, f"the table has no {c!r} column ({what} need one)"))
    texts: dict[str, Sequence[str]] = {}
    for i, name in enumerate(header):
        if name not in specs:
            column_problem(i, f"unknown column {name!r}; known: {', '.join(specs)}")
            continue
        if name in header[:i]:
            column_problem(i, f"the column {name!r} appears twice; keep one of them")
            continue
        strings, why = _as_text(data.column(i), specs[name])
        if strings is None:
            column_problem(i, f"the column {name!r} {why}")
            continue
        texts[name] = table_texts(strings, name in CODED_KEYS)
    if "source" in header and "quote" not in header:
        column_problem(
            header.index("source"),
            "the table has a 'source' column but no 'quote' column; an excerpt is a passage "
            "quoted from its source",
        )
    if problems:
        raise LoadError(problems)
    return Table(file, header, texts, np.arange(1, data.num_rows + 1, dtype=np.int64))
