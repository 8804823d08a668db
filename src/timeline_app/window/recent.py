"""File > Open Recent: the last files opened, kept in the settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

MAX_RECENT = 10


class RecentFiles:
    def __init__(self, settings: QSettings, menu: QMenu, open_file: Callable[[str], None]) -> None:
        self.settings = settings
        self.menu = menu
        self.open_file = open_file
        self.fill_menu()

    def paths(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):  # some settings back-ends return a one-item list as its item
            return [value]
        return [str(v) for v in value] if isinstance(value, Iterable) else []

    def remember(self, path: Path) -> None:
        recent = [p for p in self.paths() if Path(p) != path.resolve()]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self.fill_menu()

    def fill_menu(self) -> None:
        self.menu.clear()
        for name in self.paths():
            action = self.menu.addAction(name)
            action.triggered.connect(lambda _c=False, n=name: self.open_file(n))
        self.menu.setEnabled(bool(self.paths()))
