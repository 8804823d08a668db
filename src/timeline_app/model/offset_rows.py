"""A sequence of per-event rows cut out of flat columns by offsets: rows `offsets[i]:offsets[i +
1]` belong to event i, and an event's row is made only when it is indexed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar, overload

import numpy as np

T = TypeVar("T")


class OffsetRows(Sequence[T], Generic[T]):
    """Subclasses say how one row is made (`_row`); length, indexing and iteration are here."""

    offsets: np.ndarray

    def _row(self, row: int) -> T:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._row(index)

    def __iter__(self) -> Iterator[T]:
        return (self._row(i) for i in range(len(self)))
