"""Text columns that are not lists: `CodedText` (a code per row into few distinct texts), and
the test for an Arrow-held column (`arrow_texts.ArrowTexts`) that needs no pyarrow import."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeGuard, overload

import numpy as np

if TYPE_CHECKING:
    from timeline_app.model.arrow_texts import ArrowTexts


def is_arrow(column: Sequence[str]) -> TypeGuard[ArrowTexts]:
    """Whether a text column is held by Arrow; without importing pyarrow (no such column exists
    before it is imported)."""
    module = sys.modules.get("timeline_app.model.arrow_texts")
    return module is not None and isinstance(column, module.ArrowTexts)


class CodedText(Sequence[str]):
    """A text column with few distinct values: a code per row into the distinct texts."""

    def __init__(self, codes: np.ndarray, distinct: Sequence[str]) -> None:
        self.codes = codes
        self.distinct = distinct

    @classmethod
    def repeat(cls, text: str, n: int) -> CodedText:
        return cls(np.zeros(n, np.int32), [text])

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self.distinct[c] for c in self.codes[index].tolist()]
        return self.distinct[int(self.codes[index])]

    def __iter__(self) -> Iterator[str]:
        return map(self.distinct.__getitem__, self.codes.tolist())  # C-level: 3x a generator
