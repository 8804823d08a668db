"""File > Export Image (filled in by the export work)."""


def run_export_dialog(window, picture, canvas, settings) -> None:  # type: ignore[no-untyped-def]
    window.statusBar().showMessage("Export is not available yet", 4000)
