"""A text column held as an Arrow array: no Python string per row until a row is read.

A million titles as Python strings cost about 70 bytes each and 0.1-0.2 s to make; the Arrow
array holds the UTF-8 bytes and an offset per row. Rows are made into `str` one at a time (the
panel and the labels read a few), or all at once on the first pass over the whole column.
Imports pyarrow: used only for columns that came from an Arrow, Parquet or cached file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


class ArrowTexts(Sequence[str]):
    """An Arrow text column read one value at a time, or whole on the first pass over it."""

    def __init__(self, array: Any) -> None:
        array = one_chunk(array)
        self.array = array.fill_null("") if array.null_count else array
        self._list: list[str] | None = None

    def __len__(self) -> int:
        return len(self.array)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if self._list is not None:
            return self._list[index]
        if isinstance(index, slice):
            return list(self.array[index].to_pylist())
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return str(self.array[index].as_py())

    def take(self, index: np.ndarray) -> ArrowTexts:
        """Rows `index[0]`, `index[1]`, ... as a new column."""
        return ArrowTexts(self.array.take(pa.array(index)))

    def __iter__(self) -> Iterator[str]:
        if self._list is None:
            self._list = self.array.to_pylist()
        return iter(self._list)


class ArrowIds(Mapping[str, int]):
    """Event id -> row, searched in the Arrow id column itself (`pyarrow.compute.index`, a few
    ms at 10^6 rows) instead of a dict of every id (0.2 s and 90 MB at 10^6). A built
    timeline's ids are unique, so the first row holding an id is its row."""

    def __init__(self, ids: ArrowTexts) -> None:
        self._ids = ids

    def __getitem__(self, event_id: str) -> int:
        if not isinstance(event_id, str):
            raise KeyError(event_id)
        row = int(pc.index(self._ids.array, pa.scalar(event_id, self._ids.array.type)).as_py())
        if row < 0:
            raise KeyError(event_id)
        return row

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def rows(self, event_ids: Sequence[str]) -> np.ndarray:
        """The row of each of `event_ids`, -1 where there is none, in one pass over the column
        (a `pc.index` per id read the whole column each time)."""
        wanted = pa.array(list(event_ids), self._ids.array.type)
        found = pc.index_in(wanted, value_set=self._ids.array).fill_null(-1)
        return np.asarray(found, np.int64)


def arrow_numbers(column: Any, dtype: type) -> np.ndarray:
    """A numeric Arrow column as numpy: a view of its buffer where it can be (a cached file's
    numbers are read as they lie in the mapped file, not copied: 50 of the 160 bytes an event
    took at 10^6 were such copies), a copy for true/false (Arrow packs them in bits) or nulls.
    No `to_numpy`: it imports pandas where pandas is installed (+0.2 s)."""
    array = one_chunk(column)
    width = np.dtype(dtype).itemsize
    if array.null_count or pa.types.is_boolean(array.type) or array.type.byte_width != width:
        return np.array(array, dtype)
    data = array.buffers()[1]
    return np.frombuffer(data, dtype, count=len(array), offset=array.offset * width)


def one_chunk(column: Any) -> Any:
    """A chunked column as one array, not copied when it has one chunk (`combine_chunks` copies
    even then: 0.1 s of a 10^6-event cached load went to such copies of the mapped file)."""
    if not isinstance(column, pa.ChunkedArray):
        return column
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
