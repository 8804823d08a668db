"""The main window: timeline on top, sources below, menus, toolbar, search and status."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.presentation.navigation import step_target
from timeline_app.presentation.search import counted, shown_summary
from timeline_app.presentation.source_html import event_html, overview_html
from timeline_app.presentation.view_state import ViewState
from timeline_app.resources import default_dataset
from timeline_app.view.canvas import TimelineCanvas
from timeline_app.window.canvas_clicks import EmptyClickFilter
from timeline_app.window.documents import DocumentFinder
from timeline_app.window.edit_menu import install_editing
from timeline_app.window.error_panel import ErrorPanel
from timeline_app.window.file_watch import FileWatch
from timeline_app.window.loading import BACKGROUND_BYTES, BackgroundLoad, Prepared, file_stamp
from timeline_app.window.menus import build_actions, sync_category_menu
from timeline_app.window.recent import RecentFiles
from timeline_app.window.saving import Saving
from timeline_app.window.search_bar import SearchBar
from timeline_app.window.source_panel import SourcePanel, panel_colors, release_clipboard
from timeline_app.window.window_commands import WindowCommands

if TYPE_CHECKING:
    from timeline_app.window.large_table import LargeTable

# A frame in the palette's highlight while the timeline has the keys (always reserved, so taking
# focus moves nothing).
OPEN_FILTER = "Timelines (*.yaml *.yml *.csv *.json *.parquet *.pq *.feather *.arrow);;All files (*)"
CANVAS_FOCUS_FRAME = (
    "QGraphicsView { border: 2px solid transparent; }"
    " QGraphicsView:focus { border: 2px solid palette(highlight); }"
)


class MainWindow(WindowCommands):
    def __init__(self, settings: QSettings | None = None, documents_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.path: Path | None = None
        self.state: ViewState | None = None
        self.large: LargeTable | None = None  # big-file mode, once a table was opened so
        self.resize(1400, 900)
        self.canvas = TimelineCanvas()
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.setStyleSheet(CANVAS_FOCUS_FRAME)
        self.panel = SourcePanel()
        self.errors = ErrorPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.errors)
        box.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.search_bar = SearchBar()
        self.search = self.search_bar.edit
        self.search_bar.sigChanged.connect(self._on_search_edited)
        self.search.sigStep.connect(self.step_match)
        self.search.sigEscape.connect(self.clear_search)
        self.count_label = QLabel()
        self.background = BackgroundLoad(self.statusBar(), self)
        self.background.sigDone.connect(self._show_loaded)
        self.background.sigSuperseded.connect(self._on_load_superseded)
        self.statusBar().addPermanentWidget(self.count_label)
        self.actions_ = build_actions(
            self,
            {
                "open": self.open_dialog,
                "reload": lambda: self.saving.reload(),  # asks about unsaved edits first
                "export": self.export_dialog,
                "print": self.print_dialog,
                "quit": self.close,
                "fit": self.fit_all,
                "zoom_in": lambda: self.canvas.zoom(0.5),
                "zoom_out": lambda: self.canvas.zoom(2.0),
                "prev": lambda: self.step(-1),
                "next": lambda: self.step(1),
                "first": lambda: self.step_to_end(first=True),
                "last": lambda: self.step_to_end(first=False),
                "open_selected": self.show_selected_sources,
                "search": self.search_bar.focus_box,
                "deselect": lambda: self.select_event(-1),
                "panel_beside": lambda: self.set_panel_beside(self.actions_.panel_beside.isChecked()),
                "about": self.about,
                "sources_lane": lambda: self.set_sources_lane(self.act_sources_lane.isChecked()),
                "era": lambda: self.set_era("BCE" if self.actions_.era.isChecked() else "BC"),
            },
            self.search_bar,
        )
        self.act_sources_lane = self.actions_.sources_lane
        self.category_menu = self.actions_.category_menu
        self.recent = RecentFiles(self.settings, self.actions_.recent_menu, self.open_file)
        self.documents = DocumentFinder(self, documents_dir)
        self.watch = FileWatch(parent=self)
        self.saving = Saving(self, self)
        self.watch.sigChanged.connect(self.saving.on_file_changed)
        self.editing, self.edit_menu = install_editing(self, self, self.canvas, self.documents)
        self.canvas.item.sigEventClicked.connect(self.select_event)
        self.canvas.legend.sigCategoryToggled.connect(self.toggle_category)
        self.panel.sigShowDocument.connect(self.show_in_document)
        self.panel.sigCopyQuote.connect(self.copy_quote)
        self._connect_links()
        self.empty_clicks = EmptyClickFilter(self.canvas)
        self.empty_clicks.sigEmptyClick.connect(lambda: self.select_event(-1))
        self._theming = False
        self.apply_theme()
        self.panel.sigLinkRefused.connect(
            lambda url: self.statusBar().showMessage(
                f"Link not opened: only http and https links open ({url[:80]})", 8000
            )
        )
        self._restore_settings()
        self._setup_lanes_menu()

    # --- files ----------------------------------------------------------------------------
    def open_path(self, path: str | Path | None) -> bool:
        """Load a file now; on failure show its problems and keep whatever is on screen.

        A background load still running was asked for earlier: its result is dropped."""
        target = Path(path) if path else default_dataset()
        self.background.supersede()
        if self._open_table(target):
            return True
        try:
            result: Timeline | LoadError = load_path(target)
        except LoadError as exc:
            result = exc
        return self._show_loaded(target, result)

    def open_file(self, path: str | Path | None) -> None:
        """Open from the user: large files load on a worker thread while the window stays live."""
        if not self.saving.may_replace():
            return
        target = Path(path) if path else default_dataset()
        if _large(target):
            self._load_in_background(target)
        else:
            self.open_path(target)

    def open_started(
        self, target: Path, reading: Future[Prepared | LoadError] | None, stamp: tuple[int, int] | None
    ) -> None:
        """Show a file whose reading began before the window was built (start-up): a small one
        is waited for, so the first paint shows it; a large one loads as `open_file`'s would;
        a table of event columns (`reading` None: not read) opens through DuckDB."""
        if reading is None:
            self.open_path(target)
            return
        if _large(target):
            self.background.adopt(target, reading, stamp)
            return
        result = reading.result()
        if file_stamp(target) == stamp:  # as it was when the read began
            self._show_loaded(target, result)
        else:
            self.open_path(target)  # changed while it was read: read what is there now

    def _load_in_background(self, target: Path) -> None:
        if self._open_table(target):
            self.background.supersede()
            return
        self.background.start(target)  # a load still running is superseded: the newest wins

    def _open_table(self, target: Path) -> bool:
        """A Parquet table of event columns opens through DuckDB (big-file mode)."""
        from timeline_app.model.datasource import is_event_table
        from timeline_app.window.large_table import open_table

        if not is_event_table(target):
            return False
        self.large = open_table(self, target)
        return True

    def _on_load_superseded(self, old: Path, new: Path | None) -> None:
        if new is None:
            shown = self.path.name if self.path else "another file"
            text = f"The load of {old.name} was superseded: {shown} was opened meanwhile"
        elif new == old:
            text = f"{old.name} changed while it loaded: the load was superseded; loading it again…"
        else:
            text = f"The load of {old.name} was superseded by a newer request: loading {new.name}…"
        self.statusBar().showMessage(text, 10000)

    def is_loading(self) -> bool:
        return self.background.busy() or (self.large is not None and self.large.busy())

    def _show_loaded(self, target: Path, result: Timeline | Prepared | LoadError) -> bool:
        if isinstance(result, LoadError):
            kept = (
                "The previous timeline stays on screen."
                if self.state
                else "Fix the file and choose File > Reload."
            )
            self.errors.show_problems(target, result.problems, kept)
            self.statusBar().showMessage(f"{target.name}: {len(result.problems)} problem(s)", 10000)
            if self.state is None:
                self.path = target
                self.watch.watch(target)
                self.panel.setPlainText(
                    f"No timeline is open: {target.name} has problems "
                    "(listed above). Fix them in your editor and save; the "
                    "window reloads the file by itself."
                )
            return False
        if self.large is not None:
            self.large.close()
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        state = result.state if isinstance(result, Prepared) else ViewState(result)
        if not same_file and self.search.text():
            self.search_bar.clear()  # filters belong to the file they were set on
        self._show_state(state, keep_view=same_file and self.state is not None, same_file=same_file)
        self.path = target
        self.watch.watch(target)
        self.errors.hide()
        self.saving.on_loaded(target)  # sets the title, with its mark for unsaved edits
        if target.resolve() != default_dataset().resolve():
            self.recent.remember(target)
        return True

    def reload(self) -> None:
        """Read again the file the window shows, or, while a file loads, the one it will show."""
        loading = self.background.target()
        path = loading or self.path
        if path is None:
            return
        if loading is not None or _large(path):
            self._load_in_background(path)
        elif self.open_path(path):
            self.statusBar().showMessage(f"Reloaded {path.name}", 4000)

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open timeline", start, OPEN_FILTER)
        if name:
            self.open_file(name)

    def fit_all(self) -> None:
        if self.large is not None and self.large.view is not None:
            self.large.fit_all()
        else:
            self.canvas.fit_all()

    # --- showing a timeline ---------------------------------------------------------------
    def _show_state(self, state: ViewState, keep_view: bool, same_file: bool = True) -> None:
        """Swap in a new state; on a reload of the same file keep the selection, the filters and
        the view (another file starts with every event shown)."""
        old = self.state
        selected_id = (
            old.timeline.columns.ids[old.selected] if old is not None and old.selected >= 0 else None
        )
        view = self.canvas.x_range() if keep_view else None
        state.show_sources_lane = self.act_sources_lane.isChecked()
        state.era = "BCE" if self.actions_.era.isChecked() else "BC"
        state.swimlanes_by = self.swimlanes_by()
        if old is not None and same_file:
            state.hidden_categories = old.hidden_categories & set(state.timeline.categories)
            state.collapsed_lanes = set(old.collapsed_lanes)
        index = state.timeline.index_of(selected_id) if selected_id else None
        state.selected = index if index is not None else -1
        state.search_text = self.search.text().strip()
        state.refilter()
        state.filter_changed.connect(self._on_filter_changed)
        state.selection_changed.connect(self._on_selection_changed)
        self.state = state
        self.canvas.set_state(state)
        self._fill_category_menu()
        self._on_filter_changed()
        if view is not None:
            self.canvas.set_x_range(*view)
        else:
            self.canvas.fit_all()
        self._on_selection_changed()

    def _on_filter_changed(self) -> None:
        state = self.state
        if state is None:
            return
        total, shown = len(state.timeline.events), state.n_shown()
        hidden = [c for c in state.timeline.categories if c in state.hidden_categories]
        summary = shown_summary(shown, total, state.search_text, hidden)
        self.count_label.setText(f"{summary} · {counted(len(state.timeline.sources), 'source')}")
        self._update_match_count()
        sync_category_menu(self.category_menu, state.hidden_categories)

    # --- selection ------------------------------------------------------------------------
    def select_event(self, index: int) -> None:
        if self.large is not None and self.large.view is not None and index < 0:
            self.large.deselect()  # a table through DuckDB: Escape or a click on empty space
        if self.state is not None:
            self.state.set_selected(index)
            self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        state = self.state
        if state is None:
            return
        self.editing.on_selection_changed()
        self._update_match_count()
        colors = panel_colors(self.palette())  # the window's: children get a new palette after it
        if state.selected < 0:
            self.panel.setHtml(overview_html(state.timeline, state.era, colors))
            return
        event = state.timeline.events[state.selected]
        shown = (state.era, colors, state.search_text, state.link_rows(state.selected))
        self.panel.setHtml(event_html(event, state.timeline, self.documents.has_document, *shown))
        self.statusBar().showMessage(f"{event.when.text()} — {event.title}", 6000)

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) shown event and keep it in view."""
        if self.state is None:
            return
        state = self.state
        target = step_target(
            state.shown_indices(), state.arrays.x, state.selected, direction, self.canvas.x_range()
        )
        if target is not None:
            self._select_and_reveal(target)

    def step_to_end(self, first: bool) -> None:
        if self.state is None:
            return
        shown = self.state.shown_indices()
        if len(shown):
            self._select_and_reveal(int(shown[0] if first else shown[-1]))

    def _select_and_reveal(self, index: int) -> None:
        assert self.state is not None
        self.select_event(index)
        arrays = self.state.arrays
        self.canvas.pan_to_show(float(arrays.x0[index]), float(arrays.x1[index]))

    def show_selected_sources(self) -> None:
        if self.state is not None and self.state.selected >= 0:
            self._on_selection_changed()
            self.panel.verticalScrollBar().setValue(0)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([640, 260])
        beside = str(self.settings.value("view/panel_beside", "false")).lower() == "true"
        self.actions_.panel_beside.setChecked(beside)
        if beside:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            if not isinstance(splitter, QByteArray):
                self.splitter.setSizes([950, 450])
        lane = str(self.settings.value("view/sources_lane", "false")).lower() == "true"
        self.act_sources_lane.setChecked(lane)
        self.actions_.era.setChecked(str(self.settings.value("view/era", "BC")) == "BCE")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editing.inspector.commit_pending()  # a field still being typed in is an edit too
        if not self.saving.may_close():
            event.ignore()
            return
        self.background.shutdown()
        if self.large is not None:
            self.large.shutdown()
        release_clipboard()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)


def _large(path: Path) -> bool:
    """Loaded on the worker thread (with progress and Cancel) rather than at once."""
    try:
        return path.stat().st_size > BACKGROUND_BYTES
    except OSError:
        return False
