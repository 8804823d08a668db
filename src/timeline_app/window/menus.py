"""The window's actions, menus and toolbar: what each command is called and its shortcut."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

Shortcut = QKeySequence.StandardKey | str | list[QKeySequence.StandardKey | str] | None


@dataclass
class Actions:
    open: QAction
    reload: QAction
    export: QAction
    print: QAction
    quit: QAction
    fit: QAction
    zoom_in: QAction
    zoom_out: QAction
    prev: QAction
    next: QAction
    first: QAction
    last: QAction
    open_selected: QAction
    search: QAction
    deselect: QAction
    panel_beside: QAction
    about: QAction
    sources_lane: QAction
    era: QAction
    recent_menu: QMenu
    category_menu: QMenu
    lanes_menu: QMenu
    file_menu: QMenu


def _action(
    window: QMainWindow, text: str, slot: Callable[[], object], shortcut: Shortcut = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(w: QMainWindow, slots: dict[str, Callable[[], object]], search: QWidget) -> Actions:
    """Menus (File, View, Help) and the toolbar, each action wired to `slots[name]`."""

    def a(name: str, text: str, shortcut: Shortcut = None, tip: str = "") -> QAction:
        return _action(w, text, slots[name], shortcut, tip)

    acts = dict(
        open=a("open", "&Open…", QKeySequence.StandardKey.Open),
        reload=a("reload", "&Reload", [QKeySequence.StandardKey.Refresh, "Ctrl+R"]),
        export=a("export", "&Export Image…", "Ctrl+E"),
        print=a("print", "&Print…", QKeySequence.StandardKey.Print),
        quit=a("quit", "&Quit", QKeySequence.StandardKey.Quit),
        fit=a("fit", "&Fit All", "F"),
        zoom_in=a("zoom_in", "Zoom &In", [QKeySequence.StandardKey.ZoomIn, "+", "="]),
        zoom_out=a("zoom_out", "Zoom &Out", [QKeySequence.StandardKey.ZoomOut, "-"]),
        prev=a("prev", "&Previous Event", "Left"),
        next=a("next", "&Next Event", "Right"),
        first=a("first", "First Event", "Home"),
        last=a("last", "Last Event", "End"),
        open_selected=a("open_selected", "Show &Sources", ["Return", "Enter"]),
        search=a("search", "&Find…", QKeySequence.StandardKey.Find),
        deselect=a(
            "deselect", "&Clear Selection", "Escape", "Deselect the event; the panel shows the overview"
        ),
        panel_beside=a(
            "panel_beside", "Sources &Beside Timeline", "Ctrl+B", "Show the source panel beside the timeline"
        ),
        about=a("about", "&About Timeline"),
        sources_lane=a(
            "sources_lane", "Sources &Lane", "Ctrl+L", "Show each source document at its publication date"
        ),
        era=a("era", "Years as &BCE/CE", tip="Write years before AD 1 as BCE/CE instead of BC/AD"),
    )
    acts["sources_lane"].setCheckable(True)
    acts["era"].setCheckable(True)
    acts["panel_beside"].setCheckable(True)
    menu = w.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(acts["open"])
    recent_menu = file_menu.addMenu("Open &Recent")
    _add(file_menu, [acts["reload"], None, acts["export"], acts["print"], None, acts["quit"]])
    view_menu = menu.addMenu("&View")
    _add(
        view_menu,
        [
            acts[k] if k else None
            for k in (
                "fit",
                "zoom_in",
                "zoom_out",
                None,
                "prev",
                "next",
                "first",
                "last",
                "open_selected",
                "deselect",
                "search",
                None,
                "sources_lane",
                "panel_beside",
                "era",
            )
        ],
    )
    category_menu = view_menu.addMenu("&Categories")
    lanes_menu = view_menu.addMenu("S&wimlanes")
    menu.addMenu("&Help").addAction(acts["about"])
    bar = w.addToolBar("Main")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    for key in ("open", "reload", "export", None, "fit", "zoom_in", "zoom_out", None, "prev", "next", None):
        bar.addSeparator() if key is None else bar.addAction(acts[key])
    bar.addWidget(search)
    return Actions(
        **acts,
        recent_menu=recent_menu,
        category_menu=category_menu,
        lanes_menu=lanes_menu,
        file_menu=file_menu,
    )


def _add(menu: QMenu, actions: list[QAction | None]) -> None:
    for action in actions:
        menu.addSeparator() if action is None else menu.addAction(action)


def fill_category_menu(
    menu: QMenu,
    categories: Sequence[str],
    hidden: set[str],
    show_all: Callable[[], object],
    set_shown: Callable[[str, bool], object],
) -> None:
    """View > Categories: Show All, then one checkable entry per category."""
    menu.clear()
    menu.addAction("Show All").triggered.connect(lambda _checked=False: show_all())
    menu.addSeparator()
    for category in categories:
        action = menu.addAction(category)
        action.setCheckable(True)
        action.setChecked(category not in hidden)
        action.toggled.connect(lambda on, c=category: set_shown(c, on))


def sync_category_menu(menu: QMenu, hidden: set[str]) -> None:
    """Tick the shown categories without announcing it (the state already knows)."""
    for action in menu.actions():
        if action.isCheckable():
            action.blockSignals(True)
            action.setChecked(action.text() not in hidden)
            action.blockSignals(False)


def fill_lanes_menu(menu: QMenu, groupings: dict[str, str], set_by: Callable[[str], object]) -> None:
    """View > Swimlanes: one timeline, or one lane per category, per source..."""
    menu.clear()
    group = QActionGroup(menu)
    for key, text in {"": "&None (One Timeline)", **{k: f"By {v}" for k, v in groupings.items()}}.items():
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setData(key)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, k=key: set_by(k))


def sync_lanes_menu(menu: QMenu, by: str) -> None:
    for action in menu.actions():
        action.setChecked(action.data() == by)
