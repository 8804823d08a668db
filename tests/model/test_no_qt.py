"""The model and layout are pure: importing them never loads Qt."""

import subprocess
import sys


def test_model_layout_and_cli_import_no_qt():
    """The model, layout, panel text and data commands run without Qt (napari's rule)."""
    code = (
        "import sys, timeline_app.model, timeline_app.model.quotes, timeline_app.model.serialize\n"
        "import timeline_app.model.read_csv, timeline_app.model.read_json\n"
        "import timeline_app.model.evidence, timeline_app.model.documents\n"
        "import timeline_app.scene.compute, timeline_app.presentation.view_state\n"
        "import timeline_app.presentation.source_html, timeline_app.cli, timeline_app.desktop\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'pyqtgraph'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
