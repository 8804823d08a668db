"""The view state: which timeline, which events pass the filters, the selection, the options.

Pure Python with change signals. The window and the exports both draw from a ViewState; the
painting item listens to its signals and re-reads it (`_on_<x>_changed`), and widgets write back
through its setters.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cached_property

import numpy as np

from timeline_app.model.events import Timeline
from timeline_app.model.evidence import citation_numbers, source_count_text, sources_by_publication
from timeline_app.model.schema import STATUSES
from timeline_app.model.search_texts import SearchTexts
from timeline_app.presentation.evidence_html import LinkRow
from timeline_app.presentation.signals import Signal
from timeline_app.presentation.swimlanes import GROUPINGS, LaneGroup, lane_groups
from timeline_app.scene.arcs import LinkEnd
from timeline_app.scene.arrays import DAY, OUTLINED, EventArrays, build_arrays, date_seconds
from timeline_app.scene.sources_lane import SourceMark


class ViewState:
    """Everything a picture of a timeline depends on, apart from its size and range."""

    def __init__(
        self, timeline: Timeline, arrays: EventArrays | None = None, haystacks: SearchTexts | None = None
    ) -> None:
        self.timeline = timeline
        self.arrays = arrays if arrays is not None else build_arrays(timeline)
        self._haystacks = haystacks
        self.shown: np.ndarray | None = None  # events passing the category and search filters
        self.selected = -1
        self.hidden_categories: set[str] = set()
        self.search_text = ""
        self.show_sources_lane = False
        self.citations = False  # numbered source list under the picture, numbers after labels
        self.era = "BC"  # years before AD 1 as "44 BC" ("BC") or "44 BCE" ("BCE")
        self.swimlanes_by = ""  # "": one flat timeline; else a key of swimlanes.GROUPINGS
        self.collapsed_lanes: set[str] = set()
        self._groups: tuple[str, list[LaneGroup]] | None = None
        self.version = 0  # bumped on every change: a key for caches of what is drawn
        self.selection_changed = Signal()
        self.filter_changed = Signal()
        self.options_changed = Signal()
        for signal in (self.selection_changed, self.filter_changed, self.options_changed):
            signal.connect(self._bump)

    def _bump(self) -> None:
        self.version += 1

    def copy(self) -> ViewState:
        """The same picture with its own signals (an export must not repaint the window)."""
        twin = ViewState(self.timeline, self.arrays, self._haystacks)
        twin.shown = None if self.shown is None else self.shown.copy()
        twin.selected = self.selected
        twin.hidden_categories = set(self.hidden_categories)
        twin.search_text = self.search_text
        twin.show_sources_lane = self.show_sources_lane
        twin.citations = self.citations
        twin.era = self.era
        twin.swimlanes_by = self.swimlanes_by
        twin.collapsed_lanes = set(self.collapsed_lanes)
        twin._groups = self._groups
        return twin

    # --- setters that announce ------------------------------------------------------------
    def set_selected(self, index: int) -> None:
        if index != self.selected:
            self.selected = index
            self.selection_changed.emit()

    def set_category_shown(self, category: str, shown: bool) -> None:
        if shown:
            self.hidden_categories.discard(category)
        else:
            self.hidden_categories.add(category)
        self.refilter()

    def show_only_categories(self, names: list[str] | None) -> None:
        """Keep only the named categories (None: all)."""
        if names is None:
            self.hidden_categories = set()
        else:
            self.hidden_categories = set(self.timeline.categories) - set(names)
        self.refilter()

    def set_search(self, text: str) -> None:
        self.search_text = text.strip()
        self.refilter()

    def set_sources_lane(self, shown: bool) -> None:
        self.show_sources_lane = shown
        self.options_changed.emit()

    def set_era(self, era: str) -> None:
        """Write years before AD 1 as BC/AD ("BC") or BCE/CE ("BCE")."""
        self.era = "BCE" if era == "BCE" else "BC"
        self.options_changed.emit()

    def set_swimlanes(self, by: str) -> None:
        """Group the rows by a field ("category", "source"), or "" for one flat timeline."""
        if by and by not in GROUPINGS:
            raise ValueError(f"cannot group swimlanes by {by!r}")
        if by != self.swimlanes_by:
            self.swimlanes_by = by
            self.collapsed_lanes = set()
            self.options_changed.emit()

    def set_lane_collapsed(self, name: str, collapsed: bool) -> None:
        if collapsed != (name in self.collapsed_lanes):
            (self.collapsed_lanes.add if collapsed else self.collapsed_lanes.discard)(name)
            self.options_changed.emit()

    def lane_groups(self) -> list[LaneGroup]:
        """The swimlanes of the current grouping (none when the timeline is flat)."""
        if not self.swimlanes_by:
            return []
        if self._groups is None or self._groups[0] != self.swimlanes_by:
            self._groups = (self.swimlanes_by, lane_groups(self.timeline, self.swimlanes_by))
        return self._groups[1]

    def set_citations(self, shown: bool) -> None:
        self.citations = shown
        self.options_changed.emit()

    # --- filters --------------------------------------------------------------------------
    @property
    def haystacks(self) -> SearchTexts:
        """What the search box looks in; folded on the first search, then kept (copies share it)."""
        if self._haystacks is None:
            self._haystacks = self.timeline.columns.search_texts()
        return self._haystacks

    def refilter(self) -> None:
        """Recompute which events pass the category and search filters; announce it."""
        mask = self.haystacks.matches(self.search_text) if self.search_text else None
        if self.hidden_categories:
            hidden = [i for i, c in enumerate(self.arrays.categories) if c in self.hidden_categories]
            by_category = ~np.isin(self.arrays.category, hidden)
            mask = by_category if mask is None else mask & by_category
        self.shown = mask
        self.filter_changed.emit()

    def n_shown(self) -> int:
        return len(self.arrays) if self.shown is None else int(self.shown.sum())

    def shown_indices(self) -> np.ndarray:
        n = len(self.arrays)
        return np.arange(n) if self.shown is None else np.flatnonzero(self.shown)

    # --- what the picture shows of each event ---------------------------------------------
    def titles(self) -> Sequence[str]:
        return self.timeline.columns.titles

    def tooltip(self, index: int) -> str:
        """Rich text with every piece of data escaped: markup in a title shows literally."""
        cols = self.timeline.columns
        event = self.timeline.events[index]
        n, independent = int(cols.n_sources[index]), int(cols.independent[index])
        details = f"{event.when.text(self.era)} · {event.category} · {source_count_text(n, independent)}"
        if event.inferred:
            details += " · date inferred"
        if event.status != "happened":
            details += f" · {event.status}"
        return f"<b>{html.escape(event.title)}</b><br>{html.escape(details)}"

    def alternatives(self, index: int) -> list[tuple[float, float]]:
        """Intervals (seconds) that passages claim instead of the event's own date."""
        event = self.timeline.events[index]
        return [
            (date_seconds(x.claims_date.first_day()), date_seconds(x.claims_date.last_day()) + DAY)
            for x in event.conflicting_excerpts()
            if x.claims_date is not None
        ]

    def event_sources(self, index: int) -> tuple[str, ...]:
        return self.timeline.events[index].source_ids if index >= 0 else ()

    # --- links between events --------------------------------------------------------------
    @cached_property
    def _link_index(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every link as (target row, source row, position among the source's links), sorted by
        target: the links made to an event are one binary search away. Arrays, not a dict of
        lists: 63k small lists took 1.4 s to build at 100k links (the collector walked the
        loaded timeline each time), these arrays 0.2 s."""
        cols = self.timeline.columns
        links = cols.links or ()
        counts = np.fromiter((len(row) for row in links), np.int64, len(links))
        total = int(counts.sum())
        sources = np.repeat(np.arange(len(counts)), counts)
        positions = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        targets = cols.rows_of([x.to for row in links for x in row])
        order = np.argsort(targets, kind="stable")
        return targets[order], sources[order], positions[order]

    @cached_property
    def _has_link(self) -> np.ndarray:
        """Per event: it makes a link or is the target of one."""
        cols = self.timeline.columns
        has = np.zeros(len(cols), bool)
        targets, sources, _ = self._link_index
        has[sources] = True
        has[targets[targets >= 0]] = True
        return has

    def link_rows(self, index: int) -> list[LinkRow]:
        """The event's links both ways: those it makes, then those made to it."""
        cols = self.timeline.columns
        if index < 0 or cols.links is None:
            return []
        rows = [
            LinkRow(target, link, True)
            for link in cols.links[index]
            if (target := cols.row_of.get(link.to)) is not None
        ]
        targets, sources, positions = self._link_index
        a, b = np.searchsorted(targets, [index, index + 1]).tolist()
        made_to = zip(sources[a:b].tolist(), positions[a:b].tolist(), strict=True)
        return rows + [LinkRow(row, cols.links[row][k], False) for row, k in made_to]

    def event_links(self, index: int) -> tuple[LinkEnd, ...]:
        """The event's links for the scene's arcs."""
        rows = self.link_rows(index)
        return tuple(LinkEnd(r.other, r.link.type, r.link.inferred, r.outgoing) for r in rows)

    def legend_marks(self, indices: np.ndarray | None = None) -> set[str]:
        """The legend keys for status, links and independent counts that the events at `indices`
        (None: all) need: "planned", "reported", "alleged", "disputed", "link", "independent"."""
        cols = self.timeline.columns
        status = self.arrays.status if indices is None else self.arrays.status[indices]
        present = {STATUSES[code] for code in np.unique(status).tolist()}
        keys = {"planned"} if present & {STATUSES[code] for code in OUTLINED} else set()
        keys |= present & {"reported", "alleged", "disputed"}
        if cols.links is not None and bool(  # no links: no index of 10^6 ids to build (0.7 s)
            self._has_link.any() if indices is None else self._has_link[indices].any()
        ):
            keys.add("link")
        independent, n_sources = cols.independent, cols.n_sources
        fewer = independent < n_sources if indices is None else independent[indices] < n_sources[indices]
        if bool(np.any(fewer)):
            keys.add("independent")
        return keys

    @cached_property
    def citation_numbers(self) -> dict[str, int]:
        return citation_numbers(self.timeline)

    def label_suffix(self, index: int) -> str:
        numbers = self.citation_numbers
        cited = sorted(numbers[s] for s in self.event_sources(index) if s in numbers)
        return f" [{','.join(map(str, cited))}]" if cited else ""

    def citation_lines(self) -> list[str]:
        return [f"[{n}] {s.citation()}" for n, s in enumerate(sources_by_publication(self.timeline), start=1)]

    def source_marks(self) -> list[SourceMark]:
        """Each dated source document at its publication date, for the sources lane."""
        marks = []
        for n, source in enumerate(sources_by_publication(self.timeline), start=1):
            if source.published is None:
                continue
            name = source.publisher or source.author or source.title
            marks.append(
                SourceMark(
                    source.id,
                    f"[{n}] {name[:40]}",
                    date_seconds(source.published.first_day()),
                    date_seconds(source.published.last_day()) + DAY,
                    source.published_inferred,
                )
            )
        return marks
