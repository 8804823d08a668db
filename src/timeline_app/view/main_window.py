"""The main window: timeline on top, sources below, menus, toolbar, search and status."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QLabel, QLineEdit, QMainWindow, QMessageBox,
    QProgressBar, QSplitter, QVBoxLayout, QWidget,
)

from timeline_app import APP_NAME
from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.model.documents import find_quote, resolve_document
from timeline_app.model.events import Source
from timeline_app.render import Picture, apply_evidence_options, apply_picture
from timeline_app.resources import default_dataset
from timeline_app.sourcetext import event_html, overview_html
from timeline_app.view.canvas import TimelineCanvas
from timeline_app.view.document_dialog import DocumentDialog
from timeline_app.view.error_panel import ErrorPanel
from timeline_app.view.loading import BACKGROUND_BYTES, Prepared, load_prepared
from timeline_app.view.file_watch import FileWatch
from timeline_app.view.source_panel import SourcePanel

MAX_RECENT = 10
class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, documents_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.documents_dir = documents_dir
        self.path: Path | None = None
        self.picture: Picture | None = None
        self._haystacks: list[str] = []
        self.resize(1400, 900)
        self.canvas = TimelineCanvas()
        self.canvas.setFocusPolicy(Qt.StrongFocus)
        self.panel = SourcePanel()
        self.errors = ErrorPanel()
        self.splitter = QSplitter(Qt.Vertical)
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
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, summaries and quotes")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(360)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.count_label = QLabel()
        self._loading: tuple[Path, Future] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-load")
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(40)
        self._poll_timer.timeout.connect(self._poll_background_load)
        self._loading_label = QLabel()
        self._progress = QProgressBar()
        self._progress.setRange(0, 0)  # busy: a parse reports no fraction done
        self._progress.setMaximumWidth(160)
        for widget in (self._loading_label, self._progress):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_actions()
        self.watch = FileWatch(parent=self)
        self.watch.sigChanged.connect(self.reload)
        self.canvas.item.sigEventClicked.connect(self.select_event)
        self.canvas.legend.sigCategoryToggled.connect(self.toggle_category)
        self.panel.sigShowDocument.connect(self.show_in_document)
        self.panel.sigLinkRefused.connect(
            lambda url: self.statusBar().showMessage(f"Link not opened: only http and https "
                                                     f"links open ({url[:80]})", 8000))
        self._restore_settings()

    # --- actions and menus ----------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_open = a("&Open…", self.open_dialog, QKeySequence.Open)
        self.act_reload = a("&Reload", self.reload, [QKeySequence.Refresh, "Ctrl+R"])
        self.act_export = a("&Export Image…", self.export_dialog, "Ctrl+E")
        self.act_quit = a("&Quit", self.close, QKeySequence.Quit)
        self.act_fit = a("&Fit All", self.canvas.fit_all, "F")
        self.act_zoom_in = a("Zoom &In", lambda: self.canvas.zoom(0.5), [QKeySequence.ZoomIn, "+", "="])
        self.act_zoom_out = a("Zoom &Out", lambda: self.canvas.zoom(2.0), [QKeySequence.ZoomOut, "-"])
        self.act_prev = a("&Previous Event", lambda: self.step(-1), "Left")
        self.act_next = a("&Next Event", lambda: self.step(1), "Right")
        self.act_first = a("First Event", lambda: self.step_to_end(first=True), "Home")
        self.act_last = a("Last Event", lambda: self.step_to_end(first=False), "End")
        self.act_open_selected = a("Show &Sources", self.show_selected_sources, ["Return", "Enter"])
        self.act_search = a("&Find…", lambda: self.search.setFocus(), QKeySequence.Find)
        self.act_about = a("&About Timeline", self.about)
        self.act_sources_lane = a("Sources &Lane", lambda: self.set_sources_lane(
            self.act_sources_lane.isChecked()), "Ctrl+L",
            "Show each source document at its publication date")
        self.act_sources_lane.setCheckable(True)
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addAction(self.act_reload)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        view_menu = menu.addMenu("&View")
        for action in (self.act_fit, self.act_zoom_in, self.act_zoom_out, None, self.act_prev,
                       self.act_next, self.act_first, self.act_last, self.act_open_selected,
                       self.act_search):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.act_sources_lane)
        self.category_menu = view_menu.addMenu("&Categories")
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.act_about)
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        for action in (self.act_open, self.act_reload, self.act_export, None, self.act_fit,
                       self.act_zoom_in, self.act_zoom_out, None, self.act_prev, self.act_next):
            bar.addSeparator() if action is None else bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.search)

    # --- files ----------------------------------------------------------------------------
    def open_path(self, path: str | Path | None) -> bool:
        """Load a file now; on failure show its problems and keep whatever is on screen."""
        target = Path(path) if path else default_dataset()
        try:
            timeline: Timeline | LoadError = load_path(target)
        except LoadError as exc:
            timeline = exc
        return self._show_loaded(target, timeline)

    def open_file(self, path: str | Path | None) -> None:
        """Open from the user: large files load on a worker thread while the window stays live."""
        target = Path(path) if path else default_dataset()
        try:
            large = target.stat().st_size > BACKGROUND_BYTES
        except OSError:
            large = False
        if large:
            self._load_in_background(target)
        else:
            self.open_path(target)

    def _load_in_background(self, target: Path) -> None:
        if self._loading is not None:
            self.statusBar().showMessage("Still loading the previous file…", 4000)
            return
        self._loading = (target, self._executor.submit(load_prepared, target))
        self._progress.show()
        self._loading_label.setText(f"Loading {target.name}…")
        self._loading_label.show()
        self._poll_timer.start()

    def _poll_background_load(self) -> None:
        if self._loading is None or not self._loading[1].done():
            return
        target, future = self._loading
        self._loading = None
        self._poll_timer.stop()
        self._progress.hide()
        self._loading_label.hide()
        self._show_loaded(target, future.result())

    def is_loading(self) -> bool:
        return self._loading is not None

    def _show_loaded(self, target: Path, result: Timeline | Prepared | LoadError) -> bool:
        if isinstance(result, LoadError):
            kept = ("The previous timeline stays on screen." if self.picture
                    else "Fix the file and choose File > Reload.")
            self.errors.show_problems(target, result.problems, kept)
            self.statusBar().showMessage(f"{target.name}: {len(result.problems)} problem(s)", 10000)
            if self.picture is None:
                self.path = target
                self.watch.watch(target)
                self.panel.setPlainText(f"No timeline is open: {target.name} has problems "
                                        "(listed above). Fix them in your editor and save; the "
                                        "window reloads the file by itself.")
            return False
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        prepared = result if isinstance(result, Prepared) else None
        timeline = prepared.picture.timeline if prepared else result
        self._show_timeline(timeline, keep_view=same_file and self.picture is not None,
                            prepared=prepared)
        self.path = target
        self.watch.watch(target)
        self.errors.hide()
        self.setWindowTitle(f"{target.name} — {APP_NAME}")
        if target.resolve() != default_dataset().resolve():
            self._remember_recent(target)
        return True

    def reload(self) -> None:
        if self.path is None:
            return
        if self.path.exists() and self.path.stat().st_size > BACKGROUND_BYTES:
            self._load_in_background(self.path)
        elif self.open_path(self.path):
            self.statusBar().showMessage(f"Reloaded {self.path.name}", 4000)

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open timeline", start,
                                              "Timelines (*.yaml *.yml *.csv *.json);;All files (*)")
        if name:
            self.open_file(name)

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent() if Path(p) != path.resolve()]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self._recent():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _c=False, n=name: self.open_file(n))
        self.recent_menu.setEnabled(bool(self._recent()))

    # --- showing a timeline ---------------------------------------------------------------
    def _show_timeline(self, timeline: Timeline, keep_view: bool,
                       prepared: Prepared | None = None) -> None:
        old = self.picture
        selected_id = (old.timeline.columns.ids[old.selected]
                       if old is not None and old.selected >= 0 else None)
        view = self.canvas.x_range() if keep_view else None
        picture = prepared.picture if prepared else Picture.of(timeline)
        picture.show_sources_lane = self.act_sources_lane.isChecked()
        if old is not None:
            picture.hidden_categories = old.hidden_categories & set(timeline.categories)
        index = timeline.index_of(selected_id) if selected_id else None
        picture.selected = index if index is not None else -1
        self.picture = picture
        self._haystacks = prepared.haystacks if prepared else timeline.columns.search_texts()
        apply_picture(self.canvas, picture)
        self._fill_category_menu()
        self._apply_filters()
        if view is not None:
            self.canvas.set_x_range(*view)
        else:
            self.canvas.fit_all()
        self._show_selection()

    def _apply_filters(self) -> None:
        picture = self.picture
        if picture is None:
            return
        needle = self.search.text().strip().casefold()
        mask = None
        if needle:
            mask = np.fromiter((needle in h for h in self._haystacks), bool, len(self._haystacks))
        picture.update_shown(mask)
        self.canvas.item.set_shown(picture.shown)
        self.canvas.legend.set_hidden(picture.hidden_categories)
        total = len(picture.timeline.events)
        shown = total if picture.shown is None else int(picture.shown.sum())
        text = f"{total} events · {len(picture.timeline.sources)} sources"
        if shown != total:
            text = f"{shown} of {total} events shown · {len(picture.timeline.sources)} sources"
        self.count_label.setText(text)

    def _fill_category_menu(self) -> None:
        self.category_menu.clear()
        if self.picture is None:
            return
        show_all = self.category_menu.addAction("Show All")
        show_all.triggered.connect(self.show_all_categories)
        self.category_menu.addSeparator()
        for category in self.picture.timeline.categories:
            action = self.category_menu.addAction(category)
            action.setCheckable(True)
            action.setChecked(category not in self.picture.hidden_categories)
            action.toggled.connect(lambda on, c=category: self.set_category_shown(c, on))

    def set_sources_lane(self, shown: bool) -> None:
        """Show or hide the lane of source documents; remembered between runs."""
        if self.act_sources_lane.isChecked() != shown:
            self.act_sources_lane.setChecked(shown)
        self.settings.setValue("view/sources_lane", "true" if shown else "false")
        if self.picture is not None:
            self.picture.show_sources_lane = shown
            apply_evidence_options(self.canvas, self.picture)
            self.canvas.item.update()

    def set_category_shown(self, category: str, shown: bool) -> None:
        if self.picture is None:
            return
        hidden = self.picture.hidden_categories
        hidden.discard(category) if shown else hidden.add(category)
        for action in self.category_menu.actions():
            if action.text() == category and action.isChecked() != shown:
                action.blockSignals(True)
                action.setChecked(shown)
                action.blockSignals(False)
        self._apply_filters()

    def toggle_category(self, category: str) -> None:
        if self.picture is not None:
            self.set_category_shown(category, category in self.picture.hidden_categories)

    def show_all_categories(self) -> None:
        if self.picture is not None:
            for category in list(self.picture.hidden_categories):
                self.set_category_shown(category, True)

    # --- selection ------------------------------------------------------------------------
    def select_event(self, index: int) -> None:
        if self.picture is None:
            return
        self.picture.selected = index
        self.canvas.item.set_selected(index)
        self._show_selection()

    def _show_selection(self) -> None:
        picture = self.picture
        if picture is None:
            return
        if picture.selected < 0:
            self.panel.setHtml(overview_html(picture.timeline))
            return
        event = picture.timeline.events[picture.selected]
        self.panel.setHtml(event_html(event, picture.timeline, self._has_document))
        self.statusBar().showMessage(f"{event.when.text()} — {event.title}", 6000)

    def _shown_indices(self) -> np.ndarray:
        picture = self.picture
        assert picture is not None
        n = len(picture.timeline.events)
        return np.arange(n) if picture.shown is None else np.flatnonzero(picture.shown)

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) shown event and keep it in view."""
        if self.picture is None:
            return
        shown = self._shown_indices()
        if not len(shown):
            return
        current = self.picture.selected
        if current < 0:
            lo, hi = self.canvas.x_range()
            inside = shown[(self.picture.arrays.x[shown] >= lo) & (self.picture.arrays.x[shown] <= hi)]
            pool = inside if len(inside) else shown
            target = int(pool[0] if direction > 0 else pool[-1])
        else:
            pos = np.searchsorted(shown, current)
            pos = pos + 1 if direction > 0 and pos < len(shown) and shown[pos] == current else pos
            pos = pos - 1 if direction < 0 else pos
            if pos < 0 or pos >= len(shown):
                return
            target = int(shown[pos])
        self._select_and_reveal(target)

    def step_to_end(self, first: bool) -> None:
        if self.picture is None:
            return
        shown = self._shown_indices()
        if len(shown):
            self._select_and_reveal(int(shown[0] if first else shown[-1]))

    def _select_and_reveal(self, index: int) -> None:
        assert self.picture is not None
        self.select_event(index)
        arrays = self.picture.arrays
        self.canvas.pan_to_show(float(arrays.x0[index]), float(arrays.x1[index]))

    def show_selected_sources(self) -> None:
        if self.picture is not None and self.picture.selected >= 0:
            self._show_selection()
            self.panel.verticalScrollBar().setValue(0)

    # --- documents ------------------------------------------------------------------------
    def _document_folders(self) -> list[Path]:
        folders = [self.path.parent] if self.path else []
        if self.documents_dir is not None:
            folders.append(self.documents_dir)
        return folders

    def _has_document(self, source: Source) -> bool:
        return resolve_document(source, self._document_folders()) is not None

    def show_in_document(self, excerpt_index: int) -> DocumentDialog | None:
        picture = self.picture
        if picture is None or picture.selected < 0:
            return None
        event = picture.timeline.events[picture.selected]
        if not 0 <= excerpt_index < len(event.excerpts):
            return None
        excerpt = event.excerpts[excerpt_index]
        source = picture.timeline.sources[excerpt.source]
        path = resolve_document(source, self._document_folders())
        if path is None:
            self.statusBar().showMessage(f"No local copy of {source.title}", 6000)
            return None
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            self.statusBar().showMessage(f"Cannot read {path.name}: {exc.strerror}", 8000)
            return None
        dialog = DocumentDialog(source.title, text, find_quote(text, excerpt.quote), self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    # --- export, about, settings ----------------------------------------------------------
    def export_dialog(self) -> None:
        from timeline_app.view.export_dialog import run_export_dialog

        if self.picture is not None:
            run_export_dialog(self, self.picture, self.canvas, self.settings)

    def about(self) -> QMessageBox:
        from timeline_app.about import about_text

        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.PlainText)
        box.setText(about_text(str(self.path) if self.path else None))
        box.open()
        return box

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([640, 260])
        self._fill_recent_menu()
        lane = str(self.settings.value("view/sources_lane", "false")).lower() == "true"
        self.act_sources_lane.setChecked(lane)

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._executor.shutdown(wait=False, cancel_futures=True)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)  # type: ignore[arg-type]
