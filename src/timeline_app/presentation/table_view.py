"""A view of a table too large to hold: what it draws, asked of a `DuckDBSource`.

The view asks two things, as of any timeline: how many markers fall in each column of the
density strip (from the marker index kept at open, no query) and, when few enough are in view,
which events to draw one by one (`model.view_rows.detail`, a DuckDB query that may take a few
hundred milliseconds at 10^8 rows, so it runs on a worker and its answers are kept here). The
events of an answer become a small timeline with a `ViewState` of its own, laid out and painted
by the same scene code as a loaded timeline; the strip is drawn by the scene's own aggregation
from a `Visibility` whose markers are counted by the index.

Pure Python: the window runs `ask` on a worker thread and hands the answer to `keep`.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from timeline_app.model.datasource import DuckDBSource, Rows
from timeline_app.model.marker_index import MarkerIndex
from timeline_app.model.row_timeline import day_texts, row_timeline
from timeline_app.model.view_rows import detail
from timeline_app.presentation.view_state import ViewState
from timeline_app.scene.arrays import Visibility, build_arrays

Key = tuple[float, float, int]  # lo, hi, capacity
KEPT = 64  # answers kept: a zoom back and forth over the same views asks DuckDB nothing
NOT_HERE = (
    "This table is opened through DuckDB because it is too large to load: a row shows what the "
    "table holds (id, title, category, dates). Excerpts and sources are not in it; search, "
    "category filters, swimlanes, editing and exports need the loaded timeline and are off."
)


class MarkerVisibility(Visibility):
    """No events of its own: its markers are those of the whole table, counted by the index,
    so the scene's aggregation draws the table's strip and counted clusters."""

    def __init__(self, empty: ViewState, markers: MarkerIndex) -> None:
        super().__init__(empty.arrays)
        self.markers = markers

    def count(self, lo: float, hi: float) -> int:
        return self.markers.count(lo, hi)

    def density(self, lo: float, hi: float, bins: int) -> np.ndarray:
        return self.markers.density(lo, hi, bins)


@dataclass(frozen=True)
class Answer:
    """What a view of `key` draws one by one (`state`), or None when it draws the strip."""

    key: Key
    rows: Rows | None
    state: ViewState | None
    through: int = 0  # spans running through the view, counted and not drawn


class TableView:
    """The answers a window has for a table opened through DuckDB, and its selection."""

    def __init__(self, source: DuckDBSource, title: str) -> None:
        self.source = source
        self.title = title
        self.empty = ViewState(row_timeline(_no_rows(), source.categories, title))
        self.strip = MarkerVisibility(self.empty, source.markers)
        self._answers: OrderedDict[Key, Answer] = OrderedDict()
        self.latest: Answer | None = None  # the last answer kept: shown while another is asked
        self.selected_row = -1
        self.selected: tuple[str, str, str, str] | None = None  # id, title, category, dates

    def draws_strip(self, lo: float, hi: float, capacity: int) -> bool:
        """More markers in view than fit: the strip, with no query."""
        return self.source.markers.count(lo, hi) > capacity

    def answer(self, key: Key) -> Answer | None:
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def ask(self, key: Key) -> Answer:
        """Runs on the worker: the query, and the small timeline of its rows."""
        lo, hi, capacity = key
        found = detail(self.source, lo, hi, capacity)
        if found is None:
            return Answer(key, None, None)
        timeline = row_timeline(found.rows, self.source.categories, self.title)
        return Answer(key, found.rows, ViewState(timeline, build_arrays(timeline)), found.through)

    def keep(self, answer: Answer) -> None:
        """On the window thread: remember the answer and mark the selection in it."""
        self._answers[answer.key] = answer
        while len(self._answers) > KEPT:
            self._answers.popitem(last=False)
        self.latest = answer
        self._mark_selection(answer)

    def select(self, answer: Answer | None, index: int) -> None:
        """Select event `index` of `answer` (-1: none)."""
        if answer is None or answer.rows is None or index < 0:
            self.selected_row, self.selected = -1, None
        else:
            rows = answer.rows
            self.selected_row = int(rows.row[index])
            first, last = day_texts(np.array([rows.first_day[index], rows.last_day[index]]))
            dates = first if first == last else f"{first} to {last}"
            self.selected = (rows.ids[index], rows.titles[index], rows.categories[index], dates)
        for kept in self._answers.values():
            self._mark_selection(kept)

    def _mark_selection(self, answer: Answer) -> None:
        if answer.state is None or answer.rows is None:
            return
        where = np.flatnonzero(answer.rows.row == self.selected_row)
        answer.state.set_selected(int(where[0]) if len(where) else -1)

    def panel_html(self) -> str:
        """The panel: the selected row as the table has it, and what this mode cannot show."""
        note = f"<p><i>{html.escape(NOT_HERE)}</i></p>"
        if self.selected is None:
            n, kinds = len(self.source), len(self.source.categories)
            return f"<h2>{html.escape(self.title)}</h2><p>{n:,} events in {kinds} categories.</p>{note}"
        event_id, title, category, dates = (html.escape(t) for t in self.selected)
        return (
            f"<h2>{title}</h2><p><b>{dates}</b> · {category}</p>"
            f"<p>id: <code>{event_id}</code> · row {self.selected_row:,}</p>{note}"
        )


def _no_rows() -> Rows:
    none = np.zeros(0, np.int64)
    return Rows(none, [], [], [], none, none, np.zeros(0, bool), none)
