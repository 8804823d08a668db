"""Whole-column questions the builder asks of a text column, whatever holds it.

A column is a list of str (YAML, JSON, a small CSV), a `CodedText` (few distinct texts), or an
`ArrowTexts` (a large CSV, Parquet, Feather). For the last, each question is one pyarrow.compute
pass over the UTF-8 bytes: asking "is any id blank?" of a list-backed million ids is a C-level
pass over str objects, but of an Arrow column it would first make those million str objects
(0.1-0.2 s a column, and ~70 bytes each kept). The answers are the same: whitespace is Python's
(`str.isspace`), a length counts code points as `len` does.

pyarrow is never imported here: a column can be an `ArrowTexts` only once its module is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from timeline_app.model.schema import ID_PATTERN
from timeline_app.model.text_columns import CodedText, is_arrow

# Every character for which `str.isspace` is true, as an RE2 class: a text that matches is empty
# or blank (tests/model/test_arrow_columns.py checks the list against Python's).
PY_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
PY_SPACES += "\u2028\u2029\u202f\u205f\u3000"
_BLANK = "^[" + "".join(f"\\x{{{ord(c):x}}}" for c in PY_SPACES) + "]*$"
_ID = f"^{ID_PATTERN}$"
_BLOCK = 65_536  # rows of codes read at a time


def arrow_array(column: Sequence[str]) -> Any | None:
    """The Arrow string array behind `column`, or None when it is not Arrow-backed."""
    return column.array if is_arrow(column) else None


def _compute() -> Any:
    import pyarrow.compute as pc  # loaded already: an Arrow-backed column exists

    return pc


def _texts(column: Sequence[str]) -> Sequence[str]:
    """The texts to ask a whole-column question of: a coded column's distinct texts (perhaps
    some no row uses: a "yes" then only sends the caller to walk the rows, which finds none)."""
    return column.distinct if isinstance(column, CodedText) else column


def blank_mask(column: Sequence[str]) -> np.ndarray:
    """True where a value is empty or only whitespace."""
    if isinstance(column, CodedText):
        mask: np.ndarray = blank_mask(column.distinct)[column.codes]
        return mask
    array = arrow_array(column)
    if array is None:
        return np.fromiter((not t or t.isspace() for t in column), bool, len(column))
    return np.asarray(_compute().match_substring_regex(array, _BLANK), dtype=bool)


def has_blank(column: Sequence[str]) -> bool:
    """Is a value empty or only whitespace? (Two C-level passes for a list.)"""
    array = arrow_array(column)
    if array is None:
        texts = _texts(column)
        return not all(texts) or any(map(str.isspace, texts))
    return bool(_compute().any(_compute().match_substring_regex(array, _BLANK)).as_py())


def any_text(column: Sequence[str]) -> bool:
    """Is any value not empty?"""
    array = arrow_array(column)
    if array is None:
        return any(_texts(column))
    return len(array) > 0 and int(_compute().max(_compute().binary_length(array)).as_py() or 0) > 0


def longest(column: Sequence[str]) -> int:
    """The length of the longest value, in characters (0 for none)."""
    array = arrow_array(column)
    if array is None:
        return max(map(len, _texts(column)), default=0)
    if len(array) == 0:
        return 0
    return int(_compute().max(_compute().utf8_length(array)).as_py() or 0)


def all_ids(column: Sequence[str]) -> bool | None:
    """For an Arrow-backed column, does every value follow the id rule (`schema.ID`, whole)?
    None for another column (the builder's own passes answer it)."""
    array = arrow_array(column)
    if array is None:
        return None
    return len(array) == 0 or bool(_compute().all(_compute().match_substring_regex(array, _ID)).as_py())


def all_distinct(column: Sequence[str]) -> bool:
    """Are the values all different?"""
    array = arrow_array(column)
    if array is None:
        return len(set(column)) == len(column)
    if len(array) < 2:
        return True
    # sorted, then neighbours compared: 0.1 s of CPU for 10^6 ids, where count_distinct took
    # 0.4-0.7 s and `unique` 0.2 s
    ordered = array.take(_compute().sort_indices(array))
    return not _compute().any(_compute().equal(ordered[1:], ordered[:-1])).as_py()


def distinct_in_order(column: Sequence[str]) -> dict[str, None]:
    """The distinct values in the order of their first row (`dict.fromkeys(column)`)."""
    array = arrow_array(column)
    if array is not None:
        return dict.fromkeys(_compute().unique(array).to_pylist())  # in order of first occurrence
    if isinstance(column, CodedText):
        return dict.fromkeys(column.distinct[c] for c in _codes_in_order(column.codes, len(column.distinct)))
    return dict.fromkeys(column)


def _codes_in_order(codes: np.ndarray, k: int) -> list[int]:
    """The codes used, in the order of their first row; the rows are read a block at a time
    until every code used has been seen (np.unique's stable sort of 10^6 codes took 0.2-0.6 s)."""
    used = int(np.count_nonzero(np.bincount(codes, minlength=k))) if len(codes) else 0
    seen: dict[int, None] = {}
    for start in range(0, len(codes), _BLOCK):
        seen.update(dict.fromkeys(codes[start : start + _BLOCK].tolist()))
        if len(seen) == used:
            break
    return list(seen)


def same_as_previous(column: Sequence[str]) -> np.ndarray:
    """For rows 1..n-1, True where the value equals the row before's."""
    array = arrow_array(column)
    if array is None:
        return np.fromiter(map(str.__eq__, column[1:], column[:-1]), bool, max(len(column) - 1, 0))
    if len(array) < 2:
        return np.zeros(0, bool)
    return np.asarray(_compute().equal(array[1:], array[:-1]), dtype=bool)


def as_list(column: Sequence[str]) -> Sequence[str]:
    """A column to walk row by row: an Arrow-backed one as a list (indexing it one row at a
    time makes a str a row, ~1 us each); any other as it is."""
    return list(column) if arrow_array(column) is not None else column
