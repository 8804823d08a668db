"""Start the desktop app."""

from __future__ import annotations

from pathlib import Path

from timeline_app import APP_NAME, ORG_NAME, __version__
from timeline_app.render import ensure_app


def app_icon():  # type: ignore[no-untyped-def]
    """The application icon, with every PNG size we ship."""
    from PySide6.QtGui import QIcon

    from timeline_app.resources import resource_dir

    icon = QIcon()
    for png in sorted(resource_dir().glob("timeline-*.png")):
        icon.addFile(str(png))
    return icon


def run_gui(file: str | None, documents: str | None = None) -> int:
    app = ensure_app()
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    from timeline_app.view.main_window import MainWindow

    app.setWindowIcon(app_icon())

    window = MainWindow(documents_dir=Path(documents) if documents else None)
    window.open_path(file)
    window.show()
    window.canvas.setFocus()
    return app.exec()
