"""Big-file mode: a Parquet table of event columns opens through DuckDB, never loaded.

A `.parquet` file whose columns are those of `DuckDBSource` (row, id, title, category,
first_day, last_day) is the form a table too large for memory takes (a million events loaded
take ~900 bytes each; 10^8 rows through DuckDB take the marker index and a query's rows). It is
opened on a worker thread (one pass over the file), then drawn by a `TableItem` in the canvas
in place of the timeline item. The queries a view needs run on the same worker, one at a time,
the newest request next; a frame never waits for one.

What needs the loaded timeline is switched off with the reason in its tooltip: search,
category filters, swimlanes, editing, exports, the sources lane, stepping between events.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QTextBrowser, QWidget

from timeline_app.model import LoadError, Problem
from timeline_app.model.datasource import DuckDBSource
from timeline_app.presentation.table_view import Answer, Key, TableView
from timeline_app.view.canvas import MIN_RANGE, TimelineCanvas
from timeline_app.view.table_item import TableItem
from timeline_app.window.error_panel import ErrorPanel

OFF_REASON = "Not available for a table opened through DuckDB (too large to load)"


@dataclass
class Parts:
    """The window's pieces big-file mode draws into, and what it switches off."""

    canvas: TimelineCanvas
    panel: QTextBrowser
    errors: ErrorPanel
    status: QStatusBar
    count_label: QLabel
    switched_off: list[QAction | QWidget]


