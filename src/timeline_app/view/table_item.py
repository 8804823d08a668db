"""The timeline item for a table opened through DuckDB: it paints what `TableView` has.

A view with more markers than fit draws the strip at once (the marker index answers without a
query). A view that shows events one by one needs a query: the item asks for it
(`sigWanted`) and, until the answer is kept, paints the last answer it has at the new range,
so a frame never waits for DuckDB; the window repaints when the answer arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal

from timeline_app.presentation.table_view import Answer, TableView
from timeline_app.scene.aggregation import detail_capacity, through_badge
from timeline_app.scene.model import Scene
from timeline_app.view.measure import from_qrect
from timeline_app.view.timeline_item import TimelineItem


class TableItem(TimelineItem):
    sigWanted = Signal(object)  # Key: a view whose events must be asked of the source
    sigRowClicked = Signal(int)  # the row of the table (-1: none)

    def __init__(self, table: TableView) -> None:
        super().__init__()
        self.table = table
        self.shown: Answer | None = None  # whose events are painted (None: the strip)
        self._badged: Scene | None = None
        self.sigEventClicked.connect(self._on_event_clicked)
        self._show(None)  # a state from the start: an item without one paints nothing

    def scene_for(self, lo: float, hi: float, plot: QRectF) -> Scene | None:
        key = (lo, hi, detail_capacity(from_qrect(plot).w))
        answer: Answer | None = None
        if not self.table.draws_strip(*key):
            answer = self.table.answer(key)
            if answer is None:
                self.sigWanted.emit(key)
                answer = self.table.latest
        if answer is not None and answer.state is None:
            answer = None
        self._show(answer)
        scene = super().scene_for(lo, hi, plot)
        if scene is not None and answer is not None and answer.through and scene is not self._badged:
            if not scene.aggregated:
                scene.badges.append(through_badge(scene, answer.through, self.measures))
            self._badged = scene
        return scene

    def _show(self, answer: Answer | None) -> None:
        state = answer.state if answer is not None and answer.state is not None else self.table.empty
        self.shown = answer
        if state is not self.state:
            self.set_state(state)
            self._cache = None  # keyed by the state's version, which another state may share
            if answer is None:
                self._visibility = self.table.strip  # the whole table's markers, counted

    def _on_event_clicked(self, index: int) -> None:
        self.table.select(self.shown, index)
        self.sigRowClicked.emit(self.table.selected_row)
        self.update()
