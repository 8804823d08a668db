"""What the search box looks in: each event's title, summary, category and quotes, case-folded.

Built on the first search, not at load: the haystack of 10^6 events took 0.8 s of a 1.4 s cached
load (py-spy) and a search may never come. Columns that came from an Arrow file are joined and
folded by pyarrow.compute, a chunk of rows at a time; others by Python's `str.casefold`.

The two agree exactly. `str.casefold` is full case folding ("ß" -> "ss", "ﬁ" -> "fi", final
"ς" -> "σ", Cherokee small letters -> capitals), where Arrow's `utf8_lower` only lower-cases
("Straße" stays "straße", so "strasse" would not find it). So Arrow lower-cases only the rows
that are ASCII (where lower-casing is case folding), and the other rows of a chunk are folded
by `str.casefold`: data in English costs a few Python strings, data in German or Greek costs
what the list path costs, and the answers are the same either way.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from timeline_app.model.text_columns import CodedText, is_arrow

CHUNK = 1 << 18  # rows joined and folded at a time: bounds the temporary copies


@dataclass
class _Fields:
    """The columns a search reads (the event columns import this module: it cannot import them)."""

    titles: Sequence[str]
    summaries: Sequence[str]
    category: np.ndarray  # code per event into `categories`
    categories: tuple[str, ...]
    quotes: Sequence[str]  # one per excerpt
    offsets: np.ndarray  # event i's excerpts are offsets[i]:offsets[i + 1]


class SearchTexts:
    """The folded text of each event, made on the first `matches` (or `folded`)."""

    def __init__(
        self,
        titles: Sequence[str],
        summaries: Sequence[str],
        category: np.ndarray,
        categories: tuple[str, ...],
        quotes: Sequence[str],
        offsets: np.ndarray,
    ) -> None:
        self._fields = _Fields(titles, summaries, category, categories, quotes, offsets)
        self._folded: Sequence[str] | None = None
        self._arrow: list[Any] | None = None  # chunks of folded Arrow strings

    def __len__(self) -> int:
        return len(self._fields.titles)

    def _uses_arrow(self) -> bool:
        f = self._fields
        return any(is_arrow(c) for c in (f.titles, f.summaries, f.quotes))

    def matches(self, needle: str) -> np.ndarray:
        """True for each event whose folded text contains `needle` (stripped and folded)."""
        folded = needle.strip().casefold()
        n = len(self)
        if not folded:
            return np.zeros(n, bool)
        if self._uses_arrow():
            import pyarrow.compute as pc

            parts = [_bools(pc.match_substring(chunk, folded)) for chunk in self._arrow_chunks()]
            return np.concatenate(parts) if parts else np.zeros(0, bool)
        texts = self.folded()
        return np.fromiter((folded in h for h in texts), bool, n)

    def folded(self) -> Sequence[str]:
        """Every event's folded text (a list: for the list path and for tests)."""
        if self._folded is None:
            if self._uses_arrow():
                self._folded = [s for chunk in self._arrow_chunks() for s in chunk.to_pylist()]
            else:
                self._folded = _python_folded(self._fields)
        return self._folded

    def _arrow_chunks(self) -> list[Any]:
        if self._arrow is None:
            n = len(self)
            self._arrow = [_arrow_folded(self._fields, a, min(a + CHUNK, n)) for a in range(0, n, CHUNK)]
        return self._arrow


def _joined_quotes(f: _Fields) -> Sequence[str]:
    """Each event's quotes joined by spaces (a search of 10^6 cached events once made every
    Excerpt: 10 s of a 13 s first paint)."""
    counts = np.diff(f.offsets)
    if len(f.quotes) == len(counts) and bool(np.all(counts == 1)):
        return f.quotes  # one excerpt an event: the column is the answer
    quotes = list(f.quotes)
    return [" ".join(quotes[a:b]) for a, b in itertools.pairwise(f.offsets.tolist())]


def _python_folded(f: _Fields) -> list[str]:
    return [
        " ".join([t, s, f.categories[c], q] if q else [t, s, f.categories[c]]).casefold()
        for t, s, c, q in zip(f.titles, f.summaries, f.category.tolist(), _joined_quotes(f), strict=True)
    ]


def _arrow_folded(f: _Fields, a: int, b: int) -> Any:
    """Rows a:b joined as the list path joins them, ASCII rows lower-cased by Arrow and the
    others folded by `str.casefold`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    category = pc.take(pa.array(list(f.categories), pa.string()), pa.array(f.category[a:b]))
    base = pc.binary_join_element_wise(
        _arrow_rows(f.titles, a, b), _arrow_rows(f.summaries, a, b), category, " "
    )
    quotes = _arrow_quotes(f, a, b)
    joined = pc.if_else(pc.equal(quotes, ""), base, pc.binary_join_element_wise(base, quotes, " "))
    other = pc.invert(pc.string_is_ascii(joined))
    lowered = pc.ascii_lower(joined)
    if not pc.any(other).as_py():
        return lowered
    folded = [s.casefold() for s in pc.filter(joined, other).to_pylist()]
    return pc.replace_with_mask(lowered, other, pa.array(folded, pa.string()))


def _arrow_rows(column: Sequence[str], a: int, b: int) -> Any:
    """Rows a:b of a text column as Arrow strings."""
    import pyarrow as pa

    if is_arrow(column):
        return column.array.slice(a, b - a).cast(pa.string())
    if isinstance(column, CodedText):
        distinct = pa.array(list(column.distinct), pa.string())
        return distinct.take(pa.array(column.codes[a:b]))
    return pa.array(list(column[a:b]), pa.string())


def _arrow_quotes(f: _Fields, a: int, b: int) -> Any:
    """Each event's quotes joined by spaces, for events a:b."""
    import pyarrow as pa
    import pyarrow.compute as pc

    offsets = f.offsets[a : b + 1]
    first, last = int(offsets[0]), int(offsets[-1])
    quotes = _arrow_rows(f.quotes, first, last)
    if last - first == b - a and bool(np.all(np.diff(offsets) == 1)):
        return quotes  # one excerpt an event: the column is the answer
    lists = pa.LargeListArray.from_arrays(pa.array(offsets - first, pa.int64()), quotes)
    return pc.binary_join(lists, " ")


def _bools(array: Any) -> np.ndarray:
    """An Arrow boolean array without nulls as numpy (its bits unpacked; `to_numpy` would import
    pandas where it is installed)."""
    n, offset = len(array), array.offset
    bits = np.frombuffer(array.buffers()[1], np.uint8)
    return np.unpackbits(bits, bitorder="little")[offset : offset + n].astype(bool)
