"""Which events go in which swimlane: rows grouped by category, by source or by status.

An event cited by two sources sits in both sources' lanes: a lane shows what that source
supports. More groups than a picture can hold (MAX_LANES) fold the smallest into one "Other"
lane, so a file with thousands of categories still draws.

Every grouping is a list of (event row, group code) pairs; a mask of events is made only for
the lanes drawn (a mask per group took 1 GB and 2.5 s for 1,000 sources at 10^6 events).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from timeline_app.model.columns import CodedText, is_arrow
from timeline_app.model.events import Timeline
from timeline_app.model.evidence import sources_by_publication
from timeline_app.model.schema import STATUSES
from timeline_app.scene.arrays import status_codes

MAX_LANES = 12
OTHER = "Other"
NO_SOURCE = "No source"
# What a user may group by, with the words the View menu uses.
GROUPINGS: dict[str, str] = {"category": "Category", "source": "Source", "status": "Status"}


@dataclass(frozen=True)
class LaneGroup:
    name: str
    members: np.ndarray  # bool per event


def lane_groups(timeline: Timeline, by: str) -> list[LaneGroup]:
    """The lanes of a grouping, in reading order (categories as the legend lists them, sources
    by publication date, statuses as the file's words order them), at most MAX_LANES of them."""
    n = len(timeline.columns)
    if by == "category":
        return _lanes(n, None, timeline.columns.category, list(timeline.categories))
    if by == "status":
        codes = status_codes(timeline.columns.status)  # STATUS_* is the word's place in STATUSES
        return _lanes(n, None, codes, [word.capitalize() for word in STATUSES])
    if by == "source":
        return _by_source(timeline)
    raise ValueError(f"cannot group swimlanes by {by!r}; choose one of {', '.join(GROUPINGS)}")


def _by_source(timeline: Timeline) -> list[LaneGroup]:
    cols = timeline.columns
    order = [s.id for s in sources_by_publication(timeline)]
    names = {s.id: s.publisher or s.author or s.title for s in timeline.sources.values()}
    excerpts = cols.excerpts  # read from its columns: no Excerpt is made
    cited = lane_codes(excerpts.texts["source"], order)
    known = cited >= 0
    shared = Counter(names.values())  # two sources with the same publisher get their ids
    labels = [f"{names[s]} ({s})" if shared[names[s]] > 1 else names[s] for s in order]
    groups = _lanes(len(cols), excerpts.rows()[known], cited[known], labels)
    orphans = excerpts.counts == 0
    if orphans.any():
        groups.append(LaneGroup(NO_SOURCE, orphans))
    return groups


def lane_codes(column: Sequence[str], names: list[str]) -> np.ndarray:
    """The place of each row's text in `names`, -1 where it is not there; looked up once per
    distinct text of a coded column, by Arrow for an Arrow column (a Python lookup per row made
    10^6 strings of a cached file's sources, 0.5 s and 60 MB)."""
    if isinstance(column, CodedText):
        place = {name: k for k, name in enumerate(names)}
        lookup = np.array([place.get(text, -1) for text in column.distinct], np.int64)
        return lookup[column.codes] if len(lookup) else np.full(len(column), -1, np.int64)
    if is_arrow(column):
        import pyarrow as pa
        import pyarrow.compute as pc

        from timeline_app.model.arrow_texts import arrow_numbers

        found = pc.index_in(column.array, value_set=pa.array(names, column.array.type)).fill_null(-1)
        return arrow_numbers(found, np.int32).astype(np.int64)
    place = {name: k for k, name in enumerate(names)}
    return np.fromiter(map(place.get, column, repeat(-1)), np.int64, len(column))


def _lanes(n: int, rows: np.ndarray | None, codes: np.ndarray, names: list[str]) -> list[LaneGroup]:
    """One lane per group that has events, in the order of `names`; beyond MAX_LANES the groups
    with the fewest events fold into "Other (k)". `rows[i]` is the event of `codes[i]` (None:
    one code per event, in order); an event counts once in a group however often it is named."""
    if rows is None:
        group_of, row_of = codes.astype(np.int64), np.arange(n)
    else:
        pairs = np.sort(codes.astype(np.int64) * n + rows.astype(np.int64))
        # unique by hand: numpy 2's np.unique hashes first, 1.7 s for 10^6 pairs; a sort is 0.05 s
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if len(pairs) else pairs
        group_of, row_of = np.divmod(pairs, n)
    sizes = np.bincount(group_of, minlength=len(names))
    present = np.flatnonzero(sizes).tolist()
    if len(present) > MAX_LANES:  # the largest stay (ties: the first in reading order)
        largest = sorted(present, key=lambda k: (-int(sizes[k]), k))[: MAX_LANES - 1]
        kept = sorted(largest)
    else:
        kept = present
    groups = []
    for k in kept:
        members = np.zeros(n, bool)
        members[row_of[group_of == k]] = True
        groups.append(LaneGroup(names[k], members))
    if len(kept) < len(present):
        rest = np.zeros(n, bool)
        rest[row_of[~np.isin(group_of, kept)]] = True
        groups.append(LaneGroup(f"{OTHER} ({len(present) - len(kept)})", rest))
    return groups