class LargeTable(QObject):
    """Opens tables through DuckDB on a worker and answers the view's queries there."""

    sigOpened = Signal(object, object)  # Path, TableView | LoadError (from the worker)
    sigAnswered = Signal(object)  # Answer (from the worker)
    sigShown = Signal(object)  # Path: a table is on screen

    def __init__(self, parts: Parts, threads: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.threads = threads
        self.view: TableView | None = None
        self.item: TableItem | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-table")
        self._opening: Path | None = None
        self._asking: Key | None = None
        self._wanted: Key | None = None
        self.sigOpened.connect(self._on_opened)
        self.sigAnswered.connect(self._on_answered)

    def busy(self) -> bool:
        return self._opening is not None or self._asking is not None

    def open(self, path: Path) -> None:
        self._opening = path
        self.parts.status.showMessage(f"Opening {path.name} through DuckDB…")
        self._executor.submit(self._open, path)

    def _open(self, path: Path) -> None:
        try:
            result: TableView | LoadError = TableView(DuckDBSource(path, self.threads), path.name)
        except LoadError as exc:
            result = exc
        except Exception as exc:  # DuckDB's own errors (a column of the wrong type, damage)
            message = f"cannot read it as a table of event columns: {exc}"
            result = LoadError([Problem(str(path), 0, 0, message)])
        self.sigOpened.emit(path, result)

    def _on_opened(self, path: Path, result: TableView | LoadError) -> None:
        if path != self._opening:
            return  # another file was opened meanwhile
        self._opening = None
        if isinstance(result, LoadError):
            self.parts.errors.show_problems(path, result.problems, "The previous timeline stays on screen.")
            self.parts.status.showMessage(f"{path.name}: {len(result.problems)} problem(s)", 10000)
            return
        self._install(result)
        self.parts.status.showMessage(f"Opened {path.name} through DuckDB", 4000)
        self.sigShown.emit(path)

    def _install(self, view: TableView) -> None:
        self.close()
        canvas = self.parts.canvas
        canvas.release_state()
        self.view = view
        self.item = TableItem(view)
        self.item.sigWanted.connect(self._on_wanted)
        self.item.sigRowClicked.connect(lambda _row: self.show_panel())
        self.item.sigClusterClicked.connect(canvas.zoom_to)
        canvas.item.hide()
        canvas.view_box.addItem(self.item, ignoreBounds=True)
        canvas.title_bar.set_text(view.title)
        source = view.source
        canvas.legend.set_categories(source.categories, source.category_counts, set())
        canvas.lane_names.set_names([])
        canvas.set_extent(*source.extent)
        self.fit_all()
        self.parts.errors.hide()
        self.parts.count_label.setText(f"{len(source):,} events · through DuckDB")
        for part in self.parts.switched_off:
            part.setEnabled(False)
            part.setToolTip(OFF_REASON) if isinstance(part, QWidget) else part.setStatusTip(OFF_REASON)
        self.show_panel()

    def fit_all(self) -> None:
        if self.view is not None:
            lo, hi = self.view.source.extent
            width = max(hi - lo, MIN_RANGE)
            self.parts.canvas.set_x_range(lo - width * 0.04, hi + width * 0.04)

    def show_panel(self) -> None:
        if self.view is not None:
            self.parts.panel.setHtml(self.view.panel_html())
            if self.view.selected is not None:
                self.parts.status.showMessage(f"{self.view.selected[3]} — {self.view.selected[1]}", 6000)

    def deselect(self) -> None:
        if self.view is not None and self.item is not None:
            self.view.select(None, -1)
            self.item.update()
            self.show_panel()

    def close(self) -> None:
        """Back to the ordinary timeline item (a loaded file is shown, or nothing)."""
        self._opening = None
        if self.item is None:
            return
        canvas = self.parts.canvas
        canvas.view_box.removeItem(self.item)
        self.item.release_state()
        self.item = None
        self.view = None
        self._wanted = None
        canvas.item.show()
        for part in self.parts.switched_off:
            part.setEnabled(True)
            part.setToolTip("") if isinstance(part, QWidget) else part.setStatusTip("")

    # --- queries ---------------------------------------------------------------------------
    def _on_wanted(self, key: Key) -> None:
        if self._asking is None:
            self._ask(key)
        elif key != self._asking:
            self._wanted = key  # only the newest: the view has moved on from the others

    def _ask(self, key: Key) -> None:
        view = self.view
        if view is None:
            return
        self._asking = key
        self._executor.submit(self._answer, view, key)

    def _answer(self, view: TableView, key: Key) -> None:
        try:
            self.sigAnswered.emit((view, view.ask(key)))
        except Exception as exc:  # the file changed or went away under DuckDB
            self.sigAnswered.emit((view, exc))

    def _on_answered(self, found: tuple[TableView, Answer | Exception]) -> None:
        view, answer = found
        self._asking = None
        if view is not self.view:
            return
        if isinstance(answer, Exception):
            self.parts.status.showMessage(f"The query for this view failed: {answer}", 10000)
            return
        view.keep(answer)
        wanted, self._wanted = self._wanted, None
        if wanted is not None and view.answer(wanted) is None:
            self._ask(wanted)
        if self.item is not None:
            self.item.update()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


__all__ = ["LargeTable", "Parts"]


def open_table(window: Any, path: Path) -> LargeTable:
    """Open `path` in big-file mode in the main window (made the first time it is needed)."""
    large: LargeTable | None = window.large
    if large is None:
        acts = window.actions_
        parts = Parts(
            window.canvas,
            window.panel,
            window.errors,
            window.statusBar(),
            window.count_label,
            [
                window.search_bar,
                *(getattr(acts, name) for name in _OFF_ACTIONS),
                acts.category_menu.menuAction(),
                acts.lanes_menu.menuAction(),
                window.edit_menu.menu.menuAction(),
            ],
        )
        large = LargeTable(parts, parent=window)
        large.sigShown.connect(lambda shown: _on_shown(window, shown))
    large.open(path)
    return large


_OFF_ACTIONS = ("export", "print", "prev", "next", "first", "last", "open_selected", "sources_lane")


def _on_shown(window: Any, path: Path) -> None:
    """The window shows the table: its loaded timeline (if any) is let go, the file watched."""
    window.state = None
    window.path = path
    window.watch.watch(path)
    window.saving.on_loaded(path)
    window.recent.remember(path)
