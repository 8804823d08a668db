"""The model and layout are pure: importing them never loads Qt."""

import subprocess
import sys


def test_model_imports_no_qt():
    code = (
        "import sys, timeline_app.model, timeline_app.model.quotes, timeline_app.model.serialize\n"
        "import timeline_app.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'pyqtgraph'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
