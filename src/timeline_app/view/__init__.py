"""Qt views: the timeline canvas, the source panel, the main window and its dialogs."""

import os

# pyqtgraph picks PyQt6 before PySide6 when both are installed; we ship PySide6.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
