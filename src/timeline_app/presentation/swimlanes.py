"""Which events go in which swimlane: rows grouped by category, by source or by status.

An event cited by two sources sits in both sources' lanes: a lane shows what that source
supports. More groups than a picture can hold (MAX_LANES) fold the smallest into one "Other"
lane, so a file with thousands of categories still draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np

from timeline_app.model.events import Timeline
from timeline_app.model.evidence import sources_by_publication
from timeline_app.model.schema import STATUSES

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
    by publication date), at most MAX_LANES of them."""
    if by == "category":
        groups = _by_category(timeline)
    elif by == "source":
        groups = _by_source(timeline)
    elif by == "status":
        groups = _by_status(timeline)
    else:
        raise ValueError(f"cannot group swimlanes by {by!r}; choose one of {', '.join(GROUPINGS)}")
    return _cap(groups)


def _by_category(timeline: Timeline) -> list[LaneGroup]:
    codes = timeline.columns.category
    return [LaneGroup(name, codes == k) for k, name in enumerate(timeline.categories)]


def _by_status(timeline: Timeline) -> list[LaneGroup]:
    """Happened first, then plans, forecasts and claims, as the file's words order them."""
    words = np.asarray(timeline.columns.status, dtype=object)
    groups = [LaneGroup(word.capitalize(), words == word) for word in STATUSES]
    return [g for g in groups if g.members.any()]


def _by_source(timeline: Timeline) -> list[LaneGroup]:
    cols = timeline.columns
    n = len(cols)
    order = [s.id for s in sources_by_publication(timeline)]
    names = {s.id: s.publisher or s.author or s.title for s in timeline.sources.values()}
    excerpts = cols.excerpts  # read from its columns: no Excerpt is made
    lane = {source_id: k for k, source_id in enumerate(order)}
    cited = np.fromiter(map(lane.get, excerpts.texts["source"], repeat(-1)), np.int64)
    known = cited >= 0
    by_lane = np.argsort(cited[known], kind="stable")
    rows = excerpts.rows()[known][by_lane]  # the rows citing each source, source after source
    bounds = np.cumsum(np.bincount(cited[known], minlength=len(order))).tolist()
    members = {source_id: np.zeros(n, bool) for source_id in order}
    for source_id, first, last in zip(order, [0, *bounds], bounds, strict=False):
        members[source_id][rows[first:last]] = True
    orphans = excerpts.counts == 0
    groups = [LaneGroup(_unique(names[s], s, names), members[s]) for s in order if members[s].any()]
    if orphans.any():
        groups.append(LaneGroup(NO_SOURCE, orphans))
    return groups


def _unique(name: str, source_id: str, names: dict[str, str]) -> str:
    """Two sources with the same publisher get their ids to tell them apart."""
    clash = sum(1 for other in names.values() if other == name) > 1
    return f"{name} ({source_id})" if clash else name


def _cap(groups: list[LaneGroup]) -> list[LaneGroup]:
    if len(groups) <= MAX_LANES:
        return groups
    sizes = [int(g.members.sum()) for g in groups]
    keep = set(sorted(range(len(groups)), key=lambda k: -sizes[k])[: MAX_LANES - 1])
    rest = np.zeros(len(groups[0].members), bool)
    for k, group in enumerate(groups):
        if k not in keep:
            rest |= group.members
    folded = len(groups) - len(keep)
    return [g for k, g in enumerate(groups) if k in keep] + [LaneGroup(f"{OTHER} ({folded})", rest)]
