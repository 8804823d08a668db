"""The main window's excerpt and link commands (show in document, copy a quote), search
stepping, theme, panel placement, era, categories and the sources lane, export, print and
About: commands that only read the window's parts (kept apart so each module stays small)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox, QSplitter, QWidget

from timeline_app import APP_NAME
from timeline_app.model.events import Excerpt
from timeline_app.presentation.search import count_text, step_match
from timeline_app.presentation.source_html import quote_with_citation
from timeline_app.presentation.swimlanes import GROUPINGS
from timeline_app.presentation.view_state import ViewState
from timeline_app.view import style
from timeline_app.view.canvas import TimelineCanvas
from timeline_app.window.documents import DocumentFinder
from timeline_app.window.error_panel import ErrorPanel
from timeline_app.window.menus import Actions, fill_category_menu, fill_lanes_menu, sync_lanes_menu
from timeline_app.window.search_bar import SearchBar
from timeline_app.window.source_panel import SourcePanel, copy_rich_text

if TYPE_CHECKING:  # the dialogs and the About text are imported when first opened: not at start-up
    from timeline_app.window.edit_menu import EditMenu


class WindowCommands(QMainWindow):
    """Mixed into MainWindow, which sets these parts up."""

    state: ViewState | None
    path: Path | None
    settings: QSettings
    canvas: TimelineCanvas
    panel: SourcePanel
    errors: ErrorPanel
    splitter: QSplitter
    search: QLineEdit
    search_bar: SearchBar
    count_label: QLabel
    actions_: Actions
    documents: DocumentFinder
    edit_menu: EditMenu
    category_menu: QMenu
    act_sources_lane: QAction
    _theming: bool

    def _on_selection_changed(self) -> None:
        raise NotImplementedError

    def _select_and_reveal(self, index: int) -> None:
        raise NotImplementedError

    # --- view settings --------------------------------------------------------------------
    def _fill_category_menu(self) -> None:
        if self.state is not None:
            fill_category_menu(
                self.category_menu,
                self.state.timeline.categories,
                self.state.hidden_categories,
                self.show_all_categories,
                self.set_category_shown,
            )

    def set_era(self, era: str) -> None:
        """BC/AD or BCE/CE in the axis, the panel and tooltips; remembered between runs."""
        if self.actions_.era.isChecked() != (era == "BCE"):
            self.actions_.era.setChecked(era == "BCE")
        self.settings.setValue("view/era", era)
        if self.state is not None:
            self.state.set_era(era)
            self._on_selection_changed()

    def set_sources_lane(self, shown: bool) -> None:
        """Show or hide the lane of source documents; remembered between runs."""
        if self.act_sources_lane.isChecked() != shown:
            self.act_sources_lane.setChecked(shown)
        self.settings.setValue("view/sources_lane", "true" if shown else "false")
        if self.state is not None:
            self.state.set_sources_lane(shown)

    def set_category_shown(self, category: str, shown: bool) -> None:
        if self.state is not None:
            self.state.set_category_shown(category, shown)

    def toggle_category(self, category: str) -> None:
        if self.state is not None:
            self.set_category_shown(category, category in self.state.hidden_categories)

    def show_all_categories(self) -> None:
        if self.state is not None:
            self.state.show_only_categories(None)

    def _connect_links(self) -> None:
        """Links between events: the panel's and the arcs' labels go to the other event; a link's
        quote opens in its source's document."""
        self.canvas.item.sigLinkClicked.connect(self.go_to_event)
        self.panel.sigGoToEvent.connect(self.go_to_event)
        self.panel.sigShowLinkDocument.connect(self.show_link_in_document)

    def _selected_excerpt(self, excerpt_index: int) -> tuple[ViewState, Excerpt] | None:
        """The selected event's excerpt number `excerpt_index`, with the state it belongs to."""
        state = self.state
        if state is None or state.selected < 0:
            return None
        excerpts = state.timeline.events[state.selected].excerpts
        return (state, excerpts[excerpt_index]) if 0 <= excerpt_index < len(excerpts) else None

    def show_in_document(self, excerpt_index: int) -> QWidget | None:
        """Open the selected event's excerpt in its local document, the passage highlighted."""
        found = self._selected_excerpt(excerpt_index)
        if found is None:
            return None
        state, excerpt = found
        dialog = self.documents.show(state.timeline.sources[excerpt.source], excerpt)
        return self.edit_menu.attach(dialog, excerpt.source)

    def copy_quote(self, excerpt_index: int) -> str | None:
        """Put the selected event's excerpt with its citation on the clipboard (text and HTML)."""
        found = self._selected_excerpt(excerpt_index)
        if found is None:
            return None
        state, excerpt = found
        plain, rich = quote_with_citation(excerpt, state.timeline.sources.get(excerpt.source))
        copy_rich_text(plain, rich)
        self.statusBar().showMessage("Copied the quote with its citation", 4000)
        return plain

    def show_link_in_document(self, place: int) -> QWidget | None:
        """Open the document that states the selected event's link number `place` (in the
        order of `ViewState.link_rows`), the quote lit up."""
        state = self.state
        rows = state.link_rows(state.selected) if state is not None else []
        link = rows[place].link if 0 <= place < len(rows) else None
        source = state.timeline.sources.get(link.source or "") if state and link else None
        if link is None or source is None or not link.quote:
            return None
        excerpt = Excerpt(source.id, link.quote, prefix=link.prefix, suffix=link.suffix)
        return self.documents.show(source, excerpt)

    def go_to_event(self, index: int) -> None:
        """Follow a link between events: select the other event and bring it into view."""
        state = self.state
        if state is None or not 0 <= index < len(state.arrays):
            return
        self._select_and_reveal(index)
        if state.shown is not None and not state.shown[index]:
            self.statusBar().showMessage(
                "The linked event is hidden by the search or a hidden category; its sources are below", 8000
            )

    def _on_search_edited(self, text: str | None = None) -> None:
        if self.state is not None:
            self.state.set_search(self.search.text() if text is None else text)
            self._on_selection_changed()  # the panel marks the new words

    def step_match(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) search match, wrapping around, and show it."""
        if self.search_bar.pending():
            self.search_bar.flush()
        state = self.state
        if state is None or not state.search_text:
            return
        target = step_match(state.shown_indices(), state.selected, direction)
        if target is not None:
            self._select_and_reveal(target)

    def clear_search(self) -> None:
        """Escape in the search box: clear it; pressed again on an empty box, back to the timeline."""
        if self.search.text():
            self.search_bar.clear()
        else:
            self.canvas.setFocus()

    def _update_match_count(self) -> None:
        state = self.state
        if state is None or not state.search_text:
            self.search_bar.count.setText("")
            return
        self.search_bar.count.setText(count_text(state.shown_indices(), state.selected))

    # --- look: theme and layout -----------------------------------------------------------
    def apply_theme(self) -> None:
        """Follow the palette: the canvas, legend and panel repaint in its light or dark colours."""
        if self._theming:
            return
        self._theming = True
        try:
            theme = style.apply_palette(self.palette())
            # The panel's focus frame is a style sheet, and a widget with one does not inherit a
            # palette set on its parent: hand it the window's, or dark text would sit on white.
            self.panel.setPalette(self.palette())
            self.canvas.setBackground(style.BACKGROUND)
            if self.state is not None:
                self.canvas.item.set_state(self.state)  # tints are mixed into the background
                self._on_selection_changed()
            self.errors.apply_palette(dark=theme.dark)
            self.canvas.viewport().update()
        finally:
            self._theming = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.apply_theme()

    def set_panel_beside(self, beside: bool) -> None:
        """The source panel beside the timeline (True) or below it; remembered between runs."""
        if self.actions_.panel_beside.isChecked() != beside:
            self.actions_.panel_beside.setChecked(beside)
        self.settings.setValue("view/panel_beside", "true" if beside else "false")
        orientation = Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            total = sum(self.splitter.sizes()) or 900
            self.splitter.setSizes([round(total * 0.68), total - round(total * 0.68)])

    def set_swimlanes(self, by: str) -> None:
        """Rows grouped by a field ("category", "source") or one timeline (""); remembered."""
        by = by if by in GROUPINGS else ""
        self.settings.setValue("view/swimlanes", by)
        sync_lanes_menu(self.actions_.lanes_menu, by)
        if self.state is not None:
            self.state.set_swimlanes(by)

    def swimlanes_by(self) -> str:
        by = str(self.settings.value("view/swimlanes", ""))
        return by if by in GROUPINGS else ""

    def _setup_lanes_menu(self) -> None:
        fill_lanes_menu(self.actions_.lanes_menu, GROUPINGS, self.set_swimlanes)
        sync_lanes_menu(self.actions_.lanes_menu, self.swimlanes_by())

    # --- export, about, settings ----------------------------------------------------------
    def export_dialog(self) -> None:
        from timeline_app.window.export_dialog import run_export_dialog

        if self.state is not None:
            # A picture to publish is drawn in the light theme whatever the desktop's: the
            # preview and the file alike (the dialog is modal; the window repaints after it).
            with style.themed(style.LIGHT):
                run_export_dialog(self, self.state, self.canvas, self.settings)
            self.canvas.viewport().update()

    def print_dialog(self) -> None:
        """File > Print: the current view on one landscape page, drawn like an export."""
        from timeline_app.window.export_dialog import run_print_dialog

        if self.state is not None:
            with style.themed(style.LIGHT):
                run_print_dialog(self, self.state, self.canvas, self.settings)
            self.canvas.viewport().update()

    def about(self) -> QMessageBox:
        from timeline_app.about import about_text  # importlib.metadata: 20 ms

        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(about_text(str(self.path) if self.path else None))
        box.open()
        return box
