"""The main window, its panels and dialogs: they wire signals and never compute layout."""
